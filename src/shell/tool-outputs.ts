// Everyday programs that write a file their options or operands name (audit 28, DD-5 and DD-7):
// `sponge FILE`, `yq -i … FILE`, `iconv -o FILE`, compilers' `-o`, `go build -o`, `zip ARCHIVE`,
// `openssl … -out FILE`, `ssh-keygen -f FILE`, pip's and `npm --prefix` target folders, and what
// `gh` clones or downloads, and the outputs of `rustc`, `javac` and `tsc`. Judged like `tee FILE`.
import {
  contentWrite as content, has, hasLong, hereWrite, madeArg, readWords, treeWrite as tree, valuesOf, withValue,
  type OperandWrite, type ProgramWrites,
} from './operand-words.ts';
import type { Arg } from './words.ts';

/** `sponge [-a] FILE`: moreutils' tee that soaks up its input first. */
function spongeWrites(args: readonly Arg[]): OperandWrite[] {
  return readWords(args, 1, { valued: '', long: [] }).operands.slice(0, 1).map((f) => content(f, 'sponge'));
}

/** yq's sub-commands, which come before its expression. */
const YQ_VERBS = new Set(['eval', 'e', 'eval-all', 'ea']);

/** `yq -i|--inplace|--in-place [eval] EXPR FILE…`: every file after the expression is rewritten. */
function yqWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'opIs', long: ['--output-format', '--input-format', '--indent', '--split-exp', '--expression', '--from-file', '--front-matter', '--arg', '--argjson'] });
  if (!has(w, '-i') && !hasLong(w, '--inplace', 4) && !hasLong(w, '--in-place', 5)) return [];
  const operands = YQ_VERBS.has(w.operands[0]?.value ?? '') ? w.operands.slice(1) : w.operands;
  const expressionGiven = has(w, '--expression') || hasLong(w, '--from-file', 4);
  return (expressionGiven ? operands : operands.slice(1)).map((f) => content(f, 'yq -i'));
}

/** C compilers and linkers by name (`gcc-12`, `x86_64-linux-gnu-gcc`, `clang++`). */
const COMPILER = /^(?:.*-)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|tcc|ld|ld\.(?:bfd|gold|lld))(?:-[0-9.]+)?$/;

/** `cc … -o FILE` / `-oFILE`; without `-o` (and not only compiling), `a.out` where the shell stands. */
function compilerWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const out: OperandWrite[] = [];
  let stops = false;
  for (let i = 1; i < args.length; i++) {
    const v = (args[i] as Arg).value;
    if (v === '-o') {
      const next = args[++i];
      if (next !== undefined) out.push(content(next, `${name} -o`));
    } else if (v.startsWith('-o')) out.push(content(withValue(args[i] as Arg, v.slice(2)), `${name} -o`));
    else if (/^-(?:c|S|E|M|MM|fsyntax-only|v|-version|-help)$/.test(v)) stops = true;
  }
  // Only with something to link: a bare `clang` (as `make CC=clang` names it) writes nothing.
  if (out.length === 0 && !stops && args.some((a, i) => i > 0 && !a.value.startsWith('-'))) out.push(content(madeArg('a.out'), name));
  return out;
}

/** go's build and test flags that take a value (`-tags x`, `-run X`), so the value is no package. */
const GO_VALUED = new Set([
  'p', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay',
  'pgo', 'pkgdir', 'tags', 'toolexec', 'coverpkg', 'covermode', 'exec', 'run', 'bench', 'count', 'timeout', 'cpu', 'parallel', 'list',
  'skip', 'benchtime', 'fuzz', 'fuzztime', 'fuzzminimizetime', 'shuffle', 'vet', 'blockprofilerate', 'memprofilerate', 'mutexprofilefraction',
]);
/** go test's profile files, written into `-outputdir` when they are relative. */
const GO_PROFILES = new Set(['coverprofile', 'cpuprofile', 'memprofile', 'blockprofile', 'mutexprofile', 'trace']);

/**
 * `go build|test -o FILE|DIR`; without `-o`, `go build` of one package and `go test -c` put the
 * binary where the shell stands, or in the folder `-C DIR` moves go to. go test's profiles
 * (`-coverprofile FILE`…) land in `-outputdir DIR`, else where the shell stands.
 */
function goWrites(args: readonly Arg[]): OperandWrite[] {
  const verb = args[1]?.value;
  if (verb !== 'build' && verb !== 'test') return [];
  const out: OperandWrite[] = [];
  const profiles: [file: Arg, flag: string][] = [];
  let output = false;
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
    if (name === 'C') out.push(tree(value, `go ${verb} -C`));
    else if (name === 'o') out.push({ ...content(value, `go ${verb} -o`), mayBeFolder: true }, tree(value, `go ${verb} -o`));
    else if (name === 'outputdir') outputDir = value;
    else if (GO_PROFILES.has(name)) profiles.push([value, name]);
    output ||= name === 'o';
  }
  for (const [f, flag] of profiles) {
    out.push(content(f, `go ${verb} -${flag}`));
    if (outputDir !== undefined && !f.value.startsWith('/')) out.push(content(withValue(f, `${outputDir.value}/${f.value}`), `go ${verb} -outputdir`));
  }
  if (outputDir !== undefined) out.push(tree(outputDir, `go ${verb} -outputdir`));
  const oneBinary = verb === 'build' ? packages <= 1 && !many : compileOnly;
  if (!output && oneBinary) out.push(hereWrite(`go ${verb}`));
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

/** `openssl CMD … -out FILE`, `-keyout FILE`: openssl's single-dash options take the next word. */
function opensslWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 2; i < args.length; i++) {
    const v = (args[i] as Arg).value;
    if (/^--?(?:out|keyout|signature|sigout|certout|reqout|rspout|queryout|CAserial)$/.test(v) && args[i + 1] !== undefined) out.push(content(args[++i] as Arg, `openssl ${v}`));
  }
  return out;
}

/** `ssh-keygen … -f FILE` writes FILE and FILE.pub, unless it only reads (-l, -y, -B, -F, -H checks). */
function sshKeygenWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'abCEfFIJjKmMnNOPrRsStVwYzZ', long: [] });
  if (has(w, '-l', '-y', '-B', '-F', '-D', '-Q')) return [];
  return valuesOf(w, '-f').flatMap((f) => [content(f, 'ssh-keygen -f'), content(withValue(f, `${f.value}.pub`), 'ssh-keygen -f')]);
}

/** `pip install -t|--target DIR`, `pip download -d|--dest DIR`, `pip wheel -w|--wheel-dir DIR`. */
function pipWrites(args: readonly Arg[], name: string): OperandWrite[] {
  if (!args.some((a) => a.value === 'install' || a.value === 'download' || a.value === 'wheel')) return [];
  const w = readWords(args, 1, { valued: 'tdwrcei', long: ['--target', '--dest', '--wheel-dir', '--requirement', '--constraint', '--editable', '--index-url', '--extra-index-url', '--find-links', '--prefix', '--root', '--src', '--python', '--platform', '--cache-dir', '--log'] });
  const verb = w.operands[0]?.value;
  const dirs = verb === 'install' ? valuesOf(w, '-t', '--target', '--prefix', '--root') : verb === 'download' ? valuesOf(w, '-d', '--dest') : verb === 'wheel' ? valuesOf(w, '-w', '--wheel-dir') : [];
  return dirs.map((d) => tree(d, `${name} ${verb ?? ''}`));
}

/** npm commands that install or remove packages (and their aliases and typos npm accepts). */
const NPM_INSTALLERS = new Set([
  'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'ic',
  'install-clean', 'isntall-clean', 'install-test', 'it', 'install-ci-test', 'cit', 'update', 'up', 'upgrade', 'udpate', 'uninstall',
  'remove', 'rm', 'r', 'un', 'unlink', 'link', 'ln', 'dedupe', 'ddp', 'prune', 'rebuild', 'rb', 'init', 'create', 'innit', 'pkg',
]);

/** npm's `--prefix DIR` (`-C DIR`) with a command that installs: the packages land below DIR. */
function npmPrefixWrites(args: readonly Arg[]): OperandWrite[] {
  const prefixes: Arg[] = [];
  let verb: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const v = (args[i] as Arg).value;
    if (v === '--') break;
    const file = v === '--prefix' || v === '-C' ? args[++i] : v.startsWith('--prefix=') ? withValue(args[i] as Arg, v.slice('--prefix='.length)) : undefined;
    if (file !== undefined) prefixes.push(file);
    else if (verb === undefined && !v.startsWith('-')) verb = v;
  }
  return verb !== undefined && NPM_INSTALLERS.has(verb) ? prefixes.map((d) => tree(d, 'npm --prefix')) : [];
}

/** `gh repo|gist clone X [DIR]` (else the folder named after X), `gh release|run download -D DIR`, `-O FILE`. */
function ghWrites(args: readonly Arg[]): OperandWrite[] {
  const [group, verb] = [args[1]?.value, args[2]?.value];
  if ((group === 'repo' || group === 'gist') && verb === 'clone') {
    const operands = readWords(args, 3, { valued: 'u', long: ['--upstream-remote-name'] }).operands.filter((a) => a.value !== '--');
    const source = operands[0];
    const dir = operands[1] ?? (source === undefined ? undefined : withValue(source, source.value.replace(/\.git$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? source.value));
    return dir === undefined ? [] : [tree(dir, `gh ${group} clone`)];
  }
  if ((group === 'release' || group === 'run') && verb === 'download') {
    const w = readWords(args, 3, { valued: 'DOnpAR', long: ['--dir', '--output', '--name', '--pattern', '--archive', '--repo', '--skip-existing'] });
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
function tscWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 1; i < args.length; i++) {
    const v = (args[i] as Arg).value;
    const m = /^--?([A-Za-z]+)(?:=(.*))?$/s.exec(v);
    const kind = m === null ? undefined : TSC_OUTPUTS.get((m[1] as string).toLowerCase());
    if (m === null || kind === undefined) continue;
    const file = m[2] !== undefined ? withValue(args[i] as Arg, m[2]) : args[++i];
    if (file !== undefined) out.push(kind === 'tree' ? tree(file, `tsc ${v}`) : content(file, `tsc ${v}`));
  }
  return out;
}

const iconvWrites = (args: readonly Arg[]): OperandWrite[] =>
  valuesOf(readWords(args, 1, { valued: 'fto', long: ['--from-code', '--to-code', '--output'] }), '-o', '--output').map((f) => content(f, 'iconv -o'));

/** The programs this file knows by name: one lookup, since every command name comes here. */
const TOOLS = new Map<string, ProgramWrites>([
  ['sponge', spongeWrites], ['yq', yqWrites], ['iconv', iconvWrites], ['go', goWrites], ['zip', zipWrites], ['openssl', opensslWrites],
  ['ssh-keygen', sshKeygenWrites], ['pip', pipWrites], ['pip3', pipWrites], ['npm', npmPrefixWrites], ['gh', ghWrites],
  ['rustc', rustcWrites], ['javac', javacWrites], ['tsc', tscWrites],
]);

/** The writes of the programs this file knows, or null for any other name. */
export function toolOutputWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = TOOLS.get(name);
  if (writes !== undefined) return writes(args, name);
  // The cheap tests first: this runs for every command name not known above.
  return (name.includes('cc') || name.includes('++') || name.includes('clang') || name.startsWith('ld') || name.includes('-ld')) && COMPILER.test(name) ? compilerWrites(args, name) : null;
}
