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
}

const COLON = 0x3a;
const STATUS = new Set<string>(['A', 'C', 'D', 'M', 'R', 'T', 'U', 'X']);
const MODE = /^[0-7]{6}$/;
const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function pathTextOf(path: Buffer): string | null {
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
    let colons = 0;
    while (pos + colons < end && buf[pos + colons] === COLON) colons++;
    const metaEnd = nulAfter(buf, pos, end);
    const fields = buf.toString('latin1', pos + colons, metaEnd).split(' ');
    const parents = colons;
    if (fields.length !== 2 * (parents + 1) + 1) fail(pos, 'wrong number of fields');
    const oldMode = fields[0] as string;
    const newMode = fields[parents] as string;
    const oldId = fields[parents + 1] as string;
    const newId = fields[2 * parents + 1] as string;
    const statusField = fields[2 * parents + 2] as string;
    if (!MODE.test(oldMode) || !MODE.test(newMode)) fail(pos, 'bad mode');
    if (!OID.test(oldId) || !OID.test(newId)) fail(pos, 'bad object id');
    const letter = statusField.charAt(0);
    if (!STATUS.has(letter)) fail(pos, `bad status ${JSON.stringify(statusField)}`);
    const pathStart = metaEnd + 1;
    const pathEnd = nulAfter(buf, pathStart, end);
    const path = buf.subarray(pathStart, pathEnd);
    pos = pathEnd + 1;
    if (parents === 1 && (letter === 'R' || letter === 'C')) {
      const dstEnd = nulAfter(buf, pos, end);
      const dst = buf.subarray(pos, dstEnd);
      pos = dstEnd + 1;
      const zero = oldId.replace(/./g, '0');
      if (letter === 'R') {
        into.push({ status: 'D', oldMode, newMode: '000000', oldId, newId: zero, path, pathText: pathTextOf(path) });
      }
      into.push({ status: 'A', oldMode: '000000', newMode, oldId: zero, newId, path: dst, pathText: pathTextOf(dst) });
      continue;
    }
    let status = letter as ChangeStatus;
    // In a combined record the letters are per parent; what matters for a write is the end state.
    if (parents > 1) status = newMode === '000000' ? 'D' : statusField === 'A'.repeat(parents) ? 'A' : 'M';
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
