// What an octopus merge (three or more parents) wrote beyond the automatic merge. Neither
// `--diff-merges=remerge` nor `merge-tree` takes more than two parents, and a combined diff misses
// a merge that keeps one parent's version of a path while another parent changed it (dropping a
// fix to a protected file, say). So the automatic result is worked out path by path.
import { diffTree } from './difftree.ts';
import type { Git } from './exec.ts';
import { GitError } from './errors.ts';
import { emptyTreeId, isObjectId } from './ids.ts';
import type { Change } from './rawdiff.ts';

const ABSENT_MODE = '000000';

/** One version of a path: its mode and object id (mode 000000 when absent). */
interface Version { mode: string; id: string }

const same = (a: Version, b: Version): boolean => a.mode === b.mode && a.id === b.id;

/** The raw diff `from`..`to`, keyed by the path's bytes. */
async function diffByPath(git: Git, from: string, to: string): Promise<Map<string, Change>> {
  return new Map((await diffTree(git, from, to)).map((c) => [c.path.toString('latin1'), c]));
}

/** The octopus merge base of `parents`, or the empty tree when they share no history. */
async function octopusBase(git: Git, sha: string, parents: readonly string[]): Promise<string> {
  const args = ['merge-base', '--octopus', '--end-of-options', ...parents];
  const res = await git.exec(args);
  const base = res.stdout.toString('latin1').trim();
  if (res.exitCode === 0 && isObjectId(base)) return base;
  // Exit 1 with no output: unrelated histories.
  if (res.exitCode === 1 && base === '') return emptyTreeId(sha);
  throw new GitError(args, res.exitCode, res.stderr);
}

/**
 * The automatic result for one path: the base version when no parent changed it, the one version
 * the parents changed it to, or null when parents changed it in different ways. git would then
 * merge file contents; whatever the merge holds is judged as the merger's write (fail-closed: a
 * clean content merge of such a path is reported too).
 */
function automaticVersion(base: Version, parents: readonly Version[]): Version | null {
  let changed: Version | null = null;
  for (const v of parents) {
    if (same(v, base)) continue;
    if (changed !== null && !same(changed, v)) return null;
    changed = v;
  }
  return changed ?? base;
}

function statusOf(before: Version, after: Version): Change['status'] {
  if (before.mode === ABSENT_MODE) return 'A';
  if (after.mode === ABSENT_MODE) return 'D';
  return before.mode.slice(0, 2) === after.mode.slice(0, 2) ? 'M' : 'T';
}

/**
 * Paths the octopus merge `sha` wrote beyond the automatic merge of its parents, each against the
 * automatic version (against the first parent's where there is none), so log files are compared
 * with what they would have been.
 */
export async function octopusChanges(git: Git, sha: string, parents: readonly string[]): Promise<Change[]> {
  const base = await octopusBase(git, sha, parents);
  const [fromBase, ...fromParents] = await Promise.all([base, ...parents].map((from) => diffByPath(git, from, sha)));
  const keys = new Set<string>();
  for (const d of fromParents) for (const k of d.keys()) keys.add(k);
  const out: Change[] = [];
  for (const key of [...keys].sort()) {
    const any = fromParents.find((d) => d.has(key))?.get(key) as Change;
    const result: Version = { mode: any.newMode, id: any.newId };
    // A path missing from a diff is the same there as in the merge.
    const versionIn = (d: Map<string, Change> | undefined): Version => {
      const c = d?.get(key);
      return c === undefined ? result : { mode: c.oldMode, id: c.oldId };
    };
    const parentVersions = fromParents.map(versionIn);
    const expected = automaticVersion(versionIn(fromBase), parentVersions);
    if (expected !== null && same(expected, result)) continue;
    const before = expected ?? (parentVersions[0] as Version);
    out.push({
      status: statusOf(before, result), oldMode: before.mode, newMode: result.mode, oldId: before.id, newId: result.id,
      path: any.path, pathText: any.pathText,
    });
  }
  return out;
}
