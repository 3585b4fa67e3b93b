// Audit 36, AE-3: `record --enforce --log FILE` with a payload cwd in no repository spells the
// entries for the repository that holds FILE, whose check judges them by its policy; the call
// was judged with no workspace policy at all, so a write that policy denies passed (exit 0).
// Real subprocess runs of dist/cli.js in real temporary repositories.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type RunResult } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';

afterAll(() => cleanupRepos());

const POLICY = `rules:
  - {capability: fs_write, effect: allow, match: ["src/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
`;

function setUp(): { repo: string; outside: string; log: string } {
  const r = TestRepo.init();
  r.write('.github/agent-gate.yml', POLICY);
  const repo = realpathSync(r.dir);
  return { repo, outside: realpathSync(tempDir('agent-gate-outside-')), log: join(repo, '.agent-gate', 'log', 'x.jsonl') };
}

function recordWrite(outside: string, log: string, path: string): RunResult {
  const payload = { hook_event_name: 'preToolUse', cwd: outside, tool_name: 'fs_write', tool_input: { command: 'create', path, file_text: 'x' } };
  return runCli(['record', '--enforce', '--log', log], { cwd: outside, input: JSON.stringify(payload) });
}

describe('record --enforce with a cwd outside any repository and the log in one', () => {
  test('a write the log repository denies is blocked, and logged as blocked', () => {
    const { repo, outside, log } = setUp();
    const r = recordWrite(outside, log, join(repo, 'secrets', 'k'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/deny.*secrets\/\*\*/);
    expect(r.stderr).toMatch(/in the repository that holds the log/);
    const entry = JSON.parse(readFileSync(log, 'utf8').trim()) as { resource: string; blocked?: boolean };
    expect(entry.resource).toBe('secrets/k');
    expect(entry.blocked).toBe(true);
  });

  test('a write the log repository allows passes', () => {
    const { repo, outside, log } = setUp();
    const r = recordWrite(outside, log, join(repo, 'src', 'a.ts'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

// Audit 43, AX-7: a relative --log (or --policy) was taken from the payload's cwd when that lies
// in no repository, so the log landed in `/tmp/.agent-gate/log/` and the call was judged by no
// workspace policy: exit 0, where an absolute --log, or none, blocked it.
describe('record with a cwd outside any repository and a relative --log or --policy', () => {
  test.each([
    ['a relative --log', ['--log', '.agent-gate/log/x.jsonl'], '--log ".agent-gate/log/x.jsonl"'],
    ['a relative --policy beside an absolute --log', ['--policy', 'pol.yml', '--log', 'ABS'], '--policy "pol.yml"'],
  ])('%s is refused, and nothing is written', (_what, args, named) => {
    const { repo, outside, log } = setUp();
    const payload = { hook_event_name: 'preToolUse', cwd: outside, tool_name: 'execute_bash', tool_input: { command: `echo x > ${join(repo, 'secrets', 'a')}` } };
    for (const enforce of [['--enforce'], []]) {
      const r = runCli(['record', ...enforce, ...args.map((a) => (a === 'ABS' ? log : a))], { cwd: repo, input: JSON.stringify(payload) });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`has no repository root to be taken from`);
      expect(r.stderr).toContain(named);
      expect(r.stderr).toContain('nothing was written');
    }
    expect(() => readFileSync(join(outside, '.agent-gate', 'log', 'x.jsonl'))).toThrow();
    expect(() => readFileSync(log)).toThrow();
  });
});
