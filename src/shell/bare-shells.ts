// More programs that start a shell when they are given no command (after audit 32's QQ-10, which
// covered sudo -s, su, script, runuser…): fakeroot, unshare, nsenter, pkexec, run0, the chroots and
// containers, `systemd-run -S`, `toolbox|distrobox enter`, `capsh --`, nix-shell and the language
// tools' `shell` verbs. That shell reads its script from standard input, so a heredoc or
// here-string fed to them is judged as the script and a pipe or a file asks, as for `sudo -s`.
// `ssh HOST` and `vagrant ssh` start a shell on another machine, whose commands are not judged
// (as `ssh HOST CMD`'s are not).
import { lookupTable } from '../lookup.ts';
import { userShell, type Stdin } from './session-shells.ts';
import type { Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

/**
 * Runners that start a shell when no command follows their options, with how many operands they
 * take before the command (`chroot NEWROOT`, `ksu [USER]`).
 */
const OPERANDS_BEFORE_COMMAND: Readonly<Record<string, number>> = lookupTable({
  fakeroot: 0, 'fakeroot-ng': 0, fakechroot: 0, pseudo: 0, unshare: 0, nsenter: 0, pkexec: 0, run0: 0, firejail: 0, proot: 0,
  'lxc-attach': 0, schroot: 0, dchroot: 0, 'systemd-nspawn': 0, 'dbus-run-session': 0, ksu: 1, calife: 1, chroot: 1, 'arch-chroot': 1,
});
/** Of those, the ones whose shell starts in another root folder. */
const NEW_ROOT = new Set(['chroot', 'arch-chroot', 'schroot', 'dchroot', 'systemd-nspawn', 'proot', 'lxc-attach', 'fakechroot']);
/** Tools whose `shell` verb starts a shell in their environment (`poetry shell`, `pipenv shell`). */
const SHELL_VERB = new Set(['poetry', 'pipenv', 'hatch', 'pixi', 'devbox']);

/** The runners this module reads; wrappers.ts sends them here beside their loose runner's reading. */
export const BARE_SHELLS: ReadonlySet<string> = new Set([
  ...Object.keys(OPERANDS_BEFORE_COMMAND), ...SHELL_VERB, 'systemd-run', 'toolbox', 'distrobox', 'distrobox-enter', 'capsh', 'nix-shell',
]);

/**
 * The words of `args` from `start` that are surely operands. Option tables are not modelled, so a
 * word right after an option with no `=` may be that option's value (`nsenter -t 1`) and is not
 * counted: a command is only taken as given when enough words are surely operands.
 */
function sureOperands(args: readonly Arg[], start: number): Arg[] {
  const sure: Arg[] = [];
  let afterOption = false;
  for (let i = start; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.dynamic !== null) {
      // It may be an option, its value or the command: the loose runner's reading asks for it.
      afterOption = false;
      continue;
    }
    if (a.value === '--') return [...sure, ...args.slice(i + 1)];
    if (a.value.length > 1 && a.value.startsWith('-')) {
      afterOption = !a.value.includes('=');
      continue;
    }
    if (!afterOption) sure.push(a);
    afterOption = false;
  }
  return sure;
}

function hasWord(args: readonly Arg[], test: RegExp): boolean {
  const end = args.findIndex((a) => a.dynamic === null && a.value === '--');
  return args.slice(1, end < 0 ? args.length : end).some((a) => a.dynamic === null && test.test(a.value));
}

/** Whether `name` may start a shell reading its standard input, given `args`. */
function startsBareShell(args: readonly Arg[], name: string): boolean {
  const before = OPERANDS_BEFORE_COMMAND[name];
  if (before !== undefined) return sureOperands(args, 1).length <= before;
  if (SHELL_VERB.has(name)) return sureOperands(args, 1)[0]?.value === 'shell';
  switch (name) {
    case 'systemd-run':
      // `-S`/`--shell` takes no command; it may stand in a cluster (`-tS`).
      return hasWord(args, /^(?:-[a-zA-Z]*S[a-zA-Z]*|--shell)$/);
    case 'toolbox':
    case 'distrobox':
    case 'distrobox-enter': {
      const verbless = name === 'distrobox-enter';
      if (!verbless && sureOperands(args, 1)[0]?.value !== 'enter') return false;
      // `distrobox enter NAME -- CMD` (or the older `-e CMD`) runs CMD; toolbox enter takes none.
      const dash = args.findIndex((a) => a.dynamic === null && a.value === '--');
      return !(dash >= 0 && dash < args.length - 1) && !hasWord(args, /^(?:-e|--exec)$/);
    }
    case 'capsh': {
      // `capsh … -- ARGS` runs bash with ARGS: with no script file and no -c, bash reads stdin.
      const dash = args.findIndex((a) => a.dynamic === null && a.value === '--');
      if (dash < 0) return false;
      const bashArgs = args.slice(dash + 1);
      if (bashArgs.some((a) => a.dynamic === null && /^-[a-zA-Z]*c/.test(a.value))) return false;
      return !bashArgs.some((a) => a.dynamic === null && !a.value.startsWith('-')) || bashArgs.some((a) => a.dynamic === null && /^-[a-zA-Z]*s/.test(a.value));
    }
    case 'nix-shell':
      // nix-shell's operands are Nix files; only --run and --command name a command.
      return !hasWord(args, /^--(?:run|command)(?:=|$)/);
  }
  return false;
}

/**
 * What `name` runs as a shell when it is given no command, or null when it is given one (the loose
 * runner's reading judges that command). With the terminal's input nothing is added.
 */
export function bareShell(args: readonly Arg[], stdin: Stdin, name: string): Unwrapped | null {
  if (!startsBareShell(args, name)) return null;
  const by = SHELL_VERB.has(name) ? `${name} shell` : name === 'toolbox' || name === 'distrobox' ? `${name} enter` : name;
  const root = NEW_ROOT.has(name) ? `${name} starts the shell in another root folder, so where its redirections write is not known` : null;
  return userShell(stdin, by, null, root);
}
