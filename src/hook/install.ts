// `agent-gate install` / `uninstall`: write the pre-commit and commit-msg hooks where git will run
// them (core.hooksPath, husky), keep whatever hook was there, and undo exactly that.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { firstLine } from '../git/errors.ts';
import type { Git } from '../git/exec.ts';
import { textOf } from '../git/exec.ts';

export const HOOKS = ['pre-commit', 'commit-msg'] as const;
export const BEGIN = '# >>> agent-gate >>>';
export const END = '# <<< agent-gate <<<';
/** The hook that was there before, run first by ours. */
export const CHAINED = '.agent-gate-chained';
/** The hook --force replaced, restored by uninstall. */
export const BACKUP = '.agent-gate-backup';

export interface HookTarget {
  /** Where git runs hooks from (core.hooksPath or .git/hooks). */
  dir: string;
  /** husky keeps hooks as shell snippets in .husky/, which its own wrappers in .husky/_ run. */
  husky: boolean;
  /** Set when husky is used but not set up in this clone yet: the hooks run once it is. */
  notice?: string;
}

export async function findHookTarget(git: Git): Promise<HookTarget> {
  const top = await git.exec(['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) {
    // git also stops here when the repository's own configuration is unusable (a core.hooksPath
    // of `~nosuchuser/...`); "not inside a work tree" would send the user looking in the wrong place.
    const why = firstLine(top.stderr);
    if (why === '' || /not a git repository|must be run in a work tree/.test(why)) throw new GateError('install: not inside a git work tree; run it from your repository');
    throw new GateError(`install: git cannot read this repository (${why})`);
  }
  const root = textOf(top.stdout).trim();
  // git itself resolves core.hooksPath here (`~/`, relative to the work tree, absolute), so the
  // folder is the one git runs hooks from; a lookup of our own would drift from git's rules.
  const hooks = await git.exec(['rev-parse', '--git-path', 'hooks']);
  if (hooks.exitCode !== 0) throw new GateError(`install: git cannot resolve its hooks folder (check core.hooksPath): ${firstLine(hooks.stderr) || `exit code ${hooks.exitCode}`}`);
  const dir = resolve(git.cwd, textOf(hooks.stdout).trim());
  // Only whether core.hooksPath is set matters here (a husky clone not set up yet), not its value.
  const setting = await git.exec(['config', '--get', 'core.hooksPath']);
  const configured = setting.exitCode === 0 && textOf(setting.stdout).trim() !== '';
  const huskyDir = join(root, '.husky');
  if (dir === join(huskyDir, '_') || dir === huskyDir) return { dir: huskyDir, husky: true };
  // A fresh clone of a husky project has .husky/ but no core.hooksPath until husky's own install
  // runs; hooks written to .git/hooks now would be bypassed silently from then on.
  if (!configured && isFolder(huskyDir)) {
    return { dir: huskyDir, husky: true, notice: `husky is not set up in this clone yet (core.hooksPath is unset): the hooks in .husky/ run once it is (npm install, or npx husky)` };
  }
  return { dir, husky: false };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The block that runs agent-gate: the repository's own install first, then the CLI that ran
 * `install`, then one on PATH, then npx. A hook that finds none fails closed.
 */
export function hookBlock(hook: string, cliPath: string, chained: string | null, notes: readonly string[] = []): string {
  const lines = [BEGIN, '# Installed by `agent-gate install`; `agent-gate uninstall` removes it.', ...notes];
  if (chained !== null) lines.push(`"$(dirname "$0")/${chained}" "$@" || exit $?`);
  lines.push(
    'agent_gate_run() {',
    '  if [ -x ./node_modules/.bin/agent-gate ]; then ./node_modules/.bin/agent-gate "$@"',
    `  elif [ -f ${shellQuote(cliPath)} ]; then node ${shellQuote(cliPath)} "$@"`,
    '  elif command -v agent-gate >/dev/null 2>&1; then agent-gate "$@"',
    '  elif command -v npx >/dev/null 2>&1; then npx --no-install agent-gate "$@"',
    `  else echo "agent-gate: the ${hook} hook cannot find agent-gate (npm i -D agent-gate, or run agent-gate uninstall)" >&2; return 2; fi`,
    '}',
    `agent_gate_run hook ${hook} "$@" || exit $?`,
    END,
  );
  return lines.join('\n') + '\n';
}

function hasBlock(text: string): boolean {
  return text.includes(BEGIN) && text.includes(END);
}

function withoutBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return text;
  return text.slice(0, start) + text.slice(end + END.length).replace(/^\n/, '');
}

export interface InstallReport { lines: string[] }

const SHEBANG = '#!/usr/bin/env sh\n';
/** In a husky file's block: what install changed outside the block, so uninstall can undo it. */
const RESTORE = '# agent-gate restore: ';

interface HuskyRestore {
  /** install created the file. */
  created?: boolean;
  /** The file was empty; install wrote the shebang line. */
  shebang?: boolean;
  /** The file had no final newline; install added one. */
  newline?: boolean;
  /** The file's permission bits (octal) before install made it executable. */
  mode?: string;
}

function restoreOf(text: string): HuskyRestore | null {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return null;
  for (const line of text.slice(start, end).split('\n')) {
    if (!line.startsWith(RESTORE)) continue;
    try {
      const value = JSON.parse(line.slice(RESTORE.length)) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as HuskyRestore;
    } catch {
      // An unreadable record is as good as none.
    }
  }
  return null;
}

function installHusky(file: string, hook: string, cliPath: string, out: string[]): void {
  const existed = existsSync(file);
  const before = existed ? readFileSync(file, 'utf8') : '';
  // husky runs the snippet with sh: whatever it held runs first, then agent-gate.
  const kept = withoutBlock(before);
  const previous = hasBlock(before) ? restoreOf(before) : null;
  let restore: HuskyRestore;
  let base: string;
  if (previous !== null) {
    // Reinstall: what install changed the first time is already in `kept`.
    restore = previous;
    base = kept === '' || kept.endsWith('\n') ? kept : kept + '\n';
  } else {
    restore = {};
    if (!existed) restore.created = true;
    else {
      const mode = statSync(file).mode & 0o777;
      if (mode !== 0o755) restore.mode = mode.toString(8).padStart(4, '0');
    }
    if (kept === '') {
      base = SHEBANG;
      if (existed) restore.shebang = true;
    } else if (!kept.endsWith('\n')) {
      base = kept + '\n';
      restore.newline = true;
    } else base = kept;
  }
  writeFileSync(file, base + hookBlock(hook, cliPath, null, [RESTORE + JSON.stringify(restore)]));
  chmodSync(file, 0o755);
  out.push(`${file}: ${!existed ? 'created' : hasBlock(before) ? 'updated' : 'added agent-gate after the existing commands'}`);
}

function uninstallHusky(file: string, text: string, out: string[]): void {
  const restore = restoreOf(text);
  let rest = withoutBlock(text);
  if (restore === null) {
    // A block without a record (an older install): remove what is only ours.
    if (rest.trim() === '' || rest === SHEBANG) { rmSync(file); out.push(`${file}: removed`); }
    else { writeFileSync(file, rest); out.push(`${file}: agent-gate lines removed`); }
    return;
  }
  if (restore.created === true && (rest === '' || rest === SHEBANG)) { rmSync(file); out.push(`${file}: removed`); return; }
  if (restore.shebang === true && rest === SHEBANG) rest = '';
  if (restore.newline === true && rest.endsWith('\n')) rest = rest.slice(0, -1);
  writeFileSync(file, rest);
  if (typeof restore.mode === 'string' && /^[0-7]{3,4}$/.test(restore.mode)) chmodSync(file, parseInt(restore.mode, 8));
  out.push(`${file}: agent-gate lines removed`);
}

/** What install does to one plain hook; decided for every hook before any file is touched. */
type PlainPlan = 'fresh' | 'update' | 'chain' | 'replace';

function planPlain(dir: string, hook: string, force: boolean): PlainPlan {
  const file = join(dir, hook);
  const chainedName = hook + CHAINED;
  const backup = join(dir, hook + BACKUP);
  if (!existsSync(file) && !isLink(file)) return 'fresh';
  const st = lstatSync(file);
  const text = st.isFile() ? readFileSync(file, 'utf8') : '';
  if (hasBlock(text)) return 'update';
  const runnable = st.isFile() && (st.mode & 0o111) !== 0;
  const chainTaken = existsSync(join(dir, chainedName)) || isLink(join(dir, chainedName));
  // A hook that can be chained is kept and runs first, with or without --force.
  if (runnable && !chainTaken) return 'chain';
  if (!force) {
    const why = chainTaken ? `${chainedName} already exists` : 'it is not an executable file';
    throw new GateError(`install: ${file} exists and cannot be chained (${why}); rerun with --force to replace it (a backup is kept)`);
  }
  if (existsSync(backup) || isLink(backup)) throw new GateError(`install: ${backup} already exists; move it away first so no hook is lost`);
  return 'replace';
}

function installPlain(dir: string, hook: string, cliPath: string, plan: PlainPlan, out: string[]): void {
  const file = join(dir, hook);
  const chainedName = hook + CHAINED;
  const chained = join(dir, chainedName);
  const backup = join(dir, hook + BACKUP);
  let chain: string | null = existsSync(chained) ? chainedName : null;
  if (plan === 'replace') {
    renameSync(file, backup);
    out.push(`${file}: replaced (--force); the old hook is kept as ${basename(backup)}`);
    chain = null;
  } else if (plan === 'chain') {
    renameSync(file, chained);
    chain = chainedName;
    out.push(`${file}: the existing hook is kept as ${chainedName} and runs first`);
  }
  writeFileSync(file, '#!/bin/sh\n' + hookBlock(hook, cliPath, chain));
  chmodSync(file, 0o755);
  out.push(`${file}: installed`);
}

function isFolder(path: string): boolean {
  try { return lstatSync(path).isDirectory(); } catch { return false; }
}

function isLink(path: string): boolean {
  try { return lstatSync(path).isSymbolicLink(); } catch { return false; }
}

/**
 * husky runs a snippet top to bottom with sh, and agent-gate goes at its end: an `exit` line of
 * its own before that would skip agent-gate every time, silently.
 */
function checkHuskySnippet(file: string, hook: string, force: boolean): void {
  if (force || !existsSync(file)) return;
  const lines = withoutBlock(readFileSync(file, 'utf8')).split('\n');
  const at = lines.findIndex((l) => /^\s*exit(?:\s|;|$)/.test(l));
  if (at < 0) return;
  throw new GateError(`install: ${file} line ${at + 1} ("${lines[at]?.trim() ?? ''}") ends the hook before agent-gate would run at its end; remove that line, or pass --force to install anyway and call agent-gate hook ${hook} above it yourself`);
}

export function install(target: HookTarget, cliPath: string, force: boolean): InstallReport {
  // Every refusal happens before the first change, so a refused install leaves nothing behind.
  if (target.husky) for (const hook of HOOKS) checkHuskySnippet(join(target.dir, hook), hook, force);
  const plans = target.husky ? [] : HOOKS.map((hook) => planPlain(target.dir, hook, force));
  mkdirSync(target.dir, { recursive: true });
  const lines: string[] = [];
  HOOKS.forEach((hook, i) => {
    if (target.husky) installHusky(join(target.dir, hook), hook, cliPath, lines);
    else installPlain(target.dir, hook, cliPath, plans[i] as PlainPlan, lines);
  });
  return { lines };
}

export function uninstall(target: HookTarget): InstallReport {
  const lines: string[] = [];
  for (const hook of HOOKS) {
    const file = join(target.dir, hook);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (!hasBlock(text)) { lines.push(`${file}: no agent-gate hook`); continue; }
    if (target.husky) { uninstallHusky(file, text, lines); continue; }
    const chained = join(target.dir, hook + CHAINED);
    const backup = join(target.dir, hook + BACKUP);
    rmSync(file);
    if (existsSync(chained)) { renameSync(chained, file); lines.push(`${file}: restored the hook that was there before`); }
    else if (existsSync(backup)) { renameSync(backup, file); lines.push(`${file}: restored the hook replaced by --force`); }
    else lines.push(`${file}: removed`);
  }
  return { lines };
}

