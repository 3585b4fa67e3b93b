import { afterAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { createGit, gitEnv, textOf, type Git } from '../../src/git/exec.ts';
import { readCommits } from '../../src/git/log.ts';
import { GitError, IncompleteHistoryError } from '../../src/git/errors.ts';
import { parseRawDiff } from '../../src/git/rawdiff.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

describe('createGit', () => {
  test('runs in cwd and returns bytes unchanged', async () => {
    const repo = TestRepo.init();
    repo.write(Buffer.from([0x66, 0xff, 0x0a]), 'x');
    repo.commit('odd name');
    const git = createGit(repo.dir, { env: testEnv() });
    const out = await git.run(['ls-files', '-z']);
    expect(out).toEqual(Buffer.from([0x66, 0xff, 0x0a, 0x00]));
    expect(git.runSync(['ls-files', '-z'])).toEqual(out);
    expect(textOf(await git.run(['rev-parse', '--show-toplevel']))).toBe(textOf(Buffer.from(repo.text(['rev-parse', '--show-toplevel']))));
  });

  test('feeds standard input', async () => {
    const repo = TestRepo.init();
    const git = createGit(repo.dir, { env: testEnv() });
    const id = textOf(await git.run(['hash-object', '--stdin'], { input: Buffer.from('hello\n') }));
    expect(id).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(textOf(git.runSync(['hash-object', '--stdin'], { input: 'hello\n' }))).toBe(id);
  });

  test("keeps the caller's environment: GIT_INDEX_FILE is honoured", async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a');
    repo.commit('a');
    repo.write('b.txt', 'b');
    const alt = join(repo.dir, '.git', 'alt-index');
    repo.git(['add', 'b.txt'], { env: { GIT_INDEX_FILE: alt } });
    const git = createGit(repo.dir, { env: testEnv({ GIT_INDEX_FILE: alt }) });
    const staged = parseRawDiff(await git.run(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames']));
    // The alternate index was created from scratch, so a.txt is "deleted" there and b.txt added.
    expect(staged.map((c) => `${c.status} ${c.pathText}`)).toEqual(['D a.txt', 'A b.txt']);
    const plain = createGit(repo.dir, { env: testEnv() });
    expect(parseRawDiff(await plain.run(['diff', '--cached', '--raw', '-z', '--no-abbrev']))).toEqual([]);
  });

  test('sets the safety variables and drops GIT_EXTERNAL_DIFF', async () => {
    const env = gitEnv({ GIT_EXTERNAL_DIFF: 'evil', GIT_TERMINAL_PROMPT: '1', KEEP: 'me' }, { EXTRA: '1' });
    expect(env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', KEEP: 'me', EXTRA: '1' });
    expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
    const repo = TestRepo.init();
    const git = createGit(repo.dir, { env: testEnv({ GIT_TERMINAL_PROMPT: '1' }) });
    // An alias that prints what a git child process sees.
    const seen = (await git.run(['-c', 'alias.penv=!printenv GIT_TERMINAL_PROMPT GIT_OPTIONAL_LOCKS', 'penv'])).toString();
    expect(seen).toBe('0\n0\n');
  });

  test('repository config cannot turn on mailmap, pagers or signature checks', async () => {
    const repo = TestRepo.init();
    repo.git(['config', 'log.showSignature', 'true']);
    repo.git(['config', 'core.pager', 'false']);
    repo.git(['config', 'gpg.program', 'false']);
    repo.commit('c');
    const git = createGit(repo.dir, { env: testEnv() });
    const out = (await git.run(['log', '--format=%s'])).toString();
    expect(out).toBe('c\n');
  });

  test('failures become a one-line GitError with the command and the first stderr line', async () => {
    const repo = TestRepo.init();
    const git = createGit(repo.dir, { env: testEnv() });
    const err = await git.run(['cat-file', '-p', 'no\nsuch']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    const e = err as GitError;
    expect(e.message.split('\n')).toHaveLength(1);
    expect(e.message).toContain('git cat-file -p "no\\nsuch"');
    expect(e.message).toMatch(/fatal: /);
    expect(e.exitCode).toBe(128);
    expect(() => git.runSync(['cat-file', '-p', 'nope'])).toThrow(GitError);
    const res = await git.exec(['cat-file', '-e', 'nope']);
    expect(res.exitCode).not.toBe(0);
  });

  test('stream hands over chunks; a throwing consumer stops git and rejects with its error', async () => {
    const repo = TestRepo.init();
    for (let i = 0; i < 50; i++) repo.write(`f${i}`, String(i));
    repo.commit('many');
    const git = createGit(repo.dir, { env: testEnv() });
    const chunks: Buffer[] = [];
    const res = await git.stream?.(['ls-files', '-z'], (c) => chunks.push(c));
    expect(res?.exitCode).toBe(0);
    expect(Buffer.concat(chunks)).toEqual(await git.run(['ls-files', '-z']));
    const boom = new Error('consumer failed');
    await expect(git.stream?.(['ls-files', '-z'], () => { throw boom; })).rejects.toBe(boom);
  });

  test('readCommits works with a Git that has no stream (wrappers, fakes)', async () => {
    const repo = TestRepo.init();
    repo.write('a', 'a');
    repo.commit('a');
    const inner = createGit(repo.dir, { env: testEnv() });
    const plain: Git = {
      cwd: inner.cwd,
      exec: (a, o) => inner.exec(a, o),
      execSync: (a, o) => inner.execSync(a, o),
      run: (a, o) => inner.run(a, o),
      runSync: (a, o) => inner.runSync(a, o),
    };
    const commits = await readCommits(plain, { head: repo.head(), mergeBases: [] });
    expect(commits.map((c) => c.changes.map((ch) => ch.pathText))).toEqual([['a']]);
  });

  test('a git that cannot be started is a GitError too', async () => {
    const git = createGit('/', { env: testEnv(), gitPath: '/nonexistent/git' });
    await expect(git.run(['status'])).rejects.toBeInstanceOf(GitError);
    expect(() => git.runSync(['status'])).toThrow(GitError);
  });

  test('a folder that is not a repository fails as a GitError', async () => {
    const git = createGit('/', { env: testEnv({ GIT_CEILING_DIRECTORIES: '/' }) });
    await expect(git.run(['rev-parse', '--git-dir'])).rejects.toThrow(/not a git repository/);
  });
});

describe('IncompleteHistoryError', () => {
  test('names the fix on one line', () => {
    const e = new IncompleteHistoryError('shallow', 'commit abc is at the shallow boundary of this clone', 'abc');
    expect(e.message).toBe(
      'incomplete history: commit abc is at the shallow boundary of this clone; fetch the full history (actions/checkout: `fetch-depth: 0`; locally: `git fetch --unshallow`)',
    );
  });
});
