// Where a path really is once symbolic links are followed, for the rules that name a place in the
// workspace through a link (CompileOptions.resolveLinks): read from the disk while a policy
// compiles, never per decision.
import { lstatSync, realpathSync } from 'node:fs';

/**
 * Resolutions made while one policy compiles, which asks for the same root and home for every
 * pattern. Cleared once the compile's synchronous run ends, so a link made later is seen.
 */
const resolved = new Map<string, string>();

/**
 * `path` with symbolic links resolved as far as it exists on disk (the rest appended as written),
 * or `path` itself when nothing of it can be read.
 */
export function resolvedOnDisk(path: string): string {
  if (!path.startsWith('/')) return path;
  let real = resolved.get(path);
  if (real === undefined) {
    if (resolved.size === 0) queueMicrotask(() => resolved.clear());
    real = readLinks(path);
    resolved.set(path, real);
  }
  return real;
}

function readLinks(path: string): string {
  let folder = path;
  // Walking up with lstat, which does not throw for a missing entry, is far cheaper than letting
  // realpath fail at each level.
  while (folder !== '' && !present(folder)) folder = folder.slice(0, folder.lastIndexOf('/'));
  try {
    const real = realpathSync.native(folder === '' ? '/' : folder);
    const rest = path.slice(folder.length);
    return real === '/' ? rest || '/' : real + rest;
  } catch {
    return path;
  }
}

function present(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // A file where a folder is named (ENOTDIR), or a folder that cannot be read.
    return false;
  }
}
