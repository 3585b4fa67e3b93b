// git sub-commands that write files their operands name, with contents the caller picks (audit 32,
// QQ-8, QQ-9, RR-2, RR-3): `git mailinfo MSG PATCH` writes a mail's body and patch, `git mailsplit
// -oDIR` numbered files in DIR, `git interpret-trailers --in-place FILE…` each file, `git
// merge-one-file … PATH …` a merged PATH, and `git worktree move|remove` take a checkout's whole
// folder somewhere else or away.
import { readWords, treeWrite as tree, withValue, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

/** `git mailinfo [-k|-b|-u|-n|-m|--encoding=E|--scissors…] MSG PATCH`. */
function mailinfoWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: '', long: [] });
  return w.operands.slice(0, 2).map((file) => ({ file, by: 'git mailinfo', kind: 'content' as const }));
}

/** `git mailsplit -oDIR [MBOX…]` (git reads the folder attached; a separate word is read too, failing closed). */
function mailsplitWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '--') break;
    if (a.value === '-o' && args[i + 1] !== undefined) out.push(tree(args[++i] as Arg, 'git mailsplit -o'));
    else if (a.value.startsWith('-o')) out.push(tree(withValue(a, a.value.slice(2)), 'git mailsplit -o'));
  }
  return out;
}

/** `git interpret-trailers --in-place FILE…` rewrites each file. */
function trailerWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: '', long: ['--trailer', '--where', '--if-exists', '--if-missing'] });
  if (![...w.flags].some((f) => f.length >= 4 && '--in-place'.startsWith(f))) return [];
  return w.operands.map((file) => ({ file, by: 'git interpret-trailers --in-place', kind: 'content' as const }));
}

/** `git merge-one-file ORIG OURS THEIRS PATH MODE…`: PATH gets the merged contents. */
function mergeOneFileWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const path = args[at + 4];
  return path === undefined ? [] : [{ file: path, by: 'git merge-one-file', kind: 'content' }];
}

/** `git worktree move SRC DST` puts a checkout's whole folder at DST; `remove PATH` takes PATH away. */
function worktreeWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const verb = args[at + 1]?.value;
  if (verb !== 'move' && verb !== 'remove') return [];
  const w = readWords(args, at + 2, { valued: '', long: ['--reason'] });
  const [first, second] = w.operands;
  if (verb === 'remove') return first === undefined ? [] : [{ file: first, by: 'git worktree remove', kind: 'removeTree' }];
  return [
    ...(first === undefined ? [] : [{ file: first, by: 'git worktree move', kind: 'removeTree' as const }]),
    ...(second === undefined ? [] : [tree(second, 'git worktree move')]),
  ];
}

/** The writes of these sub-commands (`verb` at `at`), or []. */
export function gitPlumbingWrites(args: readonly Arg[], at: number, verb: string): OperandWrite[] {
  switch (verb) {
    case 'mailinfo':
      return mailinfoWrites(args, at);
    case 'mailsplit':
      return mailsplitWrites(args, at);
    case 'interpret-trailers':
      return trailerWrites(args, at);
    case 'merge-one-file':
      return mergeOneFileWrites(args, at);
    case 'worktree':
      return worktreeWrites(args, at);
    default:
      return [];
  }
}
