// The agent-gate block that install writes into a hook file, and the names of the files it keeps
// next to it; shared by plain hooks (.git/hooks, core.hooksPath) and husky snippets.
import { lstatSync } from 'node:fs';

export const HOOKS = ['pre-commit', 'commit-msg'] as const;
export const BEGIN = '# >>> agent-gate >>>';
export const END = '# <<< agent-gate <<<';
/** The hook that was there before, run first by ours. */
export const CHAINED = '.agent-gate-chained';
/** The hook --force replaced, restored by uninstall. */
export const BACKUP = '.agent-gate-backup';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The hook kept before ours: its file name, and the shell that reads it (see chainedShell). */
export interface ChainedHook {
  name: string;
  shell: string | null;
}

/** Shells that read a file `.` hands them as they read it run (`$0` is then the -c name). */
const SOURCING_SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'ash', 'mksh']);

/**
 * The command line of the shell that reads a kept hook under the hook's own name, or null to run
 * the file as it is. Only a hook that reads `$0` (`basename "$0"` to dispatch, as husky 1-4 does,
 * or `dirname "$0"` to load files next to it) needs its name kept; it is then read by the shell
 * its `#!` line names (the kernel passes the rest of that line as one argument; none means sh, as
 * git runs it). Sourcing changes what a hook can tell about itself, so a hook that checks how it
 * was started (`BASH_SOURCE`, a top-level `return`), a binary, or an unusual `#!` line runs as it is.
 */
export function chainedShell(text: string): string | null {
  if (text.includes('\0') || !/\$\{?0(?![0-9])/.test(text) || /BASH_SOURCE|\breturn\b/.test(text)) return null;
  if (!text.startsWith('#!')) return '/bin/sh';
  const line = (text.split('\n', 1)[0] ?? '').slice(2).trim();
  const space = line.search(/[ \t]/);
  const program = space < 0 ? line : line.slice(0, space);
  const arg = space < 0 ? '' : line.slice(space).trim();
  const base = program.slice(program.lastIndexOf('/') + 1);
  const shell = base === 'env' ? arg : base;
  if (!SOURCING_SHELLS.has(shell) || program === '' || /[\0\r\uFFFD]/.test(line)) return null;
  // `#!/bin/sh -e` passes options; `#!/bin/sh -` or `--` ends them, which `-c` must not follow.
  if (base !== 'env' && arg !== '' && !/^-[a-zA-Z]+$/.test(arg)) return arg === '-' || arg === '--' ? shellQuote(program) : null;
  return arg === '' ? shellQuote(program) : `${shellQuote(program)} ${shellQuote(arg)}`;
}

/**
 * The block that runs agent-gate: the CLI that ran `install`, then one on PATH, then npx. Never a
 * program found in the work tree first (`./node_modules/.bin/agent-gate`): a commit could bring
 * one, and it would stand in for the gate on every commit, a human's too. A hook that finds none
 * fails closed.
 */
export function hookBlock(hook: string, cliPath: string, chained: ChainedHook | null, notes: readonly string[] = []): string {
  const lines = [BEGIN, '# Installed by `agent-gate install`; `agent-gate uninstall` removes it.', ...notes];
  if (chained?.shell === null) lines.push(`"$(dirname "$0")/${chained.name}" "$@" || exit $?`);
  else if (chained !== null) lines.push(`AGENT_GATE_CHAINED="$(dirname "$0")/${chained.name}" ${chained.shell} -c '. "$AGENT_GATE_CHAINED"' "$0" "$@" || exit $?`);
  const packageDir = cliPath.replace(/\/dist\/[^/]*$/, '');
  lines.push(
    // `npm i -D agent-gate` puts the gate in the work tree, where git ignores it, but a branch
    // that tracks a file there overwrites it on checkout. Git runs the hook in the work tree's top
    // folder, so only a copy below it (or npx, which looks in ./node_modules first) is checked.
    'agent_gate_tracked() {',
    `  [ -n "$(git ls-files -- "$@" 2>/dev/null)" ] && echo "agent-gate: the ${hook} hook will not run agent-gate from files git tracks here ($*), which a checkout could have replaced; untrack them (git rm -r --cached PATH) or install agent-gate outside the work tree" >&2`,
    '}',
    'agent_gate_run() {',
    `  if [ -f ${shellQuote(cliPath)} ]; then`,
    // `cd -P .` makes $PWD the physical folder (as install wrote cliPath) without a subshell.
    `    cd -P . 2>/dev/null; case ${shellQuote(cliPath)} in "$PWD"/*) ! agent_gate_tracked ${shellQuote(packageDir)} || return 2;; esac`,
    `    node ${shellQuote(cliPath)} "$@"`,
    '  elif command -v agent-gate >/dev/null 2>&1; then agent-gate "$@"',
    '  elif command -v npx >/dev/null 2>&1; then',
    '    ! agent_gate_tracked node_modules/agent-gate node_modules/.bin/agent-gate || return 2',
    '    npx --no-install agent-gate "$@"',
    `  else echo "agent-gate: the ${hook} hook cannot find agent-gate (npm i -D agent-gate, or run agent-gate uninstall)" >&2; return 2; fi`,
    '}',
    `agent_gate_run hook ${hook} "$@" || exit $?`,
    END,
  );
  return lines.join('\n') + '\n';
}

export function hasBlock(text: string): boolean {
  return text.includes(BEGIN) && text.includes(END);
}

export function withoutBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return text;
  return text.slice(0, start) + text.slice(end + END.length).replace(/^\n/, '');
}

/**
 * Whether agent-gate's block in `text` runs the kept hook `name` first: install chains the hook
 * it found, but not one --force replaced, so this says which kept file the hook stands in for.
 */
export function blockRuns(text: string, name: string): boolean {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  return start >= 0 && end > start && text.slice(start, end).includes(`"$(dirname "$0")/${name}"`);
}

/** `text` with agent-gate's block replaced by `block`, everything around it as it was. */
export function replaceBlock(text: string, block: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return text + block;
  return text.slice(0, start) + block + text.slice(end + END.length).replace(/^\n/, '');
}

export function isFolder(path: string): boolean {
  try { return lstatSync(path).isDirectory(); } catch { return false; }
}

/** Something (a file, a folder, a dangling link) is at `path`. */
export function taken(path: string): boolean {
  try { lstatSync(path); return true; } catch { return false; }
}
