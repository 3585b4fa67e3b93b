// What the pre-commit and commit-msg hooks judge: the index (as GIT_INDEX_FILE names it, so
// `commit -a` and `commit <path>` are judged as git will commit them) against HEAD, or against
// nothing on an unborn branch, or while a merge is concluded against git's own merge. Three git
// processes at most on the clean path, run side by side.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { textOf, type Git } from '../git/exec.ts';
import { isObjectId } from '../git/ids.ts';
import { linkedFolderReason } from '../git/linkedfolder.ts';
import { parseRawDiff, type Change } from '../git/rawdiff.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { loadPolicy, notUtf8Error } from '../policy/load.ts';
import type { PolicyFile } from '../policy/types.ts';
import { parseVarList, type Idents } from './ident.ts';
import { DEFAULT_BRANCH_REFS, STAGED_DIFF, startStagedReads, type StagedReads } from './prefetch.ts';

export interface Staged {
  changes: Change[];
  /** The workspace policy as of HEAD (there is no base commit locally), or null. */
  policy: PolicyFile | null;
  /**
   * The default branch's policy as this clone has it (DEFAULT_BRANCH_REFS), when there is one and
   * it is not HEAD's: the hook judges by both, as the agent picks HEAD but not CI's base.
   */
  defaultPolicy: PolicyFile | null;
  /**
   * Why the default branch's policy could not be read (broken, or not a file), or null: it stops
   * the commits the hook judges, never a human's, which a broken policy on HEAD already stops.
   */
  defaultPolicyError: string | null;
  /** The author and committer git will record. */
  idents: Idents;
  /** A merge is being concluded (git's own MERGE_HEAD is a commit). */
  merging: boolean;
  /** HEAD has no commit yet: there is no tree to read links from. */
  unborn: boolean;
}

const DIFF = STAGED_DIFF;

interface BatchObject {
  /** Object id, or null when the name is missing. */
  id: string | null;
  type: string | null;
  bytes: Buffer | null;
}

/** The answers of `cat-file --batch` to `count` names, in order. */
function parseBatch(out: Buffer, count: number): BatchObject[] {
  const objects: BatchObject[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, pos);
    if (eol < 0) throw new GateError('git cat-file returned nothing for the policy at HEAD');
    const header = out.toString('utf8', pos, eol).split(' ');
    if (header.length !== 3 || !/^[0-9a-f]{40,64}$/.test(header[0] ?? '')) {
      // `NAME missing`, `NAME ambiguous`: no such object.
      objects.push({ id: null, type: null, bytes: null });
      pos = eol + 1;
      continue;
    }
    const size = Number(header[2]);
    if (!Number.isSafeInteger(size) || eol + 1 + size > out.length) throw new GateError('git cat-file returned a truncated object');
    objects.push({ id: header[0] as string, type: header[1] as string, bytes: out.subarray(eol + 1, eol + 1 + size) });
    pos = eol + 1 + size + 1;
  }
  return objects;
}

/** The mode of the entry `name` in a raw tree object (`hashBytes` long object ids), or null. */
function treeEntryMode(tree: Buffer, name: string, hashBytes: number): string | null {
  let pos = 0;
  while (pos < tree.length) {
    const space = tree.indexOf(0x20, pos);
    const nul = tree.indexOf(0, space);
    if (space < 0 || nul < 0) return null;
    if (tree.toString('utf8', space + 1, nul) === name) return tree.toString('latin1', pos, space).padStart(6, '0');
    pos = nul + 1 + hashBytes;
  }
  return null;
}

/** The mode of `name` in a tree read by the batch, or null when the object is not a tree. */
function modeIn(o: BatchObject, name: string): string | null {
  return o.type === 'tree' && o.bytes !== null && o.id !== null ? treeEntryMode(o.bytes, name, o.id.length / 2) : null;
}

/** The batch's answers for the policy file, the folder holding it and the root tree at one revision. */
type PolicyObjects = readonly [file: BatchObject, folder: BatchObject, root: BatchObject];

/**
 * The workspace policy at revision `at` (named `label` in messages and rules), or null when there
 * is none. As check does: a policy that is a folder, a symbolic link or a gitlink is not a policy
 * file, and one below a folder that is a link or a gitlink is not read through it.
 */
function policyAt([policyObject, folderObject, rootObject]: PolicyObjects, at: string, label: string): PolicyFile | null {
  const folder = DEFAULT_POLICY_PATH.slice(0, DEFAULT_POLICY_PATH.lastIndexOf('/'));
  const mode = modeIn(folderObject, DEFAULT_POLICY_PATH.slice(folder.length + 1));
  if (mode === '120000' || mode === '160000') {
    throw new GateError(`${DEFAULT_POLICY_PATH} is a ${mode === '120000' ? 'symbolic link' : 'submodule'} at ${at}; it must be a policy file`);
  }
  // Only a policy git found no blob for may sit behind a linked folder.
  const linked = policyObject.type === null ? linkedFolderReason(DEFAULT_POLICY_PATH, folder, modeIn(rootObject, folder), at) : null;
  if (linked !== null) throw new GateError(linked);
  // Listed in the tree but not readable (a corrupt or missing object): not "no policy".
  const listed = policyObject.type === null && (mode !== null || (folderObject.type === null && modeIn(rootObject, folder) === '040000'));
  if (listed) throw new GateError(`${DEFAULT_POLICY_PATH} is in ${at}'s tree but git could not read it (a corrupt or missing object); run git fsck, or fetch the object again`);
  if (policyObject.type === 'tree') throw new GateError(`${DEFAULT_POLICY_PATH} is a folder at ${at}; it must be a policy file`);
  // A missing one (or an unborn HEAD) means none.
  const bytes = policyObject.type === 'blob' ? policyObject.bytes : null;
  if (bytes === null) return null;
  if (!isUtf8(bytes)) throw notUtf8Error(label, bytes);
  return loadPolicy(bytes.toString('utf8'), label, 'workspace');
}

/**
 * The policy of the first of DEFAULT_BRANCH_REFS this clone has, when it holds one other than
 * HEAD's. A default branch without one adds nothing: the policy HEAD has (if any) still applies.
 */
function defaultBranchPolicy(objects: readonly BatchObject[], head: PolicyObjects): PolicyFile | null {
  for (const [i, ref] of DEFAULT_BRANCH_REFS.entries()) {
    const at = objects.slice(3 * i, 3 * i + 3) as unknown as PolicyObjects;
    if (at[2].type !== 'tree') continue;
    if (at[0].id !== null && at[0].id === head[0].id) return null;
    const name = ref.replace(/^refs\/remotes\//, '');
    return policyAt(at, name, `${name}:${DEFAULT_POLICY_PATH}`);
  }
  return null;
}

/**
 * While a merge is being concluded (MERGE_HEAD), the commit is judged on what the index holds
 * beyond git's own merge of HEAD and MERGE_HEAD (SPEC 6.1, as `check` judges merges): the other
 * side's changes are that side's commits, judged on their own. Conflict resolutions differ from the
 * automatic merge (which holds the conflict markers), so they are judged. Null (judge against HEAD,
 * which is stricter) when git cannot compute the merge.
 */
async function automaticMerge(git: Git, mergeHead: string): Promise<string | null> {
  // `MERGE_HEAD` also resolves to a branch or tag of that name: only git's own merge state counts.
  const file = resolve(git.cwd, textOf(await git.run(['rev-parse', '--git-path', 'MERGE_HEAD'])).trim());
  let recorded = '';
  try { recorded = readFileSync(file, 'latin1').split('\n')[0]?.trim() ?? ''; } catch { return null; }
  if (recorded !== mergeHead) return null;
  const args = ['merge-tree', '--write-tree', '--allow-unrelated-histories', '-z', '--end-of-options', 'HEAD', mergeHead];
  const res = await git.exec(args);
  if (res.exitCode !== 0 && res.exitCode !== 1) return null;
  const end = res.stdout.indexOf(0);
  const tree = res.stdout.toString('latin1', 0, end < 0 ? res.stdout.length : end).trim();
  return isObjectId(tree) ? tree : null;
}

export async function readStaged(git: Git, reads: StagedReads = startStagedReads(git)): Promise<Staged> {
  const [diff, batch, ident] = await Promise.all([reads.diff, reads.batch, reads.ident]);
  const idents = parseVarList(ident);
  const objects = parseBatch(batch, 4 + 3 * DEFAULT_BRANCH_REFS.length);
  const mergeObject = objects[0] as BatchObject;
  const head = objects.slice(1, 4) as unknown as PolicyObjects;
  const rootObject = head[2];
  const policy = policyAt(head, 'HEAD', DEFAULT_POLICY_PATH);
  let defaultPolicy: PolicyFile | null = null;
  let defaultPolicyError: string | null = null;
  try {
    defaultPolicy = defaultBranchPolicy(objects.slice(4), head);
  } catch (e) {
    if (!(e instanceof GateError)) throw e;
    defaultPolicyError = e.message;
  }
  if (mergeObject.type === 'commit' && mergeObject.id !== null) {
    const tree = await automaticMerge(git, mergeObject.id);
    if (tree !== null) return { changes: parseRawDiff(await git.run([...DIFF, tree, '--'])), policy, defaultPolicy, defaultPolicyError, idents, merging: true, unborn: false };
  }
  return { changes: parseRawDiff(diff), policy, defaultPolicy, defaultPolicyError, idents, merging: mergeObject.type === 'commit', unborn: rootObject.type !== 'tree' };
}

