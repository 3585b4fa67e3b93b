// Collects every simple command and file write bash would perform (SPEC 5.1), descending into
// every construct that can hold code: compound commands, substitutions, parameter operations,
// arithmetic, `[[ ]]`, heredoc bodies, assignment values and redirection targets. Expression
// trees are walked with explicit stacks because unbash builds them arbitrarily deep.
//
// The walker is a stack of classes with one concern each, every one extending the one below:
// walk-state.ts (what all layers share) ← walk-expansions.ts (words) ← walk-redirections.ts ←
// walk-wrapped.ts (a command's part and what it wraps) ← walk-commands.ts (simple commands) ←
// this file (statement lists and compound commands). The walk is recursive across layers (a word
// holds substitutions, which hold scripts), so lower layers reach this one through abstract methods.
// Two helpers keep state beside the stack: folders.ts (where the shell may be) and link-book.ts
// (the links the command makes, copies and moves).
import type {
  AndOr, Command, CommandNode, CompoundList, ParsedScript, PipelineNode, Statement, TestExpression,
} from 'unbash';
import { arithmeticDanger, dangerReason, hasEvaluatedSubscript, isDangerousName, SUBSCRIPT_REASON } from './assignments.ts';
import { findSuspicious } from './chars.ts';
import {
  commentTexts, endsStatement, isContinuationOnly, mayHoldCode, nextSignificant, noBreakBefore, noBreakBetween, RESERVED, skipGap,
} from './guards.ts';
import { checkDepth, fail, parseScript } from './parse.ts';
import { inertStatic, numericWord, SimpleCommandWalker } from './walk-commands.ts';
import { readsStdin } from './walk-redirections.ts';
import { GLOB_VALUE, type Scope, type Sink } from './walk-state.ts';
import { ARITHMETIC_TESTS } from './arithmetic-commands.ts';
import { literalText } from './words.ts';

export class Walker extends SimpleCommandWalker {
  /** Parses and walks a script string (the input, or a string a wrapper hands to a shell). */
  source(source: string, depth: number): number {
    checkDepth(depth);
    const script = parseScript(source);
    this.script(script, source, depth);
    return script.commands.length;
  }

  script(script: ParsedScript, source: string, depth: number): void {
    const marks = findSuspicious(source);
    const scope: Scope = { source, quoted: marks === null ? null : [], heredocEnd: 0 };
    this.list(script, scope, depth);
    // A comment is no word, but it is text `$BASH_EXECUTION_STRING` and `$BASH_COMMAND` hold:
    // `echo $(( ${BASH_EXECUTION_STRING:49} )) # a[$(cmd)]` runs cmd.
    for (const text of commentTexts(source)) this.staticText(text);
    if (marks !== null) this.checkSuspicious(marks, scope);
  }

  /** A whole script: nothing but blanks, comments and separators may surround its statements. */
  protected list(script: ParsedScript, scope: Scope, depth: number): void {
    const statements = script.commands;
    const end = this.statements(statements, scope, depth, skipGap(scope.source, script.pos, true, scope.heredocEnd));
    // unbash ends a `${ …; }` body before the blanks ahead of its `}` (`${ rm x; }`, the manual's
    // spelling), so only blanks and comments may lie between its end and the gap's (audit 34, WW-1).
    if (end !== script.end && !(end > script.end && skipGap(scope.source, script.end, true, scope.heredocEnd) === end)) {
      fail('text the parser skipped at the end of a script');
    }
  }

  /**
   * Walks a statement list and checks the text between statements: unbash silently drops some
   * tokens (`x=1 f() { …; }`, a `;` at the start of a line) that make bash reject the input.
   * Returns where the text after the last statement stops.
   */
  private statements(statements: readonly Statement[], scope: Scope, depth: number, start = -1): number {
    let at = start;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      if (s === undefined) continue;
      if (at >= 0 && at !== s.pos) fail('text the parser skipped before a command');
      // A background job runs alongside the statements after it.
      if (s.background === true) this.concurrent++;
      try {
        this.node(s.command, scope, depth);
      } finally {
        if (s.background === true) this.concurrent--;
      }
      at = skipGap(scope.source, s.end, s.background === true, scope.heredocEnd);
    }
    return at;
  }

  private node(node: PipelineNode | AndOr | CompoundList, scope: Scope, depth: number): void {
    switch (node.type) {
      case 'AndOr': {
        const entered = this.folders.left;
        node.commands.forEach((c, i) => {
          if (i > 0 && isContinuationOnly(c, scope.source)) fail('line continuation at the end of the input');
          const moves = this.folders.moves();
          this.node(c, scope, depth);
          // What follows `&&` runs only if this succeeded: after `cd DIR &&` the shell is surely
          // in DIR. After `;`, `||` or anything else a failed cd leaves it where it was.
          this.folders.left = node.operators[i] === '&&' &&
            (this.folders.left || (this.folders.moves() > moves && this.movesForSure(c, scope.source)));
        });
        this.folders.left = entered;
        return;
      }
      case 'Pipeline':
        // `!` or `time` alone is a complete command only before `;`, a newline or the end; unbash
        // also accepts it before `&`, `&&`, `)` or `}`.
        if (node.commands.length === 0 && !endsStatement(nextSignificant(scope.source, node.end))) {
          fail('expected a command after ! or time');
        }
        // A pipeline's members run at the same time.
        if (node.commands.length > 1) this.concurrent++;
        const fed = this.stdinFed;
        try {
          node.commands.forEach((c, i) => {
            if (i > 0 && isContinuationOnly(c, scope.source)) fail('line continuation at the end of the input');
            this.timed = i === 0 && c.type === 'Command' && node.prefixes.some((p) => p.type === 'Time');
            if (i > 0) this.stdinFed = true;
            this.node(c, scope, depth);
            this.timed = false;
          });
        } finally {
          if (node.commands.length > 1) this.concurrent--;
          this.stdinFed = fed;
        }
        return;
      case 'Command':
        this.command(node, scope, depth);
        return;
      case 'CompoundList':
        this.statements(node.commands, scope, depth);
        return;
      case 'Redirected': {
        // `{ psql; } < f`, `while …; done <<<x`: what the body reads comes from the redirection.
        if (node.redirects.some(readsStdin)) this.withStdinFed(() => this.node(node.command, scope, depth));
        else this.node(node.command, scope, depth);
        const sink: Sink = { force: null };
        for (const r of node.redirects) this.redirection(r, scope, depth, sink, null);
        this.orphan(sink, scope, node.pos, node.end);
        return;
      }
      default:
        this.compound(node, scope, depth + 1);
    }
  }

  /** Walks code whose standard input is a pipe or a file (see stdinFed). */
  private withStdinFed(walk: () => void): void {
    const fed = this.stdinFed;
    this.stdinFed = true;
    try {
      walk();
    } finally {
      this.stdinFed = fed;
    }
  }

  /**
   * Whether `node`, when it succeeds, surely moved the shell: a plain `cd DIR`/`pushd DIR`, not a
   * negated one, a function or alias of that name, or one `enable` may have turned into a program.
   */
  private movesForSure(node: PipelineNode, source: string): boolean {
    const command = node.type === 'Pipeline' ? (node.prefixes.length === 0 && node.commands.length === 1 ? node.commands[0] : undefined) : node;
    if (command?.type !== 'Command' || command.name === undefined || !this.folders.cdIsBuiltin()) return false;
    const name = source.slice(command.name.pos, command.name.end);
    return (name === 'cd' || name === 'pushd') && this.functions?.has(name) !== true && this.aliases?.has(name) !== true;
  }

  private compound(node: Exclude<CommandNode, Command>, scope: Scope, depth: number): void {
    checkDepth(depth);
    const sink: Sink = { force: null };
    switch (node.type) {
      case 'If':
        this.statements(node.clause.commands, scope, depth);
        this.statements(node.then.commands, scope, depth);
        for (const branch of node.elif) {
          this.statements(branch.clause.commands, scope, depth);
          this.statements(branch.then.commands, scope, depth);
        }
        if (node.else) this.statements(node.else.commands, scope, depth);
        break;
      case 'For':
      case 'Select':
        if (isDangerousName(node.name.value)) sink.force = `${dangerReason(node.name.value)} (loop variable)`;
        // `for i in 1 2 3`, `{1..5}`, `$(seq 5)`: the loop variable holds numbers (select's is a
        // word typed at run time). Without a list it takes the positional parameters.
        this.assigned(node.name.value, node.type === 'For' && node.wordlist !== undefined && node.wordlist.every((w) => inertStatic(w) || numericWord(w)), node.wordlist?.map((w) => w.value).join(' '));
        // select reads each answer, a line of standard input (maybe a file the agent wrote), into
        // REPLY, as `read` does: `select x in 1; do echo $((REPLY)); done < f` runs f's `a[$(…)]`.
        if (node.type === 'Select') {
          this.assigned('REPLY', false);
          this.runtimeValue ??= 'select reads a line of standard input into REPLY';
        }
        if (node.wordlist) {
          for (const w of node.wordlist) {
            const arg = this.word(w, scope, depth, sink);
            // A glob's file names, or words split at run time, become the loop variable's value.
            if (arg.dynamic !== null && !numericWord(w)) this.runtimeValue ??= `the loop over ${arg.dynamic}`;
          }
        }
        // A loop body runs again after the `cd`s in it.
        this.folders.deferred++;
        this.statements(node.body.commands, scope, depth);
        this.folders.deferred--;
        break;
      case 'While':
        this.folders.deferred++;
        this.statements(node.clause.commands, scope, depth);
        this.statements(node.body.commands, scope, depth);
        this.folders.deferred--;
        break;
      case 'Subshell':
      case 'BraceGroup':
        this.statements(node.body.commands, scope, depth);
        break;
      case 'Case':
        this.word(node.word, scope, depth, sink);
        for (const item of node.items) {
          // A case pattern matches the word; it expands to no file names.
          const runtimeValue = this.runtimeValue;
          for (const p of item.pattern) this.word(p, scope, depth, sink);
          if (runtimeValue === null && this.runtimeValue === GLOB_VALUE) this.runtimeValue = null;
          this.statements(item.body.commands, scope, depth);
        }
        break;
      case 'Function':
        // unbash takes `function> f` as a function named `> f`.
        if (/[\s<>|&;()`$"']/.test(node.name.text)) fail(`invalid function name ${node.name.text}`);
        (this.functions ??= new Set()).add(node.name.text);
        // The body runs when the function is called, maybe after a `cd` further on, and maybe
        // with a pipe or a file on standard input (`f < cmds`).
        this.folders.deferred++;
        this.withStdinFed(() => this.node(node.body, scope, depth));
        this.folders.deferred--;
        break;
      case 'Coproc': {
        // bash reads `coproc NAME esac` as NAME plus a compound command and rejects it; unbash
        // makes it the simple command `NAME esac`.
        const body = node.body;
        const second = body.type === 'Command' ? body.suffix[0] : undefined;
        if (body.type === 'Command' && body.prefix.length === 0 && second?.type === 'Word' && RESERVED.has(second.text)) fail(`unexpected reserved word ${second.text} after coproc`);
        // `coproc NAME { … }` stores the coprocess's file descriptors in NAME.
        if (node.name !== undefined && isDangerousName(node.name.value)) sink.force ??= dangerReason(node.name.value);
        this.concurrent++;
        try {
          // The coprocess reads what the shell writes to it (`echo CMD >&"${COPROC[1]}"`).
          this.withStdinFed(() => this.node(body, scope, depth));
        } finally {
          this.concurrent--;
        }
        break;
      }
      case 'ArithmeticFor':
        // unbash also reads `for (i=0;…))` with one parenthesis as an arithmetic for loop.
        if (!/^for[ \t]*\(\(/.test(scope.source.slice(node.pos, node.pos + 16))) fail("expected '((' after for");
        if (node.initialize) this.arithmetic(node.initialize, scope, depth, sink);
        this.folders.deferred++;
        if (node.test) this.arithmetic(node.test, scope, depth, sink);
        if (node.update) this.arithmetic(node.update, scope, depth, sink);
        this.statements(node.body.commands, scope, depth);
        this.folders.deferred--;
        break;
      case 'TestCommand':
        this.test(node.expression, scope, depth, sink, node.end);
        break;
      case 'ArithmeticCommand':
        if (node.expression) this.arithmetic(node.expression, scope, depth, sink);
        else if (mayHoldCode(node.body)) fail('arithmetic command that could not be parsed');
        break;
    }
    this.orphan(sink, scope, node.pos, node.end);
  }

  /** A forceAsk met outside any simple command becomes a part of its own. */
  private orphan(sink: Sink, scope: Scope, pos: number, end: number): void {
    if (sink.force === null) return;
    this.parts.push({
      kind: 'command', argv: [], assignments: [], text: '', textWithAssignments: '', views: [], wrapper: false,
      forceAsk: sink.force, source: scope.source.slice(pos, end),
    });
  }

  private test(root: TestExpression, scope: Scope, depth: number, sink: Sink, end: number): void {
    // `[[ $x -eq 1 ]]` and `-v` evaluate their operands as arithmetic or subscripts (noted below).
    const stack: TestExpression[] = [root];
    for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
      switch (e.type) {
        case 'TestUnary': {
          noBreakBetween(scope.source, e.pos, e.operand.pos);
          this.literal = 'test';
          const operand = this.word(e.operand, scope, depth, sink);
          if (e.operator === '-v') {
            this.evaluates();
            if (hasEvaluatedSubscript(literalText(operand))) sink.force ??= SUBSCRIPT_REASON;
            const assigned = arithmeticDanger(operand.value);
            if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in a -v subscript)`;
          }
          break;
        }
        case 'TestBinary': {
          noBreakBetween(scope.source, e.left.end, e.right.pos);
          this.literal = 'test';
          const left = this.word(e.left, scope, depth, sink);
          const op = e.operator;
          this.literal = op === '=~' ? 'regex' : op === '==' || op === '=' || op === '!=' ? 'pattern' : 'test';
          const right = this.word(e.right, scope, depth, sink);
          // `-eq` and the like evaluate both sides as arithmetic: `BASH_CMDS[git]=1 -eq 1` assigns.
          if (ARITHMETIC_TESTS.has(op)) {
            this.evaluates(`${e.left.text} ${e.right.text}`);
            for (const side of [left, right]) {
              if (hasEvaluatedSubscript(literalText(side))) sink.force ??= SUBSCRIPT_REASON;
              const assigned = arithmeticDanger(side.value);
              if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in an arithmetic test)`;
            }
          }
          break;
        }
        case 'TestLogical':
          for (let i = e.operands.length - 1; i >= 0; i--) {
            const o = e.operands[i];
            if (o !== undefined) stack.push(o);
            // A newline may follow `&&` or `||` in `[[ ]]`, not precede it.
            const before = e.operands[i - 1];
            if (before !== undefined && o !== undefined) noBreakBefore(scope.source, before.end, o.pos);
          }
          break;
        case 'TestNot':
          stack.push(e.operand);
          break;
        case 'TestGroup':
          stack.push(e.expression);
          break;
      }
    }
    this.literal = 'command';
    noBreakBetween(scope.source, root.end, scope.source.lastIndexOf(']]', end));
  }
}
