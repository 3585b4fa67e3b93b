// Commands outside SPEC 5.4's wrapper list that still make other text run: shell options that
// turn later words into code (`set -k`, history expansion), `jobs -x`, npm sub-commands that store
// or run scripts, system runners (chroot, flock, strace…) whose option tables are not modelled,
// and compiler launchers (ccache, distcc), which wrap the command after them.
import { askingOrNone, NO_RUNS as NONE, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import { npmRunningSetting } from './npm.ts';
import { posixShellDoubt } from './posix.ts';
import { tmuxFormatJobs } from './tmux-formats.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/**
 * util-linux installs setarch under each personality it knows (`x86_64 CMD` is `setarch x86_64
 * CMD`), and the host's own machine name is one more.
 */
const SETARCH_PERSONALITIES = [
  'uname26', 'i386', 'i486', 'i586', 'i686', 'athlon', 'x86_64', 'ia64', 'ppc', 'ppc32', 'ppcle', 'ppc32le', 'ppc64', 'ppc64le',
  'ppc64pseries', 'ppc64iseries', 'powerpc', 'powerpc64', 's390', 's390x', 'sparc', 'sparc32', 'sparc32bash', 'sparc64', 'mips',
  'mips32', 'mips64', 'parisc', 'parisc32', 'parisc64', 'alpha', 'alphaev5', 'alphaev56', 'alphaev6', 'alphaev67', 'arm', 'armh',
  'armv7l', 'armv8l', 'armv8b', 'aarch64', 'aarch64_be', 'arm64', 'loongarch', 'loongarch64', 'riscv32', 'riscv64', 'e2k',
];

/** `set -o NAME` / `shopt -o NAME` options that make later text run. */
const RISKY_LONG = new Set(['keyword', 'histexpand', 'history']);

/**
 * `set -k` (keyword) exports `NAME=value` words anywhere in argv, so `git commit GIT_EDITOR='rm y'`
 * runs rm; `set -H` with history on lets a later `!!` or `!:1-2` re-run earlier text. Neither is
 * visible in the later command's own words, so setting them is a question.
 */
export function setOptions(args: readonly Arg[], name: string): Unwrapped {
  const shopt = name === 'shopt';
  // How many option names the words ahead are: one per `o` of a cluster (`set -oo pipefail
  // keyword` sets both, audit 39, AL-4).
  let longNext = 0;
  // After `+o`, the name of an option switched off: not set's first operand (audit 38, AI-2).
  let offNext = 0;
  let shoptO = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    if (a.dynamic !== null) {
      // `set "$opt"` could be `-k` (set's words after `--` or an operand are positional, and the
      // loop has returned by then); for shopt only an option word or a `-o` name matters.
      if (!shopt || longNext > 0 || shoptO || v.startsWith('-') || a.split) return ask(name, `an option only known at run time (${a.dynamic})`);
      continue;
    }
    // bash takes a word starting `-` or `+` after `-o`/`+o` as more options, not as a name:
    // `set -o -H` prints the options and sets -H.
    const optionWord = !shopt && v.length > 1 && (v.charCodeAt(0) === 0x2d || v.charCodeAt(0) === 0x2b) && v !== '--';
    if (offNext > 0 && !optionWord) {
      offNext--;
      continue;
    }
    offNext = 0;
    if ((longNext > 0 && !optionWord) || (shopt && shoptO && !v.startsWith('-'))) {
      if (RISKY_LONG.has(v)) return ask(name, `-o ${v}`);
      if (longNext > 0) longNext--;
      continue;
    }
    longNext = 0;
    if (v === '--' || v === '-') {
      if (shopt) continue;
      return NONE;
    }
    if (v.length < 2 || v.charCodeAt(0) !== 0x2d) {
      // set's first operand ends its options; shopt's operands are option names.
      if (!shopt) {
        if (v.charCodeAt(0) !== 0x2b) return NONE;
        offNext += v.split('o').length - 1;
        continue;
      }
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j];
      if (ch === 'o') {
        if (shopt) shoptO = true;
        else longNext++;
      } else if (!shopt && (ch === 'k' || ch === 'H')) {
        return ask(name, `-${ch}`);
      }
    }
  }
  return NONE;
}

function ask(name: string, what: string): Unwrapped {
  return { ...NONE, forceAsk: `${name} ${what} makes later words run as commands (keyword assignments or history expansion), which is not followed here` };
}

/** `jobs -x CMD ARGS` runs CMD with job specs in ARGS replaced by process group ids. */
export function jobs(args: readonly Arg[]): Unwrapped {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.dynamic !== null) return { ...NONE, forceAsk: 'jobs option only known at run time, so it may be -x, which runs a command' };
    const v = a.value;
    if (v === '--' || v.length < 2 || v.charCodeAt(0) !== 0x2d) return NONE;
    if (v.includes('x')) return i + 1 < args.length ? { wrapper: true, commands: [args.slice(i + 1)], views: [], scripts: [], forceAsk: null } : NONE;
  }
  return NONE;
}

/**
 * Programs that run their operands as a command after options agent-gate does not model. Every
 * suffix of the arguments is a tightening view (as sudo's command is), so `flock LOCK rm y` meets
 * `rm *`; their `-c`/`--command` value is a shell script.
 */
export const LOOSE_RUNNERS = new Set([
  'chroot', 'flock', 'ionice', 'taskset', 'chrt', 'prlimit', 'setpriv', 'unshare', 'runuser', 'script', 'strace', 'ltrace',
  'nsenter', 'systemd-run', 'firejail', 'bwrap', 'proot', 'sg', 'newgrp', 'cgexec', 'numactl', 'faketime', 'fakeroot',
  'torsocks', 'proxychains', 'proxychains4', 'catchsegv', 'valgrind', 'setarch', 'linux32', 'linux64', 'systemd-nspawn',
  'choom', 'uclampset', 'perf', 'start-stop-daemon', 'gdb', 'run-parts',
  'ssh-agent', 'dbus-run-session', 'dbus-launch', 'capsh', 'xvfb-run', 'eatmydata', 'rlwrap', 'sshpass', 'gosu',
  'su-exec', 'tini', 'dumb-init', 'chpst', 'envdir', 'runcon', 'aa-exec', 'daemonize', 'mpirun', 'mpiexec', 'srun',
  'screen', 'tmux', 'hyperfine', 'direnv', 'mise', 'asdf', 'nix-shell', 'devbox',
  // Language tools whose `run`/`exec` runs any command: uv run, poetry run, bundle exec …
  'uv', 'uvx', 'poetry', 'pipenv', 'conda', 'mamba', 'micromamba', 'pdm', 'hatch', 'bundle', 'rye', 'pixi',
  // Node tools usually reached through npx.
  'cross-env', 'dotenv', 'env-cmd', 'concurrently', 'nodemon',
  // More programs that run their operands: `cmake -E env|time|chdir`, corepack in front of npm,
  // file watchers, secret injectors (`doppler run --`, `op run --`), terminals (`xterm -e`).
  'cmake', 'corepack', 'entr', 'pee', 'cpulimit', 'watchexec', 'unbuffer', 'aws-vault', 'doppler', 'op', 'dotenvx', 'sops', 'xterm',
  // Audit Y-3: version managers' `exec`/`run` (`pyenv exec rm …`), moreutils and GNU parallel,
  // macOS launchers (`arch -x86_64 npm i`), and more sandboxes and privilege changers.
  'pyenv', 'rbenv', 'nodenv', 'goenv', 'jenv', 'plenv', 'fnm', 'volta', 'chronic', 'ifne', 'lckdo', 'parallel', 'sem',
  'arch', 'caffeinate', 'xcrun', 'sandbox-exec', 'timelimit', 'systemd-inhibit', 'nsjail', 'scl', 'vagrant',
  'lxc-attach', 'lxc-execute', 'pkexec', 'flatpak-spawn', 'toolbox', 'distrobox', 'distrobox-enter', 'retry', 'nq',
  // Audit AA-5: Node runners that hand each command to a shell (`concurrently 'a' 'b; c'`).
  'conc', 'cross-env-shell',
  // Audit 36, AC-8: the dynamic loader, e2fsprogs' logsave, Ubuntu's run-one family, user-mode
  // qemu, and multi-call coreutils (`coreutils rm y`).
  'ld.so', 'logsave', 'run-one', 'run-this-one', 'keep-one-running', 'run-one-constantly', 'run-one-until-success',
  'run-one-until-failure', 'qemu-x86_64', 'qemu-aarch64', 'qemu-arm', 'qemu-i386', 'qemu-riscv64', 'coreutils',
  // Audit JJ-5: sudo's siblings (systemd's run0, please, ksu, the graphical ones), chroots and
  // containers, daemontools/s6/runit-style chain loaders, I/O and cache limiters, terminal
  // emulators and session managers that run a command, agents that start one.
  'run0', 'please', 'ksu', 'gksu', 'gksudo', 'kdesu', 'kdesudo', 'lxsudo', 'lxqt-sudo', 'beesu', 'pfexec', 'calife',
  'machinectl', 'schroot', 'dchroot', 'arch-chroot', 'fakechroot', 'fakeroot-ng', 'pseudo', 'nocache', 'trickle',
  'schedtool', 'setuidgid', 'envuidgid', 'setlock', 'softlimit', 'pgrphack', 'fghack', 'with-contenv', 'tcpserver', 'tcpsvd',
  's6-setuidgid', 's6-envuidgid', 's6-applyuidgid', 's6-envdir', 's6-softlimit', 's6-setlock', 's6-setsid', 's6-fghack',
  's6-notifyoncheck', 'gpg-agent', 'flatpak', 'dtach', 'abduco', 'zellij', 'byobu', 'byobu-tmux', 'lldb', 'pm2', 'forever',
  'konsole', 'gnome-terminal', 'mate-terminal', 'xfce4-terminal', 'lxterminal', 'qterminal', 'terminator', 'tilix', 'alacritty',
  'kitty', 'foot', 'footclient', 'wezterm', 'x-terminal-emulator', 'urxvt', 'rxvt', 'st', 'sakura', 'termite', 'kgx', 'ptyxis',
  'guake', 'tilda', 'cool-retro-term', 'ghostty', 'rio', 'contour', 'hyper',
  // Audit QQ-6: systemd's, util-linux's and debconf's runners.
  'systemd-cat', 'systemd-socket-activate', 'enosys', 'setpgid', 'debconf-apt-progress',
  // Audit 40, AN-1: libtool runs the command of its modes (`libtool --mode=execute CMD`, `libtool
  // link gcc …`); Homebrew names it glibtool.
  'libtool', 'glibtool',
  // Audit 44's leftover: more secret injectors and environment runners (`infisical run --`,
  // `chamber exec SVC --`, `envchain NS CMD`, `flox activate --`, `teller run --`, `summon`,
  // `berglas exec --`, `bws run --`), and `tox exec --`, `nx exec --`, `railway run`, `heroku local:run`.
  'infisical', 'chamber', 'envchain', 'flox', 'teller', 'summon', 'berglas', 'bws', 'secrethub', 'tox', 'nx', 'railway', 'heroku',
  ...SETARCH_PERSONALITIES,
]);
/** tmux and its front ends: the first word is a tmux sub-command, the rest may be command lines. */
const TMUX_LIKE = new Set(['tmux', 'byobu', 'byobu-tmux']);
/**
 * Debugger options whose value is debugger commands (gdb's `shell CMD`, `!CMD`, `pipe`; lldb's
 * `platform shell CMD`, `script`) or a file of them.
 */
const DEBUGGER_COMMANDS: Readonly<Record<string, RegExp>> = lookupTable({
  gdb: /^--?(?:ex|iex|x|ix|eval-command|init-eval-command|command|init-command)(?:=|$)/,
  lldb: /^(?:-[oOsSkK]|--(?:one-line|source|one-line-before-file|source-before-file|one-line-on-crash|source-on-crash|source-quietly)(?:=|$))/,
});
/**
 * Those whose `-c`/`--command` value is a shell command line (kdesu's; ksu's `-c` names a
 * credential cache, but reading it as a command only adds a part to judge).
 */
const COMMAND_OPTION = new Set(['script', 'runuser', 'flock', 'sg', 'firejail', 'vagrant', 'kdesu', 'kdesudo', 'ksu']);
/** Bounds the views of a long argument list: past it the command is a question. */
const MAX_SUFFIXES = 32;
/**
 * Options of these runners that name the folder the command runs in (`unshare --wd=DIR`,
 * `tmux new -c DIR`, `systemd-run --working-directory`, `uv run --directory`, `srun -D`).
 */
const FOLDER_OPTION = /^(?:--(?:wd|chdir|cwd|dir|directory|working-directory|project)(?:=|$)|-wdir$|-[wCD](?:$|[^-]))/;
/**
 * Runners that run an argument as a shell command line (`tmux new 'a; b'`, `hyperfine 'a; b'`,
 * `sg GROUP 'a; b'`, `pee 'a' 'b; c'`, `concurrently 'a' 'b; c'`, `watchexec 'a; b'`, and
 * `entr -s 'a; b'`): one that reads as a command line is parsed as a script.
 */
const COMMAND_LINE_ARGS = new Set([
  ...TMUX_LIKE, 'hyperfine', 'nix-shell', 'parallel', 'sem', 'scl', 'sg', 'pee', 'concurrently', 'conc', 'cross-env-shell', 'watchexec',
  // They hand a command given as one string to a shell or split it into words (`gksudo 'rm x'`,
  // `gnome-terminal -e 'rm x'`, `pm2 start 'rm x'`): read as a command line either way.
  'gksu', 'gksudo', 'kdesu', 'kdesudo', 'beesu', 'mate-terminal', 'xfce4-terminal', 'lxterminal', 'terminator', 'termite',
  'tilix', 'guake', 'tilda', 'sakura', 'pm2', 'forever',
]);
/** Options whose value is a shell command line (`nodemon --exec 'a; b'`, `doppler run --command 'a; b'`). */
const SCRIPT_OPTIONS: Readonly<Record<string, RegExp>> = lookupTable({ nodemon: /^(?:--exec|-x)$/, doppler: /^--command$/, infisical: /^--command$/ });
/** Options whose value is the program run with the words after the application (`flatpak run --command=rm APP x`). */
const PROGRAM_OPTIONS: Readonly<Record<string, RegExp>> = lookupTable({ flatpak: /^--command$/ });
/** An argument that reads as a command line: it holds a blank or a shell operator. */
const LOOKS_LIKE_COMMAND_LINE = /[\s;&|<>()`$]/;


/**
 * `cmake -E` commands that are cp, mv, rm and mkdir (`copy_directory` copies what the folder
 * holds, which `cp -r` judges as a write of the destination and below it).
 */
const CMAKE_FILE_TOOLS: Readonly<Record<string, readonly string[]>> = lookupTable({
  copy: ['cp'], copy_if_different: ['cp'], copy_if_newer: ['cp'], copy_directory: ['cp', '-r'], copy_directory_if_different: ['cp', '-r'],
  rename: ['mv'], remove: ['rm'], remove_directory: ['rm', '-r'], make_directory: ['mkdir', '-p'],
});

/** Runners whose `run`/`exec` sub-command takes the command after its options. */
const RUN_SUBCOMMANDS = new Set(['uv', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye', 'pixi', 'bundle', 'conda', 'mamba', 'micromamba']);

/**
 * Where the command starts at the latest for `uv run [options] CMD …` and its kin (`uvx [options]
 * CMD`): the first static word after `run`/`exec` that is neither an option nor a word an option
 * may take as its value. Null when a word only known at run time comes first.
 */
function runCommandIndex(args: readonly Arg[], name: string): number | null {
  let from: number;
  if (name === 'uvx') from = 1;
  else if (RUN_SUBCOMMANDS.has(name)) {
    // Only as the first word: after a global option (`uv --cache-dir run run …`) it may be a value.
    const sub = args[1];
    if (sub === undefined || sub.dynamic !== null || (sub.value !== 'run' && sub.value !== 'exec')) return null;
    from = 2;
  } else return null;
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) return null;
    if (a.value === '--') return i + 1 < args.length ? i + 1 : null;
    if (a.value.startsWith('-')) {
      // The next word may be this option's value: taken as one, so the command starts no earlier
      // than read here, and anything only known at run time before it still asks.
      if (!a.value.includes('=')) i++;
      continue;
    }
    return i;
  }
  return null;
}

/** nix's sub-commands that take `-c`/`--command CMD ARGS…` (`nix env shell` is nix shell's newer name). */
const NIX_SHELLS = new Set(['develop', 'shell']);

/**
 * `nix develop -c CMD ARGS…` and `nix shell INSTALLABLES… -c CMD ARGS…` run CMD with the words
 * after it, as nix-shell's `--run` does. Each word after a `-c`/`--command` is read as a start of
 * the command, since one of nix's option values could be spelled `-c` too (views only tighten).
 */
export function nixRuns(args: readonly Arg[]): Unwrapped {
  let verb = false;
  const views: Arg[][] = [];
  let forceAsk: string | null = null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    // Before a command starts, a word only known at run time may be the sub-command or `-c`, and
    // one that splits may hold both and the command.
    const start = a.value === '-c' || a.value === '--command' || (a.dynamic !== null && views.length === 0);
    if (a.dynamic !== null && a.split && views.length === 0) forceAsk ??= `nix is given a word that splits at run time (${a.dynamic}) where its sub-command or -c may stand`;
    if (verb && start && i + 1 < args.length) {
      if (views.length === MAX_SUFFIXES) {
        forceAsk ??= 'nix has too many -c words to judge each possible command after them';
        break;
      }
      views.push(args.slice(i + 1));
    }
    if (a.dynamic !== null || NIX_SHELLS.has(a.value)) verb = true;
  }
  return views.length === 0 && forceAsk === null ? NONE : { wrapper: false, commands: [], views, scripts: [], forceAsk };
}

/**
 * Compiler launchers (`CC="ccache gcc"`, CMake's `*_COMPILER_LAUNCHER`): `ccache CMD ARGS…` runs
 * CMD ARGS… as it stands when it cannot cache it, whatever CMD is, so CMD is judged as the command.
 */
export const LAUNCHERS = new Set(['ccache', 'distcc', 'sccache', 'icecc', 'icerun']);
/** What distcc and icecc do alone, with no compiler (`distcc --show-hosts`, `icecc --build-native`). */
const LAUNCHER_ONLY = /^(?:--help|--version|--show-hosts|-j|--scan-avail|--show-principal|--build-native)$/;
/** A source or object file first: distcc then compiles it with `cc`. */
const COMPILER_INPUT = /\.(?:[cisSCmo]|cc|cp|cpp|cxx|c\+\+|ii|mm|mi|mii)$/;
/** ccache settings that name a program it runs (`prefix_command=rm`, `compiler=sh`, a compiler_check command). */
const CCACHE_RUNNING_KEY = /^(?:compiler|compiler_check|prefix_command|prefix_command_cpp)=/;
/** sccache options that take a value (`--stats-format json`), so it is not read as the command. */
const SCCACHE_VALUED = new Set(['--stats-format', '--package-toolchain']);
const CC: Arg = { value: 'cc', dynamic: null, split: false, pos: -1, end: -1 };

/** The command a launcher runs, judged as the command itself (a transparent wrapper). */
export function launcherRuns(args: readonly Arg[], name: string): Unwrapped {
  const first = args[1];
  if (first === undefined) return NONE;
  const optionFirst = first.dynamic === null && first.value.startsWith('-');
  if (name === 'ccache') {
    // An option first makes ccache its own tool (`ccache -s`, `-M 5G`): it runs no command then,
    // but a setting it stores runs on later compilations.
    if (optionFirst) return askingOrNone(ccacheSetting(args.slice(1)));
    // `ccache KEY=VALUE … CMD` sets ccache settings for this run first.
    let at = 1;
    while (args[at]?.dynamic === null && /^[a-z_]+=/.test(args[at]?.value ?? '')) at++;
    return launched(args.slice(at), ccacheSetting(args.slice(1, at)));
  }
  if (name === 'sccache') {
    let at = 1;
    for (let a = args[at]; a !== undefined && a.dynamic === null && a.value.startsWith('-'); a = args[at]) {
      at += a.value === '--package-toolchain' ? 3 : SCCACHE_VALUED.has(a.value) ? 2 : 1;
    }
    return launched(args.slice(at), null);
  }
  if (optionFirst && LAUNCHER_ONLY.test(first.value)) return NONE;
  // `distcc -c a.c -o x`, `distcc a.c`: with no compiler named, distcc runs `cc` with the words.
  if (name !== 'icerun' && first.dynamic === null && (optionFirst || COMPILER_INPUT.test(first.value))) return launched([CC, ...args.slice(1)], null);
  return launched(args.slice(1), null);
}

function launched(command: Arg[], forceAsk: string | null): Unwrapped {
  if (command.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  return { wrapper: true, commands: [command], views: [], scripts: [], forceAsk };
}

/** Why ccache's settings among `words` (`KEY=VALUE`, `-o KEY=VALUE`, `--set-config=KEY=VALUE`) may run a program, or null. */
function ccacheSetting(words: readonly Arg[]): string | null {
  for (const w of words) {
    if (w.dynamic !== null) return `ccache is given a word only known at run time (${w.dynamic}), which may be a setting that names a program it runs`;
    const setting = w.value.replace(/^(?:-[a-zA-Z]*o|--se[a-z-]*=)/, '');
    if (CCACHE_RUNNING_KEY.test(setting)) return `ccache setting ${setting.slice(0, setting.indexOf('='))} names a program ccache runs`;
  }
  return null;
}

export function looseRunner(args: readonly Arg[], name: string): Unwrapped {
  const views: Arg[][] = [];
  const scripts: ScriptArg[] = [];
  let forceAsk: string | null = null;
  if (args.length > MAX_SUFFIXES) forceAsk = `${name} has too many arguments to judge each possible command in them`;
  if (name === 'run-parts' && !args.some((a) => a.dynamic === null && /^--(?:test|list)$/.test(a.value))) {
    forceAsk ??= 'run-parts runs every program in a folder, which is not known here';
  }
  let folderDoubt: string | undefined;
  const commandAt = runCommandIndex(args, name);
  // GNU parallel's command stops at its argument lists (`parallel gzip ::: a b`).
  const sources = name === 'parallel' || name === 'sem' ? args.findIndex((a) => /^:{3,4}\+?$/.test(a.value)) : -1;
  const commandEnd = sources < 0 ? args.length : sources;
  const commandLines = COMMAND_LINE_ARGS.has(name) || (name === 'entr' && args.some((a) => /^-[a-zA-Z]*s/.test(a.value)));
  for (let i = 1; i < args.length && i <= MAX_SUFFIXES; i++) {
    const a = args[i];
    if (a === undefined) continue;
    // Which word starts the command is not modelled, so any word only known at run time may be it;
    // past a known command word (`uv run pytest "$f"`) it is only an argument.
    if (a.dynamic !== null && (commandAt === null || i < commandAt)) forceAsk ??= `${name} runs a command from its arguments, and ${a.value === '' ? 'one' : a.value} is only known at run time (${a.dynamic})`;
    // Past the command word, suffixes are its arguments, not commands (`uv run pytest -k "$x"`).
    if ((commandAt === null || i <= commandAt) && i < commandEnd) views.push(args.slice(i, commandEnd));
    // `-c` of the COMMAND_OPTION runners is their command, not a folder.
    if ((FOLDER_OPTION.test(a.value) || (TMUX_LIKE.has(name) && /^-c/.test(a.value)) || (name === 'cmake' && a.value === 'chdir')) &&
      !(COMMAND_OPTION.has(name) && /^-c/.test(a.value))) {
      folderDoubt ??= `${name} ${a.value.split('=')[0]} runs the command in another folder, so where its redirections write is not known`;
    }
    // tmux's first word is its own sub-command (`new`, `run-shell`).
    if (commandLines && (!TMUX_LIKE.has(name) || i > 1) && LOOKS_LIKE_COMMAND_LINE.test(a.value)) {
      // tmux runs its commands with its default-shell, the user's.
      scripts.push(TMUX_LIKE.has(name) ? { arg: a, by: name, userShell: true } : { arg: a, by: name });
      forceAsk ??= posixShellDoubt(a.value, name);
    }
    if (TMUX_LIKE.has(name) && a.value.includes('#(')) {
      const jobs = tmuxFormatJobs(a, name);
      scripts.push(...jobs.scripts);
      forceAsk ??= jobs.doubt;
    }
    const program = optionValue(PROGRAM_OPTIONS[name], a, args[i + 1]);
    // Which later word is the application is not modelled: the program with each suffix is a view.
    if (program !== null) for (let k = i + 1; k <= args.length && k <= MAX_SUFFIXES; k++) views.push([program, ...args.slice(k)]);
    const optionScript = optionValue(SCRIPT_OPTIONS[name], a, args[i + 1]);
    if (optionScript !== null) {
      scripts.push({ arg: optionScript, by: `${name} ${a.value.split('=')[0]}` });
      forceAsk ??= posixShellDoubt(optionScript.value, name);
    }
    if (DEBUGGER_COMMANDS[name]?.test(a.value) === true) forceAsk ??= `${name} ${a.value.split('=')[0]} runs ${name} commands, and those can run shell commands`;
    // `strace -o '|CMD'` (or `!CMD`) pipes its trace into CMD.
    if (name === 'strace' || name === 'ltrace') {
      const out = traceOutput(a, args[i + 1]);
      if (out !== null) {
        scripts.push({ arg: out, by: `${name} -o |` });
        forceAsk ??= posixShellDoubt(out.value, `${name} -o |`);
      }
    }
    if (!COMMAND_OPTION.has(name)) continue;
    const value = commandValue(a, args[i + 1]);
    if (value !== null) {
      scripts.push({ arg: value, by: `${name} -c`, userShell: true });
      forceAsk ??= posixShellDoubt(value.value, `${name} -c`);
    }
  }
  // The single-binary GNU coreutils takes the program from its first word (audit 40, AN-1):
  // `coreutils --coreutils-prog=rm x` runs `rm x`; the `-shebang=` form (a `#!` line's) makes the
  // script's name argv[0] and runs the program on the words after it.
  const multiCall = name === 'coreutils' ? /^--coreutils-prog(-shebang)?=(.*)$/.exec(args[1]?.value ?? '') : null;
  if (multiCall !== null && args[1] !== undefined) {
    views.push([{ ...args[1], value: multiCall[2] ?? '' }, ...args.slice(multiCall[1] === undefined ? 2 : 3)]);
  }
  // cmake's command mode is a portable coreutils under other names (audit 45, BD-6).
  const cmakeTool = name === 'cmake' && args[1]?.value === '-E' && args[2]?.dynamic === null ? CMAKE_FILE_TOOLS[args[2].value] : undefined;
  if (cmakeTool !== undefined && args[2] !== undefined) {
    const at = args[2];
    views.push([...cmakeTool.map((value) => ({ ...at, value })), ...args.slice(3)]);
  }
  // start-stop-daemon runs its -x/--exec (or --startas) program with the words after `--`,
  // which it takes itself: `… -x /bin/sh -- -c 'CMD'` runs `sh -c CMD` (audit 37, AF-7).
  if (name === 'start-stop-daemon') {
    const dashes = args.findIndex((a, k) => k > 0 && a.dynamic === null && a.value === '--');
    const at = args.findIndex((a, k) => k > 0 && (dashes < 0 || k < dashes) && /^(?:-[xa]|--exec|--startas)$/.test(a.value));
    const program = at < 0 ? undefined : args[at + 1];
    if (program !== undefined) views.push([program, ...(dashes < 0 ? [] : args.slice(dashes + 1))]);
  }
  return { wrapper: false, commands: [], views, scripts, forceAsk, ...(folderDoubt !== undefined ? { folderDoubt } : {}) };
}

/** The value of an option `pattern` names, written `--opt VALUE` or `--opt=VALUE`, or null. */
function optionValue(pattern: RegExp | undefined, a: Arg, next: Arg | undefined): Arg | null {
  if (pattern === undefined) return null;
  const eq = a.value.indexOf('=');
  if (eq > 0) return pattern.test(a.value.slice(0, eq)) ? { ...a, value: a.value.slice(eq + 1) } : null;
  return pattern.test(a.value) ? next ?? null : null;
}

/**
 * The script `-c CMD`, `-cCMD`, `-qc CMD`, `--command CMD`, `--command=CMD` or an abbreviation
 * of `--command` (`--comm=CMD`) names, or null.
 */
function commandValue(a: Arg, next: Arg | undefined): Arg | null {
  const v = a.value;
  if (/^-[A-Za-z]*c$/.test(v)) return next ?? null;
  const attached = /^-[A-Za-z]*c(.+)$/.exec(v);
  if (attached !== null && !v.startsWith('--')) return { ...a, value: attached[1] ?? '' };
  const eq = v.indexOf('=');
  const long = eq < 0 ? v : v.slice(0, eq);
  if (long.length >= 4 && '--command'.startsWith(long)) return eq < 0 ? next ?? null : { ...a, value: v.slice(eq + 1) };
  return null;
}

/** The command a trace output of `|CMD` or `!CMD` pipes into (`-o VALUE`, `-oVALUE`, `--output=`). */
function traceOutput(a: Arg, next: Arg | undefined): Arg | null {
  const v = a.value;
  let value: Arg | null = null;
  if (/^-[A-Za-z]*o$/.test(v)) value = next ?? null;
  else if (/^-[A-Za-z]*o./.test(v) && !v.startsWith('--')) value = { ...a, value: v.slice(v.indexOf('o') + 1) };
  else if (v.startsWith('--output=')) value = { ...a, value: v.slice('--output='.length) };
  if (value === null || !/^[|!]/.test(value.value)) return null;
  return { ...value, value: value.value.slice(1) };
}

/**
 * The sub-command npm runs for a word: npm takes an alias (`c`) or any unambiguous prefix (`pk`,
 * `conf`, `explo`). An ambiguous prefix makes npm stop, so reading it as one of these only tightens.
 */
function npmCommand(word: string): string {
  if (word === 'c') return 'config';
  for (const [name, min] of [['pkg', 2], ['config', 3], ['explore', 4], ['set-script', 5]] as const) {
    if (word.length >= min && name.startsWith(word)) return name;
  }
  return word;
}

/** Every string in a JSON value (what npm stores from it), or null when the text is not JSON. */
function jsonStrings(text: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
}

/**
 * npm sub-commands that store or run scripts: `npm pkg set scripts.x=CMD`, `npm set-script x CMD`
 * (the value runs on `npm run x`, so it is judged when stored, as git aliases are), `npm explore
 * PKG -- CMD…` (runs CMD in the package folder) and `npm config set script-shell X` (changes the
 * shell every script runs in). `sub` is the index of the sub-command word.
 */
export function npmStores(args: readonly Arg[], sub: number): Unwrapped {
  let forceAsk: string | null = null;
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v.startsWith('--script-shell')) forceAsk = 'npm --script-shell changes the shell that runs every script';
  }
  const word = args[sub];
  if (word === undefined) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  if (word.dynamic !== null) return { ...NONE, forceAsk: forceAsk ?? `npm sub-command only known at run time (${word.dynamic})` };
  const scripts: ScriptArg[] = [];
  // The first word after the sub-command that is not an option (`npm pkg --force set …`).
  let verb = sub + 1;
  while (verb < args.length && (args[verb]?.value ?? '').startsWith('-')) verb++;
  const command = npmCommand(word.value);
  // `npm pkg "s$(…)" scripts.x=CMD`: a word only known at run time may be `set`.
  const verbWord = args[verb];
  if ((command === 'pkg' || command === 'config') && verbWord !== undefined && verbWord.dynamic !== null) {
    forceAsk ??= `npm ${command} is given a word only known at run time (${verbWord.dynamic}), which may be set`;
  }
  switch (command) {
    case 'pkg':
      if (args[verb]?.value === 'set') {
        const json = args.some((a, i) => i > sub && (a.value === '--json' || a.value === '--json=true'));
        for (let i = verb + 1; i < args.length; i++) {
          const a = args[i];
          if (a === undefined || a.value.startsWith('-')) continue;
          const eq = a.value.indexOf('=');
          const key = eq < 0 ? a.value : a.value.slice(0, eq);
          if (a.dynamic !== null && (eq < 0 || /[$`]/.test(key))) forceAsk ??= 'npm pkg set of a key only known at run time, which may be a script';
          else if (/^scripts\b/.test(key) && eq > 0) {
            // With --json npm decodes the value first: `"echo x; rm y"` is one word to a shell and
            // two commands once decoded.
            const decoded = json ? jsonStrings(a.value.slice(eq + 1)) : [a.value.slice(eq + 1)];
            if (decoded === null) forceAsk ??= `npm pkg set --json of ${key} with a value that is not JSON`;
            for (const value of decoded ?? []) scripts.push({ arg: { ...a, value }, by: 'npm pkg set scripts', later: true });
          }
        }
      }
      break;
    case 'set-script': {
      const value = args[sub + 2];
      if (value !== undefined) scripts.push({ arg: value, by: 'npm set-script', later: true });
      break;
    }
    case 'explore': {
      // `npm explore PKG CMD…` runs CMD with or without a `--` before it; the package is the
      // first word after the sub-command that is not an option (an option's value taken for it
      // only puts more words in the script).
      const pkg = args.findIndex((a, i) => i > sub && a.value !== '--' && !a.value.startsWith('-'));
      const dash = args.findIndex((a, i) => i > sub && a.value === '--');
      const starts: number[] = [];
      if (dash > 0 && (pkg < 0 || dash < pkg)) starts.push(dash + 1);
      else if (pkg > 0) {
        starts.push(args[pkg + 1]?.value === '--' ? pkg + 2 : pkg + 1);
        // `--prefix out xpk rm y`: an option before it may have taken the word read as the package.
        const before = args[pkg - 1]?.value ?? '';
        if (pkg - 1 > sub && before.startsWith('-') && !before.includes('=')) starts.push(args[pkg + 2]?.value === '--' ? pkg + 3 : pkg + 2);
      }
      for (const from of starts) {
        if (from >= args.length) continue;
        const rest = args.slice(from);
        let dynamic: string | null = null;
        for (const r of rest) dynamic ??= r.dynamic;
        scripts.push({ arg: { value: rest.map((r) => r.value).join(' '), dynamic, split: false, pos: rest[0]?.pos ?? -1, end: rest[rest.length - 1]?.end ?? -1 }, by: 'npm explore' });
      }
      break;
    }
    case 'config':
    case 'set': {
      const from = word.value === 'set' ? sub + 1 : args[verb]?.value === 'set' ? verb + 1 : -1;
      if (from < 0) break;
      for (let i = from; i < args.length; i++) {
        const a = args[i];
        if (a === undefined) continue;
        if (a.dynamic !== null) forceAsk ??= 'npm config set of a key only known at run time, which may be script-shell';
        else if (/^script-shell(?:=|$)/.test(a.value)) forceAsk ??= 'npm config set script-shell changes the shell that runs every script';
        else forceAsk ??= npmRunningSetting(a.value);
      }
      break;
    }
  }
  if (scripts.length === 0 && forceAsk === null) return NONE;
  // npm runs scripts with its script-shell, sh by default.
  for (const s of scripts) forceAsk ??= posixShellDoubt(s.arg.value, s.by);
  return { wrapper: false, commands: [], views: [], scripts, forceAsk };
}
