// Which changes touch a command log (SPEC 8). Kept apart from the judging in logs.ts, so the hook
// can find out cheaply whether it needs the log replay (and the shell analyser) at all.
import type { Change } from '../git/rawdiff.ts';
import { compileFsPattern } from '../match/fs.ts';
import { canonicalPath } from '../match/path.ts';

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
  // The `.gitignore` at the top of a log folder (for record's lock files) is git's, not a log: it
  // is judged as a path. One further down is a log like any other file there. A pattern that
  // names no plain folder (`logs/*/x.jsonl`) leaves every `.gitignore` it matches to git.
  // Folders are compared in canonical form: on a case-insensitive disk `record` writes into an
  // existing `.Agent-Gate/log/`, and git commits that spelling (audit 36, AD-5).
  const plain = patterns.map((p) => /^([^*?[\]{}!]+)\/\*\*$/.exec(p)?.[1]);
  const folders = plain.filter((p): p is string => p !== undefined).map(canonicalPath);
  const tops = new Set(folders.map((p) => `${p}/.gitignore`));
  const anyGitignore = plain.some((p) => p === undefined);
  const exempt = (canonical: string): boolean => tops.has(canonical) || (anyGitignore && (canonical === '.gitignore' || canonical.endsWith('/.gitignore')));
  // A change at a log folder itself, or above it, is a file, a link or a gitlink standing where the
  // logs are (`.agent-gate/log -> ../elsewhere`): judged as a log, which must be a regular file.
  const standsFor = (canonical: string): boolean => folders.some((f) => f === canonical || f.startsWith(`${canonical}/`));
  return {
    test: (path) => {
      const canonical = canonicalPath(path);
      return !exempt(canonical) && (standsFor(canonical) || compiled.some((c) => c.testRaw(path) || c.testCanonical(canonical)));
    },
  };
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

