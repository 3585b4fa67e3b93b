// Shortening what `record --enforce` and the hook quote on stderr. That text goes back to the model
// through the agent, so a 5 MiB command must not come back as 5 MiB of reason; the head of a quoted
// value names it well enough, and the rule and effect stay whole.

/** Characters of a quoted value that are kept. */
export const CLIP_CHARS = 200;
/** Beyond this the whole message is cut, whatever made it long. */
export const MAX_MESSAGE_CHARS = 2000;

/** `value` as a JSON string, cut to its first CLIP_CHARS characters with its full length noted. */
export function clipQuoted(value: string): string {
  if (value.length <= CLIP_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, CLIP_CHARS))}… (${value.length} characters)`;
}

/** The end of the JSON string literal opening at `start`, or -1 when it is not closed. */
function literalEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j < text.length ? j : -1;
}

/**
 * `text` with every JSON string literal in it longer than CLIP_CHARS clipped (the engine's reasons
 * quote sub-commands and paths that way), then cut to MAX_MESSAGE_CHARS. A loop, not a regex: an
 * alternation under `*` overflows V8's stack on a string of a few MiB.
 */
export function clipMessage(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('"', i);
    if (open === -1) break;
    const end = literalEnd(text, open);
    if (end === -1) break;
    out += text.slice(i, open);
    const literal = text.slice(open, end + 1);
    let value: unknown = null;
    if (literal.length > CLIP_CHARS + 2) {
      try { value = JSON.parse(literal); } catch { value = null; }
    }
    out += typeof value === 'string' ? clipQuoted(value) : literal;
    i = end + 1;
  }
  out += text.slice(i);
  return out.length <= MAX_MESSAGE_CHARS ? out : `${out.slice(0, MAX_MESSAGE_CHARS)}… (message cut at ${MAX_MESSAGE_CHARS} of ${out.length} characters)`;
}
