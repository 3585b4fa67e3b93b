// The hook's three git reads, started before the rest of the hook's code is loaded and initialised,
// so git works while Node does. Nothing here may import more than the git runner.
import { createGit, type Git } from '../git/exec.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';

export const STAGED_DIFF = ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--ignore-submodules=none', '--no-ext-diff', '--no-textconv', '--no-color'];
const POLICY_FOLDER = DEFAULT_POLICY_PATH.slice(0, DEFAULT_POLICY_PATH.lastIndexOf('/'));
/**
 * Where the hook looks for the default branch's policy, first found first: origin's default branch
 * as this clone last fetched it. The agent chooses HEAD (an older branch, an orphan one), not what
 * CI reads the policy from.
 */
export const DEFAULT_BRANCH_REFS = ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/remotes/origin/master'];

/** The policy file, the folder holding it (whose entry says whether the policy is a file, a link or a gitlink) and the root tree (the same of that folder), at `rev`. */
const policyNames = (rev: string): string => `${rev}:${DEFAULT_POLICY_PATH}\n${rev}:${POLICY_FOLDER}\n${rev}^{tree}\n`;

/** Read in one `cat-file --batch`: git's own MERGE_HEAD, then the policy names at HEAD and at each of DEFAULT_BRANCH_REFS. */
export const STAGED_BATCH_INPUT = `MERGE_HEAD\n${['HEAD', ...DEFAULT_BRANCH_REFS].map(policyNames).join('')}`;

/** The author and committer git will record (GIT_AUTHOR_IDENT, GIT_COMMITTER_IDENT). */
export const IDENT_VARS = ['var', '-l'];

export interface StagedReads {
  diff: Promise<Buffer>;
  batch: Promise<Buffer>;
  ident: Promise<Buffer>;
}

export function startStagedReads(git: Git): StagedReads {
  const reads = { diff: git.run(STAGED_DIFF), batch: git.run(['cat-file', '--batch'], { input: STAGED_BATCH_INPUT }), ident: git.run(IDENT_VARS) };
  // Errors surface where the reads are awaited, not as unhandled rejections in between.
  reads.diff.catch(() => undefined);
  reads.batch.catch(() => undefined);
  reads.ident.catch(() => undefined);
  return reads;
}

let early: { cwd: string; env: NodeJS.ProcessEnv; reads: StagedReads } | null = null;

/** Called by the CLI entry as soon as it sees `hook pre-commit|commit-msg`. */
export function prefetchStagedReads(cwd: string, env: NodeJS.ProcessEnv): void {
  early = { cwd, env, reads: startStagedReads(createGit(cwd, { env })) };
}

/** The reads started early for this folder and environment, once; null otherwise. */
export function takePrefetched(cwd: string, env: NodeJS.ProcessEnv): StagedReads | null {
  const e = early;
  early = null;
  return e !== null && e.cwd === cwd && e.env === env ? e.reads : null;
}
