// Which repository git finds from a folder on this disk (audit 34, WW-3): earlier calls can make a
// folder in the workspace look like one (`HEAD`, `objects/`, `refs/`, a `config` with
// `core.fsmonitor`), each write allowed on its own, and git run there obeys that config.
import { lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ForeignRepository } from '../engine/compile.ts';
import { folderOnDisk, physicalPath } from './physical.ts';

/**
 * Looks on disk, the way git's discovery does (at each folder up from where it runs: a `.git`
 * there, else the folder itself as a bare repository), for the repository git would use. The
 * workspace's own `.git` (and a gitfile pointing into it: submodules, worktrees) is fine; any other
 * repository found first is named. A folder that does not exist leaves git nothing to find there.
 */
export function diskForeignRepository(root: string, home: string): ForeignRepository {
  const physicalRoot = physicalPath(root);
  const ownGitDir = `${physicalRoot}/.git`;
  const seen = new Map<string, string | null>();
  return (folder, cwd) => {
    // A folder read from the one the call runs in, and `..` taken where the links lead, as chdir takes it.
    const abs = physicalPath(folderOnDisk(folder, folderOnDisk(cwd, root, home), home));
    let found = seen.get(abs);
    if (found === undefined) {
      found = foreignAt(abs, physicalRoot, ownGitDir);
      seen.set(abs, found);
    }
    return found === null ? null : `git run in ${JSON.stringify(folder === '.' ? cwd : folder)} would use the repository at ${JSON.stringify(found)}, not the workspace's own, and obey its config (core.fsmonitor, aliases, hooks), which no rule judged`;
  };
}

function foreignAt(start: string, root: string, ownGitDir: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = `${dir}/.git`;
    const entry = stat(dotGit, false);
    if (entry !== null) {
      if (dir === root) return null;
      if (entry.isFile() && pointsInto(dotGit, ownGitDir)) return null;
      return dotGit;
    }
    if (isBareRepository(dir)) return dir === ownGitDir || dir.startsWith(`${ownGitDir}/`) ? null : dir;
    if (dir === '/' || dirname(dir) === dir) return null;
  }
}

/** git takes a folder holding `HEAD`, `objects/` and `refs/` for a bare repository. */
function isBareRepository(dir: string): boolean {
  return stat(`${dir}/HEAD`, true)?.isFile() === true && stat(`${dir}/objects`, true)?.isDirectory() === true && stat(`${dir}/refs`, true)?.isDirectory() === true;
}

/** A gitfile (`gitdir: …`) naming a folder inside the workspace's own `.git` (a submodule, a worktree). */
function pointsInto(gitfile: string, ownGitDir: string): boolean {
  let text: string;
  try {
    text = readFileSync(gitfile, 'utf8');
  } catch {
    return false;
  }
  const m = /^gitdir: (.+)$/m.exec(text);
  if (m?.[1] === undefined) return false;
  const target = physicalPath(resolve(dirname(gitfile), m[1].trim()));
  return target === ownGitDir || target.startsWith(`${ownGitDir}/`);
}

function stat(path: string, follow: boolean): Stats | null {
  try {
    return (follow ? statSync(path, { throwIfNoEntry: false }) : lstatSync(path, { throwIfNoEntry: false })) ?? null;
  } catch {
    return null;
  }
}
