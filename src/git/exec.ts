// Runs the real git binary. Output stays a Buffer: paths and messages may hold any bytes, and
// decoding here would lose the difference between two names that differ only in invalid UTF-8.

import { spawn, spawnSync } from 'node:child_process';
import { GitError } from './errors.ts';

export interface GitRunOptions {
  /** Bytes for git's standard input (closed immediately when absent). */
  input?: Buffer | string;
  /** Variables added to (or, with `undefined`, removed from) this call's environment. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface GitResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

/** The one way the rest of agent-gate talks to git, so tests and callers can wrap it. */
export interface Git {
  /** Folder the commands run in. */
  readonly cwd: string;
  /** Runs git; resolves whatever the exit code, rejects (GitError) only when git did not run. */
  exec(args: readonly string[], opts?: GitRunOptions): Promise<GitResult>;
  execSync(args: readonly string[], opts?: GitRunOptions): GitResult;
  /** Runs git and returns standard output; any non-zero exit is a GitError. */
  run(args: readonly string[], opts?: GitRunOptions): Promise<Buffer>;
  runSync(args: readonly string[], opts?: GitRunOptions): Buffer;
  /**
   * Runs git handing each chunk of standard output to `onStdout` as it arrives (so a caller can
   * parse while git is still producing). If `onStdout` throws, git is killed and the promise
   * rejects with that error. The result's `stdout` is empty. Optional, so wrappers and fakes
   * that implement only the four calls above keep working (callers fall back to `exec`).
   */
  stream?(args: readonly string[], onStdout: (chunk: Buffer) => void, opts?: GitRunOptions): Promise<GitResult>;
}

export interface CreateGitOptions {
  /** The environment to start from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The git executable; default `git` from PATH. */
  gitPath?: string;
}

/**
 * Options placed before every subcommand. They switch off everything that could make git's
 * answer depend on presentation settings or run other programs: pagers, colour, signature
 * checks (runs gpg), fsmonitor daemons, .mailmap rewriting, and replace refs (which can swap in
 * a different history than the one the commits actually have).
 */
export const GLOBAL_ARGS: readonly string[] = [
  '--no-pager',
  '--no-replace-objects',
  '-c', 'core.fsmonitor=false',
  '-c', 'log.mailmap=false',
  '-c', 'log.showSignature=false',
  '-c', 'color.ui=false',
  '-c', 'diff.ignoreSubmodules=none',
];

/** Environment for one call: the caller's (so GIT_INDEX_FILE, GIT_DIR ... still apply) plus safety. */
export function gitEnv(
  base: NodeJS.ProcessEnv,
  extra?: Readonly<Record<string, string | undefined>>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (extra) {
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  }
  // A credential prompt would hang a CI job forever; a lock taken by a read-only query could
  // make a concurrent git command of the user fail.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // An external diff program is code chosen by the environment, not by the repository's objects.
  delete env.GIT_EXTERNAL_DIFF;
  delete env.GIT_PAGER;
  return env;
}

class ChildProcessGit implements Git {
  readonly cwd: string;
  private readonly baseEnv: NodeJS.ProcessEnv;
  private readonly gitPath: string;

  constructor(cwd: string, opts: CreateGitOptions) {
    this.cwd = cwd;
    this.baseEnv = opts.env ?? process.env;
    this.gitPath = opts.gitPath ?? 'git';
  }

  exec(args: readonly string[], opts: GitRunOptions = {}): Promise<GitResult> {
    const out: Buffer[] = [];
    return this.stream(args, (chunk) => out.push(chunk), opts).then((res) => ({ ...res, stdout: Buffer.concat(out) }));
  }

  stream(args: readonly string[], onStdout: (chunk: Buffer) => void, opts: GitRunOptions = {}): Promise<GitResult> {
    return new Promise<GitResult>((resolve, reject) => {
      const child = spawn(this.gitPath, [...GLOBAL_ARGS, ...args], {
        cwd: this.cwd,
        env: gitEnv(this.baseEnv, opts.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const err: Buffer[] = [];
      let failed = false;
      let consumerError: unknown = null;
      child.stdout.on('data', (chunk: Buffer) => {
        if (consumerError !== null) return;
        try {
          onStdout(chunk);
        } catch (e) {
          consumerError = e;
          child.kill();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (e: Error) => {
        failed = true;
        reject(new GitError(args, null, '', `could not run ${this.gitPath}: ${e.message}`));
      });
      child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
        if (failed) return;
        if (consumerError !== null) {
          reject(consumerError);
          return;
        }
        const stderr = Buffer.concat(err);
        if (code === null) {
          reject(new GitError(args, null, stderr, `killed by ${signal ?? 'a signal'}`));
          return;
        }
        resolve({ stdout: Buffer.alloc(0), stderr, exitCode: code });
      });
      // git may exit before reading all of its input (e.g. after an error); that is reported
      // through the exit code, so a broken pipe here is not a second error.
      child.stdin.on('error', () => undefined);
      if (opts.input !== undefined) child.stdin.end(opts.input);
      else child.stdin.end();
    });
  }

  execSync(args: readonly string[], opts: GitRunOptions = {}): GitResult {
    const res = spawnSync(this.gitPath, [...GLOBAL_ARGS, ...args], {
      cwd: this.cwd,
      env: gitEnv(this.baseEnv, opts.env),
      input: opts.input ?? '',
      maxBuffer: Infinity,
      windowsHide: true,
    });
    if (res.error) throw new GitError(args, null, '', `could not run ${this.gitPath}: ${res.error.message}`);
    const stderr = res.stderr ?? Buffer.alloc(0);
    if (res.status === null) throw new GitError(args, null, stderr, `killed by ${res.signal ?? 'a signal'}`);
    return { stdout: res.stdout ?? Buffer.alloc(0), stderr, exitCode: res.status };
  }

  async run(args: readonly string[], opts?: GitRunOptions): Promise<Buffer> {
    const res = await this.exec(args, opts);
    if (res.exitCode !== 0) throw new GitError(args, res.exitCode, res.stderr);
    return res.stdout;
  }

  runSync(args: readonly string[], opts?: GitRunOptions): Buffer {
    const res = this.execSync(args, opts);
    if (res.exitCode !== 0) throw new GitError(args, res.exitCode, res.stderr);
    return res.stdout;
  }
}

export function createGit(cwd: string, opts: CreateGitOptions = {}): Git {
  return new ChildProcessGit(cwd, opts);
}

/** Standard output as text for queries whose answer is ASCII (object ids, ref names, paths git prints). */
export function textOf(out: Buffer): string {
  return out.toString('utf8').replace(/\r?\n$/, '');
}
