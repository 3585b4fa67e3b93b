// Audit round 35 (ZZ-3): V8 checks the code cache only against the bundle's length, so code an
// agent wrote into ~/.cache/agent-gate ran in place of agent-gate's (the pre-commit hook passed a
// denied commit). kiro rule #0 now denies writes there; a direct write used to ask (no rule), which
// passes by default. Every deny row was ask or allow before.
import { describe, expect, test } from '@jest/globals';
import { effectOf, judge, policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const ALLOW_ALL = policyOf({
  workspace: `
rules:
  - {capability: fs_write, effect: allow, match: ["**", "~/**"]}
  - {capability: shell, effect: allow, match: ["*"]}
`,
});

describe('kiro rule #0 protects agent-gate\'s code cache', () => {
  test.each<[string, string]>([
    ['~/.cache/agent-gate/cli-46084d2ac5c2a1bf-hook-pre-commit-v20.20.2-x64.v8cache', 'deny'],
    ['/home/dev/.cache/agent-gate/x', 'deny'],
    ['~/.Cache/Agent-Gate/x', 'deny'],
    ['~/.cache/other-tool/x', 'allow'],
    ['~/.cache/agent-gate-notes.txt', 'allow'],
  ])('fs_write %s -> %s', (path, effect) => {
    expect(effectOf(ALLOW_ALL, 'fs_write', path)).toBe(effect);
  });

  test('the reason names the rule', () => {
    const e = judge(ALLOW_ALL, 'fs_write', '~/.cache/agent-gate/x');
    expect(e.rule).toMatchObject({ scope: 'kiro', index: 0, pattern: '~/.cache/agent-gate/**' });
  });
});

shellTable(ALLOW_ALL, 'ZZ-3: shell writes into the code cache', [
  ...rowsOf('deny', 'a write into the code cache',
    'cp /tmp/evil.v8cache ~/.cache/agent-gate/cli-x.v8cache',
    'cat /tmp/evil > "$HOME/.cache/agent-gate/cli-x.v8cache"',
    'mv /tmp/evil ~/.cache/agent-gate/',
    'rm -rf ~/.cache/agent-gate'),
  ...rowsOf('allow', 'other caches stay writable',
    'rm -rf ~/.cache/pip',
    'cp /tmp/x ~/.cache/other/x'),
]);
