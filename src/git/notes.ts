// The history of a notes ref: every note blob each commit has ever had under it. A note is a log
// (SPEC 8), so a later version that drops or changes a line, or removes the note, is tampering,
// even though no commit of the checked range changed it.
import { GateError } from '../errors.ts';
import { GitError } from './errors.ts';
import { textOf, type Git } from './exec.ts';
import { readHistoryState } from './range.ts';
import { parseRawRecords, type Change } from './rawdiff.ts';

const HEX_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/**
 * Annotated commit -> every blob id its note had in any commit of `ref`, oldest first. Empty when
 * the ref does not exist. Notes paths are the annotated commit's id, split into fan-out folders.
 */
export async function readNoteHistory(git: Git, ref: string): Promise<Map<string, string[]>> {
  const history = new Map<string, string[]>();
  const exists = await git.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', ref]);
  if (exists.exitCode !== 0) return history;
  // git reads notes from a tree too, but a tree has no earlier versions to compare with.
  const commit = await git.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (commit.exitCode !== 0) throw new GateError(`${ref} is not a commit, so the earlier versions of its notes cannot be checked; point it at a notes commit (git notes) and rerun`);
  // A shallow notes history hides earlier versions: judged only when whole.
  const state = await readHistoryState(git);
  if (state.isShallow) {
    const commits = textOf(await git.run(['rev-list', '--end-of-options', ref, '--'])).split('\n');
    if (commits.some((c) => state.shallow.has(c))) {
      throw new GateError(`the history of ${ref} is shallow in this clone, so the earlier versions of its notes cannot be checked; fetch it whole (git fetch --unshallow, or git fetch origin ${ref}:${ref} from a full clone) and rerun`);
    }
  }
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
    // git finds a note under the upper-case spelling of the id too.
    const commit = (c.pathText ?? '').replaceAll('/', '').toLowerCase();
    if (!HEX_ID.test(commit)) continue;
    const ids = history.get(commit) ?? [];
    for (const id of [c.oldId, c.newId]) if (!ZERO.test(id) && !ids.includes(id)) ids.push(id);
    history.set(commit, ids);
  }
  return history;
}
