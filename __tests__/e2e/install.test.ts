// End-to-end tests of `agent-gate install` / `uninstall`: where the hooks go (.git/hooks,
// core.hooksPath, husky v9 and v8), what happens to a hook that is already there (chained, refused,
// replaced with --force), and that uninstall puts back exactly what was there. The hooks are
// exercised with real `git commit` runs. Run `node scripts/build.mjs` first.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DIST_CLI, isolatedEnv, REPO_ROOT } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo } from '../helpers/gitrepo.ts';


interface Run { code: number; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const CLAUDE = { CLAUDECODE: '1' };
const POLICY = 'rules:\n  - capability: fs_write\n    effect: allow\n    match: ["src/**"]\n';

class Sandbox {
  readonly repo: TestRepo;
  readonly home = tempDir('ag-install-home-');
  /** A folder outside the repository for markers the hooks write. */
  readonly out = tempDir('ag-install-out-');

  constructor() {
    this.repo = TestRepo.init();
    this.repo.write('.github/agent-gate.yml', POLICY).write('src/keep.ts', '1\n');
    this.repo.commit('initial');
  }

  get dir(): string { return this.repo.dir; }
  get hooks(): string { return join(this.dir, '.git', 'hooks'); }

  git(args: string[], extra: Record<string, string> = {}, cwd = this.dir): Run {
    return run('git', args, cwd, isolatedEnv(this.home, extra));
  }

  cli(args: string[], cwd = this.dir): Run {
    return run(process.execPath, [DIST_CLI, ...args], cwd, isolatedEnv(this.home));
  }

  ok(args: string[]): string {
    const r = this.git(args);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  head(): string {
    return this.ok(['rev-parse', 'HEAD']).trim();
  }

  /** Stage a protected file and commit as an agent: must be blocked by agent-gate. */
  agentBlocked(): Run {
    const before = this.head();
    this.repo.write('.kiro/settings/mcp.json', '{}\n');
    this.ok(['add', '.kiro/settings/mcp.json']);
    const r = this.git(['commit', '-m', 'agent: mcp'], CLAUDE);
    expect(this.head()).toBe(before);
    this.ok(['rm', '-q', '--cached', '.kiro/settings/mcp.json']);
    return r;
  }

  /** Stage an allowed file and commit as an agent. */
  agentAllowed(message = 'feat: allowed'): Run {
    this.repo.write(`src/f${Date.now()}${Math.random().toString(36).slice(2)}.ts`, '1\n');
    this.ok(['add', 'src']);
    return this.git(['commit', '-m', message], CLAUDE);
  }
}

/** Every file below `dir` (relative path -> bytes and mode), for before/after comparisons. */
function snapshot(dir: string): Record<string, { bytes: string; mode: number; link: boolean }> {
  const out: Record<string, { bytes: string; mode: number; link: boolean }> = {};
  if (!existsSync(dir)) return out;
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(join(dir, path));
      if (st.isDirectory()) walk(path);
      else out[path] = { bytes: st.isSymbolicLink() ? '' : readFileSync(join(dir, path)).toString('base64'), mode: st.mode & 0o777, link: st.isSymbolicLink() };
    }
  };
  walk('');
  return out;
}

function writeHook(path: string, text: string, mode: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

function oneLineError(r: Run): string {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^agent-gate: /);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return lines[0] as string;
}

beforeAll(() => {
  if (!existsSync(DIST_CLI)) throw new Error(`${DIST_CLI} is missing; run node scripts/build.mjs first`);
});
afterAll(() => cleanupRepos());

describe('install into .git/hooks', () => {
  test('writes executable pre-commit and commit-msg hooks that run agent-gate', () => {
    const s = new Sandbox();
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.hooks, 'pre-commit')}: installed`);
    expect(r.stdout).toContain(`${join(s.hooks, 'commit-msg')}: installed`);
    for (const hook of ['pre-commit', 'commit-msg']) {
      const st = statSync(join(s.hooks, hook));
      expect(st.mode & 0o111).not.toBe(0);
      const text = readFileSync(join(s.hooks, hook), 'utf8');
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toContain(`agent_gate_run hook ${hook} "$@" || exit $?`);
    }
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(s.agentAllowed().code).toBe(0);
  });

  test('reinstalling changes nothing; uninstall leaves the hooks folder exactly as before', () => {
    const s = new Sandbox();
    const before = snapshot(s.hooks);
    expect(s.cli(['install']).code).toBe(0);
    const once = snapshot(s.hooks);
    expect(s.cli(['install']).code).toBe(0);
    expect(snapshot(s.hooks)).toEqual(once);
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${join(s.hooks, 'pre-commit')}: removed`);
    expect(snapshot(s.hooks)).toEqual(before);
    // Nothing left to remove: still fine, still unchanged.
    const again = s.cli(['uninstall']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no agent-gate hook');
    expect(snapshot(s.hooks)).toEqual(before);
  });

  test('install from a subfolder and from a linked worktree writes the shared hooks', () => {
    const s = new Sandbox();
    expect(s.cli(['install'], join(s.dir, 'src')).code).toBe(0);
    expect(existsSync(join(s.hooks, 'pre-commit'))).toBe(true);
    expect(s.cli(['uninstall']).code).toBe(0);
    const wt = join(tempDir('ag-install-wt-'), 'wt');
    s.ok(['worktree', 'add', '-q', '-b', 'w', wt]);
    const r = s.cli(['install'], wt);
    expect(r.code).toBe(0);
    expect(existsSync(join(s.hooks, 'pre-commit'))).toBe(true);
    expect(readdirSync(join(s.dir, '.git', 'worktrees', 'wt'))).not.toContain('hooks');
  });

  test('install outside a git repository exits 2 with one line', () => {
    const s = new Sandbox();
    const line = oneLineError(s.cli(['install'], tempDir('ag-nogit-')));
    expect(line).toBe('agent-gate: install: not inside a git work tree; run it from your repository');
    // Audit round 27 (CC-3): uninstall's errors name uninstall.
    expect(oneLineError(s.cli(['uninstall'], tempDir('ag-nogit-')))).toBe('agent-gate: uninstall: not inside a git work tree; run it from your repository');
  });
});

describe('an existing hook', () => {
  function withHooks(): { s: Sandbox; pre: string; msg: string } {
    const s = new Sandbox();
    const pre = `#!/bin/sh\necho chained-ran >> '${s.out}/marker'\necho chained-pre-commit >&2\n`;
    const msg = `#!/bin/sh\ncp "$1" '${s.out}/message'\n`;
    writeHook(join(s.hooks, 'pre-commit'), pre, 0o755);
    writeHook(join(s.hooks, 'commit-msg'), msg, 0o700);
    return { s, pre, msg };
  }

  test('is kept, chained, and runs first; a failing one fails the commit before agent-gate runs', () => {
    const { s, pre, msg } = withHooks();
    const before = snapshot(s.hooks);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.hooks, 'pre-commit')}: the existing hook is kept as pre-commit.agent-gate-chained and runs first`);
    expect(readFileSync(join(s.hooks, 'pre-commit.agent-gate-chained'), 'utf8')).toBe(pre);
    expect(readFileSync(join(s.hooks, 'commit-msg.agent-gate-chained'), 'utf8')).toBe(msg);

    // An allowed agent commit: both chained hooks ran, with git's arguments.
    const ok = s.agentAllowed('feat: chained');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('chained-pre-commit');
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('chained-ran\n');
    expect(readFileSync(join(s.out, 'message'), 'utf8')).toContain('feat: chained');

    // A blocked agent commit: the chained hook ran first (its output comes before agent-gate's).
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr.indexOf('chained-pre-commit')).toBeGreaterThanOrEqual(0);
    expect(blocked.stderr.indexOf('chained-pre-commit')).toBeLessThan(blocked.stderr.indexOf('agent-gate pre-commit: commit blocked'));
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('chained-ran\nchained-ran\n');

    // The chained hook fails: the commit fails, and agent-gate never ran.
    writeFileSync(join(s.hooks, 'pre-commit.agent-gate-chained'), '#!/bin/sh\necho chained-failed >&2\nexit 3\n');
    const human = s.head();
    s.repo.write('src/human.ts', '1\n');
    s.ok(['add', 'src/human.ts']);
    const failed = s.git(['commit', '-m', 'human']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('chained-failed');
    expect(s.head()).toBe(human);
    const agentFailed = s.agentBlocked();
    expect(agentFailed.code).toBe(1);
    expect(agentFailed.stderr).toContain('chained-failed');
    expect(agentFailed.stderr).not.toContain('agent-gate');
    writeFileSync(join(s.hooks, 'pre-commit.agent-gate-chained'), pre);

    // Reinstall does not chain agent-gate to itself.
    const installed = snapshot(s.hooks);
    expect(s.cli(['install']).code).toBe(0);
    expect(snapshot(s.hooks)).toEqual(installed);

    // Uninstall puts back exactly the hooks that were there (bytes and modes).
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${join(s.hooks, 'pre-commit')}: restored the hook that was there before`);
    expect(snapshot(s.hooks)).toEqual(before);
  });

  // Audit round 22: the kept hook ran under its new name, so a hook manager that dispatches
  // on `basename "$0"` (husky 1-4) found no work and exited 0, and one that loads files next to
  // `$0` still must find them.
  test('a shell hook runs under its own name ($0), next to the files it loads; another program runs as it is', () => {
    const s = new Sandbox();
    writeHook(join(s.hooks, 'runner.sh'), `echo "ran $1" >> '${s.out}/marker'\n[ "$1" = pre-commit ] && exit 1\nexit 0\n`, 0o644);
    const dispatch = '#!/bin/sh\n. "$(dirname "$0")/husky-like.sh"\nhookName=`basename "$0"`\nsh "$(dirname "$0")/runner.sh" "$hookName"\n';
    writeHook(join(s.hooks, 'husky-like.sh'), 'true\n', 0o644);
    writeHook(join(s.hooks, 'pre-commit'), dispatch, 0o755);
    writeHook(join(s.hooks, 'commit-msg'), `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(join(s.out, 'marker'))}, 'node hook ' + require('path').basename(process.argv[1]) + '\\n');\n`, 0o755);
    expect(s.cli(['install']).code).toBe(0);
    s.repo.write('src/human.ts', '1\n');
    s.ok(['add', 'src/human.ts']);
    const r = s.git(['commit', '-m', 'human']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('ran pre-commit\n');
    writeHook(join(s.hooks, 'runner.sh'), `echo "ran $1" >> '${s.out}/marker'\n`, 0o644);
    expect(s.git(['commit', '-m', 'human']).code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('ran pre-commit\nran pre-commit\nnode hook commit-msg.agent-gate-chained\n');
  });

  // Audit round 24 (V-1, V-2): `#!/bin/sh -` was run as `sh - -c …`, and a bash hook that checks
  // whether it was sourced did nothing once it was. Only a hook that reads $0 is read by its shell.
  test.each([
    ['#!/bin/sh - with $0', '#!/bin/sh -\necho "ran $(basename "$0")" >> MARKER\n', 'ran pre-commit'],
    ['a BASH_SOURCE guard', '#!/bin/bash\nmain() { echo "ran main" >> MARKER; }\n[[ "${BASH_SOURCE[0]}" == "$0" ]] && main\n', 'ran main'],
    ['a sourcing guard with return', '#!/bin/bash\n(return 0 2>/dev/null) && return\necho "ran body" >> MARKER\n', 'ran body'],
  ])('a kept hook with %s still does its work', (_name, hook, line) => {
    const s = new Sandbox();
    writeHook(join(s.hooks, 'pre-commit'), hook.replaceAll('MARKER', `'${join(s.out, 'marker')}'`), 0o755);
    expect(s.cli(['install']).code).toBe(0);
    s.repo.write('src/human.ts', '1\n');
    s.ok(['add', 'src/human.ts']);
    expect(s.git(['commit', '-m', 'human']).code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe(`${line}\n`);
  });

  test('a non-executable hook is refused without --force, and nothing is changed', () => {
    const s = new Sandbox();
    const old = '#!/bin/sh\necho old-hook\n';
    writeHook(join(s.hooks, 'pre-commit'), old, 0o644);
    const before = snapshot(s.hooks);
    const line = oneLineError(s.cli(['install']));
    expect(line).toBe(`agent-gate: install: ${join(s.hooks, 'pre-commit')} exists and cannot be chained (it is not an executable file); rerun with --force to replace it (a backup is kept)`);
    expect(snapshot(s.hooks)).toEqual(before);
  });

  test('a refusal on the second hook leaves the first one untouched too', () => {
    const s = new Sandbox();
    writeHook(join(s.hooks, 'pre-commit'), `#!/bin/sh\necho ran >> '${s.out}/marker'\n`, 0o755);
    writeHook(join(s.hooks, 'commit-msg'), '#!/bin/sh\nexit 0\n', 0o644);
    const before = snapshot(s.hooks);
    const line = oneLineError(s.cli(['install']));
    expect(line).toContain(`${join(s.hooks, 'commit-msg')} exists and cannot be chained`);
    expect(snapshot(s.hooks)).toEqual(before);
  });

  test('--force replaces a hook that cannot be chained, keeps a backup, and uninstall restores it', () => {
    const s = new Sandbox();
    const old = '#!/bin/sh\necho old-hook\n';
    writeHook(join(s.hooks, 'pre-commit'), old, 0o644);
    const before = snapshot(s.hooks);
    const r = s.cli(['install', '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.hooks, 'pre-commit')}: replaced (--force); the old hook is kept as pre-commit.agent-gate-backup`);
    const backup = join(s.hooks, 'pre-commit.agent-gate-backup');
    expect(readFileSync(backup, 'utf8')).toBe(old);
    expect(statSync(backup).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(s.hooks, 'pre-commit'), 'utf8')).not.toContain('pre-commit.agent-gate');
    expect(s.agentBlocked().code).toBe(1);
    // Reinstalling with --force again keeps the one backup.
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(readFileSync(backup, 'utf8')).toBe(old);
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${join(s.hooks, 'pre-commit')}: restored the hook replaced by --force`);
    expect(snapshot(s.hooks)).toEqual(before);
  });

  // Audit 43, AX-2: with a chained hook U kept, the user (or the pre-commit framework, in its
  // migration mode) put hook V where agent-gate's was; install --force kept V as the backup, and
  // uninstall then put U back, leaving V, the hook that was running, in the backup file.
  test('after --force over a hook that took agent-gate\'s place, uninstall restores that hook, not the older chained one', () => {
    const s = new Sandbox();
    const hook = join(s.hooks, 'pre-commit');
    const u = '#!/bin/sh\necho USER-U\n';
    const v = '#!/bin/sh\necho USER-V\n';
    writeHook(hook, u, 0o755);
    expect(s.cli(['install']).code).toBe(0);
    writeHook(hook, v, 0o755);
    expect(oneLineError(s.cli(['install']))).toContain('pre-commit.agent-gate-chained already exists');
    expect(s.cli(['install', '--force']).code).toBe(0);
    // Reinstalling does not start running the older hook either.
    expect(s.cli(['install']).code).toBe(0);
    expect(readFileSync(hook, 'utf8')).not.toContain('pre-commit.agent-gate-chained');
    const r = s.cli(['uninstall']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${hook}: restored the hook replaced by --force`);
    expect(r.stdout).toContain(`${hook}: pre-commit.agent-gate-chained is left in place`);
    expect(readFileSync(hook, 'utf8')).toBe(v);
    expect(readFileSync(join(s.hooks, 'pre-commit.agent-gate-chained'), 'utf8')).toBe(u);
    expect(existsSync(join(s.hooks, 'pre-commit.agent-gate-backup'))).toBe(false);
  });

  test('after --force and then a hook of the user\'s that install chained, uninstall restores the chained one', () => {
    const s = new Sandbox();
    const hook = join(s.hooks, 'pre-commit');
    const b = '#!/bin/sh\necho OLD-B\n';
    const w = '#!/bin/sh\necho USER-W\n';
    writeHook(hook, b, 0o644);
    expect(s.cli(['install', '--force']).code).toBe(0);
    writeHook(hook, w, 0o755);
    expect(s.cli(['install']).code).toBe(0);
    const r = s.cli(['uninstall']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${hook}: restored the hook that was there before`);
    expect(r.stdout).toContain('pre-commit.agent-gate-backup is left in place');
    expect(readFileSync(hook, 'utf8')).toBe(w);
    expect(readFileSync(join(s.hooks, 'pre-commit.agent-gate-backup'), 'utf8')).toBe(b);
  });

  test('--force still chains a hook that can be chained (only the unchainable one is replaced)', () => {
    const s = new Sandbox();
    writeHook(join(s.hooks, 'pre-commit'), `#!/bin/sh\necho ran >> '${s.out}/marker'\n`, 0o755);
    writeHook(join(s.hooks, 'commit-msg'), '#!/bin/sh\nexit 0\n', 0o644);
    const before = snapshot(s.hooks);
    const r = s.cli(['install', '--force']);
    expect(r.code).toBe(0);
    expect(existsSync(join(s.hooks, 'pre-commit.agent-gate-chained'))).toBe(true);
    expect(existsSync(join(s.hooks, 'commit-msg.agent-gate-backup'))).toBe(true);
    expect(s.agentAllowed().code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('ran\n');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(s.hooks)).toEqual(before);
  });

  test('--force refuses when a backup is already there, and changes nothing', () => {
    const s = new Sandbox();
    writeHook(join(s.hooks, 'pre-commit'), '#!/bin/sh\n', 0o644);
    writeHook(join(s.hooks, 'pre-commit.agent-gate-backup'), 'older\n', 0o644);
    const before = snapshot(s.hooks);
    const line = oneLineError(s.cli(['install', '--force']));
    expect(line).toContain('pre-commit.agent-gate-backup already exists; move it away first');
    expect(snapshot(s.hooks)).toEqual(before);
  });

  test('a symlinked hook (shared from the work tree) is chained as a link, runs first, and uninstall puts the link back', () => {
    const s = new Sandbox();
    writeHook(join(s.dir, 'scripts', 'pre-commit'), `#!/bin/sh\necho team-hook-ran >> '${s.out}/marker'\n`, 0o755);
    symlinkSync('../../scripts/pre-commit', join(s.hooks, 'pre-commit'));
    const before = snapshot(s.hooks);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.hooks, 'pre-commit')}: the existing hook is kept as pre-commit.agent-gate-chained and runs first`);
    expect(lstatSync(join(s.hooks, 'pre-commit.agent-gate-chained')).isSymbolicLink()).toBe(true);
    expect(s.agentBlocked().code).toBe(1);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('team-hook-ran\n');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(s.hooks)).toEqual(before);
    expect(lstatSync(join(s.hooks, 'pre-commit')).isSymbolicLink()).toBe(true);
  });

  test('a symlinked hook to a file that is not executable is refused, saying it is a link; --force replaces it and uninstall restores the link', () => {
    const s = new Sandbox();
    const target = join(s.out, 'shared-hook');
    writeHook(target, '#!/bin/sh\nexit 0\n', 0o644);
    symlinkSync(target, join(s.hooks, 'pre-commit'));
    const before = snapshot(s.hooks);
    const line = oneLineError(s.cli(['install']));
    expect(line).toContain(`${join(s.hooks, 'pre-commit')} exists and cannot be chained (it is a symbolic link to ${target}, which is not an executable file)`);
    expect(snapshot(s.hooks)).toEqual(before);
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(lstatSync(join(s.hooks, 'pre-commit.agent-gate-backup')).isSymbolicLink()).toBe(true);
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(s.hooks)).toEqual(before);
    expect(lstatSync(join(s.hooks, 'pre-commit')).isSymbolicLink()).toBe(true);
  });
});

describe('lines the user added to an installed hook', () => {
  const OWN = 'echo "my own check"   # added after install\n';

  test('uninstall removes only agent-gate\'s block and keeps the user\'s lines when nothing was there before', () => {
    const s = new Sandbox();
    expect(s.cli(['install']).code).toBe(0);
    const file = join(s.hooks, 'pre-commit');
    writeFileSync(file, readFileSync(file, 'utf8') + OWN);
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${file}: agent-gate lines removed; the lines you added are kept`);
    expect(readFileSync(file, 'utf8')).toBe(`#!/bin/sh\n${OWN}`);
    expect(statSync(file).mode & 0o777).toBe(0o755);
    // The hook that is left still runs, without agent-gate.
    const r = s.agentAllowed();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('my own check');
    // commit-msg was not touched by the user: removed as before.
    expect(u.stdout).toContain(`${join(s.hooks, 'commit-msg')}: removed`);
    expect(existsSync(join(s.hooks, 'commit-msg'))).toBe(false);
  });

  test('lines added above the block (a changed first line too) are kept', () => {
    const s = new Sandbox();
    expect(s.cli(['install']).code).toBe(0);
    const file = join(s.hooks, 'commit-msg');
    writeFileSync(file, readFileSync(file, 'utf8').replace('#!/bin/sh\n', '#!/bin/bash\nset -u\n'));
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('#!/bin/bash\nset -u\n');
  });

  test.each(['chained', 'backup'])('with a hook to put back (%s), uninstall refuses (exit 2, one line) and changes nothing', (kind) => {
    const s = new Sandbox();
    const old = '#!/bin/sh\necho old-hook\n';
    writeHook(join(s.hooks, 'pre-commit'), old, kind === 'chained' ? 0o755 : 0o644);
    expect(s.cli(kind === 'chained' ? ['install'] : ['install', '--force']).code).toBe(0);
    const file = join(s.hooks, 'pre-commit');
    const kept = `pre-commit.agent-gate-${kind}`;
    writeFileSync(file, readFileSync(file, 'utf8') + OWN);
    const installed = snapshot(s.hooks);
    const line = oneLineError(s.cli(['uninstall']));
    expect(line).toBe(`agent-gate: uninstall: ${file} has lines that are not agent-gate's (added after install), and uninstall would put ${kept} back in its place; move those lines into ${kept} (or delete them), then rerun agent-gate uninstall`);
    // Nothing changed, commit-msg included.
    expect(snapshot(s.hooks)).toEqual(installed);
    // Done as the message says, uninstall goes through and the user's line is in the restored hook.
    writeFileSync(join(s.hooks, kept), old + OWN);
    writeFileSync(file, readFileSync(file, 'utf8').replace(OWN, ''));
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(old + OWN);
  });

  test('reinstall rewrites only agent-gate\'s block and keeps the user\'s lines', () => {
    const s = new Sandbox();
    expect(s.cli(['install']).code).toBe(0);
    const file = join(s.hooks, 'pre-commit');
    const installed = readFileSync(file, 'utf8');
    writeFileSync(file, installed + OWN);
    expect(s.cli(['install']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(installed + OWN);
    expect(s.agentBlocked().code).toBe(1);
  });
});

describe('core.hooksPath', () => {
  test('a relative core.hooksPath (hooks) is where the hooks go', () => {
    const s = new Sandbox();
    s.ok(['config', 'core.hooksPath', 'hooks']);
    const gitHooks = snapshot(s.hooks);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.dir, 'hooks', 'pre-commit')}: installed`);
    expect(snapshot(s.hooks)).toEqual(gitHooks);
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    // The same from a subfolder.
    expect(s.cli(['install'], join(s.dir, 'src')).code).toBe(0);
    expect(readdirSync(join(s.dir, 'src')).some((n) => n === 'hooks')).toBe(false);
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, 'hooks'))).toEqual({});
  });

  // Audit round 27 (CC-1): git takes a relative core.hooksPath in each work tree, so a linked
  // worktree ran no hook at all and an agent's commit there went through silently.
  test('a relative core.hooksPath: the hooks go into every worktree\'s own folder too, and install says so', () => {
    const s = new Sandbox();
    s.ok(['config', 'core.hooksPath', '.githooks']);
    const wt = join(tempDir('ag-install-wt-'), 'wt');
    s.ok(['worktree', 'add', '-q', '-b', 'w', wt]);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(wt, '.githooks', 'pre-commit')}: installed`);
    expect(r.stderr).toContain('core.hooksPath .githooks is relative, so each worktree runs hooks from its own .githooks');
    // An agent's commit in the worktree is judged there.
    mkdirSync(join(wt, '.kiro', 'settings'), { recursive: true });
    writeFileSync(join(wt, '.kiro', 'settings', 'mcp.json'), '{}\n');
    expect(s.git(['add', '.kiro/settings/mcp.json'], {}, wt).code).toBe(0);
    const blocked = s.git(['commit', '-m', 'agent: mcp'], CLAUDE, wt);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    // uninstall, from either work tree, takes them out of both.
    expect(s.cli(['uninstall'], wt).code).toBe(0);
    expect(snapshot(join(wt, '.githooks'))).toEqual({});
    expect(snapshot(join(s.dir, '.githooks'))).toEqual({});
  });

  test('an absolute core.hooksPath with an existing hook: chained there', () => {
    const s = new Sandbox();
    const dir = tempDir('ag-hookspath-');
    const pre = `#!/bin/sh\necho ran >> '${s.out}/marker'\n`;
    writeHook(join(dir, 'pre-commit'), pre, 0o755);
    s.ok(['config', 'core.hooksPath', dir]);
    const before = snapshot(dir);
    expect(s.cli(['install']).code).toBe(0);
    expect(existsSync(join(dir, 'pre-commit.agent-gate-chained'))).toBe(true);
    expect(s.agentBlocked().code).toBe(1);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('ran\n');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });
  test('a core.hooksPath starting with ~/ is the folder in HOME that git runs, not a ~ folder in the work tree', () => {
    const s = new Sandbox();
    s.ok(['config', 'core.hooksPath', '~/.githooks']);
    const hooks = join(s.home, '.githooks');
    const r = s.cli(['install'], join(s.dir, 'src'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(hooks, 'pre-commit')}: installed`);
    expect(existsSync(join(s.dir, '~'))).toBe(false);
    expect(existsSync(join(s.dir, 'src', '~'))).toBe(false);
    // git really runs them from there.
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(hooks)).toEqual({});
  });

  test('a core.hooksPath git cannot expand (~nosuchuser/) is one error line, nothing written', () => {
    const s = new Sandbox();
    s.ok(['config', 'core.hooksPath', '~agent-gate-no-such-user/hooks']);
    const before = snapshot(s.dir);
    const line = oneLineError(s.cli(['install']));
    expect(line).toContain("failed to expand user dir in: '~agent-gate-no-such-user/hooks'");
    expect(snapshot(s.dir)).toEqual(before);
    oneLineError(s.cli(['uninstall']));
  });

  // Audit round 22: these were "internal error: EEXIST/ENOENT … mkdir".
  test.each([
    ['/dev/null (hooks switched off)', () => '/dev/null', () => 'install: core.hooksPath is /dev/null, so git runs no hooks in this repository; unset it (git config --unset core.hooksPath) and rerun'],
    ['a file', (s: Sandbox) => { writeFileSync(join(s.dir, 'hookfile'), 'x\n'); return 'hookfile'; },
      (s: Sandbox) => `install: the hooks folder ${join(s.dir, 'hookfile')} (core.hooksPath) is not a folder; point core.hooksPath at a folder, or unset it, and rerun`],
    ['a link to a folder that is not there', (s: Sandbox) => { symlinkSync(join(s.out, 'missing'), join(s.dir, 'hooks-link')); return 'hooks-link'; },
      (s: Sandbox) => `install: the hooks folder ${join(s.dir, 'hooks-link')} is a symbolic link to ${join(s.out, 'missing')}, which does not exist; create that folder or remove the link, then rerun`],
    // Audit round 24 (V-4): git then looks for /pre-commit, and install wrote into the work tree.
    ['set but empty', () => '', () => 'install: core.hooksPath is set but empty, so git runs no hook from this repository; unset it (git config --unset core.hooksPath) or give it a folder, and rerun'],
  ])('a core.hooksPath that is %s is one line naming it, nothing written', (_name, setUp, message) => {
    const s = new Sandbox();
    s.ok(['config', 'core.hooksPath', setUp(s)]);
    const before = snapshot(s.dir);
    expect(oneLineError(s.cli(['install']))).toBe(`agent-gate: ${message(s)}`);
    expect(snapshot(s.dir)).toEqual(before);
  });
});

describe('husky', () => {
  /** husky v9's wrappers in .husky/_ (written by hand here): they run `sh -e .husky/<hook> "$@"`. */
  function huskyV9(s: Sandbox, preCommit: string, mode = 0o644, folder = '.husky'): void {
    const h = [
      '#!/usr/bin/env sh',
      '[ "$HUSKY" = "2" ] && set -x',
      'n=$(basename "$0")',
      's=$(dirname "$(dirname "$0")")/$n',
      '[ ! -f "$s" ] && exit 0',
      'sh -e "$s" "$@"',
      'c=$?',
      '[ $c != 0 ] && echo "husky - $n script failed (code $c)"',
      'exit $c',
      '',
    ].join('\n');
    writeHook(join(s.dir, folder, '_', 'h'), h, 0o644);
    huskyWrappers(s, folder);
    writeHook(join(s.dir, folder, '_', '.gitignore'), '*\n', 0o644);
    writeHook(join(s.dir, folder, 'pre-commit'), preCommit, mode);
    s.ok(['config', 'core.hooksPath', `${folder}/_`]);
  }

  /** What husky 9 writes into DIR/_ on every `npm install` (its `prepare` script). */
  function huskyWrappers(s: Sandbox, folder: string): void {
    for (const hook of ['pre-commit', 'commit-msg', 'prepare-commit-msg']) {
      writeHook(join(s.dir, folder, '_', hook), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', 0o755);
    }
  }

  // Audit round 22: husky 9 set up in a folder of the user's choosing (`husky .config/husky`)
  // was taken for a plain hooks folder: agent-gate renamed husky's wrapper, whose `basename "$0"`
  // then named no snippet, so the user's hook stopped running; and the next `npm install`
  // rewrote the wrapper, which dropped agent-gate.
  test('v9 in another folder (core.hooksPath=.config/husky/_): the user\'s snippet keeps running, and agent-gate survives husky rewriting its wrappers', () => {
    const s = new Sandbox();
    const folder = join('.config', 'husky');
    huskyV9(s, `echo user-scan-ran >> '${s.out}/marker'\n`, 0o644, folder);
    const before = snapshot(join(s.dir, folder));
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.dir, folder, 'pre-commit')}: added agent-gate after the existing commands`);
    expect(existsSync(join(s.dir, folder, '_', 'pre-commit.agent-gate-chained'))).toBe(false);
    expect(s.agentBlocked().stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('user-scan-ran\n');
    huskyWrappers(s, folder);
    expect(s.agentBlocked().stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(s.agentAllowed().code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('user-scan-ran\nuser-scan-ran\nuser-scan-ran\n');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, folder))).toEqual(before);
  });

  test('v9 (core.hooksPath=.husky/_): agent-gate runs after the husky commands; uninstall restores exactly', () => {
    const s = new Sandbox();
    huskyV9(s, `echo husky-ran >> '${s.out}/marker'\n`);
    const before = snapshot(join(s.dir, '.husky'));
    const gitHooks = snapshot(s.hooks);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(s.dir, '.husky', 'pre-commit')}: added agent-gate after the existing commands`);
    expect(r.stdout).toContain(`${join(s.dir, '.husky', 'commit-msg')}: created`);
    // husky's own wrappers and .git/hooks are left alone.
    const after = snapshot(join(s.dir, '.husky'));
    for (const [k, v] of Object.entries(before)) if (k.startsWith('_/')) expect(after[k]).toEqual(v);
    expect(snapshot(s.hooks)).toEqual(gitHooks);
    expect(readFileSync(join(s.dir, '.husky', 'pre-commit'), 'utf8').startsWith(`echo husky-ran >> '${s.out}/marker'\n# >>> agent-gate >>>`)).toBe(true);

    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('husky-ran\n');
    expect(s.agentAllowed().code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('husky-ran\nhusky-ran\n');

    // commit-msg through husky's wrapper: a human with an agent trailer is judged.
    const head = s.head();
    s.repo.write('.kiro/settings/x', '1\n');
    s.ok(['add', '.kiro/settings/x']);
    const trailer = s.git(['commit', '-m', 'x', '-m', 'Co-authored-by: Claude <noreply@anthropic.com>']);
    expect(trailer.code).toBe(1);
    expect(trailer.stderr).toContain('agent-gate commit-msg: commit blocked');
    expect(s.head()).toBe(head);
    s.ok(['rm', '-q', '--cached', '.kiro/settings/x']);

    // Reinstall is idempotent.
    const installed = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(installed);

    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });

  test('v9: a snippet that exits before its end is refused; --force replaces it, keeps a backup, and uninstall restores it', () => {
    const s = new Sandbox();
    huskyV9(s, `echo husky-ran >> '${s.out}/marker'\nexit 0\n`);
    const before = snapshot(join(s.dir, '.husky'));
    const line = oneLineError(s.cli(['install']));
    expect(line).toContain('line 2 ("exit 0") can end the hook before agent-gate would run at its end');
    expect(line).toContain('--force');
    // Nothing was changed, commit-msg included.
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);

    const r = s.cli(['install', '--force']);
    expect(r.code).toBe(0);
    const file = join(s.dir, '.husky', 'pre-commit');
    expect(r.stdout).toContain(`${file}: replaced (--force); the old hook is kept as pre-commit.agent-gate-backup`);
    expect(readFileSync(`${file}.agent-gate-backup`, 'utf8')).toBe(`echo husky-ran >> '${s.out}/marker'\nexit 0\n`);
    expect(readFileSync(file, 'utf8')).not.toContain('exit 0\n');
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(existsSync(join(s.out, 'marker'))).toBe(false);
    // Reinstalling with --force keeps the one backup and changes nothing.
    const installed = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(installed);
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${file}: restored the hook replaced by --force`);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });

  test('v9: an exit added above an earlier install is refused too; --force backs up the snippet without the block', () => {
    const s = new Sandbox();
    huskyV9(s, 'echo lint\n', 0o755);
    const before = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install']).code).toBe(0);
    const file = join(s.dir, '.husky', 'pre-commit');
    writeFileSync(file, '[ -n "$SKIP" ] && exit 0\n' + readFileSync(file, 'utf8'));
    expect(oneLineError(s.cli(['install']))).toContain('line 1 ("[ -n \"$SKIP\" ] && exit 0") can end the hook');
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(readFileSync(`${file}.agent-gate-backup`, 'utf8')).toBe('[ -n "$SKIP" ] && exit 0\necho lint\n');
    expect(s.agentBlocked().code).toBe(1);
    expect(s.cli(['uninstall']).code).toBe(0);
    const after = snapshot(join(s.dir, '.husky'));
    expect(Buffer.from(after['pre-commit']?.bytes ?? '', 'base64').toString()).toBe('[ -n "$SKIP" ] && exit 0\necho lint\n');
    expect({ ...after, 'pre-commit': before['pre-commit'] }).toEqual(before);
  });

  test.each([
    ['[ -n "$CI" ] && exit 0', 1],
    ['if true; then exit; fi', 1],
    ['exec npx lint-staged', 1],
    ['echo a; return 0', 1],
    ['exit $?', 1],
    ['npm test || exit 1', 0],
    ['exec < /dev/tty', 0],
    ['exec >/dev/null 2>&1', 0],
    ['# exit 0 is only a comment', 0],
    ['echo "exit code"', 0],
    // audit I-1: what a match on the words exit/return/exec let through; the snippet is parsed now.
    ['command exit 0', 1],
    ['eval "exit 0"', 1],
    ['"exit" 0', 1],
    ['\\exit 0', 1],
    ['exit${IFS}0', 1],
    ['x=exit; $x 0', 1],
    ['trap "exit 0" EXIT', 1],
    ['cat <<EOF', 1],
    // Snippets real projects use still install.
    ['npx lint-staged', 0],
    ['pnpm exec lint-staged', 0],
    ['. "$(dirname -- "$0")/_/husky.sh"', 0],
  ])('v9: %s before the end: refused=%i', (line, refused) => {
    const s = new Sandbox();
    huskyV9(s, `${line}\necho after\n`);
    const r = s.cli(['install']);
    expect(r.code).toBe(refused === 1 ? 2 : 0);
    if (refused === 1) expect(r.stderr).toContain(`line 1 ("${line}")`);
    if (refused === 1) expect(r.stderr).toContain('--force');
  });

  test('v9: a snippet that left agent-gate out (eval "exit 0") is refused, and with --force the gate runs', () => {
    const s = new Sandbox();
    huskyV9(s, 'eval "exit 0"\n');
    expect(oneLineError(s.cli(['install']))).toContain('line 1 ("eval "exit 0"") can end the hook before agent-gate would run at its end: it runs text as code');
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(s.agentBlocked().code).toBe(1);
  });

  test('v9: a missing husky wrapper (git would run no hook) is refused, nothing written', () => {
    const s = new Sandbox();
    huskyV9(s, 'true\n');
    rmSync(join(s.dir, '.husky', '_', 'commit-msg'));
    const before = snapshot(s.dir);
    const line = oneLineError(s.cli(['install']));
    expect(line).toContain(`core.hooksPath is husky's ${join(s.dir, '.husky', '_')} but its wrapper ${join(s.dir, '.husky', '_', 'commit-msg')} is missing or not executable, so git would run no hook`);
    expect(snapshot(s.dir)).toEqual(before);
  });

  test('v9: a failing husky command fails the commit before agent-gate runs', () => {
    const s = new Sandbox();
    huskyV9(s, 'echo husky-failed >&2\nfalse\n');
    expect(s.cli(['install']).code).toBe(0);
    const head = s.head();
    const r = s.agentAllowed();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('husky-failed');
    expect(r.stderr).not.toContain('agent-gate');
    expect(s.head()).toBe(head);
  });

  test('v9: a file without a final newline and an existing empty commit-msg are restored exactly', () => {
    const s = new Sandbox();
    huskyV9(s, `echo husky-ran >> '${s.out}/marker'`);
    writeHook(join(s.dir, '.husky', 'commit-msg'), '', 0o644);
    const before = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install']).code).toBe(0);
    expect(s.agentAllowed().code).toBe(0);
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('husky-ran\n');
    expect(s.cli(['install']).code).toBe(0);
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });

  test('v9: a .husky/commit-msg that only holds a shebang is kept by uninstall', () => {
    const s = new Sandbox();
    huskyV9(s, 'true\n');
    writeHook(join(s.dir, '.husky', 'commit-msg'), '#!/usr/bin/env sh\n', 0o755);
    const before = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install']).code).toBe(0);
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });

  test('a fresh clone with .husky/ but no core.hooksPath yet: hooks where git runs them now and in .husky/; uninstall cleans both', () => {
    const s = new Sandbox();
    writeHook(join(s.dir, '.husky', 'pre-commit'), `echo husky-ran >> '${s.out}/marker'\n`, 0o755);
    const husky = snapshot(join(s.dir, '.husky'));
    const gitHooks = snapshot(s.hooks);
    const r = s.cli(['install']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('husky is not set up in this clone yet');
    expect(r.stdout).toContain(`${join(s.hooks, 'pre-commit')}: installed`);
    expect(readFileSync(join(s.dir, '.husky', 'pre-commit'), 'utf8')).toContain('# >>> agent-gate >>>');
    // git runs .git/hooks now: the agent commit is blocked.
    const now = s.agentBlocked();
    expect(now.code).toBe(1);
    expect(now.stderr).toContain('agent-gate pre-commit: commit blocked');
    // Once husky is set up (v4-v8 layout), git runs .husky/ and agent-gate is there too.
    s.ok(['config', 'core.hooksPath', '.husky']);
    const later = s.agentBlocked();
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('husky-ran\n');
    // Uninstall with husky set up also removes the hooks left in .git/hooks.
    const u = s.cli(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`${join(s.hooks, 'pre-commit')}: removed`);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(husky);
    expect(snapshot(s.hooks)).toEqual(gitHooks);
  });

  test('a fresh husky clone: uninstall before husky is set up cleans both places', () => {
    const s = new Sandbox();
    writeHook(join(s.dir, '.husky', 'pre-commit'), 'echo husky-ran\n', 0o644);
    const husky = snapshot(join(s.dir, '.husky'));
    const gitHooks = snapshot(s.hooks);
    expect(s.cli(['install']).code).toBe(0);
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(husky);
    expect(snapshot(s.hooks)).toEqual(gitHooks);
  });

  test('v4-v8 (core.hooksPath=.husky): a snippet ending in exit 0 is replaced with --force and restored', () => {
    const s = new Sandbox();
    const pre = '#!/bin/sh\necho lint >&2\nexit 0\n';
    writeHook(join(s.dir, '.husky', 'pre-commit'), pre, 0o755);
    s.ok(['config', 'core.hooksPath', '.husky']);
    const before = snapshot(join(s.dir, '.husky'));
    expect(oneLineError(s.cli(['install']))).toContain('--force');
    expect(s.cli(['install', '--force']).code).toBe(0);
    expect(readFileSync(join(s.dir, '.husky', 'pre-commit.agent-gate-backup'), 'utf8')).toBe(pre);
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });

  test('v4-v8 (core.hooksPath=.husky): the hook files git runs directly', () => {
    const s = new Sandbox();
    writeHook(join(s.dir, '.husky', '_', 'husky.sh'), '#!/usr/bin/env sh\n', 0o644);
    const pre = `#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\necho husky-ran >> '${s.out}/marker'\n`;
    writeHook(join(s.dir, '.husky', 'pre-commit'), pre, 0o755);
    s.ok(['config', 'core.hooksPath', '.husky']);
    const before = snapshot(join(s.dir, '.husky'));
    expect(s.cli(['install']).code).toBe(0);
    expect(statSync(join(s.dir, '.husky', 'commit-msg')).mode & 0o111).not.toBe(0);
    const blocked = s.agentBlocked();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('agent-gate pre-commit: commit blocked');
    expect(readFileSync(join(s.out, 'marker'), 'utf8')).toBe('husky-ran\n');
    expect(s.cli(['uninstall']).code).toBe(0);
    expect(snapshot(join(s.dir, '.husky'))).toEqual(before);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  test('declares both hooks for the pre-commit framework', () => {
    const hooks = parseYaml(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks).toHaveLength(2);
    const byStage = Object.fromEntries(hooks.map((h) => [(h['stages'] as string[]).join(','), h]));
    for (const [stage, entry] of [['pre-commit', 'agent-gate hook pre-commit'], ['commit-msg', 'agent-gate hook commit-msg']] as const) {
      expect(byStage[stage]).toMatchObject({ entry, language: 'node', pass_filenames: false, always_run: true, stages: [stage] });
    }
    expect(new Set(hooks.map((h) => h['id'])).size).toBe(2);
  });

  test('the commit-msg entry works the way the framework calls it (message file as argument)', () => {
    const s = new Sandbox();
    s.repo.write('.kiro/settings/x', '1\n');
    s.ok(['add', '.kiro/settings/x']);
    const msg = join(s.out, 'MSG');
    writeFileSync(msg, 'x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n');
    const r = s.cli(['hook', 'commit-msg', msg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('agent-gate commit-msg: commit blocked');
    writeFileSync(msg, 'x\n');
    expect(s.cli(['hook', 'commit-msg', msg]).code).toBe(0);
  });
});
