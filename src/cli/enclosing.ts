// The repositories around a workspace, and the most restrictive answer across them, as
// `record --enforce` and `explain` judge a call.
import { dirname, resolve } from 'node:path';
import { findRepositoryRoot } from '../policy/source.ts';
import { EFFECT_RANK, type Explanation, type PolicyFile } from '../policy/types.ts';
import { physicalPath } from './physical.ts';

/**
 * The repositories a process started in `folder` belongs to, the one git uses first. git starts
 * from the physical folder (a process's working folder has its links resolved), so a folder reached
 * through a link from outside lies in the repository it really is in (audit 35, ZZ-1: `/tmp/l ->
 * REPO/secrets` was in no repository, and REPO's rules were skipped). The repository around the
 * folder as spelled, when it is another one, follows; when it is the same, its spelling is kept.
 */
export function repositoriesOf(folder: string): string[] {
  const spelled = findRepositoryRoot(folder);
  const physical = findRepositoryRoot(physicalPath(resolve(folder)));
  if (physical === null) return spelled === null ? [] : [spelled];
  if (spelled === null) return [physical];
  return physicalPath(spelled) === physical ? [spelled] : [physical, spelled];
}

/** `roots` and the repositories around each, without repeats. */
export function withEnclosing(roots: readonly string[]): string[] {
  return [...new Set(roots.flatMap((r) => [r, ...enclosingRoots(r)]))];
}

/**
 * The repositories around `root`, nearest first. An agent can make a repository inside the
 * workspace (`git init src/x`, a policy file of its own in it) and move its shell there; a call
 * from inside is still a call in every repository around it.
 */
export function enclosingRoots(root: string): string[] {
  const out: string[] = [];
  for (let inner = root; ;) {
    const up = dirname(inner);
    const outer = up === inner ? null : findRepositoryRoot(up);
    if (outer === null) return out;
    out.push(outer);
    inner = outer;
  }
}

/** Whether a repository's own (workspace) policy among `files` says `failOn: ask`: see mergeEnclosing. */
export function failsOnAsk(files: readonly PolicyFile[]): boolean {
  return files.some((f) => f.scope === 'workspace' && f.failOn === 'ask');
}

/**
 * The most restrictive answer for each request: the repository holding the call first, then each
 * one around it. An enclosing repository counts only where one of its rules decides (deny, or ask by
 * a rule): its "no rule matched" says nothing about a file it does not track (a home folder kept
 * in git would make every call ask). One whose own policy says `failOn: ask` (`askingRoots`) asked
 * for exactly that, so its "no rule matched" counts too: else a repository the agent made inside
 * it, with a permissive policy of its own, turned that into nothing (audit 43, AX-1).
 */
export function mergeEnclosing(results: Explanation[][], roots: string[], where = (root: string): string => `in the enclosing repository ${JSON.stringify(root)}`, askingRoots: ReadonlySet<string> = new Set()): Explanation[] {
  const [own = [], ...outer] = results;
  return own.map((mine, i) => {
    let best = mine;
    outer.forEach((list, k) => {
      const theirs = list[i];
      const unmatchedCounts = askingRoots.has(roots[k + 1] ?? '');
      if (theirs === undefined || (theirs.rule === null && !unmatchedCounts) || theirs.effect === 'allow' || EFFECT_RANK[theirs.effect] <= EFFECT_RANK[best.effect]) return;
      best = { ...theirs, reason: `${where(roots[k + 1] ?? '')}: ${theirs.reason}` };
    });
    return best;
  });
}
