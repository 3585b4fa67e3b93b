// The symlinks of a repository's work tree, for the other names a written path has (physical.ts
// linkedNames: with `config/prod -> ../deploy/prod`, `deploy/prod/app.yml` is `config/prod/app.yml`).
// git's index lists the tracked links by mode and the untracked files it does not ignore by name,
// so a large repository costs two git calls, not a walk; links in ignored folders (node_modules,
// build output) are the tools' own and are left out.
import { isUtf8 } from 'node:buffer';
import { lstatSync } from 'node:fs';
import { createGit, type Git } from '../git/exec.ts';

const SYMLINK = '120000';

/** Untracked files looked at before the links among them count as not known (ask). */
export const MAX_UNTRACKED = 20_000;

export interface RepositoryLinks {
  /** Absolute paths, below `root` as given, of the symlinks found. */
  links: string[];
  /** Why some links may not have been found; null when all were. */
  doubt: string | null;
}

/**
 * The symlinks git sees in the work tree at `root`, or null when `root` is no work tree (git says
 * so, or cannot run): the caller then looks on disk itself.
 */
export function repositoryLinks(root: string): RepositoryLinks | null {
  const git = createGit(root);
  const tracked = listed(git, ['ls-files', '-s', '-z']);
  if (tracked === null) return null;
  const links: string[] = [];
  let doubt: string | null = null;
  const add = (path: Buffer): void => {
    if (!isUtf8(path)) doubt ??= 'a file in the repository has a name that is not UTF-8';
    else links.push(`${root}/${path.toString('utf8')}`);
  };
  for (const record of tracked) {
    const tab = record.indexOf(0x09);
    if (tab > 0 && record.subarray(0, SYMLINK.length).toString('latin1') === SYMLINK) add(record.subarray(tab + 1));
  }
  const untracked = listed(git, ['ls-files', '-o', '--exclude-standard', '-z']);
  if (untracked === null) return { links, doubt: 'git could not list the untracked files' };
  if (untracked.length > MAX_UNTRACKED) return { links, doubt: `more than ${MAX_UNTRACKED} untracked files to look for symlinks in` };
  for (const path of untracked) {
    try {
      if (lstatSync(Buffer.concat([Buffer.from(`${root}/`), path])).isSymbolicLink()) add(path);
    } catch { /* gone since it was listed */ }
  }
  return { links, doubt };
}

/** The NUL-separated records git prints, or null when it fails. */
function listed(git: Git, args: readonly string[]): Buffer[] | null {
  let out: Buffer;
  try {
    const res = git.execSync(args);
    if (res.exitCode !== 0) return null;
    out = res.stdout;
  } catch {
    return null;
  }
  const records: Buffer[] = [];
  for (let start = 0, end = out.indexOf(0); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
    if (end > start) records.push(out.subarray(start, end));
  }
  return records;
}
