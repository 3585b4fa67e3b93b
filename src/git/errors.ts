// Error types of the git layer. Each carries a one-line message that the CLI can print as the
// "could not judge" reason (exit 2) without a stack trace.

/** Render an argument list for a one-line message: control characters and odd spacing escaped. */
export function describeArgs(args: readonly string[]): string {
  const shown = args.map((a) => (/^[\w@%+=:,./^{}~-]+$/.test(a) ? a : JSON.stringify(a)));
  const text = shown.join(' ');
  // A message is printed in annotations and PR comments; an enormous argv helps nobody.
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** The first non-empty line of git's stderr, without the "fatal: " / "error: " noise kept. */
export function firstLine(stderr: Buffer | string): string {
  const text = typeof stderr === 'string' ? stderr : stderr.toString('utf8');
  for (const line of text.split(/\r?\n/)) {
    // git can print one message twice with nothing between (`fatal: xfatal: x`).
    const trimmed = line.trim().replace(/^(.{8,}?)\1+$/, '$1');
    if (trimmed !== '') return trimmed.length > 300 ? `${trimmed.slice(0, 297)}...` : trimmed;
  }
  return '';
}

/** A git command could not be started or exited with an unexpected status. */
export class GitError extends Error {
  override readonly name = 'GitError';
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: readonly string[], exitCode: number | null, stderr: Buffer | string, detail?: string) {
    const reason = detail ?? (firstLine(stderr) || (exitCode === null ? 'killed' : `exit code ${exitCode}`));
    super(`git ${describeArgs(args)}: ${reason}`);
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = typeof stderr === 'string' ? stderr : stderr.toString('utf8');
  }
}

export type IncompleteHistoryKind =
  | 'shallow'
  | 'missing-base'
  | 'missing-head'
  | 'no-merge-base'
  | 'grafts';

/** The fix named in every incomplete-history message (SPEC 6.3). */
export const HISTORY_FIX =
  'fetch the full history (actions/checkout: `fetch-depth: 0`; locally: `git fetch --unshallow`)';

/**
 * The range cannot be judged from the objects present: judging it anyway could take a cut-off
 * commit for a root or skip commits, so the gate must stop (exit 2) instead.
 */
export class IncompleteHistoryError extends Error {
  override readonly name = 'IncompleteHistoryError';
  readonly kind: IncompleteHistoryKind;
  /** The commit or ref the problem was found at, when there is one. */
  readonly at: string | null;

  constructor(kind: IncompleteHistoryKind, what: string, at: string | null = null) {
    super(`incomplete history: ${what}; ${HISTORY_FIX}`);
    this.kind = kind;
    this.at = at;
  }
}

/** A ref from an event payload or the command line is not acceptable. */
export class InvalidRefError extends Error {
  override readonly name = 'InvalidRefError';
}
