// Audit 37, findings AF-1 to AF-12 (the shell evaluator). Every ask and deny row was allow before
// unless its group says otherwise; the allow rows are the ordinary neighbours that stay allowed.
import { rowsOf, shellTable } from '../helpers/shell-table.ts';
import { policyOf } from '../helpers/policy.ts';

// Every command and every write allowed, but `rm`.
const policy = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["**"]}
`,
}, ['.github/agent-gate.yml']);

shellTable(policy, 'audit 37 AF-12: an alias whose value starts a comment', [
  ...rowsOf('ask', 'the comment hides a heredoc operator or a quote, and the lines after it run',
    "shopt -s expand_aliases\nalias cat='#'\ncat <<'EOF'\nrm -rf ~\nEOF",
    "shopt -s expand_aliases\nalias cat='true #'\ncat <<'EOF'\nrm -rf ~\nEOF",
    "shopt -s expand_aliases\nalias x='echo;#'\nx 'a\nrm -rf ~\n'",
  ),
  ...rowsOf('allow', 'a # inside a word is no comment',
    "shopt -s expand_aliases\nalias e='echo a#b'\ne hi",
  ),
]);

shellTable(policy, 'audit 37 AF-4: xargs --process-slot-var sets a variable for every command', [
  ...rowsOf('ask', 'a dangerous name, or one only known at run time',
    "printf 'rm -rf ~\\n' > 0; echo x | xargs --process-slot-var=BASH_ENV bash -c 'echo hi'",
    'echo x | xargs --process-slot-var=PATH ls',
    "echo x | xargs --process-slot=BASH_ENV bash -c 'echo hi'",
    'echo x | xargs --process-slot-var GIT_DIR git status',
    'echo x | xargs --process-slot-var "$v" ls',
  ),
  ...rowsOf('allow', 'an ordinary name',
    'echo x | xargs --process-slot-var=SLOT ls',
    'echo x | xargs -P4 ls',
  ),
]);

shellTable(policy, 'audit 37 AF-5: make passes its command-line variables to every recipe', [
  ...rowsOf('ask', 'a dangerous variable',
    'make PATH=./evil test',
    'make BASH_ENV=./evil test',
    'make LD_PRELOAD=./evil.so test',
    "make NODE_OPTIONS='--require ./evil.js' test",
    'make GIT_DIR=/tmp/x test',
    'gmake -j4 LD_LIBRARY_PATH=lib test',
  ),
  ...rowsOf('allow', 'ordinary variables',
    'make CFLAGS=-O2 test',
    'make -j4 PREFIX=/usr/local install',
  ),
]);
