import { afterAll, describe, expect, test } from '@jest/globals';
import { createGit, type Git } from '../../src/git/exec.ts';
import { LogStreamParser, parseLog, readBlobs, readCommits, readEntryAt, readFileAt, type CommitInfo, type MergeDiffMode } from '../../src/git/log.ts';
import type { Change } from '../../src/git/rawdiff.ts';
import { parseRawDiff } from '../../src/git/rawdiff.ts';
import { resolveRange } from '../../src/git/range.ts';
import { GitError } from '../../src/git/errors.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const Z40 = '0'.repeat(40);

function gitFor(repo: TestRepo): Git {
  return createGit(repo.dir, { env: testEnv() });
}

/** Commits between two revisions (exclusive..inclusive), read by the code under test. */
async function commitsOf(repo: TestRepo, from: string | null, to = 'HEAD', mergeDiff?: MergeDiffMode): Promise<CommitInfo[]> {
  const opts = mergeDiff ? { mergeDiff } : {};
  return readCommits(gitFor(repo), { head: repo.rev(to), mergeBases: from ? [repo.rev(from)] : [] }, opts);
}

function summary(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.status} ${c.oldMode}>${c.newMode} ${c.pathText ?? c.path.toString('hex')}`);
}

describe('readCommits: kinds of change', () => {
  const repo = TestRepo.init();
  repo.write('keep.txt', 'keep\n').write('mod.txt', 'one\n').write('del.txt', 'bye\n').write('link-me.txt', 'file\n');
  repo.write('run.sh', '#!/bin/sh\n').write('old/name.txt', 'moved\n');
  const root = repo.commit('root');
  repo.write('mod.txt', 'two\n').remove('del.txt').write('new.txt', 'hi\n');
  repo.remove('link-me.txt').symlink('link-me.txt', 'keep.txt');
  repo.chmod('run.sh', 0o755);
  repo.remove('old/name.txt').write('new/name.txt', 'moved\n');
  repo.symlink('up', '../../etc/passwd');
  const second = repo.commit('second');

  test('a root commit is diffed against the empty tree', async () => {
    const [c] = await commitsOf(repo, null, root);
    expect(c?.sha).toBe(root);
    expect(c?.parents).toEqual([]);
    expect(summary(c?.changes ?? [])).toEqual([
      'A 000000>100644 del.txt',
      'A 000000>100644 keep.txt',
      'A 000000>100644 link-me.txt',
      'A 000000>100644 mod.txt',
      'A 000000>100644 old/name.txt',
      'A 000000>100644 run.sh',
    ]);
    expect(c?.changes.every((ch) => ch.oldId === Z40 && /^[0-9a-f]{40}$/.test(ch.newId))).toBe(true);
  });

  test('add, modify, delete, type change, mode change; a rename is a delete plus an add', async () => {
    const commits = await commitsOf(repo, root);
    expect(commits.map((c) => c.sha)).toEqual([second]);
    expect(summary(commits[0]?.changes ?? [])).toEqual([
      'D 100644>000000 del.txt',
      'T 100644>120000 link-me.txt',
      'M 100644>100644 mod.txt',
      'A 000000>100644 new.txt',
      'A 000000>100644 new/name.txt',
      'D 100644>000000 old/name.txt',
      'M 100644>100755 run.sh',
      'A 000000>120000 up',
    ]);
  });

  test('symlink targets come from one cat-file --batch', async () => {
    const [c] = await commitsOf(repo, root);
    const links = (c?.changes ?? []).filter((ch) => ch.newMode === '120000');
    const blobs = await readBlobs(gitFor(repo), [...links.map((l) => l.newId), ...links.map((l) => l.newId)]);
    expect(links.map((l) => blobs.get(l.newId)?.toString())).toEqual(['keep.txt', '../../etc/passwd']);
    const missing = await readBlobs(gitFor(repo), ['1'.repeat(40)]);
    expect(missing.size).toBe(0);
    await expect(readBlobs(gitFor(repo), ['HEAD'])).rejects.toBeInstanceOf(GitError);
  });

  test('identities and message are raw', async () => {
    const [c] = await commitsOf(repo, root);
    expect(c).toMatchObject({ authorName: 'Test Human', authorEmail: 'human@example.com', message: 'second' });
  });
});

describe('readCommits: file names', () => {
  test('newline, tab, quote, backslash, non-UTF-8 bytes and leading dash are exact', async () => {
    const repo = TestRepo.init();
    const names: Array<string | Buffer> = ['new\nline', 'tab\there', 'quote"d', "apos'", 'back\\slash', '-dash', ' lead space', 'ünï', Buffer.from([0x66, 0xff])];
    for (const n of names) repo.write(n, 'x\n');
    repo.commit('names');
    const [c] = await commitsOf(repo, null);
    const got = (c?.changes ?? []).map((ch) => ch.path.toString('hex')).sort();
    const want = names.map((n) => Buffer.from(n).toString('hex')).sort();
    expect(got).toEqual(want);
    const bad = c?.changes.find((ch) => ch.path.equals(Buffer.from([0x66, 0xff])));
    expect(bad?.pathText).toBeNull();
    expect(c?.changes.find((ch) => ch.pathText === 'new\nline')).toBeDefined();
    expect(c?.changes.find((ch) => ch.pathText === 'ünï')).toBeDefined();
  });
});

describe('readCommits: submodules', () => {
  test('a gitlink change is reported even with .gitmodules ignore = all', async () => {
    const repo = TestRepo.init();
    repo.write('.gitmodules', '[submodule "sub"]\n\tpath = sub\n\turl = ./elsewhere\n\tignore = all\n');
    repo.git(['add', '.gitmodules']);
    // The gitlink has no checkout, so `git add -A` would drop it: commit the index as it is.
    repo.gitlink('sub', '1'.repeat(40));
    const first = repo.commit('add submodule', { addAll: false });
    repo.gitlink('sub', '2'.repeat(40));
    repo.commit('bump submodule', { addAll: false });
    // Plain `git log --raw` honours ignore = all and hides both entries: the reason for the flag.
    const plain = repo.git(['log', '--raw', '--format=%H', '--no-abbrev']).toString();
    expect(plain).not.toContain('160000');
    const commits = await commitsOf(repo, null);
    expect(summary(commits[0]?.changes ?? [])).toEqual(['A 000000>100644 .gitmodules', 'A 000000>160000 sub']);
    expect(commits[1]?.changes).toEqual([
      expect.objectContaining({ status: 'M', oldMode: '160000', newMode: '160000', oldId: '1'.repeat(40), newId: '2'.repeat(40), pathText: 'sub' }),
    ]);
    expect(commits[0]?.sha).toBe(first);
  });

  test('diff.ignoreSubmodules=all in the repository config does not hide them either', async () => {
    const repo = TestRepo.init();
    repo.git(['config', 'diff.ignoreSubmodules', 'all']);
    repo.gitlink('sub', '1'.repeat(40));
    repo.commit('add submodule', { addAll: false });
    const [c] = await commitsOf(repo, null);
    expect(summary(c?.changes ?? [])).toEqual(['A 000000>160000 sub']);
  });
});

describe('readCommits: identities are read raw', () => {
  test('.mailmap and log.mailmap=true do not rewrite author or committer', async () => {
    const repo = TestRepo.init();
    repo.write('.mailmap', 'Test Human <human@example.com> Kiro Agent <kiro@example.com>\n');
    repo.git(['config', 'log.mailmap', 'true']);
    repo.git(['config', 'mailmap.file', '.mailmap']);
    repo.commit('by the agent', { author: { name: 'Kiro Agent', email: 'kiro@example.com' } });
    expect(repo.text(['log', '-1', '--format=%aN <%aE>'])).toBe('Test Human <human@example.com>');
    const [c] = await commitsOf(repo, null);
    expect(c).toMatchObject({ authorName: 'Kiro Agent', authorEmail: 'kiro@example.com', committerName: 'Kiro Agent' });
  });

  test('messages keep their bytes, including trailers and a NUL-free odd layout', async () => {
    const repo = TestRepo.init();
    const message = 'subject\n\nbody\n\x01not a marker\n\nCo-authored-by: Claude <noreply@anthropic.com>\n';
    repo.commit(message);
    repo.commit('');
    const commits = await commitsOf(repo, null);
    expect(commits.map((c) => c.message)).toEqual([message, '']);
  });
});

describe('readCommits: merges', () => {
  // main: base -> m1 (changes shared.txt) ; agent: base -> a1 ; merges of main into agent.
  function history(): { repo: TestRepo; base: string } {
    const repo = TestRepo.init();
    repo.write('shared.txt', 'a\nb\nc\n').write('conflict.txt', 'base\n');
    const base = repo.commit('base');
    repo.checkout('agent', { create: true });
    repo.write('agent.txt', 'agent work\n');
    repo.commit('agent work');
    repo.checkout('main');
    repo.write('shared.txt', 'a\nb\nc\nd\n').write('main-only.txt', 'main\n');
    repo.commit('main moves on');
    repo.checkout('agent');
    return { repo, base };
  }

  for (const mode of ['auto', 'remerge', 'merge-tree'] as const) {
    describe(`mergeDiff=${mode}`, () => {
      test('a clean merge of the base branch into the agent branch changes nothing', async () => {
        const { repo, base } = history();
        repo.merge('main');
        const commits = await commitsOf(repo, base, 'HEAD', mode);
        const merge = commits.find((c) => c.parents.length === 2);
        expect(merge?.changes).toEqual([]);
        // Measured from the old fork point, main's own commit is in the range (with its change).
        expect(commits.map((c) => c.message.trim())).toEqual(['agent work', 'main moves on', 'Merge main']);
      });

      test('an evil merge reports the extra change only', async () => {
        const { repo, base } = history();
        repo.merge('main', { noCommit: true });
        repo.write('.kiro/settings/mcp.json', '{}\n');
        repo.commit('Merge main (evil)');
        const commits = await commitsOf(repo, base, 'HEAD', mode);
        const merge = commits.find((c) => c.parents.length === 2);
        expect(summary(merge?.changes ?? [])).toEqual(['A 000000>100644 .kiro/settings/mcp.json']);
      });

      test('a conflicted merge reports the resolved path', async () => {
        const { repo, base } = history();
        repo.write('conflict.txt', 'agent side\n');
        repo.commit('agent edits conflict');
        repo.checkout('main');
        repo.write('conflict.txt', 'main side\n');
        repo.commit('main edits conflict');
        repo.checkout('agent');
        expect(repo.merge('main', { noCommit: true })).toBe(true);
        repo.write('conflict.txt', 'resolved\n');
        repo.commit('Merge main, resolved');
        const commits = await commitsOf(repo, base, 'HEAD', mode);
        const merge = commits.find((c) => c.parents.length === 2);
        expect(summary(merge?.changes ?? [])).toEqual(['M 100644>100644 conflict.txt']);
        const blob = await readBlobs(gitFor(repo), [merge?.changes[0]?.newId ?? '']);
        expect(blob.get(merge?.changes[0]?.newId ?? '')?.toString()).toBe('resolved\n');
      });

      test('several merges in one range are each judged correctly', async () => {
        // Reproduces the git < 2.48 walk bug: a single `log --diff-merges=remerge` reports a
        // change for the first, clean merge once later commits have been shown.
        const { repo, base } = history();
        repo.merge('main');
        repo.checkout('main');
        repo.write('later.txt', 'later\n');
        repo.commit('main again');
        repo.checkout('agent');
        repo.merge('main', { noCommit: true });
        repo.write('evil.txt', 'evil\n');
        repo.commit('evil merge');
        const commits = await commitsOf(repo, base, 'HEAD', mode);
        const merges = commits.filter((c) => c.parents.length === 2);
        expect(merges.map((m) => summary(m.changes))).toEqual([[], ['A 000000>100644 evil.txt']]);
      });
    });
  }

  describe('octopus merges are judged against the automatic merge, path by path', () => {
    /** history() plus a side branch from the base that adds side.txt and edits conflict.txt. */
    function octopus(): { repo: TestRepo; base: string } {
      const h = history();
      h.repo.checkout('side', { create: true });
      h.repo.git(['reset', '-q', '--hard', h.base]);
      h.repo.write('side.txt', 'side\n');
      h.repo.commit('side');
      h.repo.checkout('agent');
      return h;
    }
    const merge = (repo: TestRepo): void => { repo.git(['merge', '-q', '--no-ff', '--no-commit', 'main', 'side']); };
    const octopusOf = async (repo: TestRepo, base: string): Promise<CommitInfo | undefined> =>
      (await commitsOf(repo, base)).find((c) => c.parents.length === 3);

    test('a clean octopus changes nothing', async () => {
      const { repo, base } = octopus();
      merge(repo);
      repo.commit('octopus');
      expect((await octopusOf(repo, base))?.changes).toEqual([]);
    });

    test('a file the merger added is reported', async () => {
      const { repo, base } = octopus();
      merge(repo);
      repo.write('octo-evil.txt', 'x\n');
      repo.commit('octopus');
      expect(summary((await octopusOf(repo, base))?.changes ?? [])).toEqual(['A 000000>100644 octo-evil.txt']);
    });

    test('dropping one parent\'s change (keeping the base version) is reported, against the automatic version', async () => {
      const { repo, base } = octopus();
      merge(repo);
      repo.git(['checkout', base, '--', 'shared.txt']);
      repo.commit('octopus that drops main\'s edit to shared.txt');
      const changes = (await octopusOf(repo, base))?.changes ?? [];
      expect(summary(changes)).toEqual(['M 100644>100644 shared.txt']);
      const blobs = await readBlobs(gitFor(repo), [changes[0]?.oldId ?? '', changes[0]?.newId ?? '']);
      expect(blobs.get(changes[0]?.oldId ?? '')?.toString()).toBe('a\nb\nc\nd\n');
      expect(blobs.get(changes[0]?.newId ?? '')?.toString()).toBe('a\nb\nc\n');
    });

    test('dropping a file a parent added is reported as a delete', async () => {
      const { repo, base } = octopus();
      merge(repo);
      repo.git(['rm', '-qf', 'side.txt']);
      repo.commit('octopus without side.txt');
      expect(summary((await octopusOf(repo, base))?.changes ?? [])).toEqual(['D 100644>000000 side.txt']);
    });

    test('an octopus with an unrelated history is measured from the empty tree', async () => {
      const { repo, base } = octopus();
      repo.checkout('other', { orphan: true });
      repo.git(['rm', '-rqf', '--cached', '.']);
      for (const f of ['shared.txt', 'conflict.txt', 'agent.txt']) repo.remove(f);
      repo.write('other.txt', 'other\n');
      repo.commit('unrelated');
      repo.checkout('agent');
      // git's octopus strategy refuses unrelated histories; plumbing builds such a merge anyway.
      const agentTip = repo.rev('agent');
      const octopusWith = (otherText: string): void => {
        repo.git(['reset', '-q', '--hard', agentTip]);
        repo.git(['merge', '-q', '--no-ff', '--no-commit', 'main', 'side']);
        repo.write('other.txt', otherText);
        repo.git(['add', '-A']);
        const tree = repo.text(['write-tree']).trim();
        const sha = repo.text(['commit-tree', tree, '-p', agentTip, '-p', 'main', '-p', 'side', '-p', 'other', '-m', 'octopus']).trim();
        repo.git(['merge', '--abort']);
        repo.git(['reset', '-q', '--hard', sha]);
      };
      // Without a base common to all four, agent's and main's versions of shared.txt are two
      // different changes to it: judged as the merger's (fail-closed). other.txt is only other's.
      octopusWith('other\n');
      const clean = (await commitsOf(repo, base)).find((c) => c.parents.length === 4);
      expect(summary(clean?.changes ?? [])).toEqual(['M 100644>100644 shared.txt']);
      octopusWith('changed by the merger\n');
      const edited = (await commitsOf(repo, base)).find((c) => c.parents.length === 4);
      expect(summary(edited?.changes ?? [])).toEqual(['M 100644>100644 other.txt', 'M 100644>100644 shared.txt']);
    });

    test('a path two parents changed in different ways is the merger\'s write', async () => {
      const { repo, base } = octopus();
      repo.checkout('side');
      repo.write('shared.txt', 'side version\n');
      repo.commit('side edits shared.txt');
      repo.checkout('agent');
      // git's octopus strategy stops on this conflict; the merger resolves it by hand.
      repo.git(['merge', '-q', '--no-ff', '--no-commit', 'main', 'side'], { allowFail: true });
      repo.write('shared.txt', 'side version\n').write('side.txt', 'side\n').write('main-only.txt', 'main\n');
      repo.git(['add', '-A']);
      repo.git(['commit', '-qm', 'octopus, resolved'], { env: { GIT_EDITOR: ':' } });
      const commit = (await commitsOf(repo, base)).find((c) => c.parents.length === 3);
      expect(summary(commit?.changes ?? [])).toEqual(['M 100644>100644 shared.txt']);
    });
  });

  test('a merge of unrelated histories is handled', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'a\n');
    const base = repo.commit('a');
    repo.checkout('other', { orphan: true });
    repo.git(['rm', '-rq', '--cached', '.']);
    repo.remove('a.txt');
    repo.write('b.txt', 'b\n');
    repo.commit('b');
    repo.checkout('main');
    repo.git(['merge', '-q', '--no-ff', '--allow-unrelated-histories', '-m', 'join', 'other']);
    const commits = await commitsOf(repo, base);
    const merge = commits.find((c) => c.parents.length === 2);
    expect(merge?.changes).toEqual([]);
    expect(summary(commits.find((c) => c.message === 'b')?.changes ?? [])).toEqual(['A 000000>100644 b.txt']);
  });
});

describe('readCommits: range', () => {
  test('oldest first, merges included, nothing from the base', async () => {
    const repo = TestRepo.init();
    repo.commit('base');
    repo.checkout('f', { create: true });
    const a = repo.commit('a');
    const b = repo.commit('b');
    const range = await resolveRange(gitFor(repo), { base: 'main', head: 'f' });
    const commits = await readCommits(gitFor(repo), range);
    expect(commits.map((c) => c.sha)).toEqual([a, b]);
    expect(commits[1]?.parents).toEqual([a]);
  });

  test('an empty range gives no commits', async () => {
    const repo = TestRepo.init();
    repo.commit('base');
    const range = await resolveRange(gitFor(repo), { base: 'HEAD', head: 'HEAD' });
    expect(await readCommits(gitFor(repo), range)).toEqual([]);
  });
});

describe('readFileAt', () => {
  const repo = TestRepo.init();
  repo.write('.github/agent-gate.yml', 'rules: []\n').write('dir/file', 'x').symlink('link.yml', '.github/agent-gate.yml');
  repo.write('weird[*].yml', 'glob chars\n');
  const c = repo.commit('policy');

  test('reads bytes at a commit; null when absent', async () => {
    const git = gitFor(repo);
    expect((await readFileAt(git, c, '.github/agent-gate.yml'))?.toString()).toBe('rules: []\n');
    expect(await readFileAt(git, c, '.github/missing.yml')).toBeNull();
    expect(await readFileAt(git, c, 'weird[*].yml')).toEqual(Buffer.from('glob chars\n'));
    expect(await readFileAt(git, c, 'weird?*].yml')).toBeNull();
  });

  test('a symlink or folder where the file should be is an error, not "absent"', async () => {
    const git = gitFor(repo);
    await expect(readFileAt(git, c, 'link.yml')).rejects.toThrow(/not a regular file/);
    await expect(readFileAt(git, c, 'dir')).rejects.toThrow(/not a regular file/);
    expect(await readEntryAt(git, c, 'link.yml')).toMatchObject({ mode: '120000', type: 'blob' });
  });

  test('a missing commit is a GitError', async () => {
    await expect(readFileAt(gitFor(repo), '1'.repeat(40), 'x')).rejects.toBeInstanceOf(GitError);
  });

  // git does not read through a linked or gitlinked folder, so the file only looks absent.
  test('a file below a folder that is a link or a submodule is an error, not "absent"', async () => {
    const linked = TestRepo.init();
    linked.write('config/github/agent-gate.yml', 'rules: []\n').symlink('.github', 'config/github').symlink('a/b', '../config');
    linked.write('plain', 'x\n').git(['add', '-A']);
    linked.git(['update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},sub`]);
    const at = linked.commit('linked folders', { addAll: false });
    const git = gitFor(linked);
    await expect(readFileAt(git, at, '.github/agent-gate.yml')).rejects.toThrow('.github/agent-gate.yml lies below .github, which is a symbolic link at');
    await expect(readFileAt(git, at, 'a/b/github/agent-gate.yml')).rejects.toThrow('lies below a/b, which is a symbolic link');
    await expect(readFileAt(git, at, 'sub/x/agent-gate.yml')).rejects.toThrow('lies below sub, which is a submodule');
    expect(await readFileAt(git, at, 'config/github/missing.yml')).toBeNull();
    expect(await readFileAt(git, at, 'missing/agent-gate.yml')).toBeNull();
    expect(await readFileAt(git, at, 'plain/agent-gate.yml')).toBeNull();
  });
});

describe('parseRawDiff', () => {
  test('parses the index diff used by the hook, including renames split in two', () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'same content here\n');
    repo.commit('a');
    repo.git(['mv', 'a.txt', 'b.txt']);
    const withRenames = repo.git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '-M']);
    expect(withRenames.toString('latin1')).toContain('R100');
    expect(summary(parseRawDiff(withRenames))).toEqual(['D 100644>000000 a.txt', 'A 000000>100644 b.txt']);
    const plain = repo.git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames']);
    expect(summary(parseRawDiff(plain))).toEqual(['D 100644>000000 a.txt', 'A 000000>100644 b.txt']);
  });

  test('rejects garbage instead of guessing', () => {
    expect(() => parseRawDiff(Buffer.from(':100644 100644 abc def M\0x\0'))).toThrow(GitError);
    expect(() => parseRawDiff(Buffer.from('hello'))).toThrow(GitError);
  });
});

describe('LogStreamParser', () => {
  test('any chunking of the output gives the same commits as one buffer', async () => {
    const repo = TestRepo.init();
    repo.write('a', 'a').write(Buffer.from([0x01, 0x66, 0xff]), 'odd');
    repo.commit('one\n\n\u0001 marker-like text\n');
    repo.write('b', 'b');
    repo.commit('');
    for (let i = 0; i < 5; i++) repo.write(`dir/f${i}`, String(i));
    repo.commit('Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n', { author: { name: 'Kiro Agent', email: 'k@x' } });
    const nonce = 'f'.repeat(32);
    const args = [
      'log', '--no-mailmap', '--diff-merges=off', '--root', '--topo-order', '--reverse', '--raw', '-z', '--no-abbrev', '--no-renames',
      `--format=tformat:%x01${nonce}%x00%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x00`, 'HEAD', '--',
    ];
    const out = repo.git(args);
    const whole = parseLog(out, nonce);
    expect(whole).toHaveLength(3);
    expect(whole.map((c) => c.changes.length)).toEqual([2, 1, 5]);
    for (const size of [1, 2, 3, 7, 33, 34, 35, 64, 100, out.length]) {
      const p = new LogStreamParser(nonce);
      for (let i = 0; i < out.length; i += size) p.push(out.subarray(i, i + size));
      expect(p.end()).toEqual(whole);
    }
  });

  test('a forged or foreign record start is refused', () => {
    expect(() => parseLog(Buffer.from('\u0001abc\u0000x'), 'def')).toThrow(GitError);
  });
});
