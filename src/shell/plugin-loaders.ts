// Programs that are not interpreters but load code from a file an option names: a compiler's
// plugins and spec files, and man's configuration, which names the pager and formatters it runs.
// A file the same command writes and then hands them is code judged nowhere (see loaders.ts).
import { COMPILER } from './tool-outputs.ts';
import type { Arg } from './words.ts';

/** Compiler drivers that load plugins (`-fplugin=`) and read spec and response files. */
const PLUGIN_COMPILERS: ReadonlySet<string> = new Set(['gcc', 'g++', 'cc', 'c++', 'c99', 'c89', 'clang', 'clang++']);

/** The compiler a command word names (`x86_64-linux-gnu-gcc-12` is gcc), or null. */
function compilerOf(name: string): string | null {
  const tool = COMPILER.exec(name)?.[1];
  return tool !== undefined && PLUGIN_COMPILERS.has(tool) ? tool : null;
}

/** Whether `pluginLoads` reads this program's options. */
export function isPluginLoaderName(name: string): boolean {
  return name === 'man' || compilerOf(name) !== null;
}

/** Options whose value is a file (or, for -B, a folder) of code the compiler loads or runs. */
const COMPILER_VALUE_OPTIONS = ['-fplugin=', '-fpass-plugin=', '-specs=', '--specs=', '--prefix='];

/**
 * Files and folders of code the compiler loads: `-fplugin=F`, clang's `-fpass-plugin=F` and
 * `-Xclang -load -Xclang F`, `-specs=F` (a spec file can run any program), `-B DIR` (cc1, as and
 * collect2 are looked for there first) and `@F` (a response file holds more of these options).
 */
function compilerLoads(args: readonly Arg[]): string[] {
  const files: string[] = [];
  let clangLoad = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) continue;
    const v = a.value;
    const prefixed = COMPILER_VALUE_OPTIONS.find((o) => v.startsWith(o));
    if (prefixed !== undefined) files.push(v.slice(prefixed.length));
    else if (v === '-B' || v === '--prefix' || v === '--specs') pushValue(args[++i], files);
    else if (v.startsWith('-B')) files.push(v.slice(2));
    else if (v.startsWith('@') && v.length > 1) files.push(v.slice(1));
    else if (v === '-Xclang') {
      const value = args[++i];
      if (value === undefined || value.dynamic !== null) continue;
      if (clangLoad) files.push(value.value);
      clangLoad = value.value === '-load';
      const inline = COMPILER_VALUE_OPTIONS.find((o) => value.value.startsWith(o));
      if (inline !== undefined) files.push(value.value.slice(inline.length));
    }
  }
  return files;
}

/** man's other short options that take a value. */
const MAN_VALUE_OPTIONS = "MPrELmSpeRTHX";
/** Its long options whose value may be a separate word that starts with `-`. */
const MAN_LONG_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--manpath', '--pager', '--prompt', '--encoding', '--locale', '--systems', '--sections', '--preprocessor', '--extension', '--recode', '--troff-device', '--html', '--gxditview']);

/** `man -C FILE`, `--config-file=FILE`: man_db.conf's `DEFINE pager …` names programs man runs. */
function manLoads(args: readonly Arg[]): string[] {
  const files: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) continue;
    const v = a.value;
    if (v === '--') break;
    const eq = v.indexOf('=');
    const long = v.startsWith('--') && v.length >= 4 && '--config-file'.startsWith(eq < 0 ? v : v.slice(0, eq));
    if (v === '-C' || (long && eq < 0)) pushValue(args[++i], files);
    else if (long) files.push(v.slice(eq + 1));
    else if (/^-[^-]/.test(v)) {
      // A short cluster (`-aC FILE`, `-CFILE`), up to an option whose value is not a file.
      for (let j = 1; j < v.length; j++) {
        const c = v[j] ?? '';
        if (c === 'C') {
          if (j + 1 < v.length) files.push(v.slice(j + 1));
          else pushValue(args[++i], files);
          break;
        }
        if (MAN_VALUE_OPTIONS.includes(c)) {
          if (j + 1 === v.length) i++;
          break;
        }
      }
    } else if (MAN_LONG_VALUE_OPTIONS.has(v)) i++;
  }
  return files;
}

function pushValue(value: Arg | undefined, files: string[]): void {
  if (value !== undefined && value.dynamic === null) files.push(value.value);
}

/** The files of code `args` hands a compiler or man, or null when `name` is neither. */
export function pluginLoads(name: string, args: readonly Arg[]): string[] | null {
  if (name === 'man') return manLoads(args);
  return compilerOf(name) === null ? null : compilerLoads(args);
}
