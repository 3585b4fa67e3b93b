import { formatRule } from '../../src/cli/explain.ts';
import { judge, policyOf } from '../helpers/policy.ts';

describe('model allow list (SPEC 9)', () => {
  const workspace = 'models:\n  allow: [claude-sonnet-4.5, "gpt-5*"]\n';
  test.each([
    [workspace, 'claude-sonnet-4.5', 'allow'],
    [workspace, 'Claude-Sonnet-4.5', 'allow'],
    [workspace, 'gpt-5-codex', 'allow'],
    [workspace, 'claude-opus-4', 'deny'],
    [workspace, 'auto', 'deny'],
    ['models:\n  allow: [auto]\n', 'auto', 'allow'],
    ['models:\n  allow: [AUTO]\n', 'auto', 'allow'],
    ['models:\n  allow: ["*"]\n', 'auto', 'deny'],
    ['models:\n  allow: ["*"]\n', 'anything', 'allow'],
    // An allow list never widens: `**` in it is literal (SPEC 4).
    ['models:\n  allow: ["x**"]\n', 'x-y', 'deny'],
    ['models:\n  allow: ["x**"]\n', 'x**', 'allow'],
    [workspace, '', 'ask'],
    ['models:\n  allow: [a]\n  unknown: deny\n', '', 'deny'],
    ['models:\n  allow: [a]\n  unknown: allow\n', '', 'allow'],
  ])('%j: model %j -> %s', (policy, model, effect) => {
    expect(judge(policyOf({ workspace: policy }), 'model', model).effect).toBe(effect);
  });

  test('no list: allow, no rule, "no model list"', () => {
    expect(judge(policyOf({}), 'model', 'anything')).toMatchObject({ effect: 'allow', rule: null, reason: 'no model list' });
  });

  test('every list must allow: admin narrows the workspace', () => {
    const p = policyOf({ admin: 'models:\n  allow: [claude-*]\n', workspace: 'models:\n  allow: ["*"]\n' });
    expect(judge(p, 'model', 'gpt-5').effect).toBe('deny');
    expect(judge(p, 'model', 'gpt-5').rule?.scope).toBe('admin');
    expect(judge(p, 'model', 'claude-sonnet-4.5').effect).toBe('allow');
  });

  // The `models` keys are no rules: an allow must not borrow a rule number from the list position
  // (README: index -1), and it names the list entry that matched.
  const rules = 'rules:\n  - capability: shell\n    effect: deny\n    match: ["rm *"]\n';
  test.each([
    [`${rules}models:\n  allow: [a, b, "gpt-*"]\n`, 'gpt-5', 'allow', 'gpt-*', 'workspace models.allow (.github/agent-gate.yml): allow "gpt-*"'],
    [`${rules}models:\n  allow: ["gpt-*"]\n`, 'GPT-5', 'allow', 'gpt-*', 'workspace models.allow (.github/agent-gate.yml): allow "gpt-*"'],
    ['models:\n  allow: [a, auto]\n', 'auto', 'allow', 'auto', 'workspace models.allow (.github/agent-gate.yml): allow "auto"'],
    [`${rules}models:\n  allow: [a]\n`, 'b', 'deny', 'models.allow', 'workspace models.allow (.github/agent-gate.yml): deny "models.allow"'],
    ['models:\n  allow: [a]\n', '', 'ask', 'models.unknown', 'workspace models.unknown (.github/agent-gate.yml): ask "models.unknown"'],
  ])('%j: model %j -> %s with index -1, pattern %j', (policy, model, effect, pattern, text) => {
    const d = judge(policyOf({ workspace: policy }), 'model', model);
    expect(d.rule).toEqual({ scope: 'workspace', file: '.github/agent-gate.yml', index: -1, effect, pattern });
    expect(formatRule(d.rule)).toBe(text);
  });
});
