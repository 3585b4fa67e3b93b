// Command shells whose language is not the Bourne shell's: the C shells (csh, tcsh), fish,
// PowerShell, nushell, xonsh, elvish, Plan 9's rc, es, ion and Windows' cmd.exe. A command string
// they are given (`csh -c`, `fish --command=`, `pwsh -Command`) or a script they read from standard
// input is a command line in another syntax, which is not parsed here: it asks. A script file they
// run is judged as `bash FILE` is.
import { askingOrNone, NO_RUNS, type Unwrapped } from './unwrapped.ts';
import { joinedArg, type Arg } from './words.ts';

/** How one shell reads its arguments before the script file. */
interface Dialect {
  /** Words that only change how the script runs (`tcsh -f`, `pwsh -NoProfile`). */
  readonly flags: RegExp;
  /** Options whose next word is their value (`pwsh -ExecutionPolicy Bypass`). */
  readonly valued?: RegExp;
  /** Words that print and exit, reading no script (`fish --version`). */
  readonly info?: RegExp;
  /** The option whose value is the script file (`pwsh -File F`). */
  readonly file?: RegExp;
  /** A bare operand is a command line, not a file (Windows PowerShell, cmd.exe). */
  readonly operandRuns?: true;
}

const PWSH: Dialect = {
  flags: /^[-/](?:nop|noprofile|nol|nologo|noni|noninteractive|mta|sta|l|login|noprofileloadtime)$/i,
  valued: /^[-/](?:ex|ep|executionpolicy|wd|workingdirectory|w|windowstyle|inp|inputformat|o|of|outputformat)$/i,
  info: /^[-/](?:v|version|h|help|\?)$/i,
  file: /^[-/](?:f|file)$/i,
};

const DIALECTS: ReadonlyMap<string, Dialect> = new Map<string, Dialect>([
  // `-b` ends the options; `-c`, `-s`, `-i` and `-t` (one line from standard input) ask.
  ['csh', { flags: /^-[bdefFlmnqvVxX]+$/, info: /^--(?:version|help)$/ }],
  ['tcsh', { flags: /^-[bdefFlmnqvVxX]+$/, info: /^--(?:version|help)$/ }],
  ['fish', {
    flags: /^(?:-[nNPl]+|--(?:no-config|private|no-execute|login|print-rusage-self))$/,
    info: /^(?:-[vh]|--version|--help|--print-debug-categories)$/,
  }],
  ['pwsh', PWSH],
  ['powershell', { ...PWSH, operandRuns: true }],
  ['nu', { flags: /^(?:-[nl]|--(?:no-config-file|no-std-lib|no-history|login|stdin))$/, info: /^(?:-[vh]|--version|--help)$/ }],
  ['xonsh', { flags: /^--(?:no-rc|no-script-cache|no-env)$/, info: /^(?:-[Vh]|--version|--help)$/ }],
  ['elvish', { flags: /^--?(?:norc|compileonly)$/, info: /^--?(?:version|help|buildinfo)$/ }],
  ['rc', { flags: /^-[elnpvx]+$/ }],
  ['es', { flags: /^-[elnpvx]+$/ }],
  ['ion', { flags: /^(?:-[nx]|--no-execute)$/, info: /^(?:-[vh]|--version|--help)$/ }],
  ['cmd.exe', { flags: /^\/(?:q|d|a|u|[ef]:(?:on|off)|v:(?:on|off))$/i, info: /^\/\?$/, operandRuns: true }],
]);

/** The shells under a versioned, preview or Windows name (`pwsh-preview`, `powershell.exe`); cmd only as `cmd.exe`. */
const DIALECT_NAME = /^(csh|tcsh|fish|pwsh|powershell|nu|xonsh|elvish|rc|es|ion)(?:-?\d+(?:\.\d+)*)?(?:-preview)?(?:\.exe)?$|^(cmd\.exe)$/;

/** The dialect a (lower-cased) command name runs, or null. */
export function dialectKey(name: string): string | null {
  const m = DIALECT_NAME.exec(name);
  return m === null ? null : m[1] ?? m[2] ?? null;
}

export const DIALECT_SHELLS: ReadonlySet<string> = new Set(DIALECTS.keys());

/** A script file that is standard input or another open file descriptor, whose text is not known here. */
const STREAM_FILE = /^(?:-|\/dev\/(?:stdin|fd\/\d+)|\/proc\/[^/]+\/fd\/\d+)$/;

/**
 * What a dialect shell runs: nothing judged for a script file; otherwise a question, with the
 * command text it is given also judged as a script where it reads as one (`csh -c 'rm -rf ~'`
 * meets a deny for `rm -rf *`), since a simple command reads the same in these shells.
 */
export function dialectRuns(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  const dialect = DIALECTS.get(name);
  if (dialect === undefined) return NO_RUNS;
  const ask = (why: string, text: Arg | null): Unwrapped => {
    const forceAsk = `${name} ${why}, in a shell language other than the one judged here (sh)`;
    if (text === null || text.value.trim() === '') return askingOrNone(forceAsk);
    return { ...NO_RUNS, scripts: [{ arg: text, by: name }], forceAsk };
  };
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.dynamic !== null) return ask(`is given a word only known at run time (${a.dynamic}), which may be a command string`, null);
    const v = a.value;
    if (dialect.info?.test(v) === true) return NO_RUNS;
    if (dialect.flags.test(v)) continue;
    if (dialect.valued?.test(v) === true) {
      i++;
      continue;
    }
    if (dialect.file?.test(v) === true) {
      const file = args[i + 1];
      if (file === undefined || file.dynamic !== null || STREAM_FILE.test(file.value)) return ask('runs a script from standard input or a file only known at run time', stdin);
      return NO_RUNS;
    }
    if (STREAM_FILE.test(v)) return ask('runs a script from standard input', stdin);
    const option = /^[-+]/.test(v) || (name === 'cmd.exe' && v.startsWith('/'));
    if (!option && dialect.operandRuns !== true) return NO_RUNS;
    // `--command=CMD`, `-Command:CMD`: the value is in the word; otherwise in the words after it.
    const attached = option ? /^[^=:]+[=:](.*)$/s.exec(v)?.[1] : undefined;
    const text = attached !== undefined ? { ...a, value: attached } : joinedArg(args, option ? i + 1 : i);
    return ask(`${v.slice(0, 40)}: runs a command string or reads its commands as it goes`, text);
  }
  return ask('reads its commands from standard input', stdin);
}
