// Runners that set variables in the environment of what they run through options of their own
// (`bwrap --setenv BASH_ENV ./x`, `systemd-run -E PATH=./x`, `tmux setenv -g BASH_ENV ./x`): held
// to the dangerous names as `env NAME=…` is (audit 37, AF-6).
import { dangerReason, isDangerousName } from './assignments.ts';
import { lookupTable } from '../lookup.ts';
import type { Arg } from './words.ts';

interface EnvOptions {
  /** Options followed by `NAME VALUE` as two words. */
  pair?: readonly string[];
  /** Options whose value is `NAME=VALUE` (attached after `=` for a long one, or given apart). */
  assign?: readonly string[];
  /** Sub-commands whose first operand is the NAME they set (tmux `setenv [-g] [-t T] NAME VALUE`). */
  setters?: readonly string[];
}

const ENV_OPTIONS: Readonly<Record<string, EnvOptions>> = lookupTable({
  bwrap: { pair: ['--setenv'] },
  'systemd-run': { assign: ['-E', '--setenv'] },
  machinectl: { assign: ['-E', '--setenv'] },
  'systemd-nspawn': { assign: ['-E', '--setenv'] },
  tmux: { assign: ['-e'], setters: ['set-environment', 'setenv'] },
  firejail: { assign: ['--env'] },
  nsjail: { assign: ['-E', '--env'] },
  'flatpak-spawn': { assign: ['--env'] },
  flatpak: { assign: ['--env'] },
  nix: { pair: ['--set-env-var'] },
  'nix-shell': { pair: ['--set-env-var'] },
});

/** tmux options of set-environment that take a value (`-t TARGET`). */
const TMUX_SETTER_VALUES = new Set(['-t']);

/** Why `args` (a command named `name`) sets a dangerous variable through an option, or null. */
export function envOptionDanger(name: string, args: readonly Arg[]): string | null {
  const spec = ENV_OPTIONS[name];
  if (spec === undefined) return null;
  const pair = spec.pair ?? [];
  const assign = spec.assign ?? [];
  const setters = spec.setters ?? [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (pair.includes(v)) return nameDanger(name, v, args[i + 1]);
    const eq = v.indexOf('=');
    const long = v.startsWith('--') && eq > 0 ? v.slice(0, eq) : null;
    if (long !== null && pair.includes(long)) return nameDanger(name, long, { ...a, value: v.slice(eq + 1) });
    if (assign.includes(v)) {
      const why = assignmentDanger(name, v, args[i + 1]);
      if (why !== null) return why;
      i++;
      continue;
    }
    if (long !== null && assign.includes(long)) {
      const why = assignmentDanger(name, long, { ...a, value: v.slice(eq + 1) });
      if (why !== null) return why;
      continue;
    }
    // `-EPATH=x`: a short option with its value attached.
    const short = assign.find((o) => o.length === 2 && v.startsWith(o) && v.length > 2);
    if (short !== undefined) {
      const why = assignmentDanger(name, short, { ...a, value: v.slice(2) });
      if (why !== null) return why;
      continue;
    }
    if (setters.includes(v)) {
      let k = i + 1;
      while (k < args.length && (args[k]?.value ?? '').startsWith('-')) k += TMUX_SETTER_VALUES.has(args[k]?.value ?? '') ? 2 : 1;
      const why = nameDanger(name, v, args[k]);
      if (why !== null) return why;
    }
    // A word only known at run time may be any of these options.
    if (a.dynamic !== null && v.startsWith('-')) return `${name} is given an option only known at run time, which may set a variable in the environment of what it runs`;
  }
  return null;
}

function nameDanger(name: string, option: string, word: Arg | undefined): string | null {
  if (word === undefined) return null;
  if (word.dynamic !== null) return `${name} ${option} sets a variable whose name is only known at run time`;
  return isDangerousName(word.value) ? `${name} ${option}: ${dangerReason(word.value)}` : null;
}

function assignmentDanger(name: string, option: string, word: Arg | undefined): string | null {
  if (word === undefined) return null;
  const eq = word.value.indexOf('=');
  const variable = eq < 0 ? word.value : word.value.slice(0, eq);
  if (word.dynamic !== null && /[$`]/.test(word.value.slice(0, eq < 0 ? undefined : eq))) return `${name} ${option} sets a variable whose name is only known at run time`;
  // `systemd-run -E NAME` passes the caller's own value on: nothing new is set.
  if (eq < 0) return null;
  return isDangerousName(variable) ? `${name} ${option}: ${dangerReason(variable)}` : null;
}
