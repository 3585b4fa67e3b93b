// Filesystem patterns that load and match, but most likely not what their author meant.

/**
 * A `[name]` or `[...name]` segment (a Next.js, SvelteKit or Nuxt route folder or file, such as
 * `app/[tenant]/**` or `pages/[...slug].tsx`) is a character class in a glob: it matches one
 * character and never the folder spelled with brackets, so a deny written that way leaves the
 * real folder open. Only a class that starts a segment and ends it (or is followed by an
 * extension) is read this way, so `*.[ch]` and `[Mm]akefile` are not. (`[[...slug]]` is refused
 * as unbalanced already.)
 */
const ROUTE_SEGMENT = /(?<=^|\/)\[(?:\.\.\.)?[A-Za-z_][A-Za-z0-9_]*\](?=\/|\.|$)/g;

/** Escapes the brackets of one route-like segment: `[id]` -> `\[id\]`. */
function literal(segment: string): string {
  return segment.replace(/[[\]]/g, (b) => `\\${b}`);
}

/** The warning for a pattern holding a route-like class, or null. */
export function routeClassWarning(what: string, pattern: string): string | null {
  const found = [...pattern.matchAll(ROUTE_SEGMENT)].map((m) => m[0]);
  const first = found[0];
  if (first === undefined) return null;
  const fixed = pattern.replace(ROUTE_SEGMENT, literal);
  const inner = first.replace(/^\[(?:\.\.\.)?|\]$/g, '');
  const letters = [...new Set(inner)];
  const oneOf = letters.length > 1 && !first.includes('...') ? `; for one of the characters ${letters.map((c) => JSON.stringify(c)).join(', ')}, write {${letters.join(',')}}` : '';
  return `${what} pattern ${JSON.stringify(pattern)} holds ${first}, which is a character class matching one character, not a name spelled with brackets (such as a route folder); to match the name as written, escape the brackets: ${JSON.stringify(fixed)}${oneOf}`;
}
