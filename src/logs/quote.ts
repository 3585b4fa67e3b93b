// Turning an argv back into one shell command line, for agents that record commands as arrays.
// The text is what the shell analyser parses, so quoting must reproduce the same argv.
import { systemProgram } from '../shell/paths.ts';

const SAFE = /^[A-Za-z0-9_\-+=.,/:@%]+$/;

export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function joinArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
const SCRIPT_FLAGS = new Set(['-c', '-lc', '-cl', '-ic', '-ilc']);

/**
 * The script of a `bash -lc SCRIPT` style wrapper (how Codex runs most commands), or null when
 * argv is anything else. Only the exact three-word form is unwrapped; with more words the shell
 * would see extra positional parameters, so the full argv is kept instead.
 */
export function shellWrapperScript(argv: readonly string[]): string | null {
  if (argv.length !== 3) return null;
  const [shell, flag, script] = argv as [string, string, string];
  const base = systemShellName(shell);
  return base !== null && SHELLS.has(base) && SCRIPT_FLAGS.has(flag) ? script : null;
}

/**
 * A shell's name when `program` is one looked up on PATH or installed in a system folder, as the
 * shell analyser trusts a wrapper, else null: `/repo/src/bash` is a program the agent may have
 * written, and running it is not running bash (audit 45, BB-1).
 */
export function systemShellName(program: string): string | null {
  return program.includes('/') ? systemProgram(program) : program;
}
