// The hash chain that makes a log tamper-evident (SPEC section 8), and the checks built on it.
//
// Rule: `prev` = "sha256:" + hex SHA-256 of the previous line's bytes without its newline; a file's
// first line uses the UTF-8 bytes of its own `session` value instead. The chain runs per file, not
// per session, so several sessions may share one file.
//
// Decisions (docs/log-format.md lists them with examples):
// - A CRLF line ending is a problem on that line. For the chain its CR is not part of the line, so
//   a whole file converted to CRLF reports one CRLF problem per line, not a cascade of chain breaks.
// - A final line without a newline is accepted: it is a complete JSON object that verifies. A line
//   cut short mid-way fails to parse; whole lines cut from the end leave no trace in the file itself
//   and are caught by compareLogVersions against the previous commit.
// - An empty line is a problem: writers never produce one, and it has no entry to judge.
// - Entries whose chain link is broken are still returned, so their content is judged as well.

import * as crypto from 'node:crypto';
import { readCanonicalEntry } from './canonical.ts';
import { serializeEntry, validateEntry, type EntryDraft, type LogEntry } from './entry.ts';
import { decodeUtf8, parseJson, undecodedReason } from './json.ts';

export interface LogProblem {
  /** The label the caller gave (a path in the repository, or a notes ref). */
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface VerifiedEntry {
  file: string;
  line: number;
  entry: LogEntry;
  /** The line's bytes without its newline. */
  raw: Buffer;
}

export interface VerifyResult {
  entries: VerifiedEntry[];
  problems: LogProblem[];
}

export interface VersionComparison {
  problems: LogProblem[];
  /** 1-based line numbers of the new version that are new content to judge. */
  added: number[];
}

/** Thrown when a draft cannot become a valid entry; a bug or bad input at the writer, never data. */
export class LogFormatError extends Error {
  override name = 'LogFormatError';
}

const CR = 0x0d;
const LF = 0x0a;

interface Line {
  /** Bytes without the LF. */
  raw: Buffer;
  /** Bytes without the LF and without a trailing CR: what the chain hashes. */
  content: Buffer;
  crlf: boolean;
  terminated: boolean;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function splitLines(input: Uint8Array): Line[] {
  const bytes = toBuffer(input);
  const lines: Line[] = [];
  const push = (raw: Buffer, terminated: boolean): void => {
    const crlf = raw.length > 0 && raw[raw.length - 1] === CR;
    lines.push({ raw, content: crlf ? raw.subarray(0, raw.length - 1) : raw, crlf, terminated });
  };
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(LF, start);
    if (nl === -1) break;
    push(bytes.subarray(start, nl), true);
    start = nl + 1;
  }
  if (start < bytes.length) push(bytes.subarray(start), false);
  return lines;
}

// crypto.hash (Node >= 20.12) is a one-shot digest without a Hash object per line.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash;

/** `sha256:` + hex digest of the given bytes (a string is taken as UTF-8). */
export function chainHash(bytes: Uint8Array | string): string {
  return `sha256:${oneShot ? oneShot('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex')}`;
}

function stripCr(bytes: Uint8Array): Uint8Array {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
}

/**
 * Builds one log line (without its newline) from a draft. `prevLineBytes` is the previous line of
 * the file without its newline, or null when this is the file's first line.
 */
export function formatEntry(draft: EntryDraft & { session: string }, prevLineBytes: Uint8Array | null): string {
  const entry: LogEntry = {
    v: 1,
    ts: draft.ts,
    agent: draft.agent,
    session: draft.session,
    model: draft.model,
    capability: draft.capability,
    resource: draft.resource,
    cwd: draft.cwd,
    prev: prevLineBytes === null ? chainHash(draft.session) : chainHash(stripCr(prevLineBytes)),
  };
  if (draft.blocked === true) entry.blocked = true;
  const line = serializeEntry(entry);
  const check = validateEntry(JSON.parse(line) as unknown);
  if (!check.ok) throw new LogFormatError(`cannot write log entry: ${check.reason}`);
  return line;
}

/**
 * The text to append to a log so that `drafts` continue its chain: one line per draft, each ending
 * in a newline, preceded by a newline when the existing log's last line has none. A draft without a
 * session gets `session`.
 */
export function appendEntries(existingLogBytes: Uint8Array | null, drafts: readonly EntryDraft[], session: string): string {
  let prev: Uint8Array | null = null;
  let out = '';
  if (existingLogBytes !== null && existingLogBytes.length > 0) {
    const lines = splitLines(existingLogBytes);
    const last = lines[lines.length - 1];
    if (last !== undefined) {
      prev = last.content;
      if (!last.terminated) out = '\n';
    }
  }
  for (const draft of drafts) {
    const line = formatEntry({ ...draft, session: draft.session ?? session }, prev);
    out += `${line}\n`;
    prev = Buffer.from(line, 'utf8');
  }
  return out;
}

function describeBreak(line: number, entry: LogEntry, firstLineWithHash: ReadonlyMap<string, number>): string {
  const other = firstLineWithHash.get(entry.prev);
  if (line === 1) {
    const where = other !== undefined
      ? `; it is the hash of line ${other}, so lines before this one were removed or lines were reordered`
      : '; lines before this one were removed, the line was edited, or prev is forged';
    return `broken chain: the first line's prev must be the hash of its session ${JSON.stringify(entry.session)}${where}`;
  }
  if (other !== undefined && other !== line - 1) {
    return `broken chain: prev is the hash of line ${other}, not of line ${line - 1} (lines were reordered, inserted or removed)`;
  }
  if (entry.prev === chainHash(entry.session)) {
    return `broken chain: prev is a first-line hash (of session ${JSON.stringify(entry.session)}), not the hash of line ${line - 1} (a log's first line was moved here, or lines were inserted above it)`;
  }
  return `broken chain: prev is not the hash of line ${line - 1} (line ${line - 1} was changed, a line after it was removed or inserted, or prev is forged)`;
}

/**
 * Reads a log and reports every problem from line `from` on (1-based; default the whole log);
 * nothing is skipped silently. Lines before `from` only lend line `from` the hash of the line
 * before it, so a commit that appends to a long log costs what it appends, not the whole log.
 */
export interface VerifyOptions {
  /**
   * Empty lines separate rather than break (git notes: `git notes append` always puts a blank
   * line between the old note and the new text); each entry then chains to the line before it
   * that is not empty.
   */
  blankLines?: boolean;
}

export function verifyLog(bytes: Uint8Array, label: string, from = 1, options: VerifyOptions = {}): VerifyResult {
  const lines = splitLines(bytes);
  const hashes: (string | undefined)[] = new Array<string | undefined>(lines.length);
  const hashOf = (index: number): string => (hashes[index] ??= chainHash((lines[index] as Line).content));
  // Only a broken link needs to know where else its prev appears.
  let firstLineWithHash: Map<string, number> | null = null;
  const lineIndex = (): Map<string, number> => {
    if (firstLineWithHash === null) {
      firstLineWithHash = new Map();
      for (let i = 0; i < lines.length; i++) {
        const h = hashOf(i);
        if (!firstLineWithHash.has(h)) firstLineWithHash.set(h, i + 1);
      }
    }
    return firstLineWithHash;
  };
  const entries: VerifiedEntry[] = [];
  const problems: LogProblem[] = [];
  const problem = (line: number, reason: string): void => {
    problems.push({ file: label, line, reason });
  };

  const blankLines = options.blankLines === true;
  let previous = -1;
  lines.forEach((l, index) => {
    const line = index + 1;
    if (blankLines && l.content.length === 0 && !l.crlf) return;
    const before = blankLines ? previous : index - 1;
    previous = index;
    if (line < from) return;
    if (l.crlf) problem(line, 'CRLF line ending (log lines end with LF only; mark log files -text in .gitattributes)');
    if (l.content.length === 0) {
      problem(line, 'empty line');
      return;
    }
    const text = decodeUtf8(l.content);
    if (text === null) {
      const reason = undecodedReason(l.content.length);
      problem(line, reason === 'not valid UTF-8' ? 'invalid UTF-8' : `a line ${reason}`);
      return;
    }
    if (line === 1 && text.startsWith('\uFEFF')) {
      problem(line, 'the file starts with a UTF-8 byte order mark');
      return;
    }
    let entry = readCanonicalEntry(text);
    if (entry === null) {
      const parsed = parseJson(text);
      if (!parsed.ok) {
        problem(line, `invalid JSON: ${parsed.error}`);
        return;
      }
      const checked = validateEntry(parsed.value, text);
      if (!checked.ok) {
        problem(line, checked.reason);
        return;
      }
      entry = checked.entry;
    }
    entries.push({ file: label, line, entry, raw: l.raw });
    const expected = before < 0 ? chainHash(entry.session) : hashOf(before);
    if (entry.prev !== expected) problem(line, describeBreak(line, entry, lineIndex()));
  });
  return { entries, problems };
}

/**
 * Compares a log as of a commit's parent (`oldBytes`, null when it did not exist) with the same log
 * as of the commit (`newBytes`, null when removed). The new version must begin with exactly the old
 * lines; the first line where it does not is the one problem reported. From that line on, every
 * line of the new version counts as added, so a changed line is judged like a new one.
 */
export function compareLogVersions(oldBytes: Uint8Array | null, newBytes: Uint8Array | null, label = ''): VersionComparison {
  const oldLines = oldBytes === null ? [] : splitLines(oldBytes);
  if (newBytes === null) {
    if (oldLines.length === 0) return { problems: [], added: [] };
    return {
      problems: [{ file: label, line: 1, reason: `log file removed (the previous version had ${oldLines.length} line${oldLines.length === 1 ? '' : 's'})` }],
      added: [],
    };
  }
  const newLines = splitLines(newBytes);
  const range = (from: number): number[] => {
    const out: number[] = [];
    for (let n = from; n <= newLines.length; n++) out.push(n);
    return out;
  };
  for (let k = 0; k < oldLines.length; k++) {
    const before = oldLines[k] as Line;
    const after = newLines[k];
    const line = k + 1;
    if (after === undefined) {
      return {
        problems: [{ file: label, line, reason: `line ${line} of the previous version was removed (a log may only grow at its end)` }],
        added: [],
      };
    }
    // The old last line may lack its newline; appending must then begin by completing it.
    const same = before.raw.equals(after.raw) && (after.terminated || !before.terminated);
    if (!same) {
      return {
        problems: [{ file: label, line, reason: `line ${line} of the previous version was changed (a log may only grow at its end)` }],
        added: range(line),
      };
    }
  }
  return { problems: [], added: range(oldLines.length + 1) };
}
