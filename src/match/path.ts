// Path canonicalisation (SPEC 6.2). Deny and ask rules see the canonical form, so a case, Unicode,
// trailing-dot or alternate-data-stream spelling of a protected path cannot slip past them.

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// Tab, newline and every other C0 control, DEL and the C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NTFS_SHORT_NAME = /^[^~./\\]{1,6}~[0-9]+(\.[^.]{0,3})?$/;
const ASCII_PLAIN = /^[\x20-\x7e]*$/;

export function canonicalSegment(segment: string): string {
  let s = segment;
  if (!ASCII_PLAIN.test(s)) s = s.normalize('NFKC').replace(DEFAULT_IGNORABLE, '');
  s = s.toLowerCase();
  const colon = s.indexOf(':');
  if (colon >= 0) s = s.slice(0, colon);
  // Windows drops trailing dots and spaces, so `.kiro.` and `.kiro ` open `.kiro`.
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === ' ')) end--;
  return end === s.length ? s : s.slice(0, end);
}

// Printable ASCII with no upper case, `:`, `\` or space, and no segment ending in `.`: already canonical.
const ALREADY_CANONICAL = /^(?:[!-\-/-9;-@[\]-~]|\.(?![/]|$))*$/;

/** Canonical form of a path: segments split on `/` and `\`, each canonicalised, joined by `/`. */
export function canonicalPath(path: string): string {
  if (ALREADY_CANONICAL.test(path)) return path;
  const absolute = path.startsWith('/') || path.startsWith('\\');
  const segments = path.split(/[/\\]/);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    if (i === 0 && absolute) continue;
    out.push(canonicalSegment(seg));
  }
  return (absolute ? '/' : '') + out.join('/');
}

// Anything malformedPathReason would report: one test for the common, well-formed case.
const MAYBE_MALFORMED = /^$|[\u0000-\u001f\u007f-\u009f]|\/\/|(?:^|\/)\.{1,2}(?:\/|$)|^\/?$|\/$/;

/** Why a committed path is malformed (SPEC 6.2: deny), or null when it is well formed. */
export function malformedPathReason(path: string): string | null {
  if (!MAYBE_MALFORMED.test(path)) return null;
  if (path.length === 0) return 'empty path';
  if (CONTROL.test(path)) return 'path contains a control character';
  const body = path.startsWith('/') ? path.slice(1) : path;
  for (const seg of body.split('/')) {
    if (seg === '') return 'path has an empty segment';
    if (seg === '.' || seg === '..') return `path has a "${seg}" segment`;
  }
  return null;
}

export function hasShortNameSegment(path: string): boolean {
  if (!path.includes('~')) return false;
  for (const seg of path.split(/[/\\]/)) if (NTFS_SHORT_NAME.test(seg)) return true;
  return false;
}

/**
 * Resolves a path written in a command or log entry to the form rules see: `~/` expanded, relative
 * paths joined to the working folder and normalised; a path that climbs out of the workspace keeps
 * its `..` (and is then denied as malformed) unless the workspace root is known.
 */
export function resolveRequestPath(path: string, cwd: string, home: string, root: string | null): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  if (!p.startsWith('/')) {
    const base = cwd === '' || cwd === '.' ? '' : cwd;
    if (base.startsWith('/')) p = base + '/' + p;
    else p = base === '' ? p : base + '/' + p;
  }
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  if (absolute) {
    const abs = '/' + out.join('/');
    if (root !== null) {
      const r = root.endsWith('/') ? root.slice(0, -1) : root;
      if (abs === r) return '.';
      if (abs.startsWith(r + '/')) return abs.slice(r.length + 1);
    }
    return abs;
  }
  // A path that climbs out of the workspace may come back into it (`../repo/secrets/x`): resolve
  // it from the root as an absolute path, which is made relative again if it lands inside.
  if (out[0] === '..' && root !== null) {
    return resolveRequestPath(root + '/' + out.join('/'), '.', home, root);
  }
  return out.length === 0 ? '.' : out.join('/');
}
