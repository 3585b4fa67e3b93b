// A plain hook (.git/hooks, core.hooksPath): install writes a whole file that runs agent-gate,
// after the hook that was there (kept next to it and chained) or in place of one --force replaced
// (kept as a backup). Lines the user adds to that file later are theirs: reinstall and uninstall
// change only agent-gate's marked block, and uninstall refuses when putting the old hook back
// would drop them.
import { chmodSync, existsSync, lstatSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { GateError } from '../errors.ts';
import { BACKUP, blockRuns, CHAINED, chainedShell, hasBlock, hookBlock, replaceBlock, taken, withoutBlock, type ChainedHook } from './block.ts';

/** What install writes around the block: a file holding more than this has the user's lines too. */
const HEAD = '#!/bin/sh\n';

/** What install does to one plain hook; decided for every hook before any file is touched. */
export type PlainPlan = 'fresh' | 'update' | 'chain' | 'replace';

export function planPlain(dir: string, hook: string, force: boolean): PlainPlan {
  const file = join(dir, hook);
  const chainedName = hook + CHAINED;
  const backup = join(dir, hook + BACKUP);
  if (!taken(file)) return 'fresh';
  const st = lstatSync(file);
  const text = st.isFile() ? readFileSync(file, 'utf8') : '';
  if (hasBlock(text)) return 'update';
  // A link (a hook shared from the work tree or elsewhere) runs what it points to, as git would;
  // renamed next to it, a relative link still points there.
  const link = st.isSymbolicLink();
  const target = link ? statIfAny(file) : st;
  const runnable = target !== null && target.isFile() && (target.mode & 0o111) !== 0;
  const chainTaken = taken(join(dir, chainedName));
  // A hook that can be chained is kept and runs first, with or without --force.
  if (runnable && !chainTaken) return 'chain';
  if (!force) {
    const notRunnable = link ? `it is a symbolic link to ${readlinkSync(file)}, which is not an executable file` : 'it is not an executable file';
    const why = chainTaken ? `${chainedName} already exists` : notRunnable;
    throw new GateError(`install: ${file} exists and cannot be chained (${why}); rerun with --force to replace it (a backup is kept)`);
  }
  if (taken(backup)) throw new GateError(`install: ${backup} already exists; move it away first so no hook is lost`);
  return 'replace';
}

/** The kept hook, run by the shell it is written for under the hook's own name (see chainedShell). */
function keptHook(path: string, name: string): ChainedHook {
  let text = '';
  try { text = readFileSync(path, 'utf8').slice(0, 4096); } catch { text = ''; }
  // A file that cannot be read here is run as it is, as git would have run it.
  return { name, shell: text === '' ? null : chainedShell(text) };
}

function statIfAny(path: string): Stats | null {
  try { return statSync(path); } catch { return null; }
}

export function installPlain(dir: string, hook: string, cliPath: string, plan: PlainPlan, out: string[]): void {
  const file = join(dir, hook);
  const chainedName = hook + CHAINED;
  const chained = join(dir, chainedName);
  const backup = join(dir, hook + BACKUP);
  let chain: ChainedHook | null = existsSync(chained) ? keptHook(chained, chainedName) : null;
  if (plan === 'update') {
    // Only the block is agent-gate's; whatever the user added around it stays as it is. A kept
    // hook the block did not run (one left from before a --force) is not started now.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, replaceBlock(text, hookBlock(hook, cliPath, blockRuns(text, chainedName) ? chain : null)));
    chmodSync(file, (statSync(file).mode & 0o777) | 0o111);
    out.push(`${file}: installed`);
    return;
  }
  if (plan === 'replace') {
    renameSync(file, backup);
    out.push(`${file}: replaced (--force); the old hook is kept as ${basename(backup)}`);
    chain = null;
  } else if (plan === 'chain') {
    renameSync(file, chained);
    chain = keptHook(chained, chainedName);
    out.push(`${file}: the existing hook is kept as ${chainedName} and runs first`);
  }
  writeFileSync(file, HEAD + hookBlock(hook, cliPath, chain));
  chmodSync(file, 0o755);
  out.push(`${file}: installed`);
}

/**
 * How uninstall undoes one plain hook that holds agent-gate's block, decided before any file is
 * touched. The file as install wrote it goes whole, and the hook it stood in for comes back. With
 * lines of the user's in it (anything outside the block differs from what install wrote), only the
 * block goes when there is nothing to put back; when there is, either the user's lines or the old
 * hook would be lost, and that is the user's call: uninstall refuses and says what to do.
 */
export function planUninstallPlain(dir: string, hook: string, text: string): (out: string[]) => void {
  const file = join(dir, hook);
  const chained = join(dir, hook + CHAINED);
  const backup = join(dir, hook + BACKUP);
  // The hook this file stands in for: the one its block runs first, else the one --force
  // replaced. After a --force over a hook that had taken agent-gate's place, both are kept, and
  // the older chained one is not what was running (audit 43, AX-2).
  const runsChained = blockRuns(text, hook + CHAINED) && taken(chained);
  const previous = runsChained ? chained : taken(backup) ? backup : taken(chained) ? chained : null;
  const leftOver = previous === chained && taken(backup) ? backup : previous === backup && taken(chained) ? chained : null;
  const rest = withoutBlock(text);
  if (rest !== HEAD) {
    if (previous !== null) {
      const kept = basename(previous);
      throw new GateError(`uninstall: ${file} has lines that are not agent-gate's (added after install), and uninstall would put ${kept} back in its place; move those lines into ${kept} (or delete them), then rerun agent-gate uninstall`);
    }
    return (out) => {
      writeFileSync(file, rest);
      out.push(`${file}: agent-gate lines removed; the lines you added are kept`);
    };
  }
  return (out) => {
    rmSync(file);
    if (previous === chained) { renameSync(chained, file); out.push(`${file}: restored the hook that was there before`); }
    else if (previous === backup) { renameSync(backup, file); out.push(`${file}: restored the hook replaced by --force`); }
    else out.push(`${file}: removed`);
    if (leftOver !== null) out.push(`${file}: ${basename(leftOver)} is left in place: it is an older hook, not the one agent-gate stood in for last (a hook may still run it); delete it when nothing does`);
  };
}
