// What every layer of the walker shares (walk.ts says how the layers stack): the source text being
// walked, the sink for forceAsk reasons met in words, and the walker's state, part of which only
// `finish` settles, once the whole command has been walked.
import { describeCode } from './chars.ts';
import { Folders } from './folders.ts';
import { ANY_PLACE, LinkBook } from './link-book.ts';
import { WrittenFiles } from './written-files.ts';
import type { Literal } from './guards.ts';
import { ShellFailure } from './parse.ts';
import { descriptorPath, VARIABLE_FD } from './redirects.ts';
import type { ShellPart, WritePart } from './types.ts';
import type { Arg } from './words.ts';

/** One source text being walked: positions of its nodes index `source`. */
export interface Scope {
  source: string;
  /** Flat [pos, end, …] of quoted text; collected only when the source has suspicious characters. */
  quoted: number[] | null;
  /** End of the last heredoc body met so far: the text between statements skips over bodies. */
  heredocEnd: number;
}

/** Collects a forceAsk reason met inside a command's words (`${PATH:=x}`, `${x@P}`). */
export interface Sink {
  force: string | null;
}

export abstract class WalkerState {
  readonly parts: ShellPart[] = [];
  suspicious: string | null = null;
  /** Where the shell may be, for relative redirection targets. */
  protected readonly folders = new Folders();
  /** Set by `word` in join mode: a process substitution at the word's start or end touches a neighbour. */
  protected openBefore = false;
  protected openAfter = false;
  protected literal: Literal = 'command';
  /**
   * True while walking text bash expands as if double-quoted and then evaluates as arithmetic
   * (`$(( ))`, `(( ))`, array subscripts, `${x:offset}`): a `'` there is an ordinary character.
   */
  protected arith = false;
  /**
   * Above 0 while walking the word of a `${x:-word}`-style operation inside double quotes or an
   * unquoted heredoc body. bash reads quotes there as plain characters (and with extquote decodes
   * `$'…'` first), so `"${x:-$'$(cmd)'}"` and a heredoc's `${x:-'$(cmd)'}` run cmd.
   */
  protected quotesExpand = 0;
  /**
   * Static `alias NAME=VALUE` definitions met so far: with expand_aliases a later command word NAME
   * runs VALUE, so `alias x=eval` makes `x 'rm y'` an eval. Null until the first one.
   */
  protected aliases: Map<string, Arg> | null = null;
  /**
   * Files a descriptor is pointed at by a redirection that is not itself a write (`3<secrets/x`),
   * by descriptor; and descriptors a write reopens through `/dev/fd/N`, `/dev/stdout`…. Each such
   * file becomes a write when the walk ends (`exec 3<secrets/x; echo x >/dev/fd/3` overwrites it).
   */
  protected fdFiles: Map<number, WritePart[]> | null = null;
  protected reopened: Set<number> | null = null;
  /**
   * Writes below a descriptor's path (`/dev/fd/3/k`, or `k` after `cd /dev/fd/3`): when 3 points
   * at a folder, `k` in it is written (audit WW-2).
   */
  private reopenedUnder: Array<{ fd: number; rest: string; write: WritePart }> | null = null;
  /** A descriptor was copied from or to one only known at run time (`1<&$fd`, `{x}<&3`). */
  protected fdDoubt = false;
  /** Static redirection targets written so far: a script the command writes and then runs is not known. */
  protected written: WrittenFiles | null = null;
  /** Files and folders this command removes or moves away (`rm .husky/pre-commit`): see writtenHook. */
  protected removed: WrittenFiles | null = null;
  /** The links this command makes, copies and moves, and where a write may go through one. */
  readonly links = new LinkBook(this.folders);
  /**
   * Set while the first command of a pipeline the `time` keyword starts is read: where `time` is
   * not the keyword (dash, bash in POSIX mode), `time -o F cmd` is /usr/bin/time.
   */
  protected timed = false;
  /**
   * The command walked now reads a pipe or a file on standard input (`… | cmd`, `cmd < f`,
   * `{ …; } < f`), not the input the command line started with: a program that runs what it
   * reads there (`… | sudo -s`, `psql < f`) runs text not known here.
   */
  protected stdinFed = false;
  /** Aliases being substituted now: bash does not expand an alias inside its own expansion. */
  protected readonly expanding = new Set<string>();
  /**
   * Alias substitutions left, and the characters they may still bring in: `alias a1='a0;a0'` …
   * doubles at each level, and one long alias used many times multiplies, so both are bounded.
   */
  protected aliasBudget = MAX_ALIAS_EXPANSIONS;
  protected aliasChars = MAX_ALIAS_CHARS;
  /** A static text holding `a[$(cmd)]` was met (see staticSubscript in walk-expansions.ts). */
  protected subscriptText = false;
  /** The command evaluates arithmetic somewhere (`$(( ))`, `(( ))`, subscripts, `[[ -eq ]]`…). */
  protected arithmeticSeen = false;
  /**
   * The command evaluates a variable's value as arithmetic or as a name with a subscript
   * (`$((x))`, `${a[x]}`, `[[ $x -eq 1 ]]`, `${!x}`, `test -v "$x"`): bash then runs a `$( )` in
   * that value's subscript. `[ "$x" -eq 1 ]` and `printf %d "$x"` read a plain number only.
   */
  protected valueArithmetic = false;
  /**
   * The first source of a value only known at run time that a variable may take (`$(cat f)`,
   * `read`, a loop over a glob): with valueArithmetic, `finish` asks.
   */
  protected runtimeValue: string | null = null;
  /**
   * The first variable of RUNTIME_TEXT expanded here (`cd "$PWD/src"`), or null. Unlike
   * runtimeValue it is not taken to reach every variable the command never sets, which would make
   * everyday `$PWD` uses ask beside any arithmetic: only arithmetic on variables not known here
   * (`test -v "${PWD:20}"`, `$1`) and BASH_REMATCH (`[[ $PWD =~ … ]]`) count it.
   */
  protected textRead: string | null = null;
  /** Programs whose output was taken for a number (`$(… | wc -l)`): a function of that name voids it. */
  protected countedBy: Set<string> | null = null;
  /** Names of the functions the command defines. */
  protected functions: Set<string> | null = null;

  /**
   * The variables value-evaluating arithmetic reads (arithAny when that is not known: `${!x}`,
   * `test -v "$x"`, a positional parameter). With `numericNames` and `otherNames` it clears a
   * counting loop (`for f in src/*; do n=$((n+1)); done`), whose arithmetic reads only numbers.
   */
  protected arithNames: Set<string> | null = null;
  /** Value-evaluating arithmetic reads variables not known here (see arithNames). */
  protected arithAny = false;
  /** Variables given a number or static text here (`n=0`, `n=$((n+1))`, `((n++))`, `n=$(wc -l < f)`, `n=abc`). */
  protected numericNames: Set<string> | null = null;
  /** Variables given text built at run time (`n=$a$b`, `n+=x`), or named as an operand (`read n`, `printf -v n`). */
  protected otherNames: Set<string> | null = null;
  /** Folders PYTHONPATH is set to here: Python imports from them (`sitecustomize.py` first). */
  protected pythonPaths: string[] | null = null;
  /** Something may set variables this walk cannot see (`source f`). */
  protected namesUnknown = false;

  /**
   * Notes arithmetic that evaluates values (see valueArithmetic), reading the variables named in
   * `text` (identifiers, `$x`, `${x}`); without `text`, any variable.
   */
  protected evaluates(text?: string): void {
    this.arithmeticSeen = true;
    this.valueArithmetic = true;
    if (this.arithAny) return;
    // `$1`, `$@`, `$_`, `$?`: special parameters whose values are not followed here.
    if (text === undefined || /\$(?![A-Za-z_{(])|\$\{(?![A-Za-z_])/.test(text)) {
      this.arithAny = true;
      return;
    }
    const names = (this.arithNames ??= new Set());
    for (const name of text.match(IDENTIFIERS) ?? []) {
      // `$_` (`(( _ ))`, `${!_}`) is the last word of the command before, whatever made it
      // (`echo "a[${d}(cmd)]"` with d='$'): not a variable this walk follows (audit 48, BL-3).
      if (name === '_') {
        this.arithAny = true;
        return;
      }
      names.add(name);
    }
  }

  /** Notes a variable expanded here (see textRead). */
  protected expanded(name: string): void {
    if (this.textRead === null && RUNTIME_TEXT.has(name)) this.textRead = name;
  }

  /**
   * Notes an assignment to `name`, numeric or not. `text` is the static text given (`y=x`):
   * arithmetic evaluates the names in it in turn (see namedIn).
   */
  protected assigned(name: string, numeric: boolean, text?: string): void {
    if (numeric) (this.numericNames ??= new Set()).add(name);
    else (this.otherNames ??= new Set()).add(name);
    // bash evaluates what is assigned to these as arithmetic, however it is assigned (`read
    // RANDOM`, `for OPTIND in …`, `printf -v SRANDOM`): as an integer variable's (audit 46, BF-2).
    if (ARITHMETIC_ON_ASSIGN.has(name) && !(numeric && (text === undefined || /^[\d\s-]*$/.test(text)))) this.evaluates(numeric ? text : undefined);
    const named = text?.match(IDENTIFIERS);
    if (named !== undefined && named !== null) {
      const refs = ((this.namedIn ??= new Map()).get(name) ?? new Set<string>());
      for (const n of named) refs.add(n);
      this.namedIn.set(name, refs);
    }
  }

  /**
   * The names in the static text each variable is given (`y=x`, `y=x+1`, `for y in x`): bash's
   * arithmetic evaluates a value that is a name or an expression again, so `(( y ))` reads x, and
   * a `b[$(…)]` that x holds runs (audit 46, BF-1).
   */
  protected namedIn: Map<string, Set<string>> | null = null;

  /** Variables this command makes arrays (`a=()`, `a[0]=`, `declare -a a`, `read -a a`, `mapfile a`). */
  protected arrayNames: Set<string> | null = null;
  /**
   * Declaration operands `NAME=VALUE` whose value is only known at run time, by NAME, with why:
   * when NAME is an array, bash parses a value `( … )` again as an array assignment and runs its
   * `$( )` (audit 47, BI-1), whichever command made it one.
   */
  protected declaredAtRunTime: Map<string, string> | null = null;

  /** arithNames and every name their static values name, in turn. */
  private arithReads(): Set<string> {
    const reads = new Set(this.arithNames ?? []);
    if (this.namedIn === null) return reads;
    for (const name of reads) for (const n of this.namedIn.get(name) ?? []) reads.add(n);
    return reads;
  }

  /**
   * A variable value-evaluating arithmetic reads that may hold text built at run time, or null.
   * A number, or static text (which the subscript-text check reads), is safe; so is a variable
   * this command never sets, unless the command also takes a value only known at run time.
   */
  private nonNumericRead(): string | null {
    if (this.namesUnknown) return 'a variable';
    const runtime = this.runtimeValue !== null;
    if (this.arithAny) return runtime || this.textRead !== null || (this.otherNames?.size ?? 0) > 0 ? 'a variable' : null;
    for (const name of this.arithReads()) {
      // Whatever the command assigns: a `cd` sets PWD to any folder name.
      if (RUNTIME_TEXT.has(name) || this.otherNames?.has(name) === true) return name;
      // What `[[ … =~ … ]]` matched may be text built from any variable (audit 48, BL-3).
      if (name === 'BASH_REMATCH' && (this.textRead !== null || runtime || (this.otherNames?.size ?? 0) > 0)) return name;
      if (runtime && this.numericNames?.has(name) !== true && !BASH_NUMBERS.has(name)) return name;
    }
    return null;
  }

  /**
   * Judges a file write (a redirection, or a file an option names): where the shell may be, links
   * put in place earlier, and the written files a later command may run.
   */
  protected recordWrite(write: WritePart, file: Arg, remember = true): void {
    // `cp f /dev/fd/3`, `tee /dev/stdout`, `> /dev//fd/3`: the file the descriptor points at is
    // written, which `finish` adds once every redirection of the command is known (audit WW-2).
    const through = file.dynamic === null ? descriptorPath(write.target) : null;
    if (through !== null && this.throughDescriptor(through.fd, through.rest, write)) return;
    this.folders.place(write);
    this.parts.push(write);
    if (file.dynamic !== null) return;
    // `cd /dev/fd && echo x > 3` writes through descriptor 3 too.
    for (const folder of write.alsoIn ?? []) {
      const via = folder.startsWith('/') ? descriptorPath(`${folder}/${write.target}`) : null;
      if (via !== null) this.throughDescriptor(via.fd, via.rest, write);
    }
    // The target after tilde expansion: `~+/out/l/x` is `out/l/x`.
    const places = this.folders.placesOf(write.target);
    // A trap, loop or function body runs after links made further on (`trap 'echo x > out/l/p'
    // EXIT; ln -s /etc out/l`): it is checked again once the walk ends.
    if (this.runsLater()) (this.laterWrites ??= []).push({ write, file, places });
    this.checkLinked(write, file, places);
    this.links.carriedFrom(write, places);
    if (!remember) return;
    const written = (this.written ??= new WrittenFiles());
    for (const p of places) written.add(p);
  }

  /**
   * Notes a write through descriptor `fd` (`rest` below it, '' for the descriptor's own file).
   * True when that is all the write is: a path below a descriptor is written as spelled too, and
   * asks, since what the descriptor points at may be only known at run time; but what `cp f
   * /dev/stdout` would write if the destination were a folder (`/dev/stdout/f`) is only the file
   * in the folder the command points the descriptor at, if it does.
   */
  private throughDescriptor(fd: number, rest: string, write: WritePart): boolean {
    const reopened = (this.reopened ??= new Set());
    if (rest === '') {
      if (!reopened.has(fd)) {
        reopened.add(fd);
        for (const w of this.filesOf(fd)) this.rememberWritten(w.target);
      }
      return true;
    }
    (this.reopenedUnder ??= []).push({ fd, rest, write });
    for (const w of this.filesOf(fd)) this.rememberWritten(`${w.target}/${rest}`);
    if (write.ifFolder !== undefined) return true;
    write.forceAsk ??= `${write.target} lies in what file descriptor ${fd} points at, which may be only known at run time`;
    return false;
  }

  /** The files descriptor `fd` is pointed at in the command (any descriptor from 10 up may be a `{NAME}<file`'s). */
  private filesOf(fd: number): WritePart[] {
    const files = this.fdFiles?.get(fd) ?? [];
    const variable = fd >= 10 ? this.fdFiles?.get(VARIABLE_FD) ?? [] : [];
    return variable.length === 0 ? files : [...files, ...variable];
  }

  /**
   * Points descriptors `fds` at `files` too (`3<secrets/x`, or a copy `4<&3`). A descriptor a
   * write already reopened writes them: a later command running one of them runs what is not known.
   */
  protected pointFds(fds: readonly number[], files: readonly WritePart[]): void {
    const map = (this.fdFiles ??= new Map());
    for (const n of fds) {
      const list = map.get(n);
      if (list === undefined) map.set(n, [...files]);
      else list.push(...files);
    }
    const reopened = this.reopened;
    if (reopened === null) return;
    const reaches = (fd: number): boolean => fds.includes(fd) || (fd >= 10 && fds.includes(VARIABLE_FD));
    const whole = [...reopened].some(reaches);
    const under = (this.reopenedUnder ?? []).filter((u) => reaches(u.fd));
    for (const w of files) {
      if (whole) this.rememberWritten(w.target);
      for (const u of under) this.rememberWritten(`${w.target}/${u.rest}`);
    }
  }

  /** Remembers a file written through a descriptor, where it may be from every folder the shell may be in. */
  private rememberWritten(path: string): void {
    const written = (this.written ??= new WrittenFiles());
    for (const p of this.folders.placesOf(path)) written.add(p);
  }

  /**
   * Above 0 while walking code that runs alongside what follows it: a background job, a pipeline's
   * members, a coprocess, a process substitution. Like deferred code, it is held to every write
   * and link of the command (not to its `cd`s: it starts where it stands).
   */
  protected concurrent = 0;

  /** Whether code walked now may run after text that follows it. */
  protected runsLater(): boolean {
    return this.folders.deferred > 0 || this.concurrent > 0;
  }

  /**
   * Writes in code that runs later than where it stands, with where they may land. `byUnpacker`:
   * an unpacker's own write (`curl … | tar -xz -C build`), which does not go through links that
   * unpacker puts in place.
   */
  private laterWrites: Array<{ write: WritePart; file: Arg; places: string[]; byUnpacker?: true }> | null = null;
  /** How many unpackers (ANY_PLACE) this command runs. */
  protected unpackers = 0;

  /** Marks the later writes recorded since `from` as the work of the unpacker just counted. */
  protected ownUnpackedWrites(from: number): void {
    for (const w of this.laterWrites?.slice(from) ?? []) w.byUnpacker = true;
  }

  /** How many later writes are recorded so far (see ownUnpackedWrites). */
  protected laterWriteCount(): number {
    return this.laterWrites?.length ?? 0;
  }

  /** Re-checks the writes of code that runs later against every link the command makes. */
  protected recheckLaterWrites(): void {
    for (const w of this.laterWrites ?? []) {
      // Its own unpacker's links do not count; another unpacker's do.
      this.checkLinked(w.write, w.file, w.places, w.byUnpacker === true && this.unpackers === 1);
      this.links.carriedFrom(w.write, w.places);
    }
  }

  private checkLinked(write: WritePart, file: Arg, places: readonly string[], ownUnpacker = false): void {
    const link = this.links.linkAbove(places, ownUnpacker);
    if (link !== null) {
      write.forceAsk ??= link === ANY_PLACE
        ? `an earlier command here (git checkout, git apply, tar -x…) may have put a link at ${file.value} or a folder above it, so where this writes is not known`
        : `${link} may be a link this command made (ln, cp -l/-s, a copy from outside the workspace), so where a write to ${file.value} lands is not known`;
    }
  }

  /** Settles what is only known once the whole command has been walked. */
  finish(): void {
    // Only text that can reach arithmetic runs its subscript: TypeScript in a heredoc, a commit
    // message or an awk program holding `a[`x`]` asks nothing when nothing evaluates arithmetic.
    if (this.subscriptText && this.arithmeticSeen) this.suspicious ??= SUBSCRIPT_TEXT;
    // `wc(){ cat f; }; n=$(wc -l < f)`: the count is whatever the function prints.
    for (const name of this.countedBy ?? []) {
      if (this.functions?.has(name) === true || this.aliases?.has(name) === true) {
        this.runtimeValue ??= `the output of ${name}, which this command redefines`;
        this.namesUnknown = true;
      }
    }
    for (const [name, why] of this.declaredAtRunTime ?? []) {
      if (this.namesUnknown || this.arrayNames?.has(name) === true || BASH_ARRAYS.has(name)) this.suspicious ??= why;
    }
    // `x=$(printf 'a\133\044(cmd)\135'); echo $((x))` runs cmd, and so does a value joined from
    // harmless pieces (`n=$a$b`, `n+='…'`, `${x@E}`): bash evaluates a variable's text recursively.
    const read = this.valueArithmetic ? this.nonNumericRead() : null;
    if (read !== null) {
      const text = RUNTIME_TEXT.has(read) ? read : this.runtimeValue === null ? this.textRead : null;
      const from = text !== null ? `a value only known at run time: $${text}, ${RUNTIME_TEXT.get(text) ?? ''}`
        : this.runtimeValue === null ? 'text this command builds, or the environment' : `a value only known at run time: ${this.runtimeValue}`;
      this.suspicious ??= `this command evaluates ${read === 'a variable' ? read : `$${read}`} as arithmetic, and it may hold ${from}; a $( ) in an array subscript of that value would run`;
    }
    if (this.reopened !== null && this.fdFiles !== null) {
      // bash gives `{NAME}>file` a descriptor of 10 or above: filesOf counts those too.
      for (const fd of this.reopened) for (const w of this.filesOf(fd)) this.parts.push(w);
      for (const u of this.reopenedUnder ?? []) {
        for (const w of this.filesOf(u.fd)) this.parts.push(underFile(u.write, w, u.rest));
      }
    }
    if (this.reopened !== null && this.fdDoubt) this.suspicious ??= 'a write through /dev/fd, /dev/stdout or /dev/stderr may reach a file a descriptor copied at run time points at';
    this.folders.finish(this.parts);
  }

  protected checkSuspicious(marks: number[], scope: Scope): void {
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
}

export const MAX_ALIAS_EXPANSIONS = 256;
/** Variable names in arithmetic text (`n+1`, `a[i]`, `${n}`). */
const IDENTIFIERS = /(?<![\w#])[A-Za-z_]\w*/g;
/** bash's own arrays (see declaredAtRunTime). */
const BASH_ARRAYS: ReadonlySet<string> = new Set(['PIPESTATUS', 'DIRSTACK', 'BASH_ARGV', 'BASH_ARGC', 'BASH_LINENO', 'BASH_SOURCE', 'BASH_REMATCH', 'BASH_VERSINFO', 'FUNCNAME', 'GROUPS', 'COMP_WORDS', 'COPROC', 'BASH_ALIASES', 'BASH_CMDS']);
/** bash's variables whose assigned value is evaluated as arithmetic. */
const ARITHMETIC_ON_ASSIGN: ReadonlySet<string> = new Set(['RANDOM', 'SRANDOM', 'OPTIND', 'HISTCMD']);
/** bash variables that always hold a number. */
const BASH_NUMBERS = new Set(['RANDOM', 'SRANDOM', 'SECONDS', 'LINENO', 'BASHPID', 'PPID', 'UID', 'EUID', 'EPOCHSECONDS', 'OPTIND', 'HISTCMD', 'COLUMNS', 'LINES']);
const FOLDER_TEXT = 'a folder name, which the agent may have chosen (the folder the command starts in, or one a cd -P or set -P reaches through a link)';
const OWN_TEXT = 'the text of this command itself, comments included';
/**
 * bash variables that hold text only known at run time, whatever the command assigns, with what
 * they hold: a slice of one evaluated as arithmetic runs a `a[$( )]` in it (`${PWD:30}`, or
 * `${BASH_EXECUTION_STRING:49}` reaching a comment).
 */
export const RUNTIME_TEXT: ReadonlyMap<string, string> = new Map([
  ['PWD', FOLDER_TEXT], ['OLDPWD', FOLDER_TEXT], ['DIRSTACK', FOLDER_TEXT],
  ['BASH_EXECUTION_STRING', OWN_TEXT], ['BASH_COMMAND', OWN_TEXT],
]);
/** runtimeValue for a glob's file names (a case pattern is no such glob: see walk.ts). */
export const GLOB_VALUE = 'file names a glob matches';
/** Earlier names of one write target followed at most (more ask): moves and copies rarely chain. */

export { ANY_PLACE };
export const MAX_ALIAS_CHARS = 256 * 1024;

const SUBSCRIPT_TEXT = 'a static text or comment holds an array subscript with $( ) or backquotes, an assignment to a dangerous variable or the name of a variable holding run-time text ($PWD, $BASH_EXECUTION_STRING…), and this command evaluates arithmetic, which would run or assign it if the text reaches it';

/**
 * The write of `rest` inside the file `file` a descriptor points at (`/dev/fd/3/k` after
 * `exec 3<secrets`): judged where that file was opened, so from the folders it may be in.
 */
function underFile(write: WritePart, file: WritePart, rest: string): WritePart {
  const out: WritePart = { ...write, target: `${file.target}/${rest}`, forceAsk: file.forceAsk };
  delete out.alsoIn;
  delete out.fromTop;
  delete out.leftEntry;
  if (file.alsoIn !== undefined) out.alsoIn = file.alsoIn;
  if (file.fromTop !== undefined) out.fromTop = file.fromTop;
  if (file.leftEntry !== undefined) out.leftEntry = file.leftEntry;
  // `exec 3<secrets; cp f /dev/fd/3` writes secrets/f only if secrets is a folder.
  if (write.ifFolder !== undefined) out.ifFolder = file.target;
  return out;
}

/** Prefixes a failure with where it happened (once: the innermost context names it). */
export function located(e: unknown, where: string): unknown {
  if (!(e instanceof ShellFailure) || e.wrapped) return e;
  const out = new ShellFailure(`${where}: ${e.message}`);
  out.wrapped = true;
  return out;
}
