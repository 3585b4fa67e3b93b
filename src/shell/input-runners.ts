// Programs that run commands they read rather than commands their arguments show (audit 27,
// AA-4 and AA-8): GNU parallel with no command (each input line is one), `at`/`batch` (standard
// input, run later by /bin/sh), `crontab` (installs commands run on a schedule), and editors whose
// own command language runs shell commands (`vim -c '!rm …'`, `ed` reading `!rm …`).
import { posixShellDoubt } from './posix.ts';
import { NO_RUNS, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

const asking = (forceAsk: string): Unwrapped => ({ ...NO_RUNS, forceAsk });

/** GNU parallel's short options that take a value (attached, or the next word). */
const PARALLEL_VALUED = 'aCdEIjLnNPsSW';
/** Its long options that take no value: any other one written without `=` may take the next word. */
const PARALLEL_FLAGS = new Set([
  '--will-cite', '--keep-order', '--progress', '--bar', '--eta', '--verbose', '--dry-run', '--line-buffer', '--lb',
  '--group', '--ungroup', '--null', '--quote', '--no-notice', '--citation', '--version', '--help', '--tag', '--xargs',
  '--halt-on-error', '--no-run-if-empty', '--semaphore', '--wait', '--fg', '--bg', '--pipe', '--pipepart', '--shuf',
  '--nonall', '--onall', '--plain', '--silent', '--tty', '--linebuffer', '--files', '--compress',
]);
/** Options after which parallel only prints something. */
const INFO_ONLY = new Set(['--version', '--help', '--citation', '--number-of-cpus', '--number-of-cores', '--number-of-sockets', '--max-line-length-allowed', '--minversion', '--record-env']);
/** A word that only names where arguments come from, or stops the command. */
const ARGUMENT_SOURCE = /^:{3,4}\+?$/;

/**
 * `parallel`/`sem`: when no command word stands before the argument sources, or the command word
 * is a replacement string (`{}`, `{1}`, `{.}`, the `-I` string), GNU parallel runs each input line
 * (standard input, `-a FILE`, `:::: FILE`, `::: ARGS`) as a command.
 */
export function parallelInputDoubt(args: readonly Arg[], name: string): string | null {
  let replacement: string | null = null;
  let waits = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    // looseRunner already asks for a word only known at run time among a runner's arguments.
    if (a.dynamic !== null) return null;
    if (ARGUMENT_SOURCE.test(v)) break;
    if (v === '--') {
      const next = args[i + 1];
      return next === undefined || ARGUMENT_SOURCE.test(next.value) ? fromInput(name) : commandWordDoubt(next, replacement, name);
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = eq < 0 ? v : v.slice(0, eq);
      if (long === '--wait') waits = true;
      // It prints and runs nothing.
      if (INFO_ONLY.has(long)) return null;
      // `--replace` alone is `{}`, which any command word of that shape is taken for below.
      if (eq >= 0) {
        if (long === '--replace' || long === '--er' || long === '--extensionreplace') replacement = v.slice(eq + 1);
      } else if (!PARALLEL_FLAGS.has(long)) {
        // A long option not known to take no value may take the next word: the command may then be empty, which asks.
        if (long === '--er' || long === '--extensionreplace') replacement = args[i + 1]?.value ?? null;
        i++;
      }
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let j = 1; j < v.length; j++) {
        const ch = v[j] ?? '';
        if (ch === 'i' && j + 1 < v.length) {
          replacement = v.slice(j + 1);
          break;
        }
        if (!PARALLEL_VALUED.includes(ch)) continue;
        const value = j + 1 < v.length ? v.slice(j + 1) : args[++i]?.value ?? '';
        if (ch === 'I') replacement = value;
        break;
      }
      continue;
    }
    return commandWordDoubt(a, replacement, name);
  }
  // `sem --wait` only waits for the jobs sem started.
  if (name === 'sem' && waits) return null;
  return fromInput(name);
}

function commandWordDoubt(word: Arg, replacement: string | null, name: string): string | null {
  const v = word.value;
  if (/^\{[^}]*\}$/.test(v) || (replacement !== null && replacement !== '' && v.includes(replacement))) {
    return `${name} takes its command word from its input (${v}), so what it runs is not known here`;
  }
  return null;
}

function fromInput(name: string): string {
  return `${name} has no command of its own, so it runs each line of its input (standard input, -a or :::: files, ::: arguments) as a command, which is not known here`;
}

/**
 * `at`/`batch` run their standard input (or `-f FILE`) later with /bin/sh; a static heredoc or
 * here-string is judged as that script. `crontab FILE`/`crontab -` installs commands that run on a
 * schedule. Listing and removing jobs runs nothing.
 */
export function scheduled(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  const words = args.slice(1);
  if (words.some((a) => a.dynamic !== null)) return asking(`${name} is given a word only known at run time, and may schedule commands`);
  if (name === 'crontab') {
    // `-u USER` picks whose table; then only listing (-l) or removing (-r, -i) runs nothing.
    const rest = words.filter((a, i) => a.value !== '-u' && words[i - 1]?.value !== '-u');
    if (rest.length > 0 && rest.every((a) => /^-[lri]+$/.test(a.value))) return NO_RUNS;
    return asking('crontab installs commands that run later, on a schedule, and they are not judged here');
  }
  // atq-like uses: -l list, -r/-d remove, -c print a job.
  if (words.some((a) => /^-[a-zA-Z]*[lrdc]/.test(a.value))) return NO_RUNS;
  if (words.some((a) => /^-[a-zA-Z]*f/.test(a.value))) return asking(`${name} -f runs the commands in a file later, which are not judged here`);
  if (stdin === null) return asking(`${name} runs the commands on its standard input later, and they are not known here`);
  return { ...NO_RUNS, scripts: [{ arg: stdin, by: `${name} reading a heredoc` }], forceAsk: posixShellDoubt(stdin.value, name) };
}

export const SCHEDULERS = new Set(['at', 'batch', 'crontab']);

/**
 * vi and its kin: `-c CMD`, `--cmd CMD`, `+CMD`, `-S FILE`, `-s FILE`, `-u FILE` give Ex commands,
 * which can run shell commands (`!rm …`), also attached (`-cCMD`) or at the end of a cluster (`-nc CMD`).
 */
export const VI_EDITORS = new Set(['vi', 'vim', 'nvim', 'view', 'vimdiff', 'gvim', 'ex', 'exim', 'rvim', 'rview']);
export const LINE_EDITORS = new Set(['ed']);

export function editorRuns(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  if (LINE_EDITORS.has(name)) {
    // ed reads its commands from standard input: `!CMD`, `r !CMD`, `w !CMD`, `e !CMD` run a shell.
    if (stdin === null) return asking(`${name} reads its commands from standard input, which is not known here, and they can run shell commands (!CMD)`);
    return stdin.value.includes('!') ? asking(`${name} reads a command that runs a shell (!CMD) from its input`) : NO_RUNS;
  }
  let exMode = name === 'ex' || name === 'exim';
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    if (v === '--') break;
    if (a.dynamic !== null && /^[-+]/.test(v)) return asking(`${name} is given an option only known at run time, which may be a command it runs`);
    // `+N` goes to a line, `+/pat` searches: anything else is an Ex command.
    if (v.startsWith('+') && !/^\+\d*$/.test(v) && !/^\+\/[^|!]*$/.test(v)) return editorCommand(name, v);
    if (v === '--cmd') return editorCommand(name, `${v} ${args[i + 1]?.value ?? ''}`);
    if (v.length < 2 || v.charCodeAt(0) !== 0x2d || v.charCodeAt(1) === 0x2d) continue;
    const given = clusterCommand(v, args[i + 1]?.value ?? '', name);
    if (given === SKIP_NEXT) i++;
    else if (given !== null) return editorCommand(name, given);
    if (/^-[a-zA-Z]*[eE]/.test(v)) exMode = true;
  }
  // In Ex mode the editor reads its commands from standard input.
  if (exMode) return asking(`${name} in Ex mode reads its commands from standard input, and they can run shell commands (!CMD)`);
  return NO_RUNS;
}

/** `-u NONE`: no startup file runs, and the next word is that option's value. */
const SKIP_NEXT = '';

/**
 * What an option word (`-c CMD`, `-c'!rm …'`, `-nc CMD`, `-nS FILE`, `-nu FILE`) has the editor
 * run, as text for the reason; null for nothing. vim's main.c walks the letters of a word: `c`
 * takes the rest of the word, or the next word when it is the last letter; `S`, `s` (typed keys),
 * `u` and `U` (startup files) take the next word only as the last letter, and vim stops with an
 * error when letters follow them. nvi reads `-S` and `-s` as flags, so past those the walk goes on
 * (`vi -sc'!rm …'` runs rm there). nvim's `-l` runs a Lua script.
 */
function clusterCommand(word: string, next: string, name: string): string | null {
  for (let j = 1; j < word.length; j++) {
    const ch = word[j];
    const last = j + 1 === word.length;
    if (ch === 'c') return `-c ${last ? next : word.slice(j + 1)}`;
    if (ch === 'u' || ch === 'U') {
      if (!last) return null;
      return /^(?:NONE|NORC|DEFAULTS)$/.test(next) ? SKIP_NEXT : `-${ch} ${next}`;
    }
    if (ch === 'S' || ch === 's' || (ch === 'l' && name === 'nvim')) {
      if (last) return `-${ch} ${next}`;
    } else if (ch === undefined || !/[a-zA-Z]/.test(ch)) {
      return null;
    }
  }
  return null;
}

function editorCommand(name: string, command: string): Unwrapped {
  return asking(`${name} ${command.slice(0, 40)}: runs editor commands, which can run shell commands (!CMD) and write any file`);
}
