// Everyday writers whose operand or output option names what they write (audit 30, JJ-8):
// formatters' in-place modes (`prettier --write`, `gofmt -w`, `clang-format -i`), `gpg -o`,
// `sdiff -o`, `pg_dump -f`, tracers' logs (`strace -o`, `ltrace -o`, `valgrind --log-file=`),
// `nmap -oN|-oX|-oG|-oA`, the nodes `mktemp`, `mkfifo` and `mknod` make, and the local side of
// `docker|podman|kubectl cp`. Judged like `tee FILE`; the nodes like `touch`'s.
import { CLIENT_WRITERS } from './client-writes.ts';
import { scanOptions } from './options.ts';
import {
  contentWrite as content, has, hasLong, madeArg, readWords, treeWrite as tree, valuesOf, withValue, type OperandWrite, type ProgramWrites,
} from './operand-words.ts';
import { renameWrites } from './rename-writes.ts';
import { sqliteWrites } from './sqlite-writes.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/**
 * A path a program rewrites that may be a folder, whose files it then rewrites too; one that is
 * surely a folder (`.`, `src/`) is only held to what lies below it, as an archive's folder is.
 */
export const fileOrFolder = (file: Arg, by: string): OperandWrite[] =>
  file.dynamic === null && /(?:^|\/)\.{0,2}$/.test(file.value) ? [tree(file, by)] : [{ ...content(file, by), mayBeFolder: true }, tree(file, by)];

/** A word the program expands as a pattern itself (`prettier --write 'src/**'`): the files it names are only known when it runs. */
export const pattern = (word: Arg, by: string): Arg => (word.dynamic !== null || !/[*?[{]/.test(word.value) ? word : { ...word, dynamic: `a pattern ${by} expands` });

/** Standard output, not a file. */
const toFile = (f: Arg): boolean => f.dynamic !== null || f.value !== '-';

/** prettier's options that take the next word as value. */
const PRETTIER_VALUED = [
  '--config', '--parser', '--plugin', '--print-width', '--tab-width', '--trailing-comma', '--ignore-path', '--log-level', '--loglevel',
  '--cache-location', '--cache-strategy', '--stdin-filepath', '--end-of-line', '--arrow-parens', '--prose-wrap', '--quote-props',
  '--html-whitespace-sensitivity', '--embedded-language-formatting', '--object-wrap', '--experimental-operator-position',
  '--cursor-offset', '--range-start', '--range-end', '--config-precedence', '--plugin-search-dir',
];

/** `prettier --write|-w FILE|DIR|GLOB…` rewrites each (a folder whole); `--cache-location FILE`. */
function prettierWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: '', long: PRETTIER_VALUED });
  const out = valuesOf(w, '--cache-location').map((f) => content(f, 'prettier --cache-location'));
  if (!has(w, '-w') && !hasLong(w, '--write', 4)) return out;
  return [...out, ...w.operands.flatMap((f) => fileOrFolder(pattern(f, 'prettier'), 'prettier --write'))];
}

/** Go's flag package: one dash or two, `-flag=value` or `-flag value` for the valued ones, flags before the first operand. */
function goFlags(args: readonly Arg[], valued: ReadonlySet<string>): { flags: Map<string, Arg | null>; operands: Arg[] } {
  const flags = new Map<string, Arg | null>();
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i] as Arg;
    const m = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/s.exec(a.value);
    if (a.value === '--') { i++; break; }
    if (m === null) break;
    const name = m[1] as string;
    const value = m[2] !== undefined ? withValue(a, m[2]) : valued.has(name) ? args[++i] ?? null : null;
    flags.set(name, value);
  }
  return { flags, operands: args.slice(i) };
}

const GOFMT_VALUED = new Set(['r', 'cpuprofile', 'local', 'srcdir']);

/** `gofmt -w PATH…`, `goimports -w PATH…`, `gofumpt -w PATH…`: each file, and every Go file below a folder; `-cpuprofile FILE`. */
function gofmtWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const { flags, operands } = goFlags(args, GOFMT_VALUED);
  const profile = flags.get('cpuprofile');
  const out = profile === undefined || profile === null ? [] : [content(profile, `${name} -cpuprofile`)];
  const w = flags.get('w');
  const inPlace = flags.has('w') && (w === null || w === undefined || !/^(?:false|0|f)$/i.test(w.value));
  return inPlace ? [...out, ...operands.flatMap((f) => fileOrFolder(f, `${name} -w`))] : out;
}

/** clang-format's options that take a value (LLVM's: one dash or two, `=VALUE` or the next word). */
const CLANG_FORMAT_VALUED = /^--?(?:style|assume-filename|lines|offset|length|cursor|fallback-style|files|qualifier-alignment)$/;

/** `clang-format -i FILE…`; `--files=LIST` names them in a file. */
function clangFormatWrites(args: readonly Arg[]): OperandWrite[] {
  const files: Arg[] = [];
  let inPlace = false;
  let listed = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (!v.startsWith('-') || v === '-') files.push(a);
    else if (/^--?i$/.test(v)) inPlace = true;
    else if (/^--?files(?:=|$)/.test(v)) listed = true;
    if (CLANG_FORMAT_VALUED.test(v)) i++;
  }
  if (!inPlace) return [];
  const out = files.filter(toFile).map((f) => content(f, 'clang-format -i'));
  return listed ? [...out, content(madeArg('*', 'files clang-format reads from --files'), 'clang-format -i')] : out;
}

/** `gpg -o|--output FILE`, and the log and status files its options name. */
function gpgWrites(args: readonly Arg[]): OperandWrite[] {
  const long = ['--output', '--logger-file', '--log-file', '--status-file', '--attribute-file', '--recipient', '--local-user', '--homedir', '--default-key',
    '--trust-model', '--keyring', '--secret-keyring', '--keyserver', '--passphrase', '--passphrase-file', '--passphrase-fd', '--status-fd',
    '--logger-fd', '--compress-level', '--cipher-algo', '--digest-algo', '--pinentry-mode', '--hidden-recipient', '--encrypt-to', '--set-filename', '--comment'];
  const w = readWords(args, 1, { valued: 'oruzRfFN', long });
  return ['-o', '--output', '--logger-file', '--log-file', '--status-file', '--attribute-file']
    .flatMap((option) => valuesOf(w, option).filter(toFile).map((f) => content(f, `gpg ${option}`)));
}

/** `sdiff -o|--output FILE`: the merged file. */
const sdiffWrites = (args: readonly Arg[]): OperandWrite[] =>
  valuesOf(readWords(args, 1, { valued: 'owI', long: ['--output', '--width', '--ignore-matching-lines', '--diff-program', '--tabsize'] }), '-o', '--output')
    .map((f) => content(f, 'sdiff -o'));

/**
 * `mktemp [-d] [-p DIR|--tmpdir[=DIR]|-t] [TEMPLATE]` makes a node named by TEMPLATE with its
 * trailing X's filled in, in DIR (or /tmp) when told or without a template; `-u` makes none.
 */
function mktempWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'p', long: ['--suffix'], flags: ['--tmpdir'] });
  if (has(w, '-u') || hasLong(w, '--dry-run', 3)) return [];
  const template = w.operands[0] ?? madeArg('tmp.XXXXXXXXXX');
  const dir = valuesOf(w, '-p', '--tmpdir').pop() ?? (has(w, '-t', '--tmpdir') || w.operands.length === 0 ? madeArg('/tmp') : undefined);
  if (template.dynamic !== null) return [{ file: template, by: 'mktemp', kind: 'entry' }];
  const path = dir === undefined || template.value.startsWith('/') ? template.value : `${dir.value.replace(/\/+$/, '')}/${template.value}`;
  if (!/X{3,}$/.test(path)) return [];
  return [{ file: { ...template, value: path.replace(/X{3,}$/, '*'), dynamic: dir?.dynamic ?? 'glob', pos: -1 }, by: 'mktemp', kind: 'entry' }];
}

/** `mkfifo NAME…` and `mknod NAME TYPE …` make the nodes they name. */
function nodeWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'm', long: ['--mode'] });
  return (name === 'mknod' ? w.operands.slice(0, 1) : w.operands).map((file) => ({ file, by: name, kind: 'entry' }));
}

/** `pg_dump|pg_dumpall|pg_restore -f|--file FILE`; a directory-format dump (`-Fd`) fills a folder. */
function pgWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'dfFhIjLnNpPStTUEZ',
    long: ['--file', '--format', '--jobs', '--schema', '--exclude-schema', '--table', '--exclude-table', '--compress', '--dbname', '--host', '--port',
      '--username', '--encoding', '--superuser', '--role', '--lock-wait-timeout', '--section', '--exclude-table-data', '--extra-float-digits',
      '--rows-per-insert', '--snapshot', '--filter', '--index', '--function', '--trigger', '--use-list', '--exclude-database'],
  });
  const folder = valuesOf(w, '-F', '--format').some((f) => /^d/.test(f.value));
  return valuesOf(w, '-f', '--file').filter(toFile).flatMap((f) => (folder ? [tree(f, `${name} -f`)] : [content(f, `${name} -f`)]));
}

/** valgrind's options that name a file it writes (`--log-file=F`); only `=` gives them a value. */
const VALGRIND_FILES = /^--(?:log-file|xml-file|massif-out-file|callgrind-out-file|cachegrind-out-file|dhat-out-file)=(.*)$/s;

/** `valgrind --log-file=FILE … PROGRAM`: its options come before the program. */
function valgrindWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 1; i < args.length && args[i]?.value.startsWith('-') === true; i++) {
    const a = args[i] as Arg;
    const m = VALGRIND_FILES.exec(a.value);
    if (m !== null) out.push(content(withValue(a, m[1] as string), `valgrind ${a.value.slice(0, a.value.indexOf('='))}`));
  }
  return out;
}

/** strace's and ltrace's options that take a value, before the program they trace. */
const TRACERS: Readonly<Record<string, { valued: string; long: string[] }>> = lookupTable({
  strace: { valued: 'abeIoOpPsSuEXU', long: ['--output', '--trace', '--trace-path', '--signal', '--status', '--string-limit', '--user', '--env', '--attach', '--summary-sort-by', '--columns', '--seccomp-bpf', '--kvm'] },
  ltrace: { valued: 'aADeFlnopsuwx', long: ['--output', '--align', '--indent', '--library', '--config'] },
});

/** `strace|ltrace -o FILE PROGRAM` (`-ff` writes FILE.PID); `-o '|CMD'` pipes the trace into a command (runners.ts). */
function traceWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const spec = TRACERS[name];
  if (spec === undefined) return [];
  const scan = scanOptions(args, 1, { shortWithValue: spec.valued, longWithValue: spec.long, abbreviations: true });
  const files = scan.options.filter((o) => o.name === '-o' || o.name === '--output').flatMap((o) => (o.value === null || /^[|!]/.test(o.value.value) ? [] : [o.value]));
  const separately = scan.options.filter((o) => o.name === '-f').length > 1 || scan.options.some((o) => o.name === '--output-separately');
  return files.flatMap((f) => (separately ? [content(f, `${name} -o`), content({ ...f, value: `${f.value}.*`, dynamic: f.dynamic ?? 'glob', pos: -1 }, `${name} -ff -o`)] : [content(f, `${name} -o`)]));
}

/** What nmap's `-oN|-oX|-oG|-oS|-oM|-oH FILE` write; `-oA BASE` writes BASE.nmap, BASE.xml and BASE.gnmap. */
function nmapWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const m = /^-o([NXGSMHA])(?:=(.*))?$/s.exec(a.value);
    if (m === null) continue;
    const file = m[2] !== undefined ? withValue(a, m[2]) : args[++i];
    if (file === undefined || !toFile(file)) continue;
    const by = `nmap -o${m[1] as string}`;
    if (m[1] === 'A') for (const suffix of ['.nmap', '.xml', '.gnmap']) out.push(content(withValue(file, `${file.value}${suffix}`), by));
    else out.push(content(file, by));
  }
  return out;
}

/** A container's path (`CONTAINER:PATH`, `[NAMESPACE/]POD:PATH`): a colon before any slash. */
const IN_CONTAINER = /^[^/]*:/;

/**
 * `docker|podman [container] cp SRC DEST` and `kubectl cp SRC DEST`: a local DEST is written (a
 * folder copied whole). `cp` counts only after the global options and their values.
 */
function containerCopyWrites(args: readonly Arg[], name: string): OperandWrite[] {
  let at = 1;
  while (at < args.length && args[at]?.value !== 'cp') {
    const v = args[at]?.value ?? '';
    const valueOfOption = /^-[^=]*$/.test(args[at - 1]?.value ?? '') && at > 1;
    if (!v.startsWith('-') && v !== 'container' && !valueOfOption) return [];
    at++;
  }
  if (at >= args.length) return [];
  const w = readWords(args, at + 1, { valued: 'cn', long: ['--container', '--retries', '--namespace', '--context', '--kubeconfig'] });
  const [source, dest] = w.operands;
  if (source === undefined || dest === undefined || (dest.dynamic === null && (IN_CONTAINER.test(dest.value) || dest.value === '-'))) return [];
  // Into a folder (`.`, `out/`) the copy lands under the source's own name, as cp's does.
  const base = source.value.slice(source.value.indexOf(':') + 1).replace(/\/+$/, '').split('/').pop() ?? '';
  const folder = dest.dynamic === null && /(?:^|\/)\.{0,2}$/.test(dest.value);
  if (!folder || source.dynamic !== null || /^\.{0,2}$/.test(base)) return fileOrFolder(dest, `${name} cp`);
  return fileOrFolder(withValue(dest, `${dest.value.replace(/\/+$/, '')}/${base}`), `${name} cp`);
}

/** The programs this file knows: one lookup, since every command name comes here. */
const WRITERS = new Map<string, ProgramWrites>([
  ['prettier', prettierWrites], ['gofmt', gofmtWrites], ['goimports', gofmtWrites], ['gofumpt', gofmtWrites], ['clang-format', clangFormatWrites], ['gpg', gpgWrites], ['gpg2', gpgWrites],
  ['sdiff', sdiffWrites], ['mktemp', mktempWrites], ['mkfifo', nodeWrites], ['mknod', nodeWrites], ['pg_dump', pgWrites], ['pg_dumpall', pgWrites],
  ['pg_restore', pgWrites], ['valgrind', valgrindWrites], ['strace', traceWrites], ['ltrace', traceWrites], ['nmap', nmapWrites],
  ['docker', containerCopyWrites], ['podman', containerCopyWrites], ['kubectl', containerCopyWrites],
  ['rename', renameWrites], ['file-rename', renameWrites], ['prename', renameWrites], ['perl-rename', renameWrites], ['rename.ul', renameWrites],
  ['mmv', renameWrites], ['vidir', renameWrites], ['sqlite3', sqliteWrites], ...CLIENT_WRITERS,
]);

/** The writes of the programs this file knows, or null for any other name. */
export function writerOutputWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = WRITERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
