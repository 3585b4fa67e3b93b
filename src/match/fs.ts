// Filesystem globs (SPEC 4) built on minimatch, compiled once and indexed so that a path is only
// tested against rules that could match it (SPEC 13: no linear scan of every rule per path).
import { Minimatch, braceExpand } from 'minimatch';
import { canonicalCase, canonicalLetters, canonicalPath, canonicalSegment, foldedPath, foldedSegment } from './path.ts';

// Braces are expanded once, by compileFsPattern: what braceExpand leaves (an escaped `\{a,b\}`,
// unescaped) is literal, and minimatch must not expand it a second time.
const MM_OPTIONS = { dot: true, nocomment: true, nonegate: true, nobrace: true } as const;
const MAGIC = /[*?[\]{}()!+@\\]/;
export const MAX_BRACE_ALTERNATIVES = 1000;

export interface FsPattern {
  /** The pattern as written in the policy. */
  readonly pattern: string;
  /** Matches the raw path case-sensitively (allow rules, and "is this an alias?"). */
  testRaw(path: string, restrictive?: boolean): boolean;
  /**
   * Matches the canonical path case-insensitively (deny and ask rules), or its `folded` form (see
   * foldedPath), which a pattern naming an NTFS stream (`db:prod.yml`) needs.
   */
  testCanonical(canonical: string, folded?: string): boolean;
  /**
   * testCanonical with the pattern's names kept as written (not cut at `:`, trailing dots kept):
   * for a deny or ask rule's `exclude`, which must not narrow it more than its spelling says.
   */
  testCanonicalAsWritten(canonical: string): boolean;
}

/** Where a pattern is anchored: the workspace root, or absolute (after `~` expansion). */
type Anchor = 'relative' | 'absolute';

interface CompiledAlternative {
  anchor: Anchor;
  /** Also applies to absolute paths: a relative deny/ask pattern that starts with `**`. */
  anyDepth: boolean;
  /** Compiled on first use: with the index, most patterns are never tested on a given run. */
  raw: () => Minimatch[];
  /** `raw` plus, for `X/**`, `X` itself: writing the protected folder is writing into it. */
  rawRestrictive: () => Minimatch[];
  /** The restrictive forms, case-folded, for canonical paths (deny and ask only). */
  folded: () => Minimatch[];
  /** `folded` with the names as written, only their letters NFKC (see testCanonicalAsWritten). */
  foldedAsWritten: () => Minimatch[];
  /**
   * `folded` as prefixes: does a folder hold (or is it) a path this alternative names? Empty for
   * patterns that start with `**`, which name no place a link could stand in for.
   */
  holds: () => Minimatch[];
  /** A literal segment every match must contain (canonical form), for the index. */
  key: string | null;
  /** A literal basename suffix (`*.pem` -> `.pem`), canonical, when there is no key segment. */
  ext: string | null;
}

/** minimatch's POSIX classes, which may stand inside a bracket expression (`[[:digit:]_]`). */
const POSIX_CLASSES = ['[:alnum:]', '[:alpha:]', '[:ascii:]', '[:blank:]', '[:cntrl:]', '[:digit:]', '[:graph:]', '[:lower:]',
  '[:print:]', '[:punct:]', '[:space:]', '[:upper:]', '[:word:]', '[:xdigit:]'];

/**
 * The index after the `]` that closes the bracket expression opening at `start`, or why it is
 * refused. It reads the expression as minimatch does (a `]` first is literal, `[:digit:]` is one
 * member, `\` escapes), because minimatch compiles an unclosed one around a POSIX class, a range
 * ending in a class, or one with no member left into a glob that matches nothing: a deny rule
 * would be dropped without a word. An out-of-order range (`z-a`), which minimatch drops silently,
 * is refused too.
 */
function scanClass(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  let sawStart = false;
  let escaping = false;
  let members = 0;
  let rangeStart = '';
  while (i < pattern.length) {
    const c = String.fromCodePoint(pattern.codePointAt(i) ?? 0);
    // minimatch splits a pattern at every `/` before it reads brackets: `keys/[a/b]*.pem` is the
    // unclosed `[a` and `b]*.pem`, each a literal name, and the rule would never fire (audit 38, AK-1).
    if (c === '/') return `bracket expression "${pattern.slice(start, i + 1)}…" holds "/", but a pattern is split into folders at every "/" before brackets are read, so it would match nothing; write the alternatives with braces ("{a,b/c}")`;
    if (c === ']' && sawStart && !escaping) {
      return members > 0 ? i + 1 : `bracket expression "${pattern.slice(start, i + 1)}" matches no character`;
    }
    sawStart = true;
    if (c === '\\' && !escaping) { escaping = true; i++; continue; }
    if (c === '[' && !escaping) {
      const cls = POSIX_CLASSES.find((k) => pattern.startsWith(k, i));
      if (cls !== undefined) {
        if (rangeStart !== '') return `a range cannot end in the POSIX class ${cls}`;
        i += cls.length;
        members++;
        continue;
      }
    }
    escaping = false;
    if (rangeStart !== '') {
      if ((c.codePointAt(0) ?? 0) < (rangeStart.codePointAt(0) ?? 0)) return `range "${rangeStart}-${c}" is out of order`;
      members++;
      rangeStart = '';
      i += c.length;
      continue;
    }
    if (pattern.startsWith('-]', i + c.length)) { members++; i += c.length + 1; continue; }
    if (pattern.startsWith('-', i + c.length)) { rangeStart = c; i += c.length + 1; continue; }
    members++;
    i += c.length;
  }
  return 'unbalanced "["';
}

/**
 * Checks that braces and brackets balance, every bracket expression can match, and every extglob
 * (`@(a|b)`, `!(x)`, `+(…)`, `*(…)`, `?(…)`) closes within its folder; a message or null. minimatch
 * reads an extglob that holds a `/` or is never closed as literal text, so `@(secrets|config/prod)/**`
 * named only a folder called that, and the rule never fired (audit 38, AK-1).
 */
export function unbalancedReason(pattern: string): string | null {
  let braces = 0;
  const extglobs: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') { i++; continue; }
    if ('!+@*?'.includes(c) && pattern[i + 1] === '(') { extglobs.push(i); i++; continue; }
    if (c === '[') {
      const end = scanClass(pattern, i);
      if (typeof end === 'string') return end;
      i = end - 1;
    } else if (c === ']') return 'unbalanced "]"';
    else if (c === '{') braces++;
    else if (c === '}') { braces--; if (braces < 0) return 'unbalanced "}"'; }
    else if (c === ')' && extglobs.length > 0) extglobs.pop();
    else if (c === '/' && extglobs.length > 0) {
      const open = extglobs[0] as number;
      return `the pattern group "${pattern.slice(open, i + 1)}…" holds "/", but a pattern is split into folders at every "/" before groups are read, so it would match nothing; write the alternatives with braces ("{a,b/c}")`;
    }
  }
  if (braces !== 0) return 'unbalanced "{"';
  const open = extglobs[0];
  if (open !== undefined) return `the pattern group "${pattern.slice(open, open + 2)}" is never closed, so minimatch reads it as literal text; close it with ")" or escape the "(" as "\\("`;
  return null;
}

/**
 * Why a `\` in a pattern is refused, or null. minimatch reads `\` as an escape, but Windows, and
 * the canonical form of SPEC 6.2, read it as a folder separator: `config\prod\app.yml` was the one
 * name `configprodapp.yml`, `secrets\**` a name starting `secrets*`, and the rule never fired.
 * Outside a bracket expression `\` may escape only what would otherwise be special: `[ ] { } ( )
 * , \`, and `! + @` before `(`; a leading `\~` is a folder named `~`. `\*` and `\?` are refused
 * too, as they are the usual shape of a Windows glob (`**\*.pem`); `[*]` and `[?]` say the same
 * thing without doubt. Inside brackets `\` escapes anything, and nobody means a separator there.
 * Call it once brackets are known to balance.
 */
export function backslashReason(pattern: string): string | null {
  let first: string | null = null;
  let literal = false;
  let fix = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '[') {
      const end = scanClass(pattern, i);
      if (typeof end === 'number') { fix += pattern.slice(i, end); i = end - 1; continue; }
    }
    if (c !== '\\') { fix += c; continue; }
    const next = pattern[i + 1] ?? '';
    if ((next !== '' && '[]{}(),\\'.includes(next)) || ('!+@'.includes(next) && pattern[i + 2] === '(') || (i === 0 && next === '~')) {
      fix += c + next;
      i++;
      continue;
    }
    const wildcard = next === '*' || next === '?';
    literal ||= wildcard;
    first ??= next === '' ? 'a final "\\" escapes nothing' : wildcard ? `"\\${next}" is a literal "${next}"` : `"\\${next}" is a plain "${next}"`;
    fix += '/';
  }
  if (first === null) return null;
  return `"\\" is an escape in patterns, not a folder separator (${first}); separate folders with "/" ("${fix}")${literal ? ', and write a literal "*" or "?" as "[*]" or "[?]"' : ''}`;
}

/** Counts brace-expansion alternatives without expanding them (a pattern could name 10^30). */
export function countBraceAlternatives(pattern: string): number {
  let pos = 0;
  const seq = (stopAtComma: boolean): number => {
    let product = 1;
    while (pos < pattern.length) {
      const c = pattern[pos];
      if (c === '\\') { pos += 2; continue; }
      if (c === '}' || (stopAtComma && c === ',')) return product;
      if (c === '{') {
        pos++;
        const start = pos;
        let sum = 0;
        let commas = 0;
        for (;;) {
          sum += seq(true);
          if (pos >= pattern.length) return product * Math.max(sum, 1);
          if (pattern[pos] === ',') { commas++; pos++; continue; }
          break;
        }
        const body = pattern.slice(start, pos);
        pos++; // '}'
        const range = /^(-?\w+)\.\.(-?\w+)(?:\.\.(-?\d+))?$/.exec(body);
        if (commas === 0 && range) {
          const a = range[1] ?? '';
          const b = range[2] ?? '';
          const step = Math.abs(Number(range[3] ?? 1)) || 1;
          const na = Number(a);
          const nb = Number(b);
          const span = Number.isFinite(na) && Number.isFinite(nb)
            ? Math.abs(nb - na)
            : Math.abs(b.charCodeAt(0) - a.charCodeAt(0));
          sum = Math.floor(span / step) + 1;
        } else if (commas === 0) sum = 1;
        product *= sum;
        if (product > 1e9) return product;
        continue;
      }
      pos++;
    }
    return product;
  };
  return seq(false);
}

function literalSegment(seg: string): boolean {
  return seg !== '' && !MAGIC.test(seg);
}

/**
 * Whether every path this segment matches has one canonical segment equal to its canonical form, so
 * the index may file the pattern under it. Deny and ask rules match through the NFKC form, where a
 * fullwidth `＊` or `？` is a wildcard: `secrets/＊＊` was filed under `**`, a segment no path has.
 */
function indexableSegment(seg: string): boolean {
  return literalSegment(seg) && !MAGIC.test(canonicalLetters(seg));
}

/**
 * Whether a pattern (one brace alternative) is a glob. One that is not also names everything below
 * it, so a final `/` is harmless there (`secrets/`); a glob ending in `/` matches folders only.
 * It is a glob when minimatch would match it other than literally: `@internal`, `c++`, `(auth)`,
 * `deploy!`, `x{a}` (braces are expanded already) and an escaped `\[tenant\]` are folder names,
 * and only `@(a|b)`, `!(x)`, a `[` class, `*` or `?` are wildcards. minimatch's own parser decides,
 * so the two can never disagree; it runs only for the rare pattern with such a character.
 */
function isGlob(pattern: string): boolean {
  if (!MAGIC.test(pattern)) return false;
  if (!pattern.includes('\\') && /[*?]/.test(pattern)) return true;
  return new Minimatch(pattern, MM_OPTIONS).hasMagic();
}

/**
 * The one name a pattern segment matches, as minimatch reads it (`\[a\]` is `[a]`, `[*]` is `*`),
 * or null when it matches other names too or none.
 */
function literalName(seg: string): string | null {
  if (seg === '') return null;
  if (!MAGIC.test(seg)) return seg;
  if (isGlob(seg)) return null;
  const parts = new Minimatch(seg, MM_OPTIONS).set;
  const only = parts.length === 1 && parts[0]?.length === 1 ? parts[0][0] : undefined;
  return typeof only === 'string' && only !== '' ? only : null;
}

/**
 * Why one brace alternative can never match, or null. Rules see files, never a path with a `.` or
 * empty segment (SPEC 6.2 denies those as malformed first), so a glob ending in `/`, a `.` segment
 * or a `//` would drop the rule without a word. Leading `./`s are dropped as compileAlternative
 * drops them, which is how `.//x` became the absolute `/x`.
 */
function deadAlternativeReason(alt: string): string | null {
  if (alt === '.' || alt === '~' || alt === '~/' || alt === '/') return null;
  // Patterns expand only `~/`: `~root/.ssh/**` or `$HOME/.ssh/**` named a workspace folder spelled
  // so, and every real spelling of the file got past the deny (audit 38, AK-2).
  // A `~` name with no `/` after it (`~$*.docx`, `~*.tmp`) is a file name, as in requests.
  const user = /^~([A-Za-z_][A-Za-z0-9._-]*)\//.exec(alt);
  if (user) return `starts with "~${user[1]}", which patterns do not expand (only "~/" is the home folder), so it names a workspace folder called "~${user[1]}"; write that home folder's absolute path ("/home/${user[1]}/…", "/root/…") or "~/…", or "\\~${user[1]}" for a folder named so`;
  // Environment variables are upper case; `$tf/**` may name a folder called so.
  const variable = /^\$\{?([A-Z_][A-Z0-9_]*)\}?(?:\/|$)/.exec(alt);
  if (variable) return `starts with the variable "${variable[0].replace(/\/$/, '')}", which patterns do not expand, so it names a workspace folder spelled so; write ${variable[1] === 'HOME' ? '"~/…"' : 'the absolute path it stands for'}`;
  let rest = alt.startsWith('~/') ? alt.slice(2) : alt.startsWith('/') ? alt.slice(1) : alt;
  let dropped = false;
  if (rest === alt) while (rest.startsWith('./')) { rest = rest.slice(2); dropped = true; }
  if (rest === '') return 'names nothing once its leading "./" is dropped; write "**" for every path in the workspace';
  const segments = rest.split('/');
  const final = segments.length > 1 && segments[segments.length - 1] === '';
  if (final) segments.pop();
  if (segments.includes('')) {
    const absolute = dropped && rest.startsWith('/') ? ` (once the leading "./" is dropped, "${rest}" is left: an absolute pattern)` : '';
    return `has an empty segment ("//"), which no path has${absolute}; write one "/" ("${alt.replace(/\/{2,}/g, '/')}")`;
  }
  if (segments.includes('.')) return `has a "." segment, which no path has; remove it ("${alt.replace(/\/\.(?=\/|$)/g, '')}")`;
  // Workspace paths never climb out of it (a path that does is denied as malformed first).
  if (rest === alt || dropped) {
    if (segments[0] === '..') return 'starts with "..", which no workspace path does; name a place outside the workspace with an absolute or "~/" pattern';
  }
  if (final && isGlob(rest)) return `ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("${alt.slice(0, -1)}")`;
  return null;
}

/**
 * A home folder on Linux or macOS, or root's, at the start of an absolute path: what follows it is
 * a path in a user's home (`$1` the folder, `$2` the rest). Windows's `C:\Users\NAME` is read
 * as `/Users/NAME`, and `Documents and Settings`, a junction to `Users` on every Windows since
 * Vista, names the same folders (audit 49, BO-5).
 */
export const HOME_FOLDER = /^(\/(?:home\/[^/]+|Users\/[^/]+|Documents and Settings\/[^/]+|root|var\/root))(?:\/(.*))?$/is;

/**
 * The home folders a pattern names absolutely (`/Users/dev` in `/Users/dev/.ssh/**`, `/home/*` in
 * `/{home/*,root}/.aws/**`), as written: a `~/…` path from another machine may lie in any of them.
 */
export function homeFoldersNamed(pattern: string): string[] {
  const expanded = pattern.includes('{') ? braceExpand(pattern) : [pattern];
  return expanded.flatMap((alt) => {
    const head = HOME_FOLDER.exec(alt)?.[1];
    return head === undefined || head.includes('**') ? [] : [head];
  });
}

/**
 * Why a pattern could never match a file (see deadAlternativeReason), for each brace alternative
 * as compileFsPattern expands it, and for its NFKC form, which deny and ask rules match with (a
 * fullwidth `／` is a `/` there); a message or null. Call it once the alternatives are counted.
 */
export function deadGlobReason(pattern: string): string | null {
  const expanded = pattern.includes('{') ? braceExpand(pattern) : [pattern];
  const relative = !pattern.startsWith('/') && !pattern.startsWith('~');
  for (const alt of expanded) {
    const subject = expanded.length > 1 ? `alternative "${alt}"` : 'it';
    // `{src,}/x` gives `/x`: an empty alternative made an absolute pattern of a relative one.
    if (relative && alt.startsWith('/')) return `${subject} is absolute, which the pattern as written is not (an empty brace alternative before a "/"); write the alternatives out ("{src/x,x}")`;
    const raw = deadAlternativeReason(alt);
    if (raw !== null) return `${subject} ${raw}`;
    // Matching reads the pattern with its `NAME/..` pairs taken out (collapseDotDots); the home
    // folder only decides where a climbing `~/..` lands, not whether the pattern can match.
    const collapsed = collapseDotDots(alt, '/home');
    const climbed = collapsed === alt ? null : deadAlternativeReason(collapsed);
    if (climbed !== null) return `once its ".." segments are taken out ("${collapsed}"), ${subject} ${climbed}`;
    if (/(?:^|\/)\.\.(?:\/|$)/.test(collapsed)) return `${subject} has ".." after "**", which matches no path (paths are checked with their ".." taken out); name the folder it means`;
    const normalised = canonicalLetters(alt);
    const folded = normalised === alt ? null : deadAlternativeReason(normalised);
    if (folded !== null) return `once NFKC-normalised as paths are, ${subject} ${folded}`;
  }
  return null;
}

/**
 * A pattern with each `NAME/..` taken out, as minimatch reads it (`secrets/x/../*.pem` is
 * `secrets/*.pem`, `/tmp/x/../y` is `/tmp/y`): a `..` after `**` or another `..` stays. The folder
 * index and the workspace reading of absolute patterns then see the place the pattern names
 * (audit 34, XX-1: `secrets/x/../**` was indexed under `..` and never fired). A `~/..` climbing out
 * of the home folder is spelled from the home folder itself.
 */
export function collapseDotDots(alt: string, home: string): string {
  if (!/(?:^|\/)\.\.(?:\/|$)/.test(alt)) return alt;
  const tilde = alt === '~' || alt.startsWith('~/');
  const absolute = alt.startsWith('/');
  const segments = (tilde ? alt.slice(1) : absolute ? alt.slice(1) : alt).split('/');
  const out: string[] = [];
  let climbs = false;
  for (const seg of segments) {
    if (seg !== '..') out.push(seg);
    else if (out.length > 0 && !['..', '**', ''].includes(out[out.length - 1] as string)) out.pop();
    else if (tilde && out.every((s) => s === '')) climbs = true;
    else if (!(absolute && out.every((s) => s === ''))) out.push(seg);
  }
  const body = out.join('/');
  if (tilde && climbs) return collapseDotDots(`${escapeGlob(home.replace(/\/+$/, ''))}${alt.slice(1)}`, home);
  return tilde ? `~${body.startsWith('/') || body === '' ? '' : '/'}${body}` : absolute ? `/${body}` : body;
}

/** A folder name as a glob that matches only itself (a home of `/tmp/h[1]` is not a character class). */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

/** A glob matching exactly the file `path` names: wildcards escaped, a leading `~` too (not the home folder). */
export function literalGlob(path: string): string {
  const escaped = escapeGlob(path);
  return escaped.startsWith('~') ? `\\${escaped}` : escaped;
}

/**
 * A glob segment's letters in canonical case, bracket expressions left alone: lower-casing `[Z-a]`
 * would make the out-of-order `[z-a]`, which minimatch drops, and the rule would match nothing.
 */
function canonicalCaseOutsideClasses(seg: string): string {
  if (/^[\x20-\x7e]*$/.test(seg)) return seg;
  let out = '';
  let from = 0;
  for (let i = 0; i < seg.length; i++) {
    if (seg[i] === '\\') { i++; continue; }
    if (seg[i] !== '[') continue;
    const end = scanClass(seg, i);
    if (typeof end !== 'number') continue;
    out += canonicalCase(seg.slice(from, i)) + seg.slice(i, end);
    from = end;
    i = end - 1;
  }
  return out + canonicalCase(seg.slice(from));
}

/**
 * One segment of a deny or ask form as canonical paths spell it (SPEC 6.2). A literal name is put
 * through foldedSegment: a path's canonical form loses trailing dots and spaces and is lower-cased
 * the JS way, so `dots.`, `old dir ` or `İx` as written could never meet it, and every other
 * spelling of the protected file was let through. It is not cut at `:`: `db:prod.yml` names a
 * stream, met in the path's folded form, and cut it would name the file `db` and all below it. A
 * name that would be left empty (`...`) stays as written: such a path is denied as malformed anyway.
 */
function canonicalGlobSegment(seg: string): string {
  if (seg === '' || seg === '.' || seg === '..' || seg === '**') return seg;
  const name = literalName(seg);
  if (name === null) return canonicalCaseOutsideClasses(seg);
  // A `\` in a name (written `\\`) separates folders in the canonical form.
  const pieces = name.split('\\').map(foldedSegment);
  if (pieces.some((p) => p === '')) return canonicalCaseOutsideClasses(seg);
  return pieces.map(escapeGlob).join('/');
}

/** A deny or ask form (brace-free, `~` expanded) in canonical letters and names, segment by segment. */
function canonicalGlob(form: string): string {
  return canonicalLetters(form).split('/').map(canonicalGlobSegment).join('/');
}

/**
 * An absolute or `~/` alternative split into the folder its literal segments name, as a path
 * (`~` expanded), and the pattern text after it (empty or starting with `/`); null for a relative one.
 */
function literalHead(alt: string, home: string): { head: string; tail: string } | null {
  const tilde = alt === '~' || alt.startsWith('~/');
  if (!tilde && !alt.startsWith('/')) return null;
  const segments = (tilde ? alt.slice(1) : alt).split('/');
  let head = tilde ? home.replace(/\/+$/, '') : '';
  let i = 1;
  for (; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    const name = seg === '.' || seg === '..' ? null : literalName(seg);
    if (name === null) break;
    head += `/${name}`;
  }
  return { head, tail: i < segments.length ? `/${segments.slice(i).join('/')}` : '' };
}

/**
 * The part of a pattern below the workspace `root`, when its literal folder `head` lies in it
 * (`~/.kiro/workspace-roots/**` with the workspace at home, `/home/dev/proj/secrets/**` for the
 * workspace `/home/dev/proj`): a workspace path is matched relative to the root, which the absolute
 * spelling never meets. A pattern whose wildcard stands above the root (`~/**`, `/**`) names places
 * outside the workspace as well, and is left as written.
 */
function belowRoot(head: string, tail: string, root: string): string | null {
  const top = root.replace(/\/+$/, '');
  if (top === '') return null;
  const h = head.toLowerCase();
  const t = top.toLowerCase();
  if (h !== t && !h.startsWith(`${t}/`)) return null;
  const rel = head.slice(top.length + 1);
  const rest = `${rel === '' ? '' : literalGlob(rel)}${tail}`.replace(/^\/+/, '');
  return rest === '' ? '**' : rest;
}

/**
 * The workspace-relative readings of an absolute or `~/` deny/ask alternative (see belowRoot). The
 * root is usually taken with links resolved while `$HOME` or the pattern's folder reach it through
 * a link (`/home -> /usr/home`, an automounted home, `HOME=/link`): the folder is compared both as
 * spelled and resolved, the home alone resolved too, against the root both ways, so the link that
 * hides the workspace cannot switch the rule off there. Only deny and ask rules get this, so an
 * extra reading can only tighten.
 */
function workspaceReadings(alt: string, home: string, root: string, resolve: (path: string) => string): string[] {
  const split = literalHead(alt, home);
  if (split === null) return [];
  const { head, tail } = split;
  const heads = new Set([head, resolve(head)]);
  if (alt.startsWith('~')) {
    const spelledHome = home.replace(/\/+$/, '');
    heads.add(resolve(spelledHome).replace(/\/+$/, '') + head.slice(spelledHome.length));
  }
  const roots = new Set([root, resolve(root)]);
  const out = new Set<string>();
  for (const h of heads) for (const r of roots) {
    const rel = belowRoot(h, tail, r);
    if (rel !== null) out.add(rel);
  }
  return [...out];
}

function compileAlternative(pattern: string, home: string): CompiledAlternative {
  let p = pattern;
  const tilde = p === '~' || p.startsWith('~/');
  // Whether the pattern has wildcards is a property of what the user wrote, not of the home folder.
  const written = tilde ? p.slice(1) : p;
  if (tilde) p = escapeGlob(home) + written;
  while (p.startsWith('./')) p = p.slice(2);
  if (p === '.') p = '**';
  const anchor: Anchor = p.startsWith('/') ? 'absolute' : 'relative';
  const body = anchor === 'absolute' ? p.slice(1) : p;
  const segments = body.split('/').filter((s) => s !== '');
  const isMagic = isGlob(tilde ? written : body);
  // A pattern with no wildcard also covers everything below it (Kiro: `~/temp` matches `~/temp/child`).
  const forms = isMagic ? [p] : [p, p.endsWith('/') ? p + '**' : p + '/**'];
  // A deny or ask `X/**` or `X/` also covers X itself: a file written in place of the folder
  // (audit 45, BC-5: `secrets/` left `touch secrets` allowed).
  const bare = !isMagic && p.endsWith('/') ? p.replace(/\/+$/, '') : '';
  const folder = p.endsWith('/**') && p.length > 3 && !p.slice(0, -3).endsWith('**') ? [p.slice(0, -3)] : bare !== '' ? [bare] : [];
  const raw = lazy(() => forms.map((f) => new Minimatch(f, MM_OPTIONS)));
  const rawRestrictive = lazy(() => [...raw(), ...folder.map((f) => new Minimatch(f, MM_OPTIONS))]);
  // Canonical paths are NFKC-normalised, so the pattern's letters must be too (an NFD `ä` in a
  // deny pattern would otherwise never meet the path it names), and its names canonical.
  const foldedForms = lazy(() => [...forms, ...folder].map(canonicalGlob));
  const folded = lazy(() => foldedForms().map((f) => new Minimatch(f, { ...MM_OPTIONS, nocase: true })));
  const foldedAsWritten = lazy(() => [...forms, ...folder].map((f) => new Minimatch(canonicalLetters(f), { ...MM_OPTIONS, nocase: true })));
  const anyDepth = anchor === 'relative' && body.startsWith('**');
  const holds = lazy(() => (anchor === 'relative' && !anyDepth ? foldedForms().map((f) => new Minimatch(f, { ...MM_OPTIONS, nocase: true, partial: true })) : []));
  let key: string | null = null;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] ?? '';
    if (indexableSegment(seg)) { key = canonicalSegment(seg); break; }
  }
  // NFKC may make one pattern segment two (`config／prod` is `config/prod`), which no single path
  // segment equals: such an alternative is tested against every path instead.
  if (key !== null && /[/\\]/.test(key)) key = null;
  let ext: string | null = null;
  const last = segments[segments.length - 1] ?? '';
  if (key === null && last.startsWith('*') && last[1] === '.' && !MAGIC.test(canonicalLetters(last.slice(1)))) {
    ext = canonicalSegment(last.slice(1));
    // `*.` and `*. ` name files whose raw name ends in a dot: no canonical suffix is empty, so such
    // a pattern is tested against every path instead.
    if (ext === '' || /[/\\]/.test(ext)) ext = null;
  }
  return { anchor, anyDepth, raw, rawRestrictive, folded, foldedAsWritten, holds, key, ext };
}

function anchorFits(alt: CompiledAlternative, absolute: boolean, restrictive: boolean): boolean {
  if (alt.anchor === 'absolute') return absolute;
  if (!absolute) return true;
  return restrictive && alt.anyDepth;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function testForms(forms: Minimatch[], path: string, absolute: boolean, alt: CompiledAlternative): boolean {
  // A relative `**/x` deny also catches `/anywhere/x`: match it against the path without its root.
  const subject = absolute && alt.anchor === 'relative' ? path.slice(1) : path;
  for (const m of forms) if (m.match(subject)) return true;
  return false;
}

/**
 * One pattern string, with its brace alternatives compiled. With `root` (deny and ask rules), an
 * absolute alternative naming a place in the workspace also matches the workspace path there.
 */
export function compileFsPattern(pattern: string, home: string, root?: string | null, resolve: (path: string) => string = (p) => p): FsPattern & { alternatives: CompiledAlternative[] } {
  const expanded = (pattern.includes('{') ? braceExpand(pattern) : [pattern]).map((alt) => collapseDotDots(alt, home));
  const inside = root === undefined || root === null ? [] : [...new Set(expanded.flatMap((p) => workspaceReadings(p, home, root, resolve)))];
  const alternatives = [...expanded, ...inside].map((p) => compileAlternative(p, home));
  return {
    pattern,
    alternatives,
    testRaw(path: string, restrictive = false): boolean {
      const absolute = path.startsWith('/');
      return alternatives.some((a) => anchorFits(a, absolute, restrictive) && testForms(restrictive ? a.rawRestrictive() : a.raw(), path, absolute, a));
    },
    testCanonical(canonical: string, folded = canonical): boolean {
      const absolute = canonical.startsWith('/');
      return alternatives.some((a) => anchorFits(a, absolute, true)
        && (testForms(a.folded(), canonical, absolute, a) || (folded !== canonical && testForms(a.folded(), folded, absolute, a))));
    },
    testCanonicalAsWritten(canonical: string): boolean {
      const absolute = canonical.startsWith('/');
      return alternatives.some((a) => anchorFits(a, absolute, true) && testForms(a.foldedAsWritten(), canonical, absolute, a));
    },
  };
}

export interface FsEntry<T> {
  readonly ordinal: number;
  /** Deny and ask entries see the canonical form; allow entries the path as written. */
  readonly restrictive: boolean;
  readonly pattern: FsPattern & { alternatives: CompiledAlternative[] };
  readonly excludes: FsPattern[];
  readonly payload: T;
}

export interface FsHit<T> {
  entry: FsEntry<T>;
  /** True when only the canonical form matched: the path is an alias of a protected path. */
  alias: boolean;
}

/** What every index lookup needs about one path, computed once per decision. */
export interface PathKey {
  raw: string;
  canonical: string;
  /** foldedPath(raw): the canonical form not cut at `:`, for patterns naming a stream. */
  folded: string;
}

export function pathKey(raw: string, canonical: string = canonicalPath(raw)): PathKey {
  // A path already canonical has no `:` and nothing else to fold.
  return { raw, canonical, folded: raw === canonical ? canonical : foldedPath(raw) };
}

const HINT_BITS = 4096;

function hinted(hints: Uint32Array, hint: number): boolean {
  return ((hints[hint >>> 5] as number) & (1 << (hint & 31))) !== 0;
}

/**
 * A cheap fingerprint of the segment `text[start, end)` (its length and end letters), so a lookup
 * slices and hashes only segments that may be a key: most segments of most paths are not.
 */
function segmentHint(text: string, start: number, end: number): number {
  return ((end - start) * 977 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) & (HINT_BITS - 1);
}

interface Slot<T> { entry: FsEntry<T>; group: number; stamp: number }

/**
 * All fs patterns of one capability, indexed by a literal segment or a basename suffix, so one
 * lookup per path finds every candidate. Entries are grouped (deny, ask, allow); `best` returns the
 * lowest-ordinal matching entry of each group.
 */
export class FsIndex<T> {
  private readonly bySegment = new Map<string, Slot<T>[]>();
  /** One bit per segmentHint of a key: a clear bit means no key has that fingerprint. */
  private readonly segmentHints = new Uint32Array(HINT_BITS / 32);
  private readonly extHints = new Uint32Array(HINT_BITS / 32);
  private readonly byExt = new Map<string, Slot<T>[]>();
  private readonly unindexed: Slot<T>[] = [];
  private readonly restrictiveSlots: Slot<T>[] = [];
  private readonly slots: Slot<T>[] = [];
  private stamp = 0;
  private count = 0;

  /** `indexed: false` files every entry as unindexed: the plain scan in rule order the index must agree with. */
  constructor(readonly groups: number, private readonly indexed = true) {}

  get size(): number { return this.count; }

  add(entry: FsEntry<T>, group: number): void {
    this.count++;
    // One slot per entry, filed under every alternative's key: a lookup finds it whatever brace
    // arm matches, and the stamp makes sure it is tested once.
    const slot: Slot<T> = { entry, group, stamp: 0 };
    this.slots.push(slot);
    if (entry.restrictive) this.restrictiveSlots.push(slot);
    const keys = new Set<string>();
    let fallback = false;
    for (const alt of entry.pattern.alternatives) {
      if (alt.key !== null) keys.add('s' + alt.key);
      else if (alt.ext !== null) keys.add('e' + alt.ext);
      else fallback = true;
    }
    if (fallback || !this.indexed) { this.unindexed.push(slot); return; }
    for (const k of keys) {
      const hints = k[0] === 's' ? this.segmentHints : this.extHints;
      const hint = segmentHint(k, 1, k.length);
      hints[hint >>> 5] = (hints[hint >>> 5] as number) | (1 << (hint & 31));
      const map = k[0] === 's' ? this.bySegment : this.byExt;
      const list = map.get(k.slice(1));
      if (list) list.push(slot); else map.set(k.slice(1), [slot]);
    }
  }

  /** The payloads of one group's entries, in the order they were added. */
  payloads(group: number): T[] {
    return this.slots.filter((s) => s.group === group).map((s) => s.entry.payload);
  }

  best(key: PathKey): (FsHit<T> | null)[] {
    const found: (FsHit<T> | null)[] = this.groups === 3 ? [null, null, null] : new Array<FsHit<T> | null>(this.groups).fill(null);
    if (this.count === 0) return found;
    const stamp = ++this.stamp;
    const text = key.canonical;
    for (let start = 0; start <= text.length;) {
      let end = text.indexOf('/', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const hint = segmentHint(text, start, end);
        if (hinted(this.segmentHints, hint)) {
          const list = this.bySegment.get(text.slice(start, end));
          if (list !== undefined) this.visit(list, key, found, stamp);
        }
      }
      start = end + 1;
    }
    if (this.byExt.size > 0) this.visitSuffixes(key, found, stamp);
    if (this.unindexed.length > 0) this.visit(this.unindexed, key, found, stamp);
    return found;
  }

  /**
   * The restrictive entries naming a path at or below `folder` (canonical, relative), in rule
   * order: what a symlink or submodule at `folder` would stand in for. A linear scan, which only
   * links and submodules pay.
   */
  holding(folder: string): FsEntry<T>[] {
    const out: FsEntry<T>[] = [];
    for (const slot of this.restrictiveSlots) {
      if (slot.entry.pattern.alternatives.some((a) => a.holds().some((m) => m.match(folder)))) out.push(slot.entry);
    }
    return out;
  }

  /**
   * The basename's suffixes from each `.` (`a.tar.gz` -> `.tar.gz`, `.gz`) and the basename, in
   * canonical form. The canonical basename is cut at `:` (`a:b.pem` -> `a`), but the raw name still
   * ends in `.pem`, and a rule on the raw spelling must still be found: its suffixes count too.
   */
  private visitSuffixes(key: PathKey, found: (FsHit<T> | null)[], stamp: number): void {
    const text = key.canonical;
    const base = text.lastIndexOf('/') + 1;
    for (let i = text.indexOf('.', base); i >= 0; i = text.indexOf('.', i + 1)) this.visitExt(text, i, key, found, stamp);
    if (text.length > base && text[base] !== '.') this.visitExt(text, base, key, found, stamp);
    if (key.raw === key.canonical) return;
    const raw = key.raw.slice(Math.max(key.raw.lastIndexOf('/'), key.raw.lastIndexOf('\\')) + 1);
    for (let i = raw.indexOf('.'); i >= 0; i = raw.indexOf('.', i + 1)) {
      const suffix = canonicalSegment(raw.slice(i));
      if (suffix !== '') this.visitExt(suffix, 0, key, found, stamp);
    }
  }

  /** The ext entries filed under `text` from `start` to its end. */
  private visitExt(text: string, start: number, key: PathKey, found: (FsHit<T> | null)[], stamp: number): void {
    if (!hinted(this.extHints, segmentHint(text, start, text.length))) return;
    const list = this.byExt.get(start === 0 ? text : text.slice(start));
    if (list !== undefined) this.visit(list, key, found, stamp);
  }

  private visit(list: Slot<T>[], key: PathKey, found: (FsHit<T> | null)[], stamp: number): void {
    for (let i = 0; i < list.length; i++) {
      const slot = list[i] as Slot<T>;
      if (slot.stamp === stamp) continue;
      slot.stamp = stamp;
      const current = found[slot.group];
      if (current != null && slot.entry.ordinal >= current.entry.ordinal) continue;
      const hit = test(slot.entry, key);
      if (hit !== null) found[slot.group] = hit;
    }
  }
}

function test<T>(e: FsEntry<T>, key: PathKey): FsHit<T> | null {
  const { raw, canonical, folded } = key;
  if (e.restrictive) {
    // A path already in canonical form needs one (case-folded) test.
    if (raw === canonical) {
      if (!e.pattern.testCanonical(canonical)) return null;
      return e.excludes.some((x) => x.testRaw(raw)) ? null : { entry: e, alias: false };
    }
    const rawHit = e.pattern.testRaw(raw, true);
    if (!rawHit && !e.pattern.testCanonical(canonical, folded)) return null;
    // An exclude narrows a restrictive rule only when it names the path in both spellings:
    // `.env:x.example` is spelled like an excluded example but opens `.env`. The exclude's names
    // are taken as written: cut at its `:`, `secrets/a:b` would name `secrets/a`, which it opens.
    if (e.excludes.some((x) => x.testRaw(raw) && x.testCanonicalAsWritten(canonical))) return null;
    return { entry: e, alias: !rawHit };
  }
  if (!e.pattern.testRaw(raw)) return null;
  // An exclude narrows an allow rule for any spelling, so a case variant cannot keep the allow.
  if (e.excludes.some((x) => x.testRaw(raw) || (raw !== canonical && x.testCanonical(canonical, folded)))) return null;
  return { entry: e, alias: false };
}
