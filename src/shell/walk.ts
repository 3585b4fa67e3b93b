// Collects every simple command and file write bash would perform (SPEC 5.1), descending into
// every construct that can hold code: compound commands, substitutions, parameter operations,
// arithmetic, `[[ ]]`, heredoc bodies, assignment values and redirection targets. Expression
// trees are walked with explicit stacks because unbash builds them arbitrarily deep.
import type {
  ArithmeticExpression, Assignment, Command, CommandNode, CompoundList, ParameterOperation, ParsedScript,
  PipelineNode, AndOr, Redirection, Statement, TestExpression, Word, WordPart,
} from 'unbash';
import { dangerReason, isArithmeticAssignment, isDangerousName, operandAssignmentDanger } from './assignments.ts';
import { describeCode, findSuspicious } from './chars.ts';
import { checkDepth, checkErrors, checkHereDoc, fail, parseScript, ShellFailure } from './parse.ts';
import { redirectWrite } from './redirects.ts';
import type { CommandPart, ShellPart } from './types.ts';
import { addSpellings, addView } from './views.ts';
import { assignmentHead, joinValues, notePart, type Arg } from './words.ts';
import { unwrap, type ScriptArg } from './wrappers.ts';

/** One source text being walked: positions of its nodes index `source`. */
interface Scope {
  source: string;
  /** Flat [pos, end, …] of quoted text; collected only when the source has suspicious characters. */
  quoted: number[] | null;
}

/** Collects a forceAsk reason met inside a command's words (`${PATH:=x}`, `${x@P}`). */
interface Sink {
  force: string | null;
}

export class Walker {
  readonly parts: ShellPart[] = [];
  suspicious: string | null = null;
  /** Inside `[[ ]]` operands and parameter operations, where bash allows extended globs. */
  private patterns = 0;
  /** Set by `word` in join mode: a process substitution at the word's start or end touches a neighbour. */
  private openBefore = false;
  private openAfter = false;

  /** Parses and walks a script string (the input, or a string a wrapper hands to a shell). */
  source(source: string, depth: number): number {
    checkDepth(depth);
    const script = parseScript(source);
    this.script(script, source, depth);
    return script.commands.length;
  }

  script(script: ParsedScript, source: string, depth: number): void {
    const marks = findSuspicious(source);
    const scope: Scope = { source, quoted: marks === null ? null : [] };
    this.statements(script.commands, scope, depth);
    if (marks !== null) this.checkSuspicious(marks, scope);
  }

  private checkSuspicious(marks: number[], scope: Scope): void {
    if (this.suspicious !== null) return;
    const covered = new Uint8Array(scope.source.length + 1);
    const q = scope.quoted ?? [];
    for (let i = 0; i + 1 < q.length; i += 2) covered.fill(1, q[i] ?? 0, q[i + 1] ?? 0);
    for (const pos of marks) {
      if (covered[pos] === 1) continue;
      this.suspicious = `suspicious character ${describeCode(scope.source.charCodeAt(pos))} outside quotes at offset ${pos}`;
      return;
    }
  }

  private statements(statements: readonly Statement[], scope: Scope, depth: number): void {
    for (const s of statements) {
      // unbash accepts `! &` and `time &`; bash wants a command after the prefix there.
      if (s.background === true && isEmptyPipeline(s.command)) fail("expected a command before '&'");
      this.node(s.command, scope, depth);
    }
  }

  private node(node: PipelineNode | AndOr | CompoundList, scope: Scope, depth: number): void {
    switch (node.type) {
      case 'AndOr':
        for (const c of node.commands) {
          if (isEmptyPipeline(c)) fail("expected a command around '&&' or '||'");
          this.node(c, scope, depth);
        }
        return;
      case 'Pipeline':
        for (const c of node.commands) this.node(c, scope, depth);
        return;
      case 'Command':
        this.command(node, scope, depth);
        return;
      case 'CompoundList':
        this.statements(node.commands, scope, depth);
        return;
      case 'Redirected': {
        this.node(node.command, scope, depth);
        const sink: Sink = { force: null };
        for (const r of node.redirects) this.redirection(r, scope, depth, sink, null);
        this.orphan(sink, scope, node.pos, node.end);
        return;
      }
      default:
        this.compound(node, scope, depth + 1);
    }
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
        if (node.wordlist) for (const w of node.wordlist) this.word(w, scope, depth, sink);
        this.statements(node.body.commands, scope, depth);
        break;
      case 'While':
        this.statements(node.clause.commands, scope, depth);
        this.statements(node.body.commands, scope, depth);
        break;
      case 'Subshell':
      case 'BraceGroup':
        this.statements(node.body.commands, scope, depth);
        break;
      case 'Case':
        this.word(node.word, scope, depth, sink);
        for (const item of node.items) {
          for (const p of item.pattern) this.word(p, scope, depth, sink);
          this.statements(item.body.commands, scope, depth);
        }
        break;
      case 'Function':
      case 'Coproc':
        this.node(node.body, scope, depth);
        break;
      case 'ArithmeticFor':
        if (node.initialize) this.arithmetic(node.initialize, scope, depth, sink);
        if (node.test) this.arithmetic(node.test, scope, depth, sink);
        if (node.update) this.arithmetic(node.update, scope, depth, sink);
        this.statements(node.body.commands, scope, depth);
        break;
      case 'TestCommand':
        this.patterns++;
        this.test(node.expression, scope, depth, sink);
        this.patterns--;
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

  private command(cmd: Command, scope: Scope, depth: number): void {
    // Parts found inside the command's words come after the command itself, in source order.
    const at = this.parts.length;
    const sink: Sink = { force: null };
    const assignments: string[] = [];
    let stdin: Arg | null = null;
    for (const p of cmd.prefix) {
      if (p.type === 'Assignment') {
        assignments.push(this.assignment(p, scope, depth, sink).value);
        if (isDangerousName(p.name)) sink.force ??= dangerReason(p.name);
      } else {
        stdin = this.redirection(p, scope, depth, sink, stdin);
      }
    }
    const args: Arg[] = [];
    // unbash splits `a<(x)b` into three words where bash makes one: they are joined back here.
    let openEnd = -1;
    const addWord = (w: Word): void => {
      const arg = this.word(w, scope, depth, sink, true);
      const prev = args[args.length - 1];
      const touches = prev !== undefined && prev.end === arg.pos;
      if ((this.openBefore || openEnd >= 0) && !touches) fail('process substitution joined to a word that is not an argument');
      if (touches && (this.openBefore || openEnd === arg.pos)) {
        prev.value += arg.value;
        prev.dynamic ??= arg.dynamic;
        prev.split ||= arg.split;
        prev.end = arg.end;
      } else {
        args.push(arg);
      }
      openEnd = this.openAfter ? arg.end : -1;
    };
    if (cmd.name) {
      // unbash drops the `(` of `name (` when no `)` follows; bash rejects that input.
      if (nextSignificant(scope.source, cmd.name.end) === 0x28) fail("unexpected '(' after a command name");
      if (continuedKeyword(cmd.name, scope.source)) fail('reserved word continued at the end of the input');
      addWord(cmd.name);
    }
    for (const s of cmd.suffix) {
      if (s.type === 'Word') {
        addWord(s);
        continue;
      }
      if (openEnd >= 0) fail('process substitution joined to a word that is not an argument');
      if (s.type === 'Assignment') args.push(this.assignment(s, scope, depth, sink));
      else stdin = this.redirection(s, scope, depth, sink, stdin);
    }
    if (openEnd >= 0) fail('process substitution joined to a word that is not an argument');
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
    this.emit(args, assignments, sink.force, source, scope, depth, stdin, at);
  }

  private insert(at: number, part: ShellPart): void {
    if (at === this.parts.length) this.parts.push(part);
    else this.parts.splice(at, 0, part);
  }

  /** Pushes the part for `args` and the parts of whatever it wraps. */
  private emit(args: Arg[], assignments: string[], force: string | null, source: string, scope: Scope, depth: number,
    stdin: Arg | null, at: number): void {
    checkDepth(depth);
    const argv: string[] = new Array<string>(args.length);
    for (let i = 0; i < args.length; i++) argv[i] = args[i]?.value ?? '';
    const text = argv.join(' ');
    const part: CommandPart = {
      kind: 'command', argv, assignments, text,
      textWithAssignments: assignments.length === 0 ? text : `${assignments.join(' ')} ${text}`,
      views: [], wrapper: false, forceAsk: force, source,
    };
    const first = args[0];
    if (first?.dynamic != null) part.forceAsk ??= `command word is not static (${first.dynamic})`;
    addSpellings(part, args, text);
    this.insert(at, part);
    const u = unwrap(args, stdin);
    part.forceAsk ??= u.forceAsk;
    const before = this.parts.length;
    for (const inner of u.commands) this.emit(inner, [], null, slice(scope, inner, source), scope, depth + 1, stdin, this.parts.length);
    for (const inner of u.views) this.view(part, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) this.run(s, part, depth + 1);
    // A wrapper around nothing judged (`bash -c ''`) must be judged itself.
    if (u.wrapper && this.parts.length > before) part.wrapper = true;
  }

  /** `args` runs inside `host` (sudo, npx…): its spellings tighten the host part. */
  private view(host: CommandPart, args: Arg[], scope: Scope, depth: number, stdin: Arg | null): void {
    checkDepth(depth);
    const first = args[0];
    if (first?.dynamic != null) host.forceAsk ??= `wrapped command word is not static (${first.dynamic})`;
    const text = joinValues(args);
    addView(host, text);
    addSpellings(host, args, text);
    const u = unwrap(args, stdin);
    host.forceAsk ??= u.forceAsk;
    for (const inner of u.commands) {
      if (u.wrapper) this.view(host, inner, scope, depth + 1, stdin);
      else this.emit(inner, [], null, slice(scope, inner, host.source), scope, depth + 1, stdin, this.parts.length);
    }
    for (const inner of u.views) this.view(host, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) this.run(s, host, depth + 1);
  }

  /** A string a wrapper hands to a shell: parsed and walked like the input itself. */
  private run(s: ScriptArg, host: CommandPart, depth: number): void {
    const arg = s.arg;
    if (arg.dynamic === null) {
      try {
        this.source(arg.value, depth);
      } catch (e) {
        if (e instanceof ShellFailure) fail(`${s.by}: ${e.message}`);
        throw e;
      }
      return;
    }
    host.forceAsk ??= `${s.by} runs a string that is not static (${arg.dynamic})`;
    // The static skeleton may still name a denied command; a skeleton that does not parse adds nothing.
    const mark = this.parts.length;
    const suspicious = this.suspicious;
    try {
      this.source(arg.value, depth);
    } catch (e) {
      if (!(e instanceof ShellFailure)) throw e;
      this.parts.length = mark;
      this.suspicious = suspicious;
    }
  }

  private assignment(a: Assignment, scope: Scope, depth: number, sink: Sink): Arg {
    const index = a.index === undefined ? null : this.word(a.index, scope, depth, sink);
    const head = assignmentHead(a, index);
    const value = a.value;
    const arg: Arg = { value: head, dynamic: index?.dynamic ?? null, split: false, pos: a.pos, end: a.end };
    if (value.type === 'Word') {
      const v = this.word(value, scope, depth, sink);
      arg.value += v.value;
      arg.dynamic ??= v.dynamic;
    } else {
      let text = '(';
      for (const element of value.elements) {
        const v = this.word(element, scope, depth, sink);
        arg.dynamic ??= v.dynamic;
        text += text.length === 1 ? v.value : ` ${v.value}`;
      }
      arg.value += `${text})`;
    }
    return arg;
  }

  /**
   * Walks a redirection; returns what the command reads as stdin afterwards (a heredoc or
   * here-string is kept because `bash <<EOF` runs it).
   */
  private redirection(r: Redirection, scope: Scope, depth: number, sink: Sink, stdin: Arg | null): Arg | null {
    const fd = r.descriptor;
    const onStdin = fd === undefined || (fd.type === 'FileDescriptor' && fd.value === 0);
    switch (r.type) {
      case 'HereDoc': {
        checkHereDoc(r);
        const body = r.body;
        const parts = body.parts;
        const arg: Arg = { value: body.text, dynamic: null, split: false, pos: body.pos, end: body.end };
        if (r.delimiter?.quoted === true || parts === undefined) {
          this.quoted(scope, body.pos, body.end);
        } else {
          let value = '';
          for (const p of parts) {
            if (p.type === 'Literal') {
              this.quoted(scope, p.pos, p.end);
              value += p.value;
            } else {
              this.part(p, scope, depth, sink, arg, true);
              value += p.text;
            }
          }
          arg.value = value;
        }
        return onStdin ? arg : stdin;
      }
      case 'HereString': {
        if (r.target === undefined) fail('here-string without a word');
        const arg = this.word(r.target, scope, depth, sink);
        digitsBeforeRedirect(r.target, scope.source);
        return onStdin ? arg : stdin;
      }
      case 'Redirect': {
        const target = r.target;
        if (target === undefined) fail('redirection without a target');
        const arg = this.word(target, scope, depth, sink);
        if (r.operator !== '>&' && r.operator !== '<&') digitsBeforeRedirect(target, scope.source);
        if (target.text === '\\' && target.end === scope.source.length) fail('redirection target is a line continuation at the end');
        const parts = target.parts;
        const procSubOnly = parts !== undefined && parts.length === 1 && parts[0]?.type === 'ProcessSubstitution';
        const write = redirectWrite(r, arg, procSubOnly, scope.source);
        if (write !== null) this.parts.push(write);
        const op = r.operator;
        return onStdin && (op === '<' || op === '<&' || op === '<>') ? null : stdin;
      }
    }
  }

  /** With `join`, a process substitution touching a neighbour is reported in openBefore/openAfter. */
  private word(word: Word, scope: Scope, depth: number, sink: Sink, join = false): Arg {
    const arg: Arg = { value: word.value, dynamic: null, split: false, pos: word.pos, end: word.end };
    const parts = word.parts;
    if (parts === undefined) {
      guardLiteral(word.text);
      if (join) this.openBefore = this.openAfter = false;
      return arg;
    }
    for (const p of parts) this.part(p, scope, depth, sink, arg, false);
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
    return arg;
  }

  private part(p: WordPart, scope: Scope, depth: number, sink: Sink, arg: Arg, quoted: boolean): void {
    notePart(arg, p.type, quoted);
    switch (p.type) {
      case 'Literal':
        if (quoted) this.quoted(scope, p.pos, p.end);
        else guardLiteral(p.text);
        return;
      case 'SingleQuoted':
      case 'AnsiCQuoted':
        this.quoted(scope, p.pos, p.end);
        return;
      case 'DoubleQuoted':
      case 'LocaleString':
        for (const c of p.parts) this.part(c, scope, depth, sink, arg, true);
        return;
      case 'ExtendedGlob':
        // Without `shopt -s extglob` (off in scripts) bash rejects these outside patterns.
        if (this.patterns === 0) fail('extended glob outside a pattern (needs shopt -s extglob)');
        if (p.parts) for (const c of p.parts) this.part(c, scope, depth, sink, arg, quoted);
        return;
      case 'Glob':
      case 'BraceExpansion':
        if (p.parts) for (const c of p.parts) this.part(c, scope, depth, sink, arg, quoted);
        return;
      case 'SimpleExpansion':
        return;
      case 'ParameterExpansion': {
        const d = depth + 1;
        checkDepth(d);
        if (p.index) this.word(p.index, scope, d, sink);
        if (p.operation) {
          this.patterns++;
          try {
            this.parameterOperation(p.operation, p.parameter, scope, d, sink);
          } finally {
            this.patterns--;
          }
        }
        return;
      }
      case 'CommandExpansion':
      case 'ProcessSubstitution':
        this.substitution(p.script, scope, depth + 1);
        return;
      case 'ArithmeticExpansion':
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
        this.word(op.offset, scope, depth, sink);
        if (op.length) this.word(op.length, scope, depth, sink);
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

  private substitution(script: ParsedScript | undefined, scope: Scope, depth: number): void {
    checkDepth(depth);
    if (script === undefined) fail('substitution that could not be parsed');
    checkErrors(script);
    const patterns = this.patterns;
    this.patterns = 0;
    const own = script.source;
    if (own !== undefined && own !== scope.source) this.script(script, own, depth);
    else this.statements(script.commands, scope, depth);
    this.patterns = patterns;
  }

  private arithmetic(root: ArithmeticExpression, scope: Scope, depth: number, sink: Sink): void {
    checkDepth(depth);
    const stack: ArithmeticExpression[] = [root];
    const scratch: Arg = { value: '', dynamic: null, split: false, pos: -1, end: -1 };
    for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
      switch (e.type) {
        case 'ArithmeticBinary':
          if (isArithmeticAssignment(e.operator) && e.left.type === 'ArithmeticWord' && isDangerousName(e.left.value)) {
            sink.force ??= dangerReason(e.left.value);
          }
          stack.push(e.right, e.left);
          break;
        case 'ArithmeticUnary':
          stack.push(e.operand);
          break;
        case 'ArithmeticTernary':
          stack.push(e.alternate, e.consequent, e.test);
          break;
        case 'ArithmeticGroup':
          stack.push(e.expression);
          break;
        case 'ArithmeticWord':
          if (e.parts) for (const p of e.parts) this.part(p, scope, depth, sink, scratch, false);
          break;
        case 'ArithmeticCommandExpansion':
          this.substitution(e.script, scope, depth + 1);
          break;
      }
    }
  }

  private test(root: TestExpression, scope: Scope, depth: number, sink: Sink): void {
    const stack: TestExpression[] = [root];
    for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
      switch (e.type) {
        case 'TestUnary':
          this.word(e.operand, scope, depth, sink);
          break;
        case 'TestBinary':
          this.word(e.left, scope, depth, sink);
          this.word(e.right, scope, depth, sink);
          break;
        case 'TestLogical':
          for (let i = e.operands.length - 1; i >= 0; i--) {
            const o = e.operands[i];
            if (o !== undefined) stack.push(o);
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
  }

  private quoted(scope: Scope, pos: number, end: number): void {
    if (scope.quoted !== null) scope.quoted.push(pos, end);
  }
}

function slice(scope: Scope, args: readonly Arg[], fallback: string): string {
  const pos = args[0]?.pos ?? -1;
  const end = args[args.length - 1]?.end ?? -1;
  return pos >= 0 && end >= pos && end <= scope.source.length ? scope.source.slice(pos, end) : fallback;
}

function isEmptyPipeline(node: PipelineNode): boolean {
  return node.type === 'Pipeline' && node.commands.length === 0;
}

const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function',
  'time', 'coproc', 'in', '{', '}', '!', '[[', ']]',
]);

/** `if\` at the very end: bash drops the backslash and reads a reserved word that needs more input. */
function continuedKeyword(name: Word, source: string): boolean {
  const text = name.text;
  return name.end === source.length && text.endsWith('\\') && RESERVED.has(text.slice(0, -1));
}

/** The first offset at or after `pos` that is not a blank or a line continuation; its code unit. */
function nextSignificant(source: string, pos: number): number {
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

/**
 * In `> 2>&1` bash reads `2` as the descriptor of the next redirection and rejects the first one;
 * unbash takes `2` as its target.
 */
function digitsBeforeRedirect(target: Word, source: string): void {
  const next = source.charCodeAt(target.end);
  if ((next === 0x3c || next === 0x3e) && /^\d+$/.test(target.text)) fail('redirection target followed by a redirection');
}

function mayHoldCode(text: string): boolean {
  return text.includes('$') || text.includes('`');
}

/**
 * unbash reads `1<(cmd)` as a plain word; bash runs cmd as a process substitution. Any unquoted
 * `<(` or `>(` left in literal text is that gap, so it fails closed.
 */
function guardLiteral(text: string): void {
  if (text.includes('<(') || text.includes('>(')) fail('process substitution inside a word');
}

/**
 * unbash splits `a<(cmd)b` into three words where bash makes one; such a join fails closed.
 * Positions index `source`.
 */
function boundaryBefore(source: string, pos: number): boolean {
  if (pos === 0) return true;
  const c = source.charCodeAt(pos - 1);
  if (c === 0x0a) return source.charCodeAt(pos - 2) !== 0x5c;
  return c === 0x20 || c === 0x09 || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28;
}

function boundaryAfter(source: string, end: number): boolean {
  if (end >= source.length) return true;
  const c = source.charCodeAt(end);
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x29 ||
    c === 0x3c || c === 0x3e;
}
