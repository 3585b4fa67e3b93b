// A fast reader for the one spelling agent-gate itself writes (serializeEntry). A replayed log is
// nearly all such lines, and JSON.parse + the duplicate-key check + the schema walk cost several
// times more than reading the fixed layout directly. Anything unusual (an escape, a control
// character, another key order, spacing, `"blocked":false`) returns null, and the caller takes the
// general path, which gives the same entry or explains what is wrong. A property test holds the two
// paths equal.
import { isCapability, isTimestamp, PREV_RE, type LogEntry } from './entry.ts';

const HEAD = '{"v":1,"ts":"';
// JSON.parse rejects a raw control character in a string, and the text fields must not hold one.
const UNUSUAL = /[\\\u0000-\u001f\u007f]/;

/** The entry `text` spells when it is exactly serializeEntry's output for a valid entry, else null. */
export function readCanonicalEntry(text: string): LogEntry | null {
  if (!text.startsWith(HEAD) || UNUSUAL.test(text)) return null;
  // Without a backslash a string ends at the next quote, and its value is the text between.
  let pos = HEAD.length;
  const value = (): string | null => {
    const end = text.indexOf('"', pos);
    if (end <= pos) return null;
    const v = text.slice(pos, end);
    pos = end + 1;
    return v;
  };
  const literal = (s: string): boolean => {
    if (!text.startsWith(s, pos)) return false;
    pos += s.length;
    return true;
  };
  const ts = value();
  if (ts === null || !literal(',"agent":"')) return null;
  const agent = value();
  if (agent === null || !literal(',"session":"')) return null;
  const session = value();
  if (session === null || !literal(',"model":')) return null;
  let model: string | null = null;
  if (!literal('null')) {
    if (!literal('"')) return null;
    model = value();
    if (model === null) return null;
  }
  if (!literal(',"capability":"')) return null;
  const capability = value();
  if (!isCapability(capability) || !literal(',"resource":"')) return null;
  const resource = value();
  if (resource === null || !literal(',"cwd":"')) return null;
  const cwd = value();
  if (cwd === null || !literal(',"prev":"')) return null;
  const prev = value();
  if (prev === null || !PREV_RE.test(prev) || !isTimestamp(ts)) return null;
  const entry: LogEntry = { v: 1, ts, agent, session, model, capability, resource, cwd, prev };
  if (pos === text.length - 1 && text.charCodeAt(pos) === 0x7d) return entry;
  if (literal(',"blocked":true}') && pos === text.length) {
    entry.blocked = true;
    return entry;
  }
  return null;
}
