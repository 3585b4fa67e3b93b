// The walker's layer for simple commands: their assignments, redirections and words in source
// order, words unbash splits at a process substitution, declaration operands bash parses again as
// array assignments, and alias substitution.
import type { Assignment, Command, Word, WordPart } from 'unbash';
import { countingProgram } from './walk-expansions.ts';
import { dangerReason, hasEvaluatedSubscript, isDangerousUnlessWritten, operandAssignmentDanger, SUBSCRIPT_REASON } from './assignments.ts';
import { continuedKeyword, nextSignificant } from './guards.ts';
import { fail } from './parse.ts';
import { readsStdin } from './walk-redirections.ts';
import { MAX_ALIAS_CHARS, MAX_ALIAS_EXPANSIONS, type Scope, type Sink } from './walk-state.ts';
import { WrappedCommandWalker } from './walk-wrapped.ts';
import { assignmentHead, literalText, staticWord, type Arg } from './words.ts';

export abstract class SimpleCommandWalker extends WrappedCommandWalker {
  protected command(cmd: Command, scope: Scope, depth: number): void {
    const timed = this.timed;
    this.timed = false;
    // Parts found inside the command's words come after the command itself, in source order.
    const at = this.parts.length;
    const sink: Sink = { force: null };
    const assignments: string[] = [];
    const assignedArgs: Arg[] = [];
    let stdin: Arg | null = null;
    // A heredoc or here-string is read as text; a file or descriptor on standard input is not.
    let fed = this.stdinFed;
    for (const p of cmd.prefix) {
      if (p.type === 'Assignment') {
        const assigned = this.assignment(p, scope, depth, sink);
        const value = assigned.value;
        assignments.push(value);
        assignedArgs.push(assigned);
        const eq = value.indexOf('=');
        // `NAME+=x` adds to a value not known here; `NAME=(…)` is an array.
        const unknownValue = assigned.dynamic !== null || p.value.type !== 'Word' || value[eq - 1] === '+';
        if (isDangerousUnlessWritten(p.name, value.slice(eq + 1), unknownValue)) sink.force ??= dangerReason(p.name);
        // `x='a[$(cmd)]'`: a later `$((x))` or an integer variable evaluates it. A `$( )` that is
        // a real substitution (`x="[$(date)]"`) ran already and was judged.
        if (hasEvaluatedSubscript(literalText(assigned))) sink.force ??= SUBSCRIPT_REASON;
      } else {
        stdin = this.redirection(p, scope, depth, sink, stdin);
        if (readsStdin(p)) fed = stdin === null;
      }
    }
    const args: Arg[] = [];
    let openEnd = -1;
    if (cmd.name) {
      // unbash drops the `(` of `name (` when no `)` follows; bash rejects that input.
      if (nextSignificant(scope.source, cmd.name.end) === 0x28) fail("unexpected '(' after a command name");
      if (continuedKeyword(cmd.name, scope.source)) fail('line continuation at the end of the input');
      openEnd = this.argument(cmd.name, args, openEnd, scope, depth, sink);
    }
    // Operands written as words, not parsed as assignments: a declaration builtin may re-read them.
    const words: Arg[] = [];
    for (const s of cmd.suffix) {
      if (s.type === 'Word') {
        const before = args.length;
        openEnd = this.argument(s, args, openEnd, scope, depth, sink);
        words.push(...args.slice(before));
        continue;
      }
      if (openEnd >= 0) fail(JOINED);
      if (s.type === 'Assignment') {
        const a = this.assignment(s, scope, depth, sink);
        args.push(a);
        // `a='( … )'` is a string to the parser and an array assignment to declare.
        if (s.value.type === 'Word') words.push(a);
      } else {
        stdin = this.redirection(s, scope, depth, sink, stdin);
        if (readsStdin(s)) fed = stdin === null;
      }
    }
    if (openEnd >= 0) fail(JOINED);
    const source = scope.source.slice(cmd.pos, cmd.end);
    this.assignedFolders(assignedArgs, source);
    if (args.length === 0) {
      // A harmless standalone assignment runs nothing; a dangerous one is still worth a question.
      if (sink.force === null) return;
      this.insert(at, {
        kind: 'command', argv: [], assignments, text: '', textWithAssignments: assignments.join(' '), views: [],
        wrapper: false, forceAsk: sink.force, source,
      });
      return;
    }
    // bash reads `time -o F cmd` as the keyword timing a command named `-o`, which fails; dash and
    // bash in POSIX mode run /usr/bin/time, which writes F and runs cmd: judged as that.
    const first = args[0];
    if (timed && first !== undefined && first.dynamic === null && first.value.startsWith('-')) {
      args.unshift({ value: 'time', dynamic: null, split: false, pos: -1, end: -1 });
    }
    sink.force ??= operandAssignmentDanger(args);
    const compounds = this.quotedCompounds(args, words, sink);
    const alias = this.aliases === null || cmd.name === undefined ? undefined : this.aliasOf(args[0]);
    if (alias !== undefined && alias.dynamic !== null) sink.force ??= `${args[0]?.value ?? ''} is an alias whose value is only known at run time (${alias.dynamic})`;
    // A value ending in an odd number of backslashes escapes the character after it in the input
    // (`alias q='echo\'`, then `q # ; cmd` runs cmd): the text bash reads is not the one walked.
    if (alias !== undefined && alias.dynamic === null && /(?:^|[^\\])(?:\\\\)*\\$/.test(alias.value)) {
      sink.force ??= `${args[0]?.value ?? ''} is an alias ending in a backslash, which escapes the character after it`;
    }
    // A `#` starting a word in the value comments out the rest of the line once it is read as
    // input, a heredoc's `<<` among it: the lines walked as its body are then commands (AF-12).
    if (alias !== undefined && alias.dynamic === null && /(?:^|[\s;&|()<>])#/.test(alias.value)) {
      sink.force ??= `${args[0]?.value ?? ''} is an alias whose value starts a comment, which hides the rest of the line (a heredoc's << among it) from the shell`;
    }
    const expand = alias !== undefined && alias.dynamic === null && this.aliasBudget > 0 && alias.value.length <= this.aliasChars;
    if (alias !== undefined && alias.dynamic === null && !expand) sink.force ??= `more than ${MAX_ALIAS_EXPANSIONS} alias substitutions or ${MAX_ALIAS_CHARS} characters of them: what ${args[0]?.value ?? ''} runs is not followed further`;
    const chained = expand && alias !== undefined ? this.chainedAliases(alias.value, cmd, scope) : null;
    if (chained?.doubt != null) sink.force ??= chained.doubt;
    const outerFed = this.stdinFed;
    this.stdinFed = fed;
    try {
      this.emit(args, assignments, sink.force, source, scope, depth, stdin, at);
    } finally {
      this.stdinFed = outerFed;
    }
    // `exec < f` with no command gives the shell itself that input, which every later command reads.
    if (args.length === 1 && args[0]?.dynamic === null && args[0].value === 'exec' && (fed || stdin !== null)) this.stdinFed = true;
    for (const arg of compounds) this.tryScript({ arg, by: `${args[0]?.value ?? ''} array assignment` }, depth + 1);
    if (expand && alias !== undefined && cmd.name !== undefined) {
      this.aliasBudget--;
      this.aliasChars -= alias.value.length;
      // Alias expansion is textual: the value replaces the command word and the rest is read again.
      const name = args[0]?.value ?? '';
      this.expanding.add(name);
      try {
        const text = chained === null ? alias.value + scope.source.slice(cmd.name.end, cmd.end) : chained.text + scope.source.slice(chained.end, cmd.end);
        this.tryScript({ arg: { value: text, dynamic: null, split: false, pos: -1, end: -1 }, by: `alias ${name}` }, depth + 1);
      } finally {
        this.expanding.delete(name);
      }
    }
  }

  /**
   * An alias value ending in a blank makes bash alias-expand the next word too (`alias s='eval '
   * y='…'; s y` evals y's value): the text the command word's alias stands for, with every such
   * following alias put in its place, and where in the source the rest of the command starts.
   */
  private chainedAliases(value: string, cmd: Command, scope: Scope): { text: string; end: number; doubt: string | null } {
    let text = value;
    let end = cmd.name?.end ?? cmd.pos;
    for (const next of cmd.suffix) {
      if (!/[ \t]$/.test(text) || next.type !== 'Word' || next.text !== next.value) break;
      const alias = this.aliasOf({ value: next.value, dynamic: null, split: false, pos: next.pos, end: next.end });
      if (alias === undefined) break;
      if (alias.dynamic !== null) return { text, end, doubt: `${next.value} follows an alias ending in a blank, so bash expands it too, and its value is only known at run time (${alias.dynamic})` };
      if (this.aliasBudget <= 0 || alias.value.length > this.aliasChars) {
        return { text, end, doubt: `more than ${MAX_ALIAS_EXPANSIONS} alias substitutions or ${MAX_ALIAS_CHARS} characters of them: what ${next.value} runs is not followed further` };
      }
      this.aliasBudget--;
      this.aliasChars -= alias.value.length;
      text += scope.source.slice(end, next.pos) + alias.value;
      end = next.end;
    }
    return { text, end, doubt: null };
  }

  /** The value of the alias `word` names, if a static alias of that name was defined earlier. */
  private aliasOf(word: Arg | undefined): Arg | undefined {
    if (word === undefined || word.dynamic !== null || this.expanding.has(word.value)) return undefined;
    return this.aliases?.get(word.value);
  }

  /**
   * Appends a command word to `args`. unbash splits `a<(x)b` into three words where bash makes
   * one, so a word touching a process substitution is joined to the previous one. `openEnd` is
   * where a process substitution ended that the next word must continue; returns the new one.
   */
  private argument(w: Word, args: Arg[], openEnd: number, scope: Scope, depth: number, sink: Sink): number {
    const arg = this.word(w, scope, depth, sink, true);
    if (this.openBefore || openEnd >= 0) {
      const prev = args[args.length - 1];
      if (prev === undefined || prev.end !== arg.pos) fail(JOINED);
      prev.value += arg.value;
      prev.dynamic ??= arg.dynamic;
      if (arg.invalidUtf8 === true) prev.invalidUtf8 = true;
      prev.split ||= arg.split;
      prev.end = arg.end;
    } else {
      args.push(arg);
    }
    return this.openAfter ? arg.end : -1;
  }

  private assignment(a: Assignment, scope: Scope, depth: number, sink: Sink): Arg {
    const index = a.index === undefined ? null : this.arithmeticWord(a.index, scope, depth, sink);
    const head = assignmentHead(a, index);
    const value = a.value;
    const arg: Arg = { value: head, dynamic: index?.dynamic ?? null, split: false, pos: a.pos, end: a.end };
    if (a.index !== undefined || value.type !== 'Word') (this.arrayNames ??= new Set()).add(a.name);
    // Static text is read by the subscript-text check; a value joined at run time or appended
    // to (`n=$a$b`, `n+='['`) is not.
    this.assigned(a.name, value.type === 'Word' && a.index === undefined && a.append !== true && (inertStatic(value) || numericValue(value)), value.type === 'Word' && inertStatic(value) ? value.value : undefined);
    if (value.type === 'Word') {
      const v = this.word(value, scope, depth, sink);
      if (a.name === 'PYTHONPATH') (this.pythonPaths ??= []).push(...v.value.split(':').filter((d) => d !== ''));
      if (v.inert !== undefined) arg.inert = arg.value + v.inert;
      arg.value += v.value;
      arg.dynamic ??= v.dynamic;
    } else {
      let text = '(';
      for (const element of value.elements) {
        // `b=([x]=1)` evaluates x as an indexed array's subscript.
        if (element.text.startsWith('[')) this.evaluates(element.text.slice(0, element.text.indexOf(']') + 1));
        const v = this.word(element, scope, depth, sink);
        arg.dynamic ??= v.dynamic;
        text += text.length === 1 ? v.value : ` ${v.value}`;
      }
      arg.value += `${text})`;
    }
    return arg;
  }
}

const JOINED = 'process substitution joined to a word that is not an argument';

/**
 * Static text that cannot become part of a subscript holding a command when joined with other
 * text in arithmetic (`a='a['; b='$(cmd)]'; echo $(($a$b))`): no `[`, `$` or backquote. Nor
 * `~+`/`~-`, which bash replaces with $PWD/$OLDPWD, a folder name (`x=~+; echo $(( ${x:30} ))`).
 */
export function inertStatic(word: Word): boolean {
  return staticWord(word) && !/[[$`]/.test(word.value) && !/~[+-]/.test(word.text);
}

/** A word of numbers in a loop's list: a number, arithmetic, a count, or a brace sequence (`{1..5}`). */
export function numericWord(word: Word): boolean {
  return numericValue(word) || (word.parts?.length === 1 && /^\{-?\d+\.\.-?\d+(?:\.\.-?\d+)?\}$/.test(word.text));
}

/**
 * Whether an assigned word can only be a number: digits, arithmetic (`$((n+1))`), or a count
 * (`$(wc -l < f)`, see countingProgram), quoted or not.
 */
function numericValue(word: Word): boolean {
  if (word.parts === undefined) return /^-?\d+$/.test(word.value);
  const parts: WordPart[] = [];
  for (const p of word.parts) {
    if (p.type === 'DoubleQuoted') parts.push(...p.parts);
    else parts.push(p);
  }
  return parts.length === 1 && (parts[0]?.type === 'ArithmeticExpansion' ||
    (parts[0]?.type === 'CommandExpansion' && parts[0].script !== undefined && countingProgram(parts[0].script) !== null));
}
