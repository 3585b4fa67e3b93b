import { describe, expect, test } from '@jest/globals';
import { GateError } from '../../src/errors.ts';
import { INLINE_ADMIN_LABEL, parseAdminPolicy, parseBoolean, parseRepoPath, readInputs } from '../../src/action/inputs.ts';

const WS = '/ws';

function reader(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

/** The action.yml defaults, as the runner passes them. */
const DEFAULTS = { policy: '.github/agent-gate.yml', 'fail-on': 'deny', comment: 'on-findings', token: 'ghs_x', 'sarif-file': '', 'all-commits': 'false', 'admin-policy': 'none' };

function oneLineError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    const message = (e as Error).message;
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error('expected a GateError');
}

describe('readInputs', () => {
  test('the action.yml defaults', () => {
    expect(readInputs(reader(DEFAULTS), WS)).toEqual({
      policyPath: '.github/agent-gate.yml', comment: 'on-findings', token: 'ghs_x', allCommits: false, failOn: 'deny',
    });
  });

  test('admin-policy none, or empty, is no admin policy', () => {
    expect(readInputs(reader({ ...DEFAULTS, 'admin-policy': ' none ' }), WS).adminPolicy).toBeUndefined();
    expect(readInputs(reader({ ...DEFAULTS, 'admin-policy': '' }), WS).adminPolicy).toBeUndefined();
  });

  test('empty inputs (outside a runner) fall back to the documented defaults', () => {
    expect(readInputs(reader({}), WS)).toEqual({ policyPath: '.github/agent-gate.yml', comment: 'on-findings', token: '', allCommits: false });
  });

  test('every input set', () => {
    const got = readInputs(reader({
      ...DEFAULTS, policy: './ci/policy.yml', 'fail-on': 'ask', comment: 'always', 'sarif-file': 'out/ag.sarif', 'all-commits': 'TRUE',
      'admin-policy': 'org/admin.yml', token: '  tok  ',
    }), WS);
    expect(got).toEqual({
      policyPath: 'ci/policy.yml', failOn: 'ask', comment: 'always', sarifFile: '/ws/out/ag.sarif', allCommits: true,
      adminPolicy: { disk: '/ws/org/admin.yml' }, token: 'tok',
    });
  });

  test.each([
    ['fail-on', 'never', /input fail-on: expected one of deny, ask, got "never"/],
    ['fail-on', 'Deny', /input fail-on/],
    ['comment', 'sometimes', /input comment: expected one of on-findings, always, never, got "sometimes"/],
    ['all-commits', 'yes', /input all-commits: expected true or false, got "yes"/],
    ['policy', '/etc/passwd', /input policy: expected a path relative to the repository root/],
    ['policy', '../other/policy.yml', /input policy: expected a path inside the repository/],
    ['policy', '.github//x.yml', /input policy/],
    ['policy', 'a\\b.yml', /input policy/],
    ['policy', 'a\nb.yml', /input policy: expected a repository path without control characters/],
    ['sarif-file', 'x\u0007.sarif', /input sarif-file/],
  ])('%s=%j fails with one line', (name, value, pattern) => {
    expect(oneLineError(() => readInputs(reader({ ...DEFAULTS, [name]: value }), WS))).toMatch(pattern);
  });

  test('a huge bad value is shortened in the message', () => {
    const msg = oneLineError(() => readInputs(reader({ ...DEFAULTS, comment: 'x'.repeat(5000) }), WS));
    expect(msg.length).toBeLessThan(200);
  });
});

describe('parseRepoPath', () => {
  test.each([
    ['', '.github/agent-gate.yml'],
    ['  .github/agent-gate.yml  ', '.github/agent-gate.yml'],
    ['././policies/p.yml', 'policies/p.yml'],
    ['.kiro/permissions.yaml', '.kiro/permissions.yaml'],
  ])('%j -> %j', (input, out) => {
    expect(parseRepoPath('policy', input)).toBe(out);
  });
  test.each(['C:/x.yml', 'a/./b.yml', 'a/', '/'])('%j is refused', (input) => {
    expect(() => parseRepoPath('policy', input)).toThrow(GateError);
  });
});

describe('parseAdminPolicy', () => {
  test('multi-line text is inline YAML', () => {
    const text = 'rules:\n  - capability: shell\n    effect: deny\n    match: ["curl *"]\n';
    expect(parseAdminPolicy(text, WS)).toEqual({ text, label: INLINE_ADMIN_LABEL });
  });
  test('one line naming rules: is inline too (a flow mapping)', () => {
    const text = '{rules: [{capability: shell, effect: deny, match: ["curl *"]}]}';
    expect(parseAdminPolicy(text, WS)).toEqual({ text, label: INLINE_ADMIN_LABEL });
  });
  test('anything else is a path on disk, relative to the workspace', () => {
    expect(parseAdminPolicy('org/admin.yml', WS)).toEqual({ disk: '/ws/org/admin.yml' });
    expect(parseAdminPolicy(' /etc/agent-gate/admin.yml ', WS)).toEqual({ disk: '/etc/agent-gate/admin.yml' });
  });
  test('empty means none', () => {
    expect(parseAdminPolicy('   ', WS)).toBeUndefined();
  });
});

describe('parseBoolean', () => {
  test.each([['true', true], ['True', true], ['TRUE', true], [' false ', false], ['False', false], ['FALSE', false]])('%j', (v, b) => {
    expect(parseBoolean('all-commits', v)).toBe(b);
  });
  test.each(['1', 'on', 'tRue', ''])('%j is refused', (v) => {
    expect(() => parseBoolean('all-commits', v)).toThrow(/expected true or false/);
  });
});
