// Where the paths of replayed log entries land through the symlinks in the repository: a log's
// `git status > lnk/key` with `lnk -> secrets` in the tree wrote `secrets/key`, which the text
// alone does not say. Replay never touches a work tree, so the links come from git's trees.
import { isUtf8 } from 'node:buffer';
import { posix } from 'node:path';
import type { PathLanding } from '../engine/compile.ts';
import type { Git } from '../git/exec.ts';
import { forEachTreeEntry, readBlobs } from '../git/log.ts';

const SYMLINK = '120000';
const MAX_HOPS = 40;
const HOW = "in the commit's tree";

/** Symlink path -> blob id, for every symlink in `commit`'s tree. */
export async function treeSymlinks(git: Git, commit: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const out = await git.run(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit]);
  forEachTreeEntry(out, (path, entry) => found.set(path, entry.id), SYMLINK);
  return found;
}

/**
 * Adds the targets of `ids` (path -> blob id) to `links`, reading the blobs it does not have.
 * Returns whether `links` changed.
 */
export async function addTargets(git: Git, ids: ReadonlyMap<string, string>, links: Map<string, string>, blobs: ReadonlyMap<string, Buffer> = new Map()): Promise<boolean> {
  const missing = [...ids.values()].filter((id) => id !== '' && !blobs.has(id));
  const read = missing.length > 0 ? await readBlobs(git, missing) : new Map<string, Buffer>();
  let changed = false;
  for (const [path, id] of ids) {
    const bytes = blobs.get(id) ?? read.get(id);
    // A target that cannot be read, or is not text, is taken to leave the repository.
    const target = bytes !== undefined && isUtf8(bytes) && !bytes.includes(0) ? bytes.toString('utf8') : '/';
    if (links.get(path) !== target) changed = true;
    links.set(path, target);
  }
  return changed;
}

/**
 * Where a repository path lands through `links` (path -> target, read when called, so the map may
 * grow), walked a segment at a time as the file system would; null when no link is on the way.
 */
export function treeLanding(links: ReadonlyMap<string, string>): PathLanding {
  return (written, cwd) => {
    if (links.size === 0 || /^[/~\\]/.test(written)) return null;
    const start = cwd === '' || cwd === '.' ? '' : cwd;
    if (/^[/~\\]/.test(start)) return null;
    const queue = (start === '' ? written : `${start}/${written}`).split('/');
    const cur: string[] = [];
    let hops = 0;
    for (let seg = queue.shift(); seg !== undefined; seg = queue.shift()) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        // Above the root: the engine judges the text, which leaves the workspace too.
        if (cur.length === 0) return null;
        cur.pop();
        continue;
      }
      cur.push(seg);
      const target = links.get(cur.join('/'));
      if (target === undefined) continue;
      if (++hops > MAX_HOPS) return null;
      cur.pop();
      // A link out of the repository: the rest of the path goes on from there.
      if (/^[/~]/.test(target)) return { path: posix.normalize([target, ...queue].join('/')), how: HOW };
      queue.unshift(...target.split('/'));
    }
    return hops === 0 ? null : { path: cur.length === 0 ? '.' : cur.join('/'), how: HOW };
  };
}
