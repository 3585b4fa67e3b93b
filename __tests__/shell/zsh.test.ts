// Audit round 33 (SS-3..5): zsh reads `zsh -c` strings with its own grammar. Its `=cmd`,
// precommand modifiers, `>!` and the words it drops are read as zsh runs them; other zsh-only
// syntax (repeat, emulate -c, functions[x]=, path=(…), commands[x]=, glob qualifiers…) asks.
// Every deny and ask row was allow before; the allow rows are everyday zsh -c strings.
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

export const ZSH: readonly ShellRow[] = [
  ...rowsOf('deny', 'the command zsh runs meets the deny rule',
    "zsh -c '=rm -rf /'", "zsh -c 'noglob rm -rf /'", "zsh -c 'nocorrect rm -rf /'", "sudo zsh -c 'noglob rm -rf /'",
    "zsh -c 'ls; =curl x'", "zsh <<'EOF'\nnoglob rm -rf /\nEOF", "zsh -c 'echo x >! .github/x'", "zsh -c 'echo x >>! .github/x'",
    "zsh -c 'echo x &>! .github/x'", "zsh -c 'echo x >&! .github/x'", "zsh -c 'echo x >! ~/.kiro/settings/cli.json'",
    "zsh -c 'alias ls=\"rm -rf /\"; eval ls'"),
  ...rowsOf('ask', 'zsh-only syntax runs commands bash would not',
    "zsh -c 'repeat 1 rm -rf /'", "zsh -fc 'repeat 1 { rm -rf / }'", "zsh -c \"emulate sh -c 'rm -rf /'\"",
    "zsh -c 'functions[x]=\"rm -rf /\"; x'", "zsh -c 'path=(./bin $path); ls'", "zsh -c 'path+=(./bin); ls'",
    "zsh -c 'commands[ls]=/bin/rm; ls -rf /'", "zsh -c 'hash ls=/bin/rm; ls -rf /'", "zsh -c 'ls *(e:rm -rf /:)'",
    "zsh -c 'ls *(+f)'", "zsh -c 'x; - rm -rf /'", "zsh -c 'echo ${(e)x}'", "zsh -c 'echo $~x'", "zsh -c '() { rm -rf / }'",
    "zsh -c 'foreach f (a b) rm -rf $f; end'", "zsh -c 'cat =(curl x)'",
    "zsh -o extendedglob -c 'ls'", "zsh +o equals -c 'ls'", "zsh -c 'TRAPEXIT() { rm -rf / }'", "zsh -c 'setopt extendedglob; ls ^x'"),
  ...rowsOf('allow', 'zsh -c strings that read the same in bash',
    "zsh -c 'npm test'", "zsh -c 'ls -la; git status'", "zsh -c 'echo $(date)'", "zsh -c 'for f in *.ts; do echo $f; done'",
    "zsh -lc 'cd src && npm run build'", "zsh -c 'if [ -f x ]; then cat x; fi'", "zsh -c 'echo a=b'", "zsh -c 'x=1; echo $x'",
    "zsh -c 'echo hi > /tmp/out.txt'", "zsh -c 'git log --oneline | head -5'"),
];

/** Strings the user's shell runs (`su -c`, `script -c`, `$SHELL -c`): that shell may be zsh. */
export const USER_SHELL: readonly ShellRow[] = [
  ...rowsOf('deny', "the command zsh would run meets the deny rule", "su -c 'noglob rm -rf /'", "script -c 'noglob rm -rf /'",
    "flock /tmp/l -c 'noglob rm -rf /'", "tmux new 'noglob rm -rf /'", "su -c '=rm -rf /'", "su -c 'echo x >! .github/x'",
    "sudo -s <<'EOF'\nnoglob rm -rf /\nEOF", "split --filter='noglob rm -rf /' x", 'sudo -s noglob rm -rf /',
    "ssh -o ProxyCommand='noglob curl x' h"),
  ...rowsOf('ask', 'zsh-only syntax in a string the user\'s shell runs', "runuser -u bob -c 'repeat 1 rm -rf /'",
    "su -c 'path=(./bin $path); ls'", 'sudo -s repeat 1 rm -rf /', "su -c 'echo \"count(*)\"'"),
  ...rowsOf('allow', 'strings that read the same in zsh and bash', "su -c 'npm test'", "su - postgres -c \"psql -c 'select count(*) from t'\"",
    'sudo -s npm test', 'sudo -i ls', "script -q -c 'npm test' /dev/null", "zsh -c \"psql -c 'select count(*)'\""),
];

shellTable(auditPolicy(), 'zsh -c strings are read as zsh reads them', ZSH);
shellTable(auditPolicy(), "strings the user's shell runs are read as zsh reads them too", USER_SHELL);
