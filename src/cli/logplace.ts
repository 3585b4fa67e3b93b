// Where `record` writes when no --log is given (SPEC 8): `.agent-gate/log/<session>.jsonl`, unless
// the workspace policy's `logs.paths` moved the logs, in which case a folder those patterns name.
// A log written where check does not look would never be judged.
import { join } from 'node:path';
import { logMatcher } from '../check/logpaths.ts';
import { GateError } from '../errors.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { homeDir, readPolicyFile, somethingAt } from '../policy/source.ts';
import type { PolicyFile } from '../policy/types.ts';

const GLOB = /[*?[\]{}()!+@\\]/;

/**
 * The repository path of the log for `fileName`. `policyFile` is the workspace policy on disk, or
 * null for the default one; `loaded` is that policy when the caller already read it (null: there
 * is none). A policy that cannot be read leaves the default place: without --enforce a broken
 * policy must not stop the record, and check fails on it anyway.
 */
export function defaultLogPath(root: string, policyFile: string | null, loaded: PolicyFile | null | undefined, fileName: string): string {
  const fallback = `.agent-gate/log/${fileName}`;
  const paths = loaded === undefined ? readLogPaths(root, policyFile) : loaded?.logs?.paths;
  if (paths === undefined) return fallback;
  const matcher = logMatcher(paths, homeDir());
  const candidates = [fallback, ...paths.map((p) => literalFolder(p)).filter((f): f is string => f !== null).map((f) => `${f}/${fileName}`)];
  const found = candidates.find((c) => matcher.test(c));
  if (found === undefined) {
    throw new GateError(`record: logs.paths in ${policyFile ?? DEFAULT_POLICY_PATH} names no folder record can write a log to; add one like "logs/agent/**" or pass --log FILE`);
  }
  return found;
}

function readLogPaths(root: string, policyFile: string | null): readonly string[] | undefined {
  const path = policyFile ?? join(root, DEFAULT_POLICY_PATH);
  if (policyFile === null && !somethingAt(path)) return undefined;
  try {
    return readPolicyFile(path, 'workspace').logs?.paths;
  } catch {
    return undefined;
  }
}

/** The folder a pattern's leading literal segments name (`logs/agent/**` -> `logs/agent`), or null. */
function literalFolder(pattern: string): string | null {
  let p = pattern;
  while (p.startsWith('./')) p = p.slice(2);
  if (p.startsWith('/') || p.startsWith('~')) return null;
  const segments = p.split('/');
  const literal: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (s === '' || s === '.' || s === '..' || GLOB.test(s)) break;
    literal.push(s);
  }
  return literal.length === 0 ? null : literal.join('/');
}
