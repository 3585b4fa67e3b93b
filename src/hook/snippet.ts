// Whether a husky snippet surely reaches its last line, where install appends agent-gate. The
// snippet runs in the same shell as agent-gate's block, so anything that can end that shell early
// with status 0 (exit, return, exec, a trap on EXIT), run text as code (eval, `.`), hide which
// command runs (`$x 0`, `command exit`), or turn the block into something else (an open heredoc,
// an alias, a function named like a command the block runs) would skip agent-gate silently. The
// check fails closed: it parses the snippet as sh and accepts only commands it can tell return;
// anything else is reported, with the line, so install can refuse it. A command that fails is
// fine: the hook then fails, which blocks the commit as agent-gate would.
import { basename } from 'node:path';
import type { Command, ParsedScript, SyntaxNode, Word } from 'unbash';
import { checkHereDoc, exceedsInputBound, forEachChild, parseScript, ShellFailure } from '../shell/parse.ts';
import { staticWord } from '../shell/words.ts';

export interface EarlyEnd {
  /** 1-based line of the snippet. */
  line: number;
  /** That line, trimmed. */
  text: string;
  /** Why the line may keep agent-gate from running, completing "it …". */
  why: string;
}

/** Builtins that end the shell they run in: fine in a subshell, which they end alone. */
const ENDS_SHELL = new Set(['exit', 'return', 'exec']);
/** Commands that run other text as code, replace the shell, or change what later lines do. */
const REFUSED = new Map<string, string>([
  ['eval', 'runs text as code'],
  ['trap', 'sets a trap, which can change how the hook ends'],
  ['.', 'runs another file in the hook\'s shell'],
  ['source', 'runs another file in the hook\'s shell'],
  ['command', 'runs a command agent-gate cannot see'],
  ['builtin', 'runs a command agent-gate cannot see'],
  ['alias', 'defines an alias, which can change what agent-gate\'s lines run'],
  ['kill', 'can stop the hook\'s shell'],
  // commit-msg: agent-gate reads the message file from $1.
  ['shift', 'changes the hook\'s arguments'],
]);
/** What agent-gate's block runs: a function of that name defined above it would run instead. */
const BLOCK_NAMES = new Set(['[', 'test', 'node', 'command', 'agent-gate', 'npx', 'echo', 'exit', 'return']);
/** husky v5-v8's first line: husky.sh runs the whole file again in a child `sh -e` and exits with its status. */
const HUSKY_SOURCES = new Set(['"$(dirname -- "$0")/_/husky.sh"', '"$(dirname "$0")/_/husky.sh"']);
/** `set` options that change no control flow agent-gate's block depends on (not -n, noexec). */
const SET_FLAGS = /^[-+][abCefhmuvx]+$/;
const SET_OPTIONS = new Set(['errexit', 'nounset', 'xtrace', 'verbose', 'pipefail', 'noglob', 'allexport', 'noclobber', 'notify', 'monitor']);
/** A status that fails the hook (and so blocks the commit) whatever runs after. */
const FAILING = /^[0-9]+$/;

/** Thrown at the first construct that is not surely returning; `at` is an offset in the snippet. */
class Unsure extends Error {
  constructor(readonly at: number, readonly why: string) { super(why); }
}

interface Context {
  /** Inside `( )`, `$( )` and the like: the construct can end only that child shell. */
  subshell: boolean;
  /** An offset in the snippet near the node: nested backtick scripts number from their own text. */
  at: number;
  /** Whether positions of nodes here are offsets in the snippet. */
  ownPositions: boolean;
}

function failingStatus(word: Word | undefined): boolean {
  return word !== undefined && staticWord(word) && FAILING.test(word.value) && Number(word.value) % 256 !== 0;
}

function words(cmd: Command): Word[] {
  return cmd.suffix.filter((s): s is Word => s.type === 'Word');
}

/** Why `set` with these arguments could change the rest of the hook, or null. */
function setRisk(args: readonly Word[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Word;
    if (!staticWord(arg)) return 'sets options only known when it runs';
    if (arg.value === '-o' || arg.value === '+o') {
      const name = args[i + 1];
      if (name !== undefined && !(staticWord(name) && SET_OPTIONS.has(name.value))) return `sets shell option ${name.value}`;
      i++;
    } else if (arg.value === '-' || arg.value === '--') return 'changes the hook\'s arguments';
    else if (!SET_FLAGS.test(arg.value)) return arg.value.startsWith('-') || arg.value.startsWith('+') ? `sets shell option ${arg.value}` : 'changes the hook\'s arguments';
  }
  return null;
}

/** Why this simple command may keep agent-gate from running, or null when it surely returns. */
function commandRisk(cmd: Command, ctx: Context): string | null {
  const name = cmd.name;
  if (name === undefined) return null; // assignments and redirections alone
  if (!staticWord(name)) return 'runs a command whose name is only known when it runs';
  const args = words(cmd);
  const names = [name.value, basename(name.value)];
  const ends = names.find((n) => ENDS_SHELL.has(n));
  if (ends !== undefined) {
    if (ctx.subshell) return null;
    if (ends === 'exec') return args.length === 0 ? null : 'replaces the hook\'s shell with another program';
    return failingStatus(args[0]) ? null : `can end the hook with status 0 (${ends})`;
  }
  if (name.value === 'set') return setRisk(args);
  if (name.value === 'command' && args[0] !== undefined && staticWord(args[0]) && (args[0].value === '-v' || args[0].value === '-V')) return null;
  if (name.value === '.' && args.length === 1 && cmd.redirects.length === 0 && HUSKY_SOURCES.has((args[0] as Word).text)) return null;
  for (const n of names) {
    const why = REFUSED.get(n);
    if (why !== undefined) return why;
  }
  return null;
}

function nested(script: ParsedScript | undefined, ctx: Context): Context {
  if (script === undefined) throw new Unsure(ctx.at, 'holds a command substitution that cannot be read');
  const error = script.errors?.[0];
  if (error !== undefined) throw new Unsure(ctx.ownPositions && script.source === undefined ? error.pos : ctx.at, `cannot be read as sh (${error.message})`);
  return { subshell: true, at: ctx.at, ownPositions: ctx.ownPositions && script.source === undefined };
}

function visit(node: SyntaxNode, outer: Context): void {
  const ctx: Context = outer.ownPositions ? { ...outer, at: node.pos } : outer;
  let inner = ctx;
  switch (node.type) {
    case 'Command': {
      const why = commandRisk(node, ctx);
      if (why !== null) throw new Unsure(ctx.at, why);
      break;
    }
    case 'Function':
      if (BLOCK_NAMES.has(node.name.value)) throw new Unsure(ctx.at, `defines a function ${node.name.value}, which agent-gate's lines run`);
      break;
    case 'HereDoc':
      try { checkHereDoc(node); } catch (e) {
        if (e instanceof ShellFailure) throw new Unsure(ctx.at, `holds a heredoc that does not end (${e.message}), which would swallow agent-gate's lines`);
        throw e;
      }
      break;
    case 'CommandExpansion':
    case 'ProcessSubstitution':
    case 'ArithmeticCommandExpansion':
      inner = nested(node.script, ctx);
      break;
    case 'Subshell':
    case 'Coproc':
      inner = { ...ctx, subshell: true };
      break;
    default:
  }
  // unbash's own traversal: some children (a substitution's script) are read lazily, and a walk
  // over an object's fields would miss them.
  forEachChild(node, (child) => visit(child, inner));
}

/** The line holding `offset`; an offset past the last line's text (a missing `fi`) is that line. */
function lineAt(text: string, offset: number): { line: number; text: string } {
  const at = Math.max(0, Math.min(offset, text.trimEnd().length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(0, at).split('\n').length;
  return { line, text: text.slice(start, end < 0 ? text.length : end).trim() };
}

/** The first line that may keep a line appended at the end of `text` from running; null if none. */
export function earlyEnd(text: string): EarlyEnd | null {
  try {
    if (exceedsInputBound(text)) throw new Unsure(0, 'is too long to be read as sh');
    let script: ParsedScript;
    try { script = parseScript(text); } catch (e) {
      if (!(e instanceof ShellFailure)) throw e;
      // The adapter names the offset of the first error; without it, blame the last line.
      const found = /^parse error at offset ([0-9]+): /.exec(e.message);
      const offset = found === null ? text.trimEnd().length : Number(found[1]);
      throw new Unsure(offset, `cannot be read as sh (${e.message.slice(found?.[0].length ?? 0)})`);
    }
    for (const statement of script.commands) visit(statement, { subshell: false, at: statement.pos, ownPositions: true });
    return null;
  } catch (e) {
    if (e instanceof Unsure) return { ...lineAt(text, e.at), why: e.why };
    if (e instanceof RangeError) return { ...lineAt(text, 0), why: 'is nested too deeply to be read as sh' };
    throw e;
  }
}
