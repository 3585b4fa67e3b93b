// Audit 33, finding UU-2: Claude Code names MCP tools `mcp__<server>__<tool>` and Kiro's exports
// `<server>___<tool>`, and a server name may hold `_`, so `mcp__evil__srv__tool` (recorded
// `evil/srv__tool`) may be server `evil__srv`. Only the first split was judged: a deny for
// `evil__srv/*` never fired, and an allow for `github/*` covered server `github__evil`. Every
// reading is judged now, the strictest winning. Every deny and ask row was allow before; the
// allow rows must stay allowed.
import { describe, expect, test } from '@jest/globals';
import { MAX_MCP_READINGS, mcpReadings } from '../../src/engine/decide.ts';
import type { Effect } from '../../src/policy/types.ts';
import { effectOf, judge, policyOf } from '../helpers/policy.ts';

type Row = [string, Effect];

describe('UU-2: a deny or ask for a server whose name holds "_"', () => {
  const policy = policyOf({
    workspace: `rules:
  - capability: mcp
    effect: deny
    match: ["evil__srv/*", "git/*", "kiro___srv/*"]
  - capability: mcp
    effect: ask
    match: ["a_/*", "wide__x/danger"]
  - capability: mcp
    effect: allow
`,
  });
  test.each<Row>([
    ['evil/srv__tool', 'deny'],
    ['evil/srv__a__b', 'deny'],
    ['kiro/srv___tool', 'deny'],
    ['a/_b', 'ask'],
    ['wide/x__danger', 'ask'],
    ['evil/srv', 'allow'],
    ['github/x', 'allow'],
    ['github/create__issue', 'allow'],
  ])('mcp %s -> %s', (resource, effect) => {
    expect(effectOf(policy, 'mcp', resource)).toBe(effect);
  });

  test('the reason names the reading that decided', () => {
    const d = judge(policy, 'mcp', 'evil/srv__tool');
    expect(d.rule?.pattern).toBe('evil__srv/*');
    expect(d.reason).toContain('server "evil__srv", tool "tool"');
  });
});

describe('UU-2: an allow counts only when it covers every reading', () => {
  const policy = policyOf({
    workspace: `rules:
  - capability: mcp
    effect: allow
    match: ["github/*", "all*"]
`,
  });
  test.each<Row>([
    ['github/evil__delete_repo', 'ask'],
    ['github/a___b', 'ask'],
    ['github/_x', 'ask'],
    ['github/create_issue', 'allow'],
    ['github/get_issue', 'allow'],
    ['allx/y__z', 'allow'],
  ])('mcp %s -> %s', (resource, effect) => {
    expect(effectOf(policy, 'mcp', resource)).toBe(effect);
  });

  test('the reason says which server no rule allows', () => {
    expect(judge(policy, 'mcp', 'github/evil__delete_repo').reason)
      .toBe('the tool name may also be server "github__evil", tool "delete_repo": no rule matched');
  });
});

describe('UU-2: the readings', () => {
  test.each<[string, string[]]>([
    ['evil/srv__tool', ['evil/srv__tool', 'evil__srv/tool']],
    ['a/_b', ['a/_b', 'a_/b']],
    ['a/b___c', ['a/b___c', 'a__b/_c', 'a__b_/c', 'a___b/c']],
    ['github/create_issue', ['github/create_issue']],
    ['noslash', ['noslash']],
  ])('%s', (resource, readings) => {
    expect(mcpReadings(resource)).toEqual(readings);
  });

  test('a name with too many readings is at least ask', () => {
    const policy = policyOf({ workspace: 'rules:\n  - {capability: mcp, effect: allow, match: ["*"]}\n' });
    const many = `s/${'t__'.repeat(MAX_MCP_READINGS + 5)}x`;
    expect(effectOf(policy, 'mcp', many)).toBe('ask');
    expect(effectOf(policy, 'mcp', `s/${'t__'.repeat(MAX_MCP_READINGS - 1)}x`)).toBe('allow');
  });
});
