// Programs that write a file or fill the folder the shell stands in when no file or folder is given
// (audit 34, WW-4 and WW-5), like `perf record`'s `perf.data` (capture-outputs.ts): util-linux
// `script` logs to `./typescript`, `go mod init` writes `./go.mod` (`go work init`, `./go.work`),
// `cargo init` lays out a crate (and a git repository) here and `cargo new NAME` in NAME.
import { contentWrite as content, has, hereWrite, madeArg, readWords, treeWrite as tree, valuesOf, withValue, type OperandWrite, type ProgramWrites } from './operand-words.ts';
import type { Arg } from './words.ts';

/** `DIR/NAME` as one word: only known at run time when either part is. */
export function joined(dir: Arg, name: string | Arg): Arg {
  const [text, dynamic] = typeof name === 'string' ? [name, null] : [name.value, name.dynamic];
  return { ...madeArg(`${dir.value.replace(/\/+$/, '')}/${text}`, dir.dynamic ?? dynamic), split: dir.split };
}

/**
 * util-linux `script` without a FILE operand and without `-O`/`-B`/`-I` (their long names) logs
 * the session to `typescript` where the shell stands, `-c CMD` included; `-T`/`-t` only add a
 * timing file (script.c: "default if no --log-* specified"). The named files are unpack-writes.ts's.
 */
function scriptTypescript(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'cEIOBTmo', attached: 't', long: ['--command', '--echo', '--log-in', '--log-out', '--log-io', '--log-timing', '--logging-format', '--output-limit'] });
  if (has(w, '-V', '--version', '-h', '--help') || w.operands.length > 0) return [];
  if (valuesOf(w, '-O', '-B', '-I', '--log-out', '--log-io', '--log-in').length > 0) return [];
  return [content(madeArg('typescript'), 'script')];
}

/** `go mod init` writes `go.mod` and `go work init` `go.work` where go stands: there, or in `-C DIR` (the first flag after the command). */
function goInitWrites(args: readonly Arg[]): OperandWrite[] {
  const group = args[1]?.value;
  if (args[2]?.value !== 'init' || (group !== 'mod' && group !== 'work')) return [];
  const file = group === 'mod' ? 'go.mod' : 'go.work';
  const flag = args[3];
  const v = flag?.value ?? '';
  const dir = v === '-C' || v === '--C' ? args[4] : flag !== undefined && /^--?C=/.test(v) ? withValue(flag, v.slice(v.indexOf('=') + 1)) : undefined;
  return [content(dir === undefined ? madeArg(file) : joined(dir, file), `go ${group} init`)];
}

/** cargo's options before the command that take the next word (`-C DIR` changes its folder). */
const CARGO_VALUED = new Set(['--color', '--config', '-Z', '-C']);

/**
 * `cargo init [PATH]` fills PATH or where cargo stands, `cargo new PATH` makes PATH: Cargo.toml,
 * src/, .gitignore and a git repository. `cargo [+TOOLCHAIN] [-C DIR] …` runs in DIR.
 */
function cargoInitWrites(args: readonly Arg[]): OperandWrite[] {
  let chdir: Arg | undefined;
  let at = 1;
  for (; at < args.length; at++) {
    const a = args[at] as Arg;
    if (a.value === 'init' || a.value === 'new') break;
    if (a.value === '-C') chdir = args[++at];
    else if (/^-C./.test(a.value)) chdir = withValue(a, a.value.slice(2));
    else if (CARGO_VALUED.has(a.value)) at++;
    else if (!a.value.startsWith('-') && !a.value.startsWith('+')) return [];
  }
  const verb = args[at]?.value;
  if (verb === undefined) return [];
  const path = readWords(args, at + 1, { valued: 'Z', long: ['--vcs', '--name', '--edition', '--registry', '--color', '--config'] }).operands[0];
  const by = `cargo ${verb}`;
  const moved = (p: Arg): Arg => (chdir === undefined || p.value.startsWith('/') ? p : joined(chdir, p));
  if (path !== undefined) return [tree(moved(path), by)];
  if (verb === 'new') return [];
  return [chdir === undefined ? hereWrite(by) : tree(chdir, by)];
}

/** The programs this file knows; other tables may know them too (`go build -o`, `cargo --target-dir`). */
const HERE_WRITERS = new Map<string, ProgramWrites>([['script', scriptTypescript], ['go', goInitWrites], ['cargo', cargoInitWrites]]);

/** What the programs this file knows write where they stand, or null for any other name. */
export function hereWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = HERE_WRITERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
