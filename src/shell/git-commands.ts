// The commands git itself provides (git 2.39's `git --list-cmds=main,nohelpers`, with the ones
// later releases added and its helpers), and widely used `git-NAME` programs. Any other word where
// git's sub-command stands may be an alias from git's configuration files, which agent-gate does
// not read (audit 45, BC-2: `git pp` with `alias.pp=push` stored was judged as the words written).
export const GIT_COMMANDS: ReadonlySet<string> = new Set([
  'add', 'am', 'annotate', 'apply', 'archimport', 'archive', 'backfill', 'bisect', 'bisect--helper', 'blame',
  'branch', 'bugreport', 'bundle', 'cat-file', 'check-attr', 'check-ignore', 'check-mailmap', 'check-ref-format', 'checkout', 'checkout-index',
  'cherry', 'cherry-pick', 'citool', 'clean', 'clone', 'column', 'commit', 'commit-graph', 'commit-tree', 'config',
  'count-objects', 'credential', 'credential-cache', 'credential-cache--daemon', 'credential-store', 'cvsexportcommit', 'cvsimport', 'cvsserver', 'daemon', 'describe',
  'diagnose', 'diff', 'diff-files', 'diff-index', 'diff-tree', 'difftool', 'difftool--helper', 'fast-export', 'fast-import', 'fetch',
  'fetch-pack', 'filter-branch', 'fmt-merge-msg', 'for-each-ref', 'for-each-repo', 'format-patch', 'fsck', 'fsck-objects', 'fsmonitor--daemon', 'gc',
  'get-tar-commit-id', 'grep', 'gui', 'hash-object', 'help', 'hook', 'http-backend', 'http-fetch', 'http-push', 'imap-send',
  'index-pack', 'init', 'init-db', 'instaweb', 'interpret-trailers', 'last-modified', 'log', 'ls-files', 'ls-remote', 'ls-tree',
  'mailinfo', 'mailsplit', 'maintenance', 'merge', 'merge-base', 'merge-file', 'merge-index', 'merge-octopus', 'merge-one-file', 'merge-ours',
  'merge-recursive', 'merge-recursive-ours', 'merge-recursive-theirs', 'merge-resolve', 'merge-subtree', 'merge-tree', 'mergetool', 'mergetool--lib', 'mktag', 'mktree',
  'multi-pack-index', 'mv', 'name-rev', 'notes', 'p4', 'pack-objects', 'pack-redundant', 'pack-refs', 'patch-id', 'pickaxe',
  'prune', 'prune-packed', 'pull', 'push', 'quiltimport', 'range-diff', 'read-tree', 'rebase', 'receive-pack', 'reflog',
  'refs', 'remote', 'remote-ext', 'remote-fd', 'remote-ftp', 'remote-ftps', 'remote-http', 'remote-https', 'repack', 'replace',
  'replay', 'repo', 'request-pull', 'rerere', 'reset', 'restore', 'rev-list', 'rev-parse', 'revert', 'rm',
  'send-email', 'send-pack', 'sh-i18n', 'sh-setup', 'shell', 'shortlog', 'show', 'show-branch', 'show-index', 'show-ref',
  'sparse-checkout', 'stage', 'stash', 'status', 'stripspace', 'submodule', 'submodule--helper', 'subtree', 'survey', 'svn',
  'switch', 'symbolic-ref', 'tag', 'unpack-file', 'unpack-objects', 'update-index', 'update-ref', 'update-server-info', 'upload-archive', 'upload-pack',
  'var', 'verify-commit', 'verify-pack', 'verify-tag', 'version', 'web--browse', 'whatchanged', 'worktree', 'write-tree',
]);

/** `git-NAME` programs outside git that are common enough to name here. */
export const GIT_EXTERNAL_COMMANDS: ReadonlySet<string> = new Set(['lfs', 'flow', 'annex', 'absorb', 'filter-repo', 'crypt', 'secret', 'secrets', 'town', 'branchless', 'machete', 'revise', 'sizer']);

/** Whether `name` is a command git provides or a known `git-NAME` program (credential helpers and remote helpers by their prefix). */
export function knownGitCommand(name: string): boolean {
  return GIT_COMMANDS.has(name) || GIT_EXTERNAL_COMMANDS.has(name) || /^(?:credential|remote)-[\w.-]+$/.test(name);
}
