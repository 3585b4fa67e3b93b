// Kiro IDE 1.x and Kiro CLI 3 hooks send PascalCase event names, like Claude Code, with Kiro's tool
// names. Read as Claude payloads, `execute_bash` became `mcp unknown/execute_bash`, which no shell
// rule judges: `rm -rf /` would have been an ask instead of the deny the policy says.
import { mapHookPayload, parseHookPayload, type PayloadOptions } from '../../src/logs/index.ts';

const ROOT = '/home/dev/project';
const OPTS: PayloadOptions = { repoRoot: ROOT, home: null, session: null, now: '2026-11-20T10:00:00Z' };

const pascalKiro = (tool: string, input: Record<string, unknown>, event = 'PreToolUse'): string => JSON.stringify({
  session_id: 'sess_1', hook_event_name: event, cwd: ROOT, tool_name: tool, tool_input: input,
});

describe('PascalCase events with Kiro tool names are Kiro calls', () => {
  test.each<[string, Record<string, unknown>, [string, string][]]>([
    ['execute_bash', { command: 'rm -rf /' }, [['shell', 'rm -rf /']]],
    ['shell', { command: 'npm test' }, [['shell', 'npm test']]],
    ['fs_write', { command: 'create', path: `${ROOT}/src/a.ts`, file_text: '' }, [['fs_write', 'src/a.ts']]],
    ['write', { command: 'create', path: '.env', file_text: '' }, [['fs_write', '.env']]],
    ['fs_read', { operations: [{ mode: 'Line', path: 'a.txt' }] }, [['fs_read', 'a.txt']]],
    ['@github/create_issue', {}, [['mcp', 'github/create_issue']]],
    // Audit round 30 (LL-3): read as Claude's, this was `mcp unknown/github___create_issue`, and a
    // `github/*` deny rule did not apply.
    ['github___create_issue', {}, [['mcp', 'github/create_issue']]],
    ['web_fetch', { url: 'https://x.dev' }, [['web_fetch', 'https://x.dev']]],
  ])('%s', (tool, input, expected) => {
    for (const event of ['PreToolUse', 'PostToolUse']) {
      const drafts = mapHookPayload(pascalKiro(tool, input, event), OPTS);
      expect(drafts.map((d) => [d.capability, d.resource])).toEqual(expected);
      expect(drafts.every((d) => d.agent === 'kiro' && d.session === 'sess_1')).toBe(true);
    }
    expect(parseHookPayload(pascalKiro(tool, input)).event).toBe('PreToolUse');
  });

  test('Claude Code tools stay Claude\'s, and unknown names stay unknown', () => {
    expect(parseHookPayload(pascalKiro('Bash', { command: 'ls' })).agent).toBe('claude');
    expect(parseHookPayload(pascalKiro('mcp__github__x', {})).agent).toBe('claude');
    expect(parseHookPayload(pascalKiro('mcp__my___server__x', {})).agent).toBe('claude');
    expect(mapHookPayload(pascalKiro('NewTool', {}), OPTS)).toEqual([expect.objectContaining({ agent: 'claude', capability: 'mcp', resource: 'unknown/NewTool' })]);
  });

  test('camelCase Kiro events are unchanged', () => {
    const camel = JSON.stringify({ hook_event_name: 'preToolUse', cwd: ROOT, tool_name: 'execute_bash', tool_input: { command: 'ls' } });
    expect(parseHookPayload(camel).agent).toBe('kiro');
  });
});
