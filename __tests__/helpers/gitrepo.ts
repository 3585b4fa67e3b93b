// Throw-away git repositories for tests, driven by the real git binary and isolated from the
// machine's configuration and from any repository the tests themselves run inside (a hook sets
// GIT_DIR and GIT_INDEX_FILE, which would otherwise redirect every command).

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Identity {
  name: string;
  email: string;
}

export const DEFAULT_IDENTITY: Identity = { name: 'Test Human', email: 'human@example.com' };

const INHERITED_GIT_VARS = [
  'GIT_DIR',
  'GIT_INDEX_FILE',
  'GIT_WORK_TREE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_PREFIX',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_EXTERNAL_DIFF',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_SHALLOW_FILE',
];

/** An environment with no global/system config, fixed identities and no inherited repository. */
export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of INHERITED_GIT_VARS) delete env[k];
  // Agent shells' markers would make every test commit agent work.
  for (const k of ['CLAUDECODE', 'GEMINI_CLI', 'CODEX_SANDBOX', 'AWS_EXECUTION_ENV']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('GIT_CONFIG_KEY_') || k.startsWith('GIT_CONFIG_VALUE_')) delete env[k];
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: DEFAULT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: DEFAULT_IDENTITY.email,
    GIT_COMMITTER_NAME: DEFAULT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: DEFAULT_IDENTITY.email,
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    LC_ALL: 'C',
    ...extra,
  };
}

const created: string[] = [];

/** Removes every folder made by this module (call from afterAll). */
export function cleanupRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// Each test file gets its own copy of this module, so its folders go when that file ends, whether or
// not the file calls cleanupRepos itself (runs used to leave thousands of homes in /tmp).
if (typeof afterAll === 'function') afterAll(cleanupRepos);

export function tempDir(prefix = 'agent-gate-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export interface CommitOptions {
  author?: Identity;
  committer?: Identity;
  /** Stage everything in the work tree first (default true). */
  addAll?: boolean;
  /** `git commit --cleanup=` mode; default `verbatim` so messages are stored exactly. */
  cleanup?: 'verbatim' | 'strip' | 'whitespace';
}

export class TestRepo {
  readonly dir: string;
  private tick = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  static init(branch = 'main'): TestRepo {
    const repo = new TestRepo(tempDir());
    repo.git(['init', '-q', '-b', branch]);
    return repo;
  }

  /** Runs git in the repository; throws with git's stderr on failure. */
  git(args: readonly string[], opts: { input?: string | Buffer; env?: Record<string, string>; allowFail?: boolean } = {}): Buffer {
    // Every commit gets its own timestamp so commit order is stable.
    const when = `${1767225600 + this.tick++ * 60} +0000`;
    const res = spawnSync('git', args as string[], {
      cwd: this.dir,
      env: testEnv({ GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, ...opts.env }),
      input: opts.input ?? '',
      maxBuffer: Infinity,
    });
    if (res.error) throw res.error;
    if (res.status !== 0 && !opts.allowFail) {
      throw new Error(`git ${args.join(' ')} failed (${res.status}): ${res.stderr.toString()}`);
    }
    return res.stdout;
  }

  text(args: readonly string[]): string {
    return this.git(args).toString('utf8').trim();
  }

  path(name: string | Buffer): string | Buffer {
    return typeof name === 'string' ? join(this.dir, name) : Buffer.concat([Buffer.from(this.dir + '/'), name]);
  }

  write(name: string | Buffer, content: string | Buffer = 'x\n'): this {
    const p = this.path(name);
    if (typeof p === 'string') mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return this;
  }

  remove(name: string | Buffer): this {
    unlinkSync(this.path(name));
    return this;
  }

  chmod(name: string, mode: number): this {
    chmodSync(join(this.dir, name), mode);
    return this;
  }

  symlink(name: string, target: string): this {
    const p = join(this.dir, name);
    mkdirSync(dirname(p), { recursive: true });
    symlinkSync(target, p);
    return this;
  }

  /** Stages a submodule entry (mode 160000) without any submodule checkout. */
  gitlink(name: string, commit: string): this {
    this.git(['update-index', '--add', '--cacheinfo', `160000,${commit},${name}`]);
    return this;
  }

  commit(message: string, opts: CommitOptions = {}): string {
    if (opts.addAll !== false) this.git(['add', '-A']);
    const author = opts.author ?? DEFAULT_IDENTITY;
    const committer = opts.committer ?? author;
    this.git(['commit', '-q', '--allow-empty', '--allow-empty-message', '--no-verify', `--cleanup=${opts.cleanup ?? 'verbatim'}`, '-F', '-'], {
      input: message,
      env: {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
      },
    });
    return this.head();
  }

  head(): string {
    return this.text(['rev-parse', 'HEAD']);
  }

  rev(rev: string): string {
    return this.text(['rev-parse', '--verify', `${rev}^{commit}`]);
  }

  branch(name: string, start = 'HEAD'): this {
    this.git(['branch', name, start]);
    return this;
  }

  checkout(name: string, opts: { orphan?: boolean; create?: boolean } = {}): this {
    if (opts.orphan) this.git(['checkout', '-q', '--orphan', name]);
    else if (opts.create) this.git(['checkout', '-q', '-b', name]);
    else this.git(['checkout', '-q', name]);
    return this;
  }

  /**
   * Merges `other` into the current branch. With `noCommit` the merge is left staged (for evil
   * merges) and true is returned when it conflicted; otherwise it is committed.
   */
  merge(other: string, opts: { message?: string; noCommit?: boolean; author?: Identity } = {}): boolean {
    const args = ['merge', '-q', '--no-ff', '--no-edit', ...(opts.noCommit ? ['--no-commit'] : []), '-m', opts.message ?? `Merge ${other}`, other];
    const a = opts.author ?? DEFAULT_IDENTITY;
    const out = spawnSync('git', args, {
      cwd: this.dir,
      env: testEnv({
        GIT_AUTHOR_NAME: a.name,
        GIT_AUTHOR_EMAIL: a.email,
        GIT_COMMITTER_NAME: a.name,
        GIT_COMMITTER_EMAIL: a.email,
        GIT_AUTHOR_DATE: `${1767225600 + this.tick * 60} +0000`,
        GIT_COMMITTER_DATE: `${1767225600 + this.tick++ * 60} +0000`,
      }),
    });
    if (out.status !== 0 && !opts.noCommit) throw new Error(`git merge failed: ${out.stderr.toString()}${out.stdout.toString()}`);
    return out.status !== 0;
  }

  /** A `git clone --depth` of this repository over file:// (so the clone is really shallow). */
  shallowClone(depth: number, branch?: string): TestRepo {
    const dir = tempDir();
    const res = spawnSync('git', ['clone', '-q', '--depth', String(depth), ...(branch ? ['-b', branch] : []), `file://${this.dir}`, dir], {
      env: testEnv(),
    });
    if (res.status !== 0) throw new Error(`git clone failed: ${res.stderr.toString()}`);
    return new TestRepo(dir);
  }

  /** A full clone over file://, of `branch` (origin/HEAD then points at it) when given. */
  clone(branch?: string): TestRepo {
    const dir = tempDir();
    const res = spawnSync('git', ['clone', '-q', ...(branch ? ['-b', branch] : []), `file://${this.dir}`, dir], { env: testEnv() });
    if (res.status !== 0) throw new Error(`git clone failed: ${res.stderr.toString()}`);
    return new TestRepo(dir);
  }
}
