// The built Action, run as the runner runs it, per event type, against real git repositories:
// upstream repositories play "origin" (file://) and clones of them play the runner's checkout.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRuns, FakeGitHub, runAction, type ActionRun } from '../action/e2e-harness.ts';
import { cleanupRepos, TestRepo, type Identity } from '../helpers/gitrepo.ts';

const KIRO: Identity = { name: 'Kiro Agent', email: 'kiro-agent@users.noreply.github.com' };
const HUMAN: Identity = { name: 'Dana Dev', email: 'dana@example.com' };
const CLAUDE_TRAILER = '\n\nCo-authored-by: Claude <noreply@anthropic.com>\n';
const ZERO = '0'.repeat(40);

const POLICY = `rules:
  - capability: fs_write
    effect: allow
    match: ["src/**", "docs/**", "README.md"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**"]
`;

interface JsonReport {
  decision: string;
  range: { base: string; head: string };
  commits: Array<{ sha: string; agent: boolean; signals: string[] }>;
  findings: Array<{ effect: string; resource: string; commit: string; rule: { scope: string; pattern: string } | null }>;
  counts: { deny: number; ask: number };
}

const api = new FakeGitHub();
beforeAll(() => api.start());
beforeEach(() => api.reset());
afterAll(async () => {
  await api.stop();
  cleanupRuns();
  cleanupRepos();
});

/** origin: main with the policy; `git clone` of it is the runner's workspace. */
function upstream(policy = POLICY): { up: TestRepo; base: string } {
  const up = TestRepo.init('main');
  up.write('.github/agent-gate.yml', policy).write('README.md', 'hello\n');
  const base = up.commit('chore: add policy', { author: HUMAN });
  return { up, base };
}

/** On a new branch: an allowed agent commit, then one that writes the MCP config (deny). */
function agentBranch(up: TestRepo, branch = 'feature'): { good: string; bad: string } {
  up.checkout(branch, { create: true });
  up.write('src/a.ts', 'export {};\n');
  const good = up.commit('feat: a', { author: KIRO });
  up.write('.kiro/settings/mcp.json', '{}\n');
  const bad = up.commit(`chore: mcp${CLAUDE_TRAILER}`, { author: HUMAN });
  up.checkout('main');
  return { good, bad };
}

function prPayload(n: number, base: string, head: string, ref = 'feature'): unknown {
  return { pull_request: { number: n, base: { sha: base, ref: 'main' }, head: { sha: head, ref } }, repository: { default_branch: 'main', full_name: 'o/r' } };
}

function reportOf(run: ActionRun): JsonReport {
  const file = run.outputs['report-file'];
  if (file === undefined || file === '') throw new Error(`no report-file output:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
}

/** A failed step: exit 1, exactly one ::error line (the reason), no stack trace anywhere. */
function expectOneLineFailure(run: ActionRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]?.message).toMatch(pattern);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at [\w.<]+ \(|Error: .*\n\s+at /);
}

describe('pull_request', () => {
  test('range from the payload (not GITHUB_SHA): deny, outputs, report file, summary, annotations, SARIF', async () => {
    const { up, base } = upstream();
    const { good, bad } = agentBranch(up);
    const ws = up.clone();
    const sarif = 'out/agent-gate.sarif';
    const run = await runAction({
      event: 'pull_request', payload: prPayload(7, base, bad), workspace: ws.dir, api,
      inputs: { comment: 'never', 'sarif-file': sarif }, env: { GITHUB_SHA: 'f'.repeat(40) },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'deny', 'deny-count': '1', 'ask-count': '0' });
    const report = reportOf(run);
    expect(report.range).toEqual({ base, head: bad });
    expect(report.commits.map((c) => c.sha).sort()).toEqual([bad, good].sort());
    expect(report.findings).toEqual([expect.objectContaining({ effect: 'deny', resource: '.kiro/settings/mcp.json', commit: bad })]);
    expect(run.summary).toContain('agent-gate: failed (decision: deny)');
    expect(run.summary).toContain('<code>.kiro/settings/mcp.json</code>');
    // The finding on its file, then the failure line.
    expect(run.errors).toHaveLength(2);
    expect(run.errors[0]?.props).toContain('file=.kiro/settings/mcp.json');
    expect(run.errors[0]?.message).toContain('deny fs_write ".kiro/settings/mcp.json"');
    expect(run.errors[1]?.message).toMatch(/^agent-gate: failed: decision deny \(1 deny, 0 ask/);
    const sarifDoc = JSON.parse(readFileSync(join(ws.dir, sarif), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarifDoc.version).toBe('2.1.0');
    expect(sarifDoc.runs[0]?.results).toHaveLength(1);
    expect(api.requests).toEqual([]);
  });

  test('an allowed change passes with decision allow', async () => {
    const { up, base } = upstream();
    const { good } = agentBranch(up);
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, base, good), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'allow', 'deny-count': '0', 'ask-count': '0' });
    expect(run.errors).toEqual([]);
    expect(run.summary).toContain('all clear');
  });

  // Audit 38, AK-4: a policy under a look-alike name is not read; the run says so.
  test('a policy saved as .github/agent-gate.yaml gets a warning naming it', async () => {
    const up = TestRepo.init('main');
    up.write('.github/agent-gate.yaml', POLICY).write('README.md', 'hello\n');
    const base = up.commit('chore: add policy', { author: HUMAN });
    const { good } = agentBranch(up);
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, base, good), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(0);
    expect(run.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^agent-gate: warning: no policy at \.github\/agent-gate\.yml in the base commit \w+, so only the built-in scopes apply; "\.github\/agent-gate\.yaml" is not read/));
  });

  test('fail-on ask fails on an ask finding', async () => {
    const { up, base } = upstream();
    up.checkout('feature', { create: true });
    up.write('notes.txt', 'x\n');
    const head = up.commit('notes', { author: KIRO });
    const ws = up.clone();
    const passing = await runAction({ event: 'pull_request', payload: prPayload(3, base, head), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expect(passing.code).toBe(0);
    expect(passing.outputs).toMatchObject({ decision: 'ask', 'ask-count': '1' });
    expect(passing.warnings).toHaveLength(1);
    const failing = await runAction({ event: 'pull_request', payload: prPayload(3, base, head), workspace: ws.dir, api, inputs: { comment: 'never', 'fail-on': 'ask' } });
    expect(failing.code).toBe(1);
    expect(failing.errors.map((e) => e.message)).toEqual([expect.stringContaining('ask fs_write "notes.txt"'), expect.stringMatching(/fails on ask/)]);
  });

  test('the policy comes from the base: edits in the head do not apply, and editing it is a deny', async () => {
    const { up, base } = upstream();
    up.checkout('feature', { create: true });
    // The agent loosens the policy and uses the loosened rule in the same pull request.
    up.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["**"]\n');
    up.write('secrets/prod.key', 'k\n');
    const head = up.commit('loosen policy', { author: KIRO });
    const run = await runAction({ event: 'pull_request', payload: prPayload(4, base, head), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(1);
    const report = reportOf(run);
    expect(report.findings.map((f) => [f.effect, f.resource, f.rule?.scope])).toEqual(expect.arrayContaining([
      ['deny', '.github/agent-gate.yml', 'kiro'],
      ['deny', 'secrets/prod.key', 'workspace'],
    ]));
    expect(report.counts.deny).toBe(2);
  });

  test('a custom policy input is read from the base commit too', async () => {
    const { up } = upstream();
    up.write('ci/strict.yml', 'rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/**"]\n');
    const base = up.commit('strict policy', { author: HUMAN });
    const { good } = agentBranch(up);
    const run = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: up.clone().dir, api, inputs: { comment: 'never', policy: 'ci/strict.yml' } });
    expect(run.code).toBe(1);
    expect(reportOf(run).findings).toEqual([expect.objectContaining({ resource: 'src/a.ts', rule: expect.objectContaining({ scope: 'workspace', pattern: 'src/**' }) })]);
  });

  test('admin-policy inline YAML and a path on disk', async () => {
    const { up, base } = upstream();
    const { good } = agentBranch(up);
    const ws = up.clone();
    const inline = 'rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/a.ts"]\n';
    const a = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': inline } });
    expect(a.code).toBe(1);
    expect(reportOf(a).findings).toEqual([expect.objectContaining({ resource: 'src/a.ts', rule: expect.objectContaining({ scope: 'admin' }) })]);
    const dir = mkdtempSync(join(tmpdir(), 'ag-admin-'));
    writeFileSync(join(dir, 'admin.yml'), inline);
    const b = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': join(dir, 'admin.yml') } });
    expect(b.outputs['deny-count']).toBe('1');
    const c = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': 'rules:\n  - capability: shell\n    effect: allow\n' } });
    expectOneLineFailure(c, /^agent-gate could not judge: admin-policy input:\d+:\d+: /);
    rmSync(dir, { recursive: true, force: true });
  });

  // Audit X-1: `\${{ vars.X }}` is empty on a fork's pull request; the run must say what it skipped.
  test('an input given empty is warned about, and the admin policy applied is named', async () => {
    const { up, base } = upstream();
    const { good } = agentBranch(up);
    const ws = up.clone();
    const plain = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('agent-gate: admin policy: none\n');
    expect(plain.warnings).toEqual([]);
    const empty = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': '', 'all-commits': '' } });
    expect(empty.code).toBe(0);
    expect(empty.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^agent-gate: the admin-policy input is empty, so the check ran without an admin policy\. An expression such as \$\{\{ vars\.NAME \}\} is empty where GitHub passes no variables \(on pull requests from forks\)/),
      expect.stringMatching(/^agent-gate: the all-commits input is empty, so only agent-made commits were judged\./),
    ]);
    // Audit AP-1: `admin-policy: |` over an empty variable gives "\n", which was read as not given,
    // silently; and an empty fail-on fell back to deny without a word.
    const blank = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': '\n', 'all-commits': ' ', 'fail-on': '' } });
    expect(blank.code).toBe(0);
    expect(blank.stdout).toContain('agent-gate: admin policy: none\n');
    expect(blank.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^agent-gate: the admin-policy input is empty, so the check ran without an admin policy\./),
      expect.stringMatching(/^agent-gate: the all-commits input is empty, so only agent-made commits were judged\./),
      expect.stringMatching(/^agent-gate: the fail-on input is empty, so the check fails on deny only \(or as the policy's failOn says\)\./),
    ]);
    const inline = await runAction({ event: 'pull_request', payload: prPayload(5, base, good), workspace: ws.dir, api, inputs: { comment: 'never', 'admin-policy': 'rules: []\n' } });
    expect(inline.stdout).toContain('agent-gate: admin policy: inline (the admin-policy input)\n');
  });

  test('all-commits judges human commits too', async () => {
    const { up, base } = upstream();
    up.checkout('feature', { create: true });
    up.write('secrets/x', 'x\n');
    const head = up.commit('human secret', { author: HUMAN });
    const ws = up.clone();
    const off = await runAction({ event: 'pull_request', payload: prPayload(8, base, head), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expect(off.outputs.decision).toBe('allow');
    const on = await runAction({ event: 'pull_request', payload: prPayload(8, base, head), workspace: ws.dir, api, inputs: { comment: 'never', 'all-commits': 'true' } });
    expect(on.outputs.decision).toBe('deny');
  });

  test('the head branch name is an agent signal', async () => {
    const { up, base } = upstream();
    up.checkout('copilot/fix', { create: true });
    up.write('secrets/x', 'x\n');
    const head = up.commit('by a human, on an agent branch', { author: HUMAN });
    const run = await runAction({ event: 'pull_request', payload: prPayload(8, base, head, 'copilot/fix'), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expect(run.outputs.decision).toBe('deny');
    expect(reportOf(run).commits[0]?.signals).toEqual(expect.arrayContaining([expect.stringContaining('copilot/fix')]));
  });
});

describe('pull_request_target', () => {
  test("a fork's head, only on refs/pull/N/head, is fetched as objects; nothing is checked out", async () => {
    const { up, base } = upstream();
    const { bad } = agentBranch(up, 'fork-branch');
    up.git(['update-ref', 'refs/pull/9/head', bad]);
    up.git(['branch', '-D', 'fork-branch']);
    const ws = up.clone();
    const headBefore = ws.head();
    expect(() => ws.git(['cat-file', '-e', `${bad}^{commit}`])).toThrow();
    const run = await runAction({ event: 'pull_request_target', payload: prPayload(9, base, bad, 'fork-branch'), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('deny');
    expect(reportOf(run).range).toEqual({ base, head: bad });
    // The checkout is untouched: still the base, no file of the pull request in the tree.
    expect(ws.head()).toBe(headBefore);
    expect(existsSync(join(ws.dir, 'src/a.ts'))).toBe(false);
    expect(existsSync(join(ws.dir, '.kiro'))).toBe(false);
    expect(ws.text(['status', '--porcelain'])).toBe('');
  });
});

describe('push', () => {
  test('an ordinary push judges before..after only', async () => {
    const { up } = upstream();
    up.write('secrets/old', 'x\n');
    const before = up.commit('old agent commit, judged by an earlier push', { author: KIRO });
    up.write('src/b.ts', 'x\n');
    const after = up.commit('new agent commit', { author: KIRO });
    const run = await runAction({
      event: 'push', workspace: up.clone().dir, api,
      payload: { ref: 'refs/heads/main', before, after, forced: false, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(0);
    expect(reportOf(run).commits.map((c) => c.sha)).toEqual([after]);
    expect(api.requests).toEqual([]);
  });

  // Audit round 7: push 1 rewrote the policy (its own run failed); push 2 was judged by the
  // policy of push 1's tip, the agent's own, and passed with a write to secrets/.
  test('a push to a feature branch is judged by the default branch\'s policy, not by an earlier push\'s', async () => {
    const { up } = upstream();
    up.checkout('feature', { create: true });
    up.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["**"]\n');
    const loosened = up.commit('tweak config', { author: KIRO });
    up.write('secrets/key', 'stolen\n');
    const after = up.commit('add key', { author: KIRO });
    up.checkout('main');
    const run = await runAction({
      event: 'push', workspace: up.clone().dir, api,
      payload: { ref: 'refs/heads/feature', before: loosened, after, forced: false, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(1);
    const report = reportOf(run);
    expect(report.commits.map((c) => c.sha).sort()).toEqual([after, loosened].sort());
    expect(report.findings.map((f) => [f.effect, f.resource])).toEqual(expect.arrayContaining([
      ['deny', '.github/agent-gate.yml'],
      ['deny', 'secrets/key'],
    ]));
  });

  test('a new branch (all-zero before) judges the commits not on the default branch', async () => {
    const { up } = upstream();
    const { good, bad } = agentBranch(up);
    up.write('docs/later.md', 'x\n');
    up.commit('main moved on', { author: HUMAN });
    const ws = up.clone();
    const run = await runAction({
      event: 'push', workspace: ws.dir, api,
      payload: { ref: 'refs/heads/feature', before: ZERO, after: bad, created: true, forced: false, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(1);
    expect(reportOf(run).commits.map((c) => c.sha).sort()).toEqual([bad, good].sort());
  });

  test('a force push re-judges the whole branch against the default branch', async () => {
    const { up } = upstream();
    const { bad } = agentBranch(up);
    up.checkout('feature');
    up.write('src/c.ts', 'x\n');
    const after = up.commit('after the rewrite', { author: KIRO });
    up.checkout('main');
    // `before` is the bad commit: an incremental range would skip it.
    const run = await runAction({
      event: 'push', workspace: up.clone().dir, api,
      payload: { ref: 'refs/heads/feature', before: bad, after, forced: true, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(1);
    expect(reportOf(run).commits).toHaveLength(3);
    expect(run.outputs['deny-count']).toBe('1');
  });

  test('a push that creates the default branch judges every commit it holds', async () => {
    const { up } = upstream();
    up.write('secrets/key', 'x\n').write('.kiro/settings/mcp.json', '{}\n');
    const bad = up.commit('agent commit on a new default branch', { author: KIRO });
    const run = await runAction({
      event: 'push', workspace: up.clone().dir, api,
      payload: { ref: 'refs/heads/main', before: ZERO, after: bad, created: true, forced: false, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(1);
    const report = reportOf(run);
    expect(report.commits.map((c) => c.sha)).toContain(bad);
    expect(report.range.base).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
    expect(report.findings.find((f) => f.resource === 'secrets/key')).toMatchObject({ effect: 'ask', rule: null });
    // Without a base commit there is no workspace policy: only the built-in and admin scopes decide.
    expect(report.findings.find((f) => f.resource === '.kiro/settings/mcp.json')).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' } });
  });

  test('a deleted branch does nothing and passes, even without a repository', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ag-empty-'));
    const run = await runAction({
      event: 'push', workspace: empty, api,
      payload: { ref: 'refs/heads/gone', before: 'a'.repeat(40), after: ZERO, deleted: true, repository: { default_branch: 'main' } },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ decision: 'allow', 'deny-count': '0', 'ask-count': '0', 'report-file': '' });
    expect(run.errors).toEqual([]);
    expect(run.summary).toContain('nothing to judge');
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('inconsistent push payloads and GITHUB_SHA', () => {
  test.each([
    ['deleted: true with a real after', (bad: string) => ({ after: bad, deleted: true }), /deleted: true but after is "[0-9a-f]{40}"/],
    ['an all-zero after with deleted: false', () => ({ after: ZERO, deleted: false }), /after is all zeros but deleted is false/],
  ])('push, %s: the step fails with one line instead of passing unjudged', async (_what, over, detail) => {
    const { up, base } = upstream();
    const { bad } = agentBranch(up);
    const run = await runAction({
      event: 'push', workspace: up.clone().dir, api,
      payload: { ref: 'refs/heads/feature', before: base, repository: { default_branch: 'main' }, ...over(bad) },
    });
    expectOneLineFailure(run, /^agent-gate could not judge: the push event payload is inconsistent \(/);
    expect(run.errors[0]?.message).toMatch(detail);
    expect(run.outputs['decision']).toBeUndefined();
  });

  test.each(['abc12345', '--output=/tmp/x', 'not-a-sha'])('workflow_dispatch with GITHUB_SHA=%s fails with one line instead of judging HEAD', async (sha) => {
    const { up } = upstream();
    agentBranch(up);
    const ws = up.clone();
    ws.checkout('feature');
    const run = await runAction({
      event: 'workflow_dispatch', workspace: ws.dir, api,
      payload: { ref: 'refs/heads/feature', repository: { default_branch: 'main' }, inputs: {} },
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/feature' },
    });
    expectOneLineFailure(run, /^agent-gate could not judge: GITHUB_SHA is not a full hex commit id \(got "/);
    expect(run.outputs['decision']).toBeUndefined();
  });
});

describe('merge_group and workflow_dispatch', () => {
  test('merge_group: base_sha..head_sha', async () => {
    const { up, base } = upstream();
    const { bad } = agentBranch(up);
    up.branch('gh-readonly-queue/main/pr-7-abc', bad);
    const run = await runAction({
      event: 'merge_group', workspace: up.clone().dir, api,
      payload: { merge_group: { base_sha: base, head_sha: bad, base_ref: 'refs/heads/main', head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc' } },
    });
    expect(run.code).toBe(1);
    expect(reportOf(run).range).toEqual({ base, head: bad });
  });

  test('workflow_dispatch: GITHUB_SHA against the default branch; the branch name is a signal', async () => {
    const { up, base } = upstream();
    up.write('docs/x.md', 'x\n');
    const mainTip = up.commit('docs', { author: HUMAN });
    up.checkout('kiro/task', { create: true, });
    up.git(['reset', '-q', '--hard', base]);
    up.write('secrets/token', 'x\n');
    const head = up.commit('human commit on an agent branch', { author: HUMAN });
    up.checkout('main');
    const ws = up.clone();
    ws.checkout('kiro/task');
    const run = await runAction({
      event: 'workflow_dispatch', workspace: ws.dir, api,
      payload: { ref: 'refs/heads/kiro/task', repository: { default_branch: 'main' }, inputs: {} },
      env: { GITHUB_SHA: head, GITHUB_REF: 'refs/heads/kiro/task' },
    });
    expect(run.code).toBe(1);
    const report = reportOf(run);
    expect(report.range).toEqual({ base: mainTip, head });
    expect(report.commits).toEqual([expect.objectContaining({ sha: head, agent: true, signals: [expect.stringContaining('kiro/task')] })]);
  });
});

describe('shallow checkouts', () => {
  function deepHistory(): { up: TestRepo; base: string; head: string } {
    const { up, base } = upstream();
    up.checkout('feature', { create: true });
    up.write('secrets/early', 'x\n');
    up.commit('early agent mistake', { author: KIRO });
    for (let i = 0; i < 5; i++) {
      up.write(`src/f${i}.ts`, 'x\n');
      up.commit(`agent ${i}`, { author: KIRO });
    }
    const head = up.head();
    up.checkout('main');
    return { up, base, head };
  }

  test('no way to deepen: fails closed, naming fetch-depth: 0', async () => {
    const { up, base, head } = deepHistory();
    const ws = up.shallowClone(1, 'feature');
    ws.git(['remote', 'set-url', 'origin', join(tmpdir(), 'ag-no-such-origin')]);
    const run = await runAction({ event: 'pull_request', payload: prPayload(11, base, head), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expectOneLineFailure(run, /^agent-gate could not judge: .*incomplete history.*fetch-depth: 0/);
    expect(run.outputs.decision).toBeUndefined();
    expect(run.summary).toContain('could not judge');
  });

  test('origin allows deepening: the history is fetched and the early commit judged', async () => {
    const { up, base, head } = deepHistory();
    const ws = up.shallowClone(1, 'feature');
    const run = await runAction({ event: 'pull_request', payload: prPayload(11, base, head), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'deny', 'deny-count': '1' });
    expect(reportOf(run).commits).toHaveLength(6);
  });
});

describe('could not judge, and malformed inputs: one line, never a stack trace', () => {
  let ws: TestRepo;
  let payload: unknown;
  beforeAll(() => {
    const { up, base } = upstream();
    const { bad } = agentBranch(up);
    ws = up.clone();
    payload = prPayload(7, base, bad);
  });

  test.each([
    [{ 'fail-on': 'sometimes' }, /^agent-gate could not judge: input fail-on: expected one of deny, ask, got "sometimes"$/],
    [{ comment: 'loud' }, /input comment: expected one of on-findings, always, never/],
    [{ 'all-commits': 'yes' }, /input all-commits: expected true or false/],
    [{ policy: '../../etc/passwd' }, /input policy: expected a path inside the repository/],
    [{ policy: 'ci/missing.yml' }, /policy ci\/missing.yml does not exist at the base commit/],
    [{ 'admin-policy': '/nonexistent/admin.yml' }, /admin\.yml: cannot read the policy file \(ENOENT\)/],
  ])('inputs %j', async (inputs, pattern) => {
    const run = await runAction({ event: 'pull_request', payload, workspace: ws.dir, api, inputs: { comment: 'never', ...inputs } });
    expectOneLineFailure(run, pattern);
  });

  test('a malformed event file', async () => {
    const run = await runAction({ event: 'pull_request', payload: null, eventText: '{"pull_request": ', workspace: ws.dir, api });
    expectOneLineFailure(run, /the event file .* is not valid JSON/);
  });

  test('an unsupported event', async () => {
    const run = await runAction({ event: 'issue_comment', payload: {}, workspace: ws.dir, api });
    expectOneLineFailure(run, /unsupported event "issue_comment"/);
  });

  test('a payload id that is not a full hex id', async () => {
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, '--output=/tmp/x', 'HEAD'), workspace: ws.dir, api });
    expectOneLineFailure(run, /pull_request\.base\.sha \(a full hex commit id\), got "--output=\/tmp\/x"/);
  });

  test('a base commit that exists nowhere', async () => {
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, 'd'.repeat(40), ws.head()), workspace: ws.dir, api, inputs: { comment: 'never' } });
    expectOneLineFailure(run, /could not judge: .*dddddddd.*fetch-depth: 0/);
  });

  test('a broken policy at the base commit names file:line:col', async () => {
    const { up, base } = upstream('rules:\n  - capability: shel\n    effect: deny\n');
    const { bad } = agentBranch(up);
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, base, bad), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expectOneLineFailure(run, /^agent-gate could not judge: \.github\/agent-gate\.yml:2:\d+: /);
  });

  // Audit G-4: this failed with a raw "git ls-remote origin refs/notes/agent-gate: fatal: ..." line.
  test('a clone whose remote is not named origin: one line naming the fix', async () => {
    const { up, base } = upstream();
    const { bad } = agentBranch(up);
    const clone = up.clone();
    clone.git(['remote', 'rename', 'origin', 'upstream']);
    const run = await runAction({ event: 'pull_request', payload: prPayload(7, base, bad), workspace: clone.dir, api, inputs: { comment: 'never' } });
    expectOneLineFailure(run, /^agent-gate could not judge: the workspace has no git remote named "origin", .*refs\/notes\/agent-gate.*git remote add origin /);
    expect(run.errors[0]?.message).not.toContain('ls-remote');
    expect(run.outputs.decision).toBeUndefined();
  });

  test('not a git repository', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ag-empty-'));
    const run = await runAction({ event: 'pull_request', payload, workspace: empty, api, inputs: { comment: 'never' } });
    expectOneLineFailure(run, /could not judge: .*not inside a git repository/);
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('workflow command injection', () => {
  test('a file name and a subject made of workflow commands forge nothing', async () => {
    const { up, base } = upstream();
    up.checkout('feature', { create: true });
    const evil = 'src/x\n::set-output name=decision::allow\n::error::forged-by-path\n%0A::warning::also';
    up.write(evil, 'x\n');
    up.write('src/ok.ts', 'x\n');
    const head = up.commit('::error::forged-by-subject\n\nbody\n::warning::forged-by-body', { author: KIRO });
    const run = await runAction({ event: 'pull_request', payload: prPayload(13, base, head), workspace: up.clone().dir, api, inputs: { comment: 'never' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('deny');
    expect(run.commands).not.toContain('set-output');
    for (const a of run.annotations) expect(a.message).not.toMatch(/^forged|^also/);
    expect(run.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^deny fs_write "src\/x\\n::set-output/),
      expect.stringMatching(/^agent-gate: failed/),
    ]);
    // Pinned to no file: the path is not one the annotation property should carry.
    expect(run.errors[0]?.props).not.toContain('file=');
  });
});
