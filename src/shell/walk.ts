// Collects every simple command and file write bash would perform (SPEC 5.1), descending into
// every construct that can hold code: compound commands, substitutions, parameter operations,
// arithmetic, `[[ ]]`, heredoc bodies, assignment values and redirection targets. Expression
// trees are walked with explicit stacks because unbash builds them arbitrarily deep.
import type {
  ArithmeticExpression, Assignment, Command, CommandNode, CompoundList, ParameterOperation, ParsedScript,
  PipelineNode, AndOr, Redirection, Statement, TestExpression, Word, WordPart,
} from 'unbash';
import { arithmeticDanger, COMPOUND_OPERAND, dangerReason, hasEvaluatedSubscript, isArithmeticAssignment, isDangerousName, isDeclarationBuiltin, operandAssignmentDanger, SUBSCRIPT_REASON } from './assignments.ts';
import { describeCode, findSuspicious } from './chars.ts';
import {
  balancedBrackets, boundaryAfter, boundaryBefore, closedSubstitution, continuedKeyword, digitsBeforeRedirect,
  endsStatement, endsWithDollar, guardArithmetic, guardLiteral, isContinuationOnly, mayHoldCode, nextSignificant,
  noBreakBefore, noBreakBetween, RESERVED, skipGap, type Literal,
} from './guards.ts';
import { Folders } from './folders.ts';
import { checkDepth, checkErrors, checkHereDoc, fail, parseScript, ShellFailure } from './parse.ts';
import { duplicatedFd, fdFile, redirectWrite, reopenedFd } from './redirects.ts';
import type { CommandPart, ShellPart, WritePart } from './types.ts';
import { addSpellings, addView } from './views.ts';
import { assignmentHead, inertText, joinValues, literalText, notePart, type Arg } from './words.ts';
import { unwrap, type ScriptArg } from './wrappers.ts';

/** One source text being walked: positions of its nodes index `source`. */
interface Scope {
  source: string;
  /** Flat [pos, end, …] of quoted text; collected only when the source has suspicious characters. */
  quoted: number[] | null;
  /** End of the last heredoc body met so far: the text between statements skips over bodies. */
  heredocEnd: number;
}

/** Collects a forceAsk reason met inside a command's words (`${PATH:=x}`, `${x@P}`). */
interface Sink {
  force: string | null;
}

export class Walker {
  readonly parts: ShellPart[] = [];
  suspicious: string | null = null;
  /** Where the shell may be, for relative redirection targets. */
  private readonly folders = new Folders();
  /** Set by `word` in join mode: a process substitution at the word's start or end touches a neighbour. */
  private openBefore = false;
  private openAfter = false;
  private literal: Literal = 'command';
  /**
   * True while walking text bash expands as if double-quoted and then evaluates as arithmetic
   * (`$(( ))`, `(( ))`, array subscripts, `${x:offset}`): a `'` there is an ordinary character.
   */
  private arith = false;
  /**
   * Above 0 while walking the word of a `${x:-word}`-style operation inside double quotes or an
   * unquoted heredoc body. bash reads quotes there as plain characters (and with extquote decodes
   * `$'…'` first), so `"${x:-$'$(cmd)'}"` and a heredoc's `${x:-'$(cmd)'}` run cmd.
   */
  private quotesExpand = 0;
  /**
   * Static `alias NAME=VALUE` definitions met so far: with expand_aliases a later command word NAME
   * runs VALUE, so `alias x=eval` makes `x 'rm y'` an eval. Null until the first one.
   */
  private aliases: Map<string, Arg> | null = null;
  /**
   * Files a descriptor is pointed at by a redirection that is not itself a write (`3<secrets/x`),
   * by descriptor; and descriptors a write reopens through `/dev/fd/N`, `/dev/stdout`…. Each such
   * file becomes a write when the walk ends (`exec 3<secrets/x; echo x >/dev/fd/3` overwrites it).
   */
  private fdFiles: Map<number, WritePart[]> | null = null;
  private reopened: Set<number> | null = null;
  /** A descriptor was copied from or to one only known at run time (`1<&$fd`, `{x}<&3`). */
  private fdDoubt = false;
  /** Static redirection targets written so far: a script the command writes and then runs is not known. */
  private written: Set<string> | null = null;
  /** Aliases being substituted now: bash does not expand an alias inside its own expansion. */
  private readonly expanding = new Set<string>();
  /**
   * Alias substitutions left, and the characters they may still bring in: `alias a1='a0;a0'` …
   * doubles at each level, and one long alias used many times multiplies, so both are bounded.
   */
  private aliasBudget = MAX_ALIAS_EXPANSIONS;
  private aliasChars = MAX_ALIAS_CHARS;
  /** A static text holding `a[$(cmd)]` was met (see staticSubscript). */
  private subscriptText = false;
  /** The command evaluates arithmetic somewhere (`$(( ))`, `(( ))`, subscripts, `[[ -eq ]]`…). */
  private arithmeticSeen = false;

  /** Settles what is only known once the whole command has been walked. */
  finish(): void {
    // Only text that can reach arithmetic runs its subscript: TypeScript in a heredoc, a commit
    // message or an awk program holding `a[`x`]` asks nothing when nothing evaluates arithmetic.
    if (this.subscriptText && this.arithmeticSeen) this.suspicious ??= SUBSCRIPT_TEXT;
    if (this.reopened !== null && this.fdFiles !== null) {
      for (const fd of this.reopened) for (const w of this.fdFiles.get(fd) ?? []) this.parts.push(w);
    }
    if (this.reopened !== null && this.fdDoubt) this.suspicious ??= 'a write through /dev/fd, /dev/stdout or /dev/stderr may reach a file a descriptor copied at run time points at';
    this.folders.finish(this.parts);
  }

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

  /** A whole script: nothing but blanks, comments and separators may surround its statements. */
  private list(script: ParsedScript, scope: Scope, depth: number): void {
    const statements = script.commands;
    const end = this.statements(statements, scope, depth, skipGap(scope.source, script.pos, true, scope.heredocEnd));
    if (end !== script.end) fail('text the parser skipped at the end of a script');
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
      this.node(s.command, scope, depth);
      at = skipGap(scope.source, s.end, s.background === true, scope.heredocEnd);
    }
    return at;
  }

  private node(node: PipelineNode | AndOr | CompoundList, scope: Scope, depth: number): void {
    switch (node.type) {
      case 'AndOr':
        node.commands.forEach((c, i) => {
          if (i > 0 && isContinuationOnly(c, scope.source)) fail('line continuation at the end of the input');
          this.node(c, scope, depth);
        });
        return;
      case 'Pipeline':
        // `!` or `time` alone is a complete command only before `;`, a newline or the end; unbash
        // also accepts it before `&`, `&&`, `)` or `}`.
        if (node.commands.length === 0 && !endsStatement(nextSignificant(scope.source, node.end))) {
          fail('expected a command after ! or time');
        }
        node.commands.forEach((c, i) => {
          if (i > 0 && isContinuationOnly(c, scope.source)) fail('line continuation at the end of the input');
          this.node(c, scope, depth);
        });
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
          for (const p of item.pattern) this.word(p, scope, depth, sink);
          this.statements(item.body.commands, scope, depth);
        }
        break;
      case 'Function':
        // unbash takes `function> f` as a function named `> f`.
        if (/[\s<>|&;()`$"']/.test(node.name.text)) fail(`invalid function name ${node.name.text}`);
        // The body runs when the function is called, maybe after a `cd` further on.
        this.folders.deferred++;
        this.node(node.body, scope, depth);
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
        this.node(body, scope, depth);
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

  private command(cmd: Command, scope: Scope, depth: number): void {
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
   * `echo 'rm y' > s; . ./s`, `bash s`, `./s`: the command runs a file it wrote itself, whose text
   * is only known at run time. Why, or null.
   */
  private runsWritten(args: readonly Arg[]): string | null {
    const written = this.written;
    const first = args[0];
    if (written === null || first === undefined || first.dynamic !== null) return null;
    const isWritten = (path: string): boolean => this.folders.placesOf(path).some((p) => written.has(p));
    if (first.value.includes('/') && isWritten(first.value)) return `runs ${first.value}, a file this command writes`;
    if (!SCRIPT_READERS.has(first.value)) return null;
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a !== undefined && a.dynamic === null && isWritten(a.value)) return `${first.value} runs ${a.value}, a file this command writes`;
    }
    return null;
  }

  /** Records `alias NAME=VALUE` operands (names only known at run time already ask: see aliases()). */
  private noteAliases(args: readonly Arg[]): void {
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) continue;
      const eq = a.value.indexOf('=');
      if (eq <= 0 || /[$`]/.test(a.value.slice(0, eq))) continue;
      (this.aliases ??= new Map()).set(a.value.slice(0, eq), { ...a, value: a.value.slice(eq + 1) });
    }
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
    if (evaluatesArithmetic(argv)) this.arithmeticSeen = true;
    const part: CommandPart = {
      kind: 'command', argv, assignments, text,
      textWithAssignments: assignments.length === 0 ? text : `${assignments.join(' ')} ${text}`,
      views: [], wrapper: false, forceAsk: force, source,
    };
    const first = args[0];
    if (first?.dynamic != null) part.forceAsk ??= `command word is not static (${first.dynamic})`;
    addSpellings(part, args, text);
    this.insert(at, part);
    this.folders.noteCd(args, scope.source);
    if (first !== undefined && first.dynamic === null && first.value === 'alias') this.noteAliases(args);
    if (this.written !== null) part.forceAsk ??= this.runsWritten(args);
    const u = unwrap(args, stdin);
    part.forceAsk ??= u.forceAsk;
    const before = this.parts.length;
    let dynamic = false;
    const moved = u.folder === undefined && u.folderDoubt === undefined ? null : this.folders.enter(u, scope.source);
    // `builtin printf -v PS4 …` and `command export PATH=…` set the variable as the bare builtin
    // would: the wrapped command gets the same checks.
    for (const inner of u.commands) {
      this.emit(inner, [], operandAssignmentDanger(inner), slice(scope, inner, source), scope, depth + 1, stdin, this.parts.length);
    }
    for (const inner of u.views) this.view(part, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) dynamic = this.run(s, part, depth + 1) || dynamic;
    if (u.expanded !== undefined) this.expandedWords(u.expanded, part, depth + 1);
    if (moved !== null) this.folders.leave(moved);
    // A wrapper around nothing judged (`bash -c ''`) must be judged itself; one around a string
    // only known at run time is already at least `ask`.
    if (u.wrapper && (this.parts.length > before || dynamic)) part.wrapper = true;
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
    const moved = u.folder === undefined && u.folderDoubt === undefined ? null : this.folders.enter(u, scope.source);
    for (const inner of u.commands) {
      if (u.wrapper) this.view(host, inner, scope, depth + 1, stdin);
      else this.emit(inner, [], operandAssignmentDanger(inner), slice(scope, inner, host.source), scope, depth + 1, stdin, this.parts.length);
    }
    for (const inner of u.views) this.view(host, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) this.run(s, host, depth + 1);
    if (moved !== null) this.folders.leave(moved);
  }

  /** A string a wrapper hands to a shell: parsed and walked like the input itself. True if dynamic. */
  private run(s: ScriptArg, host: CommandPart, depth: number): boolean {
    if (s.later !== true) return this.runNow(s, host, depth);
    // Trap and alias strings run later, maybe after a `cd` further on.
    this.folders.deferred++;
    try {
      return this.runNow(s, host, depth);
    } finally {
      this.folders.deferred--;
    }
  }

  private runNow(s: ScriptArg, host: CommandPart, depth: number): boolean {
    const arg = s.arg;
    if (arg.dynamic === null) {
      this.tryScript(s, depth);
      return false;
    }
    host.forceAsk ??= `${s.by} runs a string that is not static (${arg.dynamic})`;
    // The static skeleton (`rm -rf $DIR`) may still name a denied command. Substitutions in it
    // were walked where they stand, and walking them again would cost exponential time in how
    // deep `eval "$(eval "$(…)")"` nests, so such a string adds nothing more.
    if (HOLDS_SCRIPT.test(arg.value)) return true;
    this.tryScript(s, depth);
    return true;
  }

  /**
   * Walks a wrapper's string. One that fails to parse (or passes a bound) is judged as SPEC 5.7
   * judges such input, but on its own text: bash runs the lines before a syntax error, so
   * `eval $'rm x\n"'` is denied when the string's whitespace-normalised text matches a deny
   * pattern, and at least `ask` otherwise. The parts found before the failure are dropped.
   */
  private tryScript(s: ScriptArg, depth: number): void {
    const mark = this.parts.length;
    const suspicious = this.suspicious;
    const { literal, arith, quotesExpand } = this;
    const deferred = this.folders.deferred;
    try {
      this.source(s.arg.value, depth);
    } catch (e) {
      if (!(e instanceof ShellFailure)) throw e;
      this.parts.length = mark;
      this.suspicious = suspicious;
      this.literal = literal;
      this.arith = arith;
      this.quotesExpand = quotesExpand;
      this.folders.deferred = deferred;
      const text = s.arg.value.replace(/\s+/g, ' ').trim();
      const why = e.wrapped ? e.message : `${s.by}: ${e.message}`;
      this.parts.push({
        kind: 'command', argv: [text], assignments: [], text, textWithAssignments: text, views: [], wrapper: false,
        forceAsk: `the string ${s.by} runs could not be parsed (${why}), so it fails closed`, source: s.arg.value,
      });
    }
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

  /**
   * Walks a redirection; returns what the command reads as stdin afterwards (a heredoc or
   * here-string is kept because `bash <<EOF` runs it).
   */
  private redirection(r: Redirection, scope: Scope, depth: number, sink: Sink, stdin: Arg | null): Arg | null {
    const fd = r.descriptor;
    const onStdin = fd === undefined || (fd.type === 'FileDescriptor' && fd.value === 0);
    // `{NAME}>file` stores the new file descriptor's number in NAME.
    if (fd?.type === 'FileDescriptorVariable' && isDangerousName(fd.name)) sink.force ??= dangerReason(fd.name);
    // `{b[x]}>f` evaluates the subscript x.
    if (fd?.type === 'FileDescriptorVariable' && fd.name.includes('[')) this.arithmeticSeen = true;
    switch (r.type) {
      case 'HereDoc': {
        checkHereDoc(r);
        const closing = r.closing?.end ?? 0;
        if (closing > scope.heredocEnd) scope.heredocEnd = closing;
        const body = r.body;
        const parts = body.parts;
        const arg: Arg = { value: body.text, dynamic: null, split: false, pos: body.pos, end: body.end };
        if (r.delimiter?.quoted === true || parts === undefined) {
          this.quoted(scope, body.pos, body.end);
          this.staticSubscript(arg);
        } else {
          let value = '';
          let inert = '';
          try {
            for (const p of parts) {
              if (p.type === 'Literal') {
                this.quoted(scope, p.pos, p.end);
                value += p.value;
                inert += p.value;
              } else {
                this.part(p, scope, depth, sink, arg, true);
                value += p.text;
                inert += '\u0000';
              }
            }
          } catch (e) {
            // bash parses a heredoc body only when it runs the command.
            throw located(e, 'in a heredoc body');
          }
          arg.value = value;
          if (arg.dynamic !== null) arg.inert = inert;
          this.staticSubscript(arg);
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
        const reopened = reopenedFd(r, arg);
        if (reopened !== null) (this.reopened ??= new Set()).add(reopened);
        if (write !== null) {
          // `cd .github && echo x > agent-gate.yml` writes the policy file: a relative target is
          // judged in every folder an earlier `cd` may have moved to.
          this.folders.place(write);
          this.parts.push(write);
          if (arg.dynamic === null) for (const p of this.folders.placesOf(arg.value)) (this.written ??= new Set()).add(p);
        } else {
          const file = fdFile(r, arg, procSubOnly, scope.source);
          if (file !== null) {
            this.folders.place(file.write);
            const map = (this.fdFiles ??= new Map());
            for (const n of file.fds) {
              const list = map.get(n);
              if (list === undefined) map.set(n, [file.write]);
              else list.push(file.write);
            }
          }
        }
        this.noteDuplicate(r, arg);
        const op = r.operator;
        return onStdin && (op === '<' || op === '<&' || op === '<>') ? null : stdin;
      }
    }
  }

  /**
   * `exec 3<secrets/k 1<&3; echo x >/dev/stdout` writes secrets/k: a copied descriptor points at
   * the copied one's files, so a later reopen through /dev/fd reaches them too.
   */
  private noteDuplicate(r: Redirection & { type: 'Redirect' }, target: Arg): void {
    const dup = duplicatedFd(r, target);
    if (dup === null) return;
    if (dup === 'unknown') {
      this.fdDoubt = true;
      return;
    }
    const files = this.fdFiles?.get(dup.from);
    if (files === undefined || dup.from === dup.to) return;
    const map = (this.fdFiles ??= new Map());
    map.set(dup.to, [...(map.get(dup.to) ?? []), ...files]);
  }

  /**
   * A static text holding `a[$(cmd)]` (or `PATH=0`) may reach arithmetic at run time (`for x in
   * 'a[$(cmd)]'; do echo $((x)); done`, `read x <<< …`, `$_`, `$(( $(echo …) ))`), where bash runs
   * cmd. Following every such path is not possible here, so the text is noted, and `finish` asks
   * when the command evaluates arithmetic anywhere.
   */
  private staticSubscript(arg: Arg): void {
    if (this.subscriptText) return;
    // The literal text of a word counts even beside an expansion (`"a[\$(cmd)]$y"`).
    const text = literalText(arg);
    // `x='PATH=0'; echo $((x))` assigns PATH as surely as a subscript with $( ) runs a command.
    if ((text.includes('[') && hasEvaluatedSubscript(text)) || arithmeticDanger(text) !== null) this.subscriptText = true;
  }

  /** With `join`, a process substitution touching a neighbour is reported in openBefore/openAfter. */
  private word(word: Word, scope: Scope, depth: number, sink: Sink, join = false): Arg {
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
    return arg;
  }

  private part(p: WordPart, scope: Scope, depth: number, sink: Sink, arg: Arg, quoted: boolean): void {
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
        if (!this.arith && this.quotesExpand === 0) return;
        if (undecoded) sink.force ??= "$'\\x{…}' escape in text bash expands again";
        // Where quotes do not quote, the text between them is expanded: as written (`$'` is a plain
        // `$` in arithmetic) and as decoded (`$'\x24(cmd)'` is `$(cmd)` once bash has read it).
        const raw = p.text.slice(2, -1);
        if (mayHoldCode(raw)) this.expandedText(raw, depth + 1, sink);
        if (p.value !== raw && mayHoldCode(p.value)) this.expandedText(p.value, depth + 1, sink);
        return;
      }
      case 'DoubleQuoted':
      case 'LocaleString':
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
        if (p.parts) for (const c of p.parts) this.part(c, scope, depth, sink, arg, quoted);
        return;
      case 'SimpleExpansion':
        return;
      case 'ParameterExpansion': {
        const d = depth + 1;
        checkDepth(d);
        const literal = this.literal;
        this.literal = 'free';
        // An indexed array's subscript is arithmetic (an associative one is not, but which one
        // `a` is may only be known at run time).
        if (p.index) this.arithmeticWord(p.index, scope, d, sink);
        // `${!x}` expands the variable named by x's value, subscript included.
        if (p.text.startsWith('${!')) this.arithmeticSeen = true;
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
        this.substitution(p.script, scope, depth + 1, lenientContext(p.text));
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

  private arithmetic(root: ArithmeticExpression, scope: Scope, depth: number, sink: Sink): void {
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
          stack.push(e.right, e.left);
          break;
        case 'ArithmeticUnary':
          if ((e.operator === '++' || e.operator === '--') && e.operand.type === 'ArithmeticWord' && isDangerousName(e.operand.value)) {
            sink.force ??= dangerReason(e.operand.value);
          }
          stack.push(e.operand);
          break;
        case 'ArithmeticTernary':
          stack.push(e.alternate, e.consequent, e.test);
          break;
        case 'ArithmeticGroup':
          stack.push(e.expression);
          break;
        case 'ArithmeticWord': {
          if (e.parts) for (const p of e.parts) this.part(p, scope, depth, sink, scratch, false);
          // `x[PATH=0]` inside `$(( ))` is one word to the parser; bash assigns PATH in its subscript.
          const assigned = e.value.includes('[') ? arithmeticDanger(e.value) : null;
          if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in an arithmetic subscript)`;
          break;
        }
        case 'ArithmeticCommandExpansion':
          this.substitution(e.script, scope, depth + 1);
          break;
      }
    }
    this.literal = literal;
    this.arith = arith;
  }

  /** A word bash evaluates as arithmetic (a subscript, a `${x:offset}`). */
  private arithmeticWord(word: Word, scope: Scope, depth: number, sink: Sink): Arg {
    this.arithmeticSeen = true;
    const arith = this.arith;
    this.arith = true;
    const arg = this.word(word, scope, depth, sink);
    this.arith = arith;
    const assigned = arithmeticDanger(arg.value);
    if (assigned !== null) sink.force ??= `${dangerReason(assigned)} (in arithmetic)`;
    return arg;
  }

  /** Strings a builtin expands again (`compgen -W`): the substitutions in them run. */
  private expandedWords(words: readonly Arg[], host: CommandPart, depth: number): void {
    const sink: Sink = { force: null };
    // `complete -W` stores the words for completions that happen later.
    const later = host.argv[0] === 'complete';
    if (later) this.folders.deferred++;
    for (const w of words) {
      if (w.dynamic !== null) host.forceAsk ??= `${host.argv[0] ?? ''} expands a word list only known at run time (${w.dynamic}), which may hold a command substitution`;
      else if (mayHoldCode(w.value)) this.expandedText(w.value, depth, sink);
    }
    if (later) this.folders.deferred--;
    host.forceAsk ??= sink.force;
  }

  /**
   * Walks quoted text of an arithmetic context the way bash expands it there: like double-quoted
   * text, where `'` and `"` are plain characters and `$( )`, backticks and `${ }` still expand.
   * That is how bash reads the body of an unquoted heredoc, so the text is parsed as one.
   */
  private expandedText(text: string, depth: number, sink: Sink): void {
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
            this.arithmeticSeen = true;
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
            this.arithmeticSeen = true;
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

  private quoted(scope: Scope, pos: number, end: number): void {
    if (scope.quoted !== null) scope.quoted.push(pos, end);
  }
}

/** Strings that hold substitutions: their skeleton is not walked again (see `run`). */
const HOLDS_SCRIPT = /\$\(|`|<\(|>\(/;

/** Commands that read a script from a file operand. */
const SCRIPT_READERS = new Set(['source', '.', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'rbash']);

const MAX_ALIAS_EXPANSIONS = 256;
const MAX_ALIAS_CHARS = 256 * 1024;

const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Builtins that evaluate arithmetic or subscripts in their operands whatever the operands. */
const ARITHMETIC_BUILTINS = new Set(['let', 'unset', 'shift', 'return']);
/** Builtins besides the declaration ones whose operands name variables to set. */
const NAME_SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'wait']);
/** printf conversions that read their argument as an arithmetic expression. */
const PRINTF_INTEGER = /%[-+ #0-9.*]*[diouxXc]/;

/**
 * Whether a command evaluates arithmetic in its operands: `let`; `declare -i` (and what it
 * declares); `test`/`[` with `-eq`-style operators or `-v`; `printf` with `-v` or an integer
 * conversion. `[ -f x ]`, `export A=1` and `printf '%s\n'` evaluate none.
 */
function evaluatesArithmetic(argv: readonly string[]): boolean {
  const name = argv[0] ?? '';
  if (ARITHMETIC_BUILTINS.has(name)) return true;
  // A variable name with a subscript (`read 'b[x]'`, `declare 'b[x]=1'`) evaluates the subscript.
  const declares = isDeclarationBuiltin(name);
  if ((declares || NAME_SETTERS.has(name)) && argv.some((a, i) => i > 0 && !a.startsWith('-') && a.split('=', 1)[0]?.includes('['))) return true;
  if (declares) return argv.some((a, i) => i > 0 && /^[-+][a-zA-Z]*i/.test(a));
  if (name === 'test' || name === '[') return argv.some((a, i) => i > 0 && (ARITHMETIC_TESTS.has(a) || a === '-v'));
  if (name === 'printf') return argv.some((a, i) => i > 0 && (a === '-v' || a.startsWith('-v') || PRINTF_INTEGER.test(a)));
  return false;
}
const SUBSCRIPT_TEXT = 'a static text holds an array subscript with $( ) or backquotes, or an assignment to a dangerous variable, and this command evaluates arithmetic, which would run or assign it if the text reaches it';

const JOINED = 'process substitution joined to a word that is not an argument';

/** The source text of `args`, or `fallback` for words the analyser made up (`env -S`). */
function slice(scope: Scope, args: readonly Arg[], fallback: string): string {
  const pos = args[0]?.pos ?? -1;
  const end = args[args.length - 1]?.end ?? -1;
  return pos >= 0 && end >= pos && end <= scope.source.length ? scope.source.slice(pos, end) : fallback;
}

/** Contexts whose contents `bash -n` leaves unchecked; null for `$( )` and `<( )`. */
function lenientContext(text: string): string | null {
  if (text.charCodeAt(0) === 0x60) return 'inside backticks';
  if (text.startsWith('${')) return 'inside ${ …; }';
  return null;
}

/** Prefixes a failure with where it happened (once: the innermost context names it). */
function located(e: unknown, where: string): unknown {
  if (!(e instanceof ShellFailure) || e.wrapped) return e;
  const out = new ShellFailure(`${where}: ${e.message}`);
  out.wrapped = true;
  return out;
}
