// The history of a notes ref: every note blob each commit has ever had under it. A note is a log
// (SPEC 8), so a later version that drops or changes a line, or removes the note, is tampering,
// even though no commit of the checked range changed it.
import { GitError } from './errors.ts';
import type { Git } from './exec.ts';
import { parseRawRecords, type Change } from './rawdiff.ts';

const HEX_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/**
 * Annotated commit -> every blob id its note had in any commit of `ref`, oldest first. Empty when
 * the ref does not exist. Notes paths are the annotated commit's id, split into fan-out folders.
 */
export async function readNoteHistory(git: Git, ref: string): Promise<Map<string, string[]>> {
  const history = new Map<string, string[]>();
  const exists = await git.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (exists.exitCode !== 0) return history;
  // -m: a merge commit's tree is diffed against each parent, so a version only merges held is seen too.
  const args = ['log', '--reverse', '-m', '--format=', '--raw', '-z', '--no-renames', '--no-abbrev', '--end-of-options', ref, '--'];
  const out = await git.run(args);
  const changes: Change[] = [];
  let pos = 0;
  while (pos < out.length) {
    const { next } = parseRawRecords(out, pos, out.length, changes);
    // Commits are separated by nothing or by a NUL or newline; anything else is not understood.
    if (next === pos && out[pos] !== 0 && out[pos] !== 0x0a) throw new GitError(args, 0, '', `unexpected output at byte ${pos}`);
    pos = next === pos ? pos + 1 : next;
  }
  for (const c of changes) {
    const commit = (c.pathText ?? '').replaceAll('/', '');
    if (!HEX_ID.test(commit)) continue;
    const ids = history.get(commit) ?? [];
    for (const id of [c.oldId, c.newId]) if (!ZERO.test(id) && !ids.includes(id)) ids.push(id);
    history.set(commit, ids);
  }
  return history;
}
