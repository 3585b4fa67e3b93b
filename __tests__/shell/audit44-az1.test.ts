// Audit 44, AZ-1: removing or moving away a hook script, then running a git command that runs
// hooks, turns the hook off for that very commit (husky's wrapper exits 0 when the script is
// missing; git runs no hook that is not there), yet the command was allowed where writing the
// script first asked. Every ask row was allow before (but `git merge` after `rm -r .husky/_`, which asked already); the allow rows are the ordinary neighbours.
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = everythingAllowedBut(['git commit --no-verify*', 'git commit -n*'], ['secrets/**']);

shellTable(policy, 'audit 44 AZ-1: a hook script taken away before git runs hooks', [
  ...rowsOf('ask', 'the hook that would judge the commit is gone when it runs',
    'rm .husky/pre-commit; git commit -m x',
    'rm -f .husky/pre-commit .husky/commit-msg && git commit -qm x',
    'git rm -q .husky/pre-commit && git commit -m x',
    'git rm -rq .githooks; git commit -m x',
    'unlink .githooks/pre-commit; git commit -m x',
    'rm -rf .husky; git commit -m x',
    'rm -r .husky/_ && git merge feature',
    'mv .husky/pre-commit .husky/off; git commit -m x',
    'git mv .husky/pre-commit docs/x; git commit -m x',
    'rm -f .Husky/pre-commit; git commit -m x',
    'rm .husky/pre-push; git push',
    'cd .husky && rm pre-commit && cd .. && git commit -m x',
    'rm .git-hooks/pre-commit; git -c user.name=a commit -m x',
  ),
  ...rowsOf('allow', 'a removal elsewhere, or git that runs no hook after it, or the removal after the commit',
    'rm src/a.ts; git commit -m x',
    'git rm -q docs/old.md && git commit -m x',
    'mv src/a.ts src/b.ts; git commit -m x',
    'rm .husky/pre-commit; git status',
    'git commit -m x; rm .husky/pre-commit',
    'rm .huskyrc.bak; git commit -m x',
    'git rm --cached .husky/pre-commit; git commit -m x',
  ),
]);
