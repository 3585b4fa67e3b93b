// Which commits a workflow run judges, from the event alone (no git here). The payload is data
// that a pull request's author partly controls, so every commit id must be a full hex id and
// every other field is only ever used as a value, never as a git expression.
import { GateError } from '../errors.ts';
import { isNullObjectId, isObjectId } from '../git/range.ts';

export const SUPPORTED_EVENTS = ['pull_request', 'pull_request_target', 'push', 'merge_group', 'workflow_dispatch'] as const;

/** Where the range starts: a commit from the payload, or the repository's default branch. */
export type BaseSpec =
  | { kind: 'sha'; sha: string }
  /** `name` null: the payload does not say; fall back to origin/HEAD, main, master. */
  | { kind: 'default-branch'; name: string | null }
  /** Nothing older exists: the whole history is judged, from the empty tree. */
  | { kind: 'empty-tree' };

export interface CheckPlan {
  kind: 'check';
  event: string;
  /** A full commit id, or `HEAD` for a manual run without GITHUB_SHA. */
  head: string;
  base: BaseSpec;
  /** Head branch name, for the branch-prefix agent signals. */
  branch?: string;
  /** The pull request, when there is one to comment on. */
  pullNumber?: number;
  /** Refs on origin that hold the head, tried when the head commit is not in the clone. */
  headRefs: string[];
  /** One line for the log: what is judged and why. */
  description: string;
}

export interface SkipPlan {
  kind: 'skip';
  reason: string;
}

export type Plan = CheckPlan | SkipPlan;

export interface EventEnv {
  GITHUB_SHA?: string | undefined;
  GITHUB_REF?: string | undefined;
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A payload or environment value for a one-line message: quoted and cut short. */
function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  return v === undefined ? 'absent' : JSON.stringify(v) ?? 'nothing';
}

function commitId(event: string, payload: unknown, path: string): string {
  const v = field(payload, path);
  const id = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (!isObjectId(id)) {
    const got = typeof v === 'string' ? describe(v) : 'nothing';
    throw new GateError(`the ${event} event payload has no valid ${path} (a full hex commit id), got ${got}`);
  }
  return id;
}

/** A string field that may be missing (or null); any other type is a payload this code does not understand. */
function optionalString(payload: unknown, path: string): string | undefined {
  const v = field(payload, path);
  if (v !== undefined && v !== null && typeof v !== 'string') throw new GateError(`the event payload's ${path} is not a string (got ${JSON.stringify(v)?.slice(0, 40) ?? typeof v}); cannot judge this event`);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function branchOfRef(ref: string | undefined): string | undefined {
  return ref !== undefined && ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length ? ref.slice('refs/heads/'.length) : undefined;
}

/** The pull request of a pull_request or pull_request_target payload; undefined when there is none. */
export function pullNumberOf(event: string, payload: unknown): number | undefined {
  if (event !== 'pull_request' && event !== 'pull_request_target') return undefined;
  const n = field(payload, 'pull_request.number');
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function pullRequestPlan(event: string, payload: unknown): CheckPlan {
  const n = pullNumberOf(event, payload);
  if (n === undefined) throw new GateError(`the ${event} event payload has no pull_request.number`);
  const base = commitId(event, payload, 'pull_request.base.sha');
  const head = commitId(event, payload, 'pull_request.head.sha');
  const branch = optionalString(payload, 'pull_request.head.ref');
  return {
    kind: 'check', event, head, base: { kind: 'sha', sha: base },
    ...(branch !== undefined ? { branch } : {}),
    pullNumber: n,
    // Under pull_request_target the checkout holds the base only; the head of a fork's pull
    // request is on origin only as refs/pull/N/head.
    headRefs: [`refs/pull/${n}/head`],
    description: `pull request #${n}: ${base.slice(0, 12)}..${head.slice(0, 12)}`,
  };
}

function pushPlan(payload: unknown): Plan {
  const ref = optionalString(payload, 'ref');
  const after = field(payload, 'after');
  const deleted = field(payload, 'deleted') === true;
  const zeroAfter = typeof after === 'string' && isNullObjectId(after.trim().toLowerCase());
  // Only a payload that says both (deleted, and no commit after it) is a deletion: skipping on one
  // of them alone would pass a push whose commits were never judged.
  if (deleted && zeroAfter) {
    return { kind: 'skip', reason: `the push deleted ${JSON.stringify(ref ?? 'a ref')}; there are no commits to judge` };
  }
  if (deleted || zeroAfter) {
    const said = deleted ? `deleted: true but after is ${describe(after)}` : `after is all zeros but deleted is ${describe(field(payload, 'deleted'))}`;
    throw new GateError(`the push event payload is inconsistent (${said}); cannot tell whether the push deleted the ref or pushed commits`);
  }
  const head = commitId('push', payload, 'after');
  const branch = branchOfRef(ref);
  const defaultBranch = optionalString(payload, 'repository.default_branch') ?? null;
  const beforeRaw = field(payload, 'before');
  const created = typeof beforeRaw === 'string' && isNullObjectId(beforeRaw.trim().toLowerCase());
  const common = { kind: 'check' as const, event: 'push', head, ...(branch !== undefined ? { branch } : {}), headRefs: [] };
  const onDefault = defaultBranch !== null && branch === defaultBranch;
  if (created && !onDefault) {
    // A new branch: its commits are the ones not on the default branch.
    return { ...common, base: { kind: 'default-branch', name: defaultBranch }, description: `new branch ${JSON.stringify(branch ?? ref ?? '')}: commits not on the default branch` };
  }
  if (field(payload, 'forced') === true && !onDefault) {
    // After a force push `before` may share nothing with `after`; judging from it would skip
    // rewritten commits, so the whole branch is judged again.
    return { ...common, base: { kind: 'default-branch', name: defaultBranch }, description: `force push to ${JSON.stringify(branch ?? ref ?? '')}: the whole branch against the default branch` };
  }
  if (created) {
    // The default branch itself was created (a new repository, or the branch deleted and pushed
    // again): nothing older to compare with, so every commit it holds is judged.
    return { ...common, base: { kind: 'empty-tree' }, description: `the default branch was created at ${head.slice(0, 12)}: every commit of its history is judged, without a workspace policy (there is no base commit to read one from)` };
  }
  const before = commitId('push', payload, 'before');
  if (!onDefault) {
    // On any other branch `before` is the tip of an earlier push, maybe the agent's: reading the
    // policy there would let a commit that rewrote it (which failed its own run) choose the rules
    // for every push after it. The whole branch is judged again, by the default branch's policy.
    return { ...common, base: { kind: 'default-branch', name: defaultBranch }, description: `push to ${JSON.stringify(branch ?? ref ?? '')}: the whole branch against the default branch, whose policy applies` };
  }
  return { ...common, base: { kind: 'sha', sha: before }, description: `push: ${before.slice(0, 12)}..${head.slice(0, 12)}` };
}

function mergeGroupPlan(payload: unknown): CheckPlan {
  const base = commitId('merge_group', payload, 'merge_group.base_sha');
  const head = commitId('merge_group', payload, 'merge_group.head_sha');
  const headRef = optionalString(payload, 'merge_group.head_ref');
  return {
    kind: 'check', event: 'merge_group', head, base: { kind: 'sha', sha: base },
    headRefs: headRef !== undefined && headRef.startsWith('refs/') ? [headRef] : [],
    description: `merge queue: ${base.slice(0, 12)}..${head.slice(0, 12)}`,
  };
}

function dispatchPlan(payload: unknown, env: EventEnv): CheckPlan {
  const sha = (env.GITHUB_SHA ?? '').trim().toLowerCase();
  // Without GITHUB_SHA the checkout is the run's commit; a value that is there but is no commit id
  // is a broken run, and judging HEAD instead could judge a different commit than the run's.
  if (sha !== '' && !isObjectId(sha)) throw new GateError(`GITHUB_SHA is not a full hex commit id (got ${describe(env.GITHUB_SHA)}); cannot tell which commit the workflow_dispatch run judges`);
  const head = sha === '' ? 'HEAD' : sha;
  const branch = branchOfRef(optionalString(payload, 'ref') ?? env.GITHUB_REF);
  return {
    kind: 'check', event: 'workflow_dispatch', head,
    base: { kind: 'default-branch', name: optionalString(payload, 'repository.default_branch') ?? null },
    ...(branch !== undefined ? { branch } : {}),
    headRefs: [],
    description: `manual run: ${head === 'HEAD' ? 'HEAD' : head.slice(0, 12)} against the default branch`,
  };
}

export function planFromEvent(eventName: string, payload: unknown, env: EventEnv = {}): Plan {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return pullRequestPlan(eventName, payload);
    case 'push':
      return pushPlan(payload);
    case 'merge_group':
      return mergeGroupPlan(payload);
    case 'workflow_dispatch':
      return dispatchPlan(payload, env);
    default:
      throw new GateError(`unsupported event ${JSON.stringify(eventName)}; agent-gate runs on ${SUPPORTED_EVENTS.join(', ')}`);
  }
}
