// Which commits a check judges: merge-base(base, head)..head, refusing to answer when the
// repository does not hold the whole of that range (SPEC 6.3).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Git } from './exec.ts';
import { textOf } from './exec.ts';
import { GitError, IncompleteHistoryError, InvalidRefError } from './errors.ts';

import { isNullObjectId, isObjectId } from './ids.ts';

export { isNullObjectId, isObjectId } from './ids.ts';

/**
 * Refs taken from an event payload are data an attacker may shape (branch names can start with
 * `-`), so only full hex ids are accepted; anything else would be a rev expression git parses.
 */
export function validateEventRef(value: string, what: string): string {
  const id = value.trim().toLowerCase();
  if (!isObjectId(id)) {
    throw new InvalidRefError(`${what} must be a full hex object id (40 or 64 hex digits), got ${JSON.stringify(value)}`);
  }
  return id;
}

/**
 * The commit a revision names, or null when this repository has no such commit. With `given`
 * (what the user called it: `--base`), a name that several refs share is refused: git picks one
 * by its own order, and an agent that can run `git branch origin/main HEAD` would pick the range.
 */
export async function resolveCommit(git: Git, rev: string, given?: string): Promise<string | null> {
  // --quiet would silence the ambiguity warning too.
  const args = given === undefined
    ? ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]
    : ['-c', 'core.warnAmbiguousRefs=true', 'rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`];
  const res = await git.exec(args);
  if (res.exitCode === 0) {
    const id = textOf(res.stdout);
    if (!isObjectId(id)) throw new GitError(args, 0, '', `unexpected output ${JSON.stringify(id)}`);
    if (given === undefined) return id;
    // The name before `@{…}` (`origin/main@{0}`, `@{1.day.ago}`) is the ref whose reflog git
    // reads, and git does not always warn that several refs have it: a local branch `origin/main`
    // the agent made would pick the range (audit 46, BE-1).
    const at = rev.indexOf('@{');
    const name = at > 0 ? rev.slice(0, at) : rev;
    if (res.stderr.toString('utf8').includes('is ambiguous')) throw ambiguousRef(given, name, await clashingRefs(git, name));
    if (at > 0) {
      const clash = await clashingRefs(git, name);
      if (clash.length >= 2) throw ambiguousRef(given, name, clash);
    }
    return id;
  }
  // "No such revision" is exit 1 under --quiet, but `X@{upstream}` without an upstream and other
  // unresolvable expressions exit 128. Repository-level failures surface in the calls around
  // this one (readHistoryState runs first), so any failure here means "not a commit here".
  return null;
}

function ambiguousRef(given: string, rev: string, clash: readonly string[]): InvalidRefError {
  const named = clash.length >= 2 ? `: ${clash.join(', ')}` : ' (a branch and a tag or remote branch of that name)';
  const full = clash.filter((r) => r.startsWith('refs/'));
  const fix = full.length > 0 ? `write it in full, such as ${full.join(' or ')}` : 'write it in full (refs/heads/…, refs/tags/…)';
  return new InvalidRefError(`${given} ${JSON.stringify(rev)} names more than one ref${named}; ${fix}${clash.includes(rev) ? `, or the commit id for ${rev} itself` : ''}`);
}

/**
 * The refs a short name may stand for that exist here, in git's order of preference (see
 * gitrevisions(7)): a name in the git folder (`HEAD`, `FETCH_HEAD`), `refs/NAME`, a tag, a branch,
 * a remote-tracking branch, a remote's HEAD. Asked only to word an error.
 */
async function clashingRefs(git: Git, rev: string): Promise<string[]> {
  const found: string[] = [];
  // The git folder holds only upper-case names with `_` there (HEAD, ORIG_HEAD, FETCH_HEAD, ...).
  if (/^[A-Z][A-Z_]*$/.test(rev)) {
    const path = textOf(await git.run(['rev-parse', '--git-path', rev]));
    if (existsSync(isAbsolute(path) ? path : join(git.cwd, path))) found.push(rev);
  }
  for (const name of [`refs/${rev}`, `refs/tags/${rev}`, `refs/heads/${rev}`, `refs/remotes/${rev}`, `refs/remotes/${rev}/HEAD`]) {
    if ((await git.exec(['show-ref', '--verify', '--quiet', name])).exitCode === 0) found.push(name);
  }
  return found;
}

/**
 * Why `rev`, which names no commit, is a bad argument rather than missing history: a range, or
 * an object of another type (`HEAD^{tree}`). Null when nothing here has that name.
 */
async function notACommit(git: Git, rev: string, what: 'head' | 'base'): Promise<InvalidRefError | null> {
  if (/\.\.|^\^/.test(rev)) return new InvalidRefError(`${what} ${JSON.stringify(rev)} is a range, not a commit; give one commit to --${what}`);
  const res = await git.exec(['cat-file', '-t', '--end-of-options', rev]);
  if (res.exitCode !== 0 && res.stderr.toString('utf8').includes(' is ambiguous')) {
    return new InvalidRefError(`${what} ${JSON.stringify(rev)} is a short id that more than one object here starts with; give more of its hex digits, or a ref name`);
  }
  const type = res.exitCode === 0 ? textOf(res.stdout) : '';
  if (type !== '') return new InvalidRefError(`${what} ${JSON.stringify(rev)} names a ${type}, not a commit; give a commit to --${what}`);
  // An unborn branch: nothing is missing from the history, so fetching cannot help.
  if (rev === 'HEAD' && (await git.exec(['symbolic-ref', '-q', 'HEAD'])).exitCode === 0) {
    return new InvalidRefError(`${what} HEAD has no commit yet (the branch is unborn); commit first, or pass --${what} REV`);
  }
  return null;
}

export interface HistoryState {
  /** Commits whose parents this clone does not have (the `shallow` file). */
  shallow: ReadonlySet<string>;
  isShallow: boolean;
  /** `info/grafts` exists: git would show invented parents for some commits. */
  grafts: boolean;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Shallow boundary and grafts: the two ways a repository can hide a commit's real parents. */
export async function readHistoryState(git: Git): Promise<HistoryState> {
  const out = textOf(
    await git.run(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow', '--git-path', 'info/grafts']),
  ).split('\n');
  const [flag, shallowPath, graftsPath] = out;
  if (flag === undefined || shallowPath === undefined || graftsPath === undefined) {
    throw new GitError(['rev-parse', '--is-shallow-repository'], 0, '', 'unexpected output');
  }
  const abs = (p: string): string => (isAbsolute(p) ? p : join(git.cwd, p));
  const shallowText = await readOptional(abs(shallowPath));
  const shallow = new Set<string>();
  for (const line of (shallowText ?? '').split('\n')) {
    const id = line.trim();
    if (id !== '') shallow.add(id);
  }
  const graftsText = await readOptional(abs(graftsPath));
  return {
    shallow,
    isShallow: flag === 'true' || shallow.size > 0,
    grafts: graftsText !== null && graftsText.trim() !== '',
  };
}

/** Whether `head` is a branch whose upstream is the same branch on a remote (`feat` tracking `origin/feat`). */
async function tracksItself(git: Git, head: string): Promise<boolean> {
  const full = await git.exec(['rev-parse', '--verify', '--quiet', '--symbolic-full-name', '--end-of-options', head]);
  const ref = textOf(full.stdout).trim();
  if (full.exitCode !== 0 || !ref.startsWith('refs/heads/')) return false;
  const out = textOf(await git.run(['for-each-ref', '--format=%(refname)%00%(upstream:remotename)%00%(upstream:remoteref)', ref]));
  for (const line of out.split('\n')) {
    const [name, remote, remoteRef] = line.split('\0');
    if (name === ref) return remote !== undefined && remote !== '' && remote !== '.' && remoteRef === ref;
  }
  return false;
}

/**
 * The branch a head names, for the branch-prefix agent signals when no `--branch` is given: the
 * current branch for `HEAD`, `kiro/x` for `kiro/x` or `origin/kiro/x`; null for a detached head,
 * a tag or a commit id.
 */
export async function branchOfHead(git: Git, head: string): Promise<string | null> {
  const res = await git.exec(['rev-parse', '--verify', '--quiet', '--symbolic-full-name', '--end-of-options', head]);
  const ref = textOf(res.stdout).trim();
  if (res.exitCode !== 0) return null;
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  const remote = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref)?.[1];
  return remote === undefined || remote === 'HEAD' ? null : remote;
}

/**
 * The branch `--branch` names, spelled as --head may be: `refs/heads/kiro/x`, `refs/remotes/origin/kiro/x`
 * and `origin/kiro/x` (for a remote this clone has) are the branch `kiro/x` (audit 46, BE-2).
 */
export async function givenBranchName(git: Git, name: string): Promise<string> {
  if (name.startsWith('refs/heads/')) return name.slice('refs/heads/'.length);
  const tracking = /^refs\/remotes\/[^/]+\/(.+)$/.exec(name)?.[1];
  if (tracking !== undefined) return tracking;
  const slash = name.indexOf('/');
  if (slash <= 0) return name;
  const remotes = textOf(await git.run(['remote'])).split('\n');
  return remotes.includes(name.slice(0, slash)) ? name.slice(slash + 1) : name;
}

/**
 * The base `check` uses when none is given: the upstream of the head branch or the default
 * branch, whichever judges more. Returns the ref it chose, or null when there is none. An
 * upstream holding commits of this branch (its own copy on a remote, under any name, or another
 * feature branch it grew from) would pass those commits unjudged, so the default branch wins
 * whenever its merge-base with the head is older; an upstream is used alone only when there is no
 * default branch, and never when it is the branch's own copy by name.
 */
export async function findDefaultBase(git: Git, head = 'HEAD'): Promise<string | null> {
  // origin/HEAD follows the remote's current branch, which can be the head's own (a single-branch
  // clone, a remote checked out on it): a candidate that already holds the head would judge
  // nothing, so a later one that judges something is taken instead.
  let fallback: string | null = null;
  for (const ref of ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/remotes/origin/master', 'refs/heads/main', 'refs/heads/master']) {
    if ((await resolveCommit(git, ref)) === null) continue;
    fallback ??= ref;
    const holdsHead = await git.exec(['merge-base', '--is-ancestor', '--end-of-options', head, ref]);
    if (holdsHead.exitCode !== 0) { fallback = ref; break; }
  }
  if (await tracksItself(git, head)) return fallback;
  const upstream = `${head}@{upstream}`;
  if ((await resolveCommit(git, upstream)) === null) return fallback;
  if (fallback === null) return upstream;
  const [fromUpstream, fromDefault] = await Promise.all([mergeBases(git, [upstream, head]), mergeBases(git, [fallback, head])]);
  const u = fromUpstream[0];
  const d = fromDefault[0];
  if (d === undefined) return upstream;
  if (u === undefined) return fallback;
  if (d === u) return upstream;
  const older = await git.exec(['merge-base', '--is-ancestor', d, u]);
  return older.exitCode === 0 ? fallback : upstream;
}

async function mergeBases(git: Git, commits: readonly string[]): Promise<string[]> {
  const args = ['merge-base', '--all', ...commits];
  const res = await git.exec(args);
  // Exit 1 with no output is git's way of saying "no common ancestor".
  if (res.exitCode === 1 && res.stdout.length === 0) return [];
  if (res.exitCode !== 0) throw new GitError(args, res.exitCode, res.stderr);
  return textOf(res.stdout).split('\n').filter((l) => l !== '');
}

async function revList(git: Git, include: readonly string[], exclude: readonly string[], parents = false): Promise<string[][]> {
  const args = ['rev-list', ...(parents ? ['--parents'] : []), '--end-of-options', ...include, ...exclude.map((e) => `^${e}`), '--'];
  const out = textOf(await git.run(args));
  return out === '' ? [] : out.split('\n').map((l) => l.split(' '));
}

export interface CommitRange {
  /** The base commit as resolved (what the report calls `range.base`). */
  base: string;
  head: string;
  /** merge-base(base, head); with criss-cross history, every best common ancestor. */
  mergeBases: string[];
  /** What the base was given as or defaulted to (for messages). */
  baseRef: string;
}

export interface ResolveRangeOptions {
  /** Default: the head's upstream, else the default branch (`findDefaultBase`). */
  base?: string;
  /** Default: HEAD. */
  head?: string;
  /** Base and head come from an event payload: accept full hex ids only. */
  eventRefs?: boolean;
  /**
   * When set, an incomplete history is fetched from this remote (deepen, then unshallow) before
   * giving up. The default is to fail closed without touching the network.
   */
  fetchFrom?: string;
}

async function resolveOnce(git: Git, opts: ResolveRangeOptions): Promise<CommitRange> {
  let headRef = opts.head ?? 'HEAD';
  let baseRef = opts.base;
  if (opts.eventRefs) {
    headRef = validateEventRef(headRef, 'head');
    if (baseRef === undefined) throw new InvalidRefError('base is required with event refs');
    baseRef = validateEventRef(baseRef, 'base');
    // A push that created the branch has no "before"; the caller must pick a base (SPEC 11).
    if (isNullObjectId(baseRef) || isNullObjectId(headRef)) {
      throw new InvalidRefError('base or head is the all-zero id (branch created or deleted); resolve a real base first');
    }
  }

  // The empty tree as base: every commit of the head's history is judged, against no policy
  // commit (a default branch that was just created has nothing older).
  if (baseRef !== undefined && EMPTY_TREES.has(baseRef)) return wholeHistory(git, headRef, baseRef);

  const given = baseRef;
  const [state, head, givenBase] = await Promise.all([
    readHistoryState(git),
    // A full hex id names its object whatever refs are called (git prefers the object).
    resolveCommit(git, headRef, opts.head === undefined || opts.eventRefs === true ? undefined : 'head'),
    given === undefined ? Promise.resolve(null) : resolveCommit(git, given, opts.eventRefs === true ? undefined : 'base'),
  ]);
  if (state.grafts) {
    throw new IncompleteHistoryError('grafts', 'info/grafts rewrites parents in this repository (remove it)');
  }
  if (head === null) {
    throw await notACommit(git, headRef, 'head') ?? new IncompleteHistoryError('missing-head', `head ${JSON.stringify(headRef)} is not a commit in this repository (mistyped, or not fetched)`, headRef);
  }
  if (baseRef === undefined) {
    const found = await findDefaultBase(git, opts.head ?? 'HEAD');
    if (found === null) {
      // A shallow clone (actions/checkout's default) usually lacks the base branch's ref too.
      if (state.isShallow) throw new IncompleteHistoryError('missing-base', 'no base: the clone is shallow and has no origin/HEAD, main or master (pass --base REV once the history is there)');
      throw new InvalidRefError('no base: no upstream other than the head itself, and no origin/HEAD, main or master; pass --base REV');
    }
    baseRef = found;
  }
  const base = given === undefined ? await resolveCommit(git, baseRef) : givenBase;
  if (base === null) {
    throw await notACommit(git, baseRef, 'base') ?? new IncompleteHistoryError('missing-base', `base ${JSON.stringify(baseRef)} is not a commit in this repository (mistyped, or not fetched)`, baseRef);
  }

  const bases = await mergeBases(git, [base, head]);
  if (bases.length === 0) {
    const why = state.isShallow ? 'the clone is shallow' : 'their histories are unrelated';
    throw new IncompleteHistoryError('no-merge-base', `base ${base} and head ${head} have no common ancestor here (${why})`, base);
  }
  const range: CommitRange = { base, head, mergeBases: bases, baseRef };
  // A shallow clone whose default base already holds the head has most likely not fetched the
  // branch the work grew from: judging nothing there would be a pass on a partial history.
  if (state.isShallow && given === undefined && bases.includes(head)) {
    throw new IncompleteHistoryError('missing-base', `the default base ${baseRef} already holds the head, and the clone is shallow (pass --base REV once the history is there)`);
  }
  if (state.isShallow) await assertCompleteHistory(git, range, state);
  return range;
}

/**
 * In a shallow clone, proves that nothing the check depends on lies past the boundary: no commit
 * of the range, no commit between either tip and the merge-base (the merge-base search walked
 * them), and for each merge in the range, nothing its own merge-base search needs (the remerge
 * that separates the merger's edits from the automatic merge depends on it).
 */
export async function assertCompleteHistory(git: Git, range: CommitRange, state?: HistoryState): Promise<void> {
  const st = state ?? (await readHistoryState(git));
  if (!st.isShallow) return;
  const cut = (id: string): void => {
    if (st.shallow.has(id)) {
      throw new IncompleteHistoryError('shallow', `commit ${id} is at the shallow boundary of this clone`, id);
    }
  };
  for (const [id] of await revList(git, [range.base, range.head], range.mergeBases)) if (id) cut(id);
  const inRange = await revList(git, [range.head], range.mergeBases, true);
  // A merge-base at the boundary no longer excludes its own ancestors; if the head reaches one of
  // them by another path, the walk ends at a root that is really base history.
  if (range.mergeBases.some((b) => st.shallow.has(b)) && inRange.some((c) => c.length === 1)) {
    throw new IncompleteHistoryError('shallow', `merge-base ${range.mergeBases.join(' ')} is at the shallow boundary of this clone`);
  }
  for (const [id, ...parents] of inRange) {
    if (id === undefined || parents.length !== 2) continue;
    const bases = await mergeBases(git, parents);
    if (bases.length === 0) {
      throw new IncompleteHistoryError('shallow', `the parents of merge ${id} have no common ancestor in this shallow clone`, id);
    }
    for (const [walked] of await revList(git, parents, bases)) if (walked) cut(walked);
  }
}

/** The empty tree's id in SHA-1 and SHA-256 repositories. */
export const EMPTY_TREES: ReadonlySet<string> = new Set([
  '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
]);

async function wholeHistory(git: Git, headRef: string, emptyTree: string): Promise<CommitRange> {
  const [state, head] = await Promise.all([readHistoryState(git), resolveCommit(git, headRef)]);
  if (state.grafts) throw new IncompleteHistoryError('grafts', 'info/grafts rewrites parents in this repository (remove it)');
  if (head === null) {
    throw await notACommit(git, headRef, 'head') ?? new IncompleteHistoryError('missing-head', `head ${JSON.stringify(headRef)} is not a commit in this repository (mistyped, or not fetched)`, headRef);
  }
  // Every commit down to the roots is judged, so any shallow boundary cuts the range.
  if (state.isShallow) throw new IncompleteHistoryError('shallow', 'the whole history is judged and this clone is shallow');
  return { base: emptyTree, head, mergeBases: [], baseRef: emptyTree };
}

/** Resolves and validates the range of a check (see ResolveRangeOptions). */
export async function resolveRange(git: Git, opts: ResolveRangeOptions = {}): Promise<CommitRange> {
  if (opts.fetchFrom === undefined) return resolveOnce(git, opts);
  for (const depth of [100, null]) {
    try {
      return await resolveOnce(git, opts);
    } catch (e) {
      if (!(e instanceof IncompleteHistoryError) || e.kind === 'grafts') throw e;
      const want = [opts.base, opts.head].filter((r): r is string => r !== undefined && isObjectId(r.toLowerCase()) && !EMPTY_TREES.has(r));
      if (!(await tryDeepen(git, opts.fetchFrom, { want, depth }))) throw e;
    }
  }
  return resolveOnce(git, opts);
}

export interface DeepenOptions {
  /** Object ids that must be present afterwards (fetched by id when missing). */
  want?: readonly string[];
  /** `--deepen=N`; null or absent: `--unshallow`. */
  depth?: number | null;
}

/**
 * Fetches history a check needs from `remote`, if that remote exists. Returns whether a fetch
 * ran and succeeded; the caller re-resolves the range and still fails closed if it is not enough.
 */
export async function tryDeepen(git: Git, remote = 'origin', opts: DeepenOptions = {}): Promise<boolean> {
  const remotes = textOf(await git.run(['remote'])).split('\n');
  if (!remotes.includes(remote)) return false;
  const common = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--no-write-fetch-head'];
  let fetched = false;
  const state = await readHistoryState(git);
  if (state.isShallow) {
    const how = opts.depth ? `--deepen=${opts.depth}` : '--unshallow';
    const res = await git.exec([...common, how, '--end-of-options', remote]);
    fetched ||= res.exitCode === 0;
  }
  const missing: string[] = [];
  for (const id of opts.want ?? []) {
    if (isObjectId(id) && (await resolveCommit(git, id)) === null) missing.push(id);
  }
  if (missing.length > 0) {
    const res = await git.exec([...common, '--end-of-options', remote, ...missing]);
    fetched ||= res.exitCode === 0;
  }
  return fetched;
}
