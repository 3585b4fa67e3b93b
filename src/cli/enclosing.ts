// The repositories around a workspace, and the most restrictive answer across them, as
// `record --enforce` and `explain` judge a call.
import { dirname } from 'node:path';
import { findRepositoryRoot } from '../policy/source.ts';
import { EFFECT_RANK, type Explanation } from '../policy/types.ts';

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

/**
 * The most restrictive answer for each request: the repository holding the call first, then each
 * one around it. An enclosing repository counts only where one of its rules decides (deny, or ask by
 * a rule): its "no rule matched" says nothing about a file it does not track.
 */
export function mergeEnclosing(results: Explanation[][], roots: string[]): Explanation[] {
  const [own = [], ...outer] = results;
  return own.map((mine, i) => {
    let best = mine;
    outer.forEach((list, k) => {
      const theirs = list[i];
      if (theirs === undefined || theirs.rule === null || theirs.effect === 'allow' || EFFECT_RANK[theirs.effect] <= EFFECT_RANK[best.effect]) return;
      best = { ...theirs, reason: `in the enclosing repository ${JSON.stringify(roots[k + 1])}: ${theirs.reason}` };
    });
    return best;
  });
}
