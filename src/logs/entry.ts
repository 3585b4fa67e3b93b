// The neutral log entry (SPEC section 8) and its validator.
//
// Field set decision: version 1 has a closed set of fields. A line with a field this version does
// not define is rejected, not carried along: the engine would ignore such a field, so accepting it
// would let a log say something (e.g. a second `cwd` spelling) that nobody judges. A writer that
// needs a new field must bump `v`, and an unknown `v` is rejected as well. Duplicate keys are
// rejected too, because JSON parsers disagree on which duplicate wins.

import { CONCRETE_CAPABILITIES, type RequestCapability } from '../policy/types.ts';
import { countKeys, findDuplicateKey, isRecord, show } from './json.ts';

export const LOG_VERSION = 1;

/** Every capability an entry may carry; `model` entries record which model was in use. */
export const ENTRY_CAPABILITIES: readonly RequestCapability[] = [...CONCRETE_CAPABILITIES, 'model'];

/** One recorded tool call, as stored on one line of a log. */
export interface LogEntry {
  v: 1;
  ts: string;
  agent: string;
  session: string;
  model: string | null;
  capability: RequestCapability;
  resource: string;
  /** Working folder relative to the repository root; '.' when unknown. */
  cwd: string;
  /** `sha256:` + hex digest that links this line to the one before it (see chain.ts). */
  prev: string;
  /** Written only as `true`: the hook refused the call (record --enforce). */
  blocked?: boolean;
}

/**
 * What the payload mapper and the importers produce: an entry without its chain link. `session` may
 * be left out when the source has none; appendEntries fills in the caller's session.
 */
export interface EntryDraft {
  ts: string;
  agent: string;
  session?: string;
  model: string | null;
  capability: RequestCapability;
  resource: string;
  cwd: string;
  blocked?: boolean;
}

export type EntryResult = { ok: true; entry: LogEntry } | { ok: false; reason: string };

const FIELDS: ReadonlySet<string> = new Set([
  'v', 'ts', 'agent', 'session', 'model', 'capability', 'resource', 'cwd', 'prev', 'blocked',
]);

export const PREV_RE = /^sha256:[0-9a-f]{64}$/;
// RFC 3339 date-time; a timezone is required so that entries from different machines compare.
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

export function isTimestamp(value: string): boolean {
  const m = TS_RE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  // Date.parse rolls 2026-02-30 over into March; a calendar date must exist as written.
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > 28) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  }
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return hour < 24 && minute < 60 && second <= 60 && offsetOk;
}

/**
 * Cheap pre-check for findDuplicateKey: in a flat object, duplicates exist only if the text holds
 * more keys than the parsed object does. Nested values fall through to the full scan.
 */
function mayHaveDuplicateKeys(text: string, value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  // Nested values first: re-serialising one recurses, and a few thousand levels overflow the stack.
  for (const k of keys) {
    const v = value[k];
    if (v !== null && typeof v === 'object') return true;
  }
  // Written by agent-gate, a line is its object re-serialised; then no key can be repeated.
  if (JSON.stringify(value) === text) return false;
  return countKeys(text) !== keys.length;
}

export function isCapability(value: unknown): value is RequestCapability {
  return typeof value === 'string' && (ENTRY_CAPABILITIES as readonly string[]).includes(value);
}

function textProblem(name: string, value: unknown): string | null {
  if (typeof value !== 'string') return `"${name}" must be a string, got ${show(value)}`;
  if (value === '') return `"${name}" must not be empty`;
  if (CONTROL_RE.test(value)) return `"${name}" must not contain control characters`;
  return null;
}

/**
 * Checks a parsed JSON value against the v1 schema. `sourceText`, when given, is the JSON text the
 * value came from and is scanned for duplicate keys.
 */
export function validateEntry(value: unknown, sourceText?: string): EntryResult {
  const fail = (reason: string): EntryResult => ({ ok: false, reason });
  if (!isRecord(value)) return fail(`an entry must be a JSON object, got ${Array.isArray(value) ? 'an array' : show(value)}`);
  if (sourceText !== undefined && mayHaveDuplicateKeys(sourceText, value)) {
    const dup = findDuplicateKey(sourceText);
    if (dup !== null) return fail(`duplicate field "${dup}"`);
  }
  if (!('v' in value)) return fail('missing field "v"');
  if (value.v !== LOG_VERSION) return fail(`unsupported log version ${show(value.v)} (this agent-gate reads v 1)`);
  for (const key of Object.keys(value)) {
    if (!FIELDS.has(key)) return fail(`unknown field "${key}" (log format v1 has a closed set of fields)`);
  }
  for (const key of ['ts', 'agent', 'session', 'capability', 'resource', 'prev'] as const) {
    if (!(key in value)) return fail(`missing field "${key}"`);
  }
  const { ts, agent, session, capability, resource, prev } = value;
  if (typeof ts !== 'string' || !isTimestamp(ts)) return fail(`"ts" must be an RFC 3339 timestamp with a timezone, got ${show(ts)}`);
  const bad = textProblem('agent', agent) ?? textProblem('session', session);
  if (bad !== null) return fail(bad);
  const model = 'model' in value ? value.model : null;
  if (model !== null) {
    const badModel = textProblem('model', model);
    if (badModel !== null) return fail(`${badModel} (or null)`);
  }
  if (!isCapability(capability)) return fail(`"capability" must be one of ${ENTRY_CAPABILITIES.join(' ')}, got ${show(capability)}`);
  if (typeof resource !== 'string' || resource === '') return fail(`"resource" must be a non-empty string, got ${show(resource)}`);
  const cwd = 'cwd' in value ? value.cwd : '.';
  if (typeof cwd !== 'string' || cwd === '') return fail(`"cwd" must be a non-empty string, got ${show(cwd)}`);
  if (typeof prev !== 'string' || !PREV_RE.test(prev)) return fail(`"prev" must be "sha256:" and 64 lower-case hex digits, got ${show(prev)}`);
  if ('blocked' in value && typeof value.blocked !== 'boolean') return fail(`"blocked" must be true or false, got ${show(value.blocked)}`);
  const entry: LogEntry = {
    v: 1,
    ts,
    agent: agent as string,
    session: session as string,
    model: model as string | null,
    capability,
    resource,
    cwd,
    prev,
  };
  if (value.blocked === true) entry.blocked = true;
  return { ok: true, entry };
}

/** The one serialisation writers use: fixed key order, `blocked` only when true. */
export function serializeEntry(entry: LogEntry): string {
  const out: Record<string, unknown> = {
    v: entry.v,
    ts: entry.ts,
    agent: entry.agent,
    session: entry.session,
    model: entry.model,
    capability: entry.capability,
    resource: entry.resource,
    cwd: entry.cwd,
    prev: entry.prev,
  };
  if (entry.blocked === true) out.blocked = true;
  return JSON.stringify(out);
}
