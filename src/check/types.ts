// The contract of `check`: what callers (the CLI, the Action) give it and get back.
import type { FailOn, Report } from '../report/model.ts';

export interface CheckOptions {
  /** Repository working folder (any folder inside it). */
  cwd: string;
  /** Base revision; default: merge-base with the upstream or default branch. */
  base?: string;
  /** Head revision; default HEAD. */
  head?: string;
  /** Base and head come from an event payload: full hex object ids only. */
  eventRefs?: boolean;
  /** The pull request's head branch name, for branch-prefix agent signals. */
  branch?: string;
  /**
   * Workspace policy. `{ disk: FILE }` reads that file as given (the caller vouches for it);
   * `{ repoPath: PATH }` reads PATH from the base commit (default `.github/agent-gate.yml`).
   */
  policy?: { disk: string } | { repoPath: string };
  /** Admin policy: a file on disk, or inline YAML text with a label for messages. */
  adminPolicy?: { disk: string } | { text: string; label: string };
  allCommits?: boolean;
  failOn?: FailOn;
  /** Fetch missing history from this remote before failing closed (the Action uses 'origin'). */
  fetchFrom?: string;
  /** Also fetch the notes ref from this remote when it exists there (the Action uses 'origin'). */
  fetchNotesFrom?: string;
  /** The environment git runs in; default `process.env` (GIT_DIR and the like apply). */
  env?: NodeJS.ProcessEnv;
}

export interface CheckResult {
  report: Report;
  /** Where the workspace policy came from, for hints ("change rule #2 in …"). */
  policyFile: string;
  /** One-line warnings for stderr or the Action log (a look-alike policy file that is not read). */
  warnings: string[];
}
