// pre-commit leaves a mark naming the staged change it judged, next to the index git passes the
// hooks; commit-msg judges the change again when no mark names it. The commit itself can take the
// pre-commit hook away (`git rm .husky/pre-commit`: husky's wrapper then exits 0, and git runs no
// hook that is not there), and commit-msg took an agent's commit as judged already (audit 44, AZ-1).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Change } from '../git/rawdiff.ts';

/** Where the mark goes: beside the index the commit uses (git sets GIT_INDEX_FILE for both hooks), or null. */
export function judgedMarkPath(cwd: string, env: NodeJS.ProcessEnv): string | null {
  const index = env.GIT_INDEX_FILE;
  return index === undefined || index === '' ? null : `${resolve(cwd, index)}.agent-gate-judged`;
}

/** One value for the staged change: every path with its modes and contents. */
export function stagedDigest(changes: readonly Change[]): string {
  const hash = createHash('sha256');
  for (const c of changes) {
    hash.update(`${c.status} ${c.oldMode} ${c.newMode} ${c.oldId} ${c.newId} `);
    hash.update(c.path);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** A mark that cannot be written only means commit-msg judges the change again. */
export function leaveJudgedMark(path: string, digest: string): void {
  try { writeFileSync(path, digest); } catch { /* judged twice, no harm */ }
}

/** The mark's digest, taken away so a later commit does not find it; null when there is none. */
export function takeJudgedMark(path: string): string | null {
  let digest: string;
  try { digest = readFileSync(path, 'utf8'); } catch { return null; }
  try { rmSync(path, { force: true }); } catch { /* left for the next commit, whose digest differs */ }
  return digest;
}
