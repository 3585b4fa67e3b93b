// Programs that write, empty, make or remove the files their operands name (audit round 23, T-1):
// `perl -i` and `ruby -i` rewrite files as `sed -i` does, `truncate` empties them, `tar -cf`
// writes its archive, `git checkout REV -- PATH` and `git restore --source` put older contents
// back, `rm`, `mkdir`, `touch` and `git rm` remove or make entries, and `tar -x -C`, `unzip -d`,
// `git clone URL DIR` and `git worktree add DIR` fill a folder.
import { scanGit } from './git.ts';
import { GIT_CLONE_OPTIONS, has, hasLong, HERE, madeArg, readWords, ROOT, valuesOf, type OperandWrite } from './operand-words.ts';
import { inPlaceWrites } from './sed.ts';
import { COMMITTED, gitTreeWrites } from './git-tree-writes.ts';
import { gitPatchWrites, unpackerWrites } from './unpack-writes.ts';
import { transferWrites } from './transfer-clients.ts';
import { folderSettingWrites } from './folder-settings.ts';
import { captureWrites } from './capture-outputs.ts';
import { formatterWrites } from './formatter-writes.ts';
import { reportWrites } from './report-writes.ts';
import { gitPlumbingWrites } from './git-plumbing-writes.ts';
import { toolOutputWrites } from './tool-outputs.ts';
import { writerOutputWrites } from './writer-outputs.ts';
import { mountWrites } from './mount-writes.ts';
import { cloudWrites } from './cloud-writes.ts';
import { hereWrites } from './here-writes.ts';
import type { Arg } from './words.ts';

export type { OperandWrite } from './operand-words.ts';

/** `perl -i[EXT]` / `ruby -i[EXT]`: the files after the script, and their backups. */
function inPlaceScriptWrites(name: string, args: readonly Arg[]): OperandWrite[] {
  // Options whose value is the rest of the word, or (for these) the next word when none is left.
  const nextValue = name === 'ruby' ? 'IrCEF' : 'I';
  let inPlace: string | null = null;
  let script = false;
  const files: Arg[] = [];
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') { i++; break; }
    if (!v.startsWith('-') || v === '-' || a.dynamic !== null) break;
    if (v.startsWith('--')) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const rest = v.slice(j + 1);
      if (ch === 'e' || ch === 'E') {
        script = true;
        if (rest === '') i++;
        break;
      }
      if (ch === 'i') { inPlace = rest; break; }
      if (nextValue.includes(ch)) { if (rest === '') i++; break; }
      // -0 and -l take digits (`-0777pi`, `-lpi`), and the cluster goes on after them.
      if (ch === '0' || ch === 'l') {
        const digits = /^(?:x[0-9a-fA-F]*|[0-7]*)/.exec(rest)?.[0] ?? '';
        j += ch === 'l' && digits.startsWith('x') ? 0 : digits.length;
        continue;
      }
      // Values that only come attached: perl's -M, -m, -x, -F, -d, -D, -C.
      if ('MmxFdDC'.includes(ch)) break;
    }
  }
  // Without -e, the first word left is the script file.
  if (!script) i++;
  for (; i < args.length; i++) files.push(args[i] as Arg);
  if (inPlace === null) return [];
  return files.flatMap((f) => inPlaceWrites(f, inPlace ?? '', `${name} -i`)).map(({ file, option }) => ({ file, by: option, kind: 'content' as const }));
}

/** tar's mode letters and the values of its short options, for old-style `tar czf F` too. */
const TAR_VALUED = 'bCfFgHIKLNTVX';

function tarWrites(args: readonly Arg[]): OperandWrite[] {
  let words: Arg[] = [...args];
  // Old style: the first word is a cluster without a dash whose value letters take the next words
  // in order (`tar xCf out a.tar`): spelt out as separate options.
  const first = args[1];
  if (first !== undefined && first.dynamic === null && /^[a-zA-Z]+$/.test(first.value)) {
    const spelt: Arg[] = [args[0] as Arg];
    let next = 2;
    for (const letter of first.value) {
      spelt.push({ ...first, value: `-${letter}`, pos: -1 });
      if (TAR_VALUED.includes(letter) && args[next] !== undefined) spelt.push(args[next++] as Arg);
    }
    words = [...spelt, ...args.slice(next)];
  }
  const w = readWords(words, 1, { valued: TAR_VALUED, long: ['--file', '--directory', '--files-from', '--exclude-from', '--listed-incremental', '--one-top-level', '--index-file', '--volno-file'] });
  // Files tar writes in any mode (audit 45, BD-5): the listing `--index-file` sends elsewhere, the
  // snapshot `-g` rewrites at the end, the volume number `--volno-file` updates.
  const out: OperandWrite[] = valuesOf(w, '--index-file', '-g', '--listed-incremental', '--volno-file').map((file) => ({ file, by: 'tar', kind: 'content' }));
  const longMode = (mode: string): boolean => [...w.flags].some((f) => f.length >= 4 && f.startsWith('--') && mode.startsWith(f.slice(2)));
  const creates = has(w, '-c', '-r', '-u', '-A') || longMode('create') || longMode('append') || longMode('update') || longMode('concatenate');
  const extracts = has(w, '-x') || longMode('extract') || longMode('get');
  const archives = valuesOf(w, '-f', '--file').filter((f) => f.dynamic !== null || f.value !== '-');
  if (creates) for (const file of archives) out.push({ file, by: 'tar -f', kind: 'content' });
  if (!extracts) return out;
  const dirs = valuesOf(w, '-C', '--directory', '--one-top-level');
  for (const dir of dirs) out.push({ file: dir, by: 'tar -x -C', kind: 'tree' });
  // -P keeps absolute and `..` member names: the archive may write anywhere.
  if (has(w, '-P') || hasLong(w, '--absolute-names', 4)) out.push({ file: ROOT, by: 'tar -x -P', kind: 'tree' });
  // Unpacked where the shell stands (`cd .kiro/settings && tar -xf x.tar`).
  if (dirs.length === 0) out.push({ file: HERE, by: 'tar -x', kind: 'here' });
  // Members named on the command line land under the folder (the last -C), or here.
  const into = dirs[dirs.length - 1];
  for (const member of w.operands) {
    const file = into === undefined ? member : { ...member, value: `${into.value.replace(/\/+$/, '')}/${member.value}`, dynamic: into.dynamic ?? member.dynamic };
    out.push({ file, by: 'tar -x', kind: 'content' });
  }
  return out;
}

/**
 * The folder `git clone URL` makes: the URL's last segment without `.git` (`https://x/u/.kiro` ->
 * `.kiro`, `host:a/b.git` -> `b`); a URL only known at run time gives a folder only known then.
 */
function folderOfUrl(url: Arg | undefined): Arg | undefined {
  if (url === undefined) return undefined;
  if (url.dynamic !== null) return { ...url, value: '*' };
  const path = url.value.replace(/[/\\]+$/, '').replace(/\/\.git$/, '').replace(/\.git$/, '');
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
  if (name === '' || name === '.' || name === '..') return undefined;
  return { value: name, dynamic: null, split: false, pos: -1, end: -1 };
}

/** Files rsync writes because an option names them: its log and batch files, and the folders it keeps copies in. */
function rsyncOptionWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'eBfMT', long: ['--log-file', '--write-batch', '--only-write-batch', '--backup-dir', '--partial-dir', '--temp-dir'] });
  const out: OperandWrite[] = [];
  for (const option of ['--log-file', '--write-batch', '--only-write-batch']) for (const file of w.values.get(option) ?? []) out.push({ file, by: `rsync ${option}`, kind: 'content' });
  for (const option of ['--backup-dir', '--partial-dir', '--temp-dir', '-T']) for (const file of w.values.get(option) ?? []) out.push({ file, by: `rsync ${option}`, kind: 'tree' });
  return out;
}

/** git's sub-commands that write what their operands name, read from the folder `-C` names. */
function gitWrites(args: readonly Arg[]): OperandWrite[] {
  const scan = scanGit(args);
  const writes = gitOperandWrites(args, scan.next);
  const chdir = scan.chdir ?? [];
  if (chdir.length === 0) return writes;
  // `git -C a -C b` works in a/b; an absolute one starts over.
  let folder = '';
  let dynamic: string | null = null;
  for (const dir of chdir) {
    dynamic ??= dir.dynamic;
    folder = dir.value.startsWith('/') || folder === '' ? dir.value : `${folder.replace(/\/+$/, '')}/${dir.value}`;
  }
  // A whole tree is checked out at the top of the repository around the folder, which may lie
  // above it (`git -C src reset --hard X` rewrites .github too) unless the folder is elsewhere.
  const inside = dynamic === null && !/^(?:[/~]|\.\.(?:\/|$))/.test(folder);
  return writes.flatMap((w) => {
    const rooted = /^[/~]/.test(w.file.value) && w.file.dynamic === null;
    if (rooted) return [w];
    const value = `${folder.replace(/\/+$/, '') || '.'}/${w.file.value}`;
    const moved = { ...w, file: { ...w.file, value, dynamic: dynamic ?? w.file.dynamic, pos: -1 } };
    return w.wholeTree === true && inside ? [moved, w] : [moved];
  });
}

/**
 * git reads these operands as pathspecs: a glob (`'*.env'`, which also matches across folders) or
 * pathspec magic (`:(glob)…`) names files only known when git runs.
 */
function pathspec(word: Arg): Arg {
  if (word.dynamic !== null || !/[*?[]|^:/.test(word.value)) return word;
  // Magic (`:(glob)**/k`, `:/x`) names no path as written.
  return { ...word, value: word.value.startsWith(':') ? '*' : word.value, dynamic: 'a git pathspec pattern' };
}

function gitOperandWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const verb = args[at]?.value ?? '';
  const writes = [...gitVerbWrites(args, at), ...gitTreeWrites(args, at, verb), ...gitPlumbingWrites(args, at, verb)].map((w) => ({ ...w, file: pathspec(w.file) }));
  // Paths read from a file are only known when git runs.
  if ((verb === 'rm' || verb === 'checkout' || verb === 'restore') && args.some((a, i) => i > at && a.value.startsWith('--pathspec-from'))) {
    writes.push({ file: madeArg('*', 'paths git reads from --pathspec-from-file'), by: `git ${verb}`, kind: 'content' });
  }
  return writes;
}

/** A long option of `git update-index` as git reads it: the full name or a unique prefix from `min` (`--cachei`, `--index-i`). */
const isIndexOption = (v: string, name: string, min: number): boolean => v.length >= min && name.startsWith(v);

/**
 * `git update-index --cacheinfo MODE,BLOB,PATH` (or three words) puts any blob at PATH in the
 * index, and `--index-info` the entries its input names: a later `git checkout -- PATH` writes
 * them into the work tree, so they are writes of those paths. git takes any unique prefix of its
 * long options (`--ca`, `--index-i`: `--index-` is also `--index-version`).
 */
function indexEntryWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const out: OperandWrite[] = [];
  const by = 'git update-index --cacheinfo';
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (!a.value.startsWith('--')) continue;
    const eq = a.value.indexOf('=');
    const option = eq < 0 ? a.value : a.value.slice(0, eq);
    if (isIndexOption(option, '--index-info', 9)) {
      out.push({ file: madeArg('*', 'entries git update-index --index-info reads from its input'), by: 'git update-index --index-info', kind: 'content' });
      continue;
    }
    if (!isIndexOption(option, '--cacheinfo', 4)) continue;
    const value = eq < 0 ? args[i + 1] : { ...a, value: a.value.slice(eq + 1), pos: -1 };
    if (value === undefined) continue;
    const comma = value.value.split(',');
    if (comma.length >= 3) {
      out.push({ file: { ...value, value: comma.slice(2).join(','), pos: -1 }, by, kind: 'content' });
      if (eq < 0) i++;
      continue;
    }
    // A value only known at run time may hold MODE,BLOB,PATH with any PATH.
    if (value.dynamic !== null) out.push({ file: madeArg('*', 'a git update-index --cacheinfo value only known at run time'), by, kind: 'content' });
    if (eq < 0 && args[i + 3] !== undefined) {
      out.push({ file: args[i + 3] as Arg, by, kind: 'content' });
      i += 3;
    }
  }
  return out;
}

function gitVerbWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const verb = args[at]?.value ?? '';
  const out: OperandWrite[] = [];
  switch (verb) {
    case 'checkout': {
      // `git checkout REV -- PATH…`: the paths get REV's contents (without `--`, words after the
      // first may be paths too). Without a revision the index's contents come back, which were
      // judged when they were written.
      const dash = args.findIndex((a, k) => k > at && a.value === '--');
      const w = readWords(dash < 0 ? args : args.slice(0, dash), at + 1, { valued: 'bB', long: ['--orphan', '--conflict', '--pathspec-from-file'] });
      if (has(w, '-b', '-B', '--orphan')) return [];
      const paths = dash < 0 ? w.operands.slice(1) : w.operands.length > 0 ? args.slice(dash + 1) : [];
      for (const file of paths) out.push({ file, by: 'git checkout', kind: 'content', mayBeFolder: true }, { file, by: 'git checkout', kind: 'tree' });
      return out;
    }
    case 'restore': {
      const w = readWords(args, at + 1, { valued: 's', long: ['--source', '--pathspec-from-file'] });
      // `--staged` alone fills the index, which a later `git checkout -- PATH` (not judged: the
      // index's own contents) puts in the work tree: a write of the paths too. HEAD's contents are
      // committed ones.
      const source = valuesOf(w, '-s', '--source').some((s) => !COMMITTED.test(s.value));
      if (!source) return [];
      for (const file of w.operands) out.push({ file, by: 'git restore', kind: 'content', mayBeFolder: true }, { file, by: 'git restore', kind: 'tree' });
      return out;
    }
    case 'reset': {
      // `git reset REV -- PATH…` puts REV's contents in the index (see restore).
      const dash = args.findIndex((a, k) => k > at && a.value === '--');
      const w = readWords(dash < 0 ? args : args.slice(0, dash), at + 1, { valued: '', long: ['--pathspec-from-file'] });
      const rev = w.operands[0];
      if (rev === undefined || COMMITTED.test(rev.value)) return [];
      const paths = dash < 0 ? w.operands.slice(1) : args.slice(dash + 1);
      for (const file of paths) out.push({ file, by: 'git reset', kind: 'content', mayBeFolder: true }, { file, by: 'git reset', kind: 'tree' });
      return out;
    }
    case 'update-index':
      return indexEntryWrites(args, at);
    case 'rm': {
      const w = readWords(args, at + 1, { valued: '', long: ['--pathspec-from-file'] });
      if (has(w, '--cached', '-n', '--dry-run')) return [];
      const recursive = has(w, '-r');
      for (const file of w.operands) out.push({ file, by: 'git rm', kind: recursive ? 'removeTree' : 'entry', removes: true });
      return out;
    }
    case 'clone': {
      const w = readWords(args, at + 1, GIT_CLONE_OPTIONS);
      const dir = w.operands[1] ?? folderOfUrl(w.operands[0]);
      if (dir !== undefined) out.push({ file: dir, by: 'git clone', kind: 'tree' });
      return out;
    }
    case 'init': {
      const w = readWords(args, at + 1, { valued: 'b', long: ['--template', '--separate-git-dir', '--initial-branch', '--object-format', '--ref-format'] });
      const dir = w.operands[0];
      // Without a folder, where git stands, as `git init .` (`cd .github && git init`).
      out.push(dir === undefined ? { file: HERE, by: 'git init', kind: 'here' } : { file: dir, by: 'git init', kind: 'tree' });
      return out;
    }
    case 'format-patch':
    case 'bugreport': {
      // Without an output folder they write where git stands (`0001-….patch`, `git-bugreport-….txt`).
      // format-patch's `-s` is --signoff, a flag; bugreport's is --suffix, which takes a value.
      const w = readWords(args, at + 1, { valued: verb === 'bugreport' ? 'os' : 'ov', long: ['--output-directory', '--output', '--suffix', '--start-number', '--subject-prefix', '--to', '--cc', '--from', '--in-reply-to', '--signature', '--signature-file', '--base', '--interdiff', '--range-diff', '--creation-factor', '--description-file', '--notes', '--filename-max-length', '--diagnose'] });
      if (has(w, '-o') || hasLong(w, '--output-directory', 4) || hasLong(w, '--output', 8) || hasLong(w, '--stdout', 4)) return [];
      // `git -c format.outputDirectory=DIR` is judged as that folder's write (git.ts).
      if (verb === 'format-patch' && args.some((a, k) => k < at && /^format\.outputdirectory=/i.test(a.value))) return [];
      const pattern = verb === 'bugreport' ? 'git-bugreport-*' : hasLong(w, '--suffix', 4) ? '*' : '*.patch';
      out.push({ file: madeArg(pattern, 'glob'), by: `git ${verb}`, kind: 'content' });
      return out;
    }
    case 'worktree': {
      if (args[at + 1]?.value !== 'add') return [];
      const w = readWords(args, at + 2, { valued: 'bB', long: ['--reason'] });
      const dir = w.operands[0];
      if (dir !== undefined) out.push({ file: dir, by: 'git worktree add', kind: 'tree' });
      return out;
    }
    case 'apply':
    case 'am':
    case 'read-tree':
      return gitPatchWrites(args, at, verb);
    case 'submodule': {
      if (args[at + 1]?.value !== 'add') return [];
      const w = readWords(args, at + 2, { valued: 'b', long: ['--branch', '--name', '--reference', '--depth'] });
      const dir = w.operands[1] ?? folderOfUrl(w.operands[0]);
      if (dir !== undefined) out.push({ file: dir, by: 'git submodule add', kind: 'tree' });
      return out;
    }
    default:
      return [];
  }
}

/** A chmod option word that is a mode (`chmod -x f`, `-w,u+r`): GNU chmod reads it as one. */
const DASH_MODE = /^-[rwxXst]+(?:[,=+-][ugoa]*[rwxXst]*)*$/;

/**
 * `chmod MODE FILE…`, `chown OWNER FILE…`, `chgrp GROUP FILE…` (or `--reference=RFILE FILE…`):
 * a mode or owner change is a write (SPEC 6.1), and one on a folder reaches what is below it
 * (`chmod 000 .github` hides the policy file, `chmod -x .git/hooks/pre-commit` turns the hook
 * off: audit 36, AE-4), so each FILE is judged as a tree.
 */
function modeChangeWrites(name: string, args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  let first = true;
  let options = true;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.dynamic === null ? a.value : '';
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v.startsWith('--')) {
      // `--reference RFILE` takes the next word; `--from` (chown) too.
      if (v === '--reference' || v === '--from') i++;
      if (v === '--reference' || v.startsWith('--reference=')) first = false;
      continue;
    }
    if (options && v.startsWith('-') && v.length > 1) {
      if (name === 'chmod' && DASH_MODE.test(v)) first = false;
      continue;
    }
    if (first) {
      first = false;
      continue;
    }
    out.push({ file: a, by: name, kind: 'tree' });
  }
  return out;
}

/** The tables of programs known by name, each giving null for a name it does not know. */
const PROGRAM_TABLES: ReadonlyArray<(name: string, args: readonly Arg[]) => OperandWrite[] | null> = [
  unpackerWrites, toolOutputWrites, writerOutputWrites, formatterWrites, captureWrites, mountWrites, cloudWrites, hereWrites, transferWrites,
  folderSettingWrites, reportWrites,
];

/** The files `args` writes, makes or removes because its operands name them. */
export function operandWrites(name: string, args: readonly Arg[]): OperandWrite[] {
  const named = namedWrites(name, args);
  const removed = removedSources(name, args);
  return removed.length === 0 ? named : [...named, ...removed];
}

/**
 * Archivers and copiers that can delete what they were given, with the option word that makes
 * them: `tar --remove-files` (any unique prefix), `zip -m`, `rsync --remove-source-files`,
 * `7z -sdel`, and `--rm` of the single-file compressors.
 */
const SOURCE_REMOVERS: ReadonlyMap<string, (word: string) => boolean> = new Map([
  ...['tar', 'gtar', 'bsdtar'].map((n) => [n, (w: string) => w.length >= 5 && '--remove-files'.startsWith(w)] as const),
  ['zip', (w: string) => /^-[a-zA-Z]*m|^--move$/.test(w)],
  ['rsync', (w: string) => /^--remove-(?:source-files|sent-files)$/.test(w)],
  ...['7z', '7za', '7zz', '7zr'].map((n) => [n, (w: string) => w === '-sdel'] as const),
  ...['lz4', 'zstd', 'xz', 'bzip2', 'lzip'].map((n) => [n, (w: string) => w === '--rm'] as const),
]);

/** The compressors among SOURCE_REMOVERS: each operand is one file, not a folder. */
const FILE_COMPRESSORS = /^(?:lz4|zstd|xz|bzip2|lzip)$/;

/**
 * The files such a program deletes, a removal like `rm`'s (audit 36, AC-1). Every word that is no
 * option is taken as one, the archive's name too: only rules naming it decide. A word only known
 * at run time may be the option, unless it starts with static text.
 */
function removedSources(name: string, args: readonly Arg[]): OperandWrite[] {
  const removes = SOURCE_REMOVERS.get(name);
  if (removes === undefined || !args.slice(1).some((a) => (a.dynamic === null ? removes(a.value) : !/^[^-]/.test(a.value)))) return [];
  const kind = FILE_COMPRESSORS.test(name) ? 'entry' as const : 'removeTree' as const;
  return args.slice(1).filter((a) => a.dynamic !== null || !a.value.startsWith('-')).map((file) => ({ file, by: `${name} (deleting its sources)`, kind, removes: true as const }));
}

function namedWrites(name: string, args: readonly Arg[]): OperandWrite[] {
  switch (name) {
    case 'perl':
    case 'ruby':
      return inPlaceScriptWrites(name, args);
    case 'truncate':
    case 'shred': {
      const w = readWords(args, 1, { valued: name === 'truncate' ? 'sr' : 'ns', long: ['--size', '--reference', '--iterations', '--random-source'] });
      return w.operands.map((file) => ({ file, by: name, kind: 'content' as const }));
    }
    case 'rm':
    case 'unlink':
    case 'rmdir': {
      const w = readWords(args, 1, { valued: '', long: [] });
      const recursive = name === 'rm' && (has(w, '-r', '-R') || hasLong(w, '--recursive', 3));
      return w.operands.map((file) => ({ file, by: name, kind: recursive ? 'removeTree' as const : 'entry' as const, removes: true as const }));
    }
    case 'mkdir': {
      const w = readWords(args, 1, { valued: 'm', long: ['--mode', '--context'] });
      return w.operands.map((file) => ({ file, by: name, kind: 'entry' as const }));
    }
    case 'history': {
      // `history -w FILE` (`-a` appends): the file is written as a redirection's target would be,
      // so the policy file and the kiro scope's paths deny (audit 49, BN-3). The command still asks.
      const writes = args.some((a, i) => i > 0 && /^-[a-z]*[aw]/.test(a.value));
      return writes ? args.slice(1).filter((a) => !a.value.startsWith('-')).map((file) => ({ file, by: 'history -a/-w', kind: 'content' as const })) : [];
    }
    case 'logsave': {
      // `logsave [-asv] LOGFILE CMD…` appends CMD's output to LOGFILE.
      const w = readWords(args, 1, { valued: '', long: [] });
      const log = w.operands[0];
      return log === undefined ? [] : [{ file: log, by: 'logsave', kind: 'content' }];
    }
    case 'chmod':
    case 'chown':
    case 'chgrp':
      return modeChangeWrites(name, args);
    case 'touch': {
      const w = readWords(args, 1, { valued: 'drt', long: ['--date', '--reference', '--time'] });
      return w.operands.map((file) => ({ file, by: name, kind: 'entry' as const, follows: true as const }));
    }
    case 'install': {
      const w = readWords(args, 1, { valued: 'gmoSt', long: ['--mode', '--owner', '--group', '--suffix', '--target-directory', '--strip-program'] });
      if (!has(w, '-d') && !hasLong(w, '--directory', 3)) return [];
      return w.operands.map((file) => ({ file, by: 'install -d', kind: 'entry' as const }));
    }
    case 'tar':
    case 'gtar':
    case 'bsdtar':
      return tarWrites(args);
    case 'rsync':
      return rsyncOptionWrites(args);
    case 'unzip': {
      const w = readWords(args, 1, { valued: 'dxP', long: [] });
      const dirs = (w.values.get('-d') ?? []).map((file) => ({ file, by: 'unzip -d', kind: 'tree' as const }));
      // Listing, testing and printing write nothing; otherwise it unpacks where the shell stands.
      const lists = args.some((a, i) => i > 0 && /^-[a-zA-Z]*[ltvpcZz]/.test(a.value));
      if (lists) return dirs;
      // `-:` keeps `..` member names: the archive may write anywhere.
      if (args.some((a, i) => i > 0 && /^-[a-zA-Z^]*:/.test(a.value))) return [{ file: ROOT, by: 'unzip -:', kind: 'tree' }];
      return dirs.length > 0 ? dirs : [{ file: HERE, by: 'unzip', kind: 'here' as const }];
    }
    case 'git':
      return gitWrites(args);
    default:
      // A program may be in more than one table (`docker cp` and `docker save`): every table's writes count.
      return PROGRAM_TABLES.flatMap((table) => table(name, args) ?? []);
  }
}
