import { mapHookPayload, parseHookPayload, PayloadError, type PayloadOptions } from '../../src/logs/index.ts';

const ROOT = '/home/dev/project';
const OPTS: PayloadOptions = { repoRoot: ROOT, home: null, session: null, now: '2026-11-20T10:00:00Z' };
type Row = [string, Record<string, unknown>, [string, string][]];
const pairs = (payload: Record<string, unknown>, opts: PayloadOptions = OPTS): [string, string][] =>
  mapHookPayload(JSON.stringify(payload), opts).map((d) => [d.capability, d.resource]);

const kiro = (tool: string, input: Record<string, unknown>, cwd = ROOT): Record<string, unknown> => ({
  hook_event_name: 'preToolUse', cwd, tool_name: tool, tool_input: input,
});
const claude = (tool: string, input: Record<string, unknown>, cwd = ROOT): Record<string, unknown> => ({
  session_id: 'claude-session', transcript_path: '/home/dev/.claude/projects/x/claude-session.jsonl',
  cwd, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input,
});

describe('Kiro CLI hook payloads', () => {
  const rows: Row[] = [
    ['execute_bash', { command: 'npm test && git push' }, [['shell', 'npm test && git push']]],
    ['execute_cmd', { command: 'dir' }, [['shell', 'dir']]],
    ['shell', { command: 'ls -la' }, [['shell', 'ls -la']]],
    ['fs_write', { command: 'create', path: `${ROOT}/src/a.ts`, file_text: 'x' }, [['fs_write', 'src/a.ts']]],
    ['fs_write', { command: 'str_replace', path: 'src/b.ts', old_str: 'a', new_str: 'b' }, [['fs_write', 'src/b.ts']]],
    ['write', { command: 'append', path: '/etc/passwd', new_str: 'x' }, [['fs_write', '/etc/passwd']]],
    ['fs_read', { operations: [{ mode: 'Line', path: `${ROOT}/package.json` }, { mode: 'Directory', path: 'src' }] }, [['fs_read', 'package.json'], ['fs_read', 'src']]],
    ['fs_read', { operations: [{ mode: 'Image', image_paths: ['a.png', '/tmp/b.png'] }] }, [['fs_read', 'a.png'], ['fs_read', '/tmp/b.png']]],
    ['read', { mode: 'Line', path: '~/.aws/credentials' }, [['fs_read', '~/.aws/credentials']]],
    ['glob', { pattern: '**/*.ts' }, [['fs_read', '.'], ['fs_read', '**/*.ts']]],
    ['grep', { pattern: 'TODO', path: `${ROOT}/lib` }, [['fs_read', 'lib']]],
    ['web_fetch', { url: 'https://x.dev/a' }, [['web_fetch', 'https://x.dev/a']]],
    ['web_search', { query: 'kiro hooks' }, [['web_search', 'kiro hooks']]],
    ['use_aws', { service_name: 's3', operation_name: 'ls', parameters: { recursive: true, bucket: 'my bucket' }, region: 'us-east-1', profile_name: 'dev', label: 'x' }, [['shell', "aws s3 ls --recursive --bucket 'my bucket' --region us-east-1 --profile dev"]]],
    // Kiro passes positional_args and turns parameter names to kebab case (use_aws.rs).
    ['use_aws', { service_name: 's3', operation_name: 'rm', positional_args: ['s3://prod/x'], parameters: { Recursive: true, MaxItems: 5, dry_run: true } }, [['shell', 'aws s3 rm s3://prod/x --recursive --max-items 5 --dry-run']]],
    // Audit 36 AE-1: a parameter named like a global option is the one the AWS CLI uses, since
    // Kiro passes --region/--profile first; it is repeated last, so `aws * --profile prod` meets it.
    ['use_aws', { service_name: 's3api', operation_name: 'list-buckets', parameters: { profile: 'prod' }, region: 'us-west-2' }, [['shell', 'aws s3api list-buckets --profile prod --region us-west-2 --profile prod']]],
    ['use_aws', { service_name: 's3api', operation_name: 'list-buckets', parameters: { profile: 'prod' }, profile_name: 'dev' }, [['shell', 'aws s3api list-buckets --profile prod --profile dev --profile prod']]],
    ['use_aws', { service_name: 's3', operation_name: 'ls', parameters: { EndpointUrl: 'http://evil', prof: 'prod', debug: true } }, [['shell', 'aws s3 ls --endpoint-url http://evil --prof prod --debug --endpoint-url http://evil --profile prod --debug']]],
    // An ambiguous abbreviation (`--no-`) or an ordinary parameter is not repeated.
    ['use_aws', { service_name: 's3', operation_name: 'ls', parameters: { no: true, bucket: 'b' } }, [['shell', 'aws s3 ls --no --bucket b']]],
    ['execute_bash', { command: 'ls', working_dir: 'src' }, [['shell', 'ls']]],
    ['aws', { service_name: 'sts', operation_name: 'get-caller-identity' }, [['shell', 'aws sts get-caller-identity']]],
    ['use_subagent', { command: 'InvokeSubagents', content: { subagents: [{ query: 'a', agent_name: 'reviewer' }, { query: 'b' }] } }, [['subagent', 'reviewer'], ['subagent', 'default']]],
    ['use_subagent', { command: 'InvokeSubagents', content: { subagents: [] } }, [['subagent', 'default']]],
    ['subagent', { agent_name: 'docs' }, [['subagent', 'docs']]],
    ['delegate', { operation: 'launch', agent: 'builder', task: 'build' }, [['subagent', 'builder']]],
    ['code', { operation: 'goto_definition', file_path: `${ROOT}/src/a.ts` }, [['fs_read', 'src/a.ts']]],
    ['thinking', { thought: 'hmm' }, [['context', 'thinking']]],
    ['todo_list', { command: 'create' }, [['context', 'todo_list']]],
    ['introspect', {}, [['context', 'introspect']]],
    ['knowledge', { command: 'search' }, [['context', 'knowledge']]],
    ['report_issue', { title: 'x' }, [['context', 'report_issue']]],
    ['@github/create_issue', { title: 'x' }, [['mcp', 'github/create_issue']]],
    ['@git-tools/status', {}, [['mcp', 'git-tools/status']]],
    ['git___git_status', {}, [['mcp', 'git/git_status']]],
    ['brand_new_tool', { anything: 1 }, [['mcp', 'unknown/brand_new_tool']]],
  ];
  test.each(rows)('%s %j', (tool, input, expected) => {
    expect(pairs(kiro(tool, input))).toEqual(expected);
  });

  test('the full draft: agent, session fallback, cwd relative to the root, no model', () => {
    expect(mapHookPayload(JSON.stringify(kiro('execute_bash', { command: 'make' }, `${ROOT}/web`)), { ...OPTS, session: 'cli-session' })).toEqual([
      { ts: '2026-11-20T10:00:00Z', agent: 'kiro', session: 'cli-session', model: null, capability: 'shell', resource: 'make', cwd: 'web' },
    ]);
  });

  test('relative paths are taken from the cwd', () => {
    expect(pairs(kiro('fs_write', { command: 'create', path: '../README.md' }, `${ROOT}/docs`))).toEqual([['fs_write', 'README.md']]);
    expect(pairs(kiro('fs_write', { command: 'create', path: '../../x' }, ROOT))).toEqual([['fs_write', '/home/x']]);
  });

  test('session: the payload\'s own, else --session, else "default"', () => {
    const own = { ...kiro('shell', { command: 'ls' }), session_id: 'kiro-own' };
    expect(mapHookPayload(JSON.stringify(own), { ...OPTS, session: 'cli' })[0]?.session).toBe('kiro-own');
    expect(mapHookPayload(JSON.stringify(kiro('shell', { command: 'ls' })), { ...OPTS, session: 'cli' })[0]?.session).toBe('cli');
    expect(mapHookPayload(JSON.stringify(kiro('shell', { command: 'ls' })), { ...OPTS, session: undefined })[0]?.session).toBe('default');
  });

  test('postToolUse payloads are recorded the same way', () => {
    const post = { ...kiro('shell', { command: 'ls' }), hook_event_name: 'postToolUse', tool_response: { success: true } };
    expect(pairs(post)).toEqual([['shell', 'ls']]);
  });

  test('without a repository root, paths stay as given', () => {
    expect(pairs(kiro('fs_write', { path: `${ROOT}/a.ts` }), { ...OPTS, repoRoot: null })).toEqual([['fs_write', `${ROOT}/a.ts`]]);
  });
});

describe('Claude Code hook payloads', () => {
  const rows: Row[] = [
    ['Bash', { command: 'npm test', description: 'test' }, [['shell', 'npm test']]],
    ['Write', { file_path: `${ROOT}/.kiro/settings/mcp.json`, content: '{}' }, [['fs_write', '.kiro/settings/mcp.json']]],
    ['Edit', { file_path: `${ROOT}/src/a.ts`, old_string: 'a', new_string: 'b' }, [['fs_write', 'src/a.ts']]],
    ['MultiEdit', { file_path: 'src/b.ts', edits: [] }, [['fs_write', 'src/b.ts']]],
    ['NotebookEdit', { notebook_path: `${ROOT}/nb.ipynb`, new_source: 'x' }, [['fs_write', 'nb.ipynb']]],
    ['Read', { file_path: `${ROOT}/.env` }, [['fs_read', '.env']]],
    ['NotebookRead', { notebook_path: 'nb.ipynb' }, [['fs_read', 'nb.ipynb']]],
    ['LS', { path: '/etc' }, [['fs_read', '/etc']]],
    ['Glob', { pattern: '**/*.ts' }, [['fs_read', '.'], ['fs_read', '**/*.ts']]],
    ['Glob', { pattern: '*.ts', path: `${ROOT}/src` }, [['fs_read', 'src'], ['fs_read', 'src/**/*.ts']]],
    ['Grep', { pattern: 'secret', path: '/home/dev/other' }, [['fs_read', '/home/dev/other']]],
    ['WebFetch', { url: 'https://x.dev/a', prompt: 'summarise' }, [['web_fetch', 'https://x.dev/a']]],
    ['WebSearch', { query: 'jest esm' }, [['web_search', 'jest esm']]],
    ['Task', { description: 'd', prompt: 'p', subagent_type: 'code-reviewer' }, [['subagent', 'code-reviewer']]],
    ['Task', { description: 'd', prompt: 'p' }, [['subagent', 'general-purpose']]],
    ['Agent', { description: 'd', prompt: 'p', subagent_type: 'explore' }, [['subagent', 'explore']]],
    ['Skill', { skill: 'pdf' }, [['skill', 'pdf']]],
    ['Skill', { command: 'xlsx' }, [['skill', 'xlsx']]],
    ['SlashCommand', { command: '/review-pr 12' }, [['skill', '/review-pr 12']]],
    ['TodoWrite', { todos: [] }, [['context', 'TodoWrite']]],
    ['ExitPlanMode', { plan: 'x' }, [['context', 'ExitPlanMode']]],
    ['BashOutput', { bash_id: '1' }, [['context', 'BashOutput']]],
    ['KillShell', { shell_id: '1' }, [['context', 'KillShell']]],
    ['mcp__github__create_issue', { title: 'x' }, [['mcp', 'github/create_issue']]],
    ['mcp__my_server__do__thing', {}, [['mcp', 'my_server/do__thing']]],
    ['SomeFutureTool', {}, [['mcp', 'unknown/SomeFutureTool']]],
    // Audit 45, BC-6: the server these name is the one the call talks to, so its rules meet it.
    ['ReadMcpResourceTool', { server: 'evil', uri: 'evil://secret' }, [['mcp', 'evil/ReadMcpResourceTool']]],
    ['ListMcpResourcesTool', { server: 'github' }, [['mcp', 'github/ListMcpResourcesTool']]],
    ['ListMcpResourcesTool', {}, [['mcp', 'unknown/ListMcpResourcesTool']]],
  ];
  test.each(rows)('%s %j', (tool, input, expected) => {
    expect(pairs(claude(tool, input))).toEqual(expected);
  });

  test('the full draft takes the payload session and ignores --session', () => {
    expect(mapHookPayload(JSON.stringify(claude('Bash', { command: 'ls' })), { ...OPTS, session: 'cli' })).toEqual([
      { ts: '2026-11-20T10:00:00Z', agent: 'claude', session: 'claude-session', model: null, capability: 'shell', resource: 'ls', cwd: '.' },
    ]);
  });

  test('PostToolUse payloads are recorded the same way', () => {
    expect(pairs({ ...claude('Read', { file_path: 'a' }), hook_event_name: 'PostToolUse', tool_response: {} })).toEqual([['fs_read', 'a']]);
  });

  test('parseHookPayload exposes the cwd the caller needs to find the repository', () => {
    expect(parseHookPayload(Buffer.from(JSON.stringify(claude('Bash', { command: 'ls' }, '/w/r')))).cwd).toBe('/w/r');
  });
});

describe('malformed payloads are PayloadErrors with one line naming the problem', () => {
  const rows: [string, string | Buffer, RegExp][] = [
    ['empty input', '', /no hook payload on standard input/],
    ['not JSON', 'tool_name=Bash', /hook payload is not JSON/],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
    ['an array', '[]', /must be a JSON object, got \[\]/],
    ['no event name', JSON.stringify({ tool_name: 'Bash', tool_input: {} }), /no "hook_event_name"/],
    ['a non-tool event', JSON.stringify({ hook_event_name: 'agentSpawn', cwd: '/x' }), /hook event "agentSpawn" carries no tool call; register agent-gate record only for/],
    // Audit 29 (HH-3): names of Object.prototype were found in the events table.
    ...['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((event): [string, string, RegExp] =>
      [`the event "${event}"`, JSON.stringify({ hook_event_name: event, cwd: '/x', tool_name: 'Bash', tool_input: { command: 'ls' } }), new RegExp(`hook event "${event}" carries no tool call`)]),
    ['no tool_name', JSON.stringify({ hook_event_name: 'preToolUse', tool_input: {} }), /no "tool_name"/],
    ['a numeric tool_name', JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 3, tool_input: {} }), /no "tool_name"/],
    ['no tool_input', JSON.stringify({ hook_event_name: 'preToolUse', tool_name: 'shell' }), /"tool_input" must be a JSON object, got nothing/],
    ['a string tool_input', JSON.stringify({ hook_event_name: 'preToolUse', tool_name: 'shell', tool_input: 'ls' }), /"tool_input" must be a JSON object/],
    ['a numeric cwd', JSON.stringify({ ...kiro('shell', { command: 'ls' }), cwd: 5 }), /field "cwd" must be a string/],
    ['a numeric session_id', JSON.stringify({ ...claude('Bash', { command: 'ls' }), session_id: 5 }), /field "session_id" must be a string/],
    ['a shell call without command', JSON.stringify(kiro('execute_bash', { cmd: 'ls' })), /tool execute_bash needs "command" as a non-empty string, got nothing/],
    ['an empty command', JSON.stringify(claude('Bash', { command: '' })), /tool Bash needs "command" as a non-empty string/],
    ['a write without path', JSON.stringify(kiro('fs_write', { command: 'create', file_path: 'x' })), /tool fs_write needs "path"/],
    ['a read with a bad operation', JSON.stringify(kiro('fs_read', { operations: [{ mode: 'Line' }] })), /operations\[0\] names no path/],
    ['a read with a numeric path', JSON.stringify(kiro('fs_read', { operations: [{ path: 4 }] })), /operations\[0\]\.path as a non-empty string/],
    ['a read naming nothing', JSON.stringify(kiro('read', {})), /names no path/],
    ['an Edit without file_path', JSON.stringify(claude('Edit', { path: 'x' })), /tool Edit needs "file_path"/],
    ['a Glob with a numeric path', JSON.stringify(claude('Glob', { pattern: '*', path: 1 })), /tool Glob needs "path" as a string/],
    ['an MCP name without a tool', JSON.stringify(kiro('@github', {})), /MCP tool name "@github" does not name a server and a tool/],
    ['a Claude MCP name without a tool', JSON.stringify(claude('mcp__github', {})), /MCP tool name "mcp__github"/],
    ['use_aws without an operation', JSON.stringify(kiro('use_aws', { service_name: 's3' })), /needs "operation_name"/],
    // Audit round 21 (N-1's kin): serialising a parameter this deep overflowed the stack.
    ['a use_aws parameter nested 10,000 levels deep', `{"hook_event_name":"preToolUse","cwd":"/w","tool_name":"use_aws","tool_input":{"service_name":"s3","operation_name":"ls","parameters":{"k":${'['.repeat(10000)}${']'.repeat(10000)}}}}`, /tool use_aws: parameter "k" is nested too deeply to be judged/],
  ];
  test.each(rows)('%s', (_name, input, message) => {
    let error: unknown;
    try {
      mapHookPayload(input, OPTS);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PayloadError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});
