// The walker's layer for words (SPEC 5.1): every word part, parameter operations, command and
// process substitutions, arithmetic, and quoted text bash expands again where quotes do not quote.
import type { ArithmeticExpression, ParameterOperation, ParsedScript, Word, WordPart } from 'unbash';
import { arithmeticDanger, hiddenArithmeticTarget, dangerReason, hasEvaluatedSubscript, isArithmeticAssignment, isDangerousName } from './assignments.ts';
import { findSuspicious } from './chars.ts';
import {
  balancedBrackets, boundaryAfter, boundaryBefore, closedSubstitution, endsWithDollar, guardArithmetic, guardLiteral,
  mayHoldCode,
} from './guards.ts';
import { checkDepth, checkErrors, checkHereDoc, fail, parseScript } from './parse.ts';
import { braceEnd } from './posix.ts';
import { braceAlternatives } from './brace-text.ts';
import { GLOB_VALUE, located, RUNTIME_TEXT, WalkerState, type Scope, type Sink } from './walk-state.ts';
import { hasInvalidBytes, inertText, literalText, notePart, staticWord, type Arg } from './words.ts';

export abstract class ExpansionWalker extends WalkerState {
  /**
   * A substitution holds a whole script, which the statement layer (walk.ts) walks: `script` for
   * one with a source text of its own, `list` for one that indexes the current source.
   */
  abstract script(script: ParsedScript, source: string, depth: number): void;
  protected abstract list(script: ParsedScript, scope: Scope, depth: number): void;

  /**
   * A static text holding `a[$(cmd)]` (or `PATH=0`) may reach arithmetic at run time (`for x in
   * 'a[$(cmd)]'; do echo $((x)); done`, `read x <<< …`, `$_`, `$(( $(echo …) ))`), where bash runs
   * cmd. Following every such path is not possible here, so the text is noted, and `finish` asks
   * when the command evaluates arithmetic anywhere.
   */
  protected staticSubscript(arg: Arg): void {
    // The literal text of a word counts even beside an expansion (`"a[\$(cmd)]$y"`).
    if (!this.subscriptText) this.staticText(literalText(arg));
  }

  /**
   * staticSubscript for any text bash may hand to arithmetic, a comment's too (it is part of
   * `$BASH_EXECUTION_STRING`).
   */
  protected staticText(text: string): void {
    // `x='PATH=0'; echo $((x))` assigns PATH as surely as a subscript with $( ) runs a command;
    // `x=PWD; echo $(( ${!x:30} ))` evaluates a slice of the folder name in $PWD.
    if ((text.includes('[') && hasEvaluatedSubscript(text)) || arithmeticDanger(text) !== null || NAMES_RUNTIME_TEXT.test(text)) this.subscriptText = true;
    // `test -v 'a["HOME"=0]'`: a quoted or expanded name assigned (audit 47, BI-3).
    else if (/[$"'`\\]/.test(text) && /=|\+\+|--/.test(text) && hiddenArithmeticTarget(text)) this.subscriptText = true;
  }

  /** With `join`, a process substitution touching a neighbour is reported in openBefore/openAfter. */
  protected word(word: Word, scope: Scope, depth: number, sink: Sink, join = false): Arg {
    const arg: Arg = { value: word.value, dynamic: null, split: false, pos: word.pos, end: word.end };
    const parts = word.parts;
    if (parts === undefined) {
      guardLiteral(word.text, this.literal);
      if (join) this.openBefore = this.openAfter = false;
      this.staticSubscript(arg);
      return arg;
    }
    let previous: WordPart | undefined;
    for (const p of parts) {
      // unbash reads `$[1[+]` as `$` and a glob; bash reads `$[` as arithmetic that never ends.
      if (p.type === 'Glob' && previous?.type === 'Literal' && endsWithDollar(previous.text)) fail('unterminated $[ arithmetic');
      this.part(p, scope, depth, sink, arg, false);
      previous = p;
    }
    if (arg.dynamic !== null) arg.inert = inertText(parts);
    if (parts.length === 1 && parts[0]?.type === 'ProcessSubstitution') arg.pipe = true;
    const first = parts[0];
    const last = parts[parts.length - 1];
    const before = first?.type === 'ProcessSubstitution' && first.pos === word.pos && !boundaryBefore(scope.source, word.pos);
    const after = last?.type === 'ProcessSubstitution' && last.end === word.end && !boundaryAfter(scope.source, word.end);
    if (join) {
      this.openBefore = before;
      this.openAfter = after;
    } else if (before || after) {
      fail('process substitution joined to a neighbouring word');
    }
    this.staticSubscript(arg);
    if (!this.subscriptText && parts.some((p) => p.type === 'BraceExpansion')) this.braceSubscript(parts);
    return arg;
  }

  /** staticSubscript for each word a brace expansion makes (`"a["{x,\$}"(cmd)]"` holds `a[$(cmd)]`). */
  private braceSubscript(parts: readonly WordPart[]): void {
    let texts = [''];
    for (const p of parts) {
      const pieces = p.type === 'BraceExpansion' ? braceAlternatives(p.text) : [inertText([p])];
      texts = pieces === null ? [] : texts.flatMap((t) => pieces.map((piece) => t + piece));
      if (pieces === null || texts.length > MAX_BRACE_WORDS) {
        // Too many to look at: any `$` or backquote after a `[` may end up a `$(`.
        const text = inertText(parts);
        const open = text.indexOf('[');
        if (open >= 0 && /[$`]/.test(text.slice(open))) this.subscriptText = true;
        return;
      }
    }
    for (const t of texts) this.staticText(t);
  }

  protected part(p: WordPart, scope: Scope, depth: number, sink: Sink, arg: Arg, quoted: boolean): void {
    notePart(arg, p, quoted);
    switch (p.type) {
      case 'Literal':
        if (quoted) {
          this.quoted(scope, p.pos, p.end);
          guardArithmetic(p.text);
        } else {
          guardLiteral(p.text, this.literal);
        }
        return;
      case 'SingleQuoted':
        this.quoted(scope, p.pos, p.end);
        // In arithmetic the quotes do not quote: `$(( '$(cmd)' ))` runs cmd.
        if ((this.arith || this.quotesExpand > 0) && mayHoldCode(p.value)) this.expandedText(p.value, depth + 1, sink);
        return;
      case 'AnsiCQuoted': {
        this.quoted(scope, p.pos, p.end);
        // bash 5.2 reads `\x{HH}`; unbash does not decode it, so the word's value is not known here.
        const undecoded = p.text.includes('\\x{');
        if (undecoded) arg.dynamic ??= "$'\\x{…}' escape";
        if (p.value.includes('\uFFFD') && hasInvalidBytes(p.text)) arg.invalidUtf8 = true;
        if (!this.arith && this.quotesExpand === 0) return;
        if (undecoded) sink.force ??= "$'\\x{…}' escape in text bash expands again";
        // Where quotes do not quote, the text between them is expanded: as written (`$'` is a plain
        // `$` in arithmetic) and as decoded (`$'\x24(cmd)'` is `$(cmd)` once bash has read it).
        const raw = p.text.slice(2, -1);
        if (mayHoldCode(raw)) this.expandedText(raw, depth + 1, sink);
        if (p.value !== raw && mayHoldCode(p.value)) this.expandedText(p.value, depth + 1, sink);
        return;
      }
      case 'LocaleString':
        // bash looks the text up in a message catalogue (TEXTDOMAIN, TEXTDOMAINDIR, maybe written by
        // this very command) and expands the translation as if double-quoted: its `$( )` runs.
        arg.dynamic ??= '$"…" translated at run time';
        sink.force ??= '$"…" is replaced by its translation from a message catalogue, which bash then expands (a $( ) in it runs)';
        for (const c of p.parts) this.part(c, scope, depth, sink, arg, true);
        return;
      case 'DoubleQuoted':
        for (const c of p.parts) this.part(c, scope, depth, sink, arg, true);
        return;
      case 'ExtendedGlob':
        // Without `shopt -s extglob` (off in scripts) bash rejects these outside patterns.
        if (this.literal !== 'pattern' && this.literal !== 'regex' && this.literal !== 'free') {
          fail('extended glob outside a pattern (needs shopt -s extglob)');
        }
        if (p.parts) for (const c of p.parts) this.part(c, scope, depth, sink, arg, quoted);
        return;
      case 'Glob':
      case 'BraceExpansion':
        // File names are values the command only learns at run time (`x=(out/*); echo $((x))`).
        if (p.type === 'Glob' && this.literal !== 'pattern' && this.literal !== 'regex') this.runtimeValue ??= GLOB_VALUE;
        if (p.parts) for (const c of p.parts) this.part(c, scope, depth, sink, arg, quoted);
        return;
      case 'SimpleExpansion':
        this.expanded(p.text.slice(1));
        return;
      case 'ParameterExpansion': {
        // Inside double quotes bash's default mode lets a `'` hide a `}`; in POSIX mode (`set -o
        // posix`, POSIXLY_CORRECT, `bash --posix`) and in zsh the first `}` ends the expansion, and
        // the text after it runs: `echo "${x:-'}" ; rm -rf x ; : "'}"` (audit 38, AI-1, AI-4).
        if (quoted && p.text.includes("'") && braceEnd(p.text, 2) !== p.text.length - 1) {
          sink.force ??= `a "}" inside single quotes in a double-quoted "\${…}": bash in POSIX mode and zsh end the expansion there and run what follows, so what runs may not be what is judged here`;
        }
        // `${#PWD}` is a length, a number.
        if (p.prefix !== '#') this.expanded(p.parameter);
        const d = depth + 1;
        checkDepth(d);
        const literal = this.literal;
        this.literal = 'free';
        // An indexed array's subscript is arithmetic (an associative one is not, but which one
        // `a` is may only be known at run time).
        if (p.index) this.arithmeticWord(p.index, scope, d, sink);
        // `${!x}` expands the variable named by x's value, subscript included.
        if (p.text.startsWith('${!')) this.evaluates();
        if (p.operation) {
          if (quoted) this.quotesExpand++;
          this.parameterOperation(p.operation, p.parameter, scope, d, sink);
          if (quoted) this.quotesExpand--;
        }
        this.literal = literal;
        return;
      }
      case 'CommandExpansion':
      case 'ProcessSubstitution':
        if (!closedSubstitution(p.text)) fail('unterminated substitution');
        // What a process substitution writes is read by a command (`read x < <(cmd)`), judged there.
        if (p.type === 'CommandExpansion') this.noteSubstitution(p.script);
        // A process substitution runs alongside the command that reads or writes it.
        if (p.type === 'ProcessSubstitution') this.concurrent++;
        try {
          this.substitution(p.script, scope, depth + 1, lenientContext(p.text));
        } finally {
          if (p.type === 'ProcessSubstitution') this.concurrent--;
        }
        return;
      case 'ArithmeticExpansion':
        if (p.text.startsWith('$[') && !balancedBrackets(p.text)) fail('unterminated $[ arithmetic');
        if (p.expression) this.arithmetic(p.expression, scope, depth + 1, sink);
        else if (mayHoldCode(p.text.slice(3))) fail('arithmetic expansion that could not be parsed');
        return;
    }
  }

  private parameterOperation(op: ParameterOperation, parameter: string, scope: Scope, depth: number, sink: Sink): void {
    switch (op.type) {
      case 'Default':
        this.word(op.operand, scope, depth, sink);
        if (op.operator.includes('=') && isDangerousName(parameter)) sink.force ??= dangerReason(parameter);
        if (op.operator.includes('=')) this.assigned(parameter, false);
        return;
      case 'Remove':
        this.word(op.operand, scope, depth, sink);
        return;
      case 'Transform':
        this.word(op.operand, scope, depth, sink);
        // ${x@P} expands x as a prompt string, which runs command substitutions in its value.
        if (op.operand.value === 'P') sink.force ??= 'prompt expansion ${…@P} of a value only known at run time';
        return;
      case 'Replace':
        this.word(op.pattern, scope, depth, sink);
        this.word(op.replacement, scope, depth, sink);
        return;
      case 'Slice':
        this.arithmeticWord(op.offset, scope, depth, sink);
        if (op.length) this.arithmeticWord(op.length, scope, depth, sink);
        return;
      case 'CaseModification':
        if (op.operand) this.word(op.operand, scope, depth, sink);
        return;
      case 'Names':
        return;
      case 'Unknown':
        // unbash leaves operations it does not know unparsed (`${x~}` is one); anything that could
        // hold code or hide a token fails closed.
        if (!/^[~!^,]*$/.test(op.operator)) fail(`unsupported parameter operation ${op.operator}`);
        return;
    }
  }

  /**
   * `where` names a context whose contents `bash -n` does not check (backticks, `${ …; }`): its
   * failures say so, which lets the differential test tell them from real disagreements.
   */
  private substitution(script: ParsedScript | undefined, scope: Scope, depth: number, where: string | null = null): void {
    checkDepth(depth);
    if (script === undefined) fail('substitution that could not be parsed');
    const { literal, arith, quotesExpand } = this;
    this.literal = 'command';
    // A command substitution inside arithmetic or an expanding word is an ordinary script again.
    this.arith = false;
    this.quotesExpand = 0;
    try {
      checkErrors(script);
      const own = script.source;
      if (own !== undefined && own !== scope.source) this.script(script, own, depth);
      else this.list(script, scope, depth);
    } catch (e) {
      throw where === null ? e : located(e, where);
    }
    this.literal = literal;
    this.arith = arith;
    this.quotesExpand = quotesExpand;
  }

  /** Notes what a command substitution prints as a value only known at run time; false for a count. */
  private noteSubstitution(script: ParsedScript | undefined): boolean {
    const counter = script === undefined ? null : countingProgram(script);
    if (counter === null) {
      this.runtimeValue ??= 'the output of a command substitution';
      return true;
    }
    (this.countedBy ??= new Set()).add(counter);
    return false;
  }

  protected arithmetic(root: ArithmeticExpression, scope: Scope, depth: number, sink: Sink): void {
    this.arithmeticSeen = true;
    checkDepth(depth);
    const literal = this.literal;
    const arith = this.arith;
    this.literal = 'free';
    this.arith = true;
    const stack: ArithmeticExpression[] = [root];
    const scratch: Arg = { value: '', dynamic: null, split: false, pos: -1, end: -1 };
    for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
      switch (e.type) {
        case 'ArithmeticBinary':
          if (isArithmeticAssignment(e.operator) && e.left.type === 'ArithmeticWord' && isDangerousName(e.left.value)) {
            sink.force ??= dangerReason(e.left.value);
          }
          if (isArithmeticAssignment(e.operator)) sink.force ??= hiddenAssignedName(e.left);
          // `n=n+1`, `n+=2`: arithmetic assigns a number.
          if (isArithmeticAssignment(e.operator) && e.left.type === 'ArithmeticWord' && IDENTIFIER.test(e.left.value)) this.assigned(e.left.value, true);
          stack.push(e.right, e.left);
          break;
        case 'ArithmeticUnary':
          if ((e.operator === '++' || e.operator === '--') && e.operand.type === 'ArithmeticWord' && isDangerousName(e.operand.value)) {
            sink.force ??= dangerReason(e.operand.value);
          }
          if (e.operator === '++' || e.operator === '--') sink.force ??= hiddenAssignedName(e.operand);
          if ((e.operator === '++' || e.operator === '--') && e.operand.type === 'ArithmeticWord' && IDENTIFIER.test(e.operand.value)) this.assigned(e.operand.value, true);
          stack.push(e.operand);
          break;
        case 'ArithmeticTernary':
          stack.push(e.alternate, e.consequent, e.test);
          break;
        case 'ArithmeticGroup':
          stack.push(e.expression);
          break;
        case 'ArithmeticWord': {
          // A variable's value is evaluated in turn; `$((1+2))` evaluates only numbers.
          if (e.parts !== undefined || !NUMBER.test(e.value)) this.evaluates(e.value);
          if (e.parts) for (const p of e.parts) this.part(p, scope, depth, sink, scratch, false);
          // `x[PATH=0]` inside `$(( ))` is one word to the parser; bash assigns PATH in its subscript.
          const assigned = e.value.includes('[') ? arithmeticDanger(e.value) : null;
          if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in an arithmetic subscript)`;
          if (e.value.includes('[') && /\\[$`]/.test(e.value)) {
            // bash before 5.2 (and 5.2 with BASH_COMPAT=51) expands an indexed array's subscript
            // twice, so `a[\$(cmd)]` runs cmd (audit 36, AC-4).
            const again = e.value.replace(/\\([$`\\])/g, '$1');
            if (mayHoldCode(again)) this.expandedText(again, depth + 1, sink);
            sink.force ??= 'bash before 5.2 expands an arithmetic subscript twice, so the escaped `$` or backquote in it expands';
          }
          break;
        }
        case 'ArithmeticCommandExpansion':
          // `$(( $(cmd) ))` evaluates what cmd prints.
          if (this.noteSubstitution(e.script)) this.evaluates();
          this.substitution(e.script, scope, depth + 1);
          break;
      }
    }
    this.literal = literal;
    this.arith = arith;
  }

  /** A word bash evaluates as arithmetic (a subscript, a `${x:offset}`). */
  protected arithmeticWord(word: Word, scope: Scope, depth: number, sink: Sink): Arg {
    this.evaluates(word.text);
    const arith = this.arith;
    this.arith = true;
    const arg = this.word(word, scope, depth, sink);
    this.arith = arith;
    const assigned = arithmeticDanger(arg.value);
    if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in arithmetic)`;
    if (hiddenArithmeticTarget(word.text)) sink.force ??= `arithmetic in ${word.text} assigns a variable whose name is only known once it is expanded, which may be PATH, HOME or another dangerous variable`;
    return arg;
  }

  /**
   * Walks quoted text of an arithmetic context the way bash expands it there: like double-quoted
   * text, where `'` and `"` are plain characters and `$( )`, backticks and `${ }` still expand.
   * That is how bash reads the body of an unquoted heredoc, so the text is parsed as one.
   */
  protected expandedText(text: string, depth: number, sink: Sink): void {
    checkDepth(depth);
    let delimiter = 'AGENT_GATE_END';
    while (text.includes(delimiter)) delimiter += '_';
    // The empty line keeps a trailing backslash from joining the delimiter line.
    const source = `:<<${delimiter}\n${text}\n\n${delimiter}\n`;
    const script = parseScript(source);
    const command = script.commands[0]?.command;
    const doc = command?.type === 'Command' ? command.suffix[0] : undefined;
    if (doc?.type !== 'HereDoc' || script.commands.length !== 1) fail('quoted text in arithmetic that could not be read');
    checkHereDoc(doc);
    const parts = doc.body.parts;
    if (parts === undefined) return;
    const marks = findSuspicious(source);
    const scope: Scope = { source, quoted: marks === null ? null : [], heredocEnd: 0 };
    const scratch: Arg = { value: '', dynamic: null, split: false, pos: -1, end: -1 };
    const arith = this.arith;
    try {
      for (const p of parts) this.part(p, scope, depth, sink, scratch, true);
    } catch (e) {
      throw located(e, 'in quoted text that bash expands again');
    }
    this.arith = arith;
    if (marks !== null) this.checkSuspicious(marks, scope);
  }

  protected quoted(scope: Scope, pos: number, end: number): void {
    if (scope.quoted !== null) scope.quoted.push(pos, end);
  }
}

/** A plain variable name. */
/** Words a brace expansion makes that the subscript-text check reads one by one. */
const MAX_BRACE_WORDS = 64;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
/** A variable or an element of one, as written (`n`, `a[i+1]`): no expansion or quote in its name. */
const ASSIGNABLE = /^[A-Za-z_]\w*(?:\[|$)/;

/**
 * Why arithmetic assigns a variable whose name is not written out, or null: bash expands and
 * removes quotes from the left side first, so `$x = 0` with x=HOME, `"HOME" = 0` and `HO${x}ME = 0`
 * assign HOME (audit 47, BI-2, BI-3).
 */
function hiddenAssignedName(left: ArithmeticExpression): string | null {
  if (left.type !== 'ArithmeticWord') return null;
  // An element's subscript may expand (`a[$i] = 1`): the name before it is written out. Text
  // after the subscript is not (`a[0]$x = 1` with x=',HOME' assigns HOME).
  if (ASSIGNABLE.test(left.value) && (left.parts === undefined || /^[A-Za-z_]\w*\[[\s\S]*\]$/.test(left.value))) return null;
  return `arithmetic assigns a variable whose name is only known once ${left.value} is expanded, which may be PATH, HOME or another dangerous variable`;
}
/** A RUNTIME_TEXT variable named in text (`x=PWD`, `1+PWD`, `DIRSTACK[1]`), which arithmetic would read. */
const NAMES_RUNTIME_TEXT = new RegExp(`(?<!\\w)(?:${[...RUNTIME_TEXT.keys()].join('|')})(?!\\w)`);

/** An arithmetic constant: decimal, octal, hex or `BASE#digits`. */
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[0-9]+(?:#[0-9a-zA-Z@_]+)?)$/;

/** `wc` options that print counts only. */
const WC_COUNTS = /^(?:-[lcwmL]+|--(?:lines|bytes|chars|words|max-line-length))$/;

/**
 * The program a substitution's script takes its output from when that output is only numbers, or
 * null: `wc` counting standard input (`$(git ls-files | wc -l)`, `$(wc -c < f)`), `grep -c` on
 * standard input or one file, `git rev-list --count`, `seq` of numbers, `date +%s`. A file
 * operand would make `wc` print its name too. The name is kept: a function of that name voids it.
 */
export function countingProgram(script: ParsedScript): string | null {
  const statements = script.commands;
  if (statements.length !== 1) return null;
  let node = statements[0]?.command;
  if (node?.type === 'Pipeline') node = node.commands[node.commands.length - 1];
  if (node?.type !== 'Command' || node.name === undefined || node.name.parts !== undefined) return null;
  const words: string[] = [];
  for (const s of node.suffix) {
    if (s.type === 'Assignment' || (s.type === 'Word' && !staticWord(s))) return null;
    if (s.type === 'Word') words.push(s.value);
  }
  const name = node.name.value;
  return printsNumber(name, words) ? name : null;
}

function printsNumber(name: string, words: readonly string[]): boolean {
  switch (name) {
    case 'wc':
      return words.every((w) => WC_COUNTS.test(w));
    case 'grep': {
      // The pattern and at most one file (grep names files only when it reads several), no
      // option that takes a value or prints names.
      const options = words.filter((w) => w.startsWith('-'));
      const operands = words.length - options.length;
      return (operands === 1 || operands === 2) && options.some((o) => o === '--count' || /^-[^-]*c/.test(o)) &&
        options.every((o) => o === '--count' || /^-[cvEFGiwxsP]+$/.test(o));
    }
    case 'git':
      return words[0] === 'rev-list' && words.includes('--count');
    case 'date':
      // Seconds (and nanoseconds) since the epoch.
      return words.length === 1 && /^\+%s(?:\.?%N)?$/.test(words[0] ?? '');
    case 'seq':
      return words.length >= 1 && words.length <= 3 && words.every((w) => /^-?\d+$/.test(w));
    default:
      return false;
  }
}

/** Contexts whose contents `bash -n` leaves unchecked; null for `$( )` and `<( )`. */
function lenientContext(text: string): string | null {
  if (text.charCodeAt(0) === 0x60) return 'inside backticks';
  if (text.startsWith('${')) return 'inside ${ …; }';
  return null;
}
