// Audit round 32 (QQ-7, QQ-8, QQ-9, RR-1 to RR-5): git sub-commands that write files or the whole
// work tree, or run a git command line, without being judged. Every deny and ask row was allow
// before the fix; the allow rows are everyday uses that must stay allowed.
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy('  - {capability: shell, effect: deny, match: ["rm *"]}\n');
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);
const SHA = '351308b9c19af1c600348ad75fc9f3222df30b72';
const EVIL = 'f80869e4df3ade558215e56b10ac178ca1477336';

table('QQ-7, RR-1: a replace ref changes what every later checkout reads', [
  [`git replace ${SHA} ${EVIL} && git reset --hard`, 'ask', 'git replace OBJ NEW'],
  [`git replace -f HEAD ${EVIL}; git stash`, 'ask', 'git replace -f'],
  [`git replace --graft HEAD ${EVIL}`, 'ask', '--graft'],
  ['git replace --edit HEAD', 'ask', '--edit'],
  [`git update-ref refs/replace/${SHA} ${EVIL} && git checkout -f`, 'ask', 'update-ref of a replace ref'],
  ["git fetch origin 'refs/replace/*:refs/replace/*'", 'ask', 'a fetch of replace refs'],
  ['git fetch --mirror origin', 'ask', 'a mirror fetch brings replace refs too'],
  ['GIT_REPLACE_REF_BASE=refs/x/ git reset --hard', 'ask', 'another place for replace refs'],
  ...allows('listing or deleting replace refs, plain fetches', 'git replace', 'git replace -l', `git replace -d ${SHA}`, 'git fetch origin main',
    'git fetch --all --prune', 'git update-ref refs/tags/v1 HEAD'),
]);

table('QQ-8, RR-3: git mailinfo and mailsplit write what a mail holds', [
  ['git mailinfo .github/agent-gate.yml /dev/null < src/mail', 'deny', 'the message file'],
  ['git mailinfo -k src/msg secrets/patch < src/mail', 'deny', 'the patch file'],
  ['git mailsplit -osecrets src/mbox', 'deny', 'mailsplit -oDIR'],
  ['git mailsplit -o .github mbox', 'ask', 'mailsplit into the policy file folder'],
  ...allows('into allowed places', 'git mailinfo src/msg src/patch < src/mail', 'git mailsplit -o/tmp/m src/mbox'),
]);

table('QQ-9, RR-2, RR-5: merge back-ends, trailers in place, worktree moves, quiltimport', [
  [`git merge-recursive ${SHA} -- HEAD ${EVIL}`, 'ask', 'a merge back-end'],
  [`git merge-subtree HEAD -- HEAD ${EVIL}`, 'ask', 'merge-subtree'],
  [`git merge-resolve HEAD -- HEAD ${EVIL}`, 'ask', 'merge-resolve'],
  [`git merge-octopus HEAD -- HEAD ${EVIL}`, 'ask', 'merge-octopus'],
  ['git merge-one-file a b c .github/agent-gate.yml 100644 100644 100644', 'deny', 'merge-one-file writes PATH'],
  ['git interpret-trailers --in-place --trailer "effect: allow" .github/agent-gate.yml', 'deny', 'trailers in place'],
  ['git interpret-trailers --in-pl --trailer x secrets/k', 'deny', 'a prefix of --in-place'],
  ['git worktree move ../w .kiro/settings', 'deny', 'the worktree lands in a kiro-denied folder'],
  ['git worktree move w secrets/x', 'deny', 'into a denied folder'],
  ['git worktree remove secrets', 'deny', 'a worktree removed whole'],
  ['git quiltimport --patches src/p', 'ask', 'applies patches as git am does'],
  ...allows('trailers to standard output, moves into allowed places', 'git interpret-trailers --trailer x src/msg', 'git worktree move ../w /tmp/w',
    'git worktree list', 'git worktree prune'),
]);

table('RR-4: git for-each-repo runs a git command line', [
  ["git -c x.y=. for-each-repo --config=x.y -- -c alias.z='!rm -rf ~ /' z", 'deny', 'an alias inside'],
  ['git -c x.y=. for-each-repo --config=x.y -- rm -rf secrets', 'deny', 'git rm of a denied folder'],
  ['git -c x.y=. for-each-repo --config x.y -- checkout evil -- .github/agent-gate.yml', 'deny', 'a checkout of the policy file'],
  ['git for-each-repo --config=maintenance.repo maintenance run', 'ask', 'the folders come from config'],
]);

// Left alone in round 32, done since: a fetch refspec set in config brings replace refs with every later plain fetch.
table('a fetch refspec or mirror remote set in config brings replace refs later', [
  ...rowsOf('ask', 'remote.NAME.fetch may bring replace refs from then on',
    "git config remote.origin.fetch '+refs/replace/*:refs/replace/*'", "git config --add remote.origin.fetch 'refs/replace/*:refs/replace/*' && git fetch",
    "git config set --append remote.up.fetch '+refs/*:refs/*'", "git config Remote.Origin.Fetch 'refs/replace/*:refs/replace/*'",
    'git config --replace-all remote.origin.fetch "$SPEC"', 'git remote add --mirror=fetch up https://example.com/r.git',
    'git remote add --mirror up https://example.com/r.git'),
  ...allows('ordinary refspecs and remotes', "git config remote.origin.fetch '+refs/heads/*:refs/remotes/origin/*'",
    'git remote add up https://example.com/r.git', 'git remote add --mirror=push up https://example.com/r.git', 'git config user.name x',
    'git config --get remote.origin.fetch'),
]);
