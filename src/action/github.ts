// IssueCommentsApi over `@actions/github`'s Octokit. Loaded lazily by main: `@actions/github`
// parses the event file when it is first evaluated, and a malformed event must fail the step with
// our one-line message, not with a stack trace thrown while modules load.
import { getOctokit } from '@actions/github';
import { isRecord } from '../logs/json.ts';
import { httpStatus, type IssueComment, type IssueCommentsApi } from './comment.ts';

/** Per request: a hung API must not hold the job until its own timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

/** An answer whose shape is not the documented one (a proxy's page, an error object with 200). */
class ApiShapeError extends Error {}

function toComment(raw: unknown, what: string): IssueComment {
  const bad = new ApiShapeError(`the comments API answered with ${what} that is not a comment`);
  if (!isRecord(raw)) throw bad;
  const { id, body, user } = raw;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw bad;
  if (body !== null && body !== undefined && typeof body !== 'string') throw bad;
  if (user === null || user === undefined) return { id, body: body ?? '', user: null };
  if (!isRecord(user)) throw bad;
  const { login, type } = user;
  if (typeof login !== 'string' || typeof type !== 'string') throw bad;
  return { id, body: body ?? '', user: { login, type } };
}

export interface GitHubTarget {
  token: string;
  /** `GITHUB_API_URL`: GitHub Enterprise Server, or a local server in tests. */
  baseUrl: string;
  owner: string;
  repo: string;
  /** Per request, in milliseconds (default 30 s). */
  timeoutMs?: number;
}

export function octokitComments(target: GitHubTarget): IssueCommentsApi {
  const octokit = getOctokit(target.token, { baseUrl: target.baseUrl });
  const { owner, repo } = target;
  const timeout = target.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const request = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(timeout) });
  return {
    async list(issue) {
      // Page by page rather than octokit.paginate, which does not pass the timeout on.
      const all: IssueComment[] = [];
      for (let page = 1; ; page++) {
        const res = await octokit.rest.issues.listComments({ owner, repo, issue_number: issue, per_page: 100, page, request: request() });
        const data: unknown = res.data;
        if (!Array.isArray(data)) throw new ApiShapeError('the comments API answered with something that is not a list');
        for (const c of data) all.push(toComment(c, 'a list entry'));
        if (data.length < 100) return all;
      }
    },
    async create(issue, body) {
      const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body, request: request() });
      return toComment(res.data, 'something');
    },
    async update(commentId, body) {
      const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body, request: request() });
      return toComment(res.data, 'something');
    },
    async viewer() {
      try {
        const res = await octokit.rest.users.getAuthenticated({ request: request() });
        const data: unknown = res.data;
        // An answer without a login names no one: the author is then judged as for GITHUB_TOKEN.
        return isRecord(data) && typeof data['login'] === 'string' ? data['login'] : null;
      } catch (e) {
        // GITHUB_TOKEN and app installation tokens are refused /user: the author is then "a bot".
        // Anything else (a timeout, a 5xx) says nothing about the token and is thrown: taking it
        // for GITHUB_TOKEN would miss a user token's own comment and post a second one.
        const status = httpStatus(e);
        if (status === 401 || status === 403) return null;
        throw e;
      }
    },
  };
}
