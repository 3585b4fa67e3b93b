// What the pre-commit and commit-msg hooks judge: the index (as GIT_INDEX_FILE names it, so
// `commit -a` and `commit <path>` are judged as git will commit them) against HEAD, or against
// nothing on an unborn branch. Two git processes at most on the clean path, run side by side.
import { isUtf8 } from 'node:buffer';
import { GateError } from '../errors.ts';
import type { Git } from '../git/exec.ts';
import { readBlobs } from '../git/log.ts';
import { parseRawDiff, type Change } from '../git/rawdiff.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { loadPolicy } from '../policy/load.ts';
import type { PolicyFile } from '../policy/types.ts';

export interface Staged {
  changes: Change[];
  /** The workspace policy as of HEAD (there is no base commit locally), or null. */
  policy: PolicyFile | null;
}

const DIFF = ['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--ignore-submodules=none', '--no-ext-diff', '--no-textconv', '--no-color'];

/** The policy blob at HEAD through `cat-file --batch`: "missing" (or an unborn HEAD) means none. */
function parsePolicyBatch(out: Buffer): Buffer | null {
  const eol = out.indexOf(0x0a);
  if (eol < 0) throw new GateError('git cat-file returned nothing for the policy at HEAD');
  const header = out.toString('utf8', 0, eol).split(' ');
  if (header[header.length - 1] === 'missing' || header[1] !== 'blob') {
    if (header[1] === 'tree') throw new GateError(`${DEFAULT_POLICY_PATH} is a folder at HEAD; it must be a policy file`);
    return null;
  }
  const size = Number(header[2]);
  if (!Number.isSafeInteger(size) || eol + 1 + size > out.length) throw new GateError('git cat-file returned a truncated policy file');
  return out.subarray(eol + 1, eol + 1 + size);
}

export async function readStaged(git: Git): Promise<Staged> {
  const [diff, batch] = await Promise.all([
    git.run(DIFF),
    git.run(['cat-file', '--batch'], { input: `HEAD:${DEFAULT_POLICY_PATH}\n` }),
  ]);
  const bytes = parsePolicyBatch(batch);
  let policy: PolicyFile | null = null;
  if (bytes !== null) {
    if (!isUtf8(bytes)) throw new GateError(`${DEFAULT_POLICY_PATH}:1:1: the policy file is not valid UTF-8`);
    policy = loadPolicy(bytes.toString('utf8'), DEFAULT_POLICY_PATH, 'workspace');
  }
  return { changes: parseRawDiff(diff), policy };
}

export { readBlobs };
