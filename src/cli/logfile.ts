// Appending to a neutral log on disk (the I/O edge of src/logs). Hook processes run concurrently:
// an agent may start several tool calls at once, and each one starts its own `agent-gate record`.
// Two writers that each read the last line and then append would both chain to the same line and
// break the chain, so the read and the append happen under one exclusive lock file.
//
// Why a lock file (open with O_EXCL) and not flock: Node has no portable flock, and O_EXCL creation
// is atomic on every local file system. A writer that died while holding the lock leaves the file
// behind; a lock older than STALE_MS is taken to be such a leftover and removed.

import {
  closeSync, constants, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readSync, renameSync,
  statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { GateError } from '../errors.ts';
import { appendEntries, LogFormatError, type EntryDraft } from '../logs/index.ts';
import { homeDir } from '../policy/source.ts';

/**
 * The writer's home folder, in which paths are logged as `~/...` (the same HOME `record --enforce`
 * expands `~/` rules with), or null when there is no absolute one: then such paths stay absolute
 * rather than the write failing over it.
 */
export function writerHome(): string | null {
  try {
    const home = homeDir();
    return isAbsolute(home) ? home : null;
  } catch {
    return null;
  }
}

export interface LockOptions {
  /** How long to wait for the lock in all, in milliseconds. */
  timeoutMs?: number;
  /** A lock file older than this (by its modification time) is a leftover of a dead writer. */
  staleMs?: number;
  /**
   * A folder the log lies in (the repository root): no folder between it and the log may be a
   * symbolic link. A link committed there (`.agent-gate/log -> ../notes`) would send the entries to
   * a file that check never reads as a log. The folder itself is not checked.
   */
  confineTo?: string;
}

export interface AppendResult {
  /** The text appended (a leading newline when the file's last line lacked one, then one line per draft). */
  text: string;
  /** How many entries were appended. */
  entries: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;

// Synchronous sleep: the whole append is synchronous so that nothing else runs while the lock is held.
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

function describe(e: unknown): string {
  return errno(e) ?? (e instanceof Error ? e.message : String(e));
}

/** `stat` (or `lstat`, which does not follow a link at `path`), null when nothing is there. */
function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw e;
  }
}

const tryStat = (path: string): Stats | null => statOrNull(path, true);
const tryLstat = (path: string): Stats | null => statOrNull(path, false);

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.mtimeMs === b.mtimeMs;
}

/**
 * Removes a lock file that looked stale when `seen` was taken. The lock is first renamed to a name
 * of our own, which only one remover can win; if the file we moved turns out not to be the stale
 * one (another writer replaced it in between), it is put back with link(), which never overwrites.
 */
function breakStaleLock(lockPath: string, seen: Stats): void {
  // Named `<lock>.stale-…` so that one ignore pattern (`*.lock*`) covers it and the lock.
  const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if (errno(e) === 'ENOENT') return; // someone else removed it first
    throw e;
  }
  const moved = tryStat(aside);
  if (moved !== null && !sameFile(moved, seen)) {
    try {
      linkSync(aside, lockPath);
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw e;
    }
  }
  try {
    unlinkSync(aside);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw e;
  }
}

/** Takes the lock (creates `lockPath` exclusively) or throws a GateError after `timeoutMs`. */
function acquire(lockPath: string, logPath: string, timeoutMs: number, staleMs: number): void {
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (e) {
      if (errno(e) !== 'EEXIST') {
        throw new GateError(`record: cannot create the lock file ${lockPath} (${describe(e)}); nothing was written to ${logPath}`);
      }
    }
    // A folder is never a lock a writer made: waiting for it or renaming it aside (a folder cannot
    // be unlinked) would only end in a raw errno and debris, so say what it is at once.
    if (tryLstat(lockPath)?.isDirectory() === true) {
      throw new GateError(`record: the lock ${lockPath} is a folder, not a lock file; remove it (rmdir) if no agent-gate is running; nothing was written to ${logPath}`);
    }
    const seen = tryStat(lockPath);
    if (seen !== null && Date.now() - seen.mtimeMs > staleMs) {
      breakStaleLock(lockPath, seen);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new GateError(`could not lock ${logPath} within ${Math.round(timeoutMs / 1000)} s (another agent-gate is writing it, or ${lockPath} is left over: remove it if no agent-gate is running); nothing was written`);
    }
    // Jitter keeps a crowd of waiting hooks from retrying in lock step.
    sleep(Math.min(wait + Math.random() * wait, Math.max(1, deadline - Date.now())));
    wait = Math.min(wait * 2, 50);
  }
}

function release(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw e;
  }
}

function readAll(fd: number, size: number, position = 0): Buffer {
  const buf = Buffer.alloc(size);
  let off = 0;
  while (off < size) {
    const n = readSync(fd, buf, off, size - off, position + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

// The chain continues from the last line alone; a log's other lines are never read, so a log
// flooded with millions of lines costs no more than a short one.
const TAIL_CHUNK = 64 * 1024;
const MAX_LAST_LINE = 16 * 1024 * 1024;

/** The log's last line, with its newline if it has one (what appendEntries needs to chain on). */
function readLastLine(fd: number, size: number, path: string): Buffer {
  let start = size;
  let tail = Buffer.alloc(0);
  let chunk = TAIL_CHUNK;
  while (start > 0) {
    const from = Math.max(0, start - chunk);
    tail = Buffer.concat([readAll(fd, start - from, from), tail]);
    start = from;
    chunk *= 2;
    // The newline before the last line: any newline but the file's final byte. (A negative
    // offset would count from the end, hence the guard.)
    const nl = tail.length < 2 ? -1 : tail.lastIndexOf(0x0a, tail.length - 2);
    if (nl >= 0) return tail.subarray(nl + 1);
    if (tail.length > MAX_LAST_LINE) throw new GateError(`the last line of the log ${path} is over ${MAX_LAST_LINE / 1024 / 1024} MiB, so the chain cannot be continued; nothing was written`);
  }
  return tail;
}

/** `path` when it lies strictly below `root` (lexically), as its segments below `root`; else null. */
function segmentsBelow(root: string, path: string): string[] | null {
  const rel = relative(root, path);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return rel.split(sep);
}

/**
 * Throws when a folder between `root` and the log `path` is a symbolic link (or not a folder).
 * Folders that do not exist yet are fine: mkdir creates real ones.
 */
function refuseLinkedFolders(root: string, path: string): void {
  const segments = segmentsBelow(root, dirname(path));
  if (segments === null) return;
  let folder = root;
  for (const segment of segments) {
    folder = join(folder, segment);
    let st: Stats;
    try {
      st = lstatSync(folder);
    } catch (e) {
      if (errno(e) === 'ENOENT') return;
      throw new GateError(`cannot inspect ${folder}, a folder of the log ${path} (${describe(e)}); nothing was written`);
    }
    if (st.isSymbolicLink()) throw new GateError(`the log ${path} lies below ${folder}, which is a symbolic link; a link there would redirect the log to where check does not read it; nothing was written`);
    if (!st.isDirectory()) throw new GateError(`the log ${path} lies below ${folder}, which is not a folder; nothing was written`);
  }
}

/**
 * Appends `drafts` to the log at `path`, chained to its current last line: creates the parent
 * folders, takes the lock, re-reads the file inside it, appends with one write, fsyncs, and releases
 * the lock. `session` is the session of drafts that carry none. Throws GateError when the lock cannot
 * be taken in time or the file cannot be written; in that case nothing was appended.
 */
export function appendToLog(path: string, drafts: readonly EntryDraft[], session: string, options: LockOptions = {}): AppendResult {
  // Format first, outside the lock: a draft that cannot become a valid entry fails before any I/O.
  try {
    appendEntries(null, drafts, session);
  } catch (e) {
    if (e instanceof LogFormatError) throw new GateError(`${e.message}; nothing was written to ${path}`);
    throw e;
  }
  if (drafts.length === 0) return { text: '', entries: 0 };
  const confine = options.confineTo;
  // Before mkdir and the lock file: both would already go through a linked folder.
  if (confine !== undefined) refuseLinkedFolders(confine, path);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new GateError(`cannot create the folder of ${path} (${describe(e)}); nothing was written`);
  }
  const lockPath = `${path}.lock`;
  acquire(lockPath, path, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.staleMs ?? DEFAULT_STALE_MS);
  try {
    // O_NOFOLLOW: a symlink planted at the log's path must not redirect the append to another file.
    const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
    let fd: number;
    try {
      fd = openSync(path, flags, 0o644);
    } catch (e) {
      const why = errno(e) === 'ELOOP' ? 'it is a symbolic link' : describe(e);
      throw new GateError(`cannot open the log ${path} (${why}); nothing was written`);
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new GateError(`the log ${path} is not a regular file; nothing was written`);
      // A hard link is not refused by O_NOFOLLOW: `ln ~/.bashrc LOG` would send every entry, text
      // the agent chose, into that file too.
      if (stat.nlink > 1) throw new GateError(`the log ${path} has ${stat.nlink} names on disk (hard links), so appending to it would write another file too; remove the log's other names, or the log, and run again; nothing was written`);
      if (confine !== undefined) {
        // A folder swapped for a link between the first look and the open: look again, and make
        // sure the file opened is the one now at the path, before a byte is written.
        refuseLinkedFolders(confine, path);
        const now = tryLstat(path);
        if (now === null || now.dev !== stat.dev || now.ino !== stat.ino) throw new GateError(`the log ${path} was replaced while it was being opened; nothing was written`);
      }
      const text = appendEntries(readLastLine(fd, stat.size, path), drafts, session);
      const bytes = Buffer.from(text, 'utf8');
      let off = 0;
      try {
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } catch (e) {
        throw new GateError(`writing the log ${path} failed after ${off} of ${bytes.length} bytes (${describe(e)})`);
      }
      return { text, entries: drafts.length };
    } finally {
      closeSync(fd);
    }
  } finally {
    release(lockPath);
  }
}
