// Trailers of a commit message, found the way git's trailer.c finds them (git 2.39), so that a
// trailer counts here exactly when `git interpret-trailers --parse` would print it. Pure TS: a
// process per commit message would dominate the time of a large range.

export interface Trailer {
  /** The token as written, trimmed (`Co-authored-by`). */
  key: string;
  /** The value trimmed, with continuation lines folded into single spaces. */
  value: string;
}

export interface TrailerOptions {
  /**
   * Stop at a `---` line, as `git interpret-trailers` does for patch e-mails. Off by default:
   * git reads commit messages without the divider (`%(trailers)`, the sequencer).
   */
  divider?: boolean;
  /** core.commentChar; default `#`. */
  commentChar?: string;
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const CUT_LINE = '------------------------ >8 ------------------------\n';

// git's own ctype: only these four are space, only ASCII letters and digits are alnum.
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isAlnum(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl + 1;
}

/** Start of the last line of s[0, len), or -1 when len is 0. */
function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  // A final newline belongs to the last line, so the search starts before it.
  for (let i = len - 2; i >= 0; i--) if (s[i] === '\n') return i + 1;
  return 0;
}

function isBlankLine(s: string, i: number): boolean {
  while (i < s.length && s[i] !== '\n' && isSpace(s[i])) i++;
  return i >= s.length || s[i] === '\n';
}

/**
 * Position of the `:` of "<token><optional whitespace>:", or -1. The token is letters, digits
 * and `-`; whitespace may follow it but nothing else may.
 */
function findSeparator(s: string, from: number): number {
  let whitespaceFound = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i] as string;
    if (c === ':') return i - from;
    if (!whitespaceFound && (isAlnum(c) || c === '-')) continue;
    if (i !== from && (c === ' ' || c === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** Where the cut line of `git commit -v` starts, or len. */
function locateEnd(s: string, len: number, commentChar: string): number {
  const pattern = `\n${commentChar} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const p = s.indexOf(pattern);
  return p >= 0 ? Math.min(len, p + 1) : len;
}

/** Bytes at the end of s[0, len) that are comments, blank lines, an old "Conflicts:" block or below the cut line. */
function ignoredTail(s: string, len: number, commentChar: string): number {
  let boc = 0;
  let bol = 0;
  let inConflicts = false;
  const cutoff = locateEnd(s, len, commentChar);
  while (bol < cutoff) {
    const nl = s.indexOf('\n', bol);
    const next = nl < 0 || nl >= len ? len : nl + 1;
    const c = s[bol];
    if (c === commentChar || c === '\n') {
      // git tests "boc" for zero, so a run that starts at offset 0 never counts as started.
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && c === '\t') {
      // a path listed in the conflicts block
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
    bol = next;
  }
  return boc ? len - boc : len - cutoff;
}

function findPatchStart(s: string): number {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith('---', i) && isSpace(s[i + 3])) return i;
  }
  return s.length;
}

function findTrailerStart(s: string, len: number, commentChar: string): number {
  // The first paragraph is the title and cannot hold trailers.
  let t = 0;
  for (; t < len; t = nextLine(s, t)) {
    if (s[t] === commentChar) continue;
    if (isBlankLine(s, t)) break;
  }
  const endOfTitle = t;

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s[l] === commentChar) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => s.startsWith(p, l))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    const sep = findSeparator(s, l);
    if (sep >= 1 && !isSpace(s[l])) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isSpace(s[l])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines++;
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

function unfold(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i++] as string;
    if (c === '\n') {
      while (i < value.length && isSpace(value[i])) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return trim(out);
}

/** The trailer block of `message` as [start, end) offsets; start === end when there is none. */
export function trailerBlock(message: string, opts: TrailerOptions = {}): [number, number] {
  const commentChar = opts.commentChar ?? '#';
  const patchStart = opts.divider ? findPatchStart(message) : message.length;
  const end = patchStart - ignoredTail(message, patchStart, commentChar);
  const start = findTrailerStart(message, end, commentChar);
  return [Math.min(start, end), end];
}

/** The trailers of a message, as `git interpret-trailers --parse [--no-divider]` prints them. */
export function parseTrailers(message: string, opts: TrailerOptions = {}): Trailer[] {
  const commentChar = opts.commentChar ?? '#';
  const [start, end] = trailerBlock(message, opts);
  if (start >= end) return [];
  // Split into lines (each keeping its newline), folding indented lines into the trailer above.
  const items: string[] = [];
  let lastIsTrailer = false;
  for (let i = start; i < end; ) {
    const nl = message.indexOf('\n', i);
    const stop = nl < 0 || nl + 1 > end ? end : nl + 1;
    const line = message.slice(i, stop);
    i = stop;
    if (lastIsTrailer && isSpace(line[0])) {
      items[items.length - 1] += line;
      continue;
    }
    items.push(line);
    lastIsTrailer = findSeparator(line, 0) >= 1;
  }
  const trailers: Trailer[] = [];
  for (const item of items) {
    if (item.startsWith(commentChar)) continue;
    const sep = findSeparator(item, 0);
    if (sep < 1) continue;
    trailers.push({ key: trim(item.slice(0, sep)), value: unfold(trim(item.slice(sep + 1))) });
  }
  return trailers;
}

/** `Key: value`, as git prints a parsed trailer. */
export function formatTrailer(t: Trailer): string {
  return `${t.key}: ${t.value}`;
}
