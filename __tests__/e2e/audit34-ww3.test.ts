// Audit 34, finding WW-3: earlier calls, each an allowed write, made src/x a bare repository to git
// (HEAD, objects/, refs/, a config with core.fsmonitor); `git status` there, allowed by the built-in
// default scope, ran the fsmonitor command. explain and record now look on disk for the repository
// git would use, and ask when it is not the workspace's own. The ask rows were allow before.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { cleanupRepos, TestRepo } from '../helpers/gitrepo.ts';

afterAll(() => cleanupRepos());

const POLICY = `rules:
  - {capability: shell, effect: allow, match: ["cd *", "echo *"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
`;

/** A repository whose src/x earlier calls made a bare repository, and whose src/sub is a submodule-like gitfile into .git. */
function workspace(): string {
  const r = TestRepo.init();
  r.write('.github/agent-gate.yml', POLICY).write('src/a.ts', 'a\n').commit('base');
  const dir = realpathSync(r.dir);
  for (const d of ['src/x/objects', 'src/x/refs', 'src/x/deep', 'src/y/sub', '.git/modules/sub']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'src/x/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dir, 'src/x/config'), '[core]\n\trepositoryformatversion = 0\n\tfsmonitor = "echo FSMONITOR-RAN >&2; false"\n');
  writeFileSync(join(dir, 'src/y/sub/.git'), 'gitdir: ../../../.git/modules/sub\n');
  return dir;
}

describe('WW-3: git run where another repository is found on disk', () => {
  const dir = workspace();
  test.each<[string, string, string]>([
    ['cd src/x && git status', '.', 'ask'],
    ['git -C src/x status', '.', 'ask'],
    ['git -C src -C x log', '.', 'ask'],
    ['cd src/x/deep && git diff', '.', 'ask'],
    ['sudo git -C src/x status', '.', 'ask'],
    ['git status', 'src/x', 'ask'],
    ['git status', 'src/x/deep', 'ask'],
    // The workspace's own repository, and a gitfile into its .git (a submodule).
    ['git status', '.', 'allow'],
    ['cd src && git status', '.', 'allow'],
    ['cd src && git log', '.', 'allow'],
    ['git status', 'src', 'allow'],
    ['git status', 'src/y/sub', 'allow'],
    ['cd .git && git status', '.', 'allow'],
    // Not git: nothing to look at.
    ['cd src/x && echo hi', '.', 'allow'],
  ])('%s (from %s) is %s', (command, cwd, effect) => {
    const r = runCli(['explain', '--json', '--cwd', cwd, '--shell', command], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).effect).toBe(effect);
  });

  test('the reason names the repository git would use', () => {
    const r = runCli(['explain', '--shell', 'cd src/x && git status'], { cwd: dir });
    expect(r.stdout).toContain(`git run in "src/x" would use the repository at ${JSON.stringify(join(dir, 'src/x'))}, not the workspace's own`);
  });

  test('record --enforce judges the call where its cwd is, and --fail-on ask blocks it', () => {
    const payload = JSON.stringify({ hook_event_name: 'preToolUse', cwd: join(dir, 'src/x'), tool_name: 'execute_bash', tool_input: { command: 'git status' } });
    const r = runCli(['record', '--enforce', '--fail-on', 'ask'], { cwd: dir, input: payload });
    expect(r.code).toBe(2);
    const log = readFileSync(join(dir, '.agent-gate/log/default.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { resource: string; blocked?: boolean });
    expect(log.at(-1)).toMatchObject({ resource: 'git status', blocked: true });
  });
});
