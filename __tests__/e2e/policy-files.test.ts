// A policy file read from disk must be a regular file (symbolic links followed): a named pipe
// would otherwise hold the command until a writer came, and a device is not a policy. Each place
// that reads one is refused the same way: one line, exit 2, nothing read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';

afterAll(() => cleanupRepos());

/** A repository with one commit on main and a staged agent-looking change, plus a named pipe. */
function setup(): { repo: TestRepo; fifo: string; home: string } {
  const repo = TestRepo.init();
  repo.write('README.md', 'x\n');
  repo.commit('init');
  repo.write('src/a.ts', 'x\n');
  repo.git(['add', '-A']);
  const home = tempDir('ag-home-');
  const fifo = join(tempDir('ag-fifo-'), 'policy.yml');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
  return { repo, fifo, home };
}

const PAYLOAD = (cwd: string): string => JSON.stringify({ hook_event_name: 'preToolUse', cwd, tool_name: 'execute_bash', tool_input: { command: 'ls' } });

describe('a policy path that is not a regular file', () => {
  test.each([
    ['policy lint', (p: string) => ['policy', 'lint', p]],
    ['policy lint --admin', (p: string) => ['policy', 'lint', '--admin', p]],
    ['policy test', (p: string) => ['policy', 'test', p]],
    ['explain --policy', (p: string) => ['explain', '--policy', p, '--shell', 'ls']],
    ['explain --admin-policy', (p: string) => ['explain', '--admin-policy', p, '--shell', 'ls']],
    ['check --policy', (p: string) => ['check', '--base', 'HEAD', '--policy', p]],
    ['check --admin-policy', (p: string) => ['check', '--base', 'HEAD', '--admin-policy', p]],
    ['record --enforce --policy', (p: string) => ['record', '--enforce', '--policy', p]],
  ])('%s: a named pipe is refused with one line', (_name, args) => {
    const { repo, fifo } = setup();
    const r = runCli(args(fifo), { cwd: repo.dir, input: PAYLOAD(repo.dir), timeoutMs: 15_000 });
    // record --enforce blocks the call it cannot judge, and says so before the reason.
    const blocked = args(fifo)[0] === 'record' ? 'blocked: the call could not be judged: ' : '';
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: `agent-gate: ${blocked}${fifo}: is a named pipe, not a policy file; a policy must be a regular file\n` });
  });

  test.each([
    ['a device', '/dev/zero', 'is a device'],
    ['a folder', '/tmp', 'is a folder'],
  ])('%s is refused before it is read', (_name, path, what) => {
    const r = runCli(['policy', 'lint', path], { timeoutMs: 15_000 });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: `agent-gate: ${path}: ${what}, not a policy file; a policy must be a regular file\n` });
  });

  test('a symbolic link is followed: to a named pipe it is refused, to a file it is read', () => {
    const { repo, fifo } = setup();
    const dir = tempDir('ag-links-');
    symlinkSync(fifo, join(dir, 'pipe.yml'));
    symlinkSync(join(repo.dir, 'README.md'), join(dir, 'file.yml'));
    repo.write('README.md', 'rules: []\n');
    expect(runCli(['policy', 'lint', join(dir, 'pipe.yml')], { timeoutMs: 15_000 }).stderr).toContain('is a named pipe');
    expect(runCli(['policy', 'lint', join(dir, 'file.yml')], { timeoutMs: 15_000 })).toMatchObject({ code: 0, stderr: '' });
  });

  test("the hook's user policy (~/.kiro/settings/permissions.yaml) as a named pipe fails the agent commit with one line", () => {
    const { repo, home } = setup();
    mkdirSync(join(home, '.kiro', 'settings'), { recursive: true });
    const made = spawnSync('mkfifo', [join(home, '.kiro', 'settings', 'permissions.yaml')]);
    expect(made.status).toBe(0);
    const r = runCli(['hook', 'pre-commit'], { cwd: repo.dir, env: { HOME: home, CLAUDECODE: '1' }, timeoutMs: 15_000 });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'agent-gate: ~/.kiro/settings/permissions.yaml: is a named pipe, not a policy file; a policy must be a regular file\n' });
  });
});

// Audit 43, AW-4: a lone CR ended the comment for Kiro and editors but not for agent-gate, which
// dropped the deny rule after it and linted the file "ok"; explain then allowed `curl`.
test('a policy whose comment hides a rule behind a lone CR is refused by lint and explain alike', () => {
  const dir = tempDir('ag-cr-');
  const file = join(dir, 'p.yml');
  writeFileSync(file, 'rules:\n  - {capability: shell, effect: allow, match: ["*"]}  # agents may run commands\r  - {capability: shell, effect: deny, match: ["curl *"]}\n');
  for (const args of [['policy', 'lint', file], ['explain', '--policy', file, '--shell', 'curl https://evil.example/x']]) {
    const r = runCli(args, { cwd: dir, timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/p\.yml:2:80: a carriage return not followed by a line feed/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }
});
