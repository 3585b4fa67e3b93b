// IssueCommentsApi over `@actions/github`'s Octokit. Loaded lazily by main: `@actions/github`
// parses the event file when it is first evaluated, and a malformed event must fail the step with
// our one-line message, not with a stack trace thrown while modules load.
import { getOctokit } from '@actions/github';
import type { IssueComment, IssueCommentsApi } from './comment.ts';

/** Per request: a hung API must not hold the job until its own timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

interface RawComment {
  id: number;
  body?: string | null;
  user?: { login: string; type: string } | null;
}

function toComment(c: RawComment): IssueComment {
  return { id: c.id, body: c.body ?? '', user: c.user ? { login: c.user.login, type: c.user.type } : null };
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
        all.push(...res.data.map(toComment));
        if (res.data.length < 100) return all;
      }
    },
    async create(issue, body) {
      const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body, request: request() });
      return toComment(res.data);
    },
    async update(commentId, body) {
      const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body, request: request() });
      return toComment(res.data);
    },
    async viewer() {
      try {
        const res = await octokit.rest.users.getAuthenticated({ request: request() });
        return res.data.login;
      } catch {
        // GITHUB_TOKEN and app installation tokens cannot read /user: the author is then "a bot".
        return null;
      }
    },
  };
}
