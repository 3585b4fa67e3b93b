// What unpackers other than tar and unzip fill, and the files compressors, splitters and dumpers
// write (audit 27, AA-1 and AA-7): cpio, 7z, ar, unrar, jar, pax, patch, git apply/am/read-tree,
// gzip and its kin, split, csplit, xxd, script, dpkg-deb, uudecode, `scp -t` and python's
// zipfile/tarfile. Archive formats that keep absolute or `..` member names (cpio, pax, `7z -spf`)
// may write anywhere: a tree of `/`. The archive-making modes of the same programs (`ar rcs`, `7z a`, `jar cf`,
// `dpkg-deb -b`, `zipfile -c`) write the archive they name (audit 29, GG-10).
import {
  contentWrite as content, has, hasLong, hereWrite as here, madeArg, readWords, ROOT, treeWrite as tree, valuesOf, withValue,
  type OperandWrite, type ProgramWrites,
} from './operand-words.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';
import { pipWrites } from './tool-outputs.ts';
import { FORMATTER_MODULES, formatterWrites } from './formatter-writes.ts';
import { REPORTER_MODULES, reportWrites } from './report-writes.ts';
import { folderSettingWrites } from './folder-settings.ts';
import { SSH_VALUE_LETTERS } from './toolruns.ts';

/** Files whose names start with `prefix` and are only known when the program runs. */
const named = (a: Arg, prefix: string): Arg => ({ ...a, value: `${prefix}*`, dynamic: a.dynamic ?? 'glob', pos: -1 });

/** `cpio -i`: GNU cpio keeps absolute and `..` member names unless --no-absolute-filenames. */
function cpioWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'CDEFHIMOR', long: ['--directory', '--file', '--format', '--io-size', '--message', '--owner', '--pattern-file', '--rename-batch-file', '--rsh-command'] });
  if (!has(w, '-i') && !hasLong(w, '--extract', 4)) return [];
  const dirs = valuesOf(w, '-D', '--directory');
  const filled = dirs.length > 0 ? dirs.map((d) => tree(d, 'cpio -i -D')) : [here('cpio -i')];
  return hasLong(w, '--no-absolute-filenames', 6) ? filled : [...filled, tree(ROOT, 'cpio -i')];
}

/**
 * `uudecode [FILE…]` writes the file its input's `begin` line names, which is not known here and
 * may be absolute: anything where the shell stands, or anywhere (audit 41, AR-4). An output option
 * (`-o FILE`, placers.ts) names the file instead, and BSD's `-p` writes to standard output.
 */
function uudecodeWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'o', long: ['--output-file'] });
  if (has(w, '-o', '-p') || hasLong(w, '--output-file', 3)) return [];
  return [here('uudecode'), tree(ROOT, 'uudecode')];
}

/**
 * `scp -t DIR` is the receiving end of a copy (what `scp` runs on the other host): the names of
 * what it receives come in on standard input, so it may write anything below DIR (audit 41, AR-3).
 */
function scpSinkWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: SSH_VALUE_LETTERS.scp ?? '', long: [] });
  return has(w, '-t') ? w.operands.map((dir) => tree(dir, 'scp -t')) : [];
}

/** 7z's commands that rewrite the archive they name. */
const SEVEN_ZIP_WRITERS = new Set(['a', 'u', 'd', 'rn']);

/**
 * `7z x|e ARCHIVE [-oDIR]`: the command is the first word that is no switch, in any case (`-y x`,
 * `X`); `-spf` keeps full (absolute) paths. `a|u|d|rn ARCHIVE` write the archive (7z's switches
 * hold their values attached, so it is the next word that is no switch).
 */
function sevenZipWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const at = args.findIndex((a, i) => i > 0 && !a.value.startsWith('-'));
  const verb = args[at]?.value.toLowerCase();
  if (verb !== undefined && SEVEN_ZIP_WRITERS.has(verb)) {
    const archive = args.find((a, i) => i > at && !a.value.startsWith('-'));
    if (archive === undefined) return [];
    // Without an extension 7z adds one: `.7z`, or the `-tTYPE` asked for.
    const type = args.filter((a, i) => i > 0 && a.value.startsWith('-t') && a.value.length > 2).pop()?.value.slice(2).toLowerCase() ?? '7z';
    const by = `${name} ${verb}`;
    return /\.[^/]*$/.test(archive.value) ? [content(archive, by)] : [content(archive, by), content(withValue(archive, `${archive.value}.${type}`), by)];
  }
  if (verb !== 'x' && verb !== 'e') return [];
  if (args.some((a) => a.value.startsWith('-spf'))) return [tree(ROOT, `${name} -spf`)];
  const dirs = args.filter((a, i) => i > 0 && i !== at && a.value.startsWith('-o') && a.value.length > 2).map((a) => withValue(a, a.value.slice(2)));
  return dirs.length > 0 ? dirs.map((d) => tree(d, `${name} -o`)) : [here(`${name} ${verb}`)];
}

/** ar's long options that take a value (`--output DIR`), which is then no key. */
const AR_VALUED = /^--(?:output|plugin|target)$/;

/**
 * `ar x ARCHIVE`, `ar -xv ARCHIVE`, `ar x --output=DIR ARCHIVE`, `ar --output DIR x ARCHIVE`; the
 * operations `r`, `q`, `m`, `d` and `s` (`ar rcs libx.a a.o`) rewrite the archive. The operation is
 * the key's first operation letter; the rest are modifiers (`a`/`b`/`i` take a member name
 * before the archive, `N` a count).
 */
function arWrites(args: readonly Arg[]): OperandWrite[] {
  let at = -1;
  for (let i = 1; i < args.length && at < 0; i++) {
    const v = (args[i] as Arg).value;
    if (AR_VALUED.test(v)) i++;
    else if (!v.startsWith('--')) at = i;
  }
  const key = args[at];
  if (key === undefined) return [];
  // GNU ar also reads the key from separate options (`ar -r -c -s libx.a a.o`).
  let letters = key.value;
  const operands: Arg[] = [];
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (AR_VALUED.test(a.value)) i++;
    else if (a.value.startsWith('-')) letters += a.value.startsWith('--') ? '' : a.value;
    else operands.push(a);
  }
  const op = /[dmpqrstx]/.exec(letters)?.[0];
  if (op === 'x') {
    const out = valuesOf(readWords(args, 1, { valued: '', long: ['--output', '--plugin', '--target'] }), '--output');
    return out.length > 0 ? out.map((d) => tree(d, 'ar x --output')) : [here('ar x')];
  }
  if (op === undefined || !'rqmds'.includes(op)) return [];
  const skip = (/[abi]/.test(letters) && (op === 'r' || op === 'm') ? 1 : 0) + (letters.includes('N') ? 1 : 0);
  const archive = operands[skip];
  return archive === undefined ? [] : [content(archive, `ar ${op}`)];
}

/** `unrar x|e [switches] ARCHIVE [files…] [DEST/]`, `rar x …`: a last operand ending in `/` is the destination. */
function unrarWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const verb = args[1]?.value;
  if (verb !== 'x' && verb !== 'e') return [];
  const operands = args.slice(2).filter((a) => !a.value.startsWith('-'));
  const last = operands[operands.length - 1];
  return operands.length > 1 && last !== undefined && /[/\\]$/.test(last.value) ? [tree(last, `${name} ${verb}`)] : [here(`${name} ${verb}`)];
}

/** `unar [-o DIR] ARCHIVE`. */
function unarWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'opefN', long: ['--output-directory', '--password', '--encoding', '--password-encoding', '--index'] });
  const dirs = valuesOf(w, '-o', '--output-directory');
  return dirs.length > 0 ? dirs.map((d) => tree(d, 'unar -o')) : [here('unar')];
}

/** jar's letters that take the next words in order when they share one word (`jar cfm A.jar M`). */
const JAR_VALUED = 'fme';

/**
 * `jar xf A.jar`, `jar -x -f A.jar`, `jar --extract --file A.jar [--dir DIR]`; `jar cf A.jar …`,
 * `jar -uf`, `jar --create --file A.jar` write the archive.
 */
function jarWrites(args: readonly Arg[]): OperandWrite[] {
  const first = args[1];
  // The first word's letters, with a dash or without (the old style).
  const letters = first !== undefined && /^-?[a-zA-Z0-9]+$/.test(first.value) ? first.value.replace(/^-/, '') : '';
  const w = readWords(args, 1, { valued: 'fCemp', long: ['--file', '--dir', '--manifest', '--main-class', '--module-version', '--release'] });
  const extracts = letters.includes('x') || has(w, '-x') || hasLong(w, '--extract', 4);
  const creates = /[cu]/.test(letters) || has(w, '-c', '-u') || hasLong(w, '--create', 4) || hasLong(w, '--update', 4);
  if (creates && !extracts) {
    let next = 2;
    let file: Arg | undefined;
    for (const ch of letters) if (JAR_VALUED.includes(ch)) {
      const value = args[next++];
      if (ch === 'f') file = value;
    }
    const files = letters.includes('f') ? (file === undefined ? [] : [file]) : valuesOf(w, '-f', '--file');
    return files.filter((f) => f.value !== '-').map((f) => content(f, 'jar -f'));
  }
  if (!extracts) return [];
  const dirs = valuesOf(w, '--dir', '-C');
  return dirs.length > 0 ? dirs.map((d) => tree(d, 'jar -x --dir')) : [here('jar x')];
}

/** `pax -r` writes members by their stored names, absolute ones included. */
function paxWrites(args: readonly Arg[]): OperandWrite[] {
  return args.some((a, i) => i > 0 && /^-[a-zA-Z]*r/.test(a.value)) ? [tree(ROOT, 'pax -r')] : [];
}

/**
 * `patch [options] [ORIGFILE [PATCHFILE]]`: the file named, else whatever the patch names below
 * the `-d` folder or where the shell stands (GNU patch refuses absolute and `..` names).
 */
function patchWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'BDdFiopruVYz',
    long: ['--prefix', '--ifdef', '--directory', '--fuzz', '--input', '--output', '--strip', '--reject-file', '--version-control', '--basename-prefix', '--suffix', '--quoting-style', '--get', '--reject-format'],
  });
  if (has(w, '-C') || hasLong(w, '--dry-run', 4) || hasLong(w, '--check', 4)) return [];
  const out: OperandWrite[] = [];
  for (const file of valuesOf(w, '-r', '--reject-file')) out.push(content(file, 'patch -r'));
  // `-o FILE` is judged as an output option (outputFiles): the original is left alone then.
  if (has(w, '-o') || hasLong(w, '--output', 4)) return out;
  const dir = valuesOf(w, '-d', '--directory').pop();
  const original = w.operands[0];
  const inDir = (a: Arg): Arg => (dir === undefined || a.value.startsWith('/') ? a : withValue({ ...a, dynamic: dir.dynamic ?? a.dynamic }, `${dir.value.replace(/\/+$/, '')}/${a.value}`));
  if (original !== undefined) out.push(content(inDir(original), 'patch'));
  else out.push(dir === undefined ? here('patch') : tree(dir, 'patch -d'));
  return out;
}

/** `git apply`/`git am` put what the patch names below `--directory`, or where git stands; `read-tree -u` a tree. */
export function gitPatchWrites(args: readonly Arg[], at: number, verb: string): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: '', long: ['--prefix', '--directory', '--index-output', '--exclude-per-directory', '--exclude', '--include', '--whitespace', '--build-fake-ancestor'] });
  if (verb === 'read-tree') {
    // Without -u the tree only fills the index, which `git checkout -- PATH` then writes out (not
    // judged: the index's own contents), so it counts the same; HEAD's tree is a committed one.
    const prefixes = valuesOf(w, '--prefix');
    if (prefixes.length > 0) return prefixes.map((p) => tree(p, 'git read-tree --prefix'));
    if (!has(w, '-u') && w.operands.every((o) => /^(?:HEAD|@)(?:\^\{tree\})?$/.test(o.value))) return [];
    return [{ ...here(has(w, '-u') ? 'git read-tree -u' : 'git read-tree'), wholeTree: true }];
  }
  if (verb === 'apply') {
    // `--cached` patches the index alone, which a later `git checkout -- PATH` writes out.
    if (has(w, '--check')) return [];
    if (!has(w, '--apply') && has(w, '--stat', '--numstat', '--summary')) return [];
  } else if (has(w, '--abort', '--quit', '--show-current-patch')) return [];
  const dirs = valuesOf(w, '--directory');
  // git am applies at the top of the work tree; git apply only below where it stands.
  return dirs.length > 0 ? dirs.map((d) => tree(d, `git ${verb} --directory`)) : [verb === 'am' ? { ...here('git am'), wholeTree: true } : here(`git ${verb}`)];
}

/** Suffixes compressors add; their names without the `un` decompress. */
const COMPRESSORS: Readonly<Record<string, string>> = lookupTable({
  gzip: '.gz', xz: '.xz', lzma: '.lzma', bzip2: '.bz2', zstd: '.zst', lz4: '.lz4', brotli: '.br', lzip: '.lz', lzop: '.lzo',
  gunzip: '.gz', unxz: '.xz', unlzma: '.lzma', bunzip2: '.bz2', unzstd: '.zst', unlz4: '.lz4',
});
/** Compressors that keep their input unless told otherwise. */
const KEEPS = new Set(['zstd', 'unzstd', 'lz4', 'unlz4', 'brotli', 'lzop']);

/**
 * A compressor writes FILE.gz (or FILE from FILE.gz) beside each operand and removes the operand;
 * `-o FILE` (zstd, brotli) and lz4's second operand name the output, and `--output-dir-*` a folder.
 */
function compressorWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const suffix = COMPRESSORS[name] ?? '';
  const w = readWords(args, 1, { valued: name === 'zstd' || name === 'unzstd' ? 'oDT' : name === 'brotli' ? 'oqSw' : 'STM', long: ['--output', '--output-dir-flat', '--output-dir-mirror', '--suffix', '--dict', '--format', '--threads', '--quality', '--window'] });
  const out: OperandWrite[] = [];
  for (const file of valuesOf(w, '-o', '--output')) out.push(content(file, `${name} -o`));
  for (const dir of valuesOf(w, '--output-dir-flat', '--output-dir-mirror')) out.push(tree(dir, `${name} --output-dir`));
  // lz4's -l is its legacy format, not a listing.
  const lists = name === 'lz4' || name === 'unlz4' ? false : has(w, '-l');
  if (out.length > 0 || lists || has(w, '-c', '-t') || hasLong(w, '--stdout', 4) || hasLong(w, '--to-stdout', 4) || hasLong(w, '--test', 4) || hasLong(w, '--list', 4)) return out;
  const operands = w.operands.filter((a) => a.value !== '-');
  if ((name === 'lz4' || name === 'unlz4') && operands.length === 2 && !has(w, '-m') && operands[1] !== undefined) return [content(operands[1], name)];
  const decompress = /^(?:un|gun|bun)/.test(name) || has(w, '-d') || hasLong(w, '--decompress', 4) || hasLong(w, '--uncompress', 4);
  const keeps = KEEPS.has(name) ? !hasLong(w, '--rm', 4) : has(w, '-k') || hasLong(w, '--keep', 4);
  // -r works through every file below a folder operand.
  if (has(w, '-r') || hasLong(w, '--recursive', 3)) return operands.map((file) => tree(file, `${name} -r`));
  for (const file of operands) {
    const written = decompress ? (file.value.endsWith(suffix) ? file.value.slice(0, -suffix.length) : file.value) : `${file.value}${suffix}`;
    out.push(content(withValue(file, written), name));
    if (!keeps) out.push({ file, by: name, kind: 'entry' });
  }
  return out;
}

/** `split [options] [INPUT [PREFIX]]` and `csplit [-f PREFIX]`: files PREFIXaa…, PREFIX00… (`x`, `xx` by default). */
function splitWrites(args: readonly Arg[], name: string): OperandWrite[] {
  if (name === 'split') {
    // `-d`/`-x` (numeric, hex suffixes) take no value; only their long forms an optional `=FROM`.
    const w = readWords(args, 1, { valued: 'abClnt', long: ['--suffix-length', '--additional-suffix', '--bytes', '--line-bytes', '--lines', '--number', '--separator', '--filter'] });
    // --filter hands each piece to a command instead of a file.
    if (hasLong(w, '--filter', 3)) return [];
    // Without a PREFIX the pieces are named `x…` where the shell stands (csplit's `xx…`).
    const prefix = w.operands[1] ?? madeArg('x');
    return [content(named(prefix, prefix.value), 'split')];
  }
  const w = readWords(args, 1, { valued: 'bfn', long: ['--suffix-format', '--prefix', '--digits'] });
  const prefixes = valuesOf(w, '-f', '--prefix');
  return (prefixes.length > 0 ? prefixes : [madeArg('xx')]).map((p) => content(named(p, p.value), 'csplit'));
}

/** `xxd [options] [INFILE [OUTFILE]]` (with or without -r) writes OUTFILE. */
function xxdWrites(args: readonly Arg[]): OperandWrite[] {
  const operands: Arg[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value.startsWith('-') && a.value !== '-') {
      if (/^-(?:c|cols|g|groupsize|l|len|n|name|o|offset|s|seek)$/.test(a.value)) i++;
      continue;
    }
    operands.push(a);
  }
  const output = operands[1];
  return output === undefined || output.value === '-' ? [] : [content(output, 'xxd')];
}

/** `--timing`'s prefixes script takes: `--t` is already unique among its long options. */
const isTiming = (name: string): boolean => name.length >= 3 && '--timing'.startsWith(name);

/**
 * `script [options] [FILE]` logs the session to FILE (and -I/-O/-B/-T to theirs); `-tFILE` and
 * `--timing=FILE` take their file only attached (alone, the timing goes to standard error).
 */
function scriptWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'cEIOBTm', attached: 't', long: ['--command', '--echo', '--log-in', '--log-out', '--log-io', '--log-timing', '--logging-format', '--output-limit'] });
  const logs = valuesOf(w, '-I', '-O', '-B', '-T', '-t', '--log-in', '--log-out', '--log-io', '--log-timing');
  for (const [option, values] of w.values) if (isTiming(option)) logs.push(...values);
  const file = w.operands[0];
  return [...logs, ...(file === undefined ? [] : [file])].map((f) => content(f, 'script'));
}

/**
 * The module `python … -m MODULE …` runs and where its own words start: `-m` may end a cluster of
 * the interpreter's flags (`-Im zipfile`, `-Imzipfile`); `-c`, a script or `-` end the search.
 */
function pythonModule(args: readonly Arg[]): { module: string; next: number } | undefined {
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (!v.startsWith('-') || v === '-' || v === '--' || a.dynamic !== null) return undefined;
    if (v.startsWith('--')) {
      if (v === '--check-hash-based-pycs') i++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j];
      if (ch === 'm') {
        if (j + 1 < v.length) return { module: v.slice(j + 1), next: i + 1 };
        const word = args[i + 1];
        return word === undefined ? undefined : { module: word.value, next: i + 2 };
      }
      if (ch === 'c') return undefined;
      // -W and -X take the rest of the word, or the next one.
      if (ch === 'W' || ch === 'X') {
        if (j + 1 === v.length) i++;
        break;
      }
    }
  }
  return undefined;
}

/**
 * zipfile's and tarfile's action `long` (`--extract`) as argparse reads it: `-e`, any prefix from
 * `--e` (no two of their long options share a first letter), or after tarfile's `-v` (`-ve`).
 */
function isAction(v: string, long: string): boolean {
  if (v.startsWith('--')) return v.length >= 3 && long.startsWith(v);
  return /^-v*[a-z]$/.test(v) && v.endsWith(long[2] ?? '');
}

/**
 * `python3 -m zipfile|tarfile -e ARCHIVE [DIR]`: the stdlib modules' own unpackers; `-c ARCHIVE
 * FILE…` writes the archive. `python3 -m pip` is pip, `python3 -m black` is black.
 */
function pythonModuleWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const found = pythonModule(args);
  if (found === undefined) return [];
  const { module, next } = found;
  if (module === 'pip') {
    const pip = [args[0] as Arg, ...args.slice(next)];
    return [...pipWrites(pip, `${name} -m pip`), ...folderSettingWrites('pip', pip) ?? []];
  }
  if (FORMATTER_MODULES.has(module)) return formatterWrites(module, [args[0] as Arg, ...args.slice(next)]) ?? [];
  if (REPORTER_MODULES.has(module)) return reportWrites(module, [args[0] as Arg, ...args.slice(next)]) ?? [];
  if (module !== 'zipfile' && module !== 'tarfile') return [];
  const rest = args.slice(next);
  const c = rest.findIndex((a) => isAction(a.value, '--create'));
  if (c >= 0) {
    const archive = rest[c + 1];
    return archive === undefined ? [] : [content(archive, `${name} -m ${module} -c`)];
  }
  const e = rest.findIndex((a) => isAction(a.value, '--extract'));
  if (e < 0) return [];
  const dir = rest[e + 2];
  return [dir === undefined ? here(`${name} -m ${module} -e`) : tree(dir, `${name} -m ${module} -e`)];
}

/** dpkg-deb's actions that write; dpkg hands them to dpkg-deb (but not `-R`, which is dpkg's --recursive). */
const DEB_ACTIONS = /^(?:-[xXeb]|--(?:extract|vextract|control|build))$/;
/** dpkg-deb's options whose value may be the next word. */
const DEB_VALUED = /^(?:-[zZS]|--threads-max)$/;

/**
 * `dpkg-deb -x|-X|-R ARCHIVE DIR` and `-e|--control ARCHIVE [DIR]` (else `./DEBIAN`) fill DIR;
 * `-b|--build DIR [ARCHIVE]` writes ARCHIVE (a folder gets a file in it), else `DIR.deb`.
 */
function debWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const at = args.findIndex((a, i) => i > 0 && (DEB_ACTIONS.test(a.value) || (name === 'dpkg-deb' && /^(?:-R|--raw-extract)$/.test(a.value))));
  const action = args[at]?.value;
  if (action === undefined) return [];
  const operands: Arg[] = [];
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (DEB_VALUED.test(a.value)) i++;
    else if (!a.value.startsWith('-')) operands.push(a);
  }
  const by = `${name} ${action}`;
  if (action === '-b' || action === '--build') {
    const [dir, archive] = operands;
    if (archive !== undefined) return [{ ...content(archive, by), mayBeFolder: true }, tree(archive, by)];
    return dir === undefined ? [] : [content(withValue(dir, `${dir.value.replace(/\/+$/, '')}.deb`), by)];
  }
  const dir = operands[1];
  if (dir !== undefined) return [tree(dir, by)];
  return [action === '-e' || action === '--control' ? tree(madeArg('DEBIAN'), by) : here(by)];
}

/** Python interpreters by name (`python`, `python3`, `python3.12`). */
const PYTHON = /^python[0-9.]*$/;

/** The programs this file knows: one lookup, since every command name of every command comes here. */
const UNPACKERS = new Map<string, ProgramWrites>([
  ['cpio', cpioWrites], ['7z', sevenZipWrites], ['7za', sevenZipWrites], ['7zz', sevenZipWrites], ['7zr', sevenZipWrites],
  ['ar', arWrites], ['unrar', unrarWrites], ['rar', unrarWrites], ['unar', unarWrites], ['jar', jarWrites], ['pax', paxWrites],
  ['patch', patchWrites], ['split', splitWrites], ['csplit', splitWrites], ['xxd', xxdWrites], ['script', scriptWrites],
  ['dpkg-deb', debWrites], ['dpkg', debWrites], ['uudecode', uudecodeWrites], ['scp', scpSinkWrites],
  ...Object.keys(COMPRESSORS).map((n): [string, ProgramWrites] => [n, compressorWrites]),
]);

/** The writes of the programs this file knows, or null for any other name. */
export function unpackerWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  // A Map, not an object: `constructor` or `toString` is a command name like any other.
  const writes = UNPACKERS.get(name);
  if (writes !== undefined) return writes(args, name);
  return name.startsWith('python') && PYTHON.test(name) ? pythonModuleWrites(args, name) : null;
}
