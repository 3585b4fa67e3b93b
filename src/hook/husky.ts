// husky keeps hooks as shell snippets in .husky/ that its wrappers (or git, before v9) run with sh,
// top to bottom. agent-gate is appended to the snippet, so the user's commands run first, and
// uninstall undoes exactly what install changed. A snippet that may end before its last line
// (snippet.ts decides, failing closed) would skip agent-gate silently: it is refused, or with
// --force replaced and kept as a backup.
import { chmodSync, lstatSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GateError } from '../errors.ts';
import { BACKUP, BEGIN, END, hasBlock, hookBlock, taken, withoutBlock } from './block.ts';
import { earlyEnd } from './snippet.ts';

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
  /** install --force replaced the file; the old one is the backup next to it. */
  replaced?: boolean;
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

/** The file as it was before any agent-gate install: its text (null: there was none) and mode. */
function original(file: string, text: string): { text: string | null; mode: number } {
  const mode = statSync(file).mode & 0o777;
  if (!hasBlock(text)) return { text, mode };
  const restore = restoreOf(text);
  let rest = withoutBlock(text);
  // A block without a record (an older install): only what is ours goes.
  if (restore === null) return { text: rest.trim() === '' || rest === SHEBANG ? null : rest, mode };
  if (restore.created === true && (rest === '' || rest === SHEBANG)) return { text: null, mode };
  if (restore.shebang === true && rest === SHEBANG) rest = '';
  if (restore.newline === true && rest.endsWith('\n')) rest = rest.slice(0, -1);
  const before = typeof restore.mode === 'string' && /^[0-7]{3,4}$/.test(restore.mode) ? parseInt(restore.mode, 8) : mode;
  return { text: rest, mode: before };
}

export type HuskyPlan = 'append' | 'replace';

/** Decided for every hook before any file is touched, so a refusal changes nothing. */
export function planHusky(file: string, force: boolean): HuskyPlan {
  if (!taken(file)) return 'append';
  if (!lstatSync(file).isFile()) {
    if (!force) throw new GateError(`install: ${file} is not a regular file, so agent-gate cannot be added to it; rerun with --force to replace it (a backup is kept)`);
  } else {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = earlyEnd(start < 0 ? text : text.slice(0, start));
    if (end === null) return 'append';
    if (!force) throw new GateError(`install: ${file} line ${end.line} ("${end.text}") can end the hook before agent-gate would run at its end: it ${end.why}; remove or change that line, or rerun with --force to replace the hook (a backup is kept)`);
  }
  const backup = file + BACKUP;
  if (taken(backup)) throw new GateError(`install: ${backup} already exists; move it away first so no hook is lost`);
  return 'replace';
}

function replaceHusky(file: string, hook: string, cliPath: string, out: string[]): void {
  const backup = file + BACKUP;
  const st = lstatSync(file);
  const text = st.isFile() ? readFileSync(file, 'utf8') : null;
  if (text !== null && hasBlock(text)) {
    // The backup is the user's own snippet, without the block an earlier install appended.
    const was = original(file, text);
    writeFileSync(backup, was.text ?? '');
    chmodSync(backup, was.mode);
    rmSync(file);
  } else renameSync(file, backup);
  writeFileSync(file, SHEBANG + hookBlock(hook, cliPath, null, [RESTORE + JSON.stringify({ replaced: true })]));
  chmodSync(file, 0o755);
  out.push(`${file}: replaced (--force); the old hook is kept as ${basename(backup)}`);
}

export function installHusky(file: string, hook: string, cliPath: string, plan: HuskyPlan, out: string[]): void {
  if (plan === 'replace') { replaceHusky(file, hook, cliPath, out); return; }
  const existed = taken(file);
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

export function uninstallHusky(file: string, text: string, out: string[]): void {
  if (restoreOf(text)?.replaced === true) {
    rmSync(file);
    const backup = file + BACKUP;
    if (taken(backup)) { renameSync(backup, file); out.push(`${file}: restored the hook replaced by --force`); }
    else out.push(`${file}: removed (its backup ${basename(backup)} is gone)`);
    return;
  }
  const was = original(file, text);
  if (was.text === null) { rmSync(file); out.push(`${file}: removed`); return; }
  writeFileSync(file, was.text);
  chmodSync(file, was.mode);
  out.push(`${file}: agent-gate lines removed`);
}
