// Audit round 31 (MM-6, MM-7): words only known at run time (`$X`, `$( )`, a glob, a brace
// expansion) were matched as their raw text, so a deny pattern for the argv bash builds never
// fired while the broad allow matched: `terraform {destroy,}` and `X=destroy; terraform $X` were
// allow under `terraform destroy*`. Now a deny or ask pattern that matches for some value of them
// makes the sub-command ask. Every ask row below was allow before.
import { describe, expect, test } from '@jest/globals';
import { mayMatchHoles } from '../../src/match/text.ts';
import { textHoles } from '../../src/shell/holes.ts';
import { madeArg } from '../../src/shell/operand-words.ts';
import { judge, policyOf } from '../helpers/policy.ts';
import type { Arg } from '../../src/shell/words.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const POLICY = policyOf({
  workspace: `
rules:
  - capability: shell
    effect: allow
    match: ["terraform *", "chmod *", "kubectl *", "aws *", "echo *", "make *", "npm *", "cat *"]
  - capability: shell
    effect: deny
    match: ["terraform destroy*", "chmod 777 *", "kubectl delete *", "aws s3 rm *", "make deploy*"]
  - capability: shell
    effect: ask
    match: ["npm publish*"]
`,
});

shellTable(POLICY, 'a deny or ask pattern that matches some value of a run-time word asks', [
  ...rowsOf('ask', 'brace expansion', 'terraform {destroy,}', 'terraform destro{y,}', 'chmod {777,-R} /', 'kubectl {delete,get} pod x', 'aws s3 r{m,} s3://b'),
  ...rowsOf('ask', 'parameter expansion', 'X=destroy; terraform $X', 'terraform ${X:-destroy}', 'terraform "${X:-destroy}"', 'terraform des$X',
    'chmod $X /', 'for a in destroy; do terraform $a; done', 'case x in x) a=destroy;; esac; terraform $a', 'npm $CMD'),
  ...rowsOf('ask', 'command substitution', 'terraform $(echo destroy)', 'terraform `echo destroy`', 'kubectl $(echo delete) pod x'),
  ...rowsOf('ask', 'glob', 'terraform destro?', 'terraform [d]estroy', 'terraform destr*'),
  ...rowsOf('ask', 'eval of a run-time word', 'eval "terraform \\$x"'),
  ...rowsOf('ask', 'xargs appends what it reads', 'echo destroy | xargs terraform', 'echo delete pod x | xargs kubectl', 'xargs -n1 chmod < modes'),
  ['terraform destroy', 'deny', 'static, as before'],
  ...rowsOf('allow', 'no deny or ask pattern can match whatever the words are', 'terraform apply $PLAN', 'terraform plan -var "x=$F"',
    'echo $HOME', 'kubectl get pod "$P"', 'echo x | xargs kubectl get', 'cat list | xargs -I{} echo {}', 'cat src/*.ts', 'kubectl get pod-{a,b}', 'terraform fmt -recursive src/{a,b}', 'aws s3 ls "s3://$B"', 'npm test -- "$X"'),
]);

// The tightening views (SPEC 5.3) of such a command were matched as raw text: a path or another
// case for the program, or the command inside sudo, npx or env with assignments, was allow under
// an allow of every command.
const EVERY = policyOf({ workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["*"]}\n  - {capability: shell, effect: deny, match: ["terraform destroy*", "git push --force*"]}\n' });
shellTable(EVERY, 'the views of a command with run-time words see them open too', [
  ...rowsOf('ask', 'a view whose words are only known at run time', '/usr/bin/terraform $X', 'Terraform {destroy,}', 'sudo terraform $X',
    'npx terraform $X', 'env A=1 terraform $X', 'sudo /usr/bin/terraform "$X"', 'echo destroy | sudo xargs terraform', 'git -C . push $F'),
  ['/usr/bin/terraform destroy', 'deny', 'static, as before'],
  ...rowsOf('allow', 'no value makes a deny pattern match', '/usr/bin/terraform plan $X', 'sudo terraform apply "$P"', 'git -C . status $X'),
]);

test('the reason names the pattern that may match', () => {
  const d = judge(POLICY, 'shell', 'terraform $X');
  expect(d.effect).toBe('ask');
  expect(d.reason).toContain('deny pattern "terraform destroy*"');
});

describe('textHoles: the match text with its run-time parts open', () => {
  const dyn = (value: string, split: boolean, inert?: string): Arg => ({ ...madeArg(value), dynamic: 'parameter expansion', split, ...(inert === undefined ? {} : { inert }) });
  const rows: Array<[string, Arg[], Array<string | null> | null]> = [
    ['static words have none', [madeArg('a'), madeArg('b')], null],
    ['a word that may split takes its separator', [madeArg('t'), dyn('$X', true)], ['t', null]],
    ['a quoted word keeps its literal parts', [madeArg('t'), dyn('des$X', false, 'des\u0000')], ['t', ' ', 'des', null]],
  ];
  test.each(rows)('%s', (_name, args, expected) => {
    expect(textHoles(args)).toEqual(expected);
  });
});

describe('mayMatchHoles: two globs that meet', () => {
  const rows: Array<[string, Array<string | null>, boolean]> = [
    ['terraform destroy*', ['terraform', null], true],
    ['terraform destroy*', ['terraform apply', null], false],
    ['terraform destroy*', ['terraform ', 'des', null], true],
    ['terraform destroy *', ['terraform destroy'], true],
    ['*rm -rf /*', ['sudo', null], true],
    ['a*b*c', ['a', null, 'c'], true],
    ['abc', ['a', null, 'd'], false],
    ['x', [null], true],
    ['x y', ['x', null, 'z'], false],
  ];
  test.each(rows)('%j vs %j -> %s', (pattern, holes, expected) => {
    expect(mayMatchHoles(pattern, holes)).toBe(expected);
  });
});
