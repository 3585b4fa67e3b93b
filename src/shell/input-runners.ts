// Programs that run commands they read rather than commands their arguments show (audit 27,
// AA-4 and AA-8): GNU parallel (each input line is a command when it has none of its own, and its
// jobs' command lines are built from what it reads, audit 29 GG-9), `at`/`batch` (standard
// input, run later by /bin/sh), `crontab` (installs commands run on a schedule), and editors whose
// own command language runs shell commands (`vim -c '!rm …'`, `ed` reading `!rm …`).
import { edWrites } from './editor-writes.ts';
import { posixShellDoubt } from './posix.ts';
import { NO_RUNS, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

const asking = (forceAsk: string): Unwrapped => ({ ...NO_RUNS, forceAsk });

/** GNU parallel's short options that take a value (attached, or the next word). */
export const PARALLEL_VALUED = 'aCdEIjLnNPsSW';
/** Its long options that take no value: any other one written without `=` may take the next word. */
const PARALLEL_FLAGS: ReadonlySet<string> = new Set([
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
 * Options that put several arguments in one job or split one, or add replacement strings (`--plus`,
 * `--header` column names): jobs are then not spelled out here.
 */
const RESHAPING_SHORT = 'nNmXLlC';
const RESHAPING_LONG = [
  '--max-args', '--max-replace-args', '--xargs', '--max-lines', '--colsep', '--plus', '--er', '--extensionreplace', '--bnr',
  '--basenamereplace', '--dnr', '--dirnamereplace', '--bner', '--basenameextensionreplace', '--seqreplace', '--slotreplace',
  '--parens', '--tmpl', '--match', '--header',
];
/** Options after which parallel fills in no argument: the command reads blocks of input, or runs once. */
const NO_ARGUMENTS = /^--(?:pipe|pipepart|semaphore)$/;

interface ParallelScan {
  /** Where the command word stands. */
  command: number;
  /** The `-I` string (`{}` when null). */
  replacement: string | null;
  reshaped: boolean;
  noArguments: boolean;
  /** `-a FILE`/`--arg-file`: arguments read at run time. */
  fromFile: boolean;
}

/**
 * Reads parallel's options up to its command word. A string when parallel runs each input line
 * (standard input, `-a FILE`, `:::: FILE`, `::: ARGS`) as a command: no command word stands before
 * the argument sources, or the command word is a replacement string (`{}`, `{1}`, `{.}`, the `-I`
 * string). Null when it runs nothing, or looseRunner already asks.
 */
function scanParallel(args: readonly Arg[], name: string): ParallelScan | string | null {
  const scan: ParallelScan = { command: -1, replacement: null, reshaped: false, noArguments: name === 'sem', fromFile: false };
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
      if (next === undefined || ARGUMENT_SOURCE.test(next.value)) return fromInput(name);
      return commandWordDoubt(next, scan.replacement, name) ?? { ...scan, command: i + 1 };
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = eq < 0 ? v : v.slice(0, eq);
      if (long === '--wait') waits = true;
      // It prints and runs nothing.
      if (INFO_ONLY.has(long)) return null;
      // Getopt::Long takes a unique prefix (`--max-a 2`); one that could name these is read as them.
      if (long.length >= 4 && '--rpl'.startsWith(long)) return `${name} --rpl defines a replacement string as Perl code, which can run any command`;
      if (RESHAPING_LONG.some((o) => o === long || (long.length >= 4 && o.startsWith(long)))) scan.reshaped = true;
      if (NO_ARGUMENTS.test(long)) scan.noArguments = true;
      // `--a…` may also be --arg-sep, which reading as a file only tightens.
      if (long.length >= 3 && '--arg-file'.startsWith(long)) scan.fromFile = true;
      // `--replace` alone is `{}`, which any command word of that shape is taken for below.
      if (eq >= 0) {
        if (long === '--replace' || long === '--er' || long === '--extensionreplace') scan.replacement = v.slice(eq + 1);
      } else if (!PARALLEL_FLAGS.has(long)) {
        // A long option not known to take no value may take the next word: the command may then be empty, which asks.
        if (long === '--er' || long === '--extensionreplace') scan.replacement = args[i + 1]?.value ?? null;
        i++;
      }
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let j = 1; j < v.length; j++) {
        const ch = v[j] ?? '';
        if (ch === 'i' && j + 1 < v.length) {
          scan.replacement = v.slice(j + 1);
          break;
        }
        if (RESHAPING_SHORT.includes(ch)) scan.reshaped = true;
        if (!PARALLEL_VALUED.includes(ch)) continue;
        const value = j + 1 < v.length ? v.slice(j + 1) : args[++i]?.value ?? '';
        if (ch === 'I') scan.replacement = value;
        if (ch === 'a') scan.fromFile = true;
        break;
      }
      continue;
    }
    return commandWordDoubt(a, scan.replacement, name) ?? { ...scan, command: i };
  }
  // `sem --wait` only waits for the jobs sem started.
  if (name === 'sem' && waits) return null;
  return fromInput(name);
}

/**
 * Where parallel's own options end: at its command word, else at its first argument source (or
 * the end). Past it, options are the job command's.
 */
export function parallelOptionsEnd(args: readonly Arg[], name: string): number {
  const scan = scanParallel(args, name);
  if (scan !== null && typeof scan === 'object') return scan.command;
  const source = args.findIndex((a, i) => i > 0 && ARGUMENT_SOURCE.test(a.value));
  return source < 0 ? args.length : source;
}

/** What GNU parallel runs, as far as its words show. */
export interface ParallelJobs {
  /** Why what it runs is not known here, or null. */
  doubt: string | null;
  /** Each job's command line, when every argument is written here (`parallel gzip ::: a b`). */
  scripts: ScriptArg[];
  /** The command with the words it fills in at run time marked so (`:::: FILE`, standard input). */
  probe: Arg[] | null;
  /**
   * That command as a sub-command to judge (without a word appended at run time, `appends` then):
   * its words were only probed for the files they write, so `parallel -n1 evil ::: a` and
   * `parallel evil :::: f` were allowed under `parallel *` (audit 44, BA-1).
   */
  commands: Arg[][];
  appends: boolean;
}

const NO_JOBS: ParallelJobs = { doubt: null, scripts: [], probe: null, commands: [], appends: false };
/** Past this many jobs from `:::` arguments, they are probed as arguments read at run time are. */
const MAX_JOBS = 32;
/** Replacement strings other than `{}`: `{.}`, `{/}`, `{//}`, `{/.}`, `{3}`, `{3.}`, `{#}`, `{%}`. */
const REPLACEMENT = /\{(\d*)(\.|\/|\/\/|\/\.)\}|\{(\d+)\}|\{[#%]\}/g;
/** Shell syntax in a command word, which parallel hands to a shell with the line it builds. */
const SHELL_SYNTAX = /[;&|<>()`$\n]/;
const FROM_INPUT = 'parallel input';

/**
 * GNU parallel builds each job's command line from its command words and one argument of each
 * `:::` list (`:::+` pairs it with the list before), put where a replacement string stands or
 * appended, each quoted, and hands the line to a shell. With every argument written here, each
 * job is judged as that script (`parallel cp src/a ::: .github/x` writes .github/x); arguments
 * read at run time (`:::: FILE`, `-a FILE`, standard input), or regrouped (`-n2`, `-X`,
 * `--colsep`), are words only known at run time, probed as xargs's are.
 */
export function parallelRuns(args: readonly Arg[], name: string): ParallelJobs {
  const scan = scanParallel(args, name);
  if (scan === null) return NO_JOBS;
  if (typeof scan === 'string') return { ...NO_JOBS, doubt: scan };
  let end = args.findIndex((a, i) => i > scan.command && ARGUMENT_SOURCE.test(a.value));
  if (end < 0) end = args.length;
  const words = args.slice(scan.command, end);
  if (words.some((w) => w.value.includes('{='))) return { ...NO_JOBS, doubt: `${name} {= … =} runs Perl code for each job, which can run any command` };
  // `--pipe`, `--pipepart`, `--semaphore` (`sem`): the command line runs as written, once or per block of input.
  if (scan.noArguments) {
    if (words.length === 0) return NO_JOBS;
    if (!words.some((w) => SHELL_SYNTAX.test(w.value))) return { ...NO_JOBS, commands: [words.flatMap(splitAtBlanks)] };
    const line = { ...(words[0] as Arg), value: words.map((w) => w.value).join(' '), split: false, end: words[words.length - 1]?.end ?? -1 };
    return { ...NO_JOBS, scripts: [{ arg: line, by: name }], doubt: posixShellDoubt(line.value, name) };
  }
  const groups: Array<{ linked: boolean; words: Arg[] }> = [];
  let runtime = scan.fromFile;
  for (let i = end; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (!ARGUMENT_SOURCE.test(v)) {
      groups[groups.length - 1]?.words.push(args[i] as Arg);
      continue;
    }
    // `:::: FILE` reads the arguments from FILE.
    if (v.startsWith('::::')) runtime = true;
    groups.push({ linked: v.endsWith('+'), words: [] });
  }
  if (groups.length === 0) runtime = true;
  if (runtime || scan.reshaped) return filled(words, scan.replacement, name);
  let jobs: Arg[][] = [[]];
  for (const g of groups) {
    if (g.words.length === 0) return NO_JOBS;
    // A linked list is paired with the jobs so far, the shorter one wrapping around.
    if (g.linked) {
      const count = Math.max(jobs.length, g.words.length);
      const before = jobs;
      jobs = Array.from({ length: count }, (_, k) => [...(before[k % before.length] ?? []), g.words[k % g.words.length] as Arg]);
    } else {
      jobs = jobs.flatMap((job) => g.words.map((w) => [...job, w]));
    }
    if (jobs.length > MAX_JOBS) return filled(words, scan.replacement, name);
  }
  const scripts = jobs.map((job): ScriptArg => {
    const line = jobLine(words, job, scan.replacement ?? '{}');
    return { arg: { ...(words[0] as Arg), value: line, split: false, end: args[args.length - 1]?.end ?? -1 }, by: name };
  });
  return { ...NO_JOBS, doubt: scripts.map((s) => posixShellDoubt(s.arg.value, name)).find((d) => d !== null) ?? null, scripts };
}

const quoted = (v: string): string => `'${v.replace(/'/g, "'\\''")}'`;

/** The command line of one job: its arguments where the replacement strings stand, or appended. */
function jobLine(words: readonly Arg[], job: readonly Arg[], replacement: string): string {
  let used = false;
  const all = job.map((a) => quoted(a.value)).join(' ');
  const line = words.map((w) => {
    let v = w.value;
    if (replacement !== '' && v.includes(replacement)) {
      used = true;
      v = v.split(replacement).join(all);
    }
    return v.replace(REPLACEMENT, (token: string, n: string | undefined, edit: string | undefined, only: string | undefined) => {
      used = true;
      const at = only ?? n;
      if (at === undefined && edit === undefined) return '1';
      const values = at === undefined || at === '' ? job.map((a) => a.value) : [job[Number(at) - 1]?.value ?? ''];
      return values.map((value) => quoted(edited(value, edit ?? ''))).join(' ');
    });
  });
  return used ? line.join(' ') : [...line, all].join(' ');
}

/** What `{.}`, `{/}`, `{//}` and `{/.}` make of an argument. */
function edited(value: string, edit: string): string {
  const slash = value.lastIndexOf('/');
  const base = value.slice(slash + 1);
  if (edit === '/') return base;
  if (edit === '//') return slash < 0 ? '.' : value.slice(0, slash) || '/';
  if (edit === '.') return value.replace(/\.[^/.]*$/, '');
  if (edit === '/.') return base.replace(/\.[^/.]*$/, '');
  return value;
}

/**
 * The command with what parallel fills in marked as only known at run time: the words holding a
 * replacement string, or one more word at the end. Command words holding blanks are split, as
 * the shell parallel hands them to does; other shell syntax in them asks.
 */
function filled(words: readonly Arg[], replacement: string | null, name: string): ParallelJobs {
  if (words.some((w) => SHELL_SYNTAX.test(w.value))) return { ...NO_JOBS, doubt: `${name} hands a shell a command line with words filled in at run time, which is not judged here` };
  const tokens = replacement ?? '{}';
  let used = false;
  const probe: Arg[] = words.flatMap(splitAtBlanks).map((w) => {
    REPLACEMENT.lastIndex = 0;
    if ((tokens === '' || !w.value.includes(tokens)) && !REPLACEMENT.test(w.value)) return w;
    used = true;
    return { ...w, dynamic: FROM_INPUT };
  });
  const command = [...probe];
  if (!used) probe.push({ value: '', dynamic: FROM_INPUT, split: true, pos: -1, end: -1 });
  return { ...NO_JOBS, probe, commands: [command], appends: !used };
}

/** A command word holding blanks as the words the shell parallel hands it to splits it into. */
function splitAtBlanks(w: Arg): Arg[] {
  return w.value.trim().split(/\s+/).map((value) => ({ ...w, value }));
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
    // `w FILE`, `W FILE` and a bare `w` of the edited file are writes like a redirection's.
    const writes = edWrites(args, stdin);
    const runs = stdin.value.includes('!') ? asking(`${name} reads a command that runs a shell (!CMD) from its input`) : NO_RUNS;
    return writes.length === 0 ? runs : { ...runs, writes };
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
