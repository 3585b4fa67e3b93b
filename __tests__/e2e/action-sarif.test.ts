// The sarif-file input against a workspace the pull request controls (audit G-1): under
// pull_request the workspace is the PR's checkout, so what sits at the SARIF path is the PR's.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRuns, FakeGitHub, runAction, type ActionRun } from '../action/e2e-harness.ts';
import { cleanupRepos, TestRepo, type Identity } from '../helpers/gitrepo.ts';

const KIRO: Identity = { name: 'Kiro Agent', email: 'kiro-agent@users.noreply.github.com' };
const HUMAN: Identity = { name: 'Dana Dev', email: 'dana@example.com' };
const SARIF = 'reports/agent-gate.sarif';
const FORGED = '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"agent-gate"}},"results":[]}]}\n';

const api = new FakeGitHub();
const outside: string[] = [];
beforeAll(() => api.start());
beforeEach(() => api.reset());
afterAll(async () => {
  await api.stop();
  cleanupRuns();
  cleanupRepos();
  for (const d of outside) rmSync(d, { recursive: true, force: true });
});

/** A folder outside every workspace, standing for the rest of the runner's disk. */
function runnerDisk(): string {
  const d = mkdtempSync(join(tmpdir(), 'ag-outside-'));
  outside.push(d);
  return d;
}

/** A pull request whose one agent commit lays out `prepare` in the tree; the clone is its checkout. */
function prCheckout(prepare: (up: TestRepo) => void): { ws: TestRepo; payload: unknown } {
  const up = TestRepo.init('main');
  up.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["src/**", "reports/**"]\n').write('README.md', 'hi\n');
  const base = up.commit('policy', { author: HUMAN });
  up.checkout('feature', { create: true });
  prepare(up);
  const head = up.commit('agent work', { author: KIRO });
  const ws = up.clone('feature');
  const payload = { pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } }, repository: { full_name: 'o/r', default_branch: 'main' } };
  return { ws, payload };
}

function run(ws: TestRepo, payload: unknown, sarif = SARIF): Promise<ActionRun> {
  return runAction({ event: 'pull_request', payload, workspace: ws.dir, api, inputs: { comment: 'never', 'sarif-file': sarif } });
}

/** The step failed on the SARIF file alone, with one line that names the path and the reason. */
function expectRefused(r: ActionRun, reason: RegExp, decision: string): void {
  expect(r.code).toBe(1);
  const lines = r.errors.filter((e) => /SARIF/.test(e.message));
  expect(lines).toHaveLength(1);
  expect(lines[0]?.message).toContain(JSON.stringify(SARIF).slice(1, -1));
  expect(lines[0]?.message).toMatch(reason);
  expect(r.warnings.filter((w) => /SARIF/.test(w.message))).toEqual([]);
  // The decision is still reported; report-file is emptied so the documented upload step
  // (if: steps.gate.outputs.report-file != '') does not upload what the pull request put there.
  expect(r.outputs['decision']).toBe(decision);
  expect(r.outputs['report-file']).toBe('');
}

describe('sarif-file inside the workspace', () => {
  test('a symbolic link the pull request committed at the path is not written through', async () => {
    const disk = runnerDisk();
    const victim = join(disk, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const { ws, payload } = prCheckout((up) => { up.write('src/a.ts', 'x\n').symlink(SARIF, victim); });
    const r = await run(ws, payload);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expectRefused(r, /is a symbolic link in the workspace, which the pull request controls/, 'deny');
  });

  test('a folder on the way that is a symbolic link is not written through', async () => {
    const disk = runnerDisk();
    const { ws, payload } = prCheckout((up) => { up.write('src/a.ts', 'x\n').symlink('reports', disk); });
    const r = await run(ws, payload);
    expect(readdirSync(disk)).toEqual([]);
    expectRefused(r, /"reports" is a symbolic link in the workspace/, 'deny');
  });

  test('a folder the pull request committed at the path fails the step; its forged report is not passed on', async () => {
    const { ws, payload } = prCheckout((up) => { up.write('src/a.ts', 'x\n').write(`${SARIF}/clean.sarif`, FORGED); });
    const r = await run(ws, payload);
    expectRefused(r, /is not a regular file/, 'allow');
  });

  test('a regular file there is replaced by the report, and new folders are made', async () => {
    const { ws, payload } = prCheckout((up) => { up.write('src/a.ts', 'x\n').write(SARIF, FORGED); });
    const replaced = await run(ws, payload);
    expect(replaced.code).toBe(0);
    expect(replaced.outputs['report-file']).not.toBe('');
    expect(JSON.parse(readFileSync(join(ws.dir, SARIF), 'utf8'))).toMatchObject({ runs: [{ tool: { driver: { name: 'agent-gate', informationUri: expect.any(String) } } }] });
    const fresh = await run(ws, payload, 'new/deeper/gate.sarif');
    expect(fresh.code).toBe(0);
    expect(existsSync(join(ws.dir, 'new/deeper/gate.sarif'))).toBe(true);
  });

  test('outside the workspace the path is used as given', async () => {
    const disk = runnerDisk();
    mkdirSync(join(disk, 'real'));
    const { ws, payload } = prCheckout((up) => { up.write('src/a.ts', 'x\n'); });
    const r = await run(ws, payload, join(disk, 'real', 'sub', 'gate.sarif'));
    expect(r.code).toBe(0);
    expect(existsSync(join(disk, 'real', 'sub', 'gate.sarif'))).toBe(true);
  });
});
