// Raw diffs between two trees (or commits), read with the options every diff we judge uses.
import type { Git } from './exec.ts';
import { GitError } from './errors.ts';
import { parseRawRecords, type Change } from './rawdiff.ts';

/** Options every diff we parse is produced with (SPEC 6.1). */
export const DIFF_ARGS: readonly string[] = [
  '--raw',
  '-z',
  '--no-abbrev',
  '--no-renames',
  '--no-relative',
  '--ignore-submodules=none',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
];

/** What changed from `from` to `to` (tree-ish ids), every record parsed and nothing left over. */
export async function diffTree(git: Git, from: string, to: string): Promise<Change[]> {
  const args = ['diff-tree', '-r', ...DIFF_ARGS, '--end-of-options', from, to, '--'];
  const out = await git.run(args);
  const { changes, next } = parseRawRecords(out, 0, out.length);
  if (next !== out.length) throw new GitError(args, 0, '', `unexpected output at byte ${next}`);
  return changes;
}
