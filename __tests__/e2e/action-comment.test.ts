// The Action's sticky pull request comment against a local stand-in for the GitHub API:
// life cycle, permissions (fork pull requests), and size limits with thousands of findings.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { cleanupRuns, FakeGitHub, runAction, type ActionRun } from '../action/e2e-harness.ts';
import { cleanupRepos, TestRepo, type Identity } from '../helpers/gitrepo.ts';

const KIRO: Identity = { name: 'Kiro Agent', email: 'kiro-agent@users.noreply.github.com' };
const HUMAN: Identity = { name: 'Dana Dev', email: 'dana@example.com' };
const MARKER = '<!-- agent-gate:report -->';

const POLICY = `rules:
  - capability: fs_write
    effect: allow
    match: ["src/**"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**"]
`;

const api = new FakeGitHub();
beforeAll(() => api.start());
beforeEach(() => api.reset());
afterAll(async () => {
  await api.stop();
  cleanupRuns();
  cleanupRepos();
});

function upstream(): { up: TestRepo; base: string } {
  const up = TestRepo.init('main');
  up.write('.github/agent-gate.yml', POLICY).write('README.md', 'hello\n');
  return { up, base: up.commit('policy', { author: HUMAN }) };
}

function prPayload(n: number, base: string, head: string): unknown {
  return { pull_request: { number: n, base: { sha: base }, head: { sha: head, ref: 'feature' } }, repository: { full_name: 'o/r', default_branch: 'main' } };
}

/** A pull request whose single agent commit writes `files`. */
function pr(files: Record<string, string>): { up: TestRepo; base: string; head: string } {
  const { up, base } = upstream();
  up.checkout('feature', { create: true });
  for (const [p, t] of Object.entries(files)) up.write(p, t);
  const head = up.commit('agent work', { author: KIRO });
  return { up, base, head };
}

function run(ws: TestRepo, base: string, head: string, inputs: Record<string, string> = {}, n = 7): Promise<ActionRun> {
  return runAction({ event: 'pull_request', payload: prPayload(n, base, head), workspace: ws.dir, api, inputs });
}

const methods = (): string[] => api.commentRequests().map((r) => `${r.method} ${r.path}`);

describe('sticky comment life cycle', () => {
  test('created on findings, updated in place, then turned into all clear', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const ws = up.clone();
    // Other people's comments fill more than one page, so ours must be found by paginating.
    for (let i = 0; i < 130; i++) api.seed(7, `comment ${i}`, { login: `user${i}`, type: 'User' });
    api.seed(7, `${MARKER}\nquoted by a human`, { login: 'mallory', type: 'User' });

    const first = await run(ws, base, head);
    expect(first.code).toBe(1);
    const created = api.commentRequests().filter((r) => r.method === 'POST');
    expect(created).toHaveLength(1);
    expect(created[0]?.path).toBe('/repos/o/r/issues/7/comments');
    expect(created[0]?.auth).toBe('token test-token');
    const ours = api.commentsOf(7).filter((c) => c.user.type === 'Bot');
    expect(ours).toHaveLength(1);
    const id = ours[0]?.id;
    expect(ours[0]?.body.startsWith(MARKER)).toBe(true);
    expect(ours[0]?.body).toContain('secrets/a');
    // Listing went past the first page.
    expect(api.commentRequests().filter((r) => r.method === 'GET').length).toBeGreaterThan(1);

    // A second push, still with findings: the same comment is edited.
    api.requests.length = 0;
    up.write('secrets/b', 'x\n');
    const head2 = up.commit('more agent work', { author: KIRO });
    ws.git(['fetch', '-q', 'origin']);
    const second = await run(ws, base, head2);
    expect(second.outputs['deny-count']).toBe('2');
    expect(methods().filter((m) => !m.startsWith('GET'))).toEqual([`PATCH /repos/o/r/issues/comments/${id}`]);
    expect(api.commentsOf(7).find((c) => c.id === id)?.body).toContain('secrets/b');

    // The branch is rewritten without the bad commits: the comment turns to all clear.
    api.requests.length = 0;
    up.git(['reset', '-q', '--hard', base]);
    up.write('src/ok.ts', 'x\n');
    const fixed = up.commit('clean agent work', { author: KIRO });
    ws.git(['fetch', '-q', '--force', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
    const third = await run(ws, base, fixed);
    expect(third.code).toBe(0);
    expect(methods().filter((m) => !m.startsWith('GET'))).toEqual([`PATCH /repos/o/r/issues/comments/${id}`]);
    const final = api.commentsOf(7).filter((c) => c.user.type === 'Bot');
    expect(final).toHaveLength(1);
    expect(final[0]?.body).toContain('agent-gate: all clear');
    // The human's comment with a pasted marker was never touched.
    expect(api.commentsOf(7).find((c) => c.user.login === 'mallory')?.body).toBe(`${MARKER}\nquoted by a human`);
  });

  // Audit round 8: a clean run, then a push the gate cannot judge, left "all clear" up under a red check.
  test('a run that could not judge turns an earlier all clear into "could not judge"', async () => {
    const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
    const ws = up.clone();
    const clear = await run(ws, base, head, { comment: 'always' });
    expect(clear.code).toBe(0);
    const id = api.commentsOf(7)[0]?.id;
    expect(api.commentsOf(7)[0]?.body).toContain('all clear');
    const broken = await run(ws, base, 'd'.repeat(40));
    expect(broken.code).toBe(1);
    expect(broken.errors.map((e) => e.message).join('\n')).toMatch(/could not judge/);
    const after = api.commentsOf(7);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(id);
    expect(after[0]?.body.startsWith(MARKER)).toBe(true);
    expect(after[0]?.body).toContain('could not judge');
    expect(after[0]?.body).not.toContain('all clear');
  });

  // Audit G-2: a could-not-judge from the inputs or the event payload went straight to the
  // top-level failure and left an earlier "all clear" up under a red check.
  describe('a run that could not read its inputs or its event still turns all clear into "could not judge"', () => {
    async function clearFirst(): Promise<{ ws: TestRepo; base: string; head: string; id: number | undefined }> {
      const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
      const ws = up.clone();
      const clear = await run(ws, base, head, { comment: 'always' });
      expect(clear.code).toBe(0);
      expect(api.commentsOf(7)[0]?.body).toContain('all clear');
      api.requests.length = 0;
      return { ws, base, head, id: api.commentsOf(7)[0]?.id };
    }
    function expectTurned(id: number | undefined, reason: RegExp): void {
      const after = api.commentsOf(7);
      expect(after).toHaveLength(1);
      expect(after[0]?.id).toBe(id);
      expect(after[0]?.body.startsWith(MARKER)).toBe(true);
      expect(after[0]?.body).toContain('could not judge');
      expect(after[0]?.body).toMatch(reason);
      expect(after[0]?.body).not.toContain('all clear');
    }

    test.each([
      [{ 'fail-on': 'never' }, /input fail-on/],
      [{ comment: 'loud' }, /input comment/],
      [{ policy: '../x.yml' }, /input policy/],
    ])('inputs %j', async (inputs, reason) => {
      const { ws, base, head, id } = await clearFirst();
      const r = await run(ws, base, head, inputs);
      expect(r.code).toBe(1);
      expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^agent-gate could not judge: input /)]);
      expectTurned(id, reason);
      expect(methods().filter((m) => !m.startsWith('GET'))).toEqual([`PATCH /repos/o/r/issues/comments/${id}`]);
    });

    test('a payload whose commit id is not one', async () => {
      const { ws, base, id } = await clearFirst();
      const r = await run(ws, base, 'HEAD');
      expect(r.code).toBe(1);
      expectTurned(id, /pull&#95;request\.head\.sha/);
    });

    test('comment: never is still honoured, and no comment is created where there was none', async () => {
      const { ws, base, head } = await clearFirst();
      const never = await run(ws, base, head, { comment: 'never', 'fail-on': 'never' });
      expect(never.code).toBe(1);
      expect(api.requests).toEqual([]);
      api.reset();
      const none = await run(ws, base, head, { 'fail-on': 'never' });
      expect(none.code).toBe(1);
      expect(methods()).toEqual(['GET /repos/o/r/issues/7/comments']);
    });
  });

  // Audit round 8: agents comment as bots; a token with write access could edit such a comment,
  // and the agent could then turn it back into "all clear" after the run.
  test('another bot\'s comment with the marker is not taken for ours, even where it could be edited', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const forged = `${MARKER}\n### ✅ agent-gate: all clear`;
    api.seed(7, forged, { login: 'copilot-swe-agent[bot]', type: 'Bot' });
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(methods().filter((m) => !m.startsWith('GET'))).toEqual(['POST /repos/o/r/issues/7/comments']);
    expect(api.commentsOf(7).find((c) => c.user.login === 'copilot-swe-agent[bot]')?.body).toBe(forged);
    expect(api.commentsOf(7).find((c) => c.user.login === 'github-actions[bot]')?.body).toContain('secrets/a');
  });

  // Audit round 28 (FF-1): the comment's scope named the policy file alone, so the plain gate's
  // pass turned the admin-policy gate's findings into "all clear" under its red check.
  test('a step with an admin policy or all-commits keeps its own comment beside the plain gate', async () => {
    const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
    const ws = up.clone();
    const admin = { 'admin-policy': '{rules: [{capability: fs_write, effect: deny, match: ["src/**"]}]}' };
    const strict = await run(ws, base, head, admin);
    expect(strict.code).toBe(1);
    const plain = await run(ws, base, head);
    expect(plain.code).toBe(0);
    const ours = api.commentsOf(7).filter((c) => c.user.type === 'Bot');
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('src/a.ts');
    expect(ours[0]?.body).not.toContain('all clear');
    // With a default comment up as well, each gate edits its own.
    expect((await run(ws, base, head, { comment: 'always' })).code).toBe(0);
    expect((await run(ws, base, head, { ...admin, 'all-commits': 'true' })).code).toBe(1);
    const bodies = api.commentsOf(7).filter((c) => c.user.type === 'Bot').map((c) => c.body);
    expect(bodies).toHaveLength(3);
    expect(bodies.filter((b) => b.includes('all clear'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('src/a.ts'))).toHaveLength(2);
  });

  test('no findings and no comment yet: nothing is posted (on-findings)', async () => {
    const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(0);
    expect(methods()).toEqual(['GET /repos/o/r/issues/7/comments']);
  });

  test('always: an all-clear comment is posted', async () => {
    const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
    const r = await run(up.clone(), base, head, { comment: 'always' });
    expect(r.code).toBe(0);
    expect(api.commentsOf(7)).toHaveLength(1);
    expect(api.commentsOf(7)[0]?.body).toContain('all clear');
  });

  test('never: the API is not called at all', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const r = await run(up.clone(), base, head, { comment: 'never' });
    expect(r.code).toBe(1);
    expect(api.requests).toEqual([]);
  });

  test('an empty token: a warning, no requests, the check still decided', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const r = await run(up.clone(), base, head, { token: '' });
    expect(r.code).toBe(1);
    expect(r.outputs.decision).toBe('deny');
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('token input is empty')]);
    expect(api.requests).toEqual([]);
  });
});

describe('fork pull requests: no permission to comment', () => {
  test('403 on create: a warning; the check is still decided and reported', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n', 'notes.txt': 'x\n' });
    api.refuse.create = 403;
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ decision: 'deny', 'deny-count': '1', 'ask-count': '1' });
    expect(r.warnings[0]?.message).toMatch(/no permission to comment on pull request #7 \(HTTP 403 on create\).*workflow_run/);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('secrets/a'), expect.stringMatching(/^agent-gate: failed/)]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('notes.txt'));
    expect(r.summary).toContain('<code>secrets/a</code>');
    expect(api.comments.get(7) ?? []).toEqual([]);
  });

  test('403 on create with nothing failing: a warning and a pass', async () => {
    const { up, base, head } = pr({ 'src/a.ts': 'x\n' });
    api.refuse.create = 403;
    const r = await run(up.clone(), base, head, { comment: 'always' });
    expect(r.code).toBe(0);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/HTTP 403 on create/)]);
  });

  test('404 when listing: a warning, not a failure of the step', async () => {
    const { up, base, head } = pr({ 'notes.txt': 'x\n' });
    api.refuse.list = 404;
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(0);
    expect(r.outputs.decision).toBe('ask');
    expect(r.warnings[0]?.message).toMatch(/HTTP 404 on list/);
  });

  test('403 when updating an existing comment', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    api.seed(7, `${MARKER}\nold report`);
    api.refuse.update = 403;
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(r.warnings[0]?.message).toMatch(/HTTP 403 on update/);
  });
});

// Audit G-5: GET /user failing (502, or timing out) was silent, and the Action then took the
// token for GITHUB_TOKEN and posted a second sticky comment next to its user token's own.
describe('the token\'s account could not be looked up', () => {
  test('GET /user answers 502: the existing marked comment is left, no second one, and a warning says why', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const mine = api.seed(7, `${MARKER}\nold report`, { login: 'gate-bot', type: 'User' });
    api.refuse.user = 502;
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(r.outputs.decision).toBe('deny');
    expect(methods().filter((m) => !m.startsWith('GET'))).toEqual([]);
    expect(api.commentsOf(7)).toEqual([mine]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/could not tell which account the token comments as \(GET \/user: HTTP 502\)/));
  });
});

describe('an API answer of the wrong shape', () => {
  // A 200 whose body is an error object, a proxy's page or a changed API: the warning says so
  // plainly, and the check is still decided.
  test.each<['list' | 'create' | 'update', string, unknown, string]>([
    ['list', 'an object', { message: 'rate limited' }, 'could not list the pull request comment on #7 (the comments API answered with something that is not a list)'],
    ['list', 'a string', '<html>proxy</html>', 'could not list the pull request comment on #7 (the comments API answered with something that is not a list)'],
    ['list', 'a list holding null', [null], 'could not list the pull request comment on #7 (the comments API answered with a list entry that is not a comment)'],
    ['list', 'a list of comments without ids', [{ body: 'x', user: null }], 'could not list the pull request comment on #7 (the comments API answered with a list entry that is not a comment)'],
    ['create', 'null', null, 'could not create the pull request comment on #7 (the comments API answered with something that is not a comment)'],
    ['update', 'a number', 42, 'could not update the pull request comment on #7 (the comments API answered with something that is not a comment)'],
  ])('%s answers %s', async (step, _name, body, warning) => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    if (step === 'update') api.seed(7, `${MARKER}\nold report`);
    api.answer[step] = body;
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ decision: 'deny', 'deny-count': '1' });
    expect(r.warnings.map((w) => w.message)).toEqual([`agent-gate: ${warning}; the check is still decided and the job summary has the report`]);
    expect(r.summary).toContain('<code>secrets/a</code>');
  });

  test('/user answers without a login: the token is taken as naming no one, and our comment is still found', async () => {
    const { up, base, head } = pr({ 'secrets/a': 'x\n' });
    const ours = api.seed(7, `${MARKER}\nold report`);
    api.answer.user = { message: 'ok' };
    const r = await run(up.clone(), base, head);
    expect(r.code).toBe(1);
    expect(r.warnings).toEqual([]);
    expect(methods().filter((m) => !m.startsWith('GET'))).toEqual([`PATCH /repos/o/r/issues/comments/${ours.id}`]);
  });
});

describe('thousands of findings', () => {
  test('comment < 65,536 characters, summary < 1 MiB, at most 10 errors + 10 warnings + 1 notice', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`secrets/${'s'.repeat(30)}-${i}.key`] = `${i}\n`;
    for (let i = 0; i < 3000; i++) files[`notes/${'n'.repeat(30)}-${i}.txt`] = `${i}\n`;
    const { up, base, head } = pr(files);
    const r = await run(up.clone(), base, head, { comment: 'always' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ decision: 'deny', 'deny-count': '2000', 'ask-count': '3000' });

    const posted = api.commentRequests().find((req) => req.method === 'POST')?.body as { body: string };
    expect(posted.body.length).toBeLessThan(65_536);
    expect(posted.body).toMatch(/more finding\(s\) not shown here: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/4242\)/);

    expect(Buffer.byteLength(r.summary, 'utf8')).toBeLessThan(1024 * 1024);
    expect(r.errors).toHaveLength(10);
    expect(r.errors[9]?.message).toMatch(/^agent-gate: failed: decision deny \(2000 deny, 3000 ask/);
    expect(r.warnings).toHaveLength(10);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]?.message).toMatch(/4981 more annotation\(s\) not shown \(1991 error, 2990 warning\)/);

    const report = JSON.parse(readFileSync(r.outputs['report-file'] ?? '', 'utf8')) as { findings: unknown[] };
    expect(report.findings).toHaveLength(5000);
  });

  // Audit round 30 (LL-1): the warning for an empty input was not counted, so 11 were emitted and
  // GitHub dropped one finding's without a word in the notice.
  test('a warning for an empty input counts against the 10', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`notes/n-${i}.txt`] = `${i}\n`;
    const { up, base, head } = pr(files);
    const r = await run(up.clone(), base, head, { 'admin-policy': '' });
    expect(r.warnings).toHaveLength(10);
    expect(r.warnings[0]?.message).toMatch(/the admin-policy input is empty/);
    expect(r.notices[0]?.message).toMatch(/21 more annotation\(s\) not shown \(0 error, 21 warning\)/);
  });
});
