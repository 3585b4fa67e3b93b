// Tools whose argument is a program in a language of their own that can run shell commands:
// awk (`system()`, `print | "cmd"`, `"cmd" | getline`, `print > "file"`) and make (`--eval`, a
// makefile read from standard input). A policy that trusts `awk *` or `make *` does not trust what
// those run. The commands awk names in static strings are judged as scripts, so a denied command
// inside stays denied; anything else such a program may do asks.
import { dangerReason, isDangerousName } from './assignments.ts';
import { NO_RUNS, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

export const AWKS: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk', 'nawk']);
export const MAKES: ReadonlySet<string> = new Set(['make', 'gmake']);

const EMPTY: Arg = { value: '', dynamic: null, split: false, pos: -1, end: -1 };

function ask(reason: string): Unwrapped {
  return { ...NO_RUNS, forceAsk: reason };
}

/** gawk long options that read a program or a library from a file, or write one. */
const AWK_FILE_OPTIONS = ['file', 'exec', 'include', 'load'];
const AWK_WRITING_OPTIONS = ['dump-variables', 'pretty-print', 'profile', 'debug'];

export function awkRuns(args: readonly Arg[], name: string): Unwrapped {
  const programs: Arg[] = [];
  let operand: Arg | null = null;
  for (let k = 1; k < args.length; k++) {
    const word = args[k] ?? EMPTY;
    const v = word.value;
    if (word.dynamic !== null && v.startsWith('-')) return ask(`${name} is given an option only known at run time (${word.dynamic}), which may name a program file`);
    if (v === '--') { operand = args[k + 1] ?? null; break; }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      const value = (): Arg => (eq < 0 ? args[++k] ?? EMPTY : { ...word, value: v.slice(eq + 1) });
      // getopt_long takes a unique prefix; reading an ambiguous one as these only tightens.
      if (long !== '' && AWK_FILE_OPTIONS.some((o) => o.startsWith(long))) return ask(`${name} ${v}: reads a program from a file, and an awk program can run shell commands (system())`);
      if (long.length >= 2 && AWK_WRITING_OPTIONS.some((o) => o.startsWith(long))) return ask(`${name} ${v}: writes a file the option names`);
      if (long !== '' && 'source'.startsWith(long)) programs.push(value());
      else if (long !== '' && ('assign'.startsWith(long) || 'field-separator'.startsWith(long))) value();
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) { operand = word; break; }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const rest = (): Arg => (j + 1 < v.length ? { ...word, value: v.slice(j + 1) } : args[++k] ?? EMPTY);
      if ('fEil'.includes(ch)) return ask(`${name} -${ch}: reads a program from a file, and an awk program can run shell commands (system())`);
      if ('dopD'.includes(ch)) return ask(`${name} -${ch}: may write a file the option names`);
      if (ch === 'e') { programs.push(rest()); break; }
      if (ch === 'W') {
        // mawk's `-W exec FILE` reads the program from a file.
        const w = rest();
        if (w.dynamic !== null || /^\s*e/.test(w.value)) return ask(`${name} -W ${w.value}: may read a program from a file`);
        break;
      }
      if (ch === 'F' || ch === 'v') { rest(); break; }
    }
  }
  if (programs.length === 0 && operand !== null) programs.push(operand);
  const dynamic = programs.find((a) => a.dynamic !== null);
  if (dynamic !== undefined) return ask(`${name} program is not static (${dynamic.dynamic ?? ''}), and an awk program can run shell commands (system())`);
  const text = programs.map((a) => a.value).join('\n');
  const danger = awkProgramDanger(text);
  if (danger === null) return NO_RUNS;
  const scripts: ScriptArg[] = awkCommandStrings(text).map((value) => ({ arg: { ...EMPTY, value }, by: `${name} ${danger}` }));
  return { wrapper: false, commands: [], views: [], scripts, forceAsk: `${name} program ${danger}, which is not judged here${scripts.length > 0 ? ' beyond the commands named in it' : ''}` };
}

/** Why an awk program may run a command or write a file, or null; its strings, regexes and comments left out. */
export function awkProgramDanger(program: string): string | null {
  const code = awkCode(program);
  if (/@\s*(?:load|include|namespace)/.test(code)) return 'loads code with @load or @include';
  // gawk's indirect call `@f(…)` with `f = "sys" "tem"` runs system() under no name (audit 45, BD-1).
  if (/@\s*[A-Za-z_]/.test(code)) return 'calls a function named by a variable (@name(…)), which may be system()';
  if (/\bsystem\s*\(/.test(code)) return 'runs a shell command (system())';
  if (/\|/.test(code.replace(/\|\|/g, ''))) return 'runs a shell command through a pipe (| "cmd" or "cmd" | getline)';
  if (/(?:^|[^\w$])printf?\b[^;}\n]*>/.test(code)) return 'writes to a file (print > "file")';
  return null;
}

/** The program with string literals emptied, regex literals and comments removed. */
function awkCode(program: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < program.length; i++) {
    const c = program[i] ?? '';
    if (c === '"') {
      let j = i + 1;
      while (j < program.length && program[j] !== '"') j += program[j] === '\\' ? 2 : 1;
      out += '""';
      i = j;
      prev = '"';
      continue;
    }
    if (c === '#') {
      while (i < program.length && program[i] !== '\n') i++;
      out += '\n';
      prev = '';
      continue;
    }
    // A `/` where an operand is expected opens a regex; after one it divides.
    if (c === '/' && (prev === '' || '(,~!{};&|?:=\n'.includes(prev))) {
      let j = i + 1;
      let inClass = false;
      while (j < program.length && (inClass || program[j] !== '/') && program[j] !== '\n') {
        if (program[j] === '\\') j++;
        else if (program[j] === '[') inClass = true;
        else if (program[j] === ']') inClass = false;
        j++;
      }
      out += '//';
      i = j;
      prev = '/';
      continue;
    }
    out += c;
    if (!/\s/.test(c) || c === '\n') prev = c;
  }
  return out;
}

/** The static commands an awk program hands to the shell: `system("…")`, `| "…"`, `"…" | getline`. */
function awkCommandStrings(program: string): string[] {
  const found: string[] = [];
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  for (const re of [new RegExp(`\\bsystem\\s*\\(\\s*${str}\\s*\\)`, 'g'), new RegExp(`\\|&?\\s*${str}`, 'g'), new RegExp(`${str}\\s*\\|&?\\s*getline`, 'g')]) {
    for (const m of program.matchAll(re)) found.push(unescapeAwk(m[1] ?? ''));
  }
  return found;
}

function unescapeAwk(text: string): string {
  return text.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

/** `NAME!=CMD`, `NAME:=…`, `NAME::=`, `NAME+=`, `NAME?=`, `NAME=…`: what make reads as a variable definition. */
const MAKE_DEFINITION = /^([^=:!?+]*)(!=|:::=|::=|:=|\+=|\?=|=)/;
/** MAKEFLAGS made only of job, load, output and keep-going options. */
const SAFE_MAKEFLAGS = /^(?:\s*(?:-?[jklsiqwBS]+\d*|--(?:jobs|load-average|keep-going|silent|quiet|no-print-directory|print-directory|output-sync)(?:=[\w.]*)?))*\s*$/;
/** Variables that choose the shell recipes run in, or add options make reads as its own. */
const MAKE_DANGEROUS_VARIABLE = /^\s*(?:SHELL|\.SHELLFLAGS|MAKESHELL|MAKEFLAGS|MFLAGS|MAKEFILES|\.RECIPEPREFIX|GNUMAKEFLAGS)\s*$/;

/**
 * A variable defined on make's command line is read before any makefile (`make 'X!=rm -rf y'`
 * runs at once, under -n and --version too): `!=` runs its value as a shell command, and a `$(…)`
 * or `${…}` in the name or value expands functions such as `$(shell …)`.
 */
function makeDefinition(word: Arg, name: string): Unwrapped | null {
  const m = MAKE_DEFINITION.exec(word.value);
  if (m === null) return null;
  const variable = m[1] ?? '';
  const operator = m[2] ?? '=';
  const value = word.value.slice(m[0].length);
  if (operator === '!=') {
    return { wrapper: false, commands: [], views: [], scripts: [{ arg: { ...word, value }, by: `${name} ${variable}!=` }], forceAsk: null };
  }
  if (/\$[({]/.test(word.value)) return ask(`${name} ${variable.trim()}${operator}…: make expands $(…) in a variable given on the command line, which may run $(shell …)`);
  // `MAKEFLAGS=-j4`: options that only say how many jobs run and what is printed.
  if (/^\s*(?:MAKEFLAGS|MFLAGS|GNUMAKEFLAGS)\s*$/.test(variable) && SAFE_MAKEFLAGS.test(value)) return null;
  if (MAKE_DANGEROUS_VARIABLE.test(variable)) return ask(`${name} ${variable.trim()}${operator}…: sets how make runs its recipes or reads its options`);
  // make exports a command-line variable to every recipe it runs (`make PATH=./evil` runs
  // ./evil/ls for a recipe's ls): held to the dangerous names as `env NAME=…` is (audit 37, AF-5).
  if (isDangerousName(variable.trim())) return ask(`${name} ${variable.trim()}${operator}…: make passes it to every recipe, and ${dangerReason(variable.trim())}`);
  // A recipe pastes the value into the line sh runs (`$(CC) -c …`, `$(RM) *.o`), so each command
  // it may hold is a view of make (`CC='rm -rf ~ #'` meets a deny for `rm -rf *`), and shell
  // syntax in it (`CFLAGS='; rm …'`) runs more than make's own commands.
  const views = value.split(/[;&|\n`()]/).map((piece) => piece.trim().split(/\s+/).filter((w) => w !== ''))
    .filter((words) => words.length > 0).map((words) => words.map((w): Arg => ({ value: w, dynamic: null, split: false, pos: -1, end: -1 })));
  const syntax = /[;&|\n`<>]/.test(value) ? `${name} ${variable.trim()}${operator}…: the value holds shell syntax, which make pastes into the recipe lines sh runs` : null;
  if (views.length === 0 && syntax === null) return null;
  return { wrapper: false, commands: [], views, scripts: [], forceAsk: syntax };
}

/**
 * Variables the environment gives make (`CC='rm -rf ~ #' make`) reach recipes as command-line ones
 * do, unless the makefile sets them: each is read as a definition would be.
 */
export function makeEnvironment(assignments: readonly string[], name: string): Unwrapped {
  const found: Unwrapped = { wrapper: false, commands: [], views: [], scripts: [], forceAsk: null };
  for (const text of assignments) {
    const defined = makeDefinition({ value: text, dynamic: null, split: false, pos: -1, end: -1 }, name);
    if (defined === null) continue;
    found.views.push(...defined.views);
    // `X!=…` is not a shell assignment; only what a recipe pastes matters here.
    found.forceAsk ??= defined.forceAsk;
  }
  return found;
}

/**
 * make runs each recipe line with /bin/sh: `--eval`/`-E` adds rules from the command line, and a
 * makefile read from standard input or a stream (`-f -`, `-f /dev/stdin`, `-f <(…)`) holds
 * recipes this command supplies, neither of which is judged here.
 */
export function makeRuns(args: readonly Arg[], name: string): Unwrapped {
  // Every finding counts, so an ask for one word does not hide a deny for another
  // (`make --eval … 'X!=rm -rf ~'`).
  const found: Unwrapped = { wrapper: false, commands: [], views: [], scripts: [], forceAsk: null };
  const add = (u: Unwrapped | null): void => {
    if (u === null) return;
    found.views.push(...u.views);
    found.scripts.push(...u.scripts);
    found.forceAsk ??= u.forceAsk;
  };
  const stream = (file: Arg): Unwrapped | null => {
    if (file.value === '-' || /^\/dev\/(?:stdin|fd\/)|^\/proc\//.test(file.value)) return ask(`${name} -f ${file.value} reads a makefile from a stream this command supplies, whose recipes are not judged here`);
    return null;
  };
  // A word only known at run time may be `--eval=…`, or a variable definition such as `X!=CMD`
  // wherever it stands (`./X!=CMD` from `find -exec make {}` too), or give one a value holding
  // `$(shell …)`, which make expands itself.
  const runtime = args.find((a, k) => k > 0 && a.dynamic !== null);
  if (runtime !== undefined) add(ask(`${name} is given a word only known at run time (${runtime.dynamic ?? ''}), which may be --eval or a variable definition that runs a command`));
  // After `--` every word is a target or a variable definition, which make still reads.
  let operands = false;
  for (let k = 1; k < args.length; k++) {
    const word = args[k] ?? EMPTY;
    const v = word.value;
    if (v === '--' && !operands) {
      operands = true;
      continue;
    }
    if (word.dynamic !== null) continue;
    if (operands || !v.startsWith('-')) {
      add(makeDefinition(word, name));
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      if (long.length >= 2 && 'eval'.startsWith(long)) {
        add(ask(`${name} ${v}: runs recipes given on the command line, which are not judged here`));
        if (eq < 0) k++;
      } else if (long.length >= 2 && ('file'.startsWith(long) || 'makefile'.startsWith(long))) {
        add(stream(eq < 0 ? args[++k] ?? EMPTY : { ...word, value: v.slice(eq + 1) }));
      }
      continue;
    }
    if (v.length < 2) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const rest = (): Arg => (j + 1 < v.length ? { ...word, value: v.slice(j + 1) } : args[++k] ?? EMPTY);
      if (ch === 'E') {
        add(ask(`${name} -E: runs recipes given on the command line, which are not judged here`));
        rest();
        break;
      }
      if (ch === 'f') {
        add(stream(rest()));
        break;
      }
      if ('CIoW'.includes(ch)) { rest(); break; }
    }
  }
  return found.views.length === 0 && found.scripts.length === 0 && found.forceAsk === null ? NO_RUNS : found;
}
