// Shell patterns that load (SPEC 2 lists what is an error) but can never match the text SPEC 5.2
// builds for a sub-command. A deny written that way denies nothing, silently: each reading here
// turns such a pattern into a warning naming the pattern to write instead.
import type { Effect } from './types.ts';

// Whole words only: the match text joins argv with spaces, so `grep a|b *` can match `grep 'a|b' x`.
// A `;` ends a word too (`npm test; curl *`).
const OPERATORS = String.raw`\|\||&&|\|&|\||;|&`;
const CONTROL_OPERATOR = new RegExp(String.raw`(?:^|\s)(${OPERATORS})(?=\s|$)|;(?=\s)`);
const BETWEEN_SUB_COMMANDS = new RegExp(String.raw`\s*(?:${OPERATORS})(?=\s|$)\s*|;\s+`);

/**
 * A word that starts with a redirection operator (`>`, `2>`, `&>`, `>>`, `<`, `<<<`, `{fd}>`).
 * Written unquoted in a command, such a word is never argv, so only a command quoting it as an
 * argument could hold it. `<(` and `>(` start a process substitution, which is no redirection.
 */
const REDIRECTION_WORD = /^(?:\d+|&|\{[A-Za-z_]\w*\})?(?:>>?|>\||>&|<>|<<<|<<-?|<&|<)(?!\()/;
/** A redirection operator standing alone takes the next word as its target. */
const REDIRECTION_ALONE = /^(?:\d+|&|\{[A-Za-z_]\w*\})?(?:>>?|>\||>&|<>|<<<|<<-?|<&|<)$/;
/** A pair of the same quote around a run of text: the match text has its quotes removed. */
const QUOTED_RUN = /(['"])[^'"]*\1/;
const LEADING_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\+)?=/;

/**
 * A pattern spelling a compound command (`curl * | sh`) matches only a command quoting the
 * operator as an argument, since each sub-command is matched on its own (SPEC 5).
 */
export function compoundPatternWarning(what: string, pattern: string): string | null {
  const op = CONTROL_OPERATOR.exec(pattern);
  if (!op) return null;
  const parts = pattern.split(BETWEEN_SUB_COMMANDS).map((p) => p.trim()).filter((p) => p !== '');
  return `${what} pattern ${JSON.stringify(pattern)} holds the control operator "${(op[1] ?? ';').trim()}", but each sub-command is matched on its own (SPEC 5), so it matches only a command that quotes the operator as an argument; write one pattern per sub-command: [${parts.map((p) => JSON.stringify(p)).join(', ')}]`;
}

/** The match text has no redirections (SPEC 5.2); their targets are judged as fs_write requests. */
export function redirectionPatternWarning(what: string, pattern: string): string | null {
  const words = pattern.split(/\s+/).filter((w) => w !== '');
  const first = words.findIndex((w) => REDIRECTION_WORD.test(w));
  if (first < 0) return null;
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!REDIRECTION_WORD.test(w)) kept.push(w);
    else if (REDIRECTION_ALONE.test(w)) i++;
  }
  // A bare `*` left over would match every command (audit 41, AR-7): name no replacement then.
  const rest = kept.join(' ');
  const fix = /^[*\s]*$/.test(rest) ? 'write a pattern of the command itself instead' : `write it without the redirection: ${JSON.stringify(rest)}`;
  return `${what} pattern ${JSON.stringify(pattern)} holds the redirection ${JSON.stringify(words[first])}, but the match text of a sub-command has no redirections (SPEC 5.2), so it matches only a command that quotes it as an argument; ${fix}, and write a rule on fs_write for where a redirection may write`;
}

/** Quotes are removed from the match text (SPEC 5.2): `git 'push' *` never matches `git 'push' x`. */
export function quotedPatternWarning(what: string, pattern: string): string | null {
  const quoted = QUOTED_RUN.exec(pattern);
  if (!quoted) return null;
  const bare = pattern.replace(new RegExp(QUOTED_RUN.source, 'g'), (run) => run.slice(1, -1));
  return `${what} pattern ${JSON.stringify(pattern)} holds the quoted text ${quoted[0]}, but quotes are removed from the match text of a sub-command (SPEC 5.2), so it matches only a command whose argument holds the quote characters themselves; write it without quotes: ${JSON.stringify(bare)}`;
}

/**
 * Leading `NAME=value` assignments are left out of the text that deny and ask rules see (SPEC
 * 5.2), so a deny or ask pattern starting with one never fires. (An allow must match the text with
 * them, so there it is right.)
 */
export function assignmentPatternWarning(what: string, pattern: string, effect: Effect): string | null {
  if (effect === 'allow') return null;
  const words = pattern.split(/\s+/).filter((w) => w !== '');
  if (!LEADING_ASSIGNMENT.test(words[0] ?? '')) return null;
  let i = 0;
  while (i < words.length && LEADING_ASSIGNMENT.test(words[i] ?? '')) i++;
  const rest = words.slice(i).join(' ');
  const fix = /^[*\s]*$/.test(rest) ? 'a pattern of the command itself' : JSON.stringify(rest);
  return `${what} pattern ${JSON.stringify(pattern)} starts with the assignment ${JSON.stringify(words[0])}, but leading assignments are left out of the text ${effect} rules match (SPEC 5.2), so it never fires; write ${fix}, which ${effect === 'deny' ? 'denies' : 'asks about'} the command with or without the assignment`;
}

/** Every warning for one shell pattern, in a fixed order. */
export function commandPatternWarnings(what: string, pattern: string, effect: Effect, isMatch: boolean): string[] {
  const found = [
    compoundPatternWarning(what, pattern),
    redirectionPatternWarning(what, pattern),
    quotedPatternWarning(what, pattern),
    isMatch ? assignmentPatternWarning(what, pattern, effect) : null,
  ];
  return found.filter((w): w is string => w !== null);
}
