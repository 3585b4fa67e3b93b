import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './gitrepo.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CLI = join(REPO_ROOT, 'dist', 'cli.js');
export const DIST_ACTION = join(REPO_ROOT, 'dist', 'index.js');

/**
 * Variables agent shells set (SPEC 12), the one the hook tests name in `agents.env`, and husky's
 * switch: inherited into a test's child, any of them would change what the hook does.
 */
export const AGENT_VARS = ['CLAUDECODE', 'GEMINI_CLI', 'CODEX_SANDBOX', 'AWS_EXECUTION_ENV', 'MY_AGENT', 'HUSKY'];

/**
 * The environment of every child process: `base` without any GIT_* variable (GIT_DIR,
 * GIT_INDEX_FILE, GIT_CONFIG_PARAMETERS … from an outer hook or shell), agent signal, INPUT_* or
 * GITHUB_* variable, plus isolated git configuration, fixed identities, no code cache and the given
 * HOME.
 */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k.startsWith('GIT_') || k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k.startsWith('AGENT_GATE_') || AGENT_VARS.includes(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Human',
    GIT_AUTHOR_EMAIL: 'human@example.com',
    GIT_COMMITTER_NAME: 'Test Human',
    GIT_COMMITTER_EMAIL: 'human@example.com',
    GIT_EDITOR: ':',
    LC_ALL: 'C',
    // Every test has its own HOME, so a code cache written there would never be read again; the
    // cache has its own tests (e2e/codecache.test.ts).
    AGENT_GATE_NO_CACHE: '1',
    HOME: home,
    ...extra,
  };
}

/** isolatedEnv with a fresh temporary HOME unless `extra` names one. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return isolatedEnv(extra['HOME'] ?? tempDir('ag-home-'), extra);
}

export interface RunResult { code: number; stdout: string; stderr: string }

export function runCli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], {
    cwd: options.cwd ?? tmpdir(),
    input: options.input ?? '',
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with the given files (paths relative to it). */
export function tempTree(files: Record<string, string> = {}): string {
  const dir = tempDir('ag-tree-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
