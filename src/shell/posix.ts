// Scripts that a POSIX sh runs (`sh -c`, git's `!` aliases and command settings, watch, npm
// scripts) are parsed here with bash's grammar. Where /bin/sh is dash, some bash-only syntax reads
// differently, and dash's reading can run what bash's hides: `$'\' ; cmd #'` is one string to bash
// but `cmd` to dash, `((cmd))` is arithmetic to bash but nested subshells to dash, and
// `[[ a > f ]]` compares strings in bash but truncates `f` in dash.
//
// The text is read with the quoting both shells share, so the same characters inside quotes
// (`grep "^$"`, `sed 's/[[:space:]]*$//'`, `python3 -c "print((1,2))"`) ask nothing. Where that
// reading is not modelled (a `$(`, a backquote, a heredoc), the rest of the text is searched as it
// stands, which only asks more.

const DOLLAR_QUOTE = "$'…' or $\"…\" (dash reads $ and then a quoted string)";
const DOUBLE_PAREN = '((…)) (dash runs it as a command in nested subshells)';
const DOUBLE_BRACKET = '[[ … ]] holding an operator (dash runs [[ as a command, and reads < > & | ; ( ) in it as shell syntax)';
const AND_GREATER = '&> followed by more words (dash runs what stands before it in the background and the rest as a new command)';
const DOLLAR_BRACKET = '$[ … ] (dash has no $[ arithmetic: a ; in it ends the command)';

const QUOTE_IN_BRACE = `a quote inside "\${…}" (bash takes it as a character, dash as the start of a quoted string)`;
const QUOTE_IN_ARITHMETIC = 'a quote inside $(( … )) (bash reads it as a quote, dash as a character, and they end the arithmetic in different places)';
const REREAD = 'eval, trap or alias (dash parses their string a second time, with its own grammar, which is not checked here)';
const HEREDOC_BACKQUOTE = '\\" inside `…` in a here-document (dash and ksh93 take the backslash away and read a quote there, bash keeps it: the command ends in different places)';
/** A backquote holding `\"`: searched for past the first `<<` only, one pass (see heredocBackquoteEscape). */
const BACKQUOTE_ESCAPE = /`[^`]*\\"/;

/**
 * Whether a backquote holds `\"` after a `<<`: dash and ksh93 read the `"` as a quote in a heredoc
 * body (audit 40, AN-2). One regular expression spanning from `<<` would start again at every
 * `<<` and take quadratic time on a long script.
 */
function heredocBackquoteEscape(text: string): boolean {
  const heredoc = text.indexOf('<<');
  return heredoc >= 0 && BACKQUOTE_ESCAPE.test(text.slice(heredoc));
}

/** The fallback: bash-only syntax anywhere in `text`, quoted or not. */
const RAW: ReadonlyArray<readonly [RegExp, string]> = [
  [/\$['"]/, DOLLAR_QUOTE],
  [/(?:^|[^$])\(\(/, DOUBLE_PAREN],
  [/\[\[/, DOUBLE_BRACKET],
  [/&>/, AND_GREATER],
  [/\$\[/, DOLLAR_BRACKET],
  // Past a `${`, a quote anywhere: the brace it belongs to is not measured here.
  [/\$\{[\s\S]*['"]/, QUOTE_IN_BRACE],
  [/\$\(\([\s\S]*['"`]/, QUOTE_IN_ARITHMETIC],
  [/(?:^|[\s;&|(){}!`])['"\\]*(?:e['"\\]*v['"\\]*a['"\\]*l|t['"\\]*r['"\\]*a['"\\]*p|a['"\\]*l['"\\]*i['"\\]*a['"\\]*s)['"]*(?=[\s;&|)]|$)/, REREAD],
];

function rawSearch(text: string): string | null {
  for (const [pattern, reading] of RAW) if (pattern.test(text)) return reading;
  return heredocBackquoteEscape(text) ? HEREDOC_BACKQUOTE : null;
}

const WORD_START = /[\s;&|(){}!]/;
/** What may stand before a word in both shells' eyes (`{`, `}` and `!` are plain characters there: `${#x}`). */
const WORD_BOUNDARY = /[\s;&|()<>]/;
/** The command words whose string dash parses a second time, however they are quoted (`e\val`, `"trap"`). */
const REREADERS = /^(?:eval|trap|alias)$/;
const TERMINATOR = /^\s*(?:$|[;&|)\n])/;

/** bash-only syntax in a script, with what a POSIX sh makes of it; null when there is none. */
export function bashOnlySyntax(script: string): string | null {
  // Both shells drop a backslash-newline before reading words (`[\<newline>[` is `[[`), but not
  // one whose backslash is itself escaped (`"\\<newline>"`). The text is read both ways, with the
  // continuations and without: each reading sees what the other may miss.
  return scan(script) ?? scan(script.replace(/\\\n/g, ''));
}

/** One reading of the text with the quoting both shells share; what it finds, or null. */
function scan(text: string): string | null {
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    // dash parses the string eval, trap or alias takes a second time, with its own grammar: the
    // word is read with its quotes and backslashes taken away (`"eval"`, `\eval`, `tr\ap`).
    if (quote === '' && (i === 0 || WORD_BOUNDARY.test(text[i - 1] ?? '')) && REREADERS.test(unquotedWord(text, i))) return REREAD;
    if (c === '\\') {
      i++;
      continue;
    }
    // Substitutions and heredocs start a new quoting context: not modelled, so searched raw.
    if ((c === '$' && next === '(' && text[i + 2] !== '(') || c === '`' || (quote === '' && c === '<' && next === '<')) {
      return rawSearch(text.slice(i));
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      // bash still evaluates `$[ ]` inside double quotes.
      else if (c === '$' && next === '[') return DOLLAR_BRACKET;
      else if (c === '$' && next === '(' && text[i + 2] === '(') {
        const close = text.indexOf('))', i + 3);
        if (close < 0 || /['"`\\]|\$\(/.test(text.slice(i + 3, close))) return QUOTE_IN_ARITHMETIC;
        i = close + 1;
      }
      else if (c === '$' && next === '{') {
        const close = braceEnd(text, i + 2);
        // A substitution inside (`"${x:-$( … )}"`) is a new quoting context: searched raw.
        if (close >= 0 && /[`]|\$\(/.test(text.slice(i + 2, close))) return rawSearch(text.slice(i));
        if (close < 0 || /['"]/.test(text.slice(i + 2, close))) return QUOTE_IN_BRACE;
        i = close;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    const wordStart = i === 0 || WORD_BOUNDARY.test(text[i - 1] ?? '');
    // A comment: both shells skip it to the end of the line (a quote in `# it's` opens nothing).
    if (c === '#' && wordStart) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c === '$') {
      if (next === "'" || next === '"') return DOLLAR_QUOTE;
      if (next === '[') return DOLLAR_BRACKET;
      // `$((` is arithmetic expansion in both shells, but they split quotes inside it differently.
      if (next === '(' && text[i + 2] === '(') {
        const close = text.indexOf('))', i + 3);
        if (close < 0 || /['"`\\]|\$\(/.test(text.slice(i + 3, close))) return QUOTE_IN_ARITHMETIC;
        i = close + 1;
      }
      continue;
    }
    if (c === '(' && next === '(') return DOUBLE_PAREN;
    if (c === '&' && next === '>') {
      // `cmd &>FILE` followed only by a terminator runs the same commands in both readings.
      const rest = text.slice(i + 2).replace(/^>/, '');
      const target = /^\s*[^\s;&|()<>'"`$\\]+/.exec(rest);
      if (target === null || !TERMINATOR.test(rest.slice(target[0].length))) return AND_GREATER;
      i += 1;
      continue;
    }
    if (c === '[' && next === '[' && (i === 0 || WORD_START.test(text[i - 1] ?? '')) && /\s/.test(text[i + 2] ?? '')) {
      // dash runs `[[` as a command (not found); only what it reads as shell syntax matters.
      const close = doubleBracketEnd(text, i + 2);
      if (close < 0) return DOUBLE_BRACKET;
      i = close + 1;
    }
  }
  return null;
}

/** The word starting at `i` with its quotes and backslashes taken away (`e\val`, `'ev'al` are `eval`). */
function unquotedWord(text: string, i: number): string {
  const word = /^(?:[^\s;&|()<>]|\\.)*/s.exec(text.slice(i, i + 64))?.[0] ?? '';
  return word.replace(/\\(.)/gs, '$1').replace(/['"]/g, '');
}

/**
 * Where the `}` closing a `${` whose text starts at `from` is, counting nested `${`; -1 if none.
 * Quotes are not counted: inside double quotes, bash in POSIX mode and zsh read a `'` there as a
 * plain character, and so end the expansion at this `}`.
 */
export function braceEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$' && text[i + 1] === '{') { depth++; i++; }
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Where the `]]` closing a `[[` whose words start at `from` is, or -1 when its words hold
 * something dash reads as shell syntax (an unquoted `< > & | ; ( )` or newline, a substitution)
 * or there is no such `]]`. Quoted text and `$NAME` are words to both shells.
 */
function doubleBracketEnd(text: string, from: number): number {
  let quote: '' | "'" | '"' = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`' || (c === '$' && text[i + 1] === '(')) return -1;
    if (c === '$' && text[i + 1] === '{') {
      // `${…}` holding a quote or a substitution reads differently in dash.
      const close = braceEnd(text, i + 2);
      if (close < 0 || /['"`]|\$\(/.test(text.slice(i + 2, close))) return -1;
      i = close;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      continue;
    }
    // `$'…'` and `$"…"` are where the two shells' quoting parts ways; bash reads a `]]` inside
    // `$[ … ]` as arithmetic, dash as the end of the test.
    if (c === '$' && (text[i + 1] === "'" || text[i + 1] === '"' || text[i + 1] === '[')) return -1;
    if (c === "'" || c === '"') quote = c;
    else if (c === ']' && text[i + 1] === ']' && /\s/.test(text[i - 1] ?? '') && (i + 2 >= text.length || /[\s;&|)]/.test(text[i + 2] ?? ''))) return i;
    else if (/[<>&|;()\n]/.test(c)) return -1;
  }
  return -1;
}

/**
 * The doubt for a script ksh or mksh runs: they share bash's `$'…'`, `((…))` and `[[ … ]]`, but
 * read a `\"` inside backquotes in a heredoc body as dash does.
 */
export function kshShellDoubt(script: string, runner: string): string | null {
  return heredocBackquoteEscape(script) ? `${runner}: ksh reads ${HEREDOC_BACKQUOTE} differently from bash, so what it runs is not what is judged here` : null;
}

/** The doubt for a script a POSIX sh runs, or null when its text reads the same in bash. */
export function posixShellDoubt(script: string, runner: string): string | null {
  const found = bashOnlySyntax(script);
  return found === null ? null : `${runner}: a POSIX sh reads ${found} differently from bash, so what it runs is not what is judged here`;
}
