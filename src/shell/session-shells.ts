// Programs that start the user's shell when they are given no command (audit 32, QQ-10): `sudo -s`,
// `sudo -i`, `su`, `doas -s`, `newgrp`, `sg GROUP`, `script`, `machinectl shell`, `runuser -l USER`.
// That shell reads its script from standard input, as `… | sh` and `bash <<EOF` do: a heredoc or
// here-string is judged as the script, and a pipe or a file asks.
import { GETOPT, hasOption, optionDoubt, scanOptions, type OptionScan, type OptionSpec } from './options.ts';
import { askingOrNone, NO_RUNS, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

/**
 * A shell reads a script from standard input as it runs it, a line or a buffer at a time: a
 * command in it can read the next lines (`read x` swallows one, so a heredoc body after it runs),
 * write more to read (`echo CMD >/dev/fd/0`, `cp F /de?/stdin`, a link to /dev/stdin) or switch to
 * another file (`exec <FILE`). No reading of the text rules that out, so such a script asks.
 * (`source /dev/stdin` reads the whole text first and is judged as written.)
 */
export function stdinScriptDoubt(name: string, stdin: Arg): string | null {
  if (stdin.value.trim() === '') return null;
  return `${name} reads its script from standard input as it runs it, so a command in it can read or replace the lines after it`;
}

/** What a command reads on standard input. */
export interface Stdin {
  /** The heredoc or here-string, or null. */
  text: Arg | null;
  /** Without `text`: a pipe or a file, rather than the input the command line started with. */
  fed: boolean;
}

/**
 * The user's shell, started by `by` with no command: it runs the heredoc or here-string as its
 * script; a pipe or a file holds a script not known here. The input the command line started
 * with is what a person types (as for `gdb ./a.out`), so it is no question. Which shell the user
 * has is not known, so the text is read as bash reads it. `folderDoubt` is set for a login shell,
 * which starts in the user's home folder.
 */
export function userShell(stdin: Stdin, by: string, doubt: string | null, folderDoubt: string | null): Unwrapped {
  const text = stdin.text;
  if (text === null) {
    return askingOrNone(doubt ?? (stdin.fed ? `${by} starts the user's shell, which reads its script from standard input, and that is not known here` : null));
  }
  const u: Unwrapped = { ...NO_RUNS, scripts: [{ arg: text, by: `${by} reading a heredoc`, userShell: true }], forceAsk: doubt ?? stdinScriptDoubt(`the shell ${by} starts`, text) };
  return folderDoubt === null ? u : { ...u, folderDoubt };
}

/** `sudo -l`, `-V`, `-h` (alone: `-hHOST` names a host) only print, so no shell starts. */
export function sudoInfo(scan: OptionScan): boolean {
  return scan.options.some((o) => /^(?:-[lV]|--list|--version|--help)$/.test(o.name) || (o.name === '-h' && o.value === null));
}

/** The option that makes sudo or doas start the user's shell (`-s`, `-i` and their long names), or null. */
export function startsShell(scan: OptionScan): string | null {
  for (const o of scan.options) if (/^(?:-[si]|--shell|--login)$/.test(o.name)) return o.name;
  return null;
}

/** The runners (otherwise read as loose runners) that start the user's shell without a command. */
export const SESSION_SHELLS: ReadonlySet<string> = new Set(['newgrp', 'sg', 'script', 'machinectl', 'runuser']);

/** util-linux script's options, and BSD script's `-t TIME` (a value read there only leaves fewer operands). */
const SCRIPT: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'cEIOBTmot',
  shortFlags: 'aefFkqrwdphV',
  longWithValue: ['--command', '--echo', '--log-in', '--log-out', '--log-io', '--log-timing', '--logging-format', '--output-limit'],
  longFlags: [...GETOPT.longFlags, '--append', '--return', '--flush', '--force', '--quiet', '--timing'],
  permute: true,
};
/** runuser's options: su's, and `-u USER`, which takes the command after it. */
const RUNUSER: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'cgGswu',
  shortFlags: 'flmpPhV',
  longWithValue: ['--command', '--session-command', '--shell', '--group', '--supp-group', '--whitelist-environment', '--user'],
  longFlags: [...GETOPT.longFlags, '--fast', '--login', '--preserve-environment', '--pty'],
  dashIsOption: true,
  permute: true,
};
/** machinectl's options that take a value; the verb and its operands may stand among them. */
const MACHINECTL: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'pMHEsnoP',
  shortFlags: 'alqh',
  longWithValue: ['--property', '--machine', '--host', '--setenv', '--uid', '--signal', '--kill-whom', '--lines', '--output',
    '--verify', '--format', '--max-addresses', '--runner'],
  longFlags: [...GETOPT.longFlags, '--value', '--all', '--full', '--no-pager', '--no-legend', '--no-ask-password', '--quiet', '--read-only',
    '--mkdir', '--now', '--force', '--system', '--user'],
  permute: true,
};

const LOGIN_FOLDER = (by: string): string => `${by} starts a login shell in the user's home folder, so where its redirections write is not known`;

/**
 * What `name` runs as the user's shell when it is given no command, or null when it is given one
 * (the loose runner's reading judges that command).
 */
export function sessionShell(args: readonly Arg[], stdin: Stdin, name: string): Unwrapped | null {
  switch (name) {
    case 'newgrp':
      // `newgrp [-] [GROUP]` never takes a command.
      return userShell(stdin, 'newgrp', null, null);
    case 'sg': {
      // `sg [-] [GROUP [-c] COMMAND]`: a word after the group is the command.
      const words = args.slice(1).filter((a) => a.dynamic !== null || a.value !== '-');
      return words.length <= 1 ? userShell(stdin, 'sg', null, null) : null;
    }
    case 'script': {
      const scan = scanOptions(args, 1, SCRIPT);
      if (hasOption(scan, '-c', '--command', '-V', '--version', '-h', '--help')) return null;
      // `script [FILE]` records a shell; BSD's `script FILE COMMAND…` runs the command.
      return scan.operands.length <= 1 ? userShell(stdin, 'script', optionDoubt(scan, 'script'), null) : null;
    }
    case 'machinectl': {
      const scan = scanOptions(args, 1, MACHINECTL);
      const [verb, , path] = scan.operands;
      if (verb === undefined || (verb.dynamic === null && verb.value !== 'shell' && verb.value !== 'login')) return null;
      // `machinectl shell [USER@]NAME PATH ARGS…` runs PATH; `login` gives a login prompt, then a shell.
      if (verb.value === 'shell' && path !== undefined) return null;
      const by = `machinectl ${verb.value}`;
      return userShell(stdin, by, optionDoubt(scan, 'machinectl'), LOGIN_FOLDER(by));
    }
    case 'runuser': {
      const scan = scanOptions(args, 1, RUNUSER);
      if (hasOption(scan, '-c', '--command', '--session-command', '-V', '--version', '-h', '--help')) return null;
      // `runuser -u USER COMMAND…` runs the command itself; `runuser [-l] USER ARGS…` hands ARGS to the shell.
      const given = hasOption(scan, '-u', '--user') ? scan.operands.length : scan.operands.length - 1;
      if (given > 0) return null;
      const login = hasOption(scan, '-', '-l', '--login');
      return userShell(stdin, 'runuser', optionDoubt(scan, 'runuser'), login ? LOGIN_FOLDER('runuser -l') : null);
    }
  }
  return null;
}

/** What a loose runner runs, and the user's shell it starts when it runs no command. */
export function withSessionShell(u: Unwrapped, shell: Unwrapped | null): Unwrapped {
  if (shell === null) return u;
  const merged: Unwrapped = { ...u, scripts: [...u.scripts, ...shell.scripts], forceAsk: u.forceAsk ?? shell.forceAsk };
  if (shell.folderDoubt !== undefined) merged.folderDoubt ??= shell.folderDoubt;
  return merged;
}
