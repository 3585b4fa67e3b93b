// Commands that run another command (SPEC 5.3, 5.4). Each is classified once into what it runs:
// argv-level inner commands, scripts handed to a shell, or the command sudo-like tools run (a
// tightening view of the host). The walker turns that into parts.
import { isDangerousName, dangerReason } from './assignments.ts';
import { env } from './env.ts';
import { movedFolderDoubt, optionDanger } from './option-dangers.ts';
import { git } from './git-unwrap.ts';
import { GETOPT, hasOption, optionDoubt, optionValue, runtimeOptionReason, scanOptions, type OptionScan, type OptionSpec } from './options.ts';
import { npmCommandViews, npmRunningOption } from './npm.ts';
import { lexicalPath, mayCollapse, rootedGuess, systemProgram } from './paths.ts';
import { editorRuns, LINE_EDITORS, parallelRuns, scheduled, SCHEDULERS, VI_EDITORS } from './input-runners.ts';
import { jobs, launcherRuns, LAUNCHERS, LOOSE_RUNNERS, looseRunner, nixRuns, npmStores, setOptions } from './runners.ts';
import { CONTAINER_TOOLS, containerRuns, podmanUnshareAt } from './containers.ts';
import { subcommandRuns, SUBCOMMAND_RUNNERS } from './subcommand-runners.ts';
import { dialectKey, dialectRuns, DIALECT_SHELLS } from './shell-dialects.ts';
import { gnuProgram, renamedRuns } from './gnu-names.ts';
import { lessRuns, LESS_PROGRAMS } from './less.ts';
import { FD_PLACEHOLDER, SEARCH_TOOLS, searchRuns } from './search-tools.ts';
import { downloadWrites } from './downloads.ts';
import { operandWrites } from './operand-writes.ts';
import { copiesAsLink, rsyncLinkDests, runtimePlacedWrite } from './placers.ts';
import { kshShellDoubt, posixShellDoubt } from './posix.ts';
import { asZshRunsIt, zshCommandWords, zshSyntaxDoubt } from './zsh.ts';
import { compilerRuns, isGccDriver, toolKey, toolRuns, TOOLS_WITH_RUNS } from './toolruns.ts';
import { bareShell, BARE_SHELLS } from './bare-shells.ts';
import { sessionShell, SESSION_SHELLS, startsShell, stdinScriptDoubt, sudoInfo, userShell, withSessionShell, type Stdin } from './session-shells.ts';
import { clientStdinDoubt, STDIN_CLIENTS } from './client-stdin.ts';
import { TRANSFER_CLIENTS, transferCommandsDoubt } from './transfer-clients.ts';
import { RESERVED } from './guards.ts';
import { askingOrNone, NO_RUNS as NONE, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import { joinedArg, literalText, type Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

export type { ScriptArg, Unwrapped } from './unwrapped.ts';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'rbash']);
/**
 * The same shells under a versioned or static build's name (`bash5.2`, `bash-5.2`, `bash-static`),
 * and other POSIX shells that take `-c` the same way, read as sh.
 */
const SHELL_VARIANT = /^(sh|bash|zsh|dash|ksh|ash|mksh|rbash|yash|posh|lksh|oksh|loksh|pdksh|hush)(?:-?\d+(?:\.\d+)*)?(?:-static)?$/;

function wrapperKey(name: string): string {
  if (SHELLS.has(name)) return name;
  const tool = toolKey(name);
  if (tool !== name) return tool;
  const dialect = dialectKey(name);
  if (dialect !== null) return dialect;
  const variant = SHELL_VARIANT.exec(name)?.[1];
  return variant === undefined ? name : SHELLS.has(variant) ? variant : 'sh';
}
/** Every name `unwrap` handles: one lookup sends the common command straight back. */
const WRAPPERS = new Set([
  ...SHELLS, 'time', 'timeout', 'nice', 'nohup', 'setsid', 'builtin', 'coproc', 'busybox', 'toybox', 'stdbuf', 'exec', 'command',
  'xargs', 'watch', 'env', 'eval', 'trap', 'find', 'git', 'sudo', 'sudoedit', 'doas', 'su', 'npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun', 'nix',
  'alias', 'mapfile', 'readarray', 'source', '.', 'compgen', 'complete', 'bind', 'fc', 'set', 'shopt', 'jobs', 'enable',
  ...LAUNCHERS, ...LOOSE_RUNNERS, ...TOOLS_WITH_RUNS, ...CONTAINER_TOOLS, ...SCHEDULERS, ...VI_EDITORS, ...LINE_EDITORS,
  ...SEARCH_TOOLS, ...LESS_PROGRAMS, ...SUBCOMMAND_RUNNERS, ...DIALECT_SHELLS, ...TRANSFER_CLIENTS,
]);
/** `/dev/fd/N`, `/proc/PID/fd/N`: an open file descriptor, of this process for `self`. */
const FD_FILE = /^\/(?:dev\/fd|proc\/([^/]+)\/fd)\/(\d+)$/;

/**
 * What a script operand reads: `'stdin'` for standard input itself, `'fd'` for another open file
 * descriptor (`bash /dev/fd/3 3<<<…`, `/proc/1234/fd/0`), whose text is not known here; null for
 * an ordinary file.
 */
function scriptSource(arg: Arg): 'stdin' | 'fd' | null {
  const raw = arg.value;
  if (arg.dynamic !== null || raw.charCodeAt(0) !== 0x2f) return null;
  const v = mayCollapse(raw) ? lexicalPath(raw).path : raw;
  if (v === '/dev/stdin') return 'stdin';
  const m = FD_FILE.exec(v);
  if (m === null) return null;
  const pid = m[1];
  return m[2] === '0' && (pid === undefined || pid === 'self' || pid === 'thread-self') ? 'stdin' : 'fd';
}
/** glibc's and musl's dynamic loaders, in any folder (audit 36, AC-8). */
const DYNAMIC_LOADER = /^(?:ld\.so(?:\.\d+)?|ld-linux[\w.-]*\.so\.\d+|ld-musl-[\w.-]+\.so\.\d+)$/;

/**
 * The wrapper a command word names: a bare name or a program in a system directory, in any
 * spelling of that path (`/bin//sh`, `/usr/bin/../bin/sh`). Anything else (`./timeout`) could be
 * any program, so it is not trusted to behave like the wrapper.
 */
export function wrapperName(arg: Arg): string | null {
  if (arg.dynamic !== null) return null;
  const v = arg.value;
  // The dynamic loader runs the program it is given (`/lib64/ld-linux-x86-64.so.2 /bin/rm y`).
  if (DYNAMIC_LOADER.test(v.slice(v.lastIndexOf('/') + 1))) return 'ld.so';
  if (!v.includes('/')) return v;
  if (v.charCodeAt(0) !== 0x2f) {
    // `./scripts/../../../bin/sh` is /bin/sh when the climb reaches the root: what it may run is
    // judged (unwrap makes the host ask, as which program runs is not known).
    const rooted = rootedGuess(v);
    return rooted === null ? null : systemProgram(rooted);
  }
  return systemProgram(v);
}

/**
 * What `args` runs. `stdin` is the heredoc or here-string it reads, if any; `fed` says that its
 * standard input is a pipe or a file instead of the input the command line started with.
 */
export function unwrap(args: readonly Arg[], stdin: Arg | null, fed = false): Unwrapped {
  const first = args[0];
  if (first === undefined) return NONE;
  // On a case-insensitive file system `Sudo` and `BASH` run sudo and bash.
  const written = wrapperName(first)?.toLowerCase() ?? null;
  const renamed = written === null ? null : gnuProgram(written);
  const name = written === null ? null : wrapperKey(written);
  const optionAsk = name === null ? null : optionDanger(name, args);
  if (renamed === null && (name === null || (!WRAPPERS.has(name) && !isGccDriver(name)))) return optionAsk === null ? NONE : { ...NONE, forceAsk: optionAsk };
  const unwrapped = renamed !== null ? renamedRuns(args, renamed) : unwrapNamed(name ?? '', args, { text: stdin, fed });
  let u = optionAsk === null || unwrapped.forceAsk !== null ? unwrapped : { ...unwrapped, forceAsk: optionAsk };
  const moved = u === NONE || name === null || u.folderDoubt !== undefined || u.folder !== undefined ? null : movedFolderDoubt(name, args);
  if (moved !== null) u = { ...u, folderDoubt: moved };
  // `/tmp/x/../../bin/sh` is /bin/sh only if /tmp/x is not a link: what runs is judged, but the
  // host is not trusted to be the wrapper.
  if (u === NONE || !first.value.includes('/')) return u;
  // A relative path names a system program only by climbing out to the root (see wrapperName).
  if (first.value.charCodeAt(0) !== 0x2f) return { ...u, forceAsk: u.forceAsk ?? `${first.value} climbs out of the folder it starts in, and names ${written ?? ''} only if it climbs to the root, so which program it names is not known` };
  if (!first.value.includes('/..') || !lexicalPath(first.value).linked) return u;
  return { ...u, forceAsk: u.forceAsk ?? `${first.value} climbs out of a folder that may be a link, so which program it names is not known` };
}

function unwrapNamed(name: string, args: readonly Arg[], input: Stdin): Unwrapped {
  const stdin = input.text;
  switch (name) {
    case 'time': {
      const scan = scanOptions(args, 1, TIME);
      const u = argv(args, scan, 0);
      // GNU time writes its report to the -o file.
      const file = optionValue(scan, '-o', '--output');
      return u === NONE || file === null ? u : { ...u, writes: [{ file, option: 'time -o' }] };
    }
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
    case 'toybox':
      return argv(args, { next: 1, options: [], operands: [], dynamic: false, unknown: null }, 0);
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
      return xargs(args);
    case 'watch':
      return watch(args);
    case 'env':
      return env(args);
    case 'eval':
      return evalLike(args);
    case 'trap':
      return trap(args);
    case 'alias':
      return aliases(args);
    case 'source':
    case '.':
      return sourced(args, stdin, name);
    case 'enable':
      // `enable -f FILE NAME` loads a shared object into bash, and its code runs.
      return args.some((a, i) => i > 0 && (a.dynamic !== null || /^-[a-zA-Z]*f/.test(a.value)))
        ? { ...NONE, forceAsk: 'enable -f loads a shared object into bash, which runs its code' }
        : NONE;
    case 'mapfile':
    case 'readarray': {
      const callback = optionValue(scanOptions(args, 1, MAPFILE), '-C');
      // The callback runs as `CALLBACK INDEX LINE` for lines read at run time: `-C eval` or
      // `-C 'declare -a'` runs what the input holds.
      return callback === null ? NONE : {
        ...NONE, scripts: [{ arg: callback, by: `${name} -C` }],
        forceAsk: `${name} -C runs its callback with each line it reads as an argument, and those lines are not known here`,
      };
    }
    case 'compgen':
    case 'complete':
      return completion(args, name);
    case 'bind':
      // `bind -x 'KEYSEQ: CMD'` runs CMD when the key is pressed (in an interactive shell).
      return args.some((a, i) => i > 0 && (a.dynamic !== null || /^-[A-Za-z]*x/.test(a.value)))
        ? { ...NONE, forceAsk: 'bind -x binds a key to a shell command' } : NONE;
    case 'fc':
      // fc runs commands from the history (`fc -s`) or edits them with any program (`fc -e`).
      return { ...NONE, forceAsk: 'fc runs commands from the shell history, which are not known here' };
    case 'set':
    case 'shopt':
      return setOptions(args, name);
    case 'jobs':
      return jobs(args);
    case 'find':
      return find(args);
    case 'git':
      return git(args);
    case 'sudo':
      return sudoLike(args, SUDO, 'sudo', input);
    case 'sudoedit':
      return sudoLike([args[0] as Arg, { ...(args[0] as Arg), value: '-e' }, ...args.slice(1)], SUDO, 'sudo', input);
    case 'doas':
      return sudoLike(args, DOAS, 'doas', input);
    case 'su':
      return su(args, input);
    case 'npx':
    case 'pnpx':
    case 'bunx':
      return execLike(args, 1);
    case 'npm':
      // npm's own reading of the command (`npm --silent pub` publishes) tightens whatever the
      // scan below finds; pnpm and yarn resolve commands differently (unknown ones run scripts).
      return withViews(packageManager(args, name), npmCommandViews(args));
    case 'bun':
      // Only `x` and `exec` run a command named here (or a word only known at run time may be one).
      if (!args.some((a, i) => i > 0 && (a.dynamic !== null || a.value === 'x' || a.value === 'exec'))) return NONE;
      return packageManager(args, name);
    case 'pnpm':
    case 'yarn':
      return packageManager(args, name);
    case 'nix':
      return nixRuns(args);
  }
  if (name === 'parallel' || name === 'sem') {
    const u = looseRunner(args, name);
    if (u.forceAsk !== null) return u;
    const jobs = parallelRuns(args, name);
    const why = jobs.probe === null ? null : runtimeWordsReason(jobs.probe);
    // A job command that runs other commands in turn (`parallel -n1 parallel -n1 … x`) would be
    // walked once as a command and again through each view, at every level: it asks instead.
    const runner = jobs.commands.find((c) => runsOthers(c));
    return {
      ...u, commands: runner === undefined ? [...u.commands, ...jobs.commands] : u.commands, scripts: [...u.scripts, ...jobs.scripts],
      ...(jobs.appends && runner === undefined ? { appendsWords: true as const } : {}),
      forceAsk: jobs.doubt ?? (why === null ? null : `${name} fills in words read at run time (${why})`)
        ?? (runner === undefined ? null : `${name} runs ${runner[0]?.value ?? ''}, which runs other commands in turn, not followed here`),
    };
  }
  if (SESSION_SHELLS.has(name)) return withSessionShell(looseRunner(args, name), sessionShell(args, input, name));
  if (BARE_SHELLS.has(name)) return withSessionShell(looseRunner(args, name), bareShell(args, input, name));
  if (TRANSFER_CLIENTS.has(name)) return withDoubt(toolRuns(args, name), transferCommandsDoubt(args, input, name));
  if (STDIN_CLIENTS.has(name)) return withDoubt(LOOSE_RUNNERS.has(name) ? looseRunner(args, name) : toolRuns(args, name), clientStdinDoubt(args, input, name));
  if (LOOSE_RUNNERS.has(name)) return looseRunner(args, name);
  if (SUBCOMMAND_RUNNERS.has(name)) return subcommandRuns(args, name);
  if (DIALECT_SHELLS.has(name)) return dialectRuns(args, stdin, name);
  if (SEARCH_TOOLS.has(name)) return searchTool(args, name);
  if (LESS_PROGRAMS.has(name)) return lessRuns(args, name);
  if (LAUNCHERS.has(name)) return launcherRuns(args, name);
  if (SCHEDULERS.has(name)) return scheduled(args, stdin, name);
  if (VI_EDITORS.has(name) || LINE_EDITORS.has(name)) return editorRuns(args, stdin, name);
  const unshare = name === 'podman' ? podmanUnshareAt(args) : -1;
  if (unshare > 0) {
    // Audit 44's leftover: read as `unshare CMD` (a runner of its operands, or the user's shell).
    const rest = args.slice(unshare);
    return withSessionShell(looseRunner(rest, 'podman unshare'), bareShell(rest, input, 'unshare'));
  }
  if (CONTAINER_TOOLS.has(name)) return containerRuns(args, name);
  if (TOOLS_WITH_RUNS.has(name)) return toolRuns(args, name);
  if (isGccDriver(name)) return compilerRuns(args, name);
  return SHELLS.has(name) ? shell(args, stdin, name) : NONE;
}

/** npm, pnpm, yarn and bun: the command `exec`/`dlx`/`x` runs, and what npm sub-commands store or run. */
function packageManager(args: readonly Arg[], name: string): Unwrapped {
  const u = packageManagerRuns(args, name);
  // npm reads its options wherever they stand, whatever the sub-command turns out to be: `npm
  // --globalc x ls` reads the settings file x before `npm x` runs ls (audit 39, AL-6).
  const running = name === 'npm' && u.forceAsk === null ? npmRunningOption(args) : null;
  return running === null ? u : { ...u, forceAsk: running };
}

function packageManagerRuns(args: readonly Arg[], name: string): Unwrapped {
  // Global options may come before the sub-command (`npm --yes exec`, `npm -w pkg exec`).
  const scan = scanOptions(args, 1, GLOBAL_OPTIONS[name] ?? PACKAGE_MANAGER);
  const sub = nestedSubcommand(args, scan.next, name);
  // npm reads its options wherever they stand: `npm --call=CMD exec` runs CMD as `exec -c` does.
  const call = name === 'npm' ? optionValue(scan, '-c', '--call') : null;
  const runs = RUN_VERBS[name] ?? ['exec', 'dlx'];
  if (isOneOf(args[sub], ...runs)) return withCall(execLike(args, sub + 1), call);
  if (name === 'bun' && isOneOf(args[sub], 'exec')) return bunScript(args, sub + 1, null);
  // An option this table lacks may have taken the word read as the sub-command.
  const before = args[sub - 1];
  if (sub > 1 && before !== undefined && before.value.startsWith('-') && !before.value.includes('=') && isOneOf(args[sub + 1], ...runs, ...(name === 'bun' ? ['exec'] : []))) {
    const doubt = `${name} option ${before.value} may take a value, so the sub-command may be ${args[sub + 1]?.value ?? ''}`;
    if (name === 'bun' && args[sub + 1]?.value === 'exec') return bunScript(args, sub + 2, doubt);
    const inner = withCall(execLike(args, sub + 2), call);
    return { ...inner, forceAsk: inner.forceAsk ?? doubt };
  }
  // bun's other sub-commands run packages' scripts and files, as `bun run` does, not a command named here.
  if (name === 'bun') return args[sub]?.dynamic != null ? askingOrNone(`bun sub-command only known at run time (${args[sub]?.dynamic ?? ''}), which may be x or exec`) : NONE;
  // `npm test $(echo --script-shell=rm)`: a word only known at run time may be any option.
  const runtime = runtimeOptionReason(args, 1, name);
  if (name !== 'npm') return askingOrNone(runtime);
  const stores = npmStores(args, sub);
  return runtime === null ? stores : { ...stores, forceAsk: stores.forceAsk ?? runtime };
}

/** The sub-commands that run the command after them (`npm exe` is npm's prefix of exec; `bun x` is bunx). */
const RUN_VERBS: Readonly<Record<string, readonly string[]>> = lookupTable({ npm: ['exec', 'exe', 'x'], bun: ['x'] });
/** pnpm's aliases of `-r`: `pnpm m exec …` runs as `pnpm -r exec …` does. */
const PNPM_RECURSIVE = new Set(['recursive', 'multi', 'm']);

/**
 * Where the sub-command that runs stands when another leads to it: pnpm's `recursive` (`m`,
 * `multi`), yarn's `workspace NAME` and `workspaces foreach`, each with its options first.
 */
function nestedSubcommand(args: readonly Arg[], sub: number, name: string): number {
  const word = args[sub];
  if (word === undefined || word.dynamic !== null) return sub;
  if (name === 'pnpm' && PNPM_RECURSIVE.has(word.value)) return scanOptions(args, sub + 1, PNPM).next;
  if (name !== 'yarn') return sub;
  if (word.value === 'workspace') return scanOptions(args, sub + 2, PACKAGE_MANAGER).next;
  if (word.value === 'workspaces' && isOneOf(args[sub + 1], 'foreach')) return scanOptions(args, sub + 2, YARN_FOREACH).next;
  return sub;
}

/** `bun exec SCRIPT`: Bun's own shell runs the words after it as a script, read here as bash. */
function bunScript(args: readonly Arg[], from: number, doubt: string | null): Unwrapped {
  if (from >= args.length) return askingOrNone(doubt);
  const joined = joinedArg(args, from);
  return script(joined, 'bun exec', doubt ?? posixShellDoubt(joined.value, 'bun exec'));
}

/** Makes what a command runs ask for `doubt` as well, when nothing else makes it ask. */
function withDoubt(u: Unwrapped, doubt: string | null): Unwrapped {
  return doubt === null || u.forceAsk !== null ? u : { ...u, forceAsk: doubt };
}

/** Adds `views` (more readings of the command) to what a command runs. */
function withViews(u: Unwrapped, views: Arg[][]): Unwrapped {
  return views.length === 0 ? u : { ...u, views: [...u.views, ...views] };
}

const PLAIN: OptionSpec = { shortWithValue: '', longWithValue: [] };
/** compgen and complete: -A action, -G glob, -W words, -F function, -C command, -P/-S affixes, -X filter, -o option, -V name. */
const COMPLETION: OptionSpec = { shortWithValue: 'AGWFCPSXoV', longWithValue: [] };
const MAPFILE: OptionSpec = { shortWithValue: 'dnOsuCc', longWithValue: [] };
// The option tables of GNU coreutils, findutils, procps, util-linux, sudo and doas (BSD-only value
// options included: reading an extra word as a value only moves the judged command later).
const TIME: OptionSpec = {
  ...GETOPT, shortWithValue: 'fo', shortFlags: 'apqvV', longWithValue: ['--format', '--output'],
  longFlags: [...GETOPT.longFlags, '--append', '--portability', '--quiet', '--verbose'],
};
const TIMEOUT: OptionSpec = {
  ...GETOPT, shortWithValue: 'sk', shortFlags: 'v', longWithValue: ['--signal', '--kill-after'],
  longFlags: [...GETOPT.longFlags, '--foreground', '--preserve-status', '--verbose'],
};
// `nice -5` is the old spelling of `-n 5`.
const NICE: OptionSpec = { ...GETOPT, shortWithValue: 'n', shortFlags: '0123456789', longWithValue: ['--adjustment'] };
const STDBUF: OptionSpec = { ...GETOPT, shortWithValue: 'ioe', shortFlags: '', longWithValue: ['--input', '--output', '--error'] };
const EXEC: OptionSpec = { shortWithValue: 'a', shortFlags: 'cl', longWithValue: [], longFlags: [] };
const XARGS: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'adEILnPs',
  shortFlags: '0oprtx',
  shortAttached: 'eil',
  longWithValue: ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
  // --eof, --replace and --max-lines take a value only after `=`.
  longFlags: [...GETOPT.longFlags, '--null', '--eof', '--replace', '--max-lines', '--interactive', '--no-run-if-empty',
    '--show-limits', '--verbose', '--exit', '--open-tty'],
};
const WATCH: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'nqs',
  shortFlags: 'bcCegprtwxhv',
  shortAttached: 'd',
  longWithValue: ['--interval', '--equexit', '--shotsfile'],
  longFlags: [...GETOPT.longFlags, '--beep', '--color', '--no-color', '--differences', '--errexit', '--chgexit', '--precise',
    '--no-rerun', '--no-title', '--no-wrap', '--exec'],
};
const SUDO: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'aCcDgpRrtTUu',
  shortFlags: 'AbBEeHiKklNnPSsVv',
  // `-h` alone is help; `-hHOST` names a host.
  shortAttached: 'h',
  longWithValue: ['--close-from', '--chdir', '--group', '--host', '--prompt', '--chroot', '--role', '--type',
    '--command-timeout', '--other-user', '--user', '--auth-type', '--login-class'],
  longFlags: [...GETOPT.longFlags, '--askpass', '--background', '--bell', '--preserve-env', '--edit', '--set-home', '--login',
    '--remove-timestamp', '--reset-timestamp', '--list', '--no-update', '--non-interactive', '--preserve-groups',
    '--stdin', '--shell', '--validate'],
};
const DOAS: OptionSpec = { shortWithValue: 'aCu', shortFlags: 'Lns', longWithValue: [], longFlags: [] };
const SU: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'cgGsw',
  shortFlags: 'flmpPhV',
  longWithValue: ['--command', '--session-command', '--shell', '--group', '--supp-group', '--whitelist-environment'],
  longFlags: [...GETOPT.longFlags, '--fast', '--login', '--preserve-environment', '--pty'],
  dashIsOption: true,
  permute: true,
};
// npm reads options with its own parser: no getopt abbreviations to follow, so an option missing
// here is unknown rather than guessed at.
const EXEC_LIKE: OptionSpec = {
  shortWithValue: 'pcw',
  shortFlags: 'yq',
  longWithValue: ['--package', '--call', '--workspace', '--registry', '--cache', '--userconfig', '--prefix', '--node-options'],
  longFlags: ['--yes', '--no', '--quiet', '--silent', '--ignore-scripts', '--no-install', '--workspaces', '--include-workspace-root',
    '--prefer-offline', '--prefer-online', '--offline', '--shell-auto-fallback'],
};

/** Package managers' global options that take a value, so the value is not read as the sub-command. */
const PACKAGE_MANAGER: OptionSpec = {
  shortWithValue: 'wC',
  longWithValue: ['--workspace', '--prefix', '--registry', '--cache', '--userconfig', '--globalconfig', '--dir', '--filter', '--cwd', '--loglevel', '--node-options', '--package'],
};

/** pnpm's: `-w` is --workspace-root, a flag; `-C` is --dir, `-F` is --filter. */
const PNPM: OptionSpec = { shortWithValue: 'CF', longWithValue: PACKAGE_MANAGER.longWithValue };
/** `yarn workspaces foreach`'s options that take a value. */
const YARN_FOREACH: OptionSpec = { shortWithValue: 'j', longWithValue: ['--jobs', '--from', '--include', '--exclude'] };
/** bun's global options that take a value. */
const BUN: OptionSpec = { shortWithValue: '', longWithValue: ['--cwd', '--config', '--env-file', '--preload', '--tsconfig-override'] };

/** npm's global options: its `-c`/`--call` also applies to an `exec` that follows. */
const NPM_GLOBAL: OptionSpec = {
  shortWithValue: `${PACKAGE_MANAGER.shortWithValue}c`,
  longWithValue: [...PACKAGE_MANAGER.longWithValue, '--call'],
};

const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = lookupTable({ npm: NPM_GLOBAL, pnpm: PNPM, bun: BUN });

/** Adds the script of an npm `--call` given before `exec` to what exec runs. */
function withCall(u: Unwrapped, call: Arg | null): Unwrapped {
  if (call === null) return u;
  return { ...u, scripts: [{ arg: call, by: 'npm --call' }, ...u.scripts], forceAsk: u.forceAsk ?? posixShellDoubt(call.value, 'npm --call') };
}

function isOneOf(arg: Arg | undefined, ...values: string[]): boolean {
  return arg !== undefined && arg.dynamic === null && values.includes(arg.value);
}

/** Whether `args` is a command that runs others (a wrapper or runner unwrap knows). */
function runsOthers(args: readonly Arg[]): boolean {
  const u = unwrap(args, null);
  return u.commands.length > 0 || u.views.length > 0 || u.scripts.length > 0 || u.forceAsk !== null;
}

/**
 * Why a command runs something only known at run time once some of its words are (`dynamic` in
 * `args`): as its command word, as a script, or behind a wrapper. Null when those words stay
 * plain operands (`sh -c 'rm "$1"' _ {}`).
 */
function runtimeWordsReason(args: readonly Arg[], depth = 0): string | null {
  if (args[0]?.dynamic != null) return 'the command word itself';
  if (depth > 8) return 'wrappers nested too deep to follow';
  const u = unwrap(args, null);
  if (u.forceAsk !== null) return u.forceAsk;
  for (const s of u.scripts) if (s.arg.dynamic !== null) return `the script ${s.by} runs`;
  // `xargs sed -i s/a/b/` rewrites the files its input names, as `xargs truncate -s0`, `xargs rm`
  // and `xargs curl -o` do.
  for (const w of u.writes ?? []) if (w.file.dynamic !== null) return `the file ${w.option} writes`;
  // Named as notePlaced names it (any path: `/opt/bin/truncate`), not only a wrapper's spelling.
  const word = args[0]?.value ?? '';
  const base = word.slice(word.lastIndexOf('/') + 1);
  for (const w of [...operandWrites(base, args), ...downloadWrites(base, args)]) {
    if (w.file.dynamic !== null) return `the file ${w.by} writes`;
    // `… | xargs git update-ref refs/heads/main`, `xargs git reset --hard`: the words filled in
    // may move the branch checked out here (audit 48, BL-4).
    if ('wholeTree' in w && w.wholeTree === true) return `the commit ${w.by} puts in place`;
  }
  if (runtimePlacedWrite(base, args) !== null) return base === 'mv' ? 'the files mv moves or writes' : `the file ${base} writes`;
  // `find secrets -exec ln -s {} d ';'`: a link whose target is filled in, which check could not
  // follow in later entries (audit 49, BP-3).
  const linker = base === 'ln' || base === 'link' || (base === 'cp' && copiesAsLink(args)) || (base === 'rsync' && rsyncLinkDests(args).length > 0);
  if (linker && args.some((a, i) => i > 0 && a.dynamic !== null)) return `the link ${base} makes`;
  for (const inner of [...u.commands, ...u.views]) {
    const why = runtimeWordsReason(inner, depth + 1);
    if (why !== null) return why;
  }
  return null;
}

const FROM_INPUT = 'xargs input';

/** xargs appends words read from its input, or puts them where `-I` says. */
function xargs(args: readonly Arg[]): Unwrapped {
  const scan = scanOptions(args, 1, XARGS);
  const u = argv(args, scan, 0);
  const inner = u.commands[0];
  if (inner === undefined) return u;
  const replace = hasOption(scan, '-I', '-i', '--replace') ? optionValue(scan, '-I', '-i', '--replace')?.value ?? '{}' : null;
  const probe: Arg[] = replace !== null
    ? inner.map((a) => (a.value.includes(replace) ? { ...a, dynamic: a.dynamic ?? FROM_INPUT, inert: literalText(a).split(replace).join('\u0000') } : a))
    : [...inner, { value: '', dynamic: FROM_INPUT, split: true, pos: -1, end: -1 }];
  const why = runtimeWordsReason(probe);
  const filled: Unwrapped = replace === null ? { ...u, appendsWords: true } : u;
  // `--process-slot-var=NAME` sets NAME to the job's slot number in every command's environment
  // (`BASH_ENV` makes each bash read `./0`): as dangerous as `env NAME=0` (audit 37, AF-4).
  const slot = optionValue(scan, '--process-slot-var');
  const slotDanger = slot === null ? null : slot.dynamic !== null ? `xargs --process-slot-var names a variable only known at run time, which every command it runs gets` : isDangerousName(slot.value) ? `xargs --process-slot-var: ${dangerReason(slot.value)}` : null;
  const forceAsk = filled.forceAsk ?? slotDanger ?? (why === null ? null : `xargs fills in words read at run time (${why})`);
  return forceAsk === filled.forceAsk ? filled : { ...filled, forceAsk };
}

/** `skip` operands come before the command (timeout's duration). */
function argv(args: readonly Arg[], scan: OptionScan, skip: number): Unwrapped {
  const start = scan.next + skip;
  let forceAsk = optionDoubt(scan);
  for (let i = scan.next; i < Math.min(start, args.length); i++) if (args[i]?.split === true) forceAsk ??= 'wrapper operand is not static';
  // `timeout $(echo 5 rm -rf y)`: no command is written, but a word that splits at run time may
  // hold the duration and the command both.
  if (start >= args.length) return askingOrNone(forceAsk);
  return { wrapper: true, commands: [args.slice(start)], views: [], scripts: [], forceAsk };
}

function watch(args: readonly Arg[]): Unwrapped {
  const scan = scanOptions(args, 1, WATCH);
  // `watch -n ${x:-1 rm}`: no command is written, but a value that splits may hold one.
  if (scan.next >= args.length) return askingOrNone(optionDoubt(scan));
  if (hasOption(scan, '-x', '--exec')) return argv(args, scan, 0);
  // Without -x, watch joins its operands with spaces and runs them with `sh -c`.
  const joined = joinedArg(args, scan.next);
  return script(joined, 'watch', optionDoubt(scan) ?? posixShellDoubt(joined.value, 'watch'));
}

function script(arg: Arg, by: string, forceAsk: string | null): Unwrapped {
  return { wrapper: true, commands: [], views: [], scripts: [{ arg, by }], forceAsk };
}

function evalLike(args: readonly Arg[]): Unwrapped {
  const start = args[1]?.value === '--' ? 2 : 1;
  if (start >= args.length) return NONE;
  return script(joinedArg(args, start), 'eval', null);
}

/** `source FILE` / `. FILE`: a file is judged by the command's text, standard input is not known. */
function sourced(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  const file = args[1]?.value === '--' ? args[2] : args[1];
  if (file === undefined) return NONE;
  if (file.dynamic !== null) return { ...NONE, forceAsk: `${name} runs a script only known at run time (${file.dynamic})` };
  const from = scriptSource(file);
  if (from === null) return NONE;
  if (from === 'fd') return { ...NONE, forceAsk: fdReason(name, file) };
  if (stdin !== null) return script(stdin, `${name} reading a heredoc`, null);
  return { ...NONE, forceAsk: `${name} reads its script from standard input` };
}

/**
 * `compgen -C CMD` runs CMD (with the words being completed after it), `compgen -W WORDS` expands
 * WORDS (running their substitutions) and `compgen -F f` calls a function; `complete` stores the
 * same for later completions, which only an interactive shell runs, so it is judged as later code.
 */
function completion(args: readonly Arg[], name: string): Unwrapped {
  const scan = scanOptions(args, 1, COMPLETION);
  const scripts: ScriptArg[] = [];
  const expanded: Arg[] = [];
  let forceAsk: string | null = null;
  for (const o of scan.options) {
    const value = o.value;
    if (value === null) continue;
    if (o.name === '-C') {
      scripts.push(name === 'complete' ? { arg: value, by: 'complete -C', later: true } : { arg: value, by: 'compgen -C' });
      // compgen runs CMD with words added (`compgen -C eval -- ';cmd'`); complete's runs later with the line typed.
      forceAsk ??= `${name} -C runs ${value.value} with words added to it, which are not judged with it`;
    }
    else if (o.name === '-W') expanded.push(value);
    else if (o.name === '-F' && name === 'compgen') forceAsk ??= `compgen -F runs the shell function ${value.value}, which may not be defined in this command`;
  }
  if (scan.dynamic) forceAsk ??= `${name} option is not static, so it may run a command`;
  if (scripts.length === 0 && expanded.length === 0 && forceAsk === null) return NONE;
  return { wrapper: false, commands: [], views: [], scripts, forceAsk, expanded };
}

/** `alias ll='ls -l'`: the value runs wherever the alias is used (with expand_aliases). */
function aliases(args: readonly Arg[]): Unwrapped {
  const scripts: ScriptArg[] = [];
  let forceAsk: string | null = null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const eq = a?.value.indexOf('=') ?? -1;
    // `alias "$x"` with x='ls=rm -rf y' defines an alias whose name and value are only known at
    // run time (audit 49, BN-1).
    if (a !== undefined && a.dynamic !== null && (eq < 0 || a.split)) forceAsk ??= `alias is given a word only known at run time (${a.dynamic}), which may define an alias`;
    if (a === undefined || eq <= 0) continue;
    scripts.push({ arg: { ...a, value: a.value.slice(eq + 1) }, by: 'alias', later: true });
    // bash expands an alias before it reads a reserved word (outside POSIX mode): `alias time=eval`
    // turns `time echo '; rm x'` into an eval, and this parser reads the keyword as a keyword.
    const name = a.value.slice(0, eq);
    if (RESERVED.has(name)) forceAsk ??= `alias ${name} redefines a reserved word, so bash reads the commands after it differently from how they are judged here`;
  }
  return scripts.length === 0 && forceAsk === null ? NONE : { ...NONE, scripts, forceAsk };
}

function trap(args: readonly Arg[]): Unwrapped {
  const start = args[1]?.value === '--' ? 2 : 1;
  const action = args[start];
  // `trap $(echo rm EXIT)`: one word that splits may be the action and its signals.
  if (args.slice(start).some((a) => a.split)) return { ...NONE, forceAsk: 'trap is given a word that splits at run time, which may be an action and its signals' };
  if (action === undefined || args.length - start < 2) return NONE;
  if (start === 1 && action.value.startsWith('-')) return NONE;
  if (action.dynamic === null && (action.value === '' || action.value === '-')) return NONE;
  return { wrapper: true, commands: [], views: [], scripts: [{ arg: action, by: 'trap', later: true }], forceAsk: null };
}

function shell(args: readonly Arg[], stdin: Arg | null, name: string): Unwrapped {
  let command = false;
  let fromStdin = false;
  let forceAsk: string | null = null;
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    // Quoted or not, a word built at run time could be `-c`.
    if (a.dynamic !== null && !command) forceAsk ??= `${name} option is not static`;
    const v = a.value;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      if (v === '--rcfile' || v === '--init-file') i++;
      if (v === '--interactive') forceAsk ??= `${name} --interactive: prompts and history expansion run code the script does not show`;
      continue;
    }
    const sign = v.charCodeAt(0);
    if (v.length < 2 || (sign !== 0x2d && sign !== 0x2b)) break;
    let values = 0;
    for (let j = 1; j < v.length; j++) {
      const ch = v.charCodeAt(j);
      if (ch === 0x63 && sign === 0x2d) command = true; // c
      else if (ch === 0x73 && sign === 0x2d) fromStdin = true; // s
      // An interactive shell expands PS0/PS1/PS2 and PROMPT_COMMAND around every line and expands
      // history (`!:1-$` rebuilds an earlier line): what runs is not what the lines show.
      else if (ch === 0x69 && sign === 0x2d) forceAsk ??= `${name} -i is interactive: prompts and history expansion run code the script does not show`;
      // -k (and -H) make the script's words run in ways its text does not show, as `set -k` does.
      else if ((ch === 0x6b || ch === 0x48) && sign === 0x2d) forceAsk ??= `${name} -${String.fromCharCode(ch)} makes later words run as commands (keyword assignments or history expansion)`;
      else if (ch === 0x6f || ch === 0x4f) {
        // o, O take the next word
        const option = args[i + 1 + values];
        if (sign === 0x2d && option !== undefined && /^(?:keyword|histexpand|history)$/.test(option.value)) {
          forceAsk ??= `${name} -o ${option.value} makes later words run as commands`;
        }
        // zsh's options change its grammar in ways not modelled here (`-o extendedglob`, `+o equals`).
        if (name === 'zsh') forceAsk ??= `zsh ${v} ${option?.value ?? ''} sets an option that changes how zsh reads the script`;
        // dotglob is not carried into the script's own walk: its globs may name dot files (`.env`).
        if (sign === 0x2d && ch === 0x4f && option !== undefined && (option.dynamic !== null || option.value === 'dotglob')) {
          forceAsk ??= `${name} -O ${option.value} lets the script's globs name files whose names start with a dot`;
        }
        values++;
      }
    }
    i += values;
  }
  const operand = args[i];
  if (command) {
    if (operand === undefined) return NONE;
    return script(name === 'zsh' ? asZshRunsIt(operand) : operand, `${name} -c`, forceAsk ?? posixDoubt(name, operand, `${name} -c`));
  }
  const from = operand === undefined ? null : scriptSource(operand);
  if (from === 'stdin') fromStdin = true;
  else if (from === 'fd' && operand !== undefined) forceAsk ??= fdReason(name, operand);
  // `bash <<'EOF' … EOF` and `bash <<< '…'` run the heredoc or here-string as a script.
  if (i >= args.length || fromStdin) {
    if (stdin !== null) return script(name === 'zsh' ? asZshRunsIt(stdin) : stdin, `${name} reading a heredoc`, forceAsk ?? posixDoubt(name, stdin, `${name} reading a heredoc`) ?? stdinScriptDoubt(name, stdin));
    // `… | sh`: the script comes from a pipe or the terminal, so what it runs is unknown.
    forceAsk ??= `${name} reads its script from standard input`;
  }
  return forceAsk === null ? NONE : { ...NONE, forceAsk };
}

/** Shells that read a script as POSIX sh does, not as bash does (see posix.ts). */
const POSIX_SHELLS = new Set(['sh', 'dash', 'ash']);

function posixDoubt(name: string, text: Arg, runner: string): string | null {
  if (name === 'zsh') return zshSyntaxDoubt(text.value, runner);
  if (name === 'ksh' || name === 'mksh') return kshShellDoubt(text.value, runner);
  return POSIX_SHELLS.has(name) ? posixShellDoubt(text.value, runner) : null;
}

function fdReason(name: string, file: Arg): string {
  return `${name} runs the script it reads from ${file.value}, an open file descriptor whose text is not known here`;
}

/** find primaries whose next word is their value (a name, a time, a path), never a primary. */
const FIND_VALUE = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type',
  '-xtype', '-size', '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-perm',
  '-user', '-group', '-uid', '-gid', '-links', '-inum', '-samefile', '-maxdepth', '-mindepth', '-used', '-fstype',
  '-context', '-printf', '-fprint', '-fprint0', '-fls', '-regextype', '-files0-from',
]);

/** find primaries that write the file named next (`-fprintf FILE FORMAT`). */
const FIND_WRITES = new Set(['-fprint', '-fprint0', '-fls', '-fprintf']);

const FIND_PLACEHOLDER = /\{\}/;

/**
 * Why a command run for each file found is only known at run time: `-exec {} …` runs each file,
 * `-exec sh -c {}` runs each file's name as a script. Null when the file only fills in operands.
 */
function foundWordsReason(inner: readonly Arg[], placeholder: RegExp, by: string): string | null {
  const why = runtimeWordsReason(inner.map((w) => (placeholder.test(w.value) ? { ...w, dynamic: w.dynamic ?? 'a file found' } : w)));
  return why === null ? null : `${by} fills in each file it finds (${why})`;
}

/** `fd -x CMD…` and `rg --pre CMD`: each command is its own part, as find -exec's is. */
function searchTool(args: readonly Arg[], name: string): Unwrapped {
  const found = searchRuns(args, name);
  let forceAsk = found.doubt;
  for (const inner of found.commands) forceAsk ??= foundWordsReason(inner, FD_PLACEHOLDER, name);
  if (found.commands.length === 0) return askingOrNone(forceAsk);
  return { wrapper: false, commands: found.commands, views: [], scripts: [], forceAsk };
}

function find(args: readonly Arg[]): Unwrapped {
  let commands: Arg[][] | null = null;
  let forceAsk: string | null = null;
  let inFoundFolder: string | null = null;
  const writes: Array<{ file: Arg; option: string }> = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const v = a?.value;
    // `-fprint FILE` and its kin write FILE, as a redirection would; `-delete` removes what it finds.
    const file = FIND_WRITES.has(v ?? '') ? args[i + 1] : undefined;
    if (file !== undefined) {
      writes.push({ file, option: `find ${v ?? ''}` });
      i += v === '-fprintf' ? 2 : 1;
      continue;
    }
    if (v === '-delete') forceAsk ??= 'find -delete removes every file it finds, which is not judged path by path';
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') {
      // A word built at run time could be `-exec` itself, unless it is a primary's value.
      if (a?.dynamic != null && (a.split || !FIND_VALUE.has(args[i - 1]?.value ?? ''))) forceAsk ??= 'find expression word is not static, so it may start a command';
      continue;
    }
    let j = i + 1;
    for (; j < args.length; j++) {
      const w = args[j]?.value;
      if (w === ';' || (w === '+' && args[j - 1]?.value === '{}')) break;
    }
    if (j > i + 1) {
      if (v === '-execdir' || v === '-okdir') inFoundFolder ??= v;
      const inner = args.slice(i + 1, j);
      forceAsk ??= foundWordsReason(inner, FIND_PLACEHOLDER, `find ${v}`);
      (commands ??= []).push(inner);
    }
    i = j;
  }
  // find does work of its own (-delete, -fprint), so it stays a full part, not a wrapper.
  if (commands === null && writes.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  const u: Unwrapped = { wrapper: false, commands: commands ?? [], views: [], scripts: [], forceAsk };
  if (writes.length > 0) u.writes = writes;
  if (inFoundFolder !== null) u.folderDoubt = `find ${inFoundFolder} runs its command in the folder of each file it finds, so where its redirections write is not known`;
  return u;
}

/** The variable a `NAME=value` word sets for sudo, which takes any such word not starting with `/`. */
function sudoAssignment(value: string): string | null {
  const eq = value.indexOf('=');
  return eq > 0 && !value.startsWith('/') ? value.slice(0, eq) : null;
}

function sudoLike(args: readonly Arg[], spec: OptionSpec, name: string, stdin: Stdin): Unwrapped {
  const reading = sudoReading(args, spec, name, stdin);
  // `sudo -h HOST CMD`: sudo before 1.9.17p1 took HOST as the host to act for and ran CMD here
  // (CVE-2025-32462), so CMD is a command of sudo's as well (audit 36, AC-2).
  const help = name === 'sudo' ? args.findIndex((a, k) => k > 0 && a.dynamic === null && a.value === '-h') : -1;
  if (help < 0 || args[help + 2] === undefined || help >= scanOptions(args, 1, spec).next) return reading;
  const hosted = sudoLike([...args.slice(0, help), ...args.slice(help + 2)], spec, name, stdin);
  return {
    ...reading,
    commands: [...reading.commands, ...hosted.commands],
    views: [...reading.views, ...hosted.views],
    scripts: [...reading.scripts, ...hosted.scripts],
    forceAsk: reading.forceAsk ?? hosted.forceAsk,
    writes: [...reading.writes ?? [], ...hosted.writes ?? []],
  };
}

function sudoReading(args: readonly Arg[], spec: OptionSpec, name: string, stdin: Stdin): Unwrapped {
  let scan = scanOptions(args, 1, spec);
  let forceAsk = optionDoubt(scan);
  let edit = hasOption(scan, '-e', '--edit');
  let shellOption = startsShell(scan);
  let info = sudoInfo(scan);
  let moves = sudoMoves(scan, name);
  let i = scan.next;
  // sudo reads VAR=value words among its options, and options again after them.
  for (let a = args[i]; a !== undefined; a = args[i]) {
    const set = sudoAssignment(a.value);
    if (set === null) break;
    if (isDangerousName(set)) forceAsk ??= dangerReason(set);
    scan = scanOptions(args, i + 1, spec);
    forceAsk ??= optionDoubt(scan);
    edit ||= hasOption(scan, '-e', '--edit');
    shellOption ??= startsShell(scan);
    info ||= sudoInfo(scan);
    moves ??= sudoMoves(scan, name);
    i = scan.next;
  }
  // sudoedit edits files; it runs no command.
  if (name === 'sudo' && edit) {
    // It writes each file it edits (audit 36, AC-11).
    const writes = args.slice(i).filter((a) => a.dynamic !== null || !a.value.startsWith('-')).map((file) => ({ file, option: 'sudo -e' }));
    return forceAsk === null ? { ...NONE, writes } : { ...NONE, forceAsk, writes };
  }
  if (i >= args.length) {
    // `sudo -s`, `sudo -i`, `doas -s` with no command start the user's shell on standard input.
    if (shellOption !== null && !info) return userShell(stdin, `${name} ${shellOption}`, forceAsk, moves);
    return forceAsk === null ? NONE : { ...NONE, forceAsk };
  }
  const u: Unwrapped = { wrapper: false, commands: [], views: [args.slice(i)], scripts: [], forceAsk };
  if (shellOption !== null) {
    // `sudo -s CMD` runs `$SHELL -c CMD`, and that shell may be zsh.
    const zsh = zshCommandWords(args.slice(i));
    u.forceAsk ??= zsh.doubt;
    if (zsh.runs !== null && zsh.runs.length > 0) u.views.push(zsh.runs);
  }
  if (moves !== null) u.folderDoubt = moves;
  return u;
}

/** `sudo -D DIR` and `sudo -i` (a login shell starts in the user's home) run the command elsewhere. */
function sudoMoves(scan: OptionScan, name: string): string | null {
  if (name !== 'sudo') return null;
  if (hasOption(scan, '-D', '--chdir')) return 'sudo -D runs the command in another folder, so where its redirections write is not known';
  if (hasOption(scan, '-i', '--login')) return "sudo -i runs the command in the user's home folder, so where its redirections write is not known";
  return null;
}

function su(args: readonly Arg[], stdin: Stdin): Unwrapped {
  const scan = scanOptions(args, 1, SU);
  let command = optionValue(scan, '-c', '--command', '--session-command');
  const optionCommand = command !== null;
  if (command === null) {
    // After `--`, su hands the words after the user to the shell: `su root -- -c CMD` runs CMD.
    const at = scan.operands.findIndex((o) => /^-[A-Za-z]*c$/.test(o.value));
    command = at < 0 ? null : scan.operands[at + 1] ?? null;
  }
  // `su -s PROGRAM USER ARGS…` runs PROGRAM [-f] [-c CMD] ARGS… instead of the user's shell, and
  // as root any program is accepted (`su -s /bin/rm root -- -rf ~`).
  const program = optionValue(scan, '-s', '--shell');
  const views: Arg[][] = [];
  if (program !== null) {
    const word = (value: string): Arg => ({ value, dynamic: null, split: false, pos: -1, end: -1 });
    const fast = hasOption(scan, '-f', '--fast') ? [word('-f')] : [];
    // A `-c CMD` after `--` is among the operands already.
    const run = optionCommand && command !== null ? [word('-c'), command] : [];
    views.push([program, ...fast, ...run, ...scan.operands.slice(1)]);
  }
  const login = hasOption(scan, '-', '-l', '--login');
  if (command === null && views.length === 0) {
    // `su [-] [USER]` starts the user's shell on standard input; words after the user go to that
    // shell (`su root script.sh`, `su root -- -s`), which is not modelled.
    if (scan.operands.length > 1) return askingOrNone(optionDoubt(scan) ?? "su hands the words after the user to the user's shell, which is not known here");
    // `su $(echo -c rm root)`: a word only known at run time may be `-c` and its command.
    return userShell(stdin, login ? 'su -l' : 'su', optionDoubt(scan), login ? SU_LOGIN : null);
  }
  const scripts: ScriptArg[] = command === null ? [] : [{ arg: command, by: 'su -c', userShell: true }];
  // The user's shell may be dash (Debian's useradd gives /bin/sh), as for runuser -c (audit 41, AR-6).
  const userDoubt = command !== null && program === null ? posixShellDoubt(command.value, 'su -c') : null;
  const u: Unwrapped = { wrapper: false, commands: [], views, scripts, forceAsk: optionDoubt(scan) ?? userDoubt };
  // `su -`/`su -l` start a login shell, which starts in the user's home folder.
  if (login) u.folderDoubt = SU_LOGIN;
  return u;
}

const SU_LOGIN = "su -l runs the command in the user's home folder, so where its redirections write is not known";

function execLike(args: readonly Arg[], start: number): Unwrapped {
  const scan = scanOptions(args, start, EXEC_LIKE);
  const call = optionValue(scan, '-c', '--call');
  const by = `${args[0]?.value ?? 'npx'} -c`;
  // npm runs the -c script with its script-shell, sh by default.
  const forceAsk = optionDoubt(scan) ?? (call === null ? null : posixShellDoubt(call.value, by));
  const scripts = call === null ? [] : [{ arg: call, by }];
  const views = scan.next < args.length ? [args.slice(scan.next)] : [];
  if (scripts.length === 0 && views.length === 0) return askingOrNone(forceAsk);
  return { wrapper: false, commands: [], views, scripts, forceAsk };
}
