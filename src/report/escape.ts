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
  const json = JSON.stringify(text).slice(1, -1);
  return json.replace(/[&<>"'`|\\*_~[\]()#@!:{}$]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value inside `<code>`: the same escaping, so it renders literally. */
export function mdCode(text: string): string {
  return `<code>${mdText(text)}</code>`;
}

export function shortSha(sha: string | null): string {
  return sha === null ? '(working tree)' : sha.slice(0, 12);
}
