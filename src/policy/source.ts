// Where policy files come from on disk (the CLI edge). Reading from a commit lives in src/git.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GateError } from '../errors.ts';
import { DEFAULT_POLICY_PATH } from './builtin.ts';
import { loadPolicy } from './load.ts';
import type { PolicyFile, ScopeName } from './types.ts';

export function homeDir(): string {
  return process.env['HOME'] || homedir();
}

/** The nearest folder at or above `start` holding `.git` (a folder, or a file for worktrees), else `start`. */
export function findWorkspaceRoot(start: string): string {
  return findRepositoryRoot(start) ?? resolve(start);
}

/** The nearest folder at or above `start` that holds `.git`, or null. */
export function findRepositoryRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function readPolicyFile(path: string, scope: ScopeName, label = path): PolicyFile {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new GateError(`${label}: is a folder, not a policy file`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof GateError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new GateError(`${label}: cannot read the policy file (${code ?? String(e)}); check the path`);
  }
  return loadPolicy(text, label, scope);
}

/** Repository-relative form of a path when it lies inside the root, else null. */
export function insideRoot(root: string, path: string): string | null {
  const rel = relative(root, resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

export interface DiskPolicies {
  files: PolicyFile[];
  /** Repository paths of the workspace policy in use (protected by the kiro scope). */
  policyPaths: string[];
}

/**
 * The policies for commands that read the working tree (`explain`, `policy`, `record`): `--policy`
 * from disk as given, else the default file in the working tree when it exists.
 */
export function loadDiskPolicies(root: string, options: { policy?: string; adminPolicy?: string; user?: boolean }): DiskPolicies {
  const files: PolicyFile[] = [];
  const policyPaths: string[] = [];
  if (options.adminPolicy !== undefined) files.push(readPolicyFile(options.adminPolicy, 'admin'));
  if (options.policy !== undefined) {
    files.push(readPolicyFile(options.policy, 'workspace'));
    const rel = insideRoot(root, options.policy);
    if (rel !== null) policyPaths.push(rel);
  } else {
    const path = join(root, DEFAULT_POLICY_PATH);
    if (existsSync(path)) files.push(readPolicyFile(path, 'workspace', DEFAULT_POLICY_PATH));
  }
  if (options.user) {
    const userFile = join(homeDir(), '.kiro', 'settings', 'permissions.yaml');
    if (existsSync(userFile)) files.push(readPolicyFile(userFile, 'user', '~/.kiro/settings/permissions.yaml'));
  }
  return { files, policyPaths };
}
