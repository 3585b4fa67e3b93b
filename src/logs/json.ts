// Small JSON helpers shared by the log reader, the hook payload mapper and the importers.
import { constants } from 'node:buffer';

/** Decodes UTF-8 strictly: a record with invalid bytes is refused, never patched with U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Why decodeUtf8 gave null for `byteLength` bytes: past V8's longest string (about 512 MiB) even ASCII
 * cannot be decoded, and calling that invalid UTF-8 would send the user after the wrong fault
 * (audit 42, AT-1).
 */
export function undecodedReason(byteLength: number): string {
  return byteLength > constants.MAX_STRING_LENGTH ? `too large to read (${Math.ceil(byteLength / 2 ** 20)} MiB; at most ${Math.floor(constants.MAX_STRING_LENGTH / 2 ** 20)} MiB)` : 'not valid UTF-8';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Returns the first key that appears twice in one object of `text`, or null. `text` must already be
 * valid JSON. JSON.parse keeps the last duplicate while other readers keep the first, so a log line
 * with duplicates could mean different things to different tools.
 */
export function findDuplicateKey(text: string): string | null {
  // One frame per open container: the keys seen so far for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top instanceof Set) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
    i++;
  }
  return null;
}

/**
 * How many object keys `text` (valid JSON) holds: strings followed by `:`. A loop, not a regex: an
 * alternation under `*` backtracks on V8's stack and overflowed it on a string of a few MiB.
 */
export function countKeys(text: string): number {
  let count = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') { i++; continue; }
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    j++;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    if (text[j] === ':') count++;
    i = j;
  }
  return count;
}

/** Short printable form of a value for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested a few thousand levels deep: JSON.parse reads that, but stringify overflows the stack.
    text = Array.isArray(value) ? 'a deeply nested array' : 'a deeply nested object';
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
