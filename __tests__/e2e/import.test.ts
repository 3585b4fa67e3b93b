// `agent-gate import` as a user runs it: a real subprocess of dist/cli.js converting the recorded
// sessions in __tests__/fixtures/import/. The fixtures were written in /home/dev/project; each test
// rewrites that folder to a fresh repository so that "paths inside the repository become relative"
// is exercised for real.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainHash, verifyLog, type LogEntry } from '../../src/logs/index.ts';
import { REPO_ROOT, runCli, type RunResult } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const FIXTURES = join(REPO_ROOT, '__tests__', 'fixtures', 'import');
const FIXTURE_ROOT = '/home/dev/project';

function repo(): string {
  return realpathSync(TestRepo.init().dir);
}

/** Copies a fixture into `dir` with its project folder moved to `root`. */
function fixture(name: string, dir: string, root: string = dir): string {
  const path = join(dir, name);
  writeFileSync(path, readFileSync(join(FIXTURES, name), 'utf8').replaceAll(FIXTURE_ROOT, root));
  return path;
}

function parse(text: string, label = 'stdout'): LogEntry[] {
  const result = verifyLog(Buffer.from(text, 'utf8'), label);
  expect(result.problems).toEqual([]);
  return result.entries.map((e) => e.entry);
}

const brief = (list: LogEntry[]): string[] => list.map((e) => `${e.capability} ${e.resource} @${e.cwd}`);

function importCli(dir: string, args: string[]): RunResult {
  return runCli(['import', ...args], { cwd: dir });
}

describe('import to standard output', () => {
  test('a Claude Code transcript', () => {
    const dir = repo();
    const r = importCli(dir, [fixture('claude-transcript.jsonl', dir)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const list = parse(r.stdout);
    expect(brief(list)).toEqual([
      'shell npm test && git push @.',
      'fs_read src/app.ts @src',
      'fs_write src/app.ts @src',
      'fs_write /etc/hosts @src',
      'fs_read src @src',
      'fs_read src/**/*.ts @src',
      'fs_read lib @src',
      'web_fetch https://x.dev/a @.',
      'web_search jest esm @.',
      'subagent code-reviewer @.',
      'mcp github/create_issue @.',
      'context TodoWrite @.',
      'mcp unknown/FancyNewTool @.',
    ]);
    expect(list[0]).toMatchObject({
      v: 1, ts: '2026-11-20T10:00:05.000Z', agent: 'claude', session: '5f1d7a2c-claude-session',
      model: 'claude-sonnet-4-5-20250929', prev: chainHash('5f1d7a2c-claude-session'),
    });
    // Model ids are kept exactly as the agent wrote them.
    expect(list[11]?.model).toBe('claude-opus-4-1-20250805');
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  test('a Codex CLI rollout', () => {
    const dir = repo();
    const r = importCli(dir, [fixture('codex-rollout.jsonl', dir)]);
    expect(r.code).toBe(0);
    const list = parse(r.stdout);
    expect(brief(list)).toEqual([
      'shell npm test @.',
      "shell ls -la 'my dir' @.",
      'shell cat package.json > /tmp/p.json @packages/a',
      'shell git status @.',
      'fs_write docs/new.md @.',
      'fs_write src/app.ts @.',
      'fs_write src/main.ts @.',
      'fs_write old.txt @.',
      'fs_write README.md @.',
      'shell rm -rf build @web',
      'mcp github/get_issue @.',
      'web_search codex rollout format @.',
      'context update_plan @.',
      'fs_write notes.txt @.',
      'mcp unknown/brand_new_tool @.',
    ]);
    expect(list.every((e) => e.agent === 'codex' && e.session === '0199a1b2-codex-session')).toBe(true);
    expect([list[0]?.model, list[14]?.model]).toEqual(['gpt-5-codex', 'gpt-5.1-codex-max']);
  });

  test('a Kiro CLI /chat save export, and its older pair form', () => {
    const dir = repo();
    const r = importCli(dir, [fixture('kiro-chat-save.json', dir)]);
    expect(r.code).toBe(0);
    const list = parse(r.stdout);
    expect(brief(list)).toEqual([
      'shell npm test && git push @.',
      'fs_read package.json @.',
      'fs_read src @.',
      'fs_write src/app.ts @src',
      'shell aws s3 ls --recursive --page-size 10 --region us-east-1 @src',
      'mcp git/git_status @src',
      'web_fetch https://kiro.dev/docs @src',
      'context introspect @src',
    ]);
    expect(list[0]).toMatchObject({ agent: 'kiro', session: '3c1e9f2a-kiro-conversation', model: 'claude-sonnet-4.5', ts: '2026-11-20T10:01:00.000Z' });
    // The last turn has no time of its own: it gets the export file's modification time.
    expect(Date.parse(list[7]?.ts ?? '')).toBeGreaterThan(Date.parse('2026-11-20T10:01:00.000Z'));
    const legacy = importCli(dir, [fixture('kiro-chat-save-legacy.json', dir)]);
    expect(legacy.code).toBe(0);
    expect(parse(legacy.stdout).map((e) => [e.session, e.model, e.capability, e.resource])).toEqual([['legacy-q-conversation', 'claude-3.7-sonnet', 'fs_read', '.']]);
  });

  test('paths are relative to the repository of the current folder, also from a subfolder', () => {
    const dir = repo();
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    const path = fixture('claude-transcript.jsonl', dir);
    const r = importCli(join(dir, 'deep', 'er'), [join('..', '..', 'claude-transcript.jsonl')]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)[1]?.resource).toBe('src/app.ts');
    // Outside any repository of the record's folder, paths stay absolute.
    const elsewhere = repo();
    const out = parse(importCli(elsewhere, [path]).stdout);
    expect(out[1]?.resource).toBe(join(dir, 'src', 'app.ts'));
  });

  test('import converts, it does not judge: denied calls are listed, no policy is read, exit 0', () => {
    const dir = repo();
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'agent-gate.yml'), 'rules: [broken');
    const r = importCli(dir, [fixture('codex-rollout.jsonl', dir)]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).map((e) => e.resource)).toContain('rm -rf build');
    expect(r.stdout).not.toContain('blocked');
  });
});

describe('import: paths in the home folder', () => {
  test('become ~/... (the repository\'s own stay relative), so check expands them against its own HOME', () => {
    const home = realpathSync(TestRepo.init().dir);
    const dir = repo();
    const line = (id: string, name: string, input: Record<string, unknown>, cwd = dir): string => JSON.stringify({
      type: 'assistant', sessionId: 'home-session', cwd, timestamp: '2026-11-20T10:00:05.000Z',
      message: { model: 'claude-sonnet-4-5', content: [{ type: 'tool_use', id, name, input }] },
    });
    const transcript = join(dir, 'transcript.jsonl');
    writeFileSync(transcript, [
      line('t1', 'Write', { file_path: `${home}/.kiro/settings/mcp.json`, content: '{}' }),
      line('t2', 'Write', { file_path: `${dir}/src/a.ts`, content: 'x' }),
      line('t3', 'Read', { file_path: '/etc/hosts' }),
      line('t4', 'Bash', { command: 'ls' }, `${home}/elsewhere`),
    ].join('\n') + '\n');
    const r = runCli(['import', transcript], { cwd: dir, env: { HOME: home } });
    expect(r.code).toBe(0);
    expect(brief(parse(r.stdout))).toEqual([
      'fs_write ~/.kiro/settings/mcp.json @.',
      'fs_write src/a.ts @.',
      'fs_read /etc/hosts @.',
      'shell ls @~/elsewhere',
    ]);
  });
});

// Outside any repository the current folder was taken as the repository: run from `~`, a read of
// ~/.aws/credentials was logged as `.aws/credentials`, and the committed log passed check although
// a rule denied `~/.aws/**`.
describe('import outside any repository', () => {
  test.each<[string, number, string, string]>([
    ['claude-transcript.jsonl', 1, 'project/src/app.ts', 'project/src'],
    ['codex-rollout.jsonl', 4, 'project/docs/new.md', 'project'],
    ['kiro-chat-save.json', 1, 'project/package.json', 'project'],
  ])('%s: no path becomes relative to the current folder', (name, index, resource, cwd) => {
    const outside = realpathSync(tempDir('ag-outside-'));
    mkdirSync(join(outside, 'project'));
    const path = fixture(name, outside, join(outside, 'project'));
    // HOME elsewhere: the paths stay absolute.
    const absolute = parse(runCli(['import', path], { cwd: outside }).stdout);
    expect(absolute[index]).toMatchObject({ resource: `${outside}/${resource}`, cwd: `${outside}/${cwd}` });
    expect(absolute.filter((e) => e.resource.startsWith('project'))).toEqual([]);
    // HOME here: they become ~/..., never relative.
    const home = parse(runCli(['import', path], { cwd: outside, env: { HOME: outside } }).stdout);
    expect(home[index]).toMatchObject({ resource: `~/${resource}`, cwd: `~/${cwd}` });
  });

  test('run in one repository with --log into another: paths are relative to the log\'s repository', () => {
    const here = repo();
    const there = repo();
    const path = fixture('claude-transcript.jsonl', here, there);
    const log = join(there, 'out.jsonl');
    expect(importCli(here, [path, '--log', log]).code).toBe(0);
    expect(parse(readFileSync(log, 'utf8'), log)[1]).toMatchObject({ resource: 'src/app.ts', cwd: 'src' });
    // A committed link to that other repository is no way around the linked-folder refusal.
    symlinkSync(there, join(here, '.agent-gate'));
    const linked = importCli(here, [path, '--log', '.agent-gate/x.jsonl']);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('which is a symbolic link');
    expect(existsSync(join(there, 'x.jsonl'))).toBe(false);
  });

  test('run from ~ with --log into a repository: paths are relative to that repository, ~/... stays ~/..., and check denies', () => {
    const home = realpathSync(tempDir('ag-home-'));
    const r = new TestRepo(join(home, 'project'));
    mkdirSync(r.dir);
    r.git(['init', '-q', '-b', 'main']);
    r.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_read\n    effect: deny\n    match: ["~/.aws/**"]\n').commit('policy');
    const base = r.head();
    const line = (id: string, file: string): string => JSON.stringify({
      type: 'assistant', sessionId: 's1', cwd: r.dir, timestamp: '2026-11-20T10:00:05.000Z',
      message: { model: 'claude-sonnet-4-5-20250929', content: [{ type: 'tool_use', id, name: 'Read', input: { file_path: file } }] },
    });
    const transcript = join(realpathSync(tempDir('ag-rec-')), 't.jsonl');
    writeFileSync(transcript, `${line('t1', `${home}/.aws/credentials`)}\n${line('t2', `${r.dir}/src/a.ts`)}\n`);
    const imported = runCli(['import', transcript, '--log', 'project/.agent-gate/log/s1.jsonl'], { cwd: home, env: { HOME: home } });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const log = join(r.dir, '.agent-gate', 'log', 's1.jsonl');
    expect(brief(parse(readFileSync(log, 'utf8'), log))).toEqual(['fs_read ~/.aws/credentials @.', 'fs_read src/a.ts @.']);
    r.commit('import\n\nCo-authored-by: Claude <noreply@anthropic.com>\n');
    const check = runCli(['check', '--base', base, '--head', 'HEAD', '--format', 'json'], { cwd: r.dir, env: { HOME: home } });
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { decision: string; findings: Array<{ effect: string; resource: string }> };
    expect(report.decision).toBe('deny');
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ effect: 'deny', resource: '~/.aws/credentials' })]));
  });
});

describe('import --log', () => {
  test('appends chained entries, and a second import continues the chain', () => {
    const dir = repo();
    const log = join(dir, '.agent-gate', 'log', 'imported.jsonl');
    const first = importCli(dir, [fixture('claude-transcript.jsonl', dir), '--log', '.agent-gate/log/imported.jsonl']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe('agent-gate: imported 13 tool calls from a claude record into .agent-gate/log/imported.jsonl\n');
    const second = importCli(dir, [fixture('codex-rollout.jsonl', dir), '--log', log]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('imported 15 tool calls from a codex record');
    const text = readFileSync(log, 'utf8');
    const list = parse(text, log);
    expect(list).toHaveLength(28);
    // The file's chain starts at the first session; the second record continues it.
    expect(list[0]?.prev).toBe(chainHash('5f1d7a2c-claude-session'));
    expect(list[13]?.session).toBe('0199a1b2-codex-session');
    expect(list[13]?.prev).toBe(chainHash(text.split('\n')[12] as string));
  });

  // A session that ran in the repository reached through a linked folder kept absolute paths,
  // so its writes to secrets/ or the policy file were only asks.
  test('paths spelled through a link to the repository become repository paths', () => {
    const dir = repo();
    const link = join(tempDir('ag-link-'), 'repo');
    symlinkSync(dir, link);
    const line = (i: number, input: Record<string, unknown>): string => JSON.stringify({
      type: 'assistant', sessionId: 'linked', cwd: link, timestamp: `2026-11-20T10:00:0${i}.000Z`,
      message: { model: 'claude-sonnet-4-5', content: [{ type: 'tool_use', id: `t${i}`, name: 'Write', input }] },
    });
    const record = join(tempDir('ag-rec-'), 'linked.jsonl');
    writeFileSync(record, [line(1, { file_path: `${link}/src/a.ts`, content: 'x' }), line(2, { file_path: `${link}/.github/agent-gate.yml`, content: 'x' })].join('\n') + '\n');
    const r = importCli(link, [record]);
    expect(r.code).toBe(0);
    const list = parse(r.stdout, 'stdout');
    expect(list.map((e) => [e.resource, e.cwd])).toEqual([['src/a.ts', '.'], ['.github/agent-gate.yml', '.']]);
  });

  // It was taken from the current folder, so from src/ the log landed in src/.agent-gate/log,
  // where check reads it as an ordinary write and never judges its entries.
  test('a relative --log is taken from the repository root, as record takes it', () => {
    const dir = repo();
    mkdirSync(join(dir, 'src'), { recursive: true });
    const r = runCli(['import', fixture('claude-transcript.jsonl', dir), '--log', '.agent-gate/log/imp.jsonl'], { cwd: join(dir, 'src') });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.agent-gate', 'log', 'imp.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'src', '.agent-gate'))).toBe(false);
  });

  test('a log written by record is continued by import, and the other way round', () => {
    const dir = repo();
    const payload = JSON.stringify({ hook_event_name: 'preToolUse', cwd: dir, tool_name: 'execute_bash', tool_input: { command: 'npm test' } });
    expect(runCli(['record'], { cwd: dir, input: payload }).code).toBe(0);
    const log = join(dir, '.agent-gate', 'log', 'default.jsonl');
    expect(importCli(dir, [fixture('kiro-chat-save-legacy.json', dir), '--log', log]).code).toBe(0);
    expect(runCli(['record'], { cwd: dir, input: payload }).code).toBe(0);
    expect(parse(readFileSync(log, 'utf8'), log).map((e) => e.session)).toEqual(['default', 'legacy-q-conversation', 'default']);
  });

  test('a --log inside the repository below a linked folder (.agent-gate/log -> ../notes) is refused, nothing written', () => {
    const dir = repo();
    mkdirSync(join(dir, 'notes'));
    mkdirSync(join(dir, '.agent-gate'));
    symlinkSync('../notes', join(dir, '.agent-gate', 'log'));
    const r = importCli(dir, [fixture('claude-transcript.jsonl', dir), '--log', '.agent-gate/log/imported.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, '.agent-gate', 'log')}, which is a symbolic link`);
    expect(readdirSync(join(dir, 'notes'))).toEqual([]);
  });

  test('a record with no tool calls appends nothing', () => {
    const dir = repo();
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, readFileSync(join(FIXTURES, 'claude-transcript.jsonl'), 'utf8').split('\n').slice(0, 2).join('\n'));
    const r = importCli(dir, [path, '--log', 'out.jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 0 tool calls');
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });
});

// Audit 29 (HH-1): newer Claude Code writes a subagent's calls to <session>/subagents/agent-<id>.jsonl
// and leaves only the Task call in the session file, so importing that file alone dropped them all.
describe('import: a Claude Code session with subagents', () => {
  const SESSION = '5f1d0000-subagents';
  const line = (ts: string, extra: Record<string, unknown>, tool?: [string, Record<string, unknown>]): string => JSON.stringify({
    type: tool === undefined ? 'user' : 'assistant', sessionId: SESSION, cwd: '/x', timestamp: `2026-11-20T10:00:${ts}.000Z`, ...extra,
    message: tool === undefined ? { role: 'user', content: 'x' } : { model: 'claude-sonnet-4.5', content: [{ type: 'tool_use', id: ts, name: tool[0], input: tool[1] }] },
  });
  const task = (ts: string): string => line(ts, {}, ['Task', { subagent_type: 'general-purpose', prompt: 'clean up' }]);
  const result = (ts: string, agentId: string): string => line(ts, { toolUseResult: { status: 'completed', agentId } });

  function session(dir: string, main: string[], subagents: Record<string, string[]>): string {
    const record = join(dir, `${SESSION}.jsonl`);
    writeFileSync(record, main.join('\n') + '\n');
    for (const [id, lines] of Object.entries(subagents)) {
      mkdirSync(join(dir, SESSION, 'subagents'), { recursive: true });
      writeFileSync(join(dir, SESSION, 'subagents', `agent-${id}.jsonl`), lines.join('\n') + '\n');
    }
    return record;
  }

  test('the calls in subagents/agent-*.jsonl beside the session are imported, in the order they were made', () => {
    const dir = repo();
    const record = session(tempDir('ag-cc-'), [task('05'), result('30', 'a9f3'), line('40', {}, ['Bash', { command: 'npm test' }])], {
      a9f3: [line('10', { isSidechain: true, agentId: 'a9f3' }, ['Bash', { command: 'rm -rf ~/project' }]), line('20', { isSidechain: true, agentId: 'a9f3' }, ['Write', { file_path: `${dir}/secrets/k`, content: 'x' }])],
    });
    const r = importCli(dir, [record, '--log', '.agent-gate/log/cc.jsonl']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('imported 4 tool calls');
    expect(brief(parse(readFileSync(join(dir, '.agent-gate/log/cc.jsonl'), 'utf8'))).map((b) => b.split(' @')[0])).toEqual([
      'subagent general-purpose', 'shell rm -rf ~/project', 'fs_write secrets/k', 'shell npm test',
    ]);
  });

  test('a subagent the session names whose file is not there fails the import, nothing written', () => {
    const dir = repo();
    const record = session(tempDir('ag-cc-'), [task('05'), result('30', 'a9f3')], {});
    const r = importCli(dir, [record, '--log', 'out.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${SESSION}.jsonl line 2: subagent a9f3 ran, but its calls are in`);
    expect(r.stderr).toContain(`agent-a9f3.jsonl, which is not there`);
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  test('an older transcript that holds its subagent\'s calls inline needs no subagent file', () => {
    const dir = repo();
    const record = session(tempDir('ag-cc-'), [task('05'), line('10', { isSidechain: true, agentId: 'a9f3' }, ['Bash', { command: 'ls' }]), result('30', 'a9f3')], {});
    const r = importCli(dir, [record]);
    expect(r.code).toBe(0);
    expect(brief(parse(r.stdout)).map((b) => b.split(' @')[0])).toEqual(['subagent general-purpose', 'shell ls']);
  });

  test('a subagent file that is not a Claude Code transcript fails the import', () => {
    const dir = repo();
    const record = session(tempDir('ag-cc-'), [task('05')], { b1: ['{"type":"assistant",'] });
    const r = importCli(dir, [record]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agent-b1\.jsonl: /);
  });
});

describe('import: records it cannot convert', () => {
  test.each<[string, string]>([
    ['unknown-chat-export.json', 'unrecognised session record'],
    ['kiro-chat-save-bad.json', 'history[0].assistant.ToolUse.tool_uses[1]'],
  ])('%s -> exit 2, one line, nothing written', (name, message) => {
    const dir = repo();
    for (const args of [[], ['--log', 'out.jsonl']]) {
      const r = importCli(dir, [fixture(name, dir), ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^agent-gate: import: /);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  test.each<[string, string | Buffer, string]>([
    ['not JSON', 'hello\n', 'unrecognised'],
    ['empty', '', 'unrecognised'],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x00]), 'UTF-8'],
    ['a truncated Kiro export', '{"conversation_id":"c","history":[{"user":{},"assistant":', 'not JSON at line 1, column 58 (Unexpected end of JSON input)'],
    ['a transcript whose first line is bad', '{"type":"assistant",\n{"type":"assistant","sessionId":"s","cwd":"/","timestamp":"2026-11-20T10:00:05.000Z","message":{"model":"m","content":[]}}\n', 'record.jsonl: Claude Code transcript line 1: invalid JSON'],
    ['a Claude transcript with a bad line', '{"type":"user","sessionId":"s","message":{"content":"x"}}\n{"type":"assistant","sessionId":"s","timestamp":"nope","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"ls"}}]}}\n', 'line 2'],
  ])('%s -> exit 2', (_name, content, message) => {
    const dir = repo();
    writeFileSync(join(dir, 'record.jsonl'), content);
    const r = importCli(dir, ['record.jsonl', '--log', 'out.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  test('a missing file, a folder, no FILE, two FILEs -> exit 2', () => {
    const dir = repo();
    expect(importCli(dir, ['nope.json']).stderr).toContain('cannot read nope.json (ENOENT)');
    expect(importCli(dir, ['.git']).stderr).toContain('is a folder');
    expect(importCli(dir, []).code).toBe(2);
    const two = importCli(dir, [fixture('kiro-chat-save.json', dir), 'other.json']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('unexpected argument "other.json"');
  });

  test('--help', () => {
    const r = runCli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: agent-gate import FILE [--log FILE]');
  });
});
