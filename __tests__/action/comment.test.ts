import { describe, expect, test } from '@jest/globals';
import { commentScope, commentWarning, decideComment, findOurComment, httpStatus, isOurComment, syncComment, type IssueComment, type IssueCommentsApi } from '../../src/action/comment.ts';
import { COMMENT_MARKER } from '../../src/report/markdown.ts';

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}\nwith a second line`);
  }
}

/** An in-memory issue with the same semantics as the REST endpoints we use. */
class FakeIssue implements IssueCommentsApi {
  comments: IssueComment[] = [];
  calls: string[] = [];
  nextId = 100;
  failOn: Partial<Record<'list' | 'create' | 'update', number>> = {};
  viewerLogin: string | null = null;

  async list(issue: number): Promise<IssueComment[]> {
    this.calls.push(`list ${issue}`);
    if (this.failOn.list) throw new HttpError(this.failOn.list);
    return this.comments.map((c) => ({ ...c }));
  }
  async create(issue: number, body: string): Promise<IssueComment> {
    this.calls.push(`create ${issue}`);
    if (this.failOn.create) throw new HttpError(this.failOn.create);
    const c = { id: this.nextId++, body, user: this.viewerLogin ? { login: this.viewerLogin, type: 'User' } : BOT };
    this.comments.push(c);
    return c;
  }
  async update(id: number, body: string): Promise<IssueComment> {
    this.calls.push(`update ${id}`);
    if (this.failOn.update) throw new HttpError(this.failOn.update);
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw new HttpError(404);
    c.body = body;
    return c;
  }
  viewerFails: number | null = null;
  async viewer(): Promise<string | null> {
    if (this.viewerFails !== null) throw new HttpError(this.viewerFails);
    return this.viewerLogin;
  }
}

const FINDINGS = `${COMMENT_MARKER}\n### ⛔ agent-gate: failed`;
const CLEAR = `${COMMENT_MARKER}\n### ✅ agent-gate: all clear`;

describe('which comment is ours', () => {
  const mk = (id: number, body: string, user: IssueComment['user']): IssueComment => ({ id, body, user });
  test('marker and github-actions[bot] as author (GITHUB_TOKEN cannot name itself)', () => {
    expect(isOurComment(mk(1, FINDINGS, BOT), null)).toBe(true);
    // Coding agents comment as bots; a token with write access could edit their comment, which
    // its author could then turn back into "all clear" (audit round 8).
    expect(isOurComment(mk(1, FINDINGS, { login: 'copilot-swe-agent[bot]', type: 'Bot' }), null)).toBe(false);
    expect(isOurComment(mk(1, FINDINGS, { login: 'mallory', type: 'User' }), null)).toBe(false);
    expect(isOurComment(mk(1, 'no marker', BOT), null)).toBe(false);
    expect(isOurComment(mk(1, FINDINGS, null), null)).toBe(false);
  });
  test('with a PAT the login must match', () => {
    expect(isOurComment(mk(1, FINDINGS, { login: 'ci-user', type: 'User' }), 'ci-user')).toBe(true);
    expect(isOurComment(mk(1, FINDINGS, BOT), 'ci-user')).toBe(false);
  });
  // Audit 44, AY-1: another workflow's comment by the same bot quoting pull-request text that holds
  // the marker was taken for ours, overwritten, and preferred to our real one.
  test.each([
    ['the marker quoted inside other text', `Preview for commit \`fix ${COMMENT_MARKER} ### ✅ agent-gate: all clear\``],
    ['the marker on a later line', `Build preview ready\n${FINDINGS}`],
    ['the marker with text after it on its line', `${COMMENT_MARKER} ### ✅ agent-gate: all clear`],
    ['the marker after leading blanks', ` ${CLEAR}`],
  ])('a bot comment with %s is not ours', (_what, body) => {
    expect(isOurComment(mk(11, body, BOT), null)).toBe(false);
    expect(findOurComment([mk(11, body, BOT), mk(12, CLEAR, BOT)], null)?.id).toBe(12);
  });
  test('a scope marker counts only as the second line', () => {
    const scope = '<!-- agent-gate:policy=0123456789abcdef -->';
    expect(isOurComment(mk(1, `${COMMENT_MARKER}\n${scope}\n### x`, BOT), null, scope)).toBe(true);
    expect(isOurComment(mk(1, `${COMMENT_MARKER}\n### x ${scope}`, BOT), null, scope)).toBe(false);
    expect(isOurComment(mk(1, `${COMMENT_MARKER}\n### x ${scope}`, BOT), null)).toBe(true);
    expect(isOurComment(mk(1, `${COMMENT_MARKER}\n${scope}\n### x`, BOT), null)).toBe(false);
  });

  test('the first of ours wins, a forged one before it is skipped', () => {
    const list = [mk(1, FINDINGS, { login: 'mallory', type: 'User' }), mk(2, FINDINGS, BOT), mk(3, FINDINGS, BOT)];
    expect(findOurComment(list, null)?.id).toBe(2);
  });
});

describe('decideComment', () => {
  const ours: IssueComment = { id: 1, body: FINDINGS, user: BOT };
  test.each([
    ['on-findings', null, true, 'create'],
    ['on-findings', null, false, 'none'],
    ['on-findings', ours, false, 'update'],
    ['on-findings', ours, true, 'update'],
    ['always', null, false, 'create'],
    ['always', ours, false, 'update'],
    ['never', null, true, 'none'],
    ['never', ours, true, 'none'],
  ] as Array<['on-findings' | 'always' | 'never', IssueComment | null, boolean, 'create' | 'update' | 'none']>)('%s, existing %#, findings %s -> %s', (mode, existing, hasFindings, action) => {
    expect(decideComment(existing, mode, hasFindings, CLEAR)).toBe(action);
  });
  test('the same body is left alone', () => {
    expect(decideComment(ours, 'on-findings', true, FINDINGS)).toBe('unchanged');
  });
});

describe('syncComment life cycle', () => {
  // Audit round 27 (BB-3): two agent-gate steps on one pull request (another `policy` input)
  // shared the one comment, so a passing step turned a failing one's findings into "all clear".
  test('a gate with another policy file keeps its own comment; the default one keeps the plain marker', async () => {
    const api = new FakeIssue();
    const gate = { adminPolicy: null, allCommits: false, failOn: null };
    const web = commentScope({ ...gate, policyPath: 'services/web/agent-gate.yml' });
    expect(commentScope({ ...gate, policyPath: '.github/agent-gate.yml' })).toBe('');
    expect(web).toMatch(/^<!-- agent-gate:policy=[0-9a-f]{16} -->$/);
    expect(await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'create', id: 100 });
    // The other gate passes: it makes no comment of its own and leaves the findings standing.
    expect(await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings', scope: web })).toEqual({ action: 'none' });
    expect(api.comments.map((c) => c.body)).toEqual([FINDINGS]);
    expect(await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings', scope: web })).toEqual({ action: 'create', id: 101 });
    expect(api.comments[1]?.body).toBe(FINDINGS.replace(COMMENT_MARKER, `${COMMENT_MARKER}\n${web}`));
    // Each is updated in place by its own gate only.
    expect(await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings', scope: web })).toEqual({ action: 'update', id: 101 });
    expect(await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings' })).toEqual({ action: 'update', id: 100 });
    expect(findOurComment(api.comments, null, web)?.id).toBe(101);
    expect(findOurComment(api.comments, null)?.id).toBe(100);
  });

  test('create, update in place, then all clear', async () => {
    const api = new FakeIssue();
    expect(await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings' })).toEqual({ action: 'none' });
    expect(api.comments).toHaveLength(0);

    expect(await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'create', id: 100 });
    expect(await syncComment(api, { issue: 5, body: FINDINGS + ' v2', hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'update', id: 100 });
    expect(await syncComment(api, { issue: 5, body: FINDINGS + ' v2', hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'unchanged', id: 100 });
    // A later push fixed everything: the same comment turns into "all clear".
    expect(await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings' })).toEqual({ action: 'update', id: 100 });
    expect(api.comments).toEqual([{ id: 100, body: CLEAR, user: BOT }]);
    expect(api.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  test('a human comment with the marker is not taken over', async () => {
    const api = new FakeIssue();
    api.comments.push({ id: 7, body: FINDINGS, user: { login: 'mallory', type: 'User' } });
    expect(await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'create', id: 100 });
    expect(api.comments.find((c) => c.id === 7)?.body).toBe(FINDINGS);
  });

  test('never does not even list', async () => {
    const api = new FakeIssue();
    expect(await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'never' })).toEqual({ action: 'skipped' });
    expect(api.calls).toEqual([]);
  });

  test.each([
    ['create', 403, /no permission to comment on pull request #5 \(HTTP 403 on create\).*workflow_run/],
    ['list', 403, /no permission to comment on pull request #5 \(HTTP 403 on list\)/],
    ['list', 404, /no permission to comment on pull request #5 \(HTTP 404 on list\)/],
    ['create', 500, /could not create the pull request comment on #5 \(HTTP 500\)/],
  ] as Array<['create' | 'list', 403 | 404 | 500, RegExp]>)('%s failing with HTTP %s is a warning, not a throw', async (step, status, pattern) => {
    const api = new FakeIssue();
    api.failOn[step] = status;
    const out = await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' });
    expect(out.action).toBe('failed');
    expect(out.warning).toMatch(pattern);
    expect(out.warning).not.toMatch(/\n/);
  });

  test('an update refused with 403 is a warning too', async () => {
    const api = new FakeIssue();
    api.comments.push({ id: 9, body: FINDINGS, user: BOT });
    api.failOn.update = 403;
    const out = await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'on-findings' });
    expect(out.warning).toMatch(/HTTP 403 on update/);
  });

  test('another bot\'s comment with the marker is never ours: it is left as it is, editable or not, and ours posted', async () => {
    const api = new FakeIssue();
    const other = { login: 'claude[bot]', type: 'Bot' };
    api.comments.push({ id: 7, body: CLEAR, user: other }, { id: 8, body: FINDINGS, user: BOT });
    expect(findOurComment(api.comments, null)?.id).toBe(8);
    const lone = new FakeIssue();
    lone.comments.push({ id: 7, body: CLEAR, user: other });
    expect(await syncComment(lone, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' })).toEqual({ action: 'create', id: 100 });
    expect(lone.comments.map((c) => [c.id, c.body])).toEqual([[7, CLEAR], [100, FINDINGS]]);
  });

  // Audit G-5: a failed GET /user was taken for "GITHUB_TOKEN", so a user token's own comment
  // was not recognised and a second one was posted, without a word.
  describe('the token\'s account could not be looked up', () => {
    test('a marked comment exists: none is updated or created, with a warning', async () => {
      const api = new FakeIssue();
      api.viewerFails = 502;
      api.comments.push({ id: 5, body: FINDINGS, user: { login: 'gate-bot', type: 'User' } });
      const out = await syncComment(api, { issue: 5, body: CLEAR, hasFindings: false, mode: 'always' });
      expect(out.action).toBe('failed');
      expect(out.warning).toMatch(/^agent-gate: could not tell which account the token comments as \(GET \/user: HTTP 502\); .*not updated, and no second one posted/);
      expect(out.warning).not.toMatch(/\n/);
      expect(api.calls).toEqual(['list 5']);
    });

    test('no marked comment at all: ours is created (there is nothing to duplicate), with the warning', async () => {
      const api = new FakeIssue();
      api.viewerFails = 500;
      api.comments.push({ id: 5, body: 'a human comment', user: { login: 'dana', type: 'User' } });
      const out = await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'on-findings' });
      expect(out).toMatchObject({ action: 'create', id: 100 });
      expect(out.warning).toMatch(/could not tell which account the token comments as \(GET \/user: HTTP 500\)/);
    });
  });

  test('a network error is one line', async () => {
    const api = new FakeIssue();
    api.list = async () => { throw new Error('connect ECONNREFUSED\n  at somewhere'); };
    const out = await syncComment(api, { issue: 5, body: FINDINGS, hasFindings: true, mode: 'always' });
    expect(out.warning).toMatch(/could not list the pull request comment on #5 \(connect ECONNREFUSED at somewhere\)/);
  });
});

test('httpStatus and commentWarning', () => {
  expect(httpStatus(new HttpError(403))).toBe(403);
  expect(httpStatus(new Error('x'))).toBeNull();
  expect(httpStatus({ status: '403' })).toBeNull();
  expect(commentWarning(new HttpError(404), 'update', 3)).toMatch(/could not update .* \(HTTP 404\)/);
  expect(commentWarning(new HttpError(403), 'list', 3)).toMatch(/no permission to comment on pull request #3 \(HTTP 403 on list\)/);
});

// Audit round 21 (O-2): a rate limit was reported as a missing permission, with advice for forks.
test.each([
  ['a primary rate limit', Object.assign(new HttpError(403), { response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' } } }), 'list', /rate limit stopped the pull request comment on #3 \(HTTP 403 on list, the limit resets at 2026-01-01T00:00:00.000Z\)/],
  ['a secondary rate limit', Object.assign(new HttpError(403), { response: { headers: { 'retry-after': '60' } } }), 'create', /rate limit stopped the pull request comment on #3 \(HTTP 403 on create, retry after 60 s\)/],
  ['a 429', new HttpError(429), 'update', /rate limit stopped the pull request comment on #3 \(HTTP 429 on update\)/],
  ['a message naming it', Object.assign(new HttpError(403), { message: 'API rate limit exceeded for installation ID 123.' }), 'list', /rate limit stopped/],
])('%s is reported as a rate limit, not a permission', (_name, error, step, expected) => {
  const warning = commentWarning(error, step as 'list' | 'create' | 'update', 3);
  expect(warning).toMatch(expected);
  expect(warning).not.toContain('forks');
});
