// Files in a commit's tree named like the default policy but not it (see policy/lookalike.ts):
// `check` reads them at the base commit, the hooks at HEAD, so a rename slip is named, not silent.
import type { Git } from './exec.ts';
import { forEachTreeEntry } from './log.ts';
import { lookalikePolicies, mayHoldLookalike } from '../policy/lookalike.ts';

interface NamedEntry { path: string; type: string }

/** The look-alike policy files in `rev`'s tree, as repository paths. */
export async function treeLookalikes(git: Git, rev: string): Promise<string[]> {
  const entries = async (folder: string | null): Promise<NamedEntry[]> => {
    const out = await git.run(['ls-tree', '-z', '--full-tree', '--end-of-options', rev, ...(folder === null ? [] : ['--', `${folder}/`])], { env: { GIT_LITERAL_PATHSPECS: '1' } });
    const list: NamedEntry[] = [];
    forEachTreeEntry(out, (path, entry) => list.push({ path, type: entry.type }));
    return list;
  };
  const root = await entries(null);
  const found = lookalikePolicies('', root.filter((e) => e.type === 'blob').map((e) => e.path));
  for (const folder of root.filter((e) => e.type === 'tree' && mayHoldLookalike(e.path))) {
    const names = (await entries(folder.path)).filter((e) => e.type === 'blob').map((e) => e.path.slice(folder.path.length + 1));
    found.push(...lookalikePolicies(folder.path, names));
  }
  return found;
}
