// Turns an event plan into two commit ids, fetching from origin what the checkout left out. Only
// objects are fetched: nothing is checked out, so under pull_request_target no code of the pull
// request ever reaches the working tree, let alone runs.
import { GateError } from '../errors.ts';
import { textOf, type Git } from '../git/exec.ts';
import { HISTORY_FIX } from '../git/errors.ts';
import { resolveCommit } from '../git/range.ts';
import type { BaseSpec, CheckPlan } from './event.ts';

export interface ResolvedRange {
  base: string;
  head: string;
}

const FETCH = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--no-write-fetch-head'];

async function hasRemote(git: Git, remote: string): Promise<boolean> {
  const res = await git.exec(['remote']);
  return res.exitCode === 0 && textOf(res.stdout).split('\n').includes(remote);
}

/**
 * The run needs `remote`: check fetches the tool-call log notes (refs/notes/agent-gate) and any
 * missing history from it. Without it the notes could not even be looked up, and judging without
 * them could pass an agent whose logs are kept there, so the run fails, with the fix in the line
 * rather than git's "'origin' does not appear to be a git repository" about a notes ref.
 * Outside a repository this says nothing: check names that problem itself.
 */
export async function requireRemote(git: Git, remote: string): Promise<void> {
  const res = await git.exec(['remote']);
  if (res.exitCode !== 0 || textOf(res.stdout).split('\n').includes(remote)) return;
  throw new GateError(
    `the workspace has no git remote named ${JSON.stringify(remote)}, which agent-gate fetches refs/notes/agent-gate (tool-call logs) and missing history from; check out with actions/checkout, or add it before this step: git remote add ${remote} <repository URL>`,
  );
}

/** A ref name git itself accepts; payload values are checked before they reach a refspec. */
async function validRefName(git: Git, ref: string): Promise<boolean> {
  // check-ref-format has no --end-of-options; a name that must start with refs/ cannot be an option.
  if (!ref.startsWith('refs/')) return false;
  return (await git.exec(['check-ref-format', ref])).exitCode === 0;
}

/**
 * Makes sure `id` is a commit here: as is, else fetched by id, else fetched through each of
 * `refs` (servers that refuse unadvertised ids still serve refs/pull/N/head). Failures are left to
 * `check`, which fails closed with the history message.
 */
export async function ensureCommit(git: Git, id: string, refs: readonly string[], remote: string): Promise<boolean> {
  if ((await resolveCommit(git, id)) !== null) return true;
  if (!(await hasRemote(git, remote))) return false;
  await git.exec([...FETCH, '--end-of-options', remote, id]);
  if ((await resolveCommit(git, id)) !== null) return true;
  for (const ref of refs) {
    if (!(await validRefName(git, ref))) continue;
    await git.exec([...FETCH, '--end-of-options', remote, ref]);
    if ((await resolveCommit(git, id)) !== null) return true;
  }
  return false;
}

/**
 * The tip of the default branch as origin has it (`refs/remotes/origin/NAME`), fetched when the
 * checkout did not bring it. check then judges merge-base(that, head)..head.
 */
export async function defaultBranchTip(git: Git, spec: Extract<BaseSpec, { kind: 'default-branch' }>, remote: string, head?: string): Promise<string> {
  if (spec.name === null) {
    // A guess that already holds the head (origin/HEAD naming the pushed branch) would judge no
    // commit and pass: the next one is tried, and with none left the step fails (audit 36, AD-2).
    let holding: string | null = null;
    for (const ref of [`refs/remotes/${remote}/HEAD`, `refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`]) {
      const id = await resolveCommit(git, ref);
      if (id === null) continue;
      if (head !== undefined && (await git.exec(['merge-base', '--is-ancestor', '--end-of-options', head, id])).exitCode === 0) {
        holding ??= ref.slice('refs/remotes/'.length);
        continue;
      }
      return id;
    }
    if (holding !== null) throw new GateError(`the event does not name the default branch, and ${holding} (and any other guess here) already holds the head, so nothing would be judged; ${HISTORY_FIX}`);
    throw new GateError(`the event does not name the default branch and there is no ${remote}/HEAD, ${remote}/main or ${remote}/master here; ${HISTORY_FIX}`);
  }
  const name = spec.name;
  const tracking = `refs/remotes/${remote}/${name}`;
  if (!(await validRefName(git, `refs/heads/${name}`))) {
    throw new GateError(`the default branch name ${JSON.stringify(name)} from the event is not a valid branch name`);
  }
  let id = await resolveCommit(git, tracking);
  if (id === null && (await hasRemote(git, remote))) {
    await git.exec([...FETCH, '--end-of-options', remote, `+refs/heads/${name}:${tracking}`]);
    id = await resolveCommit(git, tracking);
  }
  if (id === null) {
    throw new GateError(`the default branch ${JSON.stringify(name)} is not in this clone and could not be fetched from ${remote}; ${HISTORY_FIX}`);
  }
  return id;
}

export async function resolvePlan(git: Git, plan: CheckPlan, remote = 'origin'): Promise<ResolvedRange> {
  let head = plan.head;
  if (head === 'HEAD') {
    const id = await resolveCommit(git, 'HEAD');
    if (id === null) throw new GateError('HEAD is not a commit in this checkout; run actions/checkout first');
    head = id;
  } else {
    await ensureCommit(git, head, plan.headRefs, remote);
  }
  let base: string;
  if (plan.base.kind === 'sha') {
    base = plan.base.sha;
    await ensureCommit(git, base, [], remote);
  } else if (plan.base.kind === 'empty-tree') {
    base = textOf(await git.run(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  } else {
    base = await defaultBranchTip(git, plan.base, remote, head);
  }
  return { base, head };
}
