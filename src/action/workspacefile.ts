// Writing a file the workflow asked for (sarif-file) inside the workspace. Under pull_request the
// workspace is the pull request's checkout, so every folder and file on the way may be the PR's:
// a symbolic link there could send the write anywhere on the runner, and a folder at the file's
// place would leave the PR's own "report" for a later upload step. The path is therefore only
// written through real folders, to a regular file or a new one, and never followed.
import { closeSync, constants, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A write refused because of what the workspace holds at the path; `message` says what. */
export class UnsafeWorkspacePath extends Error {}

/** The path's segments below `root`, or null when it is not strictly inside. */
function below(root: string, path: string): string[] | null {
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep);
}

/**
 * Where `path` sits in `workspace`: the workspace root and the segments below it, or null when
 * the path is outside. The real path of the workspace counts too (a runner's workspace may be
 * reached through a link of the runner's own).
 */
export function insideWorkspace(workspace: string, path: string): { root: string; segments: string[] } | null {
  const roots = [resolve(workspace)];
  try {
    roots.push(realpathSync(workspace));
  } catch {
    // No workspace on disk: nothing of the pull request's can be there either.
  }
  for (const root of roots) {
    const segments = below(root, resolve(path));
    if (segments !== null) return { root, segments };
  }
  // Spelled through a link outside it (a runner's work folder that is a link, macOS's `/var`), the
  // path may still end up inside: the links on the way are followed until it does.
  const real = roots[1];
  return real === undefined ? null : enteredThroughLinks(real, resolve(path));
}

/** Links followed in a row before a path counts as leading nowhere (the kernel's ELOOP bound). */
const MAX_HOPS = 40;

/**
 * Where an absolute path, its links followed as the kernel would, enters the folder `real` (a real
 * path): `real` and the segments left below it, which are not followed (they are the workspace's),
 * or null when it never does.
 */
function enteredThroughLinks(real: string, path: string): { root: string; segments: string[] } | null {
  const queue = path.split(sep);
  let cur: string = sep;
  let hops = 0;
  for (let seg = queue.shift(); seg !== undefined; seg = queue.shift()) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      cur = dirname(cur);
      continue;
    }
    cur = join(cur, seg);
    if (cur === real) {
      const segments = below(real, resolve(real, ...queue));
      return segments === null ? null : { root: real, segments };
    }
    const st = lstatOrNull(cur);
    if (st === null || !st.isSymbolicLink()) continue;
    if (++hops > MAX_HOPS) return null;
    const target = readlinkSync(cur);
    cur = isAbsolute(target) ? sep : dirname(cur);
    queue.unshift(...target.split(sep));
  }
  return null;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** O_NOFOLLOW where the platform has it (not on Windows, whose checkouts hold no symlinks by default). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Why writing `segments` below `root` would be refused (see writeInsideWorkspace), or null: the
 * same checks, made before anything is written or run, on what exists so far.
 */
export function refusalInsideWorkspace(root: string, segments: readonly string[]): string | null {
  const shown = (n: number): string => JSON.stringify(segments.slice(0, n).join('/'));
  let path = root;
  for (let i = 0; i < segments.length; i++) {
    path = join(path, segments[i] ?? '');
    const st = lstatOrNull(path);
    if (st === null) return null;
    if (st.isSymbolicLink()) return `${shown(i + 1)} is a symbolic link in the workspace, which the pull request controls`;
    if (i < segments.length - 1 && !st.isDirectory()) return `${shown(i + 1)} is not a folder`;
    if (i === segments.length - 1 && !st.isFile()) return `${shown(i + 1)} is not a regular file (the pull request may have put it there)`;
  }
  return null;
}

/**
 * Writes `text` to `segments` below `root`, making missing folders one at a time. Throws
 * UnsafeWorkspacePath, before writing anything, when a component is a symbolic link or the file's
 * place holds something other than a regular file.
 */
export function writeInsideWorkspace(root: string, segments: readonly string[], text: string): void {
  const refused = refusalInsideWorkspace(root, segments);
  if (refused !== null) throw new UnsafeWorkspacePath(refused);
  let dir = root;
  for (let i = 0; i < segments.length - 1; i++) {
    dir = join(dir, segments[i] ?? '');
    if (lstatOrNull(dir) === null) mkdirSync(dir);
  }
  const file = join(dir, segments[segments.length - 1] ?? '');
  // O_NOFOLLOW as well: the checks above and the open are two steps.
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, 0o644);
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
