// Paths and commands come from the pull request: they are data, never markup or workflow commands.

/** JSON-escaped, so control characters, newlines and quotes cannot forge lines. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/**
 * Safe inside Markdown and HTML: entity-escapes everything that could open markup, a table cell,
 * a mention (`@`), a reference (`#`) or an emphasis, after JSON-escaping control characters.
 */
export function mdText(text: string): string {
  // Control and line-breaking characters are spelled out as \uXXXX; everything else is entity-escaped.
  const visible = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.replace(/[&<>"'`|\\*_~[\]()#@!:{}$]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value inside `<code>`: the same escaping, so it renders literally. */
export function mdCode(text: string): string {
  return `<code>${mdText(text)}</code>`;
}

export function shortSha(sha: string | null): string {
  return sha === null ? '(working tree)' : sha.slice(0, 12);
}
