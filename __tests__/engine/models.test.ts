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
});
