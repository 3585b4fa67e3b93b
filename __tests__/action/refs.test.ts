import { afterAll, describe, expect, test } from '@jest/globals';
import { authenticateFetches, needsAuth } from '../../src/action/gitauth.ts';
import { defaultBranchTip, ensureCommit, requireRemote, resolvePlan } from '../../src/action/refs.ts';
import { GateError } from '../../src/errors.ts';
import { createGit, type Git } from '../../src/git/exec.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

function gitFor(repo: TestRepo, extra: Record<string, string> = {}): Git {
  return createGit(repo.dir, { env: testEnv(extra) });
}

/** Upstream with main and a pull request head that only refs/pull/7/head holds (a fork's PR). */
function upstream(): { up: TestRepo; main: string; prHead: string } {
  const up = TestRepo.init();
  up.write('a.txt', '1\n');
  const main = up.commit('m0');
  up.checkout('fork-work', { create: true });
  up.write('b.txt', '2\n');
  const prHead = up.commit('pr work');
  up.checkout('main');
  up.git(['update-ref', 'refs/pull/7/head', prHead]);
  up.git(['branch', '-D', 'fork-work']);
  return { up, main, prHead };
}

/**
 * A Git that records every call and fails `fetch ... <id>` the way a server refusing unadvertised
 * object ids does (file:// advertises refs/pull/*, so the real refusal cannot be staged locally).
 */
function refusingIds(inner: Git, id: string): { git: Git; calls: string[][] } {
  const calls: string[][] = [];
  const git: Git = {
    cwd: inner.cwd,
    exec: async (args, opts) => {
      calls.push([...args]);
      if (args[0] === 'fetch' && args[args.length - 1] === id) return { stdout: Buffer.alloc(0), stderr: Buffer.from('fatal: not our ref'), exitCode: 128 };
      return inner.exec(args, opts);
    },
    execSync: (args, opts) => inner.execSync(args, opts),
    run: (args, opts) => inner.run(args, opts),
    runSync: (args, opts) => inner.runSync(args, opts),
  };
  return { git, calls };
}

describe('ensureCommit', () => {
  test('a present commit needs no fetch', async () => {
    const { up, main } = upstream();
    expect(await ensureCommit(gitFor(up), main, [], 'origin')).toBe(true);
  });

  test('a head that is only on refs/pull/N/head is fetched (objects only, nothing checked out)', async () => {
    const { up, prHead } = upstream();
    const ws = up.clone();
    const before = ws.head();
    expect(() => ws.git(['cat-file', '-e', `${prHead}^{commit}`])).toThrow();
    expect(await ensureCommit(gitFor(ws), prHead, ['refs/pull/7/head'], 'origin')).toBe(true);
    expect(ws.text(['rev-parse', `${prHead}^{commit}`])).toBe(prHead);
    expect(ws.head()).toBe(before);
    expect(ws.text(['status', '--porcelain'])).toBe('');
  });

  test('a server that refuses unadvertised ids still serves refs/pull/N/head', async () => {
    const { up, prHead } = upstream();
    const ws = up.clone();
    const { git, calls } = refusingIds(gitFor(ws), prHead);
    expect(await ensureCommit(git, prHead, [], 'origin')).toBe(false);
    expect(await ensureCommit(git, prHead, ['refs/pull/7/head'], 'origin')).toBe(true);
    expect(calls.filter((c) => c[0] === 'fetch').map((c) => c[c.length - 1])).toEqual([prHead, prHead, 'refs/pull/7/head']);
  });

  test('no origin: left for check to fail closed', async () => {
    const { up } = upstream();
    const lone = TestRepo.init();
    lone.commit('x');
    expect(await ensureCommit(gitFor(lone), up.head(), ['refs/pull/7/head'], 'origin')).toBe(false);
  });

  test('option-shaped or malformed refs are never passed to git fetch', async () => {
    const { up, prHead } = upstream();
    const ws = up.clone();
    const { git, calls } = refusingIds(gitFor(ws), prHead);
    expect(await ensureCommit(git, prHead, ['--upload-pack=touch /tmp/pwned', 'refs/pull/../x', 'refs/pull/7/head'], 'origin')).toBe(true);
    const fetched = calls.filter((c) => c[0] === 'fetch').map((c) => c[c.length - 1]);
    expect(fetched).toEqual([prHead, 'refs/pull/7/head']);
    expect(calls.some((c) => c.some((a) => a.startsWith('--upload-pack')))).toBe(false);
  });
});

describe('defaultBranchTip', () => {
  test('origin/<default> as the clone has it', async () => {
    const { up, main } = upstream();
    const ws = up.clone();
    expect(await defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: 'main' }, 'origin')).toBe(main);
  });

  test('fetched when the checkout did not bring it', async () => {
    const { up, main } = upstream();
    up.checkout('topic', { create: true });
    up.write('t.txt');
    up.commit('topic');
    const ws = up.shallowClone(1, 'topic');
    expect(() => ws.git(['rev-parse', '--verify', '--quiet', 'refs/remotes/origin/main'])).toThrow();
    expect(await defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: 'main' }, 'origin')).toBe(main);
  });

  test('unknown name: origin/HEAD, then main, then master', async () => {
    const { up, main } = upstream();
    const ws = up.clone();
    expect(await defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: null }, 'origin')).toBe(main);
  });

  // Audit 36, AD-2: origin/HEAD naming the pushed branch held the head, so 0 commits were judged.
  test('unknown name: a guess that already holds the head is skipped', async () => {
    const { up, main } = upstream();
    const ws = up.clone();
    ws.checkout('feature', { create: true });
    ws.write('f.txt');
    const head = ws.commit('agent');
    ws.git(['update-ref', 'refs/remotes/origin/feature', head]);
    ws.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feature']);
    expect(await defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: null }, 'origin', head)).toBe(main);
  });

  test('unknown name: when every guess holds the head, the step fails', async () => {
    const { up } = upstream();
    const ws = up.clone();
    ws.write('f.txt');
    const head = ws.commit('on main');
    ws.git(['update-ref', 'refs/remotes/origin/main', head]);
    await expect(defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: null }, 'origin', head)).rejects.toThrow(/already holds the head/);
  });

  test.each(['-x', 'a..b', 'a b', 'x:y'])('a bad default branch name %j is refused', async (name) => {
    const { up } = upstream();
    const ws = up.clone();
    await expect(defaultBranchTip(gitFor(ws), { kind: 'default-branch', name }, 'origin')).rejects.toThrow(GateError);
  });

  test('a default branch origin does not have: fails with the history fix', async () => {
    const { up } = upstream();
    const ws = up.clone();
    await expect(defaultBranchTip(gitFor(ws), { kind: 'default-branch', name: 'trunk' }, 'origin')).rejects.toThrow(/fetch-depth: 0/);
  });
});

test('resolvePlan: HEAD and a default-branch base', async () => {
  const { up, main } = upstream();
  const ws = up.clone();
  ws.checkout('kiro/x', { create: true });
  ws.write('c.txt');
  const head = ws.commit('agent');
  expect(await resolvePlan(gitFor(ws), { kind: 'check', event: 'workflow_dispatch', head: 'HEAD', base: { kind: 'default-branch', name: 'main' }, headRefs: [], description: '' }))
    .toEqual({ base: main, head });
});

describe('needsAuth', () => {
  test('only for an https origin on the server, with a token, without a header already', async () => {
    const repo = TestRepo.init();
    repo.commit('x');
    repo.git(['remote', 'add', 'origin', 'https://github.com/o/r']);
    const git = gitFor(repo);
    expect(await needsAuth(git, 'tok', 'https://github.com')).toBe(true);
    expect(await needsAuth(git, '', 'https://github.com')).toBe(false);
    expect(await needsAuth(git, 'tok', 'https://ghe.example')).toBe(false);
    repo.git(['config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic eA==']);
    expect(await needsAuth(git, 'tok', 'https://github.com')).toBe(false);
  });
  test('file:// origins and missing remotes never get a header', async () => {
    const { up } = upstream();
    expect(await needsAuth(gitFor(up.clone()), 'tok', 'https://github.com')).toBe(false);
    expect(await needsAuth(gitFor(up), 'tok', 'https://github.com')).toBe(false);
  });
});

test('authenticateFetches masks the secret and hands the header to later git calls of this process', async () => {
  const repo = TestRepo.init();
  repo.commit('x');
  repo.git(['remote', 'add', 'origin', 'https://github.com/o/r']);
  const saved = { ...process.env };
  try {
    for (const k of Object.keys(process.env)) if (k.startsWith('GIT_CONFIG_')) delete process.env[k];
    const masked: string[] = [];
    expect(await authenticateFetches(gitFor(repo), 'tok', 'https://github.com', (s) => masked.push(s))).toBe(true);
    const secret = Buffer.from('x-access-token:tok').toString('base64');
    expect(masked).toEqual([secret]);
    expect(process.env['GIT_CONFIG_COUNT']).toBe('1');
    expect(process.env['GIT_CONFIG_KEY_0']).toBe('http.https://github.com/.extraheader');
    expect(process.env['GIT_CONFIG_VALUE_0']).toBe(`AUTHORIZATION: basic ${secret}`);
    // A git started from this process's environment sees it; the repository's config does not.
    const seen = createGit(repo.dir).runSync(['config', '--get', 'http.https://github.com/.extraheader']).toString().trim();
    expect(seen).toBe(`AUTHORIZATION: basic ${secret}`);
    expect(repo.git(['config', '--local', '--list']).toString()).not.toContain('extraheader');
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

describe('requireRemote', () => {
  test('passes with origin, fails with a fix-naming line without it, and leaves a non-repository to check', async () => {
    const { up } = upstream();
    const clone = up.clone();
    await expect(requireRemote(gitFor(clone), 'origin')).resolves.toBeUndefined();
    clone.git(['remote', 'rename', 'origin', 'upstream']);
    await expect(requireRemote(gitFor(clone), 'origin')).rejects.toThrow(new GateError(
      'the workspace has no git remote named "origin", which agent-gate fetches refs/notes/agent-gate (tool-call logs) and missing history from; check out with actions/checkout, or add it before this step: git remote add origin <repository URL>',
    ));
    const bare = TestRepo.init();
    await expect(requireRemote(createGit(`${bare.dir}/..`, { env: testEnv({ GIT_CEILING_DIRECTORIES: `${bare.dir}/..` }) }), 'origin')).resolves.toBeUndefined();
  });
});
