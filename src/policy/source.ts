// Where policy files come from on disk (the CLI edge). Reading from a commit lives in src/git.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { GateError } from '../errors.ts';
import { DEFAULT_POLICY_PATH } from './builtin.ts';
import { loadPolicy, notUtf8Error } from './load.ts';
import { lookalikePolicies, mayHoldLookalike } from './lookalike.ts';
import type { PolicyFile, ScopeName } from './types.ts';

export function homeDir(): string {
  const home = process.env['HOME'] || homedir();
  // Patterns are spelled from it segment by segment: `HOME=/root/.` must name the folder `/root`
  // names, or `~/.kiro/workspace-roots/**` would never fire (audit 38, AJ-1).
  return isAbsolute(home) ? normalize(home).replace(/(.)\/+$/, '$1') : home;
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

/** Far above any real policy (100,000 rules is about 8 MiB). */
export const MAX_POLICY_BYTES = 16 * 1024 * 1024;

/** What a path that is not a regular file is, for the message that refuses it. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Opens a regular file (symbolic links followed) or throws a GateError naming what is there instead.
 * The open does not block, so a named pipe with no writer is refused instead of waited on forever,
 * and the check is made on what was opened, not on a name that could change in between.
 */
function openRegular(path: string, label: string): number {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw new GateError(`${label}: is ${kindOf(st)}, not a policy file; a policy must be a regular file`);
  }
  return fd;
}

/** Up to `max` + 1 bytes of an open file: enough to tell that it is too long. Closes `fd`. */
function readBounded(fd: number, max: number): Buffer {
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
    bytes = readBounded(openRegular(path, label), MAX_POLICY_BYTES);
  } catch (e) {
    if (e instanceof GateError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new GateError(`${label}: cannot read the policy file (${code ?? String(e)}); check the path`);
  }
  if (bytes.length > MAX_POLICY_BYTES) throw new GateError(`${label}: the policy file is larger than ${MAX_POLICY_BYTES / (1024 * 1024)} MiB; check the path`);
  if (!isUtf8(bytes)) throw notUtf8Error(label, bytes);
  return loadPolicy(bytes.toString('utf8'), label, scope);
}

/**
 * Whether anything is at `path`, a dangling symbolic link included (reading it then fails closed).
 * Only a path that is surely not there is absent: a folder on the way that cannot be searched
 * (EACCES after `chmod 000 .github`) may hide a policy, so reading it must fail (audit 36, AE-4).
 */
export function somethingAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/** Repository-relative form of a path when it lies inside the root, else null. */
export function insideRoot(root: string, path: string): string | null {
  const rel = relative(root, resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/**
 * Every spelling of a policy file given on disk: repository-relative, as written and with
 * symlinks resolved (`cfg/gate.yml` when `cfg -> conf`, or a root reached through a linked
 * folder). The kiro scope protects each, so no spelling of the file the check reads is writable.
 * A file outside the repository (`record --enforce --policy ~/.config/gate.yml` for every
 * project) is protected by its absolute path: the agent judged by it runs on the
 * same machine (audit 43, AX-3).
 */
export function policyRepoPaths(root: string, path: string): string[] {
  const found = new Set<string>();
  // A `~/…` request is judged as the absolute path it names, so that spelling is covered too.
  const outside = (abs: string): void => {
    found.add(abs.split(sep).join('/'));
  };
  const literal = insideRoot(root, path);
  if (literal !== null) found.add(literal);
  else outside(resolve(path));
  try {
    const realPath = realpathSync(resolve(path));
    const real = insideRoot(realpathSync(root), realPath);
    if (real !== null) found.add(real);
    else outside(realPath);
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
    if (somethingAt(path)) {
      files.push(readPolicyFile(path, 'workspace', DEFAULT_POLICY_PATH));
      // A default policy that is a link to another file is that file too.
      policyPaths.push(...policyRepoPaths(root, path));
    }
  }
  if (options.user) {
    const userFile = join(homeDir(), '.kiro', 'settings', 'permissions.yaml');
    if (somethingAt(userFile)) files.push(readPolicyFile(userFile, 'user', '~/.kiro/settings/permissions.yaml'));
  }
  return { files, policyPaths };
}

/**
 * The files in the working tree at `root` named like the default policy but not it (lookalike.ts).
 * Only explain asks: record runs before every tool call and has no one to tell.
 */
export function diskLookalikes(root: string): string[] {
  const names = (dir: string, folders: boolean): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((d) => (folders ? d.isDirectory() : d.isFile())).map((d) => d.name);
    } catch {
      return [];
    }
  };
  return [
    ...lookalikePolicies('', names(root, false)),
    ...names(root, true).filter(mayHoldLookalike).flatMap((folder) => lookalikePolicies(folder, names(join(root, folder), false))),
  ];
}
