// `check`: resolve the range, read the policy from the base commit, read every commit of the
// range in one git pass, judge, report. Anything that cannot be judged in full is a GateError.
import { resolvedOnDisk } from '../cli/ondisk.ts';
import { isUtf8 } from 'node:buffer';
import { GateError } from '../errors.ts';
import { compilePolicy, type CompiledPolicy } from '../engine/compile.ts';
import { firstLine, GitError, IncompleteHistoryError, InvalidRefError } from '../git/errors.ts';
import { createGit, textOf, type Git } from '../git/exec.ts';
import { readBlobs, readCommits, readEntriesAt, readFileAt, type CommitInfo } from '../git/log.ts';
import { treeLookalikes } from '../git/lookalikes.ts';
import { readNoteHistory } from '../git/notes.ts';
import { isUtf8Encoding, parseRawCommit } from '../git/rawcommit.ts';
import { branchOfHead, givenBranchName, resolveRange } from '../git/range.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { loadPolicy, notUtf8Error } from '../policy/load.ts';
import { lookalikeWarning } from '../policy/lookalike.ts';
import { combineSettings, type GateSettings } from '../policy/settings.ts';
import { homeDir, policyRepoPaths, readPolicyFile } from '../policy/source.ts';
import type { PolicyFile } from '../policy/types.ts';
import { buildReport } from '../report/model.ts';
import { judgeCommit, type JudgedCommit } from './judge.ts';
import { resolveChangedLinks } from './linktree.ts';
import { carriedByUnjudgedMerges, carriedFindings } from './carried.ts';
import type { LinkResolution } from './links.ts';
import { addTargets, entryLinkNoter, linksThrough, rangeBoundary, treeLanding, treeLinkedNames, treeLinksBelow, treeSymlinks, type TreeLinks } from './loglinks.ts';
import { forgetVerdicts, logBlobIds, logChanges, logMatcher, type LogChange, type LogMatcher } from './logs.ts';
import type { CheckOptions, CheckResult } from './types.ts';

/** git-layer failures are "could not judge": one line, exit 2. */
export function asGateError(e: unknown): unknown {
  if (e instanceof GitError || e instanceof IncompleteHistoryError || e instanceof InvalidRefError) return new GateError(e.message);
  return e;
}

interface WorkspacePolicy {
  file: PolicyFile | null;
  label: string;
  /** Its repository paths, which the kiro scope protects (none for a file outside the repository). */
  repoPaths: string[];
  warning?: string;
}

async function workspacePolicy(git: Git, root: string, base: string, opts: CheckOptions): Promise<WorkspacePolicy> {
  const source = opts.policy;
  if (source !== undefined && 'disk' in source) {
    return { file: readPolicyFile(source.disk, 'workspace'), label: source.disk, repoPaths: policyRepoPaths(root, source.disk) };
  }
  const repoPath = source?.repoPath ?? DEFAULT_POLICY_PATH;
  const bytes = await readFileAt(git, base, repoPath);
  if (bytes === null) {
    // Only the default may be absent: a policy someone named and that is not there is a mistake.
    if (repoPath !== DEFAULT_POLICY_PATH) {
      throw new GateError(`policy ${repoPath} does not exist at the base commit ${base.slice(0, 12)}; commit it to the base branch first or fix the path`);
    }
    const warning = lookalikeWarning(await treeLookalikes(git, base), `in the base commit ${base.slice(0, 12)}`);
    return { file: null, label: repoPath, repoPaths: [repoPath], ...(warning !== null ? { warning } : {}) };
  }
  if (!isUtf8(bytes)) throw notUtf8Error(repoPath, bytes);
  return { file: loadPolicy(bytes.toString('utf8'), repoPath, 'workspace'), label: repoPath, repoPaths: [repoPath] };
}

function adminPolicy(opts: CheckOptions): PolicyFile | null {
  const a = opts.adminPolicy;
  if (a === undefined) return null;
  return 'disk' in a ? readPolicyFile(a.disk, 'admin') : loadPolicy(a.text, a.label, 'admin');
}

interface Notes {
  /** Commit -> note blob id, for every note under the ref now. */
  ids: Map<string, string>;
  /** Commit -> every blob id its note ever had (readNoteHistory). */
  history: Map<string, string[]>;
}

/** The notes under `ref` and their history, after fetching the ref when asked to. */
async function readNotes(git: Git, ref: string, fetchFrom: string | undefined): Promise<Notes> {
  if (fetchFrom !== undefined) {
    const remote = await git.exec(['ls-remote', '--exit-code', '--end-of-options', fetchFrom, ref]);
    // 2 is "no such ref there"; anything else means the notes could not be looked up.
    if (remote.exitCode === 0) await git.run(['fetch', '--quiet', '--no-tags', '--end-of-options', fetchFrom, `+${ref}:${ref}`]);
    else if (remote.exitCode !== 2) throw new GitError(['ls-remote', fetchFrom, ref], remote.exitCode, remote.stderr);
  }
  const [list, history] = await Promise.all([git.run(['notes', `--ref=${ref}`, 'list']), readNoteHistory(git, ref)]);
  const ids = new Map<string, string>();
  for (const line of textOf(list).split('\n')) {
    const [blob, commit] = line.trim().split(' ');
    if (blob && commit) ids.set(commit, blob);
  }
  return { ids, history };
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  try {
    return await check(opts);
  } catch (e) {
    throw asGateError(e);
  }
}

interface Judging {
  policy: CompiledPolicy;
  policyPaths: string[];
  workspace: WorkspacePolicy;
  /** `agents`, `failOn` and `logs` of the admin and workspace policies together. */
  settings: GateSettings;
  matcher: LogMatcher;
  notesRef: string;
  /** Commit -> note blob id. */
  noteIds: Map<string, string>;
  /** Commit -> blob ids of its note's earlier versions. */
  noteHistory: Map<string, string[]>;
}

// Commits are judged in batches while git is still listing the range: one cat-file per batch for
// the blobs its logs, notes and symlinks need. The first batch starts after BATCH commits; each
// later one takes all that arrived meanwhile, so a slow judge means fewer, larger batches.
const BATCH = 25;

async function check(opts: CheckOptions): Promise<CheckResult> {
  const git = createGit(opts.cwd, { env: opts.env });
  const top = await git.exec(['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) {
    // git also stops here on a repository it cannot read (a bad config line), and in a bare one.
    const why = firstLine(top.stderr);
    if (why === '' || /not a git repository/.test(why)) throw new GateError(`${opts.cwd} is not inside a git repository; run check from a clone`);
    if (/must be run in a work tree/.test(why)) throw new GateError(`${opts.cwd} is not in a work tree (a bare repository, or inside .git); run check from the work tree of a clone`);
    throw new GateError(`git cannot read the repository at ${opts.cwd} (${why}); repair it, then rerun check`);
  }
  const root = textOf(top.stdout).trim();
  // Locally the head's own branch name is the branch signal (the Action passes the event's).
  const [range, headBranch] = await Promise.all([
    resolveRange(git, {
      ...(opts.base !== undefined ? { base: opts.base } : {}),
      ...(opts.head !== undefined ? { head: opts.head } : {}),
      ...(opts.eventRefs ? { eventRefs: true } : {}),
      ...(opts.fetchFrom !== undefined ? { fetchFrom: opts.fetchFrom } : {}),
    }),
    opts.eventRefs === true ? Promise.resolve(null) : opts.branch !== undefined ? givenBranchName(git, opts.branch) : branchOfHead(git, opts.head ?? 'HEAD'),
  ]);
  const branch = opts.eventRefs === true ? (opts.branch ?? null) : headBranch;

  const blobs = new Map<string, Buffer>();
  const logChangesOf = new Map<string, LogChange[]>();
  const notes = new Map<string, Buffer>();
  const notePast = new Map<string, Array<Buffer | null>>();
  const judged = new Map<string, JudgedCommit>();
  const links = new Map<string, Map<string, LinkResolution>>();
  // The symlinks log entries' paths are followed through, and that give a changed path its other
  // names (loglinks.ts): those of the base and head trees and of the range's boundary (the parents
  // outside it, whose trees the range's commits were made on), read with the first batch, and every
  // one a commit of the range adds. Without the boundary, a link the branch started with that the base branch removed
  // later, and merged in, was in neither tip's tree, so a write recorded through it passed (II-2).
  const logLinks: TreeLinks = new Map();
  // Links log entries made, of all commits (see entryLinkNoter): the verdicts so far are
  // forgotten, and a new link has the commit's entries judged again (madeLinks).
  let madeLinks = false;
  let judgingPolicy: CompiledPolicy | null = null;
  const entryLinks = entryLinkNoter(logLinks, (rejudge) => {
    if (judgingPolicy !== null) forgetVerdicts(judgingPolicy);
    if (rejudge) madeLinks = true;
  });
  // How to judge each commit again, and how many links entries had made when it was judged.
  const rejudges = new Map<string, { judge: () => JudgedCommit; seen: number }>();
  let treeLinks: Promise<boolean> | null = null;
  const readTreeLinks = async (): Promise<boolean> => {
    const boundary = await rangeBoundary(git, range.head, range.mergeBases);
    const commits = [...new Set([range.base, range.head, ...boundary])];
    const found = await Promise.all(commits.map((commit) => treeSymlinks(git, commit)));
    return addTargets(git, found.flatMap((links) => [...links]), logLinks);
  };
  // Where a link leads, for diff.ts: the policy's landing also gives the names links give a path.
  // Both re-read the links when they grow, so one of each serves every commit.
  const forwardLanding = treeLanding(logLinks);
  const linkedNames = treeLinkedNames(logLinks);
  const judgeBatch = async (j: Judging, batch: readonly CommitInfo[]): Promise<void> => {
    const ids: string[] = [];
    for (const c of batch) {
      const logs = logChanges(c.changes, j.matcher);
      logChangesOf.set(c.sha, logs);
      for (const ch of c.changes) if (ch.newMode === '120000') ids.push(ch.newId);
      ids.push(...logBlobIds(logs));
      const note = j.noteIds.get(c.sha);
      if (note !== undefined) ids.push(note);
      for (const id of j.noteHistory.get(c.sha) ?? []) if (id !== note) ids.push(id);
    }
    // A commit declaring an encoding other than UTF-8 is read from its object (rawcommit.ts).
    const foreign = batch.filter((c) => !isUtf8Encoding(c.encoding));
    ids.push(...foreign.map((c) => c.sha));
    const objects = new Map<string, Buffer>();
    for (const [id, bytes] of await readBlobs(git, ids, objects)) blobs.set(id, bytes);
    for (const c of foreign) {
      const object = objects.get(c.sha);
      if (object === undefined) throw new GitError(['cat-file', '--batch'], 0, '', `commit ${c.sha} could not be read`);
      Object.assign(c, parseRawCommit(object));
    }
    // The links each commit adds count from that commit on (added in the loop below), whatever
    // the batches: one added here and removed before the head is still on the way of a later
    // commit's entries.
    const addedBy = new Map<string, Array<[string, string]>>();
    for (const c of batch) {
      const added: Array<[string, string]> = [];
      for (const ch of c.changes) if (ch.newMode === '120000' && ch.pathText !== null) added.push([ch.pathText, ch.newId]);
      if (added.length > 0) addedBy.set(c.sha, added);
    }
    // Every change may lie below a link's target (XX-2), so the trees' links are read for any batch.
    if (batch.length > 0) {
      const first = treeLinks === null;
      const fromTrees = await (treeLinks ??= readTreeLinks());
      if (first && fromTrees) forgetVerdicts(j.policy);
    }
    for (const c of batch) {
      const resolved = await resolveChangedLinks(git, c.changes, blobs, (paths) => readEntriesAt(git, c.sha, paths));
      if (resolved !== null) links.set(c.sha, resolved);
    }
    for (const c of batch) {
      const note = j.noteIds.get(c.sha);
      // A note that is listed but cannot be read is judged as an empty, hence broken, log.
      if (note !== undefined) notes.set(c.sha, blobs.get(note) ?? Buffer.alloc(0));
      const past = (j.noteHistory.get(c.sha) ?? []).filter((id) => id !== note);
      if (past.length > 0) notePast.set(c.sha, past.map((id) => blobs.get(id) ?? null));
      if (await addTargets(git, addedBy.get(c.sha) ?? [], logLinks, blobs)) forgetVerdicts(j.policy);
      madeLinks = false;
      judgingPolicy = j.policy;
      const judge = (): JudgedCommit => judgeCommit(c, {
        policy: j.policy, blobs, policyPaths: j.policyPaths, links, linksThrough: linksThrough(logLinks), linkedNames, forwardLanding,
        logs: {
          changes: logChangesOf, notesRef: j.notesRef, notes, notePast,
          noteLink: entryLinks.note,
        },
        ...(j.settings.agents ? { agents: j.settings.agents } : {}),
        allCommits: opts.allCommits === true,
        branch,
      });
      // Logs are read file by file, not in the order the calls were made: a link one of the
      // commit's entries made counts for all of them.
      let result = judge();
      if (madeLinks) result = judge();
      judged.set(c.sha, result);
      rejudges.set(c.sha, { judge, seen: entryLinks.count() });
      // Let the event loop drain git's output between commits, so git keeps listing meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // Policy and notes are read while git lists the range; judging waits for them.
  const preparing = (async (): Promise<Judging> => {
    const workspace = await workspacePolicy(git, root, range.base, opts);
    const files = [adminPolicy(opts), workspace.file].filter((f): f is PolicyFile => f !== null);
    const policyPaths = workspace.repoPaths;
    // Logs were written in the agent's clone: absolute paths in them are also judged by their tails.
    const policy = compilePolicy(files, { home: homeDir(), root, policyPaths, replayedPaths: true, landing: treeLanding(logLinks, { names: true }), linksBelow: treeLinksBelow(logLinks, { names: true }), resolveLinks: resolvedOnDisk });
    const settings = combineSettings(files);
    const logsConfig = settings.logs;
    const matcher = logMatcher(logsConfig.paths, homeDir());
    const notes = await readNotes(git, logsConfig.notes, opts.fetchNotesFrom);
    return { policy, policyPaths, workspace, settings, matcher, notesRef: logsConfig.notes, noteIds: notes.ids, noteHistory: notes.history };
  })();
  let judging: Promise<unknown> = preparing;
  let queue: CommitInfo[] = [];
  // While a batch is being judged, commits that arrive wait and go into the next batch together.
  let busy = false;
  // Set once the check has failed: nothing more is started.
  let stopped = false;
  const flush = (): void => {
    if (stopped || queue.length === 0) return;
    const batch = queue;
    queue = [];
    busy = true;
    judging = judging.then(async () => {
      await judgeBatch(await preparing, batch);
      busy = false;
      if (queue.length >= BATCH) flush();
    });
    // Raised when awaited below; until then it must not count as unhandled.
    judging.catch(() => undefined);
  };
  const commitsPromise = readCommits(git, { head: range.head, mergeBases: range.mergeBases }, {
    // A merge's changes are known only once the listing is done.
    onCommit: (c) => {
      if (c.parents.length > 1) return;
      queue.push(c);
      if (!busy && queue.length >= BATCH) flush();
    },
  });
  commitsPromise.catch(() => undefined);
  // A failure to judge that is already under way is raised below, after the policy's and git's.
  const settled = (): Promise<unknown> => {
    stopped = true;
    return judging.catch(() => undefined);
  };
  let prepared: Judging;
  try {
    prepared = await preparing;
  } catch (e) {
    await settled();
    throw e;
  }
  let commits: CommitInfo[];
  try {
    commits = await commitsPromise;
  } catch (e) {
    await settled();
    throw e;
  }
  flush();
  await judging;
  await judgeBatch(prepared, commits.filter((c) => !judged.has(c.sha)));
  // A link an entry of a later commit made counts for earlier commits' entries too: the agent
  // picks which session's log goes into which commit, whatever order the calls ran in (audit 49, BP-4).
  for (const [sha, r] of rejudges) if (r.seen < entryLinks.count()) judged.set(sha, r.judge());
  rejudges.clear();

  const results = commits.map((c) => judged.get(c.sha) as JudgedCommit);
  const carried = await carriedFindings(git, prepared.policy, prepared.policyPaths, {
    base: range.base, head: range.head, mergeBases: range.mergeBases, judged: results.some((r) => r.entry.agent),
  });
  const merged = carriedByUnjudgedMerges({ policy: prepared.policy, blobs, policyPaths: prepared.policyPaths }, commits, new Map(results.map((r) => [r.entry.sha, r.entry.agent])));
  const report = buildReport({
    // The flag and the policy may both set it; the stricter wins, so neither can loosen the other.
    failOn: opts.failOn === 'ask' || prepared.settings.failOn === 'ask' ? 'ask' : 'deny',
    range: { base: range.base, head: range.head },
    commits: results.map((r) => r.entry),
    findings: [...results.flatMap((r) => r.findings), ...merged, ...carried],
  });
  return { report, policyFile: prepared.workspace.label, warnings: prepared.workspace.warning !== undefined ? [prepared.workspace.warning] : [] };
}
