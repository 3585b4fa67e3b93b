// Text wildcards for shell, web_fetch, web_search, mcp and model patterns (SPEC 4): `*` is any run
// of characters, nothing else is special, the whole text must match. Compiled to literal pieces so
// matching is a few indexOf calls, not a regex per request.
import { describeCode } from '../shell/chars.ts';

export interface TextMatcher {
  readonly pattern: string;
  test(text: string): boolean;
}

interface Pieces {
  exact: string | null;
  head: string;
  tail: string;
  middle: string[];
  minLength: number;
}

/**
 * Splits a pattern at its wildcards. With `literalRuns`, a run of two or more `*` is literal text
 * (SPEC 4: `**` is not special), so it cannot widen an allow rule.
 */
function compilePieces(pattern: string, literalRuns: boolean): Pieces {
  const split: string[] = [''];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '*') { split[split.length - 1] += c; continue; }
    let j = i;
    while (pattern[j + 1] === '*') j++;
    if (literalRuns && j > i) split[split.length - 1] += pattern.slice(i, j + 1);
    else split.push('');
    i = literalRuns ? j : i;
  }
  if (split.length === 1) return { exact: pattern, head: '', tail: '', middle: [], minLength: pattern.length };
  const head = split[0] ?? '';
  const tail = split[split.length - 1] ?? '';
  const middle = split.slice(1, -1).filter((p) => p.length > 0);
  const minLength = head.length + tail.length + middle.reduce((n, p) => n + p.length, 0);
  return { exact: null, head, tail, middle, minLength };
}

function testPieces(p: Pieces, text: string): boolean {
  if (p.exact !== null) return text === p.exact;
  if (text.length < p.minLength) return false;
  if (!text.startsWith(p.head) || !text.endsWith(p.tail)) return false;
  // Leftmost-first placement of each middle piece is optimal for `*`-only globs.
  let at = p.head.length;
  const limit = text.length - p.tail.length;
  for (const piece of p.middle) {
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > limit) return false;
    at = found + piece.length;
  }
  return true;
}

// Zero-width characters, soft hyphens, variation selectors, tags, and the bidi controls (U+061C,
// U+200E/F, U+202A-202E, U+2066-2069 are all default-ignorable).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const SPACE_RUN = /\p{White_Space}{2,}/u;
const ODD_SPACE = /[^\P{White_Space} ]/u;

/**
 * Why a text pattern can never fire, or null. A request's text has single plain spaces between
 * its words and none at either end (a command is its argv joined by single spaces, SPEC 5.2;
 * unparsed input is whitespace-normalised, 5.7), so a pattern with other whitespace, a run of it,
 * or whitespace at an end matched nothing its author meant. A quoted argument can hold such
 * spacing (`echo "a  b"`), but `*` reaches it too (`echo a*b`). An invisible character is worse:
 * `rm\u200b *` reads as `rm *` in review and matches no command anyone types (Trojan Source).
 */
export function textPatternReason(pattern: string): string | null {
  const invisible = INVISIBLE.exec(pattern);
  if (invisible) {
    const fix = pattern.replace(new RegExp(INVISIBLE.source, 'gu'), '');
    return `contains ${describeCode(invisible[0].codePointAt(0) ?? 0)}, an invisible character (default-ignorable or a bidi control): the text it shows would not match it; delete it ("${fix}")`;
  }
  const run = SPACE_RUN.exec(pattern);
  const odd = ODD_SPACE.exec(pattern);
  let problem: string;
  if (/^\p{White_Space}/u.test(pattern)) problem = 'starts with whitespace';
  else if (/\p{White_Space}$/u.test(pattern)) problem = 'ends with whitespace';
  else if (run) problem = `has a run of ${run[0].length} whitespace characters`;
  else if (odd) problem = `has whitespace other than a plain space (${describeCode(odd[0].codePointAt(0) ?? 0)})`;
  else return null;
  const fix = pattern.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '').replace(/\p{White_Space}+/gu, ' ');
  return `${problem}: request texts have single spaces between words and none at either end, so the rule would not fire; write "${fix}"`;
}

export interface TextOptions {
  caseInsensitive?: boolean;
  /**
   * Treat `**` as literal, as SPEC 4 says. Only allow rules do: where SPEC and the seed ("`**` is not
   * supported") leave room, deny and ask rules read `**` as wildcards, the fail-closed reading.
   */
  literalRuns?: boolean;
}

export function compileText(pattern: string, options: TextOptions = {}): TextMatcher {
  const fold = options.caseInsensitive === true;
  const literalRuns = options.literalRuns === true;
  const source = fold ? pattern.toLowerCase() : pattern;
  const full = compilePieces(source, literalRuns);
  // `npm install *` also matches the bare `npm install` (SPEC 4).
  const bare = source.endsWith(' *') && !(literalRuns && source.endsWith('**')) ? compilePieces(source.slice(0, -2), literalRuns) : null;
  return {
    pattern,
    test(text: string): boolean {
      const t = fold ? text.toLowerCase() : text;
      return testPieces(full, t) || (bare !== null && testPieces(bare, t));
    },
  };
}

/** Past this many pattern-by-text positions, whether a pattern may match is not worked out: it may. */
const MAX_MAY_MATCH_STATES = 1 << 20;

/**
 * Whether `pattern` (a deny or ask pattern: every `*` a wildcard) matches some text that `holes`
 * may stand for: literal pieces, and null where any text may be. Both sides are globs, so this is
 * a walk over pairs of positions, one in each.
 */
export function mayMatchHoles(pattern: string, holes: ReadonlyArray<string | null>): boolean {
  const forms = pattern.endsWith(' *') ? [pattern, pattern.slice(0, -2)] : [pattern];
  return forms.some((p) => mayMatchOne(p, holes));
}

function mayMatchOne(pattern: string, holes: ReadonlyArray<string | null>): boolean {
  const p = pattern.replace(/\*{2,}/g, '*');
  let text = '';
  const open: boolean[] = [];
  for (const piece of holes) {
    if (piece === null) {
      // Two holes in a row are one.
      if (open[text.length - 1] !== true) { text += '\u0000'; open.push(true); }
    } else {
      text += piece;
      for (let i = 0; i < piece.length; i++) open.push(false);
    }
  }
  const m = p.length;
  const n = text.length;
  if ((m + 1) * (n + 1) > MAX_MAY_MATCH_STATES) return true;
  const seen = new Uint8Array((m + 1) * (n + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number): void => {
    const k = i * (n + 1) + j;
    if (seen[k] === 0) { seen[k] = 1; stack.push(k); }
  };
  while (stack.length > 0) {
    const k = stack.pop() as number;
    const i = Math.floor(k / (n + 1));
    const j = k % (n + 1);
    if (i === m && j === n) return true;
    const star = i < m && p[i] === '*';
    const hole = j < n && open[j] === true;
    if (star) visit(i + 1, j);
    if (hole) visit(i, j + 1);
    if (i < m && j < n) {
      if (star && !hole) visit(i, j + 1);
      else if (hole && !star) visit(i + 1, j);
      else if (!star && !hole && p[i] === text[j]) visit(i + 1, j + 1);
    }
  }
  return false;
}

/**
 * The literal leading words of a pattern, used to index rules: its first two words when both are
 * literal and complete (`npm test *`, `npm test`), else its first word when that is literal
 * (`npm t*`, `npm *`), else null. A text can only match when its own leading words equal them.
 */
export function literalLeadingWords(pattern: string): string | null {
  const space = pattern.indexOf(' ');
  const word = space < 0 ? pattern : pattern.slice(0, space);
  // A literal `**` run may sit in a first word; index such patterns conservatively as unindexed.
  if (word.includes('*')) return null;
  if (space <= 0) return word;
  const next = pattern.indexOf(' ', space + 1);
  const two = next < 0 ? pattern : pattern.slice(0, next);
  return two.length > space + 1 && !two.includes('*') ? two : word;
}

/**
 * Kiro IDE's own trusted-command check: a plain prefix test on the whole string (seed: "Trusted
 * commands"). Returns the trusting pattern, so a report can name the prefix-trust gap.
 */
export function kiroPrefixTrust(command: string, trusted: readonly string[]): string | null {
  const text = command.trim();
  for (const pattern of trusted) {
    const star = pattern.indexOf('*');
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    if (star < 0 ? text === pattern : text.startsWith(prefix)) return pattern;
  }
  return null;
}
