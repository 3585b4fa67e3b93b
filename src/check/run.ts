// `check`: resolve the range, read the policy from the base commit, read every commit of the
// range in one git pass, judge, report. Anything that cannot be judged in full is a GateError.
import { isUtf8 } from 'node:buffer';
import { GateError } from '../errors.ts';
import { compilePolicy } from '../engine/compile.ts';
import { GitError, IncompleteHistoryError, InvalidRefError } from '../git/errors.ts';
import { createGit, textOf, type Git } from '../git/exec.ts';
import { readBlobs, readCommits, readFileAt } from '../git/log.ts';
import { resolveRange } from '../git/range.ts';
import { DEFAULT_LOG_PATHS, DEFAULT_NOTES_REF, DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { loadPolicy } from '../policy/load.ts';
import { homeDir, insideRoot, readPolicyFile } from '../policy/source.ts';
import type { PolicyFile } from '../policy/types.ts';
import { buildReport } from '../report/model.ts';
import { judgeCommits } from './judge.ts';
import { logBlobIds, logChanges, logMatcher } from './logs.ts';
import type { CheckOptions, CheckResult } from './types.ts';

/** git-layer failures are "could not judge": one line, exit 2. */
export function asGateError(e: unknown): unknown {
  if (e instanceof GitError || e instanceof IncompleteHistoryError || e instanceof InvalidRefError) return new GateError(e.message);
  return e;
}

interface WorkspacePolicy { file: PolicyFile | null; label: string; repoPath: string | null }

async function workspacePolicy(git: Git, root: string, base: string, opts: CheckOptions): Promise<WorkspacePolicy> {
  const source = opts.policy;
  if (source !== undefined && 'disk' in source) {
    return { file: readPolicyFile(source.disk, 'workspace'), label: source.disk, repoPath: insideRoot(root, source.disk) };
  }
  const repoPath = source?.repoPath ?? DEFAULT_POLICY_PATH;
  const bytes = await readFileAt(git, base, repoPath);
  if (bytes === null) {
    // Only the default may be absent: a policy someone named and that is not there is a mistake.
    if (repoPath !== DEFAULT_POLICY_PATH) {
      throw new GateError(`policy ${repoPath} does not exist at the base commit ${base.slice(0, 12)}; commit it to the base branch first or fix the path`);
    }
    return { file: null, label: repoPath, repoPath };
  }
  if (!isUtf8(bytes)) throw new GateError(`${repoPath}:1:1: the policy file is not valid UTF-8`);
  return { file: loadPolicy(bytes.toString('utf8'), repoPath, 'workspace'), label: repoPath, repoPath };
}

function adminPolicy(opts: CheckOptions): PolicyFile | null {
  const a = opts.adminPolicy;
  if (a === undefined) return null;
  return 'disk' in a ? readPolicyFile(a.disk, 'admin') : loadPolicy(a.text, a.label, 'admin');
}

/** Commit -> note blob id for every note under `ref`, after fetching the ref when asked to. */
async function readNotes(git: Git, ref: string, fetchFrom: string | undefined): Promise<Map<string, string>> {
  if (fetchFrom !== undefined) {
    const remote = await git.exec(['ls-remote', '--exit-code', '--end-of-options', fetchFrom, ref]);
    // 2 is "no such ref there"; anything else means the notes could not be looked up.
    if (remote.exitCode === 0) await git.run(['fetch', '--quiet', '--no-tags', '--end-of-options', fetchFrom, `+${ref}:${ref}`]);
    else if (remote.exitCode !== 2) throw new GitError(['ls-remote', fetchFrom, ref], remote.exitCode, remote.stderr);
  }
  const out = textOf(await git.run(['notes', `--ref=${ref}`, 'list']));
  const notes = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [blob, commit] = line.trim().split(' ');
    if (blob && commit) notes.set(commit, blob);
  }
  return notes;
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  try {
    return await check(opts);
  } catch (e) {
    throw asGateError(e);
  }
}

async function check(opts: CheckOptions): Promise<CheckResult> {
  const git = createGit(opts.cwd);
  const top = await git.exec(['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) throw new GateError(`${opts.cwd} is not inside a git repository; run check from a clone`);
  const root = textOf(top.stdout).trim();
  const range = await resolveRange(git, {
    ...(opts.base !== undefined ? { base: opts.base } : {}),
    ...(opts.head !== undefined ? { head: opts.head } : {}),
    ...(opts.eventRefs ? { eventRefs: true } : {}),
    ...(opts.fetchFrom !== undefined ? { fetchFrom: opts.fetchFrom } : {}),
  });
  // The walk is the slow part: start it while the policy is read and compiled.
  const commitsPromise = readCommits(git, { head: range.head, mergeBases: range.mergeBases });
  commitsPromise.catch(() => undefined);
  const workspace = await workspacePolicy(git, root, range.base, opts);
  const files = [adminPolicy(opts), workspace.file].filter((f): f is PolicyFile => f !== null);
  const policyPaths = workspace.repoPath !== null ? [workspace.repoPath] : [];
  const policy = compilePolicy(files, { home: homeDir(), root, policyPaths });
  const logsConfig = workspace.file?.logs ?? { paths: [...DEFAULT_LOG_PATHS], notes: DEFAULT_NOTES_REF };
  const matcher = logMatcher(logsConfig.paths, homeDir());
  const notesPromise = readNotes(git, logsConfig.notes, opts.fetchNotesFrom);
  notesPromise.catch(() => undefined);
  const commits = await commitsPromise;
  const inRange = new Set(commits.map((c) => c.sha));
  const logsOf = new Map(commits.map((c) => [c.sha, logChanges(c.changes, matcher)]));
  const noteIds = [...(await notesPromise)].filter(([commit]) => inRange.has(commit));
  const blobIds = [
    ...commits.flatMap((c) => c.changes.filter((ch) => ch.newMode === '120000').map((ch) => ch.newId)),
    ...[...logsOf.values()].flatMap(logBlobIds),
    ...noteIds.map(([, blob]) => blob),
  ];
  const blobs = await readBlobs(git, blobIds);
  const notes = new Map<string, Buffer>();
  for (const [commit, blob] of noteIds) {
    const bytes = blobs.get(blob);
    // A note that is listed but cannot be read is judged as an empty, hence broken, log.
    notes.set(commit, bytes ?? Buffer.alloc(0));
  }
  const judged = judgeCommits(commits, {
    policy, blobs, policyPaths,
    logs: { changes: logsOf, notesRef: logsConfig.notes, notes },
    ...(workspace.file?.agents ? { agents: workspace.file.agents } : {}),
    allCommits: opts.allCommits === true,
    branch: opts.branch ?? null,
  });
  const report = buildReport({
    // The flag and the policy may both set it; the stricter wins, so neither can loosen the other.
    failOn: opts.failOn === 'ask' || workspace.file?.failOn === 'ask' ? 'ask' : 'deny',
    range: { base: range.base, head: range.head },
    commits: judged.commits,
    findings: judged.findings,
  });
  return { report, policyFile: workspace.label };
}
