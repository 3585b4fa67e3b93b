// `env` (SPEC 5.4: transparent without assignments, a tightening view with them, `env -S`
// split): its options, assignments and the folder `-C` moves the command to.
import { dangerReason, isDangerousAssignment, isDangerousUnlessWritten } from './assignments.ts';
import { GETOPT, longOptionName, unknownOptionReason, type OptionSpec } from './options.ts';
import { NO_RUNS as NONE, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

export function env(args: readonly Arg[]): Unwrapped {
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
  const chdir: EnvChdir = { folder: null };
  for (let a = pending.pop(); a !== undefined; a = pending.pop()) {
    const v = a.value;
    if (a.split) forceAsk ??= 'env operand is not static';
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v.startsWith('-') && assignments.length === 0) {
      forceAsk ??= envOption(a, pending, chdir);
      continue;
    }
    // env takes every word with a `=` as an assignment (`x-y=1` too), up to the command.
    const eq = v.indexOf('=');
    if (eq < 0) {
      pending.push(a);
      break;
    }
    const name = v.slice(0, eq);
    // env's own operands are judged as writes (folder-settings.ts); not those of -S's string, nor
    // those read from another folder (-C).
    const written = chdir.folder === null && args.includes(a);
    const dangerous = written ? isDangerousUnlessWritten : isDangerousAssignment;
    if (dangerous(name, v.slice(eq + 1), a.dynamic !== null || name.endsWith('+'))) forceAsk ??= dangerReason(name);
    assignments.push(a);
  }
  if (pending.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  const inner = pending.reverse();
  const u: Unwrapped = assignments.length > 0
    ? { wrapper: false, commands: [], views: [inner], scripts: [], forceAsk }
    : { wrapper: true, commands: [inner], views: [], scripts: [], forceAsk };
  // `env -C DIR CMD` runs CMD in DIR.
  if (chdir.folder !== null) u.folder = chdir.folder;
  return u;
}

/** The folder `env -C`/`--chdir` names (the last one wins). */
interface EnvChdir {
  folder: Arg | null;
}

// GNU env (plus BSD's -P): the signal options take a value only after `=`.
const ENV: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'aCPSu',
  shortFlags: '0iv',
  longWithValue: ['--argv0', '--chdir', '--split-string', '--unset'],
  longFlags: [...GETOPT.longFlags, '--null', '--ignore-environment', '--debug', '--list-signal-handling', '--block-signal',
    '--default-signal', '--ignore-signal'],
};

/**
 * Consumes the value of an env option from `pending`; `-S` pushes the words of its value back.
 * Returns why the command's start is unknown (an option env might read a value for), or null.
 */
function envOption(a: Arg, pending: Arg[], chdir: EnvChdir): string | null {
  const v = a.value;
  let value: Arg | undefined;
  let split = false;
  let folder = false;
  if (v === '-') return null;
  if (v.startsWith('--')) {
    const eq = v.indexOf('=');
    const written = eq < 0 ? v : v.slice(0, eq);
    const name = longOptionName(ENV, written);
    if (name === null) return unknownOptionReason('env', written);
    if (!ENV.longWithValue.includes(name)) return null;
    value = eq < 0 ? pending.pop() : { ...a, value: v.slice(eq + 1) };
    split = name === '--split-string';
    folder = name === '--chdir';
  } else {
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (!ENV.shortWithValue.includes(ch)) {
        if (ENV.shortFlags?.includes(ch) !== true) return unknownOptionReason('env', `-${ch}`);
        continue;
      }
      value = j + 1 < v.length ? { ...a, value: v.slice(j + 1) } : pending.pop();
      split = ch === 'S';
      folder = ch === 'C';
      break;
    }
  }
  if (folder && value !== undefined) chdir.folder = value;
  // `env -u $(echo X rm -rf y)`: a value that splits at run time may hold the command as well.
  if (value?.split === true && !split) return 'env option value is not static, so where the command starts is unknown';
  if (!split || value === undefined) return null;
  const words = splitString(value);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (w !== undefined) pending.push(w);
  }
  return null;
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
