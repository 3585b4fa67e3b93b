import { afterAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGit, type Git } from '../../src/git/exec.ts';
import { IncompleteHistoryError, InvalidRefError } from '../../src/git/errors.ts';
import { readCommits } from '../../src/git/log.ts';
import {
  findDefaultBase,
  isNullObjectId,
  readHistoryState,
  resolveCommit,
  resolveRange,
  tryDeepen,
  validateEventRef,
} from '../../src/git/range.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

function gitFor(repo: TestRepo): Git {
  return createGit(repo.dir, { env: testEnv() });
}

/** main: m0 - m1 - m2 ; feature (from m1): f1 - f2 */
function forked(): { repo: TestRepo; m1: string; m2: string; f2: string } {
  const repo = TestRepo.init();
  repo.write('a', '0');
  repo.commit('m0');
  repo.write('a', '1');
  const m1 = repo.commit('m1');
  repo.checkout('feature', { create: true });
  repo.write('f', '1');
  repo.commit('f1');
  repo.write('f', '2');
  const f2 = repo.commit('f2');
  repo.checkout('main');
  repo.write('a', '2');
  const m2 = repo.commit('m2');
  repo.checkout('feature');
  return { repo, m1, m2, f2 };
}

/** feature: old* - f1 - M(main) - f2 ; main: old* - m1 (the commit M merged). */
function mergedMain(): { repo: TestRepo; m1: string; head: string } {
  const repo = TestRepo.init();
  for (let i = 0; i < 3; i++) repo.commit(`old ${i}`);
  repo.checkout('feature', { create: true });
  repo.write('f', 'f');
  repo.commit('f1');
  repo.checkout('main');
  repo.write('m', 'm');
  const m1 = repo.commit('m1');
  repo.checkout('feature');
  repo.merge('main');
  repo.write('g', 'g');
  const head = repo.commit('f2');
  return { repo, m1, head };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('event refs', () => {
  test('only full hex ids are accepted', () => {
    expect(validateEventRef('A'.repeat(40), 'base')).toBe('a'.repeat(40));
    expect(validateEventRef('b'.repeat(64), 'head')).toBe('b'.repeat(64));
    for (const bad of ['main', 'HEAD', 'a'.repeat(39), 'a'.repeat(41), '--output=x', 'g'.repeat(40), `${'a'.repeat(40)}^`, '']) {
      expect(() => validateEventRef(bad, 'base')).toThrow(InvalidRefError);
    }
    expect(isNullObjectId('0'.repeat(40))).toBe(true);
    expect(isNullObjectId('0'.repeat(39) + '1')).toBe(false);
  });

  test('resolveRange with eventRefs refuses names', async () => {
    const { repo, m2, f2 } = forked();
    await expect(resolveRange(gitFor(repo), { base: 'main', head: f2, eventRefs: true })).rejects.toBeInstanceOf(InvalidRefError);
    const range = await resolveRange(gitFor(repo), { base: m2, head: f2, eventRefs: true });
    expect(range.head).toBe(f2);
    await expect(resolveRange(gitFor(repo), { base: '0'.repeat(40), head: f2, eventRefs: true })).rejects.toBeInstanceOf(InvalidRefError);
  });
});

describe('resolveCommit', () => {
  test('resolves names, refuses option-like input, returns null for unknown objects', async () => {
    const { repo, f2 } = forked();
    const git = gitFor(repo);
    expect(await resolveCommit(git, 'feature')).toBe(f2);
    expect(await resolveCommit(git, 'HEAD')).toBe(f2);
    expect(await resolveCommit(git, '1'.repeat(40))).toBeNull();
    expect(await resolveCommit(git, 'no-such-branch')).toBeNull();
    expect(await resolveCommit(git, '--output=/tmp/x')).toBeNull();
  });
});

describe('resolveRange', () => {
  test('range is merge-base(base, head)..head', async () => {
    const { repo, m1, m2, f2 } = forked();
    const range = await resolveRange(gitFor(repo), { base: 'main' });
    expect(range).toEqual({ base: m2, head: f2, mergeBases: [m1], baseRef: 'main' });
    const commits = await readCommits(gitFor(repo), range);
    expect(commits.map((c) => c.message)).toEqual(['f1', 'f2']);
  });

  test('default base: the upstream or the default branch, whichever judges more', async () => {
    const { repo, m2 } = forked();
    const git = gitFor(repo);
    expect(await findDefaultBase(git)).toBe('refs/heads/main');
    expect((await resolveRange(git)).base).toBe(m2);

    // An upstream that tracks main judges the same range; it is the one named.
    repo.git(['branch', '--set-upstream-to=main']);
    expect(await findDefaultBase(git)).toBe('HEAD@{upstream}');

    // An upstream holding this branch's first commit would leave it unjudged: main judges more.
    repo.branch('up', 'HEAD~1');
    repo.git(['branch', '--set-upstream-to=up']);
    expect(await findDefaultBase(git)).toBe('refs/heads/main');

    const clone = repo.clone();
    clone.checkout('topic', { create: true });
    clone.commit('t');
    expect(await findDefaultBase(gitFor(clone))).toBe('refs/remotes/origin/HEAD');
  });

  test('default base: an upstream that is the branch itself on the remote is skipped', async () => {
    const { repo } = forked();
    const clone = repo.clone();
    clone.checkout('pushed', { create: true });
    const agentWork = clone.commit('agent work');
    clone.git(['push', '-q', '-u', 'origin', 'pushed']);
    const git = gitFor(clone);
    // origin/pushed holds the agent's commit already; taking it as the base would judge nothing.
    expect(await findDefaultBase(git)).toBe('refs/remotes/origin/HEAD');
    const range = await resolveRange(git);
    expect((await readCommits(git, range)).map((c) => c.sha)).toContain(agentWork);
    // A branch that tracks another branch keeps that branch as its base.
    clone.git(['branch', '--set-upstream-to=origin/main']);
    expect(await findDefaultBase(git)).toBe('HEAD@{upstream}');
    // The pushed branch checked out under another name tracks it too: still skipped.
    clone.checkout('wip', { create: true });
    clone.git(['branch', '--set-upstream-to=origin/pushed']);
    expect(await findDefaultBase(git)).toBe('refs/remotes/origin/HEAD');
    expect((await readCommits(git, await resolveRange(git))).map((c) => c.sha)).toContain(agentWork);
  });

  test('no base anywhere is a usage error', async () => {
    const repo = TestRepo.init('trunk');
    repo.commit('x');
    await expect(resolveRange(gitFor(repo))).rejects.toBeInstanceOf(InvalidRefError);
  });

  test('a missing base object is incomplete history', async () => {
    const { repo } = forked();
    const e = await rejection(resolveRange(gitFor(repo), { base: 'c'.repeat(40) }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
    expect((e as IncompleteHistoryError).kind).toBe('missing-base');
    // In a full clone this is most often a typo, so the message says that as well as the fix.
    expect(e.message).toContain(`base "${'c'.repeat(40)}" is not a commit in this repository (mistyped, or not fetched)`);
    expect(e.message).toContain('fetch-depth: 0');
    expect(e.message.split('\n')).toHaveLength(1);
  });

  // Audit round 19 (H-7): these were reported as missing history, whose fix (fetch more) is wrong.
  test.each([
    [{ head: 'main..feature' }, 'head "main..feature" is a range, not a commit'],
    [{ head: 'HEAD^{tree}' }, 'head "HEAD^{tree}" names a tree, not a commit'],
    [{ base: 'main^{tree}', head: 'HEAD' }, 'base "main^{tree}" names a tree, not a commit'],
  ])('%j is a bad argument, not missing history', async (refs, message) => {
    const { repo } = forked();
    const e = await rejection(resolveRange(gitFor(repo), { base: 'main', ...refs }));
    expect(e).toBeInstanceOf(InvalidRefError);
    expect(e.message).toContain(message);
  });

  // Audit 29 (II-5): a short id several objects share was reported as missing history.
  test('an ambiguous short id is a bad argument that says so, not missing history', async () => {
    const { repo } = forked();
    // Two blobs whose ids start with the same four digits, found without writing thousands.
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const text = `blob ${i}\n`;
      const prefix = createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex').slice(0, 4);
      const other = seen.get(prefix);
      if (other === undefined) seen.set(prefix, text);
      else pair = [other, text];
    }
    let prefix = '';
    for (const text of pair) prefix = repo.git(['hash-object', '-w', '--stdin'], { input: text }).toString().trim().slice(0, 4);
    const e = await rejection(resolveRange(gitFor(repo), { base: prefix }));
    expect(e).toBeInstanceOf(InvalidRefError);
    expect(e.message).toBe(`base "${prefix}" is a short id that more than one object here starts with; give more of its hex digits, or a ref name`);
  });

  test('no merge-base is incomplete history', async () => {
    const { repo } = forked();
    repo.checkout('orphan', { orphan: true });
    repo.commit('unrelated root');
    const e = await rejection(resolveRange(gitFor(repo), { base: 'main', head: 'orphan' }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
    expect((e as IncompleteHistoryError).kind).toBe('no-merge-base');
    expect(e.message).toContain('fetch-depth: 0');
  });

  test('grafts are refused', async () => {
    const { repo, f2, m1 } = forked();
    writeFileSync(join(repo.dir, '.git/info/grafts'), `${f2}\n`);
    const e = await rejection(resolveRange(gitFor(repo), { base: m1 }));
    expect((e as IncompleteHistoryError).kind).toBe('grafts');
  });
});

describe('shallow clones', () => {
  test('--depth 1: the head is a cut-off commit, never a root', async () => {
    const { repo } = forked();
    const clone = repo.shallowClone(1, 'feature');
    const git = gitFor(clone);
    expect((await readHistoryState(git)).isShallow).toBe(true);
    // main is not even fetched by a single-branch depth-1 clone.
    const e1 = await rejection(resolveRange(git, { base: 'origin/main' }));
    expect(e1).toBeInstanceOf(IncompleteHistoryError);
    expect(e1.message).toContain('fetch-depth: 0');
    // Even measured against itself-less history, reading the commits refuses the shallow one.
    const head = clone.head();
    const e2 = await rejection(readCommits(git, { head, mergeBases: [] }));
    expect(e2).toBeInstanceOf(IncompleteHistoryError);
    expect((e2 as IncompleteHistoryError).kind).toBe('shallow');
    expect(e2.message).toContain('fetch-depth: 0');
    expect(e2.message).toContain('git fetch --unshallow');
  });

  test('a range that reaches the shallow boundary is refused', async () => {
    const { repo, m2, f2 } = forked();
    const clone = repo.shallowClone(2, 'feature');
    clone.git(['fetch', '-q', '--depth', '1', 'origin', 'main']);
    const git = gitFor(clone);
    expect(await resolveCommit(git, m2)).toBe(m2);
    const e = await rejection(resolveRange(git, { base: m2, head: f2, eventRefs: true }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
    expect(e.message).toContain('fetch-depth: 0');
  });

  test('a shallow clone deep enough for the range is accepted', async () => {
    const { repo, m1, m2, f2 } = forked();
    // feature: f2 f1 m1 (m1 cut off from m0); main: m2 m1. The range f1..f2 and the walk from
    // m2 stop at m1, so nothing needed lies past the boundary.
    const clone = repo.shallowClone(3, 'feature');
    clone.git(['fetch', '-q', '--depth', '2', 'origin', 'main']);
    expect(clone.text(['rev-parse', '--git-path', 'shallow'])).toBeTruthy();
    const git = gitFor(clone);
    expect((await readHistoryState(git)).isShallow).toBe(true);
    const range = await resolveRange(git, { base: m2, head: f2, eventRefs: true });
    expect(range.mergeBases).toEqual([m1]);
  });

  test('a merge in a shallow range whose own fork point is cut off is refused', async () => {
    // feature: o* - f1 - M(main) - f2 ; main: o* - m1. The clone's boundary is put at m1 by hand,
    // so the range (f1 M f2 above m1) looks whole but M cannot be remerged: its parents' common
    // ancestor is behind m1.
    const { repo, m1, head } = mergedMain();
    const clone = repo.clone();
    writeFileSync(join(clone.dir, '.git/shallow'), `${m1}\n`);
    const git = gitFor(clone);
    const e = await rejection(resolveRange(git, { base: m1, head, eventRefs: true }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
    expect((e as IncompleteHistoryError).kind).toBe('shallow');
    // Without the shallow file the same range is fine.
    const full = repo.clone();
    const range = await resolveRange(gitFor(full), { base: m1, head, eventRefs: true });
    expect((await readCommits(gitFor(full), range)).map((c) => c.message.trim())).toEqual(['f1', 'Merge main', 'f2']);
  });

  test('a depth-3 clone of a branch that merged main is refused', async () => {
    // feature merged main long ago; the clone holds the range but not the old fork point.
    const { repo, m1: merged, head } = mergedMain();
    const clone = repo.shallowClone(3, 'feature');
    const git = gitFor(clone);
    // The range itself (f2 and the merge) and the walk from `merged` are inside the clone.
    const e = await rejection(resolveRange(git, { base: merged, head, eventRefs: true }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
    expect(e.message).toMatch(/merge [0-9a-f]{40}|shallow boundary/);
  });

  test('with fetchFrom, the history is deepened from the remote and then judged', async () => {
    const { repo, m1, m2, f2 } = forked();
    const clone = repo.shallowClone(1, 'feature');
    const git = gitFor(clone);
    const range = await resolveRange(git, { base: m2, head: f2, eventRefs: true, fetchFrom: 'origin' });
    expect(range.mergeBases).toEqual([m1]);
    expect((await readCommits(git, range)).map((c) => c.message)).toEqual(['f1', 'f2']);
  });

  test('tryDeepen does nothing without the remote', async () => {
    const { repo } = forked();
    const clone = repo.shallowClone(1, 'feature');
    expect(await tryDeepen(gitFor(clone), 'upstream')).toBe(false);
    const e = await rejection(resolveRange(gitFor(clone), { base: 'c'.repeat(40), fetchFrom: 'nowhere' }));
    expect(e).toBeInstanceOf(IncompleteHistoryError);
  });
});
