// Which changes touch a command log (SPEC 8). Kept apart from the judging in logs.ts, so the hook
// can find out cheaply whether it needs the log replay (and the shell analyser) at all.
import type { Change } from '../git/rawdiff.ts';
import { compileFsPattern } from '../match/fs.ts';

const ZERO_ID = /^0+$/;
const REGULAR = new Set(['100644', '100755']);

export interface LogMatcher {
  test(path: string): boolean;
}

// Every file under the log paths is a log, whatever its name but `.gitignore`: an agent decides
// what it writes there, so a name (`record`'s own `x.jsonl.lock`, say) cannot take lines out of
// the judgement. A committed lock file of `record` is then a broken log, which is why the docs say
// to ignore them.
export function logMatcher(patterns: readonly string[], home: string): LogMatcher {
  const compiled = patterns.map((p) => compileFsPattern(p, home));
  // A `.gitignore` there (for record's lock files) is git's, not a log: it is judged as a path.
  return { test: (path) => !(path === '.gitignore' || path.endsWith('/.gitignore')) && compiled.some((c) => c.testRaw(path)) };
}

export interface LogChange {
  path: string;
  change: Change;
}

/** The changes of a commit that touch a command log. */
export function logChanges(changes: readonly Change[], matcher: LogMatcher): LogChange[] {
  const out: LogChange[] = [];
  for (const change of changes) {
    if (change.pathText !== null && matcher.test(change.pathText)) out.push({ path: change.pathText, change });
  }
  return out;
}

/** Blob ids whose contents the log judgement needs (both sides of every log change). */
export function logBlobIds(changes: readonly LogChange[]): string[] {
  const ids: string[] = [];
  for (const { change } of changes) {
    if (!ZERO_ID.test(change.oldId) && REGULAR.has(change.oldMode)) ids.push(change.oldId);
    if (!ZERO_ID.test(change.newId) && REGULAR.has(change.newMode)) ids.push(change.newId);
  }
  return ids;
}

