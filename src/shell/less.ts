// less as a program that runs commands (audit JJ-1): a lesskey file's `#env` section sets LESSOPEN,
// whose command less runs on every file, as the variable does (assignments.ts); a `+CMD` initial
// command is typed as if at the prompt, where `!CMD` and `|` run shell commands (vim's `+CMD`);
// and `-o FILE` logs what less reads into FILE. `lesskey` writes the key file every later less reads.
import { forEachValueOption, runtimeOptionReason, type ValueOption, type ValueOptionTable } from './options.ts';
import { NO_RUNS as NONE, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

interface LessOption extends ValueOption {
  /** A key file (its `#env` section may set LESSOPEN), or a file less writes. */
  names: 'keys' | 'log';
}

// less takes any unambiguous prefix of a long option; an ambiguous one makes it stop, so reading it
// as the first match only tightens.
const LESS: ValueOptionTable<LessOption> = {
  options: [
    { long: 'lesskey-file', short: 'k', min: 3, names: 'keys' }, { long: 'lesskey-src', min: 3, names: 'keys' },
    { long: 'lesskey-content', min: 3, names: 'keys' }, { long: 'log-file', short: 'o', min: 3, names: 'log' },
    { long: 'LOG-FILE', short: 'O', min: 3, names: 'log' },
  ],
  shortWithValue: 'bhjpPtTxyz#D"',
};

/**
 * Initial commands that only move or search: a line number, `G`/`g`/`F`/`p`/`%`, or a search whose
 * pattern holds no control character (a newline would end it and start another command).
 */
const HARMLESS_INITIAL = /^\+\+?(?:\d*[gGFpP%]?|[/?][^\u0000-\u001f\u007f]*)$/;

export const LESS_PROGRAMS = new Set(['less', 'lesskey']);

export function lessRuns(args: readonly Arg[], name: string): Unwrapped {
  return name === 'lesskey' ? lesskeyWrites(args) : lessOptions(args);
}

function lessOptions(args: readonly Arg[]): Unwrapped {
  let forceAsk: string | null = runtimeOptionReason(args, 1, 'less');
  const writes: Array<{ file: Arg; option: string }> = [];
  forEachValueOption(args, 1, LESS, (option, value, spelled) => {
    if (option.names === 'log') writes.push({ file: value, option: `less ${spelled}` });
    else forceAsk ??= `less ${spelled} reads a key file, whose #env section can set LESSOPEN, a command less runs`;
  });
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.value === '--') break;
    if (a.dynamic === null && a.value.startsWith('+') && !HARMLESS_INITIAL.test(a.value)) {
      forceAsk ??= `less ${a.value.slice(0, 40)}: an initial command can run shell commands (!, |) or write files (s, -o)`;
    }
  }
  if (forceAsk === null && writes.length === 0) return NONE;
  return writes.length === 0 ? { ...NONE, forceAsk } : { ...NONE, forceAsk, writes };
}

/** `lesskey [-o FILE] [INPUT]`: without -o it writes ~/.less, the key file every later less reads. */
function lesskeyWrites(args: readonly Arg[]): Unwrapped {
  const writes: Array<{ file: Arg; option: string }> = [];
  forEachValueOption(args, 1, { options: [{ long: 'output', short: 'o' }], shortWithValue: '' }, (_option, value) => {
    writes.push({ file: value, option: 'lesskey -o' });
  });
  const forceAsk = runtimeOptionReason(args, 1, 'lesskey') ??
    (writes.length === 0 ? 'lesskey writes ~/.less, the key file every later less reads, and it can set LESSOPEN, a command less runs' : null);
  return writes.length === 0 ? { ...NONE, forceAsk } : { ...NONE, forceAsk, writes };
}
