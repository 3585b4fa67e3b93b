// Where unbash accepts input that bash rejects (or reads differently), these checks fail closed.
// Each was found by comparing with `bash -n` (see __tests__/shell/differential.test.ts). They look
// at the source text around nodes, because what unbash dropped is not in the tree.
import type { PipelineNode, Word } from 'unbash';
import { fail } from './parse.ts';

/** Where unquoted `(`, `)`, `;`, `&`, `|`, `<`, `>` may sit in a word's literal text. */
export type Literal =
  /** A command word: no parentheses (bash reads them as operators; unbash keeps some in words). */
  | 'command'
  /** An operand in `[[ ]]`: none of them. */
  | 'test'
  /** The right side of `==`, `=` or `!=` in `[[ ]]`: like test, but extended globs are allowed. */
  | 'pattern'
  /** The right side of `=~`: parentheses and `|` are regex syntax. */
  | 'regex'
  /** Inside `${…}` operations and arithmetic: anything. */
  | 'free';

/**
 * Checks the unquoted literal text of a word. Also catches `1<(cmd)`, which unbash reads as a
 * plain word while bash runs cmd, and an unterminated `$[`.
 */
export function guardLiteral(text: string, mode: Literal): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7c) continue;
    switch (c) {
      case 0x5c: // a backslash makes the next character literal
        i++;
        break;
      case 0x28: // (
        if (i > 0 && (text.charCodeAt(i - 1) === 0x3c || text.charCodeAt(i - 1) === 0x3e)) {
          fail('process substitution inside a word');
        }
        if (mode === 'command' || mode === 'test' || mode === 'pattern') fail("unexpected '(' in a word");
        break;
      case 0x29: // )
        if (mode === 'command' || mode === 'test' || mode === 'pattern') fail("unexpected ')' in a word");
        break;
      case 0x7c: // |
        if (mode === 'test' || mode === 'pattern') fail("unexpected '|' in [[ ]]");
        break;
      case 0x3b: // ;
      case 0x26: // &
      case 0x3c: // <
      case 0x3e: // >
        if (mode !== 'command' && mode !== 'free') fail(`unexpected '${text[i] ?? ''}' in [[ ]]`);
        break;
      case 0x24: // $
        if (text.charCodeAt(i + 1) === 0x5b) fail('unterminated $[ arithmetic');
        break;
    }
  }
}

/** Double-quoted literal text: unbash keeps an unterminated `$[` as text; bash wants the `]`. */
export function guardArithmetic(text: string): void {
  for (let i = text.indexOf('$['); i >= 0; i = text.indexOf('$[', i + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) fail('unterminated $[ arithmetic');
  }
}

/** unbash reads `$[1[+]` as `$` and a glob; bash reads `$[` as arithmetic that never ends. */
export function endsWithDollar(text: string): boolean {
  let i = text.length - 1;
  if (text.charCodeAt(i) !== 0x24) return false;
  let backslashes = 0;
  while (text.charCodeAt(--i) === 0x5c) backslashes++;
  return backslashes % 2 === 0;
}

/** `$[1+2[]`: unbash ends the expansion at the first `]`. */
export function balancedBrackets(text: string): boolean {
  let depth = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
  }
  return depth === 0;
}

/** unbash keeps an unterminated `${ cmd` as a substitution without reporting it. */
export function closedSubstitution(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (text.charCodeAt(0) === 0x60) return text.length > 1 && last === 0x60;
  return text.charCodeAt(1) === 0x7b ? last === 0x7d : last === 0x29;
}

/** Text that can hold a command: an arithmetic body unbash could not parse must not hide one. */
export function mayHoldCode(text: string): boolean {
  return text.includes('$') || text.includes('`');
}

/**
 * unbash splits `a<(cmd)b` into three words where bash makes one word. True when nothing joins
 * the process substitution starting at `pos` to the text before it.
 */
export function boundaryBefore(source: string, pos: number): boolean {
  if (pos === 0) return true;
  const c = source.charCodeAt(pos - 1);
  if (c === 0x0a) return source.charCodeAt(pos - 2) !== 0x5c;
  return c === 0x20 || c === 0x09 || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28;
}

export function boundaryAfter(source: string, end: number): boolean {
  if (end >= source.length) return true;
  const c = source.charCodeAt(end);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x29 ||
    c === 0x3c || c === 0x3e;
}

/**
 * Skips what may follow a statement: one `;` (unless `terminated`, for a statement that ended
 * with `&`), then blanks, newlines, comments, line continuations and heredoc bodies (which start
 * after a newline and end at `heredocEnd`). A `;` after a newline is an error bash reports and
 * unbash does not; `;;` and `;&` end a case item and stop the skip. Returns where it stops.
 */
export function skipGap(source: string, from: number, terminated: boolean, heredocEnd: number): number {
  let i = from;
  let semicolonAllowed = !terminated;
  for (;;) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      i++;
    } else if (c === 0x5c && source.charCodeAt(i + 1) === 0x0a) {
      i += 2;
    } else if (c === 0x0a) {
      i++;
      semicolonAllowed = false;
      if (heredocEnd > i) i = heredocEnd;
    } else if (c === 0x23 && (i === 0 || opensComment(source.charCodeAt(i - 1)))) {
      while (i < source.length && source.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x3b && !endsCaseItem(source.charCodeAt(i + 1))) {
      if (!semicolonAllowed) fail("unexpected ';'");
      semicolonAllowed = false;
      i++;
    } else {
      return i;
    }
  }
}

function opensComment(before: number): boolean {
  return before === 0x20 || before === 0x09 || before === 0x0a || before === 0x3b || before === 0x26 ||
    before === 0x7c || before === 0x28 || before === 0x29;
}

/**
 * The text of each `#` that may start a comment, to the end of its line. Quotes are not followed,
 * so some are quoted text instead: that only widens what the caller asks about.
 */
export function commentTexts(source: string): string[] {
  const out: string[] = [];
  for (let i = source.indexOf('#'); i >= 0; i = source.indexOf('#', i + 1)) {
    const before = source.charCodeAt(i - 1);
    // After `<` or `>` a word starts too: `echo x >#y` is a redirection missing its target.
    if (i > 0 && !opensComment(before) && before !== 0x3c && before !== 0x3e) continue;
    const end = source.indexOf('\n', i);
    out.push(source.slice(i + 1, end < 0 ? source.length : end));
    if (end < 0) break;
    i = end;
  }
  return out;
}

/** After a `;`: `;;`, `;&` and `;;&` end a case item, not a statement. */
function endsCaseItem(next: number): boolean {
  return next === 0x3b || next === 0x26;
}

/** The code unit at the first offset from `pos` that is not a blank or a line continuation (-1: end). */
export function nextSignificant(source: string, pos: number): number {
  for (let i = pos; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    if (c === 0x5c && source.charCodeAt(i + 1) === 0x0a) {
      i++;
      continue;
    }
    return c;
  }
  return -1;
}

/** `!` or `time` alone is a whole command only before `;`, a newline, a comment or the end. */
export function endsStatement(c: number): boolean {
  return c === -1 || c === 0x3b || c === 0x0a || c === 0x23;
}

export const RESERVED: ReadonlySet<string> = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function',
  'time', 'coproc', 'in', '{', '}', '!', '[[', ']]',
]);

/** Reserved words that cannot end the input (`time` and `!` alone are complete commands). */
const NEEDS_MORE = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function',
  'coproc', '{', '}', '[[',
]);

/** `if\` at the very end: bash drops the backslash and wants more input; unbash keeps it as a word. */
export function continuedKeyword(name: Word, source: string): boolean {
  const text = name.text;
  if (name.end !== source.length || !text.endsWith('\\')) return false;
  return NEEDS_MORE.has(text.slice(0, -1));
}

/** `a | \` at the very end: a command that is only a line continuation where one is required. */
export function isContinuationOnly(node: PipelineNode, source: string): boolean {
  return node.type === 'Command' && node.name?.text === '\\' && node.name.end === source.length && node.suffix.length === 0;
}

/**
 * In `> 2>&1` (or `> {fd}>x`) bash reads `2` as the descriptor of the next redirection and rejects
 * the first one; unbash takes `2` as its target.
 */
export function digitsBeforeRedirect(target: Word, source: string): void {
  const next = source.charCodeAt(target.end);
  if ((next === 0x3c || next === 0x3e) && /^(?:\d+|\{[A-Za-z_][A-Za-z0-9_]*\})$/.test(target.text)) {
    fail('redirection target followed by a redirection');
  }
}

/** bash rejects a newline between the parts of a `[[ ]]` test; unbash skips it. */
export function noBreakBetween(source: string, from: number, to: number): void {
  for (let i = source.indexOf('\n', from); i >= 0 && i < to; i = source.indexOf('\n', i + 1)) {
    if (source.charCodeAt(i - 1) !== 0x5c) fail('newline inside a [[ ]] test');
  }
}

/** Between two operands of `&&`/`||` in `[[ ]]`: a newline may follow the operator, not precede it. */
export function noBreakBefore(source: string, from: number, to: number): void {
  for (let i = from; i < to - 1; i++) {
    const c = source.charCodeAt(i);
    if ((c === 0x26 || c === 0x7c) && source.charCodeAt(i + 1) === c) {
      noBreakBetween(source, from, i);
      return;
    }
  }
}
