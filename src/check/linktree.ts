// The git side of links.ts: where the symlinks a change set wrote really point, reading the
// other links from a tree (a commit's, for check) or from the index (for the hook).
import { isUtf8 } from 'node:buffer';
import type { Git } from '../git/exec.ts';
import { namable, readBlobs, type TreeEntry } from '../git/log.ts';
import type { Change } from '../git/rawdiff.ts';
import { resolveLinks, type LinkResolution, type TreeEntryKind } from './links.ts';

/** Reads the entries at some literal paths; a path with no entry is left out. */
export type EntryReader = (paths: readonly string[]) => Promise<Map<string, Pick<TreeEntry, 'mode' | 'id'>>>;

const SYMLINK = '120000';

/**
 * Where the symlinks among `changes` really point, or null when there are none. Targets that are
 * missing or not UTF-8 are left to diff.ts, which denies them.
 */
export async function resolveChangedLinks(git: Git, changes: readonly Change[], blobs: ReadonlyMap<string, Buffer>, read: EntryReader): Promise<Map<string, LinkResolution> | null> {
  const targets = new Map<string, string>();
  for (const ch of changes) {
    if (ch.newMode !== SYMLINK || ch.pathText === null) continue;
    const blob = blobs.get(ch.newId);
    if (blob !== undefined && isUtf8(blob)) targets.set(ch.pathText, blob.toString('utf8'));
  }
  if (targets.size === 0) return null;
  return resolveLinks(targets, async (paths) => {
    const entries = await read(paths);
    const linkBlobs = await readBlobs(git, [...entries.values()].filter((e) => e.mode === SYMLINK).map((e) => e.id));
    const answer = new Map<string, TreeEntryKind>();
    for (const [path, e] of entries) {
      if (e.mode !== SYMLINK) {
        // A submodule is a folder of another repository.
        answer.set(path, { kind: e.mode === '040000' || e.mode === '160000' ? 'folder' : 'file' });
        continue;
      }
      const bytes = linkBlobs.get(e.id);
      // A link on the way whose target cannot be read is taken to leave the repository.
      answer.set(path, { link: bytes !== undefined && isUtf8(bytes) ? bytes.toString('utf8') : '/' });
    }
    return answer;
  });
}

/**
 * Index entries at literal paths (stage 0 and conflict stages alike: any may be checked out). The
 * index lists no folders, so a folder reads as missing, which is judged like a folder.
 */
export function indexReader(git: Git): EntryReader {
  return async (requested) => {
    const paths = namable(requested);
    const found = new Map<string, Pick<TreeEntry, 'mode' | 'id'>>();
    for (let i = 0; i < paths.length; i += 500) {
      const out = await git.run(['ls-files', '-s', '-z', '--', ...paths.slice(i, i + 500)], { env: { GIT_LITERAL_PATHSPECS: '1' } });
      for (const record of out.toString('utf8').split('\0')) {
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode, id] = record.slice(0, tab).split(' ');
        const path = record.slice(tab + 1);
        if (mode !== undefined && id !== undefined && (!found.has(path) || mode === SYMLINK)) found.set(path, { mode, id });
      }
    }
    return found;
  };
}
