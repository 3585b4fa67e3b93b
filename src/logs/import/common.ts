// Shared parts of the session-record importers. An importer converts, it does not judge: every
// tool call becomes drafts, model ids are kept verbatim, and anything malformed in a record it
// recognised is an ImportError naming the position, never a silently dropped call.

import { isTimestamp, type EntryDraft } from '../entry.ts';
import { isRecord, parseJson, show } from '../json.ts';
import { ToolInputError, type ToolRequest } from '../tools/common.ts';

export class ImportError extends Error {
  override name = 'ImportError';
}

export type ImportFormat = 'kiro' | 'claude' | 'codex';

export interface ImportOptions {
  /** Absolute root of the repository the log belongs to; paths inside it become relative. */
  repoRoot: string | null;
  /** The importer's home folder: paths in it (and not in the repository) are written as `~/...`. */
  home: string | null;
  /** Where the file system puts an absolute path (see PathContext.physical), when it can be read. */
  physical?: (abs: string) => string;
  /** Timestamp for calls the record gives none (Kiro exports): the caller's "now" or the file's time. */
  fallbackTs: string;
}

export interface ImportResult {
  format: ImportFormat;
  drafts: EntryDraft[];
}

export interface JsonLine {
  line: number;
  value: Record<string, unknown>;
}

/** Every non-blank line of a JSON Lines record, each of which must be a JSON object. */
export function jsonLines(text: string, what: string): JsonLine[] {
  const out: JsonLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    if (!parsed.ok) throw new ImportError(`${what} line ${i + 1}: invalid JSON (${parsed.error})`);
    if (!isRecord(parsed.value)) throw new ImportError(`${what} line ${i + 1}: expected a JSON object, got ${show(parsed.value)}`);
    out.push({ line: i + 1, value: parsed.value });
  });
  return out;
}

/** A record's timestamp: absent gives the fallback, present but malformed is an error. */
export function timestamp(value: unknown, fallback: string, where: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && isTimestamp(value)) return value;
  throw new ImportError(`${where}: timestamp must be RFC 3339 with a timezone, got ${show(value)}`);
}

export function stringOrNull(value: unknown, where: string, key: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ImportError(`${where}: "${key}" must be a string, got ${show(value)}`);
  return value === '' ? null : value;
}

/** Runs a tool mapper and turns its input errors into import errors at `where`. */
export function mapAt(where: string, map: () => ToolRequest[]): ToolRequest[] {
  try {
    return map();
  } catch (err) {
    if (err instanceof ToolInputError) throw new ImportError(`${where}: ${err.message}`);
    throw err;
  }
}

export interface DraftContext {
  ts: string;
  agent: ImportFormat;
  session: string | null;
  model: string | null;
}

export function toDrafts(requests: readonly ToolRequest[], c: DraftContext): EntryDraft[] {
  return requests.map((r) => {
    const draft: EntryDraft = {
      ts: c.ts,
      agent: c.agent,
      model: r.model ?? c.model,
      capability: r.capability,
      resource: r.resource,
      cwd: r.cwd,
    };
    if (c.session !== null) draft.session = c.session;
    return draft;
  });
}
