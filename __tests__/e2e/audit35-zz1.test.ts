// Audit 35, ZZ-1: a payload cwd (or explain --cwd) reached through a link from outside the
// repository (`/tmp/l -> REPO/secrets`) was found in no repository, so REPO's rules were skipped:
// record --enforce let `echo x > k` into secrets/ run, and explain --policy said allow. git, and the
// shell's writes, see the physical folder, so that folder's repository is the one judged.
import { realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const POLICY = `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
  - {capability: shell, effect: allow}
`;

interface Setup { dir: string; outside: string; link: string }

function setup(): Setup {
  const repo = TestRepo.init();
  repo.write('.github/agent-gate.yml', POLICY).write('secrets/.keep', '').write('src/a.ts', 'a\n').commit('base');
  const dir = realpathSync(repo.dir);
  const outside = realpathSync(tempDir('ag-zz1-'));
  const link = join(outside, 'l');
  symlinkSync(join(dir, 'secrets'), link);
  symlinkSync(join(dir, 'src'), join(outside, 'src'));
  return { dir, outside, link };
}

const kiroShell = (cwd: string, command: string): string => JSON.stringify({ hook_event_name: 'preToolUse', cwd, tool_name: 'execute_bash', tool_input: { command } });
const kiroCreate = (cwd: string, path: string): string => JSON.stringify({ hook_event_name: 'preToolUse', cwd, tool_name: 'fs_write', tool_input: { command: 'create', path, file_text: 'x' } });

describe('record --enforce judges a call from a linked cwd in the repository the folder is in', () => {
  test.each<[string, (s: Setup) => string, (s: Setup) => string[], number]>([
    ['a redirection, with --log outside: exit 2', (s) => kiroShell(s.link, 'echo x > k'), (s) => ['--log', join(s.outside, 'calls.jsonl')], 2],
    ['a Kiro create, with --log outside: exit 2', (s) => kiroCreate(s.link, 'k'), (s) => ['--log', join(s.outside, 'calls.jsonl')], 2],
    ['a redirection, without --log: exit 2', (s) => kiroShell(s.link, 'echo x > k'), () => [], 2],
    ['a write elsewhere through another outside link: exit 0', (s) => kiroShell(join(s.outside, 'src'), 'echo x > b.ts'), () => [], 0],
  ])('%s', (_name, payload, args, code) => {
    const s = setup();
    const r = runCli(['record', '--enforce', ...args(s)], { cwd: s.outside, input: payload(s) });
    expect(r.code).toBe(code);
    if (code === 2) expect(r.stderr).toContain('deny "secrets/**"');
  });
});

describe('explain --cwd through a link from outside', () => {
  test.each<[string, (s: Setup) => string[], string]>([
    ['with the repository\'s policy named: deny', (s) => ['--policy', join(s.dir, '.github/agent-gate.yml'), '--cwd', s.link, '--write', 'k'], 'deny'],
    ['with the policy found: deny', (s) => ['--cwd', s.link, '--write', 'k'], 'deny'],
    ['a write elsewhere: allow', (s) => ['--cwd', join(s.outside, 'src'), '--write', 'b.ts'], 'allow'],
  ])('%s', (_name, args, effect) => {
    const s = setup();
    const r = runCli(['explain', '--json', ...args(s)], { cwd: s.dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { effect: string }).effect).toBe(effect);
  });
});
