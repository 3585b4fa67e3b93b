// The texts a brace expansion makes, for the subscript-text check: `"a["{x,\$}"(cmd)]"` is the
// words `a[x(cmd)]` and `a[$(cmd)]`, and `$_` or `set --` hands the second to arithmetic, where
// bash runs cmd (audit 48, BL-3). Only comma lists matter: a sequence (`{1..9}`, `{a..z}`) makes
// digits and letters only.

const MAX_TEXT = 1024;

/** Where the `}` closing the `{` at `open` is, skipping escapes and quotes, or -1. */
function closing(text: string, open: number): { close: number; commas: number[] } | null {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') { i++; continue; }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return null;
      i = end;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { close: i, commas };
    else if (ch === ',' && depth === 1) commas.push(i);
  }
  return null;
}

/** The first `{…}` holding a top-level comma, from `from` on, or null. */
function firstList(text: string, from: number): { open: number; close: number; commas: number[] } | null {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') { i++; continue; }
    if (ch !== '{') continue;
    const found = closing(text, i);
    if (found !== null && found.commas.length > 0) return { open: i, ...found };
  }
  return null;
}

/** `text` with its quotes and escapes taken away, as the word's value. */
function unquoted(text: string): string {
  return text.replace(/\\(.)|'([^']*)'|"((?:[^"\\]|\\.)*)"/gs, (_m, escaped?: string, single?: string, double?: string) =>
    escaped ?? single ?? (double ?? '').replace(/\\([$`"\\])/g, '$1'));
}

/**
 * The words a brace expansion's source text (`{x,\$}`, as written) makes, quotes and escapes
 * taken away; null past `limit` of them, or for a text too long to expand here.
 */
export function braceAlternatives(text: string, limit = 64): string[] | null {
  // Each `{` is matched by a scan to its `}`: bounded, so a long word cannot make that quadratic.
  if (text.length > MAX_TEXT) return null;
  const out: string[] = [];
  const pending = [text];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const list = firstList(next, 0);
    if (list === null) {
      out.push(unquoted(next));
      if (out.length > limit) return null;
      continue;
    }
    const before = next.slice(0, list.open);
    const after = next.slice(list.close + 1);
    const bounds = [list.open, ...list.commas, list.close];
    for (let k = 0; k + 1 < bounds.length; k++) pending.push(before + next.slice((bounds[k] as number) + 1, bounds[k + 1]) + after);
    if (pending.length + out.length > limit) return null;
  }
  return out;
}
