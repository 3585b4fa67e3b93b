// Search tools that run a command for what they find (audit JJ-11), as `find -exec` does:
// `fd -x|--exec CMD…` and `fd -X|--exec-batch CMD…` (fdfind on Debian), and ripgrep's `--pre CMD`,
// which runs `CMD PATH` for every file it searches. The walker judges each command as find's.
import { runtimeOptionReason } from './options.ts';
import type { Arg } from './words.ts';

export const SEARCH_TOOLS = new Set(['fd', 'fdfind', 'rg']);

export interface FoundRuns {
  /** Each command, with the words filled in per result standing as `{}`-like placeholders. */
  commands: Arg[][];
  /** Why what runs is not known here, or null. */
  doubt: string | null;
}

/** fd's placeholders for the path it found, and parts of it. */
export const FD_PLACEHOLDER = /\{(?:|\/|\/\/|\.|\/\.)\}/;

/** Stands for the path the tool appends when the command names no placeholder. */
const FOUND_PATH: Arg = { value: '{}', dynamic: null, split: false, pos: -1, end: -1 };

/** fd's short options that take a value: the rest of a cluster, or the next word. */
const FD_SHORT_VALUES = 'dEteSocj';
const FD_LONG_VALUES = new Set([
  '--max-depth', '--min-depth', '--exact-depth', '--exclude', '--type', '--extension', '--size', '--owner', '--color',
  '--threads', '--changed-within', '--changed-before', '--change-newer-than', '--change-older-than', '--newer', '--older',
  '--max-results', '--base-directory', '--search-path', '--path-separator', '--ignore-file', '--format', '--batch-size',
  '--max-buffer-time', '--hyperlink',
]);

export function searchRuns(args: readonly Arg[], name: string): FoundRuns {
  return name === 'rg' ? ripgrepRuns(args) : fdRuns(args, name);
}

function fdRuns(args: readonly Arg[], name: string): FoundRuns {
  const commands: Arg[][] = [];
  const doubt = runtimeOptionReason(args, 1, name);
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) continue;
    const v = a.value;
    let start = -1;
    let attached: Arg | null = null;
    if (v === '--exec' || v === '--exec-batch') start = i + 1;
    else if (v.startsWith('--exec=') || v.startsWith('--exec-batch=')) {
      attached = { ...a, value: v.slice(v.indexOf('=') + 1) };
      start = i + 1;
    } else if (v.startsWith('--')) {
      if (FD_LONG_VALUES.has(v)) i++;
      continue;
    } else if (v.length > 1 && v.startsWith('-')) {
      for (let j = 1; j < v.length; j++) {
        const ch = v[j] ?? '';
        if (ch === 'x' || ch === 'X') {
          if (j + 1 < v.length) attached = { ...a, value: v.slice(j + 1) };
          start = i + 1;
          break;
        }
        if (FD_SHORT_VALUES.includes(ch)) {
          if (j + 1 === v.length) i++;
          break;
        }
      }
    }
    if (start < 0) continue;
    // Every word after it up to a `;` belongs to the command.
    let end = start;
    while (end < args.length && args[end]?.value !== ';') end++;
    const command = [...(attached === null ? [] : [attached]), ...args.slice(start, end)];
    // With no placeholder fd appends the path it found.
    if (command.length > 0) commands.push(command.some((w) => FD_PLACEHOLDER.test(w.value)) ? command : [...command, FOUND_PATH]);
    i = end;
  }
  return { commands, doubt };
}

/** ripgrep's options whose value is a program it runs: `--pre` on each file, `--hostname-bin` once. */
const RG_PROGRAMS = new Set(['--pre', '--hostname-bin']);

function ripgrepRuns(args: readonly Arg[]): FoundRuns {
  const commands: Arg[][] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.value === '--') break;
    const eq = a.value.indexOf('=');
    const option = eq < 0 ? a.value : a.value.slice(0, eq);
    if (a.dynamic !== null || !RG_PROGRAMS.has(option)) continue;
    const value = eq < 0 ? args[++i] : { ...a, value: a.value.slice(eq + 1) };
    // An empty --pre turns preprocessing off.
    if (value === undefined || (value.dynamic === null && value.value === '')) continue;
    commands.push(option === '--pre' ? [value, FOUND_PATH] : [value]);
  }
  return { commands, doubt: runtimeOptionReason(args, 1, 'rg') };
}
