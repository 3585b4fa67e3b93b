// Paths of tool calls as the agent's file system resolves them: `record` and `import` run on the
// machine where the files are, so links on the way can be followed there (see logs/paths.ts).
import { lstatSync, readdirSync, readlinkSync, type Dirent } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import type { Landing, LinksBelow, PathLanding } from '../engine/compile.ts';
import { toRepoPath } from '../logs/paths.ts';

/**
 * Where the file system puts an absolute path: each link on the way followed (the last one too,
 * even when what it names does not exist yet: a write through it creates that file), and `..`
 * taken from the folder the shell would really be in. A folder that does not exist yet is taken
 * as one the tool will make. A loop of links is left as text after 40 links; the write would fail anyway.
 */
export function physicalPath(abs: string): string {
  const queue = abs.split('/');
  let cur = '/';
  let hops = 0;
  for (let seg = queue.shift(); seg !== undefined; seg = queue.shift()) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      cur = posix.dirname(cur);
      continue;
    }
    const next = cur === '/' ? `/${seg}` : `${cur}/${seg}`;
    let link: string | null;
    try {
      link = lstatSync(next).isSymbolicLink() ? readlinkSync(next) : null;
    } catch {
      // Not there yet: the tool makes it as a plain folder (Kiro's create and Claude Code's Write
      // make the missing folders first), so a `..` after it comes back here and a link after that
      // is still followed (`src/new/../keys/key` writes through src/keys).
      link = null;
    }
    if (link === null || ++hops > 40) {
      cur = next;
      continue;
    }
    if (link.startsWith('/')) cur = '/';
    queue.unshift(...link.split('/'));
  }
  return cur;
}

/**
 * The folder a process started in `given` (from `base`) is in. `..` after a linked folder is taken
 * where the link leads, as chdir takes it (`src/l/..` with `src/l -> ../secrets/sub` is
 * `secrets`), so a path with `..` is read on disk; any other is only made absolute.
 */
export function chdirTarget(base: string, given: string): string {
  if (!given.split('/').includes('..')) return resolve(base, given);
  return physicalPath(isAbsolute(given) ? given : `${base}/${given}`);
}

/** The absolute folder a request's `cwd` (repository-relative, `~/…` or absolute) names. */
function folderOnDisk(cwd: string, root: string, home: string): string {
  if (cwd === '' || cwd === '.') return root;
  if (cwd === '~' || cwd.startsWith('~/')) return home + cwd.slice(1);
  return cwd.startsWith('/') ? cwd : `${root}/${cwd}`;
}

/**
 * Where a request path lands on this disk, spelled as record writes paths (logs/paths.ts:
 * repository-relative, else `~/…`, else absolute), for requests whose `cwd` is spelled the same
 * way: a redirection `> lnk/key` through `lnk -> secrets` is a write to `secrets/key`.
 */
export function diskLanding(root: string, home: string): PathLanding {
  const physicalRoot = physicalPath(root);
  const physicalHome = physicalPath(home);
  return (written, cwd) => {
    if (written === '') return [];
    const folder = folderOnDisk(cwd, root, home);
    const asText = toRepoPath(written, { cwd: folder, repoRoot: root, home });
    const onDisk = toRepoPath(written, { cwd: physicalPath(folder), repoRoot: physicalRoot, home: physicalHome, physical: physicalPath });
    return onDisk === asText ? [] : [{ path: onDisk, how: 'on disk' }];
  };
}

/** Entries looked at below a folder before where its links lead counts as not known (ask). */
const MAX_LINK_SCAN = 20_000;

/**
 * Where the symlinks below a folder lead on this disk (see LinksBelow), found by walking it
 * without following links; `.git` is skipped, and a folder too big to walk is a doubt.
 */
export function diskLinksBelow(root: string, home: string): LinksBelow {
  const landing = diskLanding(root, home);
  return (folder, cwd) => {
    const abs = folder.startsWith('/') || folder === '~' || folder.startsWith('~/') ? folderOnDisk(folder, root, home) : `${folderOnDisk(cwd, root, home)}/${folder}`;
    const found: Landing[] = [];
    const stack = [physicalPath(abs)];
    let seen = 0;
    for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (++seen > MAX_LINK_SCAN) return [...found, { unknown: `more than ${MAX_LINK_SCAN} entries below ${JSON.stringify(folder)} to look for symlinks in` }];
        const path = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
        if (e.isSymbolicLink()) found.push(...landing(path, '.'));
        else if (e.isDirectory() && e.name !== '.git') stack.push(path);
      }
    }
    return found;
  };
}
