// Batch renamers move files as mv does (audit 30, JJ-7): what they take away is removed (the
// entry and what a folder holds), what they make is written. util-linux `rename FROM TO FILE…`
// names both; Perl's `rename`/`file-rename`/`prename`/`perl-rename EXPR FILE…` runs EXPR as Perl
// code, which asks unless it is a plain `s///` or `y///`, and its new names are only worked out
// for a substitution JavaScript reads the same way. `rename` may be either program, so both
// readings count. `mmv FROM TO` takes patterns; `vidir` renames in an editor.
import { has, hasLong, HERE, madeArg, readWords, withValue, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

const taken = (file: Arg, by: string): OperandWrite => ({ file, by, kind: 'removeTree' });
/** A new name, which holds what the old one held when it was a folder. */
const made = (file: Arg, by: string): OperandWrite[] => [{ file, by, kind: 'content', mayBeFolder: true }, { file, by, kind: 'tree' }];
/** A write whose place is only known when the program runs: it asks. */
const unknown = (by: string, why: string): OperandWrite => ({ file: madeArg('*', why), by, kind: 'content' });

/** util-linux `rename [-a|-l] FROM TO FILE…`: FROM's first (`-l` last, `-a` every) occurrence in each name becomes TO. */
function utilLinuxNames(from: string, to: string, file: Arg, all: boolean, last: boolean): Arg[] {
  if (from === '') return [];
  // Without a slash in FROM only the last segment changes; older versions change the whole path.
  const slash = file.value.lastIndexOf('/') + 1;
  const replace = (s: string): string => (all ? s.split(from).join(to) : last ? replaceAt(s, s.lastIndexOf(from), from, to) : replaceAt(s, s.indexOf(from), from, to));
  const names = new Set([replace(file.value), `${file.value.slice(0, slash)}${replace(file.value.slice(slash))}`]);
  names.delete(file.value);
  return [...names].map((n) => (file.dynamic === null ? withValue(file, n) : { ...file, value: n, pos: -1 }));
}

const replaceAt = (s: string, at: number, from: string, to: string): string => (at < 0 ? s : `${s.slice(0, at)}${to}${s.slice(at + from.length)}`);

/** `s/PAT/REPL/FLAGS` or `y/A/B/` (`tr`) with one delimiter throughout. */
const PERL_EDIT = /^(s|y|tr)([^\w\s])((?:\\.|(?!\2).)*)\2((?:\\.|(?!\2).)*)\2([a-z]*)$/s;

/**
 * Whether a Perl rename expression is only a substitution or transliteration: no `/e` flag, and
 * nothing interpolated that could run code (`@{[…]}`, `${\ …}`, `$x[…]`); `$N` and a `$` anchor are fine.
 */
function plainEdit(expr: string): RegExpExecArray | null {
  const m = PERL_EDIT.exec(expr);
  if (m === null) return null;
  const [, op, , pattern = '', replacement = '', flags = ''] = m;
  if (op !== 's') return /^[cdsr]*$/.test(flags) ? m : null;
  if (!/^[gimsxr]*$/.test(flags)) return null;
  if (/[@`]|\(\?\??\{/.test(pattern) || /\$(?![|)]|$)/.test(pattern)) return null;
  return /[@`]|\$(?!\d)/.test(replacement) ? null : m;
}

/** The new name of `path` under a plain `s///` JavaScript reads alike, or undefined when that is not known here. */
function substituted(edit: RegExpExecArray, path: string): string | undefined {
  const [, op, , pattern = '', replacement = '', flags = ''] = edit;
  if (op !== 's' || !/^[gi]*$/.test(flags) || !/^(?:[\w .^$|()[\]*+?{},-]|\\[.\\/dwsDWS()[\]{}^$|*+?-])*$/.test(pattern)) return undefined;
  if (!/^(?:[\w .,+=~#%-]|\$\d|\\\d)*$/.test(replacement)) return undefined;
  try {
    return path.replace(new RegExp(pattern.replace(/\\\//g, '/'), flags), replacement.replace(/\\(\d)/g, '$$$1'));
  } catch {
    return undefined;
  }
}

/** Perl rename's options that take a value; `-e`/`-E` give the expression. */
const PERL_RENAME = {
  valued: 'eEBSVYzu',
  long: ['--backup', '--basename-prefix', '--prefix', '--suffix', '--version-control', '--expr'],
  flags: ['--filename', '--nopath', '--path', '--fullpath', '--no-act', '--dry-run', '--just-print', '--verbose', '--force', '--interactive', '--no-stdin', '--all', '--last', '--symlink', '--no-overwrite'],
};

/** The Perl reading: EXPR (or the `-e` ones) runs on each name, read from the input without files. */
function perlRenameWrites(w: ReturnType<typeof readWords>, name: string): OperandWrite[] {
  const given = [...(w.values.get('-e') ?? []), ...(w.values.get('-E') ?? []), ...(w.values.get('--expr') ?? [])];
  const exprs = given.length > 0 ? given : w.operands.slice(0, 1);
  const files = given.length > 0 ? w.operands : w.operands.slice(1);
  const edits = exprs.map((e) => (e.dynamic === null ? plainEdit(e.value) : null));
  const out: OperandWrite[] = [];
  if (exprs.length === 0) return out;
  if (edits.some((e) => e === null)) out.push(unknown(name, `${name} runs its first operand as Perl code, which may run commands and write any file`));
  if (has(w, '-n') || hasLong(w, '--no-act', 5) || hasLong(w, '--dry-run', 3) || hasLong(w, '--just-print', 3)) return out;
  if (files.length === 0) return [...out, unknown(name, `names ${name} reads from its input`)];
  const basename = has(w, '-d') || hasLong(w, '--filename', 4) || hasLong(w, '--nopath', 4);
  for (const file of files) {
    out.push(taken(file, name));
    let path: string | undefined = file.dynamic === null ? file.value : undefined;
    for (const edit of edits) path = path === undefined || edit === null || basename ? undefined : substituted(edit, path);
    if (path === undefined) out.push(unknown(name, `the new name ${name} gives ${file.value}`));
    else if (path !== file.value) out.push(...made(withValue(file, path), name));
  }
  return out;
}

/** `mmv [-c|-a|-l|-s] FROM TO`: FROM is a pattern, TO names with `#N` what it matched. */
function mmvWrites(w: ReturnType<typeof readWords>): OperandWrite[] {
  const [from, to] = w.operands;
  if (has(w, '-n')) return [];
  if (from === undefined || to === undefined) return [unknown('mmv', 'the pairs of names mmv reads from its input')];
  const out: OperandWrite[] = [];
  const pattern = (a: Arg, value: string): Arg => (a.dynamic === null && /[*?[#]/.test(value) ? { ...a, value, dynamic: 'glob', pos: -1 } : { ...a, value });
  if (!has(w, '-c', '-a', '-l', '-s')) out.push(taken(pattern(from, from.value), 'mmv'));
  if (has(w, '-l', '-s')) out.push(unknown('mmv', 'links mmv makes, which later writes may go through'));
  out.push(...made(pattern(to, to.value.replace(/#\d+/g, '*')), 'mmv'));
  return out;
}

/** `vidir [FILE|DIR…]` renames and removes what the editor's text says: any name in those folders. */
function vidirWrites(w: ReturnType<typeof readWords>): OperandWrite[] {
  const named = w.operands.filter((a) => a.value !== '-');
  const out: OperandWrite[] = named.length > 0 ? named.map((f) => taken(f, 'vidir')) : [{ file: HERE, by: 'vidir', kind: 'here' }];
  return [...out, unknown('vidir', 'the names vidir gives the files in its editor')];
}

/** What a batch renamer by `name` takes away and makes. */
export function renameWrites(args: readonly Arg[], name: string): OperandWrite[] {
  if (name === 'mmv') return mmvWrites(readWords(args, 1, { valued: '', long: [] }));
  if (name === 'vidir') return vidirWrites(readWords(args, 1, { valued: '', long: [] }));
  const w = readWords(args, 1, PERL_RENAME);
  const out = name === 'rename.ul' ? [] : perlRenameWrites(w, name);
  if (name !== 'rename' && name !== 'rename.ul') return out;
  // util-linux: `-n` acts on nothing; `-s` rewrites the target a link holds, which is the link itself.
  const [from, to, ...files] = w.operands;
  if (from === undefined || to === undefined || has(w, '-n') || hasLong(w, '--no-act', 5)) return out;
  for (const file of files) {
    out.push(taken(file, name));
    if (from.dynamic !== null || to.dynamic !== null) out.push(unknown(name, `the new name ${name} gives ${file.value}`));
    else for (const n of utilLinuxNames(from.value, to.value, file, has(w, '-a') || hasLong(w, '--all', 3), has(w, '-l') || hasLong(w, '--last', 3))) out.push(...made(n, name));
  }
  return out;
}
