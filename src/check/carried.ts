// The pull request's own merge: what merging head into base would carry to paths no commit of the
// range wrote (log.ts carriedIntoBase). That merge is made after the check, by whoever merges, so
// it is judged here, as the agent's work it carries.
import type { CompiledPolicy } from '../engine/compile.ts';
import type { Git } from '../git/exec.ts';
import { carriedIntoBase, readBlobs } from '../git/log.ts';
import { EMPTY_TREES } from '../git/range.ts';
import type { Finding } from '../report/model.ts';
import type { CommitInfo } from '../git/log.ts';
import { judgeChanges, type DiffContext } from './diff.ts';

export interface CarriedScope {
  base: string;
  head: string;
  mergeBases: readonly string[];
  /** Whether any commit of the range is judged (agent-made, or every one with --all-commits). */
  judged: boolean;
}

/**
 * What a merge in the range that is not judged itself (a human's "Update branch") carried to
 * paths no commit wrote there (log.ts madeByMerge): the range's agent work may be what it carried
 * (`cfg/a` edited by the agent, `cfg/` moved to `secrets/` on the base branch), so it is judged as
 * the pull request's own merge is, whenever any commit of the range is.
 */
export function carriedByUnjudgedMerges(ctx: DiffContext, commits: readonly CommitInfo[], judged: ReadonlyMap<string, boolean>): Finding[] {
  if (![...judged.values()].some((agent) => agent)) return [];
  const findings: Finding[] = [];
  for (const c of commits) {
    if (c.parents.length < 2 || judged.get(c.sha) === true) continue;
    const carried = c.changes.filter((ch) => ch.carried === true);
    if (carried.length === 0) continue;
    const why = `merge ${c.sha.slice(0, 12)} (not judged itself) carries content here that no commit of the range wrote at this path (a rename on the other side), which may be the agent's work`;
    findings.push(...judgeChanges(ctx, c.sha, carried).map((f) => ({ ...f, reason: `${why}: ${f.reason}` })));
  }
  return findings;
}

export async function carriedFindings(git: Git, policy: CompiledPolicy, policyPaths: readonly string[], scope: CarriedScope): Promise<Finding[]> {
  // A base the head already contains merges as a fast-forward, and a new branch (the empty tree
  // for its base) merges into nothing: nothing is carried.
  if (!scope.judged || scope.base === scope.head || scope.mergeBases.includes(scope.base) || EMPTY_TREES.has(scope.base)) return [];
  const changes = await carriedIntoBase(git, scope.base, scope.head);
  if (changes.length === 0) return [];
  const blobs = await readBlobs(git, changes.filter((c) => c.newMode === '120000').map((c) => c.newId));
  const why = `merging ${scope.head.slice(0, 12)} into the base ${scope.base.slice(0, 12)} carries content here that no commit of the range wrote at this path (a rename on the base branch)`;
  return judgeChanges({ policy, blobs, policyPaths }, scope.head, changes).map((f) => ({ ...f, reason: `${why}: ${f.reason}` }));
}
