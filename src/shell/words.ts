// A word as the rules see it: its value after quote removal (unbash computes it, `$'..'` decoded,
// line continuations dropped) and whether bash could turn it into something else at run time.
// The walker visits every word part anyway, so static-ness is recorded during that one pass.
import type { Assignment, Word, WordPart } from 'unbash';

export interface Arg {
  value: string;
  /** Non-null when the value is only known at run time; says what makes it so. */
  dynamic: string | null;
  /** The word may become zero or several words (unquoted expansion, glob, brace expansion). */
  split: boolean;
  /** Offsets in the source the word was parsed from; -1 for words made up by the analyser. */
  pos: number;
  end: number;
  /**
   * For a dynamic word, its quoted and literal text with each expansion replaced by a NUL: what
   * bash could read again later (a subscript in `'a[$(cmd)]'`), as opposed to expansions that
   * ran already and were judged where they stand.
   */
  inert?: string;
  /** The word is one process substitution and nothing else (`>(cmd)`): a pipe, not a file. */
  pipe?: true;
  /** A `$'…'` in the word makes bytes that are not valid UTF-8 (`$'\xff'`), shown as U+FFFD. */
  invalidUtf8?: true;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the `\xHH` and `\NNN` escapes of a `$'…'` text write bytes that are not valid UTF-8.
 * unbash decodes each run of such bytes and shows a bad one as U+FFFD, as a valid `\uFFFD`
 * is shown, so the escapes are read again here.
 */
export function hasInvalidBytes(text: string): boolean {
  let run: number[] = [];
  const bad = (): boolean => {
    if (run.length === 0) return false;
    const bytes = run;
    run = [];
    try {
      STRICT_UTF8.decode(new Uint8Array(bytes));
      return false;
    } catch {
      return true;
    }
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      if (bad()) return true;
      continue;
    }
    const m = /^(?:x([0-9A-Fa-f]{1,2})|([0-7]{1,3}))/.exec(text.slice(i + 1, i + 4));
    const byte = m === null ? -1 : m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2] ?? '0', 8) & 0xff;
    if (byte >= 0x80) {
      run.push(byte);
      i += m?.[0].length ?? 0;
      continue;
    }
    if (bad()) return true;
    // Any other escape is two characters (`\\x80` is a backslash and text).
    i += m === null ? 1 : m[0].length;
  }
  return bad();
}

/** Whether a word is text and quotes alone (its value, `$'…'` decoded, is what the walk reads). */
export function staticWord(word: Word): boolean {
  return word.parts === undefined || word.parts.every((p) => p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'AnsiCQuoted' ||
    (p.type === 'DoubleQuoted' && p.parts.every((c) => c.type === 'Literal')));
}

/** What text of `arg` is literal (see Arg.inert). */
export function literalText(arg: Arg): string {
  return arg.inert ?? arg.value;
}

/** The literal text of a word's parts, expansions replaced by a NUL. */
export function inertText(parts: readonly WordPart[]): string {
  let out = '';
  for (const p of parts) {
    switch (p.type) {
      case 'Literal':
      case 'SingleQuoted':
      case 'AnsiCQuoted':
        out += p.value;
        break;
      case 'DoubleQuoted':
      case 'LocaleString':
        out += inertText(p.parts);
        break;
      case 'Glob':
      case 'ExtendedGlob':
      case 'BraceExpansion':
        out += p.parts ? inertText(p.parts) : p.text;
        break;
      default:
        out += '\u0000';
    }
  }
  return out;
}

/** Records on `arg` what a word part does to the word's static-ness. */
export function notePart(arg: Arg, part: WordPart, quoted: boolean): void {
  switch (part.type) {
    case 'Glob':
    case 'ExtendedGlob':
      mark(arg, 'glob', true);
      return;
    case 'BraceExpansion':
      mark(arg, 'brace expansion', true);
      return;
    case 'SimpleExpansion':
    case 'ParameterExpansion':
      // "$@" and "${a[@]}" become several words even inside double quotes.
      mark(arg, 'parameter expansion', !quoted || expandsToWords(part.text));
      return;
    case 'CommandExpansion':
      mark(arg, 'command substitution', !quoted);
      return;
    case 'ArithmeticExpansion':
      mark(arg, 'arithmetic expansion', !quoted);
      return;
    case 'ProcessSubstitution':
      mark(arg, 'process substitution', false);
      return;
    default:
      return;
  }
}

function expandsToWords(text: string): boolean {
  return text === '$@' || text.startsWith('${@') || text.includes('[@]') || (text.startsWith('${!') && text.endsWith('@}'));
}

function mark(arg: Arg, reason: string, split: boolean): void {
  arg.dynamic ??= reason;
  if (split) arg.split = true;
}

/** `NAME=`, `NAME+=` or `NAME[i]=`, after quote removal of the index. */
export function assignmentHead(a: Assignment, index: Arg | null): string {
  const name = index === null ? a.name : `${a.name}[${index.value}]`;
  return a.append === true ? `${name}+=` : `${name}=`;
}

export function joinValues(args: readonly Arg[], from = 0): string {
  const values = new Array<string>(Math.max(0, args.length - from));
  for (let i = from; i < args.length; i++) values[i - from] = args[i]?.value ?? '';
  return values.join(' ');
}

/** A script string made of several words (`eval a b`, `watch a b`): dynamic if any word is. */
export function joinedArg(args: readonly Arg[], from: number): Arg {
  let dynamic: string | null = null;
  for (let i = from; i < args.length; i++) dynamic ??= args[i]?.dynamic ?? null;
  return {
    value: joinValues(args, from),
    dynamic,
    split: false,
    pos: args[from]?.pos ?? -1,
    end: args[args.length - 1]?.end ?? -1,
  };
}

const NAME_START = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The variable a `NAME=value` word would set (for `env`, `sudo`, `export "A=b"`), or null. */
export function assignedName(value: string): string | null {
  const m = NAME_START.exec(value);
  if (m === null) return null;
  const name = m[0];
  const rest = value.charCodeAt(name.length);
  if (rest === 0x3d) return name; // =
  if (rest === 0x2b && value.charCodeAt(name.length + 1) === 0x3d) return name; // +=
  if (rest === 0x5b && value.includes(']=', name.length)) return name; // [i]=
  return null;
}
