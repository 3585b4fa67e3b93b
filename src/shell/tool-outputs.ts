// Everyday programs that write a file their options or operands name (audit 28, DD-5 and DD-7;
// audit 29, GG-3, GG-8, GG-11 for other spellings of the same programs):
// `sponge FILE`, `yq -i … FILE`, `iconv -o FILE`, compilers' `-o`, `go build -o`, `zip ARCHIVE`,
// `openssl … -out FILE`, `ssh-keygen -f FILE`, pip's and package managers' target folders, and what
// `gh` clones or downloads, and the outputs of `rustc`, `javac` and `tsc`. Judged like `tee FILE`.
import {
  contentWrite as content, GIT_CLONE_OPTIONS, has, hasLong, hereWrite, madeArg, readWords, ruleOnlyWrite, treeWrite as tree, valuesOf, withValue,
  type OperandWrite, type ProgramWrites,
} from './operand-words.ts';
import { packageFolderWrites } from './package-folders.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/** `sponge [-a] FILE`: moreutils' tee that soaks up its input first. */
function spongeWrites(args: readonly Arg[]): OperandWrite[] {
  return readWords(args, 1, { valued: '', long: [] }).operands.slice(0, 1).map((f) => content(f, 'sponge'));
}

/** yq's sub-commands, which come before its expression. */
const YQ_VERBS = new Set(['eval', 'e', 'eval-all', 'ea']);
/** A word that reads as a file, not an expression: a YAML-like name with a folder, or without a leading dot. */
const YQ_FILE = /^[^\s'"|=()[\]{}$]+\.(?:ya?ml|json|xml|toml|properties|csv|tsv|hcl|ini)$/i;

/**
 * `yq -i|--inplace|--in-place [eval] EXPR FILE…`: every file after the expression is rewritten.
 * mikefarah yq takes a first operand that is an existing file for a file (the expression is then
 * `.`): so a lone operand, or a first one that reads as a file (`yq -i -P ci/x.yml`), is written too.
 */
function yqWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'opIs', long: ['--output-format', '--input-format', '--indent', '--split-exp', '--expression', '--from-file', '--front-matter', '--arg', '--argjson'] });
  if (!has(w, '-i') && !hasLong(w, '--inplace', 4) && !hasLong(w, '--in-place', 5)) return [];
  const operands = YQ_VERBS.has(w.operands[0]?.value ?? '') ? w.operands.slice(1) : w.operands;
  const first = operands[0];
  const allFiles = has(w, '--expression') || hasLong(w, '--from-file', 4) || operands.length === 1
    || (first !== undefined && YQ_FILE.test(first.value) && (first.value.includes('/') || !first.value.startsWith('.')));
  return (allFiles ? operands : operands.slice(1)).map((f) => content(f, 'yq -i'));
}

/** C compilers, preprocessors, assemblers and linkers by name (`gcc-12`, `x86_64-linux-gnu-gcc`, `clang++`, `c99`, `as`). */
export const COMPILER = /^(?:.*-)?(gcc|g\+\+|cc|c\+\+|c99|c89|clang|clang\+\+|tcc|cpp|as|ld|ld\.(?:bfd|gold|lld))(?:-[0-9.]+)?$/;

/** The driver's options whose value may be the next word, so that word is no source. */
const CC_VALUED = new Set([
  '-o', '--output', '-x', '-I', '-D', '-U', '-L', '-l', '-B', '-T', '-u', '-z', '-e', '-include', '-imacros', '-isystem', '-idirafter', '-iquote',
  '-iprefix', '-iwithprefix', '-iwithprefixbefore', '-isysroot', '-imultilib', '-MF', '-MT', '-MQ', '-MJ', '-Xlinker', '-Xassembler',
  '-Xpreprocessor', '-Xclang', '-aux-info', '--param', '-arch', '-target', '--sysroot', '-specs', '-wrapper', '-dumpdir', '-dumpbase',
]);
/** Options after which the driver writes no file of its own choosing (only `-o`'s, or none). */
const CC_STOPS = /^-(?:E|M|MM|fsyntax-only|v|-version|-help|###)$/;
/** Linker inputs, which `-c` leaves alone. */
const LINKER_INPUT = /\.(?:o|obj|a|so|lib|dylib)$/;

/** `NAME.suffix` for a source, where the shell stands (`src/a.c` -> `a.o`); a name only known at run time gives `*.suffix`. */
function besideHere(source: Arg, suffix: string): Arg {
  if (source.dynamic !== null) return { ...source, value: `*${suffix}`, dynamic: 'glob', pos: -1 };
  const base = source.value.slice(source.value.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return withValue(source, `${dot > 0 ? base.slice(0, dot) : base}${suffix}`);
}

/** Linker options that name a file it writes (`-Map` its link map, `--dependency-file`, a DLL's import library), by GNU ld's spellings. */
const LINKER_WRITING = /^--?(?:Map|dependency-file|out-implib)(?:=|$)/;

/**
 * The files the linker writes because an option names them (audit 45, BD-7): `-Map=FILE` or
 * `-Map FILE`, `--dependency-file`, `--out-implib`, and its own `-o` when the driver hands it one.
 * ld's output without `-o` is the driver's or `a.out`, judged by compilerWrites.
 */
function linkerWrites(words: readonly Arg[], name: string, handed: boolean): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Arg;
    const eq = w.value.indexOf('=');
    const option = eq < 0 ? w.value : w.value.slice(0, eq);
    // ld's own `-o` is read with the driver's options; one handed over with -Wl is the linker's.
    if (!LINKER_WRITING.test(option) && !(handed && (option === '-o' || option === '--output'))) continue;
    const file = eq >= 0 ? withValue(w, w.value.slice(eq + 1)) : words[++i];
    if (file !== undefined) out.push(content(file, `${name} linker ${option}`));
  }
  return out;
}

/**
 * `cc … -o FILE` (`-oFILE`, `--output[=]FILE`); without `-o`, `a.out` where the shell stands, or
 * with `-c`/`-S` each source's `NAME.o`/`NAME.s` there; `-MF FILE` and `-MD` write dependency
 * files. `cpp IN OUT` writes OUT; `as` and `ld` write `a.out` without `-o`.
 */
function compilerWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const tool = COMPILER.exec(name)?.[1] ?? '';
  const driver = tool === 'cpp' || tool === 'as' ? tool : tool.startsWith('ld') ? 'ld' : 'cc';
  const out: OperandWrite[] = [];
  const outputs: Arg[] = [];
  const sources: Arg[] = [];
  let stage = '';
  let stops = false;
  let depFile = false;
  let deps = false;
  // What the driver hands the linker (`-Wl,-Map=F`, `-Xlinker -Map=F`), or ld's own words.
  const linkerWords: Arg[] = driver === 'ld' ? args.slice(1) : [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (driver === 'cc' && v.startsWith('-Wl,')) {
      linkerWords.push(...v.slice(4).split(',').map((w) => withValue(a, w)));
      continue;
    }
    if (!v.startsWith('-') || v === '-') {
      sources.push(a);
      continue;
    }
    let option = v;
    let value: Arg | undefined;
    if (CC_VALUED.has(v)) value = args[++i];
    else if (v.startsWith('--output=')) [option, value] = ['-o', withValue(a, v.slice('--output='.length))];
    else if (v.startsWith('-o')) [option, value] = ['-o', withValue(a, v.slice(2))];
    else if (/^-M[FJ]./.test(v)) [option, value] = [v.slice(0, 3), withValue(a, v.slice(3))];
    else {
      // `ld -c FILE` is an MRI script and `ld -S` strips: only a compiler driver has stages.
      if (driver !== 'cc' && driver !== 'cpp') stops ||= /^-(?:v|-version|-help)$/.test(v);
      else if (v === '-c' || v === '-S') stage = stage === '-S' ? stage : v;
      else if (v === '-MD' || v === '-MMD') deps = true;
      else stops ||= CC_STOPS.test(v);
      continue;
    }
    if (value === undefined) continue;
    if (option === '-Xlinker' && driver === 'cc') linkerWords.push(value);
    if (option === '-o' || option === '--output') outputs.push(value);
    else if (option === '-MF' || option === '-MJ') {
      out.push(content(value, `${name} ${option}`));
      depFile ||= option === '-MF';
    }
  }
  for (const f of outputs) out.push(content(f, `${name} -o`));
  out.push(...linkerWrites(linkerWords, name, driver === 'cc'));
  if (deps && !depFile) {
    // Named after the object: `-o` with `.d` for its suffix, else each source's `NAME.d` where the shell stands.
    const object = outputs[outputs.length - 1];
    if (object !== undefined) out.push(content(withValue(object, object.value.replace(/(?:\.[^./]*)?$/, '.d')), `${name} -MD`));
    else for (const s of sources) out.push({ file: besideHere(s, '.d'), by: `${name} -MD`, kind: 'entry', follows: true });
  }
  if (outputs.length > 0 || stops) return out;
  if (driver === 'cpp') {
    const written = sources[1];
    return written === undefined || written.value === '-' ? out : [...out, content(written, name)];
  }
  if (stage !== '') {
    // Each source's object or assembly lands where the shell stands: a new name, made like `touch` makes one.
    const suffix = stage === '-c' ? '.o' : '.s';
    for (const s of sources) if (!LINKER_INPUT.test(s.value)) out.push({ file: besideHere(s, suffix), by: `${name} ${stage}`, kind: 'entry', follows: true });
    return out;
  }
  // Only with something to link: a bare `clang` (as `make CC=clang` names it) writes nothing.
  if (sources.length > 0) out.push(content(madeArg('a.out'), name));
  return out;
}

/** go's build and test flags that take a value (`-tags x`, `-run X`), so the value is no package. */
const GO_VALUED = new Set([
  'p', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay',
  'pgo', 'pkgdir', 'tags', 'toolexec', 'vettool', 'coverpkg', 'covermode', 'exec', 'run', 'bench', 'count', 'timeout', 'cpu', 'parallel', 'list',
  'skip', 'benchtime', 'fuzz', 'fuzztime', 'fuzzminimizetime', 'shuffle', 'vet', 'blockprofilerate', 'memprofilerate', 'mutexprofilefraction',
]);
/** go test's profile files, written into `-outputdir` when they are relative. */
const GO_PROFILES = new Set(['coverprofile', 'cpuprofile', 'memprofile', 'blockprofile', 'mutexprofile', 'trace']);

/**
 * `go build|test -o FILE|DIR`; without `-o`, `go build` of one package and `go test -c` put the
 * binary where the shell stands, or in the folder `-C DIR` moves go to. go test's profiles
 * (`-coverprofile FILE`…) land in `-outputdir DIR`, else where the shell stands. go reads every
 * file the command line names after `-C DIR` (`-C a -o ../x` writes `a/../x`).
 */
function goWrites(args: readonly Arg[]): OperandWrite[] {
  const verb = args[1]?.value;
  if (verb !== 'build' && verb !== 'test') return [];
  const out: OperandWrite[] = [];
  const outputs: Arg[] = [];
  const profiles: [file: Arg, flag: string][] = [];
  let chdir: Arg | undefined;
  let compileOnly = false;
  let outputDir: Arg | undefined;
  let packages = 0;
  let many = false;
  for (let i = 2; i < args.length; i++) {
    const a = args[i] as Arg;
    const flag = /^--?([A-Za-z.]+)(?:=(.*))?$/s.exec(a.value);
    if (flag === null) {
      if (a.value === '--') break;
      packages++;
      many ||= a.value.includes('...') || a.dynamic !== null;
      continue;
    }
    const name = (flag[1] as string).replace(/^test\./, '');
    const takes = name === 'o' || name === 'C' || name === 'outputdir' || GO_PROFILES.has(name) || GO_VALUED.has(name);
    if (!takes) {
      compileOnly ||= name === 'c';
      continue;
    }
    const value = flag[2] !== undefined ? withValue(a, flag[2]) : args[++i];
    if (value === undefined) continue;
    if (name === 'C') {
      out.push(tree(value, `go ${verb} -C`));
      chdir = value;
    } else if (name === 'o') outputs.push(value);
    else if (name === 'outputdir') outputDir = value;
    else if (GO_PROFILES.has(name)) profiles.push([value, name]);
  }
  const base = chdir;
  const moved = (f: Arg): Arg =>
    base === undefined || f.value.startsWith('/') ? f : withValue({ ...f, dynamic: base.dynamic ?? f.dynamic }, `${base.value.replace(/\/+$/, '')}/${f.value}`);
  for (const f of outputs.map(moved)) out.push({ ...content(f, `go ${verb} -o`), mayBeFolder: true }, tree(f, `go ${verb} -o`));
  for (const [f, flag] of profiles) {
    out.push(content(moved(f), `go ${verb} -${flag}`));
    if (outputDir !== undefined && !f.value.startsWith('/')) out.push(content(moved(withValue(f, `${outputDir.value}/${f.value}`)), `go ${verb} -outputdir`));
  }
  if (outputDir !== undefined) out.push(tree(moved(outputDir), `go ${verb} -outputdir`));
  const oneBinary = verb === 'build' ? packages <= 1 && !many : compileOnly;
  if (outputs.length === 0 && oneBinary) out.push(hereWrite(`go ${verb}`));
  return out;
}

/** `zip [options] ARCHIVE[.zip] FILE…`; `-O`/`--output-file` writes the changed archive elsewhere. */
function zipWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'bntOPs', long: ['--output-file', '--temp-path', '--suffixes', '--password', '--split-size', '--split-bell', '--log-append', '--logfile-path', '--from-date', '--before-date'] });
  const outputs = valuesOf(w, '-O', '--output-file');
  const archive = w.operands[0];
  const written = outputs.length > 0 ? outputs : archive === undefined ? [] : [archive];
  // Without a suffix, zip adds `.zip`: both names are judged.
  return written.flatMap((f) => (/\.[^/]*$/.test(f.value) ? [content(f, 'zip')] : [content(f, 'zip'), content(withValue(f, `${f.value}.zip`), 'zip')]));
}

/** openssl's options that name a file it writes (`outdir` a folder). */
const OPENSSL_WRITES = new Set([
  'out', 'keyout', 'signature', 'sigout', 'certout', 'reqout', 'rspout', 'respout', 'queryout', 'CAserial', 'writerand', 'keylogfile', 'sess_out',
  'msgfile', 'chainout', 'extracertsout', 'cacertsout', 'outdir',
]);

/**
 * The files options name in the style of openssl and tsc: one dash or two, the value after `=` or
 * in the next word (`-out FILE`, `-out=FILE`, `--outDir DIR`); `kindOf` says what a named option writes.
 */
function dashOptionWrites(args: readonly Arg[], from: number, program: string, kindOf: (option: string) => 'tree' | 'content' | undefined): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = from; i < args.length; i++) {
    const a = args[i] as Arg;
    const m = /^--?([A-Za-z_]+)(?:=(.*))?$/s.exec(a.value);
    const kind = m === null ? undefined : kindOf(m[1] as string);
    if (m === null || kind === undefined) continue;
    const file = m[2] !== undefined ? withValue(a, m[2]) : args[++i];
    if (file !== undefined) out.push((kind === 'tree' ? tree : content)(file, `${program} -${m[1] as string}`));
  }
  return out;
}

/** `openssl CMD … -out FILE`, `-keyout FILE`, `-outdir DIR`. */
const opensslWrites = (args: readonly Arg[]): OperandWrite[] =>
  dashOptionWrites(args, 2, 'openssl', (option) => (!OPENSSL_WRITES.has(option) ? undefined : option === 'outdir' ? 'tree' : 'content'));

/** `ssh-keygen … -f FILE` writes FILE and FILE.pub, unless it only reads (-l, -y, -B, -F, -H checks). */
function sshKeygenWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'abCEfFIJjKmMnNOPrRsStVwYzZ', long: [] });
  if (has(w, '-l', '-y', '-B', '-F', '-D', '-Q')) return [];
  return valuesOf(w, '-f').flatMap((f) => [content(f, 'ssh-keygen -f'), content(withValue(f, `${f.value}.pub`), 'ssh-keygen -f')]);
}

/** pip's options that take a value, its global ones too (`pip --timeout 60 install`), which may come before the command. */
const PIP_OPTIONS = {
  valued: 'tdwrceibfC',
  long: [
    '--target', '--dest', '--wheel-dir', '--requirement', '--constraint', '--editable', '--index-url', '--extra-index-url', '--find-links', '--prefix',
    '--root', '--src', '--report', '--python', '--platform', '--python-version', '--implementation', '--abi', '--cache-dir', '--log', '--log-file',
    '--local-log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--keyring-provider',
    '--use-feature', '--use-deprecated', '--resume-retries', '--upgrade-strategy', '--progress-bar', '--no-binary', '--only-binary',
    '--global-option', '--config-settings', '--root-user-action', '--build-option', '--group',
  ],
  // optparse takes unique prefixes: these flags start the names of valued options above.
  flags: ['--pre', '--upgrade'],
};

/**
 * `pip install -t|--target|--prefix|--root|--src DIR` and `--report FILE`, `pip download -d|--dest
 * DIR`, `pip wheel -w|--wheel-dir DIR` (without them, where the shell stands); for any command,
 * `--log FILE` and `--cache-dir DIR`.
 */
export function pipWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, PIP_OPTIONS);
  const verb = w.operands[0]?.value;
  const by = `${name} ${verb ?? ''}`;
  const dirs = verb === 'install' ? valuesOf(w, '-t', '--target', '--prefix', '--root', '--src') : verb === 'download' ? valuesOf(w, '-d', '--dest', '--src') : verb === 'wheel' ? valuesOf(w, '-w', '--wheel-dir', '--src') : [];
  const files = [...valuesOf(w, '--log', '--log-file', '--local-log'), ...(verb === 'install' ? valuesOf(w, '--report') : [])].filter((f) => f.value !== '-');
  // Without -d (-w), download (wheel) saves where the shell stands (audit 34, WW-5).
  const here = (verb === 'download' && valuesOf(w, '-d', '--dest').length === 0) || (verb === 'wheel' && valuesOf(w, '-w', '--wheel-dir').length === 0);
  const saved = here && !has(w, '-h', '--help') ? [hereWrite(by)] : [];
  return [...dirs.map((d) => tree(d, by)), ...valuesOf(w, '--cache-dir').map((d) => tree(d, `${name} --cache-dir`)), ...files.map((f) => content(f, by)), ...saved];
}

/**
 * `gh repo|gist clone X [DIR]` (else the folder named after X), `gh release|run download -D DIR`,
 * `-O FILE`. `-R|--repo` is a persistent flag of `gh release` and `gh run`, so it may come before
 * the command (`gh release -R o/r download`).
 */
function ghWrites(args: readonly Arg[]): OperandWrite[] {
  const group = args[1]?.value;
  let at = 2;
  for (let v = args[at]?.value; v?.startsWith('-') === true; v = args[at]?.value) at += v === '-R' || v === '--repo' ? 2 : 1;
  const verb = args[at]?.value;
  if ((group === 'repo' || group === 'gist') && verb === 'clone') {
    // Every word after X goes to `git clone URL WORDS…`, so DIR is the first of them git takes for
    // an operand (`-- --depth 1 DIR`), else git names the folder after X.
    const operands = readWords(args, at + 1, { valued: 'u', long: ['--upstream-remote-name'] }).operands;
    const source = operands[0];
    if (source === undefined) return [];
    const dir = readWords([source, ...operands.slice(1)], 1, GIT_CLONE_OPTIONS).operands[0]
      ?? withValue(source, source.value.replace(/\.git$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? source.value);
    return [tree(dir, `gh ${group} clone`)];
  }
  if ((group === 'release' || group === 'run') && verb === 'download') {
    const w = readWords(args, at + 1, { valued: 'DOnpAR', long: ['--dir', '--output', '--name', '--pattern', '--archive', '--repo', '--skip-existing'] });
    const out = [...valuesOf(w, '-D', '--dir').map((d) => tree(d, `gh ${group} download -D`)), ...valuesOf(w, '-O', '--output').filter((f) => f.value !== '-').map((f) => content(f, `gh ${group} download -O`))];
    // Without either, the assets land where the shell stands.
    return out.length > 0 || valuesOf(w, '-O', '--output').length > 0 ? out : [hereWrite(`gh ${group} download`)];
  }
  return [];
}

/** `rustc -o FILE`, `--out-dir DIR`, `--emit KIND=PATH`, `-C incremental=DIR`; with none, the crate lands where the shell stands. */
function rustcWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'oLlCAWDF', long: ['--out-dir', '--emit', '--crate-name', '--crate-type', '--edition', '--target', '--cfg', '--cap-lints', '--explain', '--print', '--codegen', '--extern', '--sysroot', '--error-format', '--json', '--color', '--remap-path-prefix', '--diagnostic-width'] });
  if (has(w, '--version', '-V', '--help', '-h', '--explain', '--print')) return [];
  const emitted = valuesOf(w, '--emit').flatMap((e) => e.value.split(',').filter((kind) => kind.includes('=')).map((kind) => withValue(e, kind.slice(kind.indexOf('=') + 1))));
  const incremental = valuesOf(w, '-C', '--codegen').filter((c) => c.value.startsWith('incremental=')).map((c) => tree(withValue(c, c.value.slice('incremental='.length)), 'rustc -C incremental'));
  const out = [...valuesOf(w, '-o').map((f) => content(f, 'rustc -o')), ...emitted.map((f) => content(f, 'rustc --emit')), ...valuesOf(w, '--out-dir').map((d) => tree(d, 'rustc --out-dir')), ...incremental];
  return out.length > 0 || w.operands.length === 0 ? out : [hereWrite('rustc')];
}

/** javac's folder options (`-d`, `-s`, `-h` and their long names). */
const JAVAC_DIRS = new Set(['-d', '--directory', '-s', '--source-directory', '-h', '--native-header-directory']);
/** javac's other options that take the next word; javac is not getopt (`-cp` is one option). */
const JAVAC_VALUED = new Set([
  '-cp', '-classpath', '--class-path', '-sourcepath', '--source-path', '-p', '--module-path', '--module-source-path', '--upgrade-module-path',
  '--system', '--release', '-source', '--source', '-target', '--target', '-encoding', '-m', '--module', '-processorpath', '--processor-path',
  '--processor-module-path', '-processor', '-bootclasspath', '--boot-class-path', '-extdirs', '-endorseddirs', '--add-modules',
  '--limit-modules', '--add-exports', '--add-reads', '--patch-module', '--default-module-for-created-files', '-implicit',
]);

/** `javac -d|-s|-h DIR`; without `-d`, each class file lands beside its source. */
function javacWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  const sources: Arg[] = [];
  let classFolder = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const eq = a.value.startsWith('--') ? a.value.indexOf('=') : -1;
    const name = eq > 0 ? a.value.slice(0, eq) : a.value;
    if (JAVAC_DIRS.has(name)) {
      const dir = eq > 0 ? withValue(a, a.value.slice(eq + 1)) : args[++i];
      if (dir !== undefined) out.push(tree(dir, `javac ${name}`));
      classFolder ||= name === '-d' || name === '--directory';
    } else if (JAVAC_VALUED.has(name)) {
      if (eq < 0) i++;
    } else if (a.value.endsWith('.java')) sources.push(a);
  }
  if (!classFolder) for (const f of sources) out.push(tree(withValue(f, f.value.includes('/') ? f.value.slice(0, f.value.lastIndexOf('/') + 1) : '.'), 'javac'));
  return out;
}

/** tsc's output options; its names take one or two dashes and any case (`-outdir`, `--outDir`). */
const TSC_OUTPUTS = new Map<string, 'tree' | 'content'>([['outdir', 'tree'], ['declarationdir', 'tree'], ['generatetrace', 'tree'], ['outfile', 'content'], ['out', 'content'], ['tsbuildinfofile', 'content']] as const);

/** `tsc --outDir DIR`, `--outFile FILE`, `--declarationDir DIR`, `--tsBuildInfoFile FILE`. */
const tscWrites = (args: readonly Arg[]): OperandWrite[] => dashOptionWrites(args, 1, 'tsc', (option) => TSC_OUTPUTS.get(option.toLowerCase()));

const iconvWrites = (args: readonly Arg[]): OperandWrite[] =>
  valuesOf(readWords(args, 1, { valued: 'fto', long: ['--from-code', '--to-code', '--output'] }), '-o', '--output').map((f) => content(f, 'iconv -o'));

/**
 * The environment folders `python -m venv DIR…` and `virtualenv DIR` make (audit 41, AQ-3: with
 * `--clear` they empty DIR first, so `python3 -m venv --clear .github` deletes the policy). Every
 * run makes one, so only rules naming it count, as for `mkdir`.
 */
const environmentFolders = (args: readonly Arg[], from: number, options: Parameters<typeof readWords>[2], by: string): OperandWrite[] =>
  readWords(args, from, options).operands.map((d) => ruleOnlyWrite(tree(d, by)));

const VIRTUALENV_OPTIONS = {
  valued: 'p',
  long: ['--python', '--prompt', '--activators', '--creator', '--seeder', '--app-data', '--extra-search-dir', '--pip', '--setuptools', '--wheel', '--discovery', '--try-first-with'],
};
const virtualenvWrites = (args: readonly Arg[]): OperandWrite[] => environmentFolders(args, 1, VIRTUALENV_OPTIONS, 'virtualenv');

/** `python [options] -m venv …`: the words after the module, or null when python runs something else. */
function pythonVenvWrites(args: readonly Arg[]): OperandWrite[] | null {
  for (let i = 1; i < args.length; i++) {
    const v = (args[i] as Arg).value;
    if (!v.startsWith('-') || v === '-' || v === '--') return null;
    // `-W arg` and `-X opt` take the next word; `-c` runs code, not a module.
    if (/^-[A-Za-z]*[WX]$/.test(v)) { i++; continue; }
    const m = /^-[A-Za-z]*?m(.*)$/.exec(v);
    if (m === null) {
      if (/^-[A-Za-z]*c/.test(v)) return null;
      continue;
    }
    const attached = m[1] ?? '';
    const module = attached !== '' ? attached : args[i + 1]?.value;
    if (module !== 'venv') return null;
    return environmentFolders(args, attached !== '' ? i + 1 : i + 2, { valued: '', long: ['--prompt'] }, 'python -m venv');
  }
  return null;
}

/** agent-gate's own options that name a file it writes, by command. */
const AGENT_GATE_OUTPUTS: Readonly<Record<string, string>> = lookupTable({ check: '--output', record: '--log', import: '--log' });

/**
 * agent-gate itself (audit 43, AW-3): `check --output FILE` and `record`/`import --log FILE`
 * write FILE, and `install`/`uninstall` write git's hooks (kiro rule #2 asks for `.git/`).
 */
function agentGateWrites(args: readonly Arg[]): OperandWrite[] {
  const command = args[1]?.value ?? '';
  if (command === 'install' || command === 'uninstall') {
    return ['pre-commit', 'commit-msg'].map((hook) => content(madeArg(`.git/hooks/${hook}`), `agent-gate ${command}`));
  }
  const option = AGENT_GATE_OUTPUTS[command];
  if (option === undefined) return [];
  const out: OperandWrite[] = [];
  for (let i = 2; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === option) {
      const file = args[++i];
      if (file !== undefined) out.push(content(file, `agent-gate ${command} ${option}`));
    } else if (a.value.startsWith(`${option}=`)) {
      out.push(content(withValue(a, a.value.slice(option.length + 1)), `agent-gate ${command} ${option}`));
    } else if (a.dynamic !== null) {
      // A word only known at run time may be the option itself.
      out.push(content(madeArg('*', a.dynamic), `agent-gate ${command}`));
    }
  }
  return out;
}

/** python by a versioned name (`python3`, `python3.12`). */
const PYTHON = /^python[0-9.]*$/;

/** The programs this file knows by name: one lookup, since every command name comes here. */
const TOOLS = new Map<string, ProgramWrites>([
  ['sponge', spongeWrites], ['yq', yqWrites], ['iconv', iconvWrites], ['go', goWrites], ['zip', zipWrites], ['openssl', opensslWrites],
  ['ssh-keygen', sshKeygenWrites], ['pip', pipWrites], ['pip3', pipWrites], ['gh', ghWrites],
  ...['npm', 'yarn', 'pnpm', 'bun'].map((n): [string, ProgramWrites] => [n, packageFolderWrites]),
  ['rustc', rustcWrites], ['javac', javacWrites], ['tsc', tscWrites], ['virtualenv', virtualenvWrites], ['agent-gate', agentGateWrites],
]);

/** pip by a versioned name (`pip3.11`). */
const PIP = /^pip[0-9.]+$/;

/** The writes of the programs this file knows, or null for any other name. */
export function toolOutputWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = TOOLS.get(name);
  if (writes !== undefined) return writes(args, name);
  // The cheap tests first: this runs for every command name not known above.
  if (name.startsWith('pip')) return PIP.test(name) ? pipWrites(args, name) : null;
  if (name.startsWith('python')) return PYTHON.test(name) ? pythonVenvWrites(args) : null;
  const compiler = name.includes('cc') || name.includes('++') || name.includes('clang') || name.startsWith('ld') || name.includes('-ld')
    || name.includes('cpp') || name === 'as' || name.includes('-as') || name === 'c99' || name === 'c89';
  return compiler && COMPILER.test(name) ? compilerWrites(args, name) : null;
}
