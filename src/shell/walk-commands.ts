// The walker's layer for simple commands: their assignments, redirections and words in source
// order, words unbash splits at a process substitution, declaration operands bash parses again as
// array assignments, and alias substitution.
import type { Assignment, Command, Word } from 'unbash';
import { COMPOUND_OPERAND, dangerReason, hasEvaluatedSubscript, isDangerousName, isDeclarationBuiltin, operandAssignmentDanger, SUBSCRIPT_REASON } from './assignments.ts';
import { continuedKeyword, nextSignificant } from './guards.ts';
import { fail } from './parse.ts';
import { MAX_ALIAS_CHARS, MAX_ALIAS_EXPANSIONS, type Scope, type Sink } from './walk-state.ts';
import { WrappedCommandWalker } from './walk-wrapped.ts';
import { assignmentHead, literalText, type Arg } from './words.ts';

export abstract class SimpleCommandWalker extends WrappedCommandWalker {
  protected command(cmd: Command, scope: Scope, depth: number): void {
    // Parts found inside the command's words come after the command itself, in source order.
    const at = this.parts.length;
    const sink: Sink = { force: null };
    const assignments: string[] = [];
    let stdin: Arg | null = null;
    for (const p of cmd.prefix) {
      if (p.type === 'Assignment') {
        const assigned = this.assignment(p, scope, depth, sink);
        const value = assigned.value;
        assignments.push(value);
        if (isDangerousName(p.name)) sink.force ??= dangerReason(p.name);
        // `x='a[$(cmd)]'`: a later `$((x))` or an integer variable evaluates it. A `$( )` that is
        // a real substitution (`x="[$(date)]"`) ran already and was judged.
        if (hasEvaluatedSubscript(literalText(assigned))) sink.force ??= SUBSCRIPT_REASON;
      } else {
        stdin = this.redirection(p, scope, depth, sink, stdin);
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
      }
    }
    if (openEnd >= 0) fail(JOINED);
    const source = scope.source.slice(cmd.pos, cmd.end);
    if (args.length === 0) {
      // A harmless standalone assignment runs nothing; a dangerous one is still worth a question.
      if (sink.force === null) return;
      this.insert(at, {
        kind: 'command', argv: [], assignments, text: '', textWithAssignments: assignments.join(' '), views: [],
        wrapper: false, forceAsk: sink.force, source,
      });
      return;
    }
    sink.force ??= operandAssignmentDanger(args);
    const compounds = this.quotedCompounds(args, words, sink);
    const alias = this.aliases === null || cmd.name === undefined ? undefined : this.aliasOf(args[0]);
    if (alias !== undefined && alias.dynamic !== null) sink.force ??= `${args[0]?.value ?? ''} is an alias whose value is only known at run time (${alias.dynamic})`;
    const expand = alias !== undefined && alias.dynamic === null && this.aliasBudget > 0 && alias.value.length <= this.aliasChars;
    if (alias !== undefined && alias.dynamic === null && !expand) sink.force ??= `more than ${MAX_ALIAS_EXPANSIONS} alias substitutions or ${MAX_ALIAS_CHARS} characters of them: what ${args[0]?.value ?? ''} runs is not followed further`;
    this.emit(args, assignments, sink.force, source, scope, depth, stdin, at);
    for (const arg of compounds) this.tryScript({ arg, by: `${args[0]?.value ?? ''} array assignment` }, depth + 1);
    if (expand && alias !== undefined && cmd.name !== undefined) {
      this.aliasBudget--;
      this.aliasChars -= alias.value.length;
      // Alias expansion is textual: the value replaces the command word and the rest is read again.
      const name = args[0]?.value ?? '';
      this.expanding.add(name);
      try {
        const text = alias.value + scope.source.slice(cmd.name.end, cmd.end);
        this.tryScript({ arg: { value: text, dynamic: null, split: false, pos: -1, end: -1 }, by: `alias ${name}` }, depth + 1);
      } finally {
        this.expanding.delete(name);
      }
    }
  }

  /**
   * Quoted `NAME=( … )` operands of a declaration builtin, which bash parses again as an array
   * assignment: returned to be walked as scripts. One only known at run time asks.
   */
  private quotedCompounds(args: readonly Arg[], words: readonly Arg[], sink: Sink): Arg[] {
    const host = args[0];
    if (host === undefined || host.dynamic !== null || !isDeclarationBuiltin(host.value)) return [];
    // With -a or -A, a value only known at run time may turn out to be `( … )`.
    const arrays = args.some((a, i) => i > 0 && /^-[a-zA-Z]*[aA]/.test(a.value));
    const out: Arg[] = [];
    for (const w of words) {
      if (w === host) continue;
      const eq = w.value.indexOf('=');
      if (w.dynamic !== null && (COMPOUND_OPERAND.test(w.value) || (arrays && eq > 0 && /^[$`"']/.test(w.value.slice(eq + 1))))) {
        sink.force ??= `${host.value} re-reads an array assignment only known at run time (${w.dynamic}), which may hold a command substitution`;
      } else if (w.dynamic === null && COMPOUND_OPERAND.test(w.value)) {
        out.push({ value: w.value, dynamic: null, split: false, pos: -1, end: -1 });
      }
    }
    return out;
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
    if (value.type === 'Word') {
      const v = this.word(value, scope, depth, sink);
      if (v.inert !== undefined) arg.inert = arg.value + v.inert;
      arg.value += v.value;
      arg.dynamic ??= v.dynamic;
    } else {
      let text = '(';
      for (const element of value.elements) {
        // `b=([x]=1)` evaluates x as an indexed array's subscript.
        if (element.text.startsWith('[')) this.arithmeticSeen = true;
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
