// What a command puts in place at run time and then uses in the same command (audit round 16):
// values arithmetic evaluates. Under a policy that trusts every command, each `ask` row below was
// `allow` before the fix.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const TRUSTS_ALL = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["*"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
`,
}, ['.github/agent-gate.yml']);

const RUNTIME_ARITHMETIC = 'a value only known at run time';

describe('arithmetic on a value only known at run time', () => {
  test.each<[string, Effect]>([
    // printf's escapes build `a[$(touch p)]` at run time; bash evaluates x's value recursively.
    [String.raw`x=$(printf "a\133\044(touch p)\135"); echo $((x))`, 'ask'],
    ['x=$(printf "a\\133\\044(touch p)\\135"); echo ${arr[x]}', 'ask'],
    ['x=$(cat f); test -v "$x"', 'ask'],
    ['x=$(cat f); echo ${!x}', 'ask'],
    ['x=$(cat f); [[ $x -eq 1 ]]', 'ask'],
    ['x=$(cat f); echo ${x:x}', 'ask'],
    ['x=$(cat f); (( x ))', 'ask'],
    ['x=$(cat f); let y=x', 'ask'],
    ['x=`cat f`; echo $((x))', 'ask'],
    ['echo $(( $(cat f) ))', 'ask'],
    ['cat f | while read l; do echo $((l)); done', 'ask'],
    ['mapfile -t a < f; echo $(( a[0] ))', 'ask'],
    ['for f in *; do echo $((f)); done', 'ask'],
    // What `wc` prints from standard input is a number.
    ['n=$(wc -l < f); echo $((n+1))', 'allow'],
    ['n=$(git ls-files | wc -l); echo $((n + 1))', 'allow'],
    ['echo $(( $(wc -c < f) / 2 ))', 'allow'],
    // `[ -eq ]` and printf %d read a plain number, which runs nothing.
    ['n=$(cat f); [ "$n" -gt 1 ]', 'allow'],
    ['n=$(cat f); test "$n" -eq 0 && echo none', 'allow'],
    ['n=$(cat f); printf "%d\\n" "$n"', 'allow'],
    // Arithmetic on numbers alone reads no variable.
    ['echo $(cat f); echo $((1+2))', 'allow'],
    ['for f in a b; do echo $((f)); done', 'allow'],
    ['x=$(cat f); echo "$x"', 'allow'],
    // These read a name or a plain number, not a value as arithmetic.
    ['read -r line && printf -v x %s y', 'allow'],
    ['x=$(cat f); shift "$x"', 'allow'],
    ["read -r i && unset 'a[i]'", 'ask'],
    ["read -r i && printf -v 'a[i]' %s y", 'ask'],
  ])('%s -> %s', (command, effect) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    if (effect === 'ask') expect(r.reason).toContain(RUNTIME_ARITHMETIC);
  });

  test('a denied command still wins', () => {
    expect(judge(TRUSTS_ALL, 'shell', 'x=$(cat f); echo $((x)); rm -rf y').effect).toBe('deny');
  });
});
