// Programs that save what they capture, fetch, build or pack to a file or folder an option names,
// or to a default one where the shell stands (note18's JJ-8 list): `tcpdump -w`, `pandoc -o`,
// `htpasswd FILE`, `perf record` (`perf.data`), `aria2c`, httpie's `--download`/`--output`,
// `docker|podman save -o`, `npm pack` and `cargo --target-dir`. Judged like `tee FILE`; a folder
// whole.
import { contentWrite as content, has, madeArg, readWords, treeWrite as tree, valuesOf, withValue, type OperandWrite, type ProgramWrites } from './operand-words.ts';
import type { Arg } from './words.ts';

/** Standard output, not a file. */
const stdout = (f: Arg): boolean => f.dynamic === null && f.value === '-';

/** `tcpdump -w FILE` (`-wFILE`); `-C`/`-G` rotate it into FILE followed by a number or a date. */
function tcpdumpWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'wBcCDEFGiMmrsTVWjyz', long: ['--interface', '--time-stamp-type', '--time-stamp-precision', '--snapshot-length', '--number', '--print', '--micro', '--nano'] });
  const rotates = valuesOf(w, '-C', '-G').length > 0;
  return valuesOf(w, '-w').filter((f) => !stdout(f)).flatMap((f) => rotates ? [content(f, `${name} -w`), content({ ...f, value: `${f.value}*`, dynamic: f.dynamic ?? 'glob', pos: -1 }, `${name} -w`)] : [content(f, `${name} -w`)]);
}

/** `pandoc -o|--output FILE`; `--extract-media DIR` fills a folder. */
function pandocWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'oftrwFMVcHABTLDa',
    long: ['--output', '--from', '--to', '--read', '--write', '--filter', '--lua-filter', '--metadata', '--metadata-file', '--variable', '--css',
      '--include-in-header', '--include-before-body', '--include-after-body', '--template', '--defaults', '--data-dir', '--resource-path',
      '--extract-media', '--pdf-engine', '--pdf-engine-opt', '--reference-doc', '--bibliography', '--csl', '--citation-abbreviations',
      '--log', '--title-prefix', '--highlight-style', '--syntax-definition', '--epub-cover-image', '--epub-metadata', '--epub-embed-font',
      '--abbreviations', '--shift-heading-level-by', '--tab-stop', '--columns', '--dpi', '--eol', '--wrap', '--toc-depth', '--number-offset',
      '--top-level-division', '--email-obfuscation', '--id-prefix', '--indented-code-classes', '--default-image-extension', '--request-header'],
  });
  return [
    ...valuesOf(w, '-o', '--output').filter((f) => !stdout(f)).map((f) => content(f, `${name} -o`)),
    ...valuesOf(w, '--log').map((f) => content(f, `${name} --log`)),
    ...valuesOf(w, '--extract-media').map((d) => tree(d, `${name} --extract-media`)),
  ];
}

/** `htpasswd [-c] FILE USER [PASSWORD]` updates FILE; `-n` prints instead. */
function htpasswdWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'Cr', long: [] });
  const file = w.operands[0];
  return has(w, '-n') || file === undefined ? [] : [content(file, name)];
}

/** `perf record|mem record|sched record|kvm record|lock record|trace record … [-o FILE]`, else `perf.data` where the shell stands. */
function perfWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const words = args.slice(1).map((a) => a.value);
  const at = words.findIndex((v) => v === 'record' || v === 'rec' || v === 'inject' || v === 'archive' || v === 'c2c' || v === 'kmem');
  if (at < 0 || words.slice(0, at).some((v) => !/^(?:-|mem|sched|kvm|lock|trace|c2c|kmem)/.test(v))) return [];
  const w = readWords(args, at + 2, { valued: 'oecFpt', long: ['--output', '--event', '--count', '--freq', '--pid', '--tid', '--call-graph', '--cpu', '--mmap-pages', '--input', '--filter'] });
  const given = valuesOf(w, '-o', '--output');
  return given.length > 0 ? given.filter((f) => !stdout(f)).map((f) => content(f, `${name} -o`)) : [content(madeArg('perf.data'), `${name} record`)];
}

/** `aria2c [-d DIR] [-o FILE] URI…`: FILE (or whatever the server names) in DIR, else where the shell stands; `-l LOG`, `--save-session`. */
function aria2cWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'dosilxjkcCUTzmMs',
    long: ['--dir', '--out', '--log', '--input-file', '--save-session', '--torrent-file', '--metalink-file', '--max-connection-per-server',
      '--split', '--user-agent', '--header', '--max-concurrent-downloads', '--dht-file-path', '--dht-file-path6', '--on-download-complete',
      '--conf-path', '--load-cookies', '--save-cookies', '--server-stat-of', '--server-stat-if'],
  });
  const dirs = valuesOf(w, '-d', '--dir');
  const out = [
    ...valuesOf(w, '-l', '--log', '--save-session', '--save-cookies', '--dht-file-path', '--dht-file-path6', '--server-stat-of').filter((f) => !stdout(f)).map((f) => content(f, name)),
  ];
  const dir = dirs.pop() ?? madeArg('.');
  const files = valuesOf(w, '-o', '--out');
  if (files.length === 0) return [...out, tree(dir, `${name} -d`)];
  // A folder only known at run time leaves the joined path only known then too (`-d "$D" -o x`).
  const inDir = (f: Arg): Arg => ({ ...withValue(f, `${dir.value.replace(/\/+$/, '')}/${f.value}`), dynamic: f.dynamic ?? dir.dynamic });
  return [...out, ...files.map((f) => content((dir.value === '.' && dir.dynamic === null) || f.value.startsWith('/') ? f : inDir(f), `${name} -o`))];
}

/** httpie (`http`, `https`, `httpie`): `-o|--output FILE` always writes it; `-d|--download` without it, a file the server names where the shell stands. */
function httpieWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'oaApv',
    long: ['--output', '--auth', '--auth-type', '--print', '--session', '--session-read-only', '--verify', '--cert', '--cert-key', '--proxy',
      '--timeout', '--max-redirects', '--style', '--format-options', '--response-charset', '--response-mime', '--pretty', '--ssl', '--ciphers', '--boundary'],
  });
  const outputs = valuesOf(w, '-o', '--output').filter((f) => !stdout(f)).map((f) => content(f, `${name} -o`));
  const sessions = valuesOf(w, '--session').filter((f) => f.dynamic !== null || f.value.includes('/')).map((f) => content(f, `${name} --session`));
  const downloads = has(w, '-d', '--download') && outputs.length === 0;
  return [...outputs, ...sessions, ...(downloads ? [content(madeArg('*', 'a name the server gives'), `${name} --download`)] : [])];
}

/** `cargo … --target-dir DIR`: what it builds goes there. */
function cargoWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '--') break;
    if (a.value === '--target-dir' && args[i + 1] !== undefined) out.push(tree(args[++i] as Arg, `${name} --target-dir`));
    else if (a.value.startsWith('--target-dir=')) out.push(tree(withValue(a, a.value.slice('--target-dir='.length)), `${name} --target-dir`));
  }
  return out;
}

/** `docker|podman [image] save -o|--output FILE`. */
function imageSaveWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const words = args.map((a) => a.value);
  const at = words.indexOf('save');
  if (at < 0 || words.slice(1, at).some((v) => !v.startsWith('-') && v !== 'image')) return [];
  const w = readWords(args, at + 1, { valued: 'o', long: ['--output', '--format', '--platform'] });
  return valuesOf(w, '-o', '--output').filter((f) => !stdout(f)).map((f) => content(f, `${name} save -o`));
}

/** `npm pack` makes NAME-VERSION.tgz where the shell stands, or in `--pack-destination DIR`. */
function npmPackWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const words = args.map((a) => a.value);
  if (!words.includes('pack') || words.includes('--dry-run')) return [];
  const at = words.findIndex((v) => v === '--pack-destination' || v.startsWith('--pack-destination='));
  const given = at < 0 ? undefined : words[at]?.includes('=') === true ? withValue(args[at] as Arg, (words[at] as string).slice('--pack-destination='.length)) : args[at + 1];
  const dir = given === undefined ? '' : `${given.value.replace(/\/+$/, '')}/`;
  // A new file named by the package: only rules naming it decide, as for mktemp's.
  return [{ file: { ...(given ?? madeArg('')), value: `${dir}*.tgz`, dynamic: given?.dynamic ?? 'glob', pos: -1 }, by: `${name} pack`, kind: 'entry' }];
}

const CAPTURERS = new Map<string, ProgramWrites>([
  ['tcpdump', tcpdumpWrites], ['pandoc', pandocWrites], ['htpasswd', htpasswdWrites], ['perf', perfWrites], ['aria2c', aria2cWrites],
  ['http', httpieWrites], ['https', httpieWrites], ['httpie', httpieWrites], ['cargo', cargoWrites], ['docker', imageSaveWrites],
  ['podman', imageSaveWrites], ['npm', npmPackWrites],
]);

/** What the programs this file knows save, or null for any other name. */
export function captureWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = CAPTURERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
