// Paths and commands come from the pull request: they are data, never markup or workflow commands.

/**
 * Characters a reader cannot see or that reorder what they see: controls, line separators, bidi
 * overrides and isolates, zero-width and other default-ignorable characters. A file name holding
 * U+202E can show `gpj.exe` as `exe.jpg`; spelled out, it cannot.
 */
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;

/** `text` with every unseen character written as `\uXXXX`. */
export function spellUnseen(text: string): string {
  return text.replace(UNSEEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON-escaped, so control characters, newlines and quotes cannot forge lines; unseen characters spelled out. */
export function quoted(text: string): string {
  return spellUnseen(JSON.stringify(text));
}

/**
 * Safe inside Markdown and HTML: entity-escapes everything that could open markup, a table cell,
 * a mention (`@`), a reference (`#`) or an emphasis, after JSON-escaping control characters.
 */
export function mdText(text: string): string {
  // Unseen characters are spelled out as \uXXXX; everything else is entity-escaped.
  const visible = spellUnseen(text);
  return visible.replace(/[&<>"'`|\\*_~[\]()#@!:{}$]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value inside `<code>`: the same escaping, so it renders literally. */
export function mdCode(text: string): string {
  return `<code>${mdText(text)}</code>`;
}

export function shortSha(sha: string | null): string {
  return sha === null ? '(working tree)' : sha.slice(0, 12);
}
