// Parser for `git diff --raw -z` records, shared by log (commits) and the hook (the index).
// Works on Buffer offsets: a range can list hundreds of thousands of paths, and a path is bytes,
// not text, until someone proves it is valid UTF-8.

import { isUtf8 } from 'node:buffer';
import { GitError } from './errors.ts';

export type ChangeStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface Change {
  status: ChangeStatus;
  /** Octal mode as git prints it: '000000' for "absent", '100644', '100755', '120000', '160000', '040000'. */
  oldMode: string;
  newMode: string;
  /** Full object ids; all zeros for "absent". */
  oldId: string;
  newId: string;
  /** The path exactly as stored in the tree. */
  path: Buffer;
  /** The path as text, or null when its bytes are not valid UTF-8. */
  pathText: string | null;
  /** Content a merge's automatic merge carried to a path one side never wrote (log.ts madeByMerge). */
  carried?: true;
}

const COLON = 0x3a;
const SPACE = 0x20;
const STATUS = new Set<string>(['A', 'C', 'D', 'M', 'R', 'T', 'U', 'X']);
const ZERO40 = '0'.repeat(40);
const ZERO64 = '0'.repeat(64);

/** True when path holds only ASCII bytes (the common case, decoded without a validation pass). */
function isAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((buf[i] as number) > 0x7f) return false;
  return true;
}

export function pathTextOf(path: Buffer): string | null {
  if (isAscii(path, 0, path.length)) return path.toString('latin1');
  return isUtf8(path) ? path.toString('utf8') : null;
}

function fail(at: number, what: string): never {
  throw new GitError(['diff', '--raw', '-z'], 0, '', `unexpected output at byte ${at}: ${what}`);
}

function nulAfter(buf: Buffer, from: number, end: number): number {
  const i = buf.indexOf(0, from);
  if (i < 0 || i >= end) fail(from, 'unterminated record');
  return i;
}

// A range lists tens of thousands of entries whose modes are a handful of values: share them.
const modeCache = new Map<number, string>();

function modeAt(buf: Buffer, at: number): string {
  let key = 0;
  for (let i = at; i < at + 6; i++) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 7) fail(at, 'bad mode');
    key = key * 8 + d;
  }
  let mode = modeCache.get(key);
  if (mode === undefined) {
    mode = buf.toString('latin1', at, at + 6);
    modeCache.set(key, mode);
  }
  return mode;
}

function isHex(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function idAt(buf: Buffer, at: number, len: number): string {
  // The all-zero id ("absent") is frequent; answer it without allocating.
  let zero = true;
  for (let i = at; i < at + len; i++) {
    if (buf[i] !== 0x30) {
      zero = false;
      break;
    }
  }
  if (zero) return len === 40 ? ZERO40 : ZERO64;
  // Checking the first and last digit catches a misaligned parse; git never prints other ids.
  if (!isHex(buf, at, at + 1) || !isHex(buf, at + len - 1, at + len)) fail(at, 'bad object id');
  return buf.toString('latin1', at, at + len);
}

export interface RawDiffParse {
  changes: Change[];
  /** Offset of the first byte that is not part of a raw record. */
  next: number;
}

/**
 * Parses consecutive raw records starting at `start`, stopping at the first byte that does not
 * begin one (`:`). Handles plain records (`:` one parent) and combined ones (`::` per parent, from
 * `-c`); combined records are reported against the first parent. A rename or copy (when the caller
 * did not pass --no-renames) becomes a delete of the old path plus an add of the new one, so no
 * path escapes judgement.
 */
export function parseRawRecords(buf: Buffer, start = 0, end = buf.length, into: Change[] = []): RawDiffParse {
  let pos = start;
  while (pos < end && buf[pos] === COLON) {
    let parents = 0;
    while (pos + parents < end && buf[pos + parents] === COLON) parents++;
    const metaEnd = nulAfter(buf, pos, end);
    // Layout: modes (parents + 1, six octal digits each), ids (parents + 1), status letters.
    let at = pos + parents;
    const modes: string[] = [];
    for (let i = 0; i <= parents; i++) {
      if (at + 6 >= metaEnd || buf[at + 6] !== SPACE) fail(pos, 'bad mode field');
      modes.push(modeAt(buf, at));
      at += 7;
    }
    const sp = buf.indexOf(SPACE, at);
    const idLen = sp - at;
    if (sp < 0 || (idLen !== 40 && idLen !== 64)) fail(pos, 'bad object id field');
    const ids: string[] = [];
    for (let i = 0; i <= parents; i++) {
      if (at + idLen >= metaEnd || buf[at + idLen] !== SPACE) fail(pos, 'bad object id field');
      ids.push(idAt(buf, at, idLen));
      at += idLen + 1;
    }
    const statusField = buf.toString('latin1', at, metaEnd);
    const letter = statusField.charAt(0);
    if (!STATUS.has(letter)) fail(pos, `bad status ${JSON.stringify(statusField)}`);
    const oldMode = modes[0] as string;
    const newMode = modes[parents] as string;
    const oldId = ids[0] as string;
    const newId = ids[parents] as string;
    const pathStart = metaEnd + 1;
    const pathEnd = nulAfter(buf, pathStart, end);
    const path = buf.subarray(pathStart, pathEnd);
    pos = pathEnd + 1;
    if (parents === 1 && (letter === 'R' || letter === 'C')) {
      const dstEnd = nulAfter(buf, pos, end);
      const dst = buf.subarray(pos, dstEnd);
      pos = dstEnd + 1;
      const zero = idLen === 40 ? ZERO40 : ZERO64;
      if (letter === 'R') {
        into.push({ status: 'D', oldMode, newMode: '000000', oldId, newId: zero, path, pathText: pathTextOf(path) });
      }
      into.push({ status: 'A', oldMode: '000000', newMode, oldId: zero, newId, path: dst, pathText: pathTextOf(dst) });
      continue;
    }
    let status = letter as ChangeStatus;
    // In a combined record the letters are per parent; what matters for a write is the end state.
    if (parents > 1) status = newMode === '000000' ? 'D' : statusField === 'A'.repeat(parents) ? 'A' : 'M';
    else if (statusField.length !== 1 && !/^[A-Z]\d+$/.test(statusField)) fail(pos, `bad status ${JSON.stringify(statusField)}`);
    into.push({ status, oldMode, newMode, oldId, newId, path, pathText: pathTextOf(path) });
  }
  return { changes: into, next: pos };
}

/** Parses a whole `git diff(-tree|-index|-files) --raw -z --no-renames` output. */
export function parseRawDiff(buf: Buffer): Change[] {
  const { changes, next } = parseRawRecords(buf, 0, buf.length);
  if (next !== buf.length) fail(next, 'not a raw diff record');
  return changes;
}
