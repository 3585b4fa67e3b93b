// What file-placing programs (cp, mv, ln, install, tee, rsync, scp, sort, uniq, dd) create from their
// operands, and which programs may unpack files no operand names (SPEC 5.4). Pure: the walker
// (walk-wrapped.ts) turns these into write parts and remembers them for later commands.
import { posix } from 'node:path';
import { scanGit } from './git.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/** git sub-commands that write tree contents into the work tree (or a new one). */
const GIT_CHECKOUTS = new Set(['restore', 'clone', 'worktree', 'read-tree', 'checkout-index', 'submodule', 'bisect', 'sparse-checkout']);
/** git sub-commands that bring in other commits of the repository. */
const GIT_HISTORY_MOVES = new Set(['merge', 'pull', 'rebase', 'cherry-pick', 'revert']);

/** Programs that put a file in place from their operands (see notePlaced). */
// (`sed -i` is an option write: sed.ts names its files, and recordWrite notes them.)
export const FILE_PLACERS = new Set(['cp', 'mv', 'ln', 'link', 'install', 'tee', 'rsync', 'scp', 'sort', 'uniq', 'dd']);
/** Programs that may put files in place that no operand names. */
export const UNPACKERS = new Set([
  'git', 'patch', 'tar', 'unzip', 'cpio', 'bsdtar', 'gunzip', 'unxz', 'bunzip2', 'unzstd', 'unlz4', 'split', 'csplit', 'shuf',
  'gzip', 'xz', 'bzip2', 'zstd', 'lz4', 'cp',
]);
const MAX_PLACED = 32;
/** `/proc/self/cwd/x` is `x`. */
export const PROC_CWD = /^\/proc\/(?:self|thread-self|\d+)\/cwd(?:\/+|$)/;

/** Placers that make links. */
export const LINKERS = new Set(['ln', 'link']);
/** Links of one command kept for later entries: past this, a command is not a plausible one, and it asks. */
export const MAX_MADE_LINKS = 1024;
/** Placers whose files are judged as writes. */
export const PLACERS_JUDGED = new Set(['cp', 'mv', 'ln', 'link', 'install', 'tee', 'sort', 'uniq', 'dd', 'rsync', 'scp']);
/** rsync's and scp's `host:path`, `user@host:path`, `host::module`, `rsync://…`: not a local file. */
const REMOTE = /^[^/]*:/;

/** Whether `word` names a file on another host for `name` (scp's and rsync's `host:path`). */
export function isRemoteOperand(name: string, word: string): boolean {
  return (name === 'scp' || name === 'rsync') && REMOTE.test(word);
}

/**
 * The path on the other host of scp's and rsync's `host:path`, `user@host:path`, `host::module/path`,
 * `rsync://host/module/path` or `scp://host/path`: what lands here is named after it. `''` for a
 * host's home folder or a module's top (`host:`, `host::module`), whose contents land.
 */
export function localPart(name: string, word: string): string {
  if (!isRemoteOperand(name, word)) return word;
  const url = /^[a-z]+:\/\/[^/]*\/?(.*)$/i.exec(word);
  if (url !== null) return name === 'rsync' ? (url[1] ?? '').replace(/^[^/]*\/?/, '') : url[1] ?? '';
  // A bracketed IPv6 host holds colons of its own (`u@[::1]:.env`: audit 41, AR-1).
  const host = /^[^/[]*\[[^\]]*\]:/.exec(word);
  const path = host !== null ? word.slice(host[0].length) : word.slice(word.indexOf(':') + 1);
  return path.startsWith(':') ? path.slice(1).replace(/^[^/]*\/?/, '') : path;
}

/**
 * Whether a copy from `src` brings a folder's contents, whose names are not known here, rather
 * than the folder itself: rsync's `src/`, a remote home or module top (`host:`, `host::m`, `host:~`),
 * a remote root (`host:/`), a remote glob (`host:'*.env'`).
 */
export function copiesContents(name: string, src: string): boolean {
  if (name === 'rsync' && src.endsWith('/')) return true;
  if (!isRemoteOperand(name, src)) return false;
  const path = localPart(name, src);
  // A glob there is expanded on the other host: the names it brings are not known (AR-2).
  return path === '' || /^(?:~[^/]*|\.|\/)\/*$/.test(path) || /(?:^|\/)\.\/*$/.test(path) || /[*?[]/.test(path);
}

/** Programs that write the file an option names: the short letter (in a cluster too) and long names. */
const OUTPUT_OPTIONS: Readonly<Record<string, { short: string; long: readonly string[] }>> = lookupTable({
  shuf: { short: 'o', long: ['--output'] },
  patch: { short: 'o', long: ['--output'] },
  // macOS (BSD) base64 and sharutils' uudecode write their output file themselves (audit 40, AN-5).
  base64: { short: 'o', long: ['--output'] },
  uudecode: { short: 'o', long: ['--output-file'] },
});
/**
 * Other short options of those programs that take a value, so their value is not read as a
 * cluster. base64's `-i` is macOS's input file but GNU's ignore-garbage switch: read as a switch,
 * so that `-di -o F` still finds `-o`.
 */
const OUTPUT_PROGRAM_VALUES: Readonly<Record<string, string>> = lookupTable({ shuf: 'in', patch: 'pFDrzVBYgdi', base64: 'bw' });

/**
 * The files `args` writes because an option names them (`shuf -o f`, `patch --output=f`); a value
 * only known at run time is returned too, and asks as a write. curl's and wget's: downloads.ts.
 */
export function outputFiles(name: string, args: readonly Arg[]): Arg[] {
  const spec = OUTPUT_OPTIONS[name];
  if (spec === undefined) return [];
  const takesValue = OUTPUT_PROGRAM_VALUES[name] ?? '';
  const out: Arg[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const written = eq < 0 ? v : v.slice(0, eq);
      // getopt_long takes a unique prefix (`--out f`, `--o=f`: audit 41, AR-5); an ambiguous one
      // is refused by the program, so reading it as the output only adds a write.
      if (written.length < 3 || !spec.long.some((l) => l.startsWith(written))) continue;
      const value = eq < 0 ? args[++i] : { ...a, value: v.slice(eq + 1), pos: -1 };
      if (value !== undefined) out.push(value);
      continue;
    }
    if (!v.startsWith('-') || v === '-' || a.dynamic !== null) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const writes = spec.short.includes(ch);
      if (!writes && !takesValue.includes(ch)) continue;
      const value = j + 1 < v.length ? { ...a, value: v.slice(j + 1), pos: -1 } : args[++i];
      if (writes && value !== undefined) out.push(value);
      break;
    }
  }
  return out;
}

/**
 * The word a placed file was read from, for tilde expansion and reasons: the operand itself, the
 * folder operand it lies in (`cp a out/` makes `out/a`), or a word ending in it (`of=F`, `-oF`),
 * whose quoting is then not known.
 */
export function operandArg(path: string, args: readonly Arg[]): Arg {
  const words = args.slice(1).filter((a) => a.dynamic === null);
  const exact = words.find((a) => a.value === path);
  if (exact !== undefined) return exact;
  const folder = words.find((a) => a.value !== '' && path.startsWith(`${a.value.replace(/\/+$/, '')}/`));
  if (folder !== undefined) return { ...folder, value: path };
  return { value: path, dynamic: null, split: false, pos: -1, end: -1 };
}
/** Placers that copy a link as a link (a symlink moved, or inside a copied folder). */
export const LINK_COPIERS = new Set(['cp', 'mv', 'rsync', 'scp']);

/** `cp -s`/`-l`, `--symbolic-link`, `--link`: cp makes links instead of copies. */
export function copiesAsLink(args: readonly Arg[]): boolean {
  return args.some((a, i) => i > 0 && a.dynamic === null && (/^-[a-zA-Z]*[sl]/.test(a.value) || /^--(?:sy|li)/.test(a.value)));
}

/**
 * Whether a move or copy keeps a link a source is or holds as a link: mv always; cp when it copies
 * recursively or is told not to dereference (`-r`, `-a`, `-P`, `-d`); rsync with `-a`/`-l`.
 * `-L`/`--dereference`/`--copy-links` copy what links point at instead.
 */
export function carriesLinks(name: string, args: readonly Arg[]): boolean {
  if (name === 'mv') return true;
  if (name !== 'cp' && name !== 'rsync') return false;
  const words = args.slice(1).map((a) => a.value);
  const short = name === 'cp' ? /^-[a-zA-Z]*[aPdrR]/ : /^-[a-zA-Z]*[al]/;
  const long = name === 'cp' ? /^--(?:ar|no-d|rec|preserve=.*(?:links|all))/ : /^--(?:ar|li)/;
  const follows = name === 'cp' ? /^-[a-zA-Z]*L|^--de/ : /^-[a-zA-Z]*L|^--copy-l/;
  return words.some((w) => short.test(w) || long.test(w)) && !words.some((w) => follows.test(w));
}

/**
 * rsync's `--link-dest=DIR` folders: an unchanged file is hard-linked from DIR (read from the
 * destination when relative) into the destination, so a later write there rewrites DIR's file.
 */
export function rsyncLinkDests(args: readonly Arg[]): Arg[] {
  const out: Arg[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '--' && a.dynamic === null) break;
    const m = /^--link-d(?:e(?:st?)?)?(?:=(.*))?$/s.exec(a.value);
    if (m === null) continue;
    const value = m[1] !== undefined ? { ...a, value: m[1], pos: -1 } : args[++i];
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Placers whose destination holds what a source held. */
export const COPIERS = new Set(['cp', 'mv', 'ln', 'link', 'install', 'rsync', 'scp', 'dd']);

/** Short options of the file placers that take a value (`cp -S SUFFIX`, `install -m MODE`). */
const PLACER_SHORT_VALUES: Readonly<Record<string, string>> = lookupTable({ cp: 'St', mv: 'St', ln: 'St', install: 'gmoSt', rsync: 'eBfMT', scp: 'cDFiJloPSX', sort: 'kotST', uniq: 'fsw' });
/**
 * Each placer's long options that take the next word as value when written without `=` (GNU
 * required arguments). A prefix names one only within its own program's list.
 */
const PLACER_LONG_VALUES: Readonly<Record<string, readonly string[]>> = lookupTable({
  cp: ['--target-directory', '--suffix', '--sparse', '--no-preserve'],
  mv: ['--target-directory', '--suffix'],
  ln: ['--target-directory', '--suffix'],
  install: ['--target-directory', '--suffix', '--mode', '--owner', '--group', '--strip-program'],
  scp: [],
  sort: ['--output', '--key', '--field-separator', '--buffer-size', '--temporary-directory', '--parallel', '--batch-size', '--compress-program', '--files0-from', '--random-source', '--sort'],
  uniq: ['--skip-fields', '--skip-chars', '--check-chars'],
  // rsync's destination is its last operand; an option's value taken for it is caught in placedFiles.
  rsync: ['--exclude', '--include', '--filter', '--exclude-from', '--include-from', '--files-from', '--rsh', '--rsync-path', '--temp-dir',
    '--backup-dir', '--chmod', '--chown', '--log-file', '--partial-dir', '--link-dest', '--compare-dest', '--copy-dest', '--timeout', '--suffix',
    '--max-size', '--min-size', '--bwlimit', '--info', '--debug', '--compress-level', '--port', '--out-format', '--log-file-format',
    '--password-file', '--iconv', '--usermap', '--groupmap', '--skip-compress', '--modify-window', '--max-delete', '--contimeout',
    '--checksum-choice', '--compress-choice', '--write-batch', '--only-write-batch', '--read-batch', '--address', '--sockopts'],
});
/** Long flags that a placer's value options could be mistaken for by prefix. */
const PLACER_LONG_FLAGS: Readonly<Record<string, readonly string[]>> = lookupTable({
  install: ['--strip'],
});

/**
 * What cp, mv, ln, install and rsync create (the destination, and each source's name inside it:
 * the last operand, or the `-t DIR`/`--target-directory` folder; `ln -s X` alone makes `X`'s
 * name here), what tee writes, sort's `-o` file and uniq's output; with the sources copied, for the `.git` check. Option values are not operands (`--exclude .git`).
 */
export interface Placed {
  created: string[];
  sources: string[];
  dynamic: boolean;
  linkDirs: string[];
  copied?: string[];
  /** What is judged as written, when it is less than `created` (rsync's operands are all remembered). */
  judged?: string[];
  /**
   * cp, mv, ln and install's destination, and whether it is surely a folder (`-t DIR`, `out/`,
   * `.`, several sources), surely not (`-T`), or either (null): then `created` holds both readings.
   */
  destination?: { path: string; folder: boolean | null };
}

/** A placer's words, options read: its operands (run-time words among them), `-t` folder and output files. */
interface PlacerWords {
  operands: Arg[];
  /** `-t DIR` / `--target-directory=DIR`. */
  target: Arg | null;
  /** `-T` / `--no-target-directory`. */
  noTarget: boolean;
  /** `sort -o`, `--output`. */
  outputs: Arg[];
}

/** `install -d A B` makes folders (operand-writes.ts), it copies nothing. */
const makesFolders = (name: string, args: readonly Arg[]): boolean =>
  name === 'install' && args.some((a, i) => i > 0 && (/^-[a-zA-Z]*d/.test(a.value) || a.value === '--directory'));

/**
 * Reads every word of a placer, however many: a bound here once stopped before a later `-t DIR`
 * or the destination (`cp f1 … f33 secrets/` was allow). A word only known at run time that starts
 * with a dash is read as the option it spells (`--target-directory={}`); an empty static word is nothing.
 */
function readPlacerWords(name: string, args: readonly Arg[]): PlacerWords {
  const shortValues = PLACER_SHORT_VALUES[name] ?? '';
  const valueOptions = PLACER_LONG_VALUES[name] ?? [];
  const known = [...valueOptions, ...PLACER_LONG_FLAGS[name] ?? []];
  const out: PlacerWords = { operands: [], target: null, noTarget: false, outputs: [] };
  const valueAt = (i: number): Arg => args[i] ?? { value: '', dynamic: null, split: false, pos: -1, end: -1 };
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if ((!v.startsWith('-') && (v !== '' || a.dynamic !== null)) || v === '-') {
      out.operands.push(a);
      continue;
    }
    if (v === '') continue;
    if (v === '--' && a.dynamic === null) {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const written = eq < 0 ? v : v.slice(0, eq);
      // GNU getopt takes any unique prefix (`--target=DIR`, `--targ DIR`); an exact name wins over a
      // longer option it is a prefix of (`install --strip`).
      const option = known.find((o) => o === written) ?? known.find((o) => written.length >= 3 && o.startsWith(written)) ?? written;
      const value = eq >= 0 ? { ...a, value: v.slice(eq + 1) } : valueOptions.includes(option) ? valueAt(++i) : null;
      if (option === '--target-directory' && value !== null) out.target = value;
      if (written.length >= 6 && '--no-target-directory'.startsWith(written)) out.noTarget = true;
      if (option === '--output' && value !== null) out.outputs.push(value);
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'T' && name !== 'sort') out.noTarget = true;
      if (!shortValues.includes(ch)) continue;
      const value = j + 1 < v.length ? { ...a, value: v.slice(j + 1) } : valueAt(++i);
      if (ch === 't' && name !== 'sort') out.target = value;
      if (ch === 'o' && name === 'sort') out.outputs.push(value);
      break;
    }
  }
  return out;
}

/** Whether the copy keeps each source's path below the destination: `cp --parents`, `rsync -R|--relative`. */
function keepsSourcePaths(name: string, args: readonly Arg[]): boolean {
  const words = args.slice(1).filter((a) => a.dynamic === null).map((a) => a.value);
  const end = words.indexOf('--');
  const options = end < 0 ? words : words.slice(0, end);
  if (name === 'cp') return options.some((w) => w.length >= 4 && '--parents'.startsWith(w.split('=')[0] ?? ''));
  if (name !== 'rsync') return false;
  // The last of -R/--relative and --no-relative/--no-R wins; reading either as kept only tightens.
  return options.some((w) => /^-[a-zA-Z0-9]*R/.test(w) || (w.length >= 5 && '--relative'.startsWith(w)));
}

/** The path a source keeps below the destination: after rsync's `/./` marker, without a leading `/` or `./`. */
function sourcePath(path: string): string {
  const marker = path.indexOf('/./');
  const kept = marker >= 0 ? path.slice(marker + 3) : path;
  return posix.normalize(kept.replace(/^\/+/, '') || '.').replace(/\/+$/, '');
}

export function placedFiles(name: string, given: readonly Arg[]): Placed {
  // A process substitution is a file to the program, `/dev/fd/63` (`cp <(echo …) s` copies what it
  // holds into s: audit 40, AN-3), outside the workspace; its command is judged where it stands.
  // A link to it points at a descriptor number, which later names whatever the shell opens there.
  const args = LINKERS.has(name) ? given : given.map((a, i) => (i > 0 && a.pipe === true ? { ...a, value: '/dev/fd/63', dynamic: null } : a));
  const dynamic = args.some((a, i) => i > 0 && a.dynamic !== null);
  if (makesFolders(name, args)) return { created: [], sources: [], dynamic, linkDirs: [] };
  const read = readPlacerWords(name, args);
  const operands = read.operands.filter((a) => a.dynamic === null).map((a) => a.value);
  const target = read.target?.value ?? null;
  const noTarget = read.noTarget;
  const outputs = read.outputs.map((a) => a.value);
  // Past the bound, the sources' names are not each judged inside the destination: what lands
  // there is judged as files of names not known, as for sources only known at run time.
  const many = operands.length > MAX_PLACED;
  // `public/.` copies what public holds, not a folder named `.`; `host:.env` lands as `.env`.
  const base = (p: string): string => posix.basename(posix.normalize(localPart(name, p)));
  switch (name) {
    case 'dd': {
      // `dd if=SRC of=DST`.
      const of = operands.filter((o) => o.startsWith('of=')).map((o) => o.slice(3));
      const from = operands.filter((o) => o.startsWith('if=')).map((o) => o.slice(3));
      return { created: of, sources: from.length > 0 ? from : ['/dev/stdin'], dynamic, linkDirs: [] };
    }
    case 'tee':
      return { created: operands, sources: [], dynamic, linkDirs: [] };
    case 'sort':
      return { created: outputs, sources: [], dynamic, linkDirs: [] };
    case 'uniq':
      return { created: operands.length >= 2 ? [operands[operands.length - 1] ?? ''] : [], sources: [], dynamic, linkDirs: [] };
  }
  // `cp --parents SRC DIR` and `rsync -R` write DIR/SRC, the path as given (rsync's after a `/./`),
  // not DIR/NAME (audit 45, BD-2); the name alone is judged as well.
  const names = keepsSourcePaths(name, args) ? (p: string): string[] => [base(p), sourcePath(localPart(name, p))] : (p: string): string[] => [base(p)];
  const inside = (dir: string, sources: readonly string[]): string[] => [...new Set(sources.slice(0, MAX_PLACED).flatMap(names))].filter((b) => b !== '.' && b !== '..' && b !== '/' && b !== '').map((b) => `${dir.replace(/\/+$/, '')}/${b}`);
  // rsync has too many options that take a value to tell its operands apart for sure: for what
  // runs or copies `.git`, any word may be the destination and any a source.
  if (name === 'rsync') {
    // Every word that is not an option counts, option values too: reading one as a file only tightens.
    const words = args.slice(1).filter((a) => a.dynamic === null && a.value !== '' && !a.value.startsWith('-')).map((a) => a.value).slice(0, MAX_PLACED);
    const remembered = { created: [...words, ...words.flatMap((d) => words.filter((o) => o !== d).map((o) => `${d}/${base(o)}`))], sources: words, dynamic, linkDirs: [], copied: operands };
    return { ...remembered, ...rsyncDestination(args, operands, inside) };
  }
  if (target !== null) return { created: [target, ...inside(target, operands)], sources: operands, dynamic: dynamic || many, linkDirs: [target], destination: { path: target, folder: true } };
  if (operands.length === 1 && name === 'ln' && !dynamic) return { created: [base(operands[0] ?? '')], sources: operands, dynamic, linkDirs: [], destination: { path: base(operands[0] ?? ''), folder: false } };
  const dest = operands[operands.length - 1];
  if (dest === undefined || operands.length < 2 || (name === 'scp' && REMOTE.test(dest))) return { created: [], sources: [], dynamic, linkDirs: [] };
  const sources = operands.slice(0, -1);
  // A relative link target is read from the link's folder: `ln -s f out/g` points at out/f, and
  // `ln -s f out` (a folder) at out/f too.
  const slash = dest.replace(/\/+$/, '').lastIndexOf('/');
  const folder = noTarget ? false : sources.length > 1 || /(?:^|\/)\.{0,2}$/.test(dest) ? true : null;
  return {
    created: [dest, ...(folder === false ? [] : inside(dest, sources))], sources, dynamic: dynamic || many,
    linkDirs: [dest, ...(slash > 0 ? [dest.slice(0, slash)] : [])], destination: { path: dest, folder },
  };
}

/**
 * The word only known at run time that a placer writes, or that mv takes away: the destination
 * (last operand), a `-t`/`--target-directory` folder, a file tee writes, dd's `of=`, sort's `-o`,
 * uniq's output. placedFiles leaves such words out; xargs, find -exec and parallel ask with it for
 * the words they fill in (`find .github -exec cp evil {} \;`). Sources only known at run time
 * copied into a static destination (`xargs -I{} cp {} dist/`) are judged there, so they are not it.
 */
export function runtimePlacedWrite(name: string, args: readonly Arg[]): Arg | null {
  if (!PLACERS_JUDGED.has(name) || !args.some((a, i) => i > 0 && a.dynamic !== null)) return null;
  // `install -d` makes folders: operand-writes.ts judges its operands.
  if (makesFolders(name, args)) return null;
  const read = readPlacerWords(name, args);
  const operands = read.operands;
  const written = name === 'sort' ? read.outputs : read.target === null ? [] : [read.target];
  const runtime = written.find((a) => a.dynamic !== null);
  if (runtime !== undefined) return runtime;
  const target = written.length > 0;
  const dynamic = operands.filter((a) => a.dynamic !== null);
  const last = operands[operands.length - 1];
  switch (name) {
    case 'tee':
      return dynamic[0] ?? null;
    case 'dd':
      // `of={}`, or a word whose `KEY=` is not written, which may be `of=`.
      return dynamic.find((a) => a.value.startsWith('of=') || !/^[a-z]+=/.test(a.value)) ?? null;
    case 'sort':
      return null;
    case 'mv':
      return dynamic[0] ?? null;
  }
  if (target || last === undefined || last.dynamic === null) return null;
  // One word that splits may be the sources and the destination; `ln -s X` makes X's name here.
  return operands.length >= 2 || last.split || LINKERS.has(name) ? last : null;
}

/**
 * What rsync writes locally: its last operand (or each source's name in it, when it is surely a
 * folder or may be one). A value of an option not known here may have been read as that operand
 * (`rsync a b --some-opt v`), so the one before an unknown long option is judged as well.
 */
function rsyncDestination(args: readonly Arg[], operands: readonly string[], inside: (dir: string, sources: readonly string[]) => string[]): Pick<Placed, 'judged' | 'destination'> {
  const dest = operands[operands.length - 1];
  if (dest === undefined || operands.length < 2 || REMOTE.test(dest)) return { judged: [] };
  const judged: string[] = [];
  const candidates = [dest];
  let at = args.length - 1;
  while (at > 0 && args[at]?.value !== dest) at--;
  const before = args[at - 1]?.value ?? '';
  if (at > 1 && /^--[^=]+$/.test(before) && !(PLACER_LONG_VALUES.rsync ?? []).includes(before) && operands.length >= 3) candidates.push(operands[operands.length - 2] ?? '');
  for (const d of candidates) {
    const sources = operands.slice(0, operands.indexOf(d));
    judged.push(d, ...inside(d, sources));
  }
  const folder = operands.length > 2 || /(?:^|\/)\.{0,2}$/.test(dest) ? true : null;
  return { judged, destination: { path: dest, folder } };
}

/**
 * The folder a glob word's files lie in, when only its last segment is a glob (`src/*.ts` is in
 * `src`, `*.log` here); undefined for any other word.
 */
export function globFolder(word: Arg): string | undefined {
  if (word.dynamic !== 'glob') return undefined;
  const slash = word.value.lastIndexOf('/');
  const folder = slash < 0 ? '.' : slash === 0 ? '/' : word.value.slice(0, slash);
  return /[*?[\]{}]/.test(folder) ? undefined : folder;
}

/** Whether a move or copy takes folders whole: mv always, cp/rsync/scp when recursive. */
export function copiesTrees(name: string, words: readonly string[]): boolean {
  if (name === 'mv') return true;
  if (name !== 'cp' && name !== 'rsync' && name !== 'scp') return false;
  return words.some((w) => /^-[a-zA-Z]*[rRa]/.test(w) || /^--(?:rec|arc)/.test(w));
}

/** Whether a program may put files in place that no operand names; 'links' when only links matter. */
export function unpacks(name: string, args: readonly Arg[]): boolean | 'links' {
  const words = args.slice(1).map((a) => a.value);
  switch (name) {
    case 'git': {
      // The sub-command, after git's global options: `git apply` and `git am` write the files their
      // patches name (checks and listings write nothing).
      const sub = scanGit(args).next;
      const verb = args[sub]?.value ?? '';
      const rest = words.slice(sub);
      if (verb === 'apply') return !rest.some((w) => /^--(?:check|stat|numstat|summary)$/.test(w));
      if (verb === 'am') return !rest.some((w) => /^--(?:abort|quit|show-current-patch)/.test(w));
      // Commands that check tree contents out put links, makefiles and `config`/`HEAD` pairs of
      // other commits in place (a new branch at HEAD, `git checkout -b x`, changes nothing).
      if (verb === 'checkout' || verb === 'switch') {
        const operands = rest.filter((w) => !w.startsWith('-'));
        return !(rest.some((w) => /^-[bBc]$|^--orphan$|^--create$/.test(w)) && operands.length <= 1);
      }
      if (verb === 'reset') return rest.some((w) => /^--(?:hard|merge|keep)$/.test(w));
      if (verb === 'stash') return rest[0] === 'pop' || rest[0] === 'apply' || rest[0] === 'branch' ? 'links' : false;
      if (GIT_HISTORY_MOVES.has(verb)) return 'links';
      return GIT_CHECKOUTS.has(verb);
    }
    case 'patch':
      return !words.some((w) => w === '--dry-run' || w === '-C' || w === '--check');
    case 'unzip':
      // Listing, testing and printing to standard output write no file.
      return !words.some((w) => /^-[a-zA-Z]*[ltvpcZz]/.test(w));
    case 'tar':
    case 'bsdtar':
      // `-x`, `xf`, `--extract` by a prefix that is not also one of `--exclude…`, `--get`.
      return words.some((w, i) => {
        const long = /^--([a-z-]+)/.exec(w)?.[1];
        if (long !== undefined) return (long.length >= 3 && 'extract'.startsWith(long)) || (long.length >= 2 && 'get'.startsWith(long));
        return /^-[a-zA-Z]*x/.test(w) || (i === 0 && /^[a-zA-Z]*x/.test(w));
      });
    case 'cpio':
      // `-p` copies the files it is told on standard input, links as links (without -L).
      return words.some((w) => /^-[a-zA-Z]*[ip]|^--(?:ex|pa)/.test(w));
    case 'gzip':
    case 'xz':
    case 'bzip2':
    case 'zstd':
    case 'lz4':
      // Decompressing writes the file without its suffix (`s.gz` -> `s`).
      return words.some((w) => /^-[a-zA-Z0-9]*d|^--(?:de|un)/.test(w));
    case 'shuf':
      return words.some((w) => /^-[a-zA-Z]*o|^--o/.test(w));
    case 'cp':
      // `cp -b --suffix=S` leaves backups named by the suffix.
      return words.some((w) => /^-[a-zA-Z]*b|^--b/.test(w));
    default:
      return true;
  }
}

/** `cpio -p DEST`'s destination folder, or undefined when it does not copy-pass. */
export function cpioPassDestination(args: readonly Arg[]): Arg | undefined {
  let pass = false;
  let dest: Arg | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (/^--pa/.test(v)) pass = true;
    if (v.startsWith('--')) continue;
    if (!v.startsWith('-') || a.dynamic !== null) {
      dest = a;
      continue;
    }
    if (/^-[a-zA-Z]*p/.test(v)) pass = true;
    // -C, -E, -F, -H, -I, -M, -O and -R take a value.
    const valued = /^-[a-zA-Z]*?([CEFHIMOR])(.*)$/.exec(v);
    if (valued !== null && valued[2] === '') i++;
  }
  return pass ? dest : undefined;
}
