// Commands that run another command (SPEC 5.3, 5.4). Each is classified once into what it runs:
// argv-level inner commands, scripts handed to a shell, or the command sudo-like tools run (a
// tightening view of the host). The walker turns that into parts.
import { isDangerousName, dangerReason } from './assignments.ts';
import { scanGit } from './git.ts';
import { hasOption, optionValue, scanOptions, type OptionScan, type OptionSpec } from './options.ts';
import { assignedName, joinedArg, type Arg } from './words.ts';

export interface Unwrapped {
  /** The host only wraps (`timeout 5 X`, `bash -c …`): its own text may only tighten. */
  wrapper: boolean;
  /** Commands the host runs; each is its own part. */
  commands: Arg[][];
  /** The command inside sudo/doas/npx/npm exec/env with assignments: a view of the host. */
  views: Arg[][];
  /** Strings the host hands to a shell (`sh -c`, `eval`, git aliases); parsed as scripts. */
  scripts: ScriptArg[];
  forceAsk: string | null;
}

export interface ScriptArg {
  arg: Arg;
  /** Who runs it, for reasons (`bash -c`, `eval`, `git -c core.pager`). */
  by: string;
}

const NONE: Unwrapped = Object.freeze({ wrapper: false, commands: [], views: [], scripts: [], forceAsk: null });

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'rbash']);
/** Every name `unwrap` handles: one lookup sends the common command straight back. */
const WRAPPERS = new Set([
  ...SHELLS, 'time', 'timeout', 'nice', 'nohup', 'setsid', 'builtin', 'coproc', 'busybox', 'stdbuf', 'exec', 'command',
  'xargs', 'watch', 'env', 'eval', 'trap', 'find', 'git', 'sudo', 'doas', 'su', 'npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn',
]);
const SYSTEM_DIR = /^\/(?:usr\/(?:local\/)?|opt\/homebrew\/)?s?bin\/([^/]+)$/;

/**
 * The wrapper a command word names: a bare name or a program in a system directory. Anything
 * else (`./timeout`) could be any program, so it is not trusted to behave like the wrapper.
 */
export function wrapperName(arg: Arg): string | null {
  if (arg.dynamic !== null) return null;
  const v = arg.value;
  if (!v.includes('/')) return v;
  return SYSTEM_DIR.exec(v)?.[1] ?? null;
}

export function unwrap(args: readonly Arg[], stdin: Arg | null): Unwrapped {
  const first = args[0];
  if (first === undefined) return NONE;
  const name = wrapperName(first);
  if (name === null || !WRAPPERS.has(name)) return NONE;
  switch (name) {
    case 'time':
      return argv(args, scanOptions(args, 1, TIME), 0);
    case 'timeout':
      return argv(args, scanOptions(args, 1, TIMEOUT), 1);
    case 'nice':
      return argv(args, scanOptions(args, 1, NICE), 0);
    case 'nohup':
    case 'setsid':
    case 'builtin':
      return argv(args, scanOptions(args, 1, PLAIN), 0);
    case 'coproc':
    case 'busybox':
      return argv(args, { next: 1, options: [], operands: [], dynamic: false }, 0);
    case 'stdbuf':
      return argv(args, scanOptions(args, 1, STDBUF), 0);
    case 'exec':
      return argv(args, scanOptions(args, 1, EXEC), 0);
    case 'command': {
      const scan = scanOptions(args, 1, PLAIN);
      // `command -v x` looks x up; it does not run it.
      return hasOption(scan, '-v', '-V') ? NONE : argv(args, scan, 0);
    }
    case 'xargs':
      return argv(args, scanOptions(args, 1, XARGS), 0);
    case 'watch':
      return watch(args);
    case 'env':
      return env(args);
    case 'eval':
      return evalLike(args);
    case 'trap':
      return trap(args);
    case 'find':
      return find(args);
    case 'git':
      return git(args);
    case 'sudo':
      return sudoLike(args, scanOptions(args, 1, SUDO), 'sudo');
    case 'doas':
      return sudoLike(args, scanOptions(args, 1, DOAS), 'doas');
    case 'su':
      return su(args);
    case 'npx':
    case 'pnpx':
    case 'bunx':
      return execLike(args, 1);
    case 'npm':
    case 'pnpm':
    case 'yarn': {
      // Global options may come before the sub-command (`npm --yes exec`, `npm -w pkg exec`).
      const sub = scanOptions(args, 1, PACKAGE_MANAGER).next;
      const runs = name === 'npm' ? ['exec', 'x'] : ['exec', 'dlx'];
      return isOneOf(args[sub], ...runs) ? execLike(args, sub + 1) : NONE;
    }
  }
  return SHELLS.has(name) ? shell(args, stdin, name) : NONE;
}

const PLAIN: OptionSpec = { shortWithValue: '', longWithValue: [] };
const TIME: OptionSpec = { shortWithValue: 'fo', longWithValue: ['--format', '--output'] };
const TIMEOUT: OptionSpec = { shortWithValue: 'sk', longWithValue: ['--signal', '--kill-after'] };
const NICE: OptionSpec = { shortWithValue: 'n', longWithValue: ['--adjustment'] };
const STDBUF: OptionSpec = { shortWithValue: 'ioe', longWithValue: ['--input', '--output', '--error'] };
const EXEC: OptionSpec = { shortWithValue: 'a', longWithValue: [] };
const XARGS: OptionSpec = {
  shortWithValue: 'IELnsPda',
  longWithValue: ['--arg-file', '--delimiter', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--process-slot-var'],
};
const WATCH: OptionSpec = { shortWithValue: 'nqs', longWithValue: ['--interval', '--equexit', '--shotsfile'] };
const SUDO: OptionSpec = {
  shortWithValue: 'CDgpRrtTUu',
  longWithValue: ['--close-from', '--chdir', '--group', '--host', '--prompt', '--chroot', '--role', '--type',
    '--command-timeout', '--other-user', '--user'],
};
const DOAS: OptionSpec = { shortWithValue: 'Cu', longWithValue: [] };
const SU: OptionSpec = {
  shortWithValue: 'cgGsw',
  longWithValue: ['--command', '--session-command', '--shell', '--group', '--supp-group', '--whitelist-environment'],
  dashIsOption: true,
  permute: true,
};
const EXEC_LIKE: OptionSpec = {
  shortWithValue: 'pcw',
  longWithValue: ['--package', '--call', '--workspace', '--registry', '--cache', '--userconfig', '--prefix', '--node-options'],
};

/** Package managers' global options that take a value, so the value is not read as the sub-command. */
const PACKAGE_MANAGER: OptionSpec = {
  shortWithValue: 'wC',
  longWithValue: ['--workspace', '--prefix', '--registry', '--cache', '--userconfig', '--globalconfig', '--dir', '--filter', '--cwd', '--loglevel', '--node-options', '--package'],
};

function isOneOf(arg: Arg | undefined, ...values: string[]): boolean {
  return arg !== undefined && arg.dynamic === null && values.includes(arg.value);
}

function dynamicOptions(scan: OptionScan): string | null {
  return scan.dynamic ? 'wrapper option is not static, so where the wrapped command starts is unknown' : null;
}

/** `skip` operands come before the command (timeout's duration). */
function argv(args: readonly Arg[], scan: OptionScan, skip: number): Unwrapped {
  const start = scan.next + skip;
  if (start >= args.length) return NONE;
  let forceAsk = dynamicOptions(scan);
  for (let i = scan.next; i < start; i++) if (args[i]?.split === true) forceAsk ??= 'wrapper operand is not static';
  return { wrapper: true, commands: [args.slice(start)], views: [], scripts: [], forceAsk };
}

function watch(args: readonly Arg[]): Unwrapped {
  const scan = scanOptions(args, 1, WATCH);
  if (scan.next >= args.length) return NONE;
  if (hasOption(scan, '-x', '--exec')) return argv(args, scan, 0);
  // Without -x, watch joins its operands with spaces and runs them with `sh -c`.
  return script(joinedArg(args, scan.next), 'watch', dynamicOptions(scan));
}

function script(arg: Arg, by: string, forceAsk: string | null): Unwrapped {
  return { wrapper: true, commands: [], views: [], scripts: [{ arg, by }], forceAsk };
}

function evalLike(args: readonly Arg[]): Unwrapped {
  const start = args[1]?.value === '--' ? 2 : 1;
  if (start >= args.length) return NONE;
  return script(joinedArg(args, start), 'eval', null);
}

function trap(args: readonly Arg[]): Unwrapped {
  const start = args[1]?.value === '--' ? 2 : 1;
  const action = args[start];
  if (action === undefined || args.length - start < 2) return NONE;
  if (start === 1 && action.value.startsWith('-')) return NONE;
  if (action.dynamic === null && (action.value === '' || action.value === '-')) return NONE;
  return script(action, 'trap', null);
}

function shell(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  let command = false;
  let fromStdin = false;
  let forceAsk: string | null = null;
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.split) forceAsk ??= `${name} option is not static`;
    const v = a.value;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      if (v === '--rcfile' || v === '--init-file') i++;
      continue;
    }
    const sign = v.charCodeAt(0);
    if (v.length < 2 || (sign !== 0x2d && sign !== 0x2b)) break;
    let values = 0;
    for (let j = 1; j < v.length; j++) {
      const ch = v.charCodeAt(j);
      if (ch === 0x63 && sign === 0x2d) command = true; // c
      else if (ch === 0x73 && sign === 0x2d) fromStdin = true; // s
      else if (ch === 0x6f || ch === 0x4f) values++; // o, O take the next word
    }
    i += values;
  }
  if (command) {
    const text = args[i];
    if (text === undefined) return NONE;
    return script(text, `${name} -c`, forceAsk);
  }
  // `bash <<'EOF' … EOF` and `bash <<< '…'` run the heredoc or here-string as a script.
  if ((i >= args.length || fromStdin) && stdin !== null) return script(stdin, `${name} reading a heredoc`, forceAsk);
  return NONE;
}

function env(args: readonly Arg[]): Unwrapped {
  // Words still to read, the next one last: `env -S` puts the words of its value back in front,
  // and a stack does that without copying the rest of the command line each time.
  const pending: Arg[] = [];
  for (let i = args.length - 1; i >= 1; i--) {
    const a = args[i];
    if (a !== undefined) pending.push(a);
  }
  const assignments: Arg[] = [];
  let forceAsk: string | null = null;
  let options = true;
  for (let a = pending.pop(); a !== undefined; a = pending.pop()) {
    const v = a.value;
    if (a.split) forceAsk ??= 'env operand is not static';
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v.startsWith('-') && assignments.length === 0) {
      envOption(a, pending);
      continue;
    }
    const name = assignedName(v);
    if (name === null) {
      pending.push(a);
      break;
    }
    if (isDangerousName(name)) forceAsk ??= dangerReason(name);
    assignments.push(a);
  }
  if (pending.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  const inner = pending.reverse();
  if (assignments.length > 0) return { wrapper: false, commands: [], views: [inner], scripts: [], forceAsk };
  return { wrapper: true, commands: [inner], views: [], scripts: [], forceAsk };
}

/** Consumes the value of an env option from `pending`; `-S` pushes the words of its value back. */
function envOption(a: Arg, pending: Arg[]): void {
  const v = a.value;
  let value: Arg | undefined;
  let split = false;
  if (v.startsWith('--')) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    const takesValue = name === '--split-string' || name === '--unset' || name === '--chdir';
    if (!takesValue) return;
    value = eq < 0 ? pending.pop() : { ...a, value: v.slice(eq + 1) };
    split = name === '--split-string';
  } else {
    for (let j = 1; j < v.length; j++) {
      const ch = v[j];
      if (ch !== 'u' && ch !== 'C' && ch !== 'P' && ch !== 'S') continue;
      value = j + 1 < v.length ? { ...a, value: v.slice(j + 1) } : pending.pop();
      split = ch === 'S';
      break;
    }
  }
  if (!split || value === undefined) return;
  const words = splitString(value);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (w !== undefined) pending.push(w);
  }
}

/** GNU `env -S` word splitting: quotes, backslash escapes, `${VAR}` (only known at run time). */
export function splitString(source: Arg): Arg[] {
  const s = source.value;
  const out: Arg[] = [];
  let word = '';
  let inWord = false;
  let dynamic: string | null = source.dynamic;
  let quote = '';
  const flush = (): void => {
    if (inWord) out.push({ value: word, dynamic, split: source.split, pos: source.pos, end: source.end });
    word = '';
    inWord = false;
    dynamic = source.dynamic;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = '';
      else word += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < s.length) {
      const next = s[++i] ?? '';
      if (next === 'c' && quote === '') break;
      word += next === '_' ? ' ' : next === 't' ? '\t' : next === 'n' ? '\n' : next;
      inWord = true;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = '';
      else {
        if (ch === '$' && s[i + 1] === '{') dynamic ??= 'env -S variable';
        word += ch;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      flush();
      continue;
    }
    if (ch === '#' && !inWord) break;
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === '$' && s[i + 1] === '{') dynamic ??= 'env -S variable';
    word += ch;
    inWord = true;
  }
  flush();
  return out;
}

function find(args: readonly Arg[]): Unwrapped {
  let commands: Arg[][] | null = null;
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value;
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
    let j = i + 1;
    for (; j < args.length; j++) {
      const w = args[j]?.value;
      if (w === ';' || (w === '+' && args[j - 1]?.value === '{}')) break;
    }
    if (j > i + 1) (commands ??= []).push(args.slice(i + 1, j));
    i = j;
  }
  // find does work of its own (-delete, -fprint), so it stays a full part, not a wrapper.
  return commands === null ? NONE : { wrapper: false, commands, views: [], scripts: [], forceAsk: null };
}

function git(args: readonly Arg[]): Unwrapped {
  const scan = scanGit(args);
  const scripts: ScriptArg[] = scan.scripts.map((arg) => ({ arg, by: 'git -c' }));
  const commands: Arg[][] = [];
  subcommandRuns(args, scan.next, scripts, commands);
  if (scripts.length === 0 && commands.length === 0 && scan.forceAsk === null) return NONE;
  return { wrapper: false, commands, views: [], scripts, forceAsk: scan.forceAsk };
}

/** One script made of several words, as git joins them before handing them to a shell. */
function joined(words: readonly Arg[]): Arg {
  const first = words[0];
  return {
    value: words.map((w) => w.value).join(' '),
    dynamic: words.find((w) => w.dynamic !== null)?.dynamic ?? null,
    split: words.some((w) => w.split),
    pos: first?.pos ?? -1,
    end: words[words.length - 1]?.end ?? -1,
  };
}

/**
 * git sub-commands that run a command of the user's: `submodule foreach CMD` (a shell script),
 * `rebase -x/--exec CMD` (a shell script per commit) and `bisect run CMD ARGS` (a command).
 */
function subcommandRuns(args: readonly Arg[], at: number, scripts: ScriptArg[], commands: Arg[][]): void {
  const sub = args[at]?.value;
  if (sub === 'submodule') {
    const i = args.findIndex((a, k) => k > at && a.value === 'foreach');
    if (i < 0) return;
    let j = i + 1;
    while (j < args.length && /^(?:--recursive|-q|--quiet)$/.test(args[j]?.value ?? '')) j++;
    const rest = args.slice(j);
    if (rest.length > 0) scripts.push({ arg: joined(rest), by: 'git submodule foreach' });
  } else if (sub === 'rebase') {
    for (let k = at + 1; k < args.length; k++) {
      const v = args[k]?.value ?? '';
      if (v === '--') break;
      const next = args[k + 1];
      if ((v === '-x' || v === '--exec') && next !== undefined) scripts.push({ arg: next, by: `git rebase ${v}` });
      else if (v.startsWith('--exec=')) scripts.push({ arg: { ...(args[k] as Arg), value: v.slice(7) }, by: 'git rebase --exec' });
      else if (v.startsWith('-x') && v.length > 2) scripts.push({ arg: { ...(args[k] as Arg), value: v.slice(2) }, by: 'git rebase -x' });
    }
  } else if (sub === 'bisect' && args[at + 1]?.value === 'run' && args.length > at + 2) {
    commands.push(args.slice(at + 2));
  }
}

function sudoLike(args: readonly Arg[], scan: OptionScan, name: string): Unwrapped {
  // sudoedit edits files; it runs no command.
  if (name === 'sudo' && hasOption(scan, '-e', '--edit')) return NONE;
  let forceAsk = dynamicOptions(scan);
  let i = scan.next;
  for (; i < args.length; i++) {
    const a = args[i];
    const set = a === undefined ? null : assignedName(a.value);
    if (set === null) break;
    if (isDangerousName(set)) forceAsk ??= dangerReason(set);
  }
  if (i >= args.length) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  return { wrapper: false, commands: [], views: [args.slice(i)], scripts: [], forceAsk };
}

function su(args: readonly Arg[]): Unwrapped {
  const scan = scanOptions(args, 1, SU);
  const command = optionValue(scan, '-c', '--command', '--session-command');
  if (command === null) return NONE;
  return { wrapper: false, commands: [], views: [], scripts: [{ arg: command, by: 'su -c' }], forceAsk: dynamicOptions(scan) };
}

function execLike(args: readonly Arg[], start: number): Unwrapped {
  const scan = scanOptions(args, start, EXEC_LIKE);
  const call = optionValue(scan, '-c', '--call');
  const forceAsk = dynamicOptions(scan);
  const scripts = call === null ? [] : [{ arg: call, by: `${args[0]?.value ?? 'npx'} -c` }];
  const views = scan.next < args.length ? [args.slice(scan.next)] : [];
  if (scripts.length === 0 && views.length === 0) return NONE;
  return { wrapper: false, commands: [], views, scripts, forceAsk };
}
