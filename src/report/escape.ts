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

/** Entity-escapes everything that could open markup, a table cell, an emphasis or a `www.` link. */
function mdEscape(text: string): string {
  // Unseen characters are spelled out as \uXXXX; everything else is entity-escaped.
  const visible = spellUnseen(text);
  return visible.replace(/[&<>"'`|\\*_~[\]()#@!:{}$]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/(www)\./gi, '$1&#46;');
}

/**
 * Safe inside Markdown and HTML, as plain text. GitHub finds mentions (`@team`) and references
 * (`#1`) in the rendered text, after entities are decoded, so an invisible word joiner (U+2060)
 * follows each `@` and `#`: a commit author named `@acme/security` cannot ping anyone.
 */
export function mdText(text: string): string {
  return mdEscape(text).replace(/&#(64|35);/g, '&#$1;&#8288;');
}

/** A value inside `<code>`, which GitHub does not scan for mentions: escaped, and copied as written. */
export function mdCode(text: string): string {
  return `<code>${mdEscape(text)}</code>`;
}

export function shortSha(sha: string | null): string {
  return sha === null ? '(working tree)' : sha.slice(0, 12);
}
