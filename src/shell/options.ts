// getopt-style option skipping for wrapper commands: enough to find where the wrapped command
// starts, and to read the few option values that matter (`sh -c`, `su -c`, `env -S`).
import { literalText, type Arg } from './words.ts';

export interface OptionSpec {
  /** Short options that take a value, attached (`-sKILL`) or as the next word (`-s KILL`). */
  readonly shortWithValue: string;
  /** Long options that take the next word as value when written without `=`. */
  readonly longWithValue: readonly string[];
  /**
   * Every other option the program knows: flags, and options whose value can only be attached
   * (`xargs -l5`, `--max-lines=5`). With these lists a spec is complete, and an option it does not
   * know leaves it unknown where the command starts, since that option might take the next word.
   */
  readonly shortFlags?: string;
  readonly shortAttached?: string;
  readonly longFlags?: readonly string[];
  /** getopt_long: a long option may be shortened to any prefix that names only one option. */
  readonly abbreviations?: boolean;
  /** `-` alone is an option (env, su) rather than an operand. */
  readonly dashIsOption?: boolean;
  /** Options may follow operands (GNU permutation, as in `su root -c cmd`). */
  readonly permute?: boolean;
}

export interface ScannedOption {
  /** `-x` for a short option, `--name` for a long one (its full name when abbreviated). */
  name: string;
  value: Arg | null;
}

export interface OptionScan {
  /** Index of the first operand (args.length when there is none). */
  next: number;
  options: ScannedOption[];
  /** Operands met while permuting (only with `permute`). */
  operands: Arg[];
  /** A word among the options is only known at run time, so positions are unknown. */
  dynamic: boolean;
  /** The first option a complete spec does not know, or null. */
  unknown: string | null;
}

/** The long option `written` names: itself, or with abbreviations the one option it starts. */
export function longOptionName(spec: OptionSpec, written: string): string | null {
  const known = [...spec.longWithValue, ...(spec.longFlags ?? [])];
  if (known.includes(written)) return written;
  if (spec.abbreviations !== true) return null;
  const matches = known.filter((k) => k.startsWith(written));
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

export function scanOptions(args: readonly Arg[], start: number, spec: OptionSpec): OptionScan {
  const scan: OptionScan = { next: args.length, options: [], operands: [], dynamic: false, unknown: null };
  const complete = spec.shortFlags !== undefined;
  for (let i = start; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    // Quoted or not, a word built at run time could be any option, with or without a value.
    if (a.dynamic !== null) scan.dynamic = true;
    const v = a.value;
    if (v === '--') {
      if (spec.permute === true) {
        for (let j = i + 1; j < args.length; j++) {
          const rest = args[j];
          if (rest !== undefined) scan.operands.push(rest);
        }
        return scan;
      }
      scan.next = i + 1;
      return scan;
    }
    if (v === '-' && spec.dashIsOption === true) {
      scan.options.push({ name: '-', value: null });
      continue;
    }
    if (v.length < 2 || v.charCodeAt(0) !== 0x2d) {
      if (spec.permute === true) {
        scan.operands.push(a);
        continue;
      }
      scan.next = i;
      return scan;
    }
    if (v.charCodeAt(1) === 0x2d) {
      const eq = v.indexOf('=');
      const written = eq >= 0 ? v.slice(0, eq) : v;
      const name = longOptionName(spec, written);
      if (name === null && complete) scan.unknown ??= written;
      if (eq >= 0) {
        scan.options.push({ name: name ?? written, value: { ...a, value: v.slice(eq + 1) } });
      } else if (name !== null && spec.longWithValue.includes(name)) {
        const value = args[i + 1] ?? null;
        // A value that splits at run time may be several words: the command among them.
        if (value?.split === true) scan.dynamic = true;
        scan.options.push({ name, value });
        i++;
      } else {
        scan.options.push({ name: name ?? written, value: null });
      }
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (spec.shortWithValue.includes(ch)) {
        let value: Arg | null;
        if (j + 1 < v.length) value = { ...a, value: v.slice(j + 1) };
        else value = args[++i] ?? null;
        if (value?.split === true) scan.dynamic = true;
        scan.options.push({ name: `-${ch}`, value });
        break;
      }
      if (spec.shortAttached?.includes(ch) === true) {
        scan.options.push({ name: `-${ch}`, value: j + 1 < v.length ? { ...a, value: v.slice(j + 1) } : null });
        break;
      }
      if (complete && spec.shortFlags?.includes(ch) !== true) scan.unknown ??= `-${ch}`;
      scan.options.push({ name: `-${ch}`, value: null });
    }
  }
  return scan;
}

/** An option a complete table does not know might take the next word. */
export function unknownOptionReason(who: string, option: string): string {
  return `${who} option ${option} is not one agent-gate knows, so where the wrapped command starts is unknown`;
}

/** Why the scan cannot say where the wrapped command starts, or null. */
export function optionDoubt(scan: OptionScan, who = 'wrapper'): string | null {
  if (scan.dynamic) return `${who} option is not static, so where the wrapped command starts is unknown`;
  if (scan.unknown !== null) return unknownOptionReason(who, scan.unknown);
  return null;
}

export function hasOption(scan: OptionScan, ...names: string[]): boolean {
  for (const o of scan.options) if (names.includes(o.name)) return true;
  return false;
}

export function optionValue(scan: OptionScan, ...names: string[]): Arg | null {
  let found: Arg | null = null;
  for (const o of scan.options) if (names.includes(o.name) && o.value !== null) found = o.value;
  return found;
}

/** GNU getopt_long programs: long options may be abbreviated; all know --help and --version. */
export const GETOPT = { abbreviations: true, longFlags: ['--help', '--version'] } as const;

/** An option whose value a program runs (see forEachValueOption). */
export interface ValueOption {
  long?: string;
  /** The shortest prefix of `long` that names it (default 2). */
  min?: number;
  short?: string;
  /** The value can only be attached (`-Ovim`, `--open-files-in-pager=vim`). */
  attachedOnly?: boolean;
}

export interface ValueOptionTable<O extends ValueOption> {
  options: readonly O[];
  /** Other short options that take a value: the rest of a cluster after one is its value. */
  shortWithValue: string;
  /** Long options written with a single dash (`go test -exec`). */
  singleDashLong?: boolean;
}

/**
 * Calls `visit` for every value given to one of `table`'s options in `args` from `from` on, up
 * to `--`: long options by any prefix of at least `min` characters (getopt and parse-options take
 * a unique prefix; an ambiguous one makes the program stop, so reading it as this option only
 * tightens), `--opt=value` or `--opt value`, short ones anywhere in a cluster with the rest of the
 * word or the next word as value. Options may follow operands, so every word is looked at.
 */
export function forEachValueOption<O extends ValueOption>(args: readonly Arg[], from: number, table: ValueOptionTable<O>,
  visit: (option: O, value: Arg, spelled: string) => void): void {
  for (let k = from; k < args.length; k++) {
    const word = args[k];
    if (word === undefined) continue;
    const v = word.value;
    if (v === '--') return;
    const long = v.startsWith('--') ? v.slice(2) : table.singleDashLong === true && v.startsWith('-') ? v.slice(1) : null;
    if (long !== null && long !== '') {
      const eq = long.indexOf('=');
      const written = eq < 0 ? long : long.slice(0, eq);
      const option = table.options.find((o) => o.long !== undefined && written.length >= (o.min ?? 2) && o.long.startsWith(written));
      if (option === undefined) continue;
      let value: Arg | undefined;
      if (eq >= 0) value = { ...word, value: long.slice(eq + 1) };
      else if (option.attachedOnly !== true) value = args[++k];
      if (value !== undefined) visit(option, value, `--${option.long ?? ''}`);
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const option = table.options.find((o) => o.short === ch);
      if (option !== undefined) {
        let value: Arg | undefined;
        if (j + 1 < v.length) value = { ...word, value: v.slice(j + 1) };
        else if (option.attachedOnly !== true) value = args[++k];
        if (value !== undefined) visit(option, value, `-${ch}`);
        break;
      }
      // The rest of the cluster is that option's value. A value in the next word is still
      // scanned as a possible option: reading too much only tightens.
      if (table.shortWithValue.includes(ch)) break;
    }
  }
}

/**
 * Why a word only known at run time may be one of `who`'s options, or null: `"$(echo --exec=rm)"`
 * is one word starting with `--exec=` when it runs, and an unquoted `$(…)` may split into several
 * (`-o`, `rm`). A word whose literal text starts with something other than `-` is an operand
 * whatever the expansion gives, and `--name=$x` is the option its text names. Words after a
 * literal `--` are operands.
 */
export function runtimeOptionReason(args: readonly Arg[], from: number, who: string): string | null {
  for (let k = from; k < args.length; k++) {
    const a = args[k];
    if (a === undefined) continue;
    if (a.dynamic === null) {
      if (a.value === '--') return null;
      continue;
    }
    if (!a.split) {
      const literal = literalText(a);
      const first = literal.charCodeAt(0);
      if (literal.length > 0 && first !== 0 && first !== 0x2d) continue;
      if (/^--[^\u0000=]+=/.test(literal)) continue;
    }
    return `${who} is given a word only known at run time (${a.dynamic}) where an option could stand`;
  }
  return null;
}
