// Where policy files come from on disk (the CLI edge). Reading from a commit lives in src/git.
import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
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

/** Far above any real policy (100,000 rules is about 8 MiB), and a bound on `/dev/zero`. */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;

/** Up to `max` + 1 bytes of a file: enough to tell that it is too long, whatever it is. */
function readBounded(path: string, max: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > max) break;
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

export function readPolicyFile(path: string, scope: ScopeName, label = path): PolicyFile {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new GateError(`${label}: is a folder, not a policy file`);
    bytes = readBounded(path, MAX_POLICY_BYTES);
  } catch (e) {
    if (e instanceof GateError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new GateError(`${label}: cannot read the policy file (${code ?? String(e)}); check the path`);
  }
  if (bytes.length > MAX_POLICY_BYTES) throw new GateError(`${label}: the policy file is larger than ${MAX_POLICY_BYTES / (1024 * 1024)} MiB; check the path`);
  if (!isUtf8(bytes)) throw new GateError(`${label}:1:1: the policy file is not valid UTF-8; save it as UTF-8`);
  return loadPolicy(bytes.toString('utf8'), label, scope);
}

/** Whether anything is at `path`, a dangling symbolic link included (reading it then fails closed). */
export function somethingAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Repository-relative form of a path when it lies inside the root, else null. */
export function insideRoot(root: string, path: string): string | null {
  const rel = relative(root, resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/**
 * Every repository-relative spelling of a policy file given on disk: as written, and with
 * symlinks resolved (`cfg/gate.yml` when `cfg -> conf`, or a root reached through a linked
 * folder). The kiro scope protects each, so no spelling of the file the check reads is writable.
 */
export function policyRepoPaths(root: string, path: string): string[] {
  const found = new Set<string>();
  const literal = insideRoot(root, path);
  if (literal !== null) found.add(literal);
  try {
    const real = insideRoot(realpathSync(root), realpathSync(resolve(path)));
    if (real !== null) found.add(real);
  } catch {
    // A path that cannot be resolved has no other spelling; reading it fails on its own.
  }
  return [...found];
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
    policyPaths.push(...policyRepoPaths(root, options.policy));
  } else {
    const path = join(root, DEFAULT_POLICY_PATH);
    if (somethingAt(path)) files.push(readPolicyFile(path, 'workspace', DEFAULT_POLICY_PATH));
  }
  if (options.user) {
    const userFile = join(homeDir(), '.kiro', 'settings', 'permissions.yaml');
    if (somethingAt(userFile)) files.push(readPolicyFile(userFile, 'user', '~/.kiro/settings/permissions.yaml'));
  }
  return { files, policyPaths };
}
