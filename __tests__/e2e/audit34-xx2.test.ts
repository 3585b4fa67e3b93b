// Audit 34, XX-2: a write to the target of an existing symbolic link is a write under the link's
// (protected) name too. Real repositories and homes in temp folders, real links, real runs of
// dist/cli.js. (a) `~/.kiro/settings/permissions.yaml -> REPO/dotkiro/permissions.yaml`: a write
// to `dotkiro/permissions.yaml` rewrote the user's permission file. (b) `config/prod ->
// ../deploy/prod` in the repository, with a deny on `config/prod/**`: `deploy/prod/app.yml` is the
// same file and passed explain, record --enforce, check and the pre-commit hook.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appendEntries } from '../../src/logs/chain.ts';
import type { EntryDraft } from '../../src/logs/entry.ts';
import { runCli, type RunResult } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo, type Identity } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const HUMAN: Identity = { name: 'Dana Dev', email: 'dana@example.com' };
const KIRO: Identity = { name: 'Kiro Agent', email: 'kiro-agent@users.noreply.github.com' };
const ALLOW_ALL = 'rules: [{capability: all, effect: allow}]\n';
const PROD_POLICY = `rules:
  - {capability: fs_write, effect: deny, match: ["config/prod/**"]}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: shell, effect: allow}
`;

function write(path: string, text = 'x\n'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function link(at: string, target: string): void {
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at);
}

function effectOf(r: RunResult): string {
  if (r.code !== 0) throw new Error(`explain exited ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { effect: string }).effect;
}

type Payload = Record<string, unknown>;
const claudeWrite = (cwd: string, file: string): Payload => ({
  session_id: 's1', cwd, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(cwd, file), content: 'rules: [{capability: all, effect: allow}]' },
});
const kiroCreate = (cwd: string, file: string): Payload => ({
  hook_event_name: 'preToolUse', cwd, tool_name: 'fs_write', tool_input: { command: 'create', path: file, file_text: 'x' },
});

// (a) The user's Kiro permission files, linked file by file from a dotfiles repository.
interface Dotfiles { dir: string; home: string; policy: string; log: string }

function dotfiles(): Dotfiles {
  const dir = realpathSync(TestRepo.init().dir);
  const home = realpathSync(tempDir('ag-xx2-home-'));
  const outside = realpathSync(tempDir('ag-xx2-policy-'));
  write(join(dir, 'dotkiro', 'permissions.yaml'), 'rules: []\n');
  write(join(dir, 'README.md'));
  write(join(dir, 'docs', 'a.md'));
  link(join(home, '.kiro', 'settings', 'permissions.yaml'), join(dir, 'dotkiro', 'permissions.yaml'));
  // Linked to a file not made yet: a write makes it.
  link(join(home, '.kiro', 'settings', 'mcp.json'), join(dir, 'u.yml'));
  // A link no rule protects: the file it leads to stays as writable as it was.
  link(join(dir, 'notes', 'latest.md'), '../docs/a.md');
  write(join(outside, 'allow.yml'), ALLOW_ALL);
  return { dir, home, policy: join(outside, 'allow.yml'), log: join(outside, 'l.jsonl') };
}

describe('(a) a file ~/.kiro/settings links to is judged as the link', () => {
  test.each<[string, string[], string]>([
    ['the linked permission file', ['--write', 'dotkiro/permissions.yaml'], 'deny'],
    ['a redirection to it', ['--shell', 'echo "rules: [{capability: all, effect: allow}]" > dotkiro/permissions.yaml'], 'deny'],
    ['a copy over it', ['--shell', 'cp /tmp/p.yaml dotkiro/permissions.yaml'], 'deny'],
    ['the file mcp.json links to, not made yet', ['--write', 'u.yml'], 'deny'],
    ['the link\'s own name, as before', ['--write', '~/.kiro/settings/permissions.yaml'], 'deny'],
    ['a file no link leads to', ['--write', 'README.md'], 'allow'],
    ['a file linked from a name no rule protects', ['--write', 'docs/a.md'], 'allow'],
    ['a redirection to it', ['--shell', 'echo x > docs/a.md'], 'allow'],
  ])('explain: %s %j -> %s', (_name, args, effect) => {
    const d = dotfiles();
    expect(effectOf(runCli(['explain', '--json', '--policy', d.policy, ...args], { cwd: d.dir, env: { HOME: d.home } }))).toBe(effect);
  });

  test('record --enforce blocks a Write to the linked permission file (kiro rule #0)', () => {
    const d = dotfiles();
    const r = runCli(['record', '--enforce', '--policy', d.policy, '--log', d.log], { cwd: d.dir, env: { HOME: d.home }, input: JSON.stringify(claudeWrite(d.dir, 'dotkiro/permissions.yaml')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kiro rule #0');
    expect(r.stderr).toContain('"~/.kiro/settings/permissions.yaml"');
  });

  test.each([['README.md'], ['docs/a.md']])('record --enforce lets a Write to %s run', (file) => {
    const d = dotfiles();
    const r = runCli(['record', '--enforce', '--policy', d.policy, '--log', d.log], { cwd: d.dir, env: { HOME: d.home }, input: JSON.stringify(claudeWrite(d.dir, file)) });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});

// (b) A link committed in the repository, under a denied name.
interface Linked { repo: TestRepo; dir: string; home: string }

function linkedRepo(policy = PROD_POLICY): Linked {
  const repo = TestRepo.init();
  const dir = realpathSync(repo.dir);
  repo.write('.github/agent-gate.yml', policy).write('deploy/prod/app.yml', 'a\n').write('deploy/other.yml', 'o\n').write('README.md', 'r\n');
  repo.write('conf/cli.json', '{}\n').write('docs/a.md', 'a\n');
  repo.symlink('config/prod', '../deploy/prod');
  // Kiro reads `conf/cli.json` as `.kiro/settings/cli.json`.
  repo.symlink('.kiro/settings', '../conf');
  repo.symlink('notes/latest.md', '../docs/a.md');
  repo.commit('base', { author: HUMAN });
  repo.checkout('work', { create: true });
  return { repo, dir, home: realpathSync(tempDir('ag-xx2-home-')) };
}

describe('(b) a file below the target of a repository link is judged as the link', () => {
  test.each<[string, string[], string]>([
    ['a file below the target', ['--write', 'deploy/prod/app.yml'], 'deny'],
    ['a new file there', ['--write', 'deploy/prod/new.yml'], 'deny'],
    ['the same through the link, as before', ['--write', 'config/prod/app.yml'], 'deny'],
    ['a redirection there', ['--shell', 'echo b > deploy/prod/app.yml'], 'deny'],
    ['a redirection after cd', ['--shell', 'cd deploy && echo b > prod/app.yml'], 'deny'],
    ['a file below .kiro/settings\'s target', ['--write', 'conf/cli.json'], 'deny'],
    ['an archive unpacked above the target', ['--shell', 'tar -xf /tmp/x.tar -C deploy'], 'ask'],
    ['a file no link leads to', ['--write', 'deploy/other.yml'], 'allow'],
    ['a redirection to it', ['--shell', 'echo b > deploy/other.yml'], 'allow'],
    ['a file linked from a name no rule protects', ['--write', 'docs/a.md'], 'allow'],
  ])('explain: %s %j -> %s', (_name, args, effect) => {
    const l = linkedRepo();
    expect(effectOf(runCli(['explain', '--json', ...args], { cwd: l.dir, env: { HOME: l.home } }))).toBe(effect);
  });

  test('record --enforce blocks a Kiro write below the target', () => {
    const l = linkedRepo();
    const r = runCli(['record', '--enforce'], { cwd: l.dir, env: { HOME: l.home }, input: JSON.stringify(kiroCreate(l.dir, 'deploy/prod/app.yml')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deny "config/prod/**"');
  });

  test.each<[string, string, string]>([
    ['an untracked link', 'config/prod', 'deny'],
    ['an untracked link in an untracked folder', 'config/new/prod', 'deny'],
  ])('explain: %s (%s) names the files below its target', (_name, at, effect) => {
    const repo = TestRepo.init();
    const dir = realpathSync(repo.dir);
    repo.write('.github/agent-gate.yml', PROD_POLICY.replace('config/prod/**', `${at}/**`)).write('deploy/prod/app.yml', 'a\n');
    repo.commit('base', { author: HUMAN });
    link(join(dir, at), at.split('/').slice(1).map(() => '..').join('/') + '/deploy/prod');
    const home = realpathSync(tempDir('ag-xx2-home-'));
    expect(effectOf(runCli(['explain', '--json', '--write', 'deploy/prod/app.yml'], { cwd: dir, env: { HOME: home } }))).toBe(effect);
    expect(effectOf(runCli(['explain', '--json', '--write', 'deploy/other.yml'], { cwd: dir, env: { HOME: home } }))).toBe('allow');
  });

  test('record --enforce lets a Kiro write elsewhere run', () => {
    const l = linkedRepo();
    const r = runCli(['record', '--enforce'], { cwd: l.dir, env: { HOME: l.home }, input: JSON.stringify(kiroCreate(l.dir, 'deploy/other.yml')) });
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});

interface Finding { effect: string; resource: string; source: { kind: string }; reason: string }

function check(l: Linked): { code: number; findings: Finding[] } {
  const r = runCli(['check', '--base', 'main', '--format', 'json'], { cwd: l.dir, env: { HOME: l.home } });
  if (r.code === 2) throw new Error(r.stderr);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const LOG = '.agent-gate/log/s1.jsonl';
const draft = (resource: string): EntryDraft => ({ ts: '2026-11-20T10:00:00Z', agent: 'kiro', session: 's1', model: null, capability: 'fs_write', resource, cwd: '.' });

describe('(b) check and the pre-commit hook read the links of the trees', () => {
  test.each<[string, string, number]>([
    ['a change below the target', 'deploy/prod/app.yml', 1],
    ['a change below .kiro/settings\'s target', 'conf/cli.json', 1],
    ['a change no link leads to', 'deploy/other.yml', 0],
    ['a change to a file linked from a name no rule protects', 'docs/a.md', 0],
  ])('check: %s (%s) exits %d', (_name, file, code) => {
    const l = linkedRepo();
    l.repo.write(file, 'changed\n');
    l.repo.commit('agent', { author: KIRO });
    const r = check(l);
    expect(r.code).toBe(code);
    if (code === 1) expect(r.findings).toEqual([expect.objectContaining({ effect: 'deny', resource: file, source: expect.objectContaining({ kind: 'diff' }) })]);
    else expect(r.findings).toEqual([]);
  });

  test('check: a logged write below the target is denied', () => {
    const l = linkedRepo();
    l.repo.write(LOG, appendEntries(null, [draft('deploy/prod/app.yml'), draft('deploy/other.yml')], 's1'));
    l.repo.commit('agent', { author: KIRO });
    const r = check(l);
    expect(r.code).toBe(1);
    expect(r.findings.filter((f) => f.source.kind === 'log')).toEqual([expect.objectContaining({ effect: 'deny', resource: 'deploy/prod/app.yml' })]);
  });

  test('check: a logged archive unpacked above the target asks', () => {
    const l = linkedRepo();
    l.repo.write(LOG, appendEntries(null, [{ ...draft(''), capability: 'shell', resource: 'tar -xf /tmp/x.tar -C deploy' }, { ...draft(''), capability: 'shell', resource: 'tar -xf /tmp/x.tar -C docs' }], 's1'));
    l.repo.commit('agent', { author: KIRO });
    const r = check(l);
    expect(r.findings.filter((f) => f.source.kind === 'log')).toEqual([expect.objectContaining({ effect: 'ask', resource: 'tar -xf /tmp/x.tar -C deploy' })]);
  });

  // The hook lists HEAD's links only when logs or links are staged (src/hook/run.ts); check judges every commit.
  test.each<[string, number]>([['deploy/prod/app.yml', 1], ['deploy/other.yml', 0]])('pre-commit hook: an agent staging %s with its log exits %d', (file, code) => {
    const l = linkedRepo();
    l.repo.write(file, 'changed\n');
    l.repo.write(LOG, appendEntries(null, [draft('README.md')], 's1'));
    l.repo.git(['add', '--', file, LOG]);
    const r = runCli(['hook', 'pre-commit'], { cwd: l.dir, env: { HOME: l.home, CLAUDECODE: '1' } });
    expect(r.code).toBe(code);
    if (code === 1) expect(r.stderr).toContain('deny "config/prod/**"');
  });
});
