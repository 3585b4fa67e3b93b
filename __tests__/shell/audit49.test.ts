// Audit 49, BN: a word only known at run time where an option or an alias definition could stand
// was read as a plain operand. Every deny and ask row was allow before; the allow rows are the
// same programs with the word after `--` or with static text in front.
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = policyOf({ workspace: `rules:
  - capability: shell
    effect: allow
    match: ["sed *", "cp *", "git *", "npm test *", "echo *", "cat *", "ls *", "shuf *", "iconv *", "vim *", "history *", "alias *", "shopt *", "x=*", "csplit *", "tsc *", "prettier *", "dd *"]
  - capability: shell
    effect: deny
    match: ["rm -rf *", "curl *"]
  - capability: fs_write
    effect: allow
    match: ["src/**"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**"]
` }, ['.github/agent-gate.yml']);

shellTable(policy, 'audit 49, BN-4/BN-5: a run-time word where a writing option could stand', [
  ...rowsOf('ask', 'the word may be -i, -t DIR, -o FILE, +!CMD',
    'x=-i; sed -e s/a/b/ "$x" secrets/k',
    'sed -e s/a/b/ secrets/k "$x"',
    'x=--target-directory=secrets; cp "$x" src/a',
    'x=-tsecrets; cp "$x" src/a',
    'x=-osecrets/k; shuf "$x" src/a',
    'x=-o.github/agent-gate.yml; iconv "$x" src/a',
    'tsc "$x"',
    'prettier "$x" src/a',
    'dd "$x" if=src/a',
    'vim "$x" src/a',
  ),
  ...rowsOf('allow', 'after --, with static text in front, or a glob or process substitution',
    'cp -- "$x" src/a', 'cat "src/$x"', 'cp src/*.ts src/b/', 'cp <(echo x) src/n', 'vim src/a', 'sed -e s/a/b/ src/a'),
]);

shellTable(policy, 'audit 49, BN-1/BN-2/BN-3: alias and history', [
  ...rowsOf('ask', 'alias given a run-time word; history given one where -w could stand',
    'shopt -s expand_aliases; x="ls=rm -rf y"; alias "$x"\nls',
    'alias "$x"',
    'history "$x" secrets/k',
    'history $x src/h',
  ),
  ...rowsOf('deny', 'the file history -w writes is judged: the policy file and secrets/',
    'history -w .github/agent-gate.yml', 'history -s x; history -w secrets/k', 'history -w ~/.kiro/settings/cli.json'),
  ...rowsOf('allow', 'static alias definitions and history listings', 'alias ll="ls -l"', 'history 10'),
]);

// BP-3: `find -exec ln -s {} NAME` made a link whose target find fills in; check could not follow
// it in later entries, and the entry itself was allowed.
const finds = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
` }, ['.github/agent-gate.yml']);

shellTable(finds, 'audit 49, BP-3: links whose target find -exec fills in', [
  ...rowsOf('ask', 'the link made points at whatever find finds',
    "find secrets -maxdepth 0 -exec ln -s {} d8 ';'", "find secrets -maxdepth 0 -exec cp -al {} bk ';'", "find secrets -name key -exec ln {} k ';'"),
  ...rowsOf('ask', 'as before the fix: xargs -I, and a --link-dest only known at run time',
    'echo secrets | xargs -I{} ln -s {} d7', "find . -name x -exec rsync -a --link-dest={} src/ out/ ';'"),
  ...rowsOf('allow', 'copies and reads of what find finds', "find src -name '*.ts' -exec cp {} out/ ';'", "find . -name x -exec ls {} ';'"),
]);
