// The one sticky pull request comment: found by the hidden marker and our own author, edited in
// place on every run, so a pull request never collects a stack of stale reports. The GitHub API is
// behind a small interface so the life cycle can be tested without a server.
import { createHash } from 'node:crypto';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { COMMENT_MARKER } from '../report/markdown.ts';
import type { CommentMode } from './inputs.ts';

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; type: string } | null;
}

export interface IssueCommentsApi {
  /** Every comment of the issue, all pages. */
  list(issue: number): Promise<IssueComment[]>;
  create(issue: number, body: string): Promise<IssueComment>;
  update(commentId: number, body: string): Promise<IssueComment>;
  /**
   * Login of the token's user, or null when the token cannot say (GITHUB_TOKEN, app tokens: the
   * API refuses them /user). Throws when the lookup itself failed (a timeout, a 5xx).
   */
  viewer(): Promise<string | null>;
}

export type CommentAction = 'create' | 'update' | 'unchanged' | 'none';

export interface CommentOutcome {
  action: CommentAction | 'skipped' | 'failed';
  id?: number;
  /** One line for a warning annotation when the API refused. */
  warning?: string;
}

/** The login GITHUB_TOKEN comments as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * Ours: carries the marker and was written by us. Anyone can paste the marker into a comment, so
 * the author must match too: the token's own login when known, else `github-actions[bot]` (the
 * author of GITHUB_TOKEN's comments, which cannot name itself). Another bot is never taken for us:
 * coding agents comment as bots too (`copilot-swe-agent[bot]`, `claude[bot]`), and a token with
 * write access may edit their comments, which their authors could then turn back into "all clear".
 */
export function isOurComment(c: IssueComment, viewer: string | null, scope = ''): boolean {
  if (!startsAsOurs(c.body) || c.user === null) return false;
  // The scope's marker is the second line, as scoped() writes it.
  const second = c.body.slice(COMMENT_MARKER.length + 1);
  if (scope === '' ? second.startsWith(SCOPE_PREFIX) : !second.startsWith(scope)) return false;
  return c.user.login === (viewer ?? ACTIONS_BOT);
}

/**
 * Whether a comment opens with the marker as our reports do. Another workflow's comment by the
 * same bot may quote text the pull request controls (a commit subject, a branch name) holding the
 * marker: such a comment was taken for ours, overwritten, and preferred to our real one, which then
 * kept its old "all clear" (audit 44, AY-1).
 */
function startsAsOurs(body: string): boolean {
  return body.startsWith(`${COMMENT_MARKER}\n`) || body === COMMENT_MARKER;
}

export function findOurComment(comments: readonly IssueComment[], viewer: string | null, scope = ''): IssueComment | null {
  return comments.find((c) => isOurComment(c, viewer, scope)) ?? null;
}

const SCOPE_PREFIX = '<!-- agent-gate:policy=';

/**
 * The inputs that decide what a gate judges and when it fails: two agent-gate steps on one pull
 * request that differ in any of them are two gates, each with its own comment.
 */
export interface GateConfig {
  policyPath: string;
  /** The `admin-policy` input as written (trimmed), or null when there is none. */
  adminPolicy: string | null;
  allCommits: boolean;
  /** 'ask' for `fail-on: ask`, else null (`deny` is the default). */
  failOn: 'ask' | null;
}

/**
 * What tells this gate's comment from another agent-gate step's on the same pull request: nothing
 * for the default configuration, so comments made before keep being updated, else a second hidden
 * marker with a hash of the configuration. A gate that differs only in its policy file hashes the
 * path alone, the scope such gates had before admin-policy, all-commits and fail-on counted.
 */
export function commentScope(gate: GateConfig): string {
  const others = gate.adminPolicy !== null || gate.allCommits || gate.failOn !== null;
  if (!others && gate.policyPath === DEFAULT_POLICY_PATH) return '';
  const key = others ? JSON.stringify([gate.policyPath, gate.adminPolicy, gate.allCommits, gate.failOn]) : gate.policyPath;
  return `${SCOPE_PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 16)} -->`;
}

/** The body with the scope's marker under the report's own. */
function scoped(body: string, scope: string): string {
  return scope === '' ? body : body.replace(COMMENT_MARKER, `${COMMENT_MARKER}\n${scope}`);
}

/**
 * What to do. An existing comment is always brought up to date, even with no findings, so a later
 * push that fixed everything turns it into "all clear" instead of leaving the old findings up.
 */
export function decideComment(existing: IssueComment | null, mode: CommentMode, hasFindings: boolean, body: string): CommentAction {
  if (mode === 'never') return 'none';
  if (existing !== null) return existing.body === body ? 'unchanged' : 'update';
  return hasFindings || mode === 'always' ? 'create' : 'none';
}

/** The HTTP status of an Octokit RequestError (or anything shaped like one). */
export function httpStatus(e: unknown): number | null {
  // Octokit reports a request that got no response at all (refused, reset, timed out) as a 500
  // without a response: there was no HTTP status.
  if (typeof e === 'object' && e !== null && 'request' in e && (!('response' in e) || e.response === undefined)) return null;
  if (typeof e === 'object' && e !== null && 'status' in e) {
    const s = (e as { status: unknown }).status;
    if (typeof s === 'number') return s;
  }
  return null;
}

function oneLine(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

function why(e: unknown): string {
  const status = httpStatus(e);
  return status !== null ? `HTTP ${status}` : oneLine(e instanceof Error ? e.message : String(e));
}

/** The token's login, null for "a token that cannot name itself", or why the lookup failed. */
async function lookUpViewer(api: IssueCommentsApi): Promise<{ login: string | null } | { failed: string }> {
  try {
    return { login: await api.viewer() };
  } catch (e) {
    return { failed: why(e) };
  }
}

/**
 * Whether a 403 or 429 is GitHub's rate limit rather than a missing permission, and when to retry:
 * its headers (`x-ratelimit-remaining: 0`, `retry-after`) or its message say so.
 */
function rateLimit(e: unknown, status: number | null): { retry: string } | null {
  if (status !== 403 && status !== 429) return null;
  const response = typeof e === 'object' && e !== null && 'response' in e ? (e as { response?: { headers?: Record<string, unknown> } }).response : undefined;
  const headers = response?.headers ?? {};
  const header = (name: string): string | null => {
    const v = headers[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  };
  const retryAfter = header('retry-after');
  const message = e instanceof Error ? e.message : '';
  if (status === 403 && retryAfter === null && header('x-ratelimit-remaining') !== '0' && !/rate limit/i.test(message)) return null;
  if (retryAfter !== null && /^\d+$/.test(retryAfter)) return { retry: `, retry after ${retryAfter} s` };
  const reset = header('x-ratelimit-reset');
  return { retry: reset !== null && /^\d+$/.test(reset) ? `, the limit resets at ${new Date(Number(reset) * 1000).toISOString()}` : '' };
}

export function commentWarning(e: unknown, step: 'list' | 'create' | 'update', issue: number): string {
  const status = httpStatus(e);
  const limited = rateLimit(e, status);
  if (limited !== null) {
    return `agent-gate: the GitHub API rate limit stopped the pull request comment on #${issue} (HTTP ${status} on ${step}${limited.retry}); the check is still decided and the job summary has the report`;
  }
  const denied = status === 403 || (status === 404 && step === 'list');
  if (denied) {
    return `agent-gate: no permission to comment on pull request #${issue} (HTTP ${status} on ${step}); the check is still decided and the job summary has the report. Pull requests from forks get a read-only token: see the workflow_run pattern in docs/action.md`;
  }
  return `agent-gate: could not ${step} the pull request comment on #${issue} (${why(e)}); the check is still decided and the job summary has the report`;
}

export interface SyncOptions {
  issue: number;
  body: string;
  hasFindings: boolean;
  mode: CommentMode;
  /** See commentScope ('' when left out). */
  scope?: string;
}

/** Never throws: a comment is a courtesy, the check's decision does not depend on it. */
export async function syncComment(api: IssueCommentsApi, opts: SyncOptions): Promise<CommentOutcome> {
  if (opts.mode === 'never') return { action: 'skipped' };
  let step: 'list' | 'create' | 'update' = 'list';
  try {
    const [comments, viewer] = await Promise.all([api.list(opts.issue), lookUpViewer(api)]);
    let unknownViewer: string | undefined;
    if ('failed' in viewer) {
      // Which marked comment is ours cannot be told. Any of them may be (a user token's, or
      // GITHUB_TOKEN's): updating one could take over another account's, creating one would
      // stack a second report. Neither is done; with no marked comment at all there is nothing
      // to duplicate, and ours is posted as usual.
      unknownViewer = `agent-gate: could not tell which account the token comments as (GET /user: ${viewer.failed})`;
      if (comments.some((c) => startsAsOurs(c.body))) {
        return { action: 'failed', warning: `${unknownViewer}; the pull request comment on #${opts.issue} was not updated, and no second one posted next to the one(s) carrying the marker; the check is still decided and the job summary has the report` };
      }
    }
    const existing = 'login' in viewer ? findOurComment(comments, viewer.login, opts.scope ?? '') : null;
    const body = scoped(opts.body, opts.scope ?? '');
    const action = decideComment(existing, opts.mode, opts.hasFindings, body);
    if (action === 'create') {
      step = 'create';
      const made = await api.create(opts.issue, body);
      return { action, id: made.id, ...(unknownViewer !== undefined ? { warning: unknownViewer } : {}) };
    }
    if (unknownViewer !== undefined) return { action, warning: unknownViewer };
    if (action === 'update' && existing !== null) {
      step = 'update';
      await api.update(existing.id, body);
      return { action, id: existing.id };
    }
    return existing !== null ? { action, id: existing.id } : { action };
  } catch (e) {
    return { action: 'failed', warning: commentWarning(e, step, opts.issue) };
  }
}
