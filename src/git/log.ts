// The commits of a range with the paths each one wrote: one `git log` for the whole range, plus
// one process per merge commit (see fillMergeChanges for why merges cannot share the walk).

import { randomBytes } from 'node:crypto';
import type { Git } from './exec.ts';
import { GitError, IncompleteHistoryError } from './errors.ts';
import { DIFF_ARGS, diffTree } from './difftree.ts';
import { isObjectId } from './ids.ts';
import { linkedFolderReason } from './linkedfolder.ts';
import { octopusChanges } from './octopus.ts';
import { parseRawRecords, type Change } from './rawdiff.ts';
import { readHistoryState, type HistoryState } from './range.ts';

export type { Change, ChangeStatus } from './rawdiff.ts';
export { parseRawDiff, parseRawRecords } from './rawdiff.ts';
export { DIFF_ARGS } from './difftree.ts';

export interface CommitInfo {
  sha: string;
  parents: string[];
  /** Identities exactly as recorded (never rewritten by .mailmap). */
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** The raw message (`%B`), re-encoded to UTF-8 from the commit's declared encoding. */
  message: string;
  /**
   * The encoding the commit's header declares (`%e`), empty when none. For one other than UTF-8
   * the fields above are git's conversion; rawcommit.ts reads them from the object instead.
   */
  encoding: string;
  /**
   * Paths this commit wrote: against its parent, the empty tree for a root, the automatic merge
   * for a two-parent merge, and (octopus) the paths whose result is not the automatic one.
   */
  changes: Change[];
}

/**
 * How a two-parent merge is separated from the automatic merge:
 * - `remerge`: `git show --diff-merges=remerge` (git >= 2.36);
 * - `merge-tree`: `git merge-tree --write-tree` then `git diff-tree` (git >= 2.38);
 * - `auto`: remerge, falling back to merge-tree when this git does not know remerge.
 */
export type MergeDiffMode = 'auto' | 'remerge' | 'merge-tree';

export interface ReadCommitsOptions {
  mergeDiff?: MergeDiffMode;
  /** Shallow/grafts state, when the caller already read it (resolveRange does). */
  history?: HistoryState;
  /** How many merge commits are diffed at the same time. */
  mergeConcurrency?: number;
  /**
   * Called with each commit while git is still listing the range, so the caller can start on it.
   * A merge's `changes` are filled in only before readCommits resolves, and a range that turns out
   * to be incomplete still rejects: only the resolved list is the answer.
   */
  onCommit?: (c: CommitInfo) => void;
}

export interface RangeSpec {
  head: string;
  /** Commits whose ancestry is excluded (the merge-bases); empty: all of head's history. */
  mergeBases: readonly string[];
}

const RECORD_START = 0x01;
const NUL = 0;
const LF = 0x0a;

function unexpected(at: number, what: string): never {
  throw new GitError(['log'], 0, '', `unexpected output at byte ${at}: ${what}`);
}

function field(buf: Buffer, pos: number): [string, number] {
  const end = buf.indexOf(NUL, pos);
  if (end < 0) unexpected(pos, 'unterminated field');
  return [buf.toString('utf8', pos, end), end + 1];
}

function skipFraming(buf: Buffer, pos: number, end: number): number {
  while (pos < end && (buf[pos] === NUL || buf[pos] === LF)) pos++;
  return pos;
}

/**
 * Parses log output chunk by chunk while git is still writing it. Data is held until a record
 * marker shows that the records before it are complete; each byte is copied at most once.
 */
export class LogStreamParser {
  private readonly marker: Buffer;
  private readonly nonce: string;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  readonly commits: CommitInfo[] = [];

  /** Called with each commit as soon as its record is complete (a merge before its changes are filled in). */
  private readonly onCommit: ((c: CommitInfo) => void) | undefined;

  constructor(nonce: string, onCommit?: (c: CommitInfo) => void) {
    this.nonce = nonce;
    this.onCommit = onCommit;
    this.marker = Buffer.from(`\u0001${nonce}\u0000`, 'latin1');
  }

  push(chunk: Buffer): void {
    const m = this.marker.length;
    let cut = -1;
    // Only the last marker matters: every record before it is complete.
    const inChunk = chunk.lastIndexOf(this.marker);
    if (inChunk > 0 || (inChunk === 0 && this.pendingLength > 0)) {
      cut = this.pendingLength + inChunk;
    } else if (inChunk < 0 && this.pendingLength > 0) {
      // A marker split across the previous chunk and this one.
      const prev = this.pending[this.pending.length - 1] as Buffer;
      const tail = prev.subarray(Math.max(0, prev.length - (m - 1)));
      const joined = Buffer.concat([tail, chunk.subarray(0, m - 1)]);
      const at = joined.indexOf(this.marker);
      if (at >= 0 && at < tail.length) cut = this.pendingLength - tail.length + at;
    }
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (cut > 0) {
      const all = Buffer.concat(this.pending, this.pendingLength);
      this.add(parseLog(all.subarray(0, cut), this.nonce));
      const rest = all.subarray(cut);
      this.pending = [rest];
      this.pendingLength = rest.length;
    }
  }

  private add(commits: readonly CommitInfo[]): void {
    for (const c of commits) {
      this.commits.push(c);
      this.onCommit?.(c);
    }
  }

  end(): CommitInfo[] {
    if (this.pendingLength > 0) {
      this.add(parseLog(Buffer.concat(this.pending, this.pendingLength), this.nonce));
      this.pending = [];
      this.pendingLength = 0;
    }
    return this.commits;
  }
}

/**
 * Parses the output of the log below. Commit messages cannot contain NUL (git stops a message at
 * one), so NUL-separated fields are unambiguous; the random marker makes the record boundary
 * impossible to forge from inside a message.
 */
export function parseLog(buf: Buffer, marker: string): CommitInfo[] {
  const start = Buffer.from(`\u0001${marker}\u0000`, 'latin1');
  const commits: CommitInfo[] = [];
  let pos = skipFraming(buf, 0, buf.length);
  while (pos < buf.length) {
    if (buf[pos] !== RECORD_START || buf.compare(start, 0, start.length, pos, pos + start.length) !== 0) {
      unexpected(pos, 'no record marker');
    }
    pos += start.length;
    let sha: string, parents: string, an: string, ae: string, cn: string, ce: string, encoding: string, message: string;
    [sha, pos] = field(buf, pos);
    [parents, pos] = field(buf, pos);
    [an, pos] = field(buf, pos);
    [ae, pos] = field(buf, pos);
    [cn, pos] = field(buf, pos);
    [ce, pos] = field(buf, pos);
    [encoding, pos] = field(buf, pos);
    [message, pos] = field(buf, pos);
    pos = skipFraming(buf, pos, buf.length);
    const { changes, next } = parseRawRecords(buf, pos, buf.length);
    pos = skipFraming(buf, next, buf.length);
    commits.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      authorName: an,
      authorEmail: ae,
      committerName: cn,
      committerEmail: ce,
      message,
      encoding,
      changes,
    });
  }
  return commits;
}

function logArgs(marker: string, range: RangeSpec): string[] {
  return [
    'log',
    '--no-mailmap',
    '--no-show-signature',
    '--no-notes',
    '--encoding=UTF-8',
    // Merges are diffed one by one (fillMergeChanges); here they are only listed.
    '--diff-merges=off',
    '--root',
    '--topo-order',
    '--reverse',
    ...DIFF_ARGS,
    `--format=tformat:%x01${marker}%x00%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%e%x00%B%x00`,
    '--end-of-options',
    range.head,
    ...range.mergeBases.map((b) => `^${b}`),
    '--',
  ];
}

/** Runs `fn` over `items` with at most `limit` promises pending. */
async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function parseShowOutput(args: readonly string[], out: Buffer, sha: string): Change[] {
  if (out.length === 0) return [];
  const head = out.toString('latin1', 0, sha.length);
  if (head !== sha) throw new GitError(args, 0, '', 'unexpected output: commit id missing');
  const pos = skipFraming(out, sha.length, out.length);
  const { changes, next } = parseRawRecords(out, pos, out.length);
  if (skipFraming(out, next, out.length) !== out.length) throw new GitError(args, 0, '', `unexpected output at byte ${next}`);
  return changes;
}

async function remergeChanges(git: Git, sha: string): Promise<Change[]> {
  const args = ['show', '--diff-merges=remerge', ...DIFF_ARGS, '--no-notes', '--format=format:%H', '--end-of-options', sha, '--'];
  return parseShowOutput(args, await git.run(args), sha);
}

async function mergeTreeChanges(git: Git, commit: CommitInfo): Promise<Change[]> {
  return diffTree(git, await automaticMerge(git, commit.parents), commit.sha);
}

/** The tree git's automatic merge of `parents` makes (two of them). */
async function automaticMerge(git: Git, parents: readonly string[]): Promise<string> {
  const mtArgs = ['merge-tree', '--write-tree', '--allow-unrelated-histories', '-z', '--end-of-options', ...parents];
  const res = await git.exec(mtArgs);
  // Exit 1 means "conflicts": the tree is still written, with conflict markers, as remerge does.
  if (res.exitCode !== 0 && res.exitCode !== 1) throw new GitError(mtArgs, res.exitCode, res.stderr);
  const end = res.stdout.indexOf(NUL);
  const tree = res.stdout.toString('latin1', 0, end < 0 ? res.stdout.length : end).trim();
  if (!isObjectId(tree)) throw new GitError(mtArgs, res.exitCode, res.stderr, 'no tree id in output');
  return tree;
}

/**
 * Paths that merging `head` into `base` would carry content to, as madeByMerge finds them in a
 * merge commit: a pull request's own merge is made after its check ran, by whoever presses the
 * button, and no later check judges it as an agent's. An edit to `cfg/a` on a branch that started
 * before the base branch moved `cfg/` to `secrets/` lands in `secrets/a` only there.
 */
export async function carriedIntoBase(git: Git, base: string, head: string): Promise<Change[]> {
  return carriedByMerge(git, base, head, await automaticMerge(git, [base, head]), []);
}

/**
 * Fills in what each merge commit changed beyond the automatic merge.
 *
 * One walk with `--diff-merges=remerge` is wrong on git before 2.48: the walk frees the parent
 * lists of commits it has shown, so a later merge's merge-base search comes back empty and the
 * remerge invents changes (seen on 2.39: a clean merge reported as modifying a file). Showing each
 * merge in its own process avoids that on every version.
 */
async function fillMergeChanges(git: Git, commits: CommitInfo[], opts: ReadCommitsOptions): Promise<void> {
  let mode: MergeDiffMode = opts.mergeDiff ?? 'auto';
  const merges = commits.filter((c) => c.parents.length > 1);
  await mapLimit(merges, opts.mergeConcurrency ?? 4, async (commit) => {
    if (commit.parents.length > 2) {
      commit.changes = await octopusChanges(git, commit.sha, commit.parents);
      return;
    }
    let changes: Change[];
    if (mode === 'merge-tree') {
      changes = await mergeTreeChanges(git, commit);
      commit.changes = [...changes, ...(await madeByMerge(git, commit, changes))];
      return;
    }
    try {
      changes = await remergeChanges(git, commit.sha);
    } catch (e) {
      if (mode !== 'auto' || !(e instanceof GitError)) throw e;
      try {
        changes = await mergeTreeChanges(git, commit);
        mode = 'merge-tree';
      } catch {
        throw e;
      }
    }
    commit.changes = [...changes, ...(await madeByMerge(git, commit, changes))];
  });
}

/**
 * Paths the automatic merge moved content to, beyond `known`: their merged content matches
 * neither parent, and at least one parent has no such path. Following a rename on one side, the
 * merge carries the other side's edit to a path that side never wrote (an agent's
 * `cfg/deploy.yml` edit landing in `secrets/deploy.yml` after the base branch moved the folder);
 * judging those as the merge's writes keeps a protected folder closed whichever way content
 * reaches it. A file both sides edited in place is merged where it was, from edits each side's
 * own commits were judged for, so it is left alone; so is a base-branch change the merge only
 * takes over, which matches that parent.
 */
async function madeByMerge(git: Git, commit: CommitInfo, known: readonly Change[]): Promise<Change[]> {
  const [first, second] = commit.parents;
  if (first === undefined || second === undefined) return [];
  return (await carriedByMerge(git, first, second, commit.sha, known)).map((c) => ({ ...c, carried: true as const }));
}

/** madeByMerge for the merge of `first` and `second` whose tree is `merged` (a commit or a tree). */
async function carriedByMerge(git: Git, first: string, second: string, merged: string, known: readonly Change[]): Promise<Change[]> {
  const [fromFirst, fromSecond] = await Promise.all([diffTree(git, first, merged), diffTree(git, second, merged)]);
  const key = (c: Change): string => c.path.toString('latin1');
  const seen = new Set(known.map(key));
  const addedToFirst = new Map(fromFirst.map((c) => [key(c), c.status === 'A']));
  return fromSecond.filter((c) => {
    const k = key(c);
    const inFirst = addedToFirst.get(k);
    return inFirst !== undefined && (inFirst || c.status === 'A') && !seen.has(k);
  });
}

/**
 * Every commit of `head` not reachable from the merge-bases, oldest first (parents before
 * children), merges included, each with the paths it wrote.
 */
export async function readCommits(git: Git, range: RangeSpec, opts: ReadCommitsOptions = {}): Promise<CommitInfo[]> {
  const marker = randomBytes(16).toString('hex');
  const parser = new LogStreamParser(marker, opts.onCommit);
  const args = logArgs(marker, range);
  const listing = git.stream
    ? git.stream(args, (chunk) => parser.push(chunk))
    : git.exec(args).then((r) => {
        if (r.exitCode === 0) parser.push(r.stdout);
        return r;
      });
  // Independent processes: start both, so the check costs one process latency, not two.
  const [history, res] = await Promise.all([opts.history ?? readHistoryState(git), listing]);
  if (res.exitCode !== 0) throw new GitError(args, res.exitCode, res.stderr);
  if (history.grafts) {
    throw new IncompleteHistoryError('grafts', 'info/grafts rewrites parents in this repository (remove it)');
  }
  const commits = parser.end();
  for (const c of commits) {
    // A commit at the shallow boundary is listed without parents and diffed against the empty
    // tree: taking it for a root would judge its whole tree as new, or miss what it changed.
    if (history.shallow.has(c.sha)) {
      throw new IncompleteHistoryError('shallow', `commit ${c.sha} is at the shallow boundary of this clone`, c.sha);
    }
  }
  await fillMergeChanges(git, commits, opts);
  return commits;
}

function checkIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    if (!isObjectId(id)) throw new GitError(['cat-file', '--batch'], null, '', `not an object id: ${JSON.stringify(id)}`);
  }
  return unique;
}

/**
 * Contents of blobs (symlink targets) by id, with one `git cat-file --batch` for all of them.
 * Ids that are missing or not blobs are absent from the map; commit objects among them go to
 * `commits` when it is given.
 */
export async function readBlobs(git: Git, ids: readonly string[], commits?: Map<string, Buffer>): Promise<Map<string, Buffer>> {
  const wanted = checkIds(ids);
  const result = new Map<string, Buffer>();
  if (wanted.length === 0) return result;
  const args = ['cat-file', '--batch', '--buffer'];
  const out = await git.run(args, { input: wanted.join('\n') + '\n' });
  let pos = 0;
  for (const id of wanted) {
    const eol = out.indexOf(LF, pos);
    if (eol < 0) throw new GitError(args, 0, '', 'truncated output');
    const header = out.toString('latin1', pos, eol).split(' ');
    pos = eol + 1;
    if (header[0] !== id) throw new GitError(args, 0, '', `unexpected output for ${id}`);
    if (header[1] === 'missing' || header[1] === 'ambiguous') continue;
    const size = Number(header[2]);
    if (header.length !== 3 || !Number.isSafeInteger(size) || pos + size > out.length) {
      throw new GitError(args, 0, '', `unexpected header for ${id}`);
    }
    if (header[1] === 'blob') result.set(id, out.subarray(pos, pos + size));
    else if (header[1] === 'commit') commits?.set(id, out.subarray(pos, pos + size));
    pos += size + 1;
  }
  return result;
}

export interface TreeEntry {
  mode: string;
  type: string;
  id: string;
}

/** The tree entry at `path` in `commit` (no globbing: the path is literal), or null. */
export async function readEntryAt(git: Git, commit: string, path: string): Promise<TreeEntry | null> {
  return (await readEntriesAt(git, commit, [path])).get(path) ?? null;
}

/**
 * The paths a tree or the index can hold: NUL ends a name there, so a path with one (a symlink's
 * target from a blob) names no entry, and child_process would refuse it as an argument.
 */
export function namable(paths: readonly string[]): string[] {
  return paths.filter((p) => !p.includes('\0'));
}

/** The tree entries at `paths` in `commit` (literal paths); a path with no entry is left out. */
export async function readEntriesAt(git: Git, commit: string, requested: readonly string[]): Promise<Map<string, TreeEntry>> {
  const found = new Map<string, TreeEntry>();
  const paths = namable(requested);
  const wanted = new Set(paths);
  // Chunks keep the command line short whatever the number and length of the paths.
  for (let i = 0; i < paths.length;) {
    let j = i;
    for (let bytes = 0; j < paths.length && j - i < 500 && (j === i || bytes + (paths[j] as string).length < 64 * 1024); j++) bytes += (paths[j] as string).length + 1;
    const args = ['ls-tree', '-z', '--full-tree', '--end-of-options', commit, '--', ...paths.slice(i, j)];
    i = j;
    const out = await git.run(args, { env: { GIT_LITERAL_PATHSPECS: '1' } });
    forEachTreeEntry(out, (path, entry) => { if (wanted.has(path)) found.set(path, entry); });
  }
  return found;
}

/**
 * Each `MODE TYPE ID\tPATH` record of `git ls-tree -z` output; with `mode`, only entries of that
 * mode are decoded (`ls-tree -r` of a large tree, for its few links).
 */
export function forEachTreeEntry(out: Buffer, each: (path: string, entry: TreeEntry) => void, mode?: string): void {
  let pos = 0;
  while (pos < out.length) {
    const end = out.indexOf(NUL, pos);
    const stop = end < 0 ? out.length : end;
    const tab = out.indexOf(0x09, pos);
    if (tab > 0 && tab < stop && (mode === undefined || out.toString('latin1', pos, pos + mode.length + 1) === `${mode} `)) {
      const [m, type, id] = out.toString('latin1', pos, tab).split(' ');
      if (m && type && id) each(out.toString('utf8', tab + 1, stop), { mode: m, type, id });
    }
    pos = stop + 1;
  }
}


/**
 * The bytes of a regular file at `commit:path`, or null when there is no such path (how the
 * workspace policy is read from the base commit). A symlink, folder or submodule at that path is
 * an error rather than "absent": treating it as absent would quietly drop the workspace policy.
 */
export async function readFileAt(git: Git, commit: string, path: string): Promise<Buffer | null> {
  const entry = await readEntryAt(git, commit, path);
  if (entry === null) {
    // git does not follow a link or enter a gitlink on the way (`.github -> config/github`), so
    // the file reads as absent there although it is what the work tree shows.
    const folders: string[] = [];
    for (let at = path.indexOf('/'); at > 0; at = path.indexOf('/', at + 1)) folders.push(path.slice(0, at));
    const entries = folders.length === 0 ? new Map<string, TreeEntry>() : await readEntriesAt(git, commit, folders);
    for (const folder of folders) {
      const reason = linkedFolderReason(path, folder, entries.get(folder)?.mode, commit);
      if (reason !== null) throw new GitError(['ls-tree', commit, '--', folder], 0, '', reason);
    }
    return null;
  }
  if (entry.type !== 'blob' || (entry.mode !== '100644' && entry.mode !== '100755')) {
    throw new GitError(['ls-tree', commit, '--', path], 0, '', `${path} is not a regular file at ${commit} (mode ${entry.mode})`);
  }
  return git.run(['cat-file', 'blob', entry.id]);
}
