// Path canonicalisation (SPEC 6.2). Deny and ask rules see the canonical form, so a case, Unicode,
// trailing-dot or alternate-data-stream spelling of a protected path cannot slip past them.

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// Tab, newline and every other C0 control, DEL and the C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NTFS_SHORT_NAME = /^[^~./\\]{1,6}~[0-9]+(\.[^.]{0,3})?$/;
const ASCII_PLAIN = /^[\x20-\x7e]*$/;

/**
 * Lower-case letters (after NFKC) that share their upper case with another lower-case letter:
 * `ı` and `i` are both `I`, `ς` and `σ` both `Σ`. Windows compares names by a 1:1 upper-case table,
 * so `.gıthub` is `.github` there; each is folded to the letter `toLowerCase` gives that upper case.
 * A test checks the table against the running Unicode data.
 */
export const ONE_LOWER_CASE: Readonly<Record<string, string>> = {
  '\u0131': 'i', '\u0345': '\u03b9', '\u03c2': '\u03c3',
  '\u1c80': '\u0432', '\u1c81': '\u0434', '\u1c82': '\u043e', '\u1c83': '\u0441', '\u1c84': '\u0442',
  '\u1c85': '\u0442', '\u1c86': '\u044a', '\u1c87': '\u0463', '\u1c88': '\ua64b',
};
const ONE_UPPER_CASE = /[\u0131\u0345\u03c2\u1c80-\u1c88]/g;

export function canonicalSegment(segment: string): string {
  return canonicalName(segment, true);
}

/**
 * canonicalSegment without the cut at `:`: the name of an NTFS stream (`db:prod.yml` is stream
 * `prod.yml` of `db`), which a deny or ask rule naming that stream must meet in every case, and
 * not the file `db` its canonical form is. `:$DATA`, the stream's type, names the same stream.
 */
export function foldedSegment(segment: string): string {
  return canonicalName(segment, false);
}

function canonicalName(segment: string, cut: boolean): string {
  let s = segment;
  const ascii = ASCII_PLAIN.test(s);
  if (!ascii) s = s.normalize('NFKC').replace(DEFAULT_IGNORABLE, '');
  s = s.toLowerCase();
  if (!ascii) s = s.replace(ONE_UPPER_CASE, (c) => ONE_LOWER_CASE[c] ?? c);
  const colon = s.indexOf(':');
  if (colon >= 0 && cut) s = s.slice(0, colon);
  else if (colon >= 0 && s.endsWith(':$data')) s = s.slice(0, -':$data'.length);
  // Windows drops trailing dots and spaces, so `.kiro.` and `.kiro ` open `.kiro`.
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === ' ')) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Lower case as canonicalSegment folds it, and nothing else: a glob's letters must meet the
 * canonical path's, and a case-insensitive match alone does not pair `İ` with its lower case
 * `i̇` (two code points), nor `ı` with `i`.
 */
export function canonicalCase(text: string): string {
  const lower = text.toLowerCase();
  return ASCII_PLAIN.test(text) ? lower : lower.replace(ONE_UPPER_CASE, (c) => ONE_LOWER_CASE[c] ?? c);
}

/** NFKC letters without default-ignorable characters, case and all else kept: for glob patterns. */
export function canonicalLetters(text: string): string {
  return ASCII_PLAIN.test(text) ? text : text.normalize('NFKC').replace(DEFAULT_IGNORABLE, '');
}

// Printable ASCII with no upper case, `:`, `\` or space, and no segment ending in `.`: already
// canonical. Two flat tests rather than one alternation under `*`: V8 backtracks such a group on
// its stack, so a path of a few MiB (a log entry) overflowed it.
const CANONICAL_CHARS = /^[!-9;-@[\]-~]*$/;
const DOT_ENDS_SEGMENT = /\.(?:\/|$)/;

/** Canonical form of a path: segments split on `/` and `\`, each canonicalised, joined by `/`. */
export function canonicalPath(path: string): string {
  return canonicalSegments(path, canonicalSegment);
}

/** canonicalPath with each segment folded by foldedSegment (not cut at `:`). */
export function foldedPath(path: string): string {
  return canonicalSegments(path, foldedSegment);
}

function canonicalSegments(path: string, fold: (segment: string) => string): string {
  if (CANONICAL_CHARS.test(path) && !DOT_ENDS_SEGMENT.test(path)) return path;
  const absolute = path.startsWith('/') || path.startsWith('\\');
  const segments = path.split(/[/\\]/);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    if (i === 0 && absolute) continue;
    // NFKC turns `／` and `＼` (U+FF0F, U+FF3C, U+FE68) into separators: `.kiro＼settings` is
    // `.kiro/settings` there, and each piece is a segment of its own.
    const letters = ASCII_PLAIN.test(seg) ? seg : canonicalLetters(seg);
    if (letters !== seg && /[/\\]/.test(letters)) {
      for (const piece of letters.split(/[/\\]/)) out.push(fold(piece));
    } else {
      out.push(fold(seg));
    }
  }
  return (absolute ? '/' : '') + out.join('/');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Anything malformedPathReason would report: one test for the common, well-formed case.
const MAYBE_MALFORMED = /^$|[\u0000-\u001f\u007f-\u009f\ud800-\udfff]|\/\/|(?:^|\/)\.{1,2}(?:\/|$)|^\/?$|\/$/;

/** Why a committed path is malformed (SPEC 6.2: deny), or null when it is well formed. */
export function malformedPathReason(path: string): string | null {
  if (!MAYBE_MALFORMED.test(path)) return null;
  if (path.length === 0) return 'empty path';
  if (CONTROL.test(path)) return 'path contains a control character';
  // A lone surrogate (from a JSON `\udc80`) stands for no character: no UTF-8 spells it.
  if (LONE_SURROGATE.test(path)) return 'path is not valid UTF-8';
  const seg = badSegment(path);
  if (seg === null) return null;
  return seg === '' ? 'path has an empty segment' : `path has a "${seg}" segment`;
}

/** The first empty, `.` or `..` segment of a `/`-separated path (its leading `/` aside), or null. */
function badSegment(path: string): string | null {
  const body = path.startsWith('/') ? path.slice(1) : path;
  for (const seg of body.split('/')) if (seg === '' || seg === '.' || seg === '..') return seg;
  return null;
}

/**
 * The same for the canonical form (split on `\` too, ignorables dropped, trailing dots and spaces
 * cut): `x\..\secrets`, `x/..\u200b/secrets` and `x/ /y` climb or collapse there, so rules written
 * for the plain spelling would not see them.
 */
export function malformedCanonicalReason(canonical: string, raw: string): string | null {
  // `.\x`, ` /x`, `\u200b/x`: a relative path whose first segment is empty in canonical form
  // would otherwise be read as absolute there, out of reach of every rule anchored at the root.
  if (!raw.startsWith('/') && canonical.startsWith('/')) return 'path has a first segment that is empty in its canonical form';
  if (!MAYBE_MALFORMED.test(canonical)) return null;
  const seg = badSegment(canonical);
  if (seg === null) return null;
  return seg === '' ? 'path has a segment that is empty in its canonical form' : `path has a segment that is "${seg}" in its canonical form`;
}

/**
 * The first segment of the path, as written, that looks like an NTFS short name raw or in
 * canonical form (`KIRO~1 `, `KIRO～1`), or null. A canonical match is named by its raw spelling
 * when the segments line up (NFKC can make a `/` of a fullwidth solidus, and then they do not).
 */
export function shortNameSegment(path: string, canonical = path): string | null {
  if (!path.includes('~') && !canonical.includes('~')) return null;
  const raw = path.split(/[/\\]/);
  for (const seg of raw) if (NTFS_SHORT_NAME.test(seg)) return seg;
  const canon = canonical.split('/');
  for (let i = 0; i < canon.length; i++) {
    const seg = canon[i] ?? '';
    if (NTFS_SHORT_NAME.test(seg)) return canon.length === raw.length ? (raw[i] ?? seg) : seg;
  }
  return null;
}

/**
 * For an absolute path that does not start with the workspace root as written but does once both
 * are canonical (`/work/REPO/x`, `/work/repo./x`, `\work\repo\x`): the path inside the root. On a
 * case-insensitive file system it is that file of the workspace.
 */
export function rootAlias(absolute: string, root: string): string | null {
  const segs = absolute.split(/[/\\]/).filter((s) => s !== '');
  const rootSegs = root.split('/').filter((s) => s !== '');
  if (segs.length <= rootSegs.length) return null;
  for (let i = 0; i < rootSegs.length; i++) {
    if (canonicalSegment(segs[i] ?? '') !== canonicalSegment(rootSegs[i] ?? '')) return null;
  }
  return segs.slice(rootSegs.length).join('/');
}

/**
 * Resolves a path written in a command or log entry to the form rules see: `~/` expanded, relative
 * paths joined to the working folder and normalised; a path that climbs out of the workspace keeps
 * its `..` (and is then denied as malformed) unless the workspace root is known.
 */
export function resolveRequestPath(path: string, cwd: string, home: string, root: string | null): string {
  let p = path;
  // `~\` too: on Windows, and in the canonical form, `\` separates folders.
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = home + (p.length > 1 ? '/' + p.slice(2) : '');
  // `\work\repo\x` is absolute wherever `\` separates folders.
  else if (p.startsWith('\\')) p = '/' + p.slice(1);
  if (!p.startsWith('/')) {
    // A log entry's cwd in the home folder is written as `~/...` (so it means the same on a runner
    // with another HOME): it is expanded here like a `~/` path.
    const folder = cwd === '~' || cwd.startsWith('~/') || cwd.startsWith('~\\') ? home + (cwd.length > 1 ? '/' + cwd.slice(2) : '') : cwd;
    const base = folder === '' || folder === '.' ? '' : folder;
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
