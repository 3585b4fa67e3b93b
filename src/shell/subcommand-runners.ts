// System tools that run a command only through one sub-command or option: `ip netns exec NS CMD`,
// `ip vrf exec VRF CMD`, `launchctl asuser UID CMD` (also `bsexec`, `submit -- CMD`) and
// `dpkg-architecture -c CMD`; `launchctl load|bootstrap` and `systemctl link|enable PATH` install
// jobs from a file, which ask as crontab does. Their everyday uses (`ip addr`, `launchctl list`) run nothing, so
// only from that word on do they get a runner's views (see looseRunner).
import { posixShellDoubt } from './posix.ts';
import { looseRunner } from './runners.ts';
import { askingOrNone, NO_RUNS, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

export const SUBCOMMAND_RUNNERS: ReadonlySet<string> = new Set(['ip', 'launchctl', 'dpkg-architecture', 'systemctl']);

export function subcommandRuns(args: readonly Arg[], name: string): Unwrapped {
  switch (name) {
    case 'ip':
      return ipRuns(args);
    case 'launchctl':
      return launchctlRuns(args);
    case 'systemctl':
      return systemctlRuns(args);
    default:
      return dpkgArchitectureRuns(args);
  }
}

/** The runner's views of the words from `from` on, as if they followed the program's name. */
function runsFrom(args: readonly Arg[], from: number, name: string): Unwrapped {
  const first = args[0];
  if (first === undefined || from >= args.length) return NO_RUNS;
  return looseRunner([first, ...args.slice(from)], name);
}

/** iproute2 takes any prefix of an object or a verb (`ip net e NS CMD`, `ip -all netns exec CMD`). */
const isPrefixOf = (word: Arg | undefined, full: string): boolean =>
  word !== undefined && word.dynamic === null && word.value !== '' && full.startsWith(word.value);

/** ip's global options that take the next word (`-n NS`, `-f inet`), by any prefix ip reads as them. */
const IP_VALUED: ReadonlyArray<[string, number]> = [['-netns', 2], ['-family', 2], ['-loops', 2], ['-rcvbuf', 3]];

/**
 * `ip [OPTIONS] netns exec NAME CMD…` and `ip [-n NS] vrf exec VRF CMD…` run CMD; a word only
 * known at run time may be the object or `exec`, and `-batch FILE` reads ip commands (which may
 * be `netns exec …`) from a file.
 */
function ipRuns(args: readonly Arg[]): Unwrapped {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.dynamic !== null) return askingOrNone(`ip is given a word only known at run time (${a.dynamic}), which may be netns exec or vrf exec, which run a command`);
    const v = a.value;
    if (v.startsWith('-')) {
      if (v.length >= 2 && '-batch'.startsWith(v)) return askingOrNone(`ip ${v} reads ip commands from a file, which may run a command through netns exec`);
      // A value that splits at run time may hold the object and more.
      if (IP_VALUED.some(([full, min]) => v.length >= min && full.startsWith(v)) && args[++i]?.split === true) {
        return askingOrNone(`ip ${v} is given a value that splits at run time, which may hold netns exec`);
      }
      continue;
    }
    if (!isPrefixOf(a, 'netns') && !isPrefixOf(a, 'vrf')) return NO_RUNS;
    const verb = args[i + 1];
    if (verb !== undefined && verb.dynamic !== null) return askingOrNone(`ip ${v} is given a sub-command only known at run time (${verb.dynamic}), which may be exec`);
    return isPrefixOf(verb, 'exec') ? runsFrom(args, i + 2, 'ip') : NO_RUNS;
  }
  return NO_RUNS;
}

/**
 * `launchctl asuser UID CMD…`, `launchctl bsexec PID CMD…` and `launchctl submit -l LABEL [-p
 * PROGRAM] [-o FILE] [-e FILE] [-i FILE] -- CMD…` (a job launchd starts, and keeps starting).
 */
function launchctlRuns(args: readonly Arg[]): Unwrapped {
  const sub = args[1];
  if (sub === undefined) return NO_RUNS;
  if (sub.dynamic !== null) return askingOrNone(`launchctl sub-command only known at run time (${sub.dynamic}), which may be asuser, bsexec or submit`);
  if (sub.value === 'asuser' || sub.value === 'bsexec') return runsFrom(args, 2, 'launchctl');
  // A property list names a program launchd starts now (RunAtLoad) and again later, as crontab's lines do.
  if (/^(?:load|bootstrap)$/.test(sub.value)) return askingOrNone(`launchctl ${sub.value} installs the jobs a property list names, which run later and keep running, and they are not judged here`);
  if (sub.value !== 'submit') return NO_RUNS;
  const u = runsFrom(args, 2, 'launchctl');
  const views = [...u.views];
  const writes: Array<{ file: Arg; option: string }> = [];
  const dash = args.findIndex((a, i) => i > 1 && a.value === '--');
  const end = dash < 0 ? args.length : dash;
  for (let i = 2; i < end; i++) {
    const option = args[i]?.value ?? '';
    const value = args[i + 1];
    if (value === undefined) break;
    // `-p PROGRAM` is what runs, with the words after `--` as its arguments.
    if (option === '-p') views.push([value, ...(dash < 0 ? [] : args.slice(dash + 2))]);
    if (option === '-o' || option === '-e') writes.push({ file: value, option: `launchctl submit ${option}` });
  }
  const found: Unwrapped = { ...u, views };
  return writes.length === 0 ? found : { ...found, writes };
}

/**
 * `systemctl [--user] link|enable PATH…` installs a unit from a file: its `ExecStart=` lines run
 * then and at every boot or log-in, as crontab's do. A unit named without a `/` is one already
 * installed, as a program on PATH is.
 */
function systemctlRuns(args: readonly Arg[]): Unwrapped {
  // A word only known at run time may be the verb, and one after it the file.
  const verb = args.findIndex((a, i) => i > 0 && (a.dynamic !== null || /^(?:link|enable|reenable)$/.test(a.value)));
  if (verb < 0) return NO_RUNS;
  const at = args[verb] as Arg;
  const file = args.slice(verb + 1).find((a) => a.dynamic !== null || a.value.includes('/'));
  if (file === undefined) return NO_RUNS;
  return askingOrNone(`systemctl ${at.value === '' ? '…' : at.value} ${file.value} may install a unit from a file, whose commands run later and are not judged here`);
}

/**
 * `dpkg-architecture [OPTIONS] -c CMD…` (or `--command`) runs the words after it with the build
 * variables set; a single word is run by Perl's exec, through `sh -c` when it holds shell syntax.
 */
function dpkgArchitectureRuns(args: readonly Arg[]): Unwrapped {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.dynamic !== null) return askingOrNone(`dpkg-architecture is given a word only known at run time (${a.dynamic}), which may be -c, which runs a command`);
    if (a.value !== '-c' && a.value !== '--command') continue;
    const u = runsFrom(args, i + 1, 'dpkg-architecture');
    const only = args[i + 1];
    if (args.length !== i + 2 || only === undefined || !/[\s;&|<>()`$'"\\*?[#~=%]/.test(only.value)) return u;
    return { ...u, scripts: [...u.scripts, { arg: only, by: 'dpkg-architecture -c' }], forceAsk: u.forceAsk ?? posixShellDoubt(only.value, 'dpkg-architecture -c') };
  }
  return NO_RUNS;
}
