// Audit round 30 (JJ-2, JJ-6): git commands that check another commit out, move HEAD or load
// another tree into the index may write any work-tree path, the policy file included; they are
// held as `git am` and `git read-tree -u` are (anything where git stands). `git clean` and
// `git stash -u|-a` remove untracked files as `rm -r` of their pathspecs (or of where git stands)
// would. Every ask and deny row was allow before the fix; the allow rows must stay allowed.
import { describe, expect, test } from '@jest/globals';
import { gitTreeWrites } from '../../src/shell/git-tree-writes.ts';
import { madeArg } from '../../src/shell/operand-words.ts';
import { judge } from '../helpers/policy.ts';
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
type Row = ShellRow;
const table = (name: string, rows: readonly Row[]): void => shellTable(POLICY, name, rows);

const asks = (why: string, ...commands: string[]): Row[] => rowsOf('ask', why, ...commands);
const allows = (why: string, ...commands: string[]): Row[] => rowsOf('allow', why, ...commands);

table('JJ-2: a checkout of another commit may write anything where git stands', [
  ...asks('the tree of another commit', 'git reset --hard evil', 'git reset --keep evil', 'git reset --merge HEAD~1', 'git checkout evil',
    'git checkout -f evil', 'git checkout evil --', 'git checkout -', 'git checkout "$branch"', 'git checkout -b x evil', 'git checkout -B main evil',
    'git switch evil', 'git switch -', 'git switch -c x evil', 'git switch --detach evil', 'git switch --orphan x'),
  ...asks('commits applied', 'git merge evil', 'git merge', 'git cherry-pick evil', 'git cherry-pick --continue', 'git rebase evil',
    'git rebase --continue', 'git revert HEAD', 'git pull', 'git pull --rebase origin main', 'git bisect start evil main'),
  ...asks('a stash put back', 'git stash pop', 'git stash apply evil', 'git stash branch x'),
  ...asks('HEAD or the index moved to another tree, which a later checkout writes out', 'git reset evil', 'git reset --soft evil',
    'git reset --mixed evil; git checkout .', 'git reset evil && git checkout -- .github/agent-gate.yml',
    'git reset --soft evil && git restore --source=HEAD .github/agent-gate.yml', 'git reset evil; git checkout-index -f -a',
    'git update-ref HEAD evil', 'git update-ref refs/heads/main evil', 'git update-ref --stdin < refs', 'git symbolic-ref HEAD refs/heads/evil',
    'git fetch --update-head-ok . evil:main'),
  ['cd secrets && git checkout evil', 'deny', 'where a cd went: the folder is denied'],
  ['git -C secrets reset --hard evil', 'deny', 'git -C: where git stands'],
  ['git -C src reset --hard evil', 'ask', 'git -C: the top of the work tree may lie above the folder'],
  ['git -C src am x.mbox', 'ask', 'git am applies at the top of the work tree too'],
  ['git -C src read-tree -u evil', 'ask', 'and so does git read-tree -u'],
  ...allows('a new branch at HEAD, the index, HEAD, a path, or another repository', 'git checkout -b feat', 'git switch -c feat',
    'git checkout -- src/a.ts', 'git checkout .', 'git checkout HEAD', 'git reset --hard', 'git reset --hard HEAD', 'git reset -- src/a.ts',
    'git reset HEAD src/a.ts', 'git merge --abort', 'git rebase --abort', 'git cherry-pick --quit', 'git stash', 'git stash list',
    'git stash drop', 'git fetch origin', 'git update-ref refs/tags/v1 HEAD', 'git update-ref -d refs/heads/old', 'git symbolic-ref HEAD',
    'git bisect log', 'cd /tmp/x && git checkout main', 'git -C /tmp/x pull', 'git -C ../other pull', 'git -C src apply x.patch', 'git -C src init'),
]);

// git writes the whole work tree from its top, which lies above a folder a cd went to: these were
// allow, judged as if only src/ were written.
table('a checkout of another commit after a cd into a subfolder writes from the top of the work tree', [
  ...asks('the top of the work tree lies above src', 'cd src && git checkout evil', 'cd src && git reset --hard evil', 'cd src && git pull',
    'cd src; git switch evil', 'pushd src && git merge evil', 'cd src/a && git stash pop', 'cd src && git am x.mbox', 'cd src && git read-tree -u evil',
    'env -C src git rebase evil'),
  ...allows('only what the paths name, below src, or another repository', 'cd src && git checkout -- a.ts', 'cd src && git clean -fdx',
    'cd src && git status', 'cd /tmp/x && git checkout evil'),
]);

describe('a checkout of another commit from an entry whose cwd is a subfolder', () => {
  const rows: Array<[command: string, cwd: string, effect: string]> = [
    ['git checkout evil', 'src', 'ask'],
    ['git reset --hard evil', 'src/a', 'ask'],
    ['git checkout -- a.ts', 'src', 'allow'],
    ['git checkout evil', '/tmp/x', 'allow'],
  ];
  test.each(rows)('%j in %j -> %s', (command, cwd, effect) => {
    const d = judge(POLICY, 'shell', command, cwd);
    expect(d.effect).toBe(effect);
    if (effect === 'ask') expect(d.reason).toContain('the top of the work tree git writes');
  });
});

// Audit 31 (OO-1): git sparse-checkout takes tracked files out of the whole work tree; these asks were allow.
table('git sparse-checkout that narrows the work tree may take the policy file away', [
  ...asks('tracked files leave the work tree', 'git sparse-checkout set src', 'git sparse-checkout init --cone', 'git sparse-checkout add docs',
    'git sparse-checkout reapply', 'cd src && git sparse-checkout set a', 'git sparse-checkout "$verb" x'),
  ...allows('reads, or HEAD\'s files back', 'git sparse-checkout list', 'git sparse-checkout check-rules', 'git sparse-checkout disable'),
]);

table('JJ-6: git clean and git stash -u|-a remove untracked files as rm -r does', [
  ['git clean -f -- .env', 'deny', 'a denied file'],
  ['git clean -ffdx -- .github', 'deny', 'a folder holding the policy file'],
  ['git clean -fdx secrets', 'deny', 'a denied folder'],
  ['cd secrets && git clean -fdX', 'deny', 'where a cd went'],
  ['git stash push -u -- secrets', 'deny', 'stash -u takes the untracked files away'],
  ['git stash push --include-untracked -- .env', 'deny', 'the long spelling'],
  ['git stash --all -- secrets/k', 'deny', 'stash -a, no verb'],
  ...asks('the whole folder git stands in', 'git clean -fX', 'git clean -fdx', 'git clean -fd -- .', 'git clean -i', 'git stash -a',
    'git stash -u', 'git stash save -u wip', 'git stash push -u --pathspec-from-file=list'),
  ...allows('a dry run, a folder nothing protects, or tracked files only', 'git clean -n', 'git clean --dry-run -fdx', 'git clean -fd -- dist',
    'git clean -fdx src', 'git stash push -- secrets/k', 'git stash -m wip', 'cd /tmp/x && git clean -fdx'),
]);

describe('gitTreeWrites reads a word that can only be a path as one', () => {
  const words = (...values: string[]) => values.map((v) => madeArg(v));
  const rows: Array<[verb: string, argv: string[], count: number]> = [
    ['checkout', ['git', 'checkout', 'src/'], 0],
    ['checkout', ['git', 'checkout', '.github/agent-gate.yml'], 0],
    ['checkout', ['git', 'checkout', './a'], 0],
    ['checkout', ['git', 'checkout', 'feature/x'], 1],
    ['reset', ['git', 'reset', '.'], 0],
    ['reset', ['git', 'reset', 'v1.2'], 1],
    ['reset', ['git', 'reset', 'evil', '--'], 1],
    ['clean', ['git', 'clean', '-f', 'a', 'b'], 2],
  ];
  test.each(rows)('git %s: %j -> %d writes', (verb, argv, count) => {
    expect(gitTreeWrites(words(...argv), 1, verb)).toHaveLength(count);
  });
});
