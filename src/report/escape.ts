// Paths and commands come from the pull request: they are data, never markup or workflow commands.
import { isUtf8 } from 'node:buffer';

/**
 * Characters a reader cannot see or that reorder what they see: controls, line separators, bidi
 * overrides and isolates, zero-width and other default-ignorable characters (tags outside the BMP
 * too). A file name holding U+202E can show `gpj.exe` as `exe.jpg`; spelled out, it cannot.
 */
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\ufff9-\ufffb\p{Default_Ignorable_Code_Point}]/gu;

/** `text` with every unseen character written as `\uXXXX` (one per UTF-16 unit, as JSON would). */
export function spellUnseen(text: string): string {
  return text.replace(UNSEEN, unicodeEscape);
}

/** `\uXXXX` for each UTF-16 unit of `c`. */
function unicodeEscape(c: string): string {
  return Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}

/** Unseen characters JSON.stringify leaves as they are (it escapes only those below U+0020). */
const UNSEEN_IN_JSON = /[\u007f-\u009f\u061c\u2028\u2029\ufff9-\ufffb\p{Default_Ignorable_Code_Point}]/gu;

/**
 * `value` as JSON whose unseen characters are `\uXXXX` escapes: the same value to a JSON reader,
 * and nothing invisible or reordering on a terminal (audit 32, PP-7).
 */
export function jsonSpelled(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSEEN_IN_JSON, unicodeEscape);
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

/** The length of the valid UTF-8 sequence that starts at `i`, or 0 when none does. */
export function utf8SequenceAt(bytes: Buffer, i: number): number {
  const b = bytes[i] as number;
  const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
  return len > 0 && i + len <= bytes.length && isUtf8(bytes.subarray(i, i + len)) ? len : 0;
}

