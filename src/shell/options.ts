// getopt-style option skipping for wrapper commands: enough to find where the wrapped command
// starts, and to read the few option values that matter (`sh -c`, `su -c`, `env -S`).
import type { Arg } from './words.ts';

export interface OptionSpec {
  /** Short options that take a value, attached (`-sKILL`) or as the next word (`-s KILL`). */
  readonly shortWithValue: string;
  /** Long options that take the next word as value when written without `=`. */
  readonly longWithValue: readonly string[];
  /** `-` alone is an option (env, su) rather than an operand. */
  readonly dashIsOption?: boolean;
  /** Options may follow operands (GNU permutation, as in `su root -c cmd`). */
  readonly permute?: boolean;
}

export interface ScannedOption {
  /** `-x` for a short option, `--name` for a long one. */
  name: string;
  value: Arg | null;
}

export interface OptionScan {
  /** Index of the first operand (args.length when there is none). */
  next: number;
  options: ScannedOption[];
  /** Operands met while permuting (only with `permute`). */
  operands: Arg[];
  /** A word among the options might expand to several words, so positions are unknown. */
  dynamic: boolean;
}

export function scanOptions(args: readonly Arg[], start: number, spec: OptionSpec): OptionScan {
  const scan: OptionScan = { next: args.length, options: [], operands: [], dynamic: false };
  for (let i = start; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.split) scan.dynamic = true;
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
      if (eq >= 0) {
        scan.options.push({ name: v.slice(0, eq), value: { ...a, value: v.slice(eq + 1) } });
      } else if (spec.longWithValue.includes(v)) {
        const value = args[i + 1] ?? null;
        scan.options.push({ name: v, value });
        i++;
      } else {
        scan.options.push({ name: v, value: null });
      }
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (spec.shortWithValue.includes(ch)) {
        let value: Arg | null;
        if (j + 1 < v.length) value = { ...a, value: v.slice(j + 1) };
        else value = args[++i] ?? null;
        scan.options.push({ name: `-${ch}`, value });
        break;
      }
      scan.options.push({ name: `-${ch}`, value: null });
    }
  }
  return scan;
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
