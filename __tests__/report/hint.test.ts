import { formatHookResult } from '../../src/hook/run.ts';
import type { RuleRef } from '../../src/policy/types.ts';
import { hintFor } from '../../src/report/hint.ts';
import type { Finding } from '../../src/report/model.ts';

function finding(rule: RuleRef | null): Finding {
  return { effect: 'deny', capability: 'fs_write', resource: 'secrets/k', commit: null, source: { kind: 'diff', file: 'secrets/k' }, part: null, rule, reason: 'r' };
}
const rule = (scope: RuleRef['scope'], file: string): RuleRef => ({ scope, file, index: 0, effect: 'deny', pattern: 'secrets/**' });

describe('the hint of a finding says where its rule can be changed', () => {
  test.each([
    [rule('workspace', '.github/agent-gate.yml'), 'change it there on the base branch if this is intended'],
    [rule('admin', 'admin.yml'), 'decided by the admin policy (admin.yml); ask its owners'],
    // Audit round 19 (I-7): a home-folder file has no base branch, and CI never reads it.
    [rule('user', '~/.kiro/settings/permissions.yaml'), 'your own user rule #0 in ~/.kiro/settings/permissions.yaml ("secrets/**"), which only this machine applies'],
    [null, 'no rule covers this'],
  ])('%j', (r, text) => {
    expect(hintFor(finding(r), '.github/agent-gate.yml')).toContain(text);
  });

  test('a commit blocked by user rules alone is not told that CI judges it again', () => {
    const base = { signals: ['env: CLAUDECODE'], failOn: 'deny' as const, blocked: true, policyFile: '.github/agent-gate.yml', warnings: [] };
    const user = formatHookResult('pre-commit', { ...base, findings: [finding(rule('user', '~/.kiro/settings/permissions.yaml'))] });
    expect(user).toContain('Only your user policy decided these: the agent-gate check in CI does not read it.');
    expect(user).not.toContain('judges the same commit again');
    const mixed = formatHookResult('pre-commit', { ...base, findings: [finding(rule('user', '~/u.yaml')), finding(rule('workspace', '.github/agent-gate.yml'))] });
    expect(mixed).toContain('the agent-gate check in CI judges the same commit again');
  });
});
