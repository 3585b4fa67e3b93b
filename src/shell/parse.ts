// The only place that talks to unbash. unbash is tolerant (it recovers and returns a partial tree),
// so every error it reports, at any depth, must turn into a failure, and the few inputs it accepts
// although bash would run them differently are caught by explicit guards.
import { parse, type HereDoc, type ParsedScript } from 'unbash';

// The one other runtime entry into unbash: a node's children, substitutions' scripts included.
export { forEachChild } from 'unbash';

/** SPEC 5.7: input over 1 MiB fails closed. */
export const MAX_INPUT_BYTES = 1_048_576;
/** SPEC 5.7: compound, substitution and re-parsed wrapper nesting deeper than this fails closed. */
export const MAX_DEPTH = 64;

/** Thrown inside the analyser to unwind to `analyzeShell`, which turns it into `failure`. */
export class ShellFailure extends Error {
  override readonly name = 'ShellFailure';
  /** The message already says which wrapper's script failed. */
  wrapped = false;
}

export function fail(reason: string): never {
  throw new ShellFailure(reason);
}

export function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
}

/** UTF-8 length without encoding when the UTF-16 length already decides it. */
export function exceedsInputBound(source: string): boolean {
  // Each UTF-16 unit takes 1 to 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
  if (source.length > MAX_INPUT_BYTES) return true;
  if (source.length * 3 <= MAX_INPUT_BYTES) return false;
  return Buffer.byteLength(source, 'utf8') > MAX_INPUT_BYTES;
}

/** More heredocs than this waiting on one line fail closed: unbash takes quadratic time on them. */
export const MAX_HEREDOCS_PER_LINE = 200;

/** Parses one script; errors of nested scripts are checked by the walker as it reaches them. */
export function parseScript(source: string): ParsedScript {
  checkHereDocCount(source);
  const script = parse(source);
  checkErrors(script);
  return script;
}

export function checkErrors(script: ParsedScript): void {
  const first = script.errors?.[0];
  if (first !== undefined) fail(`parse error at offset ${first.pos}: ${first.message}`);
}

/**
 * unbash accepts a heredoc that never ends and reads a delimiter with an unterminated quote as
 * running over several lines; bash rejects both or reads the rest of the input as the body.
 */
export function checkHereDoc(doc: HereDoc): void {
  const delimiter = doc.delimiter;
  if (delimiter === undefined) fail('heredoc without a delimiter');
  if (doc.closing === undefined) fail(`unterminated heredoc (delimiter ${delimiter.value})`);
  const text = delimiter.text;
  if (text.includes('\n')) fail('heredoc delimiter spans lines (unterminated quote)');
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 0x5c && quote === 0x22) i++;
    } else if (c === 0x5c) i++;
    else if (c === 0x27 || c === 0x22) quote = c;
  }
  if (quote !== 0) fail('heredoc delimiter has an unterminated quote');
}

function checkHereDocCount(source: string): void {
  let lineEnd = -1;
  let count = 0;
  for (let i = source.indexOf('<<'); i >= 0; i = source.indexOf('<<', i + 2)) {
    if (source.charCodeAt(i + 2) === 0x3c) {
      i++; // a here-string `<<<`
      continue;
    }
    if (i > lineEnd) {
      lineEnd = source.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = source.length;
      count = 0;
    }
    if (++count > MAX_HEREDOCS_PER_LINE) fail(`more than ${MAX_HEREDOCS_PER_LINE} heredocs on one line`);
  }
}
