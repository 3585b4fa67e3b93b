// Symlink targets are blob bytes: one with a NUL (which no file name can hold, and which
// child_process refuses as an argument) is judged as a malformed path, not a crash of the check.
import { afterAll, describe, expect, test } from '@jest/globals';
import { indexReader } from '../../src/check/linktree.ts';
import { runCheck } from '../../src/check/run.ts';
import { createGit } from '../../src/git/exec.ts';
import { readEntriesAt } from '../../src/git/log.ts';
import type { Finding } from '../../src/report/model.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const KIRO = { name: 'Kiro Agent', email: '123+kiro-agent@users.noreply.github.com' };
const ALLOW_ALL = 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n';

/** Stages a symlink whose target is exactly `target` (a checkout could not make some of these). */
function stageLink(repo: TestRepo, path: string, target: string): void {
  const blob = repo.git(['hash-object', '-w', '--stdin'], { input: Buffer.from(target, 'utf8') }).toString().trim();
  repo.git(['update-index', '--add', '--cacheinfo', `120000,${blob},${path}`]);
}

/** runCheck in-process with the test's isolated git environment instead of the caller's. */
async function checkIn(repo: TestRepo): Promise<Finding[]> {
  const saved = process.env;
  process.env = testEnv();
  try {
    return (await runCheck({ cwd: repo.dir, base: 'main' })).report.findings;
  } finally {
    process.env = saved;
  }
}

describe('a symlink target with a NUL byte', () => {
  test.each([
    // link, its target, other links staged with it
    ['t13', 'a\u0000b', {}],
    ['d/l', '../x\u0000/y', {}],
    ['l', 'hop/x', { hop: 'q\u0000r' }],
  ])('%s -> %j (with %j) is a deny finding, not an internal error', async (link, target, others) => {
    const repo = TestRepo.init();
    repo.write('.github/agent-gate.yml', ALLOW_ALL).write('README', 'base\n');
    repo.commit('base');
    repo.git(['checkout', '-q', '-b', 'kiro/feature']);
    for (const [p, t] of Object.entries(others)) stageLink(repo, p, t);
    stageLink(repo, link, target);
    repo.commit('agent adds a link', { author: KIRO, addAll: false });
    const findings = await checkIn(repo);
    const f = findings.find((x) => x.part === link);
    expect(f).toMatchObject({ effect: 'deny', capability: 'fs_write', part: link, rule: { scope: 'kiro', index: 5, pattern: 'malformed path' } });
    expect(f?.reason).toContain('path contains a control character');
    expect(f?.resource).toContain('\u0000');
  });

  test('the tree and index readers leave such a path out instead of passing it to git', async () => {
    const repo = TestRepo.init();
    repo.write('README', 'base\n');
    repo.commit('base');
    const git = createGit(repo.dir, { env: testEnv() });
    const paths = ['a\u0000b', 'README'];
    expect([...(await readEntriesAt(git, repo.head(), paths)).keys()]).toEqual(['README']);
    expect([...(await indexReader(git)(paths)).keys()]).toEqual(['README']);
  });
});
