import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CLI = join(REPO_ROOT, 'dist', 'cli.js');
export const DIST_ACTION = join(REPO_ROOT, 'dist', 'index.js');

const GIT_VARS = ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_CEILING_DIRECTORIES'];

/** The environment every subprocess test starts from: no inherited git state, no real home. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of GIT_VARS) delete env[k];
  // Every GIT_* variable (GIT_CONFIG_PARAMETERS, GIT_CONFIG_KEY_0, GIT_EXTERNAL_DIFF, …) can change
  // what git does in a child; none of them may leak in from an outer hook or shell.
  for (const k of Object.keys(env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k.startsWith('GIT_')) delete env[k];
  delete env['CLAUDECODE'];
  delete env['GEMINI_CLI'];
  delete env['CODEX_SANDBOX'];
  delete env['AWS_EXECUTION_ENV'];
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Human',
    GIT_AUTHOR_EMAIL: 'human@example.com',
    GIT_COMMITTER_NAME: 'Test Human',
    GIT_COMMITTER_EMAIL: 'human@example.com',
    HOME: extra['HOME'] ?? mkdtempSync(join(tmpdir(), 'ag-home-')),
    ...extra,
  };
}

export interface RunResult { code: number; stdout: string; stderr: string }

export function runCli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], {
    cwd: options.cwd ?? tmpdir(),
    input: options.input ?? '',
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with the given files (paths relative to it). */
export function tempTree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ag-tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
