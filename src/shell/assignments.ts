// Variables that change which program runs or inject code into later commands (SPEC 5.6): setting
// one makes every rule about the command's text unreliable, so it is at least `ask`.
import { assignedName, literalText, type Arg } from './words.ts';
import { isFolderSetting } from './folder-settings.ts';

const DANGEROUS = new Set([
  'PATH', 'IFS', 'ENV', 'BASH_ENV', 'CDPATH', 'GLOBIGNORE', 'PROMPT_COMMAND', 'PS4', 'SHELLOPTS', 'BASHOPTS',
  // Expanded (command substitutions included) by an interactive shell around each line it reads,
  // and MAILPATH's messages when mail arrives; HISTFILE is where the history is written.
  'PS0', 'PS1', 'PS2', 'PS3', 'MAILPATH', 'HISTFILE',
  // Beyond SPEC 5.6's list: variables whose value git or other tools run as a command, or that
  // point git at other configuration (aliases, pagers, hooks).
  'GIT_PAGER', 'PAGER', 'MANPAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'EDITOR', 'VISUAL', 'GIT_SSH', 'GIT_SSH_COMMAND',
  'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_EXTERNAL_DIFF', 'GIT_EXEC_PATH', 'GIT_PROXY_COMMAND', 'GIT_TEMPLATE_DIR', 'GIT_DIR',
  'GIT_COMMON_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_REPLACE_REF_BASE', 'GIT_ALLOW_PROTOCOL', 'BROWSER', 'LESSOPEN', 'LESSCLOSE', 'NODE_OPTIONS', 'PERL5OPT', 'RUBYOPT', 'PYTHONSTARTUP',
  // bash's own tables of what a name runs: `BASH_CMDS[ls]=/bin/rm` is `hash -p /bin/rm ls`,
  // `BASH_ALIASES[ls]=…` defines an alias; `BASH_LOADABLES_PATH` is where `enable -f` loads
  // builtins from.
  'BASH_CMDS', 'BASH_ALIASES', 'BASH_LOADABLES_PATH',
  // Where git and npm read their user configuration (`~/.gitconfig` aliases, `~/.npmrc`): pointing
  // them at a file the command writes makes `git st` run a `!` alias from it.
  'HOME', 'XDG_CONFIG_HOME',
  // `~+` is $PWD and `~-` is $OLDPWD, whatever folder the shell is in: `PWD=secrets; echo > ~+/k`
  // writes secrets/k.
  'PWD', 'OLDPWD',
  // Options tools read from the environment, where they can name a command to run: TAR_OPTIONS
  // (--checkpoint-action=exec=), RSYNC_RSH (-e), MANOPT (-P), LESS (`+!CMD`), GOFLAGS (-toolexec),
  // and the programs cargo builds with.
  'TAR_OPTIONS', 'RSYNC_RSH', 'MANOPT', 'LESS', 'GOFLAGS', 'RUSTC', 'RUSTC_WRAPPER', 'RUSTC_WORKSPACE_WRAPPER', 'RUSTDOC',
  // The shell ssh's ProxyCommand, flock -c, script -c, tmux, `sudo -s` and npm exec -c run with.
  'SHELL',
  // Options and code read from the environment: pytest's extra options (--junitxml, -p) and
  // plugins, the makefiles make reads first and its options (--eval).
  'PYTEST_ADDOPTS', 'PYTEST_PLUGINS', 'MAKEFILES', 'MAKEFLAGS', 'GNUMAKEFLAGS', 'MFLAGS',
  // Audit JJ-10: vim's start-up commands (`VIMINIT=':!CMD'` is `vim -c`, and git, crontab -e and
  // sudoedit start vi with no vim in the command) and where it reads its runtime scripts; the
  // pagers, editors and askpass programs systemd, sudo and fzf run; options the JVM reads from the
  // environment (`-javaagent:`, `-XX:OnError=CMD`); folders perl, ruby, node and python load
  // modules from before their own; files that load code (OpenSSL engines, glibc's gconv modules,
  // getconf's programs) or name a program to run (a kubeconfig's `exec`, AWS `credential_process`,
  // an hgrc's hooks); the folder zsh reads .zshenv from; less's key files, whose #env section sets
  // LESSOPEN (JJ-1).
  'VIMINIT', 'EXINIT', 'GVIMINIT', 'VIMRUNTIME', 'VIM', 'NVIM_APPNAME', 'SYSTEMD_PAGER', 'SYSTEMD_EDITOR', 'SYSTEMD_LESS',
  'SUDO_ASKPASS', 'SUDO_EDITOR', 'FCEDIT', 'FZF_DEFAULT_COMMAND', 'FZF_DEFAULT_OPTS', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS', 'JAVA_OPTS', 'MAVEN_OPTS', 'GRADLE_OPTS', 'PERL5LIB', 'PERLLIB', 'PERL5DB', 'RUBYLIB', 'NODE_PATH',
  'PYTHONHOME', 'PYTHONUSERBASE', 'OPENSSL_CONF', 'OPENSSL_ENGINES', 'OPENSSL_MODULES', 'GCONV_PATH', 'GETCONF_DIR',
  'KUBECONFIG', 'AWS_CONFIG_FILE', 'HGRCPATH', 'HGEDITOR', 'ZDOTDIR',
  'LESSKEYIN', 'LESSKEY', 'LESSKEY_CONTENT', 'LESSKEYIN_SYSTEM', 'LESSKEY_SYSTEM',
  // Audit MM-5: the locale bash reads its input in. In GBK, Big5 or Shift_JIS a `\` or quote
  // byte can end a multibyte character, so a later line (or a `bash -c` string) is split into
  // words other than the ones judged here, which reads it as UTF-8. LOCPATH picks where locales
  // come from, so any name can mean any charset.
  'LC_ALL', 'LC_CTYPE', 'LANG', 'LOCPATH',
  // Audit MM-8: where mktemp (and programs asking for a temporary file) write, where curl and
  // other OpenSSL clients append TLS key logs, and where python writes its .pyc tree: a write to
  // a place the command text never names.
  'TMPDIR', 'SSLKEYLOGFILE', 'PYTHONPYCACHEPREFIX',
  // Audit 44, BA-4: caches of compiled code a later run loads back, written where they say.
  'NODE_COMPILE_CACHE', 'CCACHE_DIR',
  // Audit 36, AC-4: bash's compatibility level changes how later lines expand (compat51 expands
  // arithmetic subscripts twice).
  'BASH_COMPAT',
  // Audit 38, AI-5: programs everyday tools start: go's cache helper and module authenticator
  // (`go env -w` of them already asks), rsync's daemon connector (run through sh -c), and the
  // remote shells and editors of CVS and Subversion.
  'GOCACHEPROG', 'GOAUTH', 'RSYNC_CONNECT_PROG', 'CVS_RSH', 'SVN_SSH', 'SVN_EDITOR',
  // Audit 39, AL-5 and AL-7: the program zsh runs for a line that is only a redirection, and the
  // folders ksh93 (and zsh's autoload) look in for a command it cannot find.
  'NULLCMD', 'READNULLCMD', 'FPATH',
]);

/**
 * yarn's and bun's settings from the environment (audit 39, AL-3): `YARN_YARN_PATH` is the file
 * yarn runs as itself, `YARN_PLUGINS` code it loads, `YARN_*_FOLDER` where it writes, as
 * `npm_config_*` are npm's. The on/off switches and modes agents set every day stay harmless.
 */
const JS_SETTINGS = /^(?:YARN_(?!(?:ENABLE_[A-Z_]+|CHECKSUM_BEHAVIOR|NODE_LINKER|PNP_MODE|NETWORK_CONCURRENCY|HTTP_TIMEOUT|LOG_FILTERS)$)|BUN_(?:INSTALL|CONFIG_|RUNTIME_TRANSPILER_CACHE_PATH))/;

/** cargo's settings from the environment that name a program it runs, or where its configuration lives. */
const CARGO_RUNS = /^CARGO_(?:HOME|.*_(?:RUNNER|RUSTC|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER|RUSTDOC|LINKER|CREDENTIAL_PROVIDER))$/;

/** Whether setting `name` is dangerous; an element (`BASH_CMDS[ls]`, `PATH[0]`) sets its array. */
export function isDangerousName(written: string): boolean {
  const name = baseName(written);
  return DANGEROUS.has(name) || isFolderSetting(name) || name.startsWith('LD_') || name.startsWith('DYLD_') || name.startsWith('GIT_CONFIG') || CARGO_RUNS.test(name) ||
    // `BASH_FUNC_ls%%=() { …; }` in the environment defines the function `ls` in a child bash.
    name.startsWith('BASH_FUNC_') ||
    // GIT_TRACE=/path, GIT_TRACE2_EVENT=/path…: git writes its trace to that file.
    name.startsWith('GIT_TRACE') ||
    // git's test settings: GIT_TEST_FSMONITOR is core.fsmonitor, run through a shell on `git
    // status`; GIT_TEST_MAINT_SCHEDULER names the program `git maintenance start` runs (audit 35, YY-7).
    name.startsWith('GIT_TEST_') ||
    // npm reads its settings from the environment in any case: `npm_config_script_shell` picks the
    // shell every script runs in, `npm_config_userconfig` an npmrc that can, `npm_config_node_options`
    // code node loads.
    name.toLowerCase().startsWith('npm_config_') || name.toLowerCase().startsWith('pnpm_config_') || JS_SETTINGS.test(name);
}

/**
 * Values of dangerous variables that name nothing that could run: a pager or editor that is
 * `cat`, `less` or `true`, `LESS=-R`, NODE_OPTIONS and GOFLAGS made of options that load no code.
 * Agents set these all the time (`GIT_PAGER=cat git log`); anything else, or a value only known at
 * run time, is still dangerous.
 */
const HARMLESS_VALUES: ReadonlyArray<readonly [RegExp, RegExp]> = [
  // less's -o/-O (log to a file) and -k (key file) name files: not among the harmless flags.
  [/^(?:GIT_PAGER|PAGER|MANPAGER|SYSTEMD_PAGER)$/, /^(?:cat|more|less(?:\s+-[A-NP-Za-jl-np-z]+)*)$/],
  // systemd runs no pager when SYSTEMD_PAGER is empty.
  [/^SYSTEMD_PAGER$/, /^$/],
  [/^(?:GIT_EDITOR|GIT_SEQUENCE_EDITOR|EDITOR|VISUAL|SYSTEMD_EDITOR)$/, /^(?:true|:|cat)$/],
  [/^(?:LESS|SYSTEMD_LESS)$/, /^(?:-[A-NP-Za-jl-np-z]+(?:\s+-[A-NP-Za-jl-np-z]+)*)?$/],
  // Heap and stack sizes and on/off flags; `-XX:OnError=CMD`, `-javaagent:` and `-D` settings are not among them.
  [/^(?:JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|JAVA_OPTS|MAVEN_OPTS|GRADLE_OPTS)$/, /^(?:\s*-(?:X(?:m[sxn]|ss)\d+[kKmMgG]?|XX:[+-]\w+|XX:(?:MaxRAMPercentage|InitialRAMPercentage|MaxMetaspaceSize|ReservedCodeCacheSize)=[\d.]+[kKmMgG]?|Dfile\.encoding=[\w-]+|Djava\.awt\.headless=(?:true|false)))*\s*$/],
  [/^NODE_OPTIONS$/, /^(?:\s*--(?:max-old-space-size|max-semi-space-size|stack-size|enable-source-maps|no-warnings|trace-warnings|unhandled-rejections|experimental-vm-modules|openssl-legacy-provider|dns-result-order|no-deprecation|trace-deprecation|trace-uncaught)(?:=[\w.-]+)?)+\s*$/],
  [/^(?:RUSTC_WRAPPER|CARGO_BUILD_RUSTC_WRAPPER)$/, /^(?:sccache|\/usr\/(?:local\/)?bin\/sccache)$/],
  [/^CARGO_.*_LINKER$/, /^(?:cc|gcc|clang|lld|ld\.lld|mold|rust-lld)$/],
  [/^TAR_OPTIONS$/, /^(?:\s*--(?:no-same-owner|no-same-permissions|same-owner|numeric-owner|no-overwrite-dir|warning=[\w-]+|format=\w+|sort=\w+|owner=[\w.-]+|group=[\w.-]+|mode=[\w,+=-]+|mtime=[\w:@.-]+))*\s*$/],
  [/^(?:MAKEFLAGS|GNUMAKEFLAGS|MFLAGS)$/, /^(?:\s*(?:-?[ksqwiBeSrRnt]+|-j\s*\d*|-l\s*[\d.]*|--(?:jobs(?:=\d+)?|keep-going|silent|quiet|no-print-directory|print-directory|output-sync(?:=\w+)?|load-average(?:=[\d.]+)?)))*\s*$/],
  [/^PYTEST_ADDOPTS$/, /^(?:\s*(?:-[qvxsrlW]+|-n\s*(?:\d+|auto)|--(?:tb=\w+|maxfail=\d+|strict-markers|color=\w+|durations=\d+|disable-warnings|no-header|lf|ff|last-failed|failed-first)))*\s*$/],
  // A locale whose charset bash reads as this analyser does (UTF-8, or bytes in C/POSIX), by name:
  // a value holding `/` is a path to locale files, which may hold any charset.
  [/^(?:LC_ALL|LC_CTYPE|LANG)$/, /^(?:C|POSIX|[A-Za-z][\w-]*\.(?:utf-?8)(?:@\w+)?)?$/i],
  [/^GOFLAGS$/, /^(?:\s*-(?:mod=(?:mod|vendor|readonly)|buildvcs=(?:true|false|auto)|trimpath|race|v|modcacherw|count=\d+|p=\d+|tags=[\w,]+))+\s*$/],
];

/**
 * isDangerousAssignment where the assignment's static value is judged as a write (folder-settings.ts:
 * a leading assignment, export and its kin, env's own operands), so a folder setting is not.
 */
export function isDangerousUnlessWritten(name: string, value: string, dynamic: boolean): boolean {
  return !(isFolderSetting(baseName(name)) && !dynamic) && isDangerousAssignment(name, value, dynamic);
}

/** Whether assigning `value` to `name` is dangerous: a dangerous name, unless the value is known to be harmless. */
export function isDangerousAssignment(name: string, value: string, dynamic: boolean): boolean {
  if (!isDangerousName(name)) return false;
  if (dynamic) return true;
  const base = baseName(name);
  return !HARMLESS_VALUES.some(([names, values]) => names.test(base) && values.test(value));
}

/** The variable a name operand sets: `BASH_CMDS[ls]` sets an element of BASH_CMDS. */
function baseName(name: string): string {
  const bracket = name.indexOf('[');
  return bracket < 0 ? name : name.slice(0, bracket);
}

const DYNAMIC_NAME = 'variable name only known at run time (it could be PATH, PS4 or any other)';
const NAMEREF = 'a nameref (declare -n) makes later assignments to one name set another variable, which may be PATH or PS4';

export function dangerReason(name: string): string {
  return `assignment to ${name}`;
}

export const SUBSCRIPT_REASON = 'bash evaluates an array subscript here, running the $( ) inside it';

const MAY_NAME_DANGER = /[A-Z]|[nN][pP][mM]_[cC][oO][nN][fF][iI][gG]_/;
// `NAME=`, `NAME+=`, `NAME++`, `--NAME` as arithmetic would read them (`==`, `<=` are comparisons),
// an element too (`BASH_CMDS[ls]=1`, with one level of brackets inside the subscript).
const ARITHMETIC_ASSIGNED = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[(?:[^[\]]|\[[^\]]*\])*\])?\s*(?:(?:[-+*/%&|^]|<<|>>)?=(?!=)|\+\+|--)|(?:\+\+|--)\s*([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A dangerous variable that text read as arithmetic would assign, or null: `${a[PATH=0]}`,
 * `${x:PATH=0}` and `test -v 'a[PATH=0]'` set PATH as `$((PATH=0))` does.
 */
export function arithmeticDanger(text: string): string | null {
  if (!text.includes('=') && !text.includes('++') && !text.includes('--')) return null;
  // Every dangerous name has a capital letter but npm's settings: most words are done here.
  if (!MAY_NAME_DANGER.test(text)) return null;
  for (const m of text.matchAll(ARITHMETIC_ASSIGNED)) {
    const name = m[1] ?? m[2];
    if (name !== undefined && isDangerousName(name)) return name;
  }
  return null;
}

/** The characters that end an operand in arithmetic text. */
const OPERAND_END = /[\s()+\-*/%&|^!<>=?:,~[\]]/;

/** Where the `[` each matched `]` closes stands, in one pass (a scan back per `]=` is quadratic). */
function openingBrackets(text: string): Map<number, number> {
  const opening = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[') open.push(i);
    else if (text[i] === ']' && open.length > 0) opening.set(i, open.pop() as number);
  }
  return opening;
}

/**
 * Whether arithmetic text assigns (`=`, `+=`…, `++`, `--`) a variable whose name holds an
 * expansion, a quote or a backslash (`$x = 0`, `"HOME" = 0`, `HO${x}ME++`): bash expands and
 * removes quotes first, so the name assigned may be PATH or HOME (audit 47, BI-2, BI-3). An
 * array element whose name is written out (`a[$i] = 1`) is not one; a subscript's own
 * assignments are (`a["HOME"=0]`).
 */
export function hiddenArithmeticTarget(text: string): boolean {
  const hidden = (token: string): boolean => /[$"'`\\]/.test(token);
  let opening: Map<number, number> | undefined;
  for (const m of text.matchAll(/(?:[-+*/%&|^]|<<|>>)?=(?!=)|\+\+|--/g)) {
    const at = m.index;
    if (m[0] === '=' && /[=!<>]/.test(text[at - 1] ?? '')) continue;
    // The operand next to it, blanks between skipped: each scan stops at the operand's end.
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    // An element (`a[$i] = 1`, `$x[0] = 1`): the array's name is before its subscript.
    if (text[end - 1] === ']') end = (opening ??= openingBrackets(text)).get(end - 1) ?? end;
    let start = end;
    while (start > 0 && !OPERAND_END.test(text[start - 1] ?? '')) start--;
    if (hidden(text.slice(start, end))) return true;
    if (m[0] === '++' || m[0] === '--') {
      let from = at + 2;
      while (from < text.length && /\s/.test(text[from] ?? '')) from++;
      let to = from;
      while (to < text.length && !OPERAND_END.test(text[to] ?? '')) to++;
      if (hidden(text.slice(from, to))) return true;
    }
  }
  return false;
}

/**
 * Whether a static text would run code when bash reads it as a variable name or arithmetic: a
 * `$(` or backquote inside a subscript, nested subscripts included (`a[b[0]+$(cmd)]`).
 */
export function hasEvaluatedSubscript(text: string): boolean {
  // One pass: whatever lies inside a subscript, at any depth, is inside the outermost one.
  let depth = 0;
  for (let i = text.indexOf('['); i >= 0 && i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (depth > 0 && (ch === '`' || (ch === '$' && text[i + 1] === '('))) return true;
  }
  return false;
}

/** Builtins that read some operands as variable names, or values as arithmetic. */
const NAME_READERS = new Set(['printf', 'read', 'unset', 'declare', 'typeset', 'local', 'export', 'readonly', 'test', '[', 'mapfile', 'readarray', 'wait', 'getopts']);

/** Builtins whose operands are assignments or variable names (SPEC 5.6 names them for `export`). */
const DECLARATION = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

export function isDeclarationBuiltin(name: string): boolean {
  return DECLARATION.has(name);
}

/**
 * An operand a declaration builtin reads as a compound array assignment even when it was quoted
 * (`declare -a 'a=($(cmd))'`): bash parses the `( … )` again as shell words, running what is inside.
 */
export const COMPOUND_OPERAND = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=\(/;

/**
 * Why a command sets a dangerous variable through its operands, or null. Covers the declaration
 * builtins, and `read`/`printf -v`/`mapfile`/`getopts`/`let`, which set variables too.
 */
export function operandAssignmentDanger(args: readonly Arg[]): string | null {
  const first = args[0];
  if (first === undefined || first.dynamic !== null) return null;
  const name = first.value;
  // Only literal text can hide a subscript: a real `$( )` in an operand ran and was judged.
  if (NAME_READERS.has(name) && args.some((a, i) => i > 0 && hasEvaluatedSubscript(literalText(a)))) return SUBSCRIPT_REASON;
  if (DECLARATION.has(name)) return declarationDanger(args);
  switch (name) {
    case 'read':
      return namesDanger(args, 'adDinNptu', 'a');
    case 'mapfile':
    case 'readarray':
      return namesDanger(args, 'dnOsuCc', '');
    case 'unset':
      // Removing PS4 runs nothing new; a name only known at run time may be `a[$(cmd)]`. Without
      // PATH, bash searches its default path, which ends in `.`: `unset PATH; x` runs ./x.
      if (args.some((a, i) => i > 0 && a.dynamic !== null)) return DYNAMIC_NAME;
      return args.some((a, i) => i > 0 && a.value === 'PATH') ? 'unset PATH makes bash search its default path, which holds the current folder' : null;
    case 'getopts':
      // `getopts OPTSTRING NAME [ARG…]`: only NAME is a variable.
      return args[2] === undefined ? null : nameDanger(args[2]);
    case 'printf':
      return printfDanger(args);
    case 'let':
      return letDanger(args);
    case 'wait':
      return waitDanger(args);
    case 'nameref':
      // ksh93 predefines the alias `nameref='typeset -n'` (`ksh -c 'nameref r=PATH; r=./bin'`);
      // bash has no such command, so asking costs nothing there.
      return NAMEREF;
    case 'hash':
      // `hash -p /bin/rm ls` makes every later `ls` run rm; a word only known at run time may be -p.
      if (args.some((a, i) => i > 0 && a.dynamic !== null)) return 'hash takes a word only known at run time, which may be -p: a command name would then run another program';
      return args.some((a, i) => i > 0 && /^-[a-z]*p/.test(a.value)) ? 'hash -p makes a command name run another program' : null;
    case 'history':
      // `history -s TEXT; history -w FILE` writes any text to any file, with no redirection to judge.
      return args.some((a, i) => i > 0 && /^-[a-z]*[aw]/.test(a.value)) && args.some((a, i) => i > 0 && !a.value.startsWith('-'))
        ? 'history -a/-w writes the history to a file it names, with no redirection to judge'
        : null;
  }
  return null;
}

function declarationDanger(args: readonly Arg[]): string | null {
  // `export -n` un-exports; only declare, typeset and local make namerefs.
  const makesNamerefs = args[0]?.value !== 'export' && args[0]?.value !== 'readonly';
  let nameref = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    if (a.split) return 'dynamic operand of a declaration builtin';
    const v = a.value;
    // `declare "$a"=x`: the name is only known at run time.
    if (a.dynamic !== null && /[$`]/.test(v.slice(0, v.indexOf('=') < 0 ? v.length : v.indexOf('=')))) return 'dynamic variable name in a declaration builtin';
    if ((v.startsWith('-') || v.startsWith('+')) && assignedName(v) === null) {
      if (v.includes('n')) {
        // `declare -n r; r=PS4; r='$(cmd)'`: which variable `r=` sets is decided at run time.
        if (makesNamerefs && v.startsWith('-')) return NAMEREF;
        nameref = true;
      }
      continue;
    }
    const set = assignedName(v);
    if (set !== null && isDangerousUnlessWritten(set, v.slice(v.indexOf('=') + 1), a.dynamic !== null || v[v.indexOf('=') - 1] === '+')) return dangerReason(set);
    // `export -n PATH` leaves the programs bash starts with no PATH, so they search the default.
    if (set === null && nameref && !makesNamerefs && v === 'PATH') return 'export -n PATH leaves child programs searching the default path';
    // `declare -n ref=PATH` makes every later `ref=...` an assignment to PATH.
    if (nameref && set !== null) {
      const target = v.slice(v.indexOf('=') + 1);
      if (isDangerousName(target)) return dangerReason(target);
    }
  }
  return null;
}

/** Operands after options are variable names (`read -r PATH`); `extra` options name one too. */
function namesDanger(args: readonly Arg[], withValue: string, extra: string): string | null {
  let options = true;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v.length > 1 && v.startsWith('-')) {
      for (let j = 1; j < v.length; j++) {
        const ch = v[j] ?? '';
        if (!withValue.includes(ch)) continue;
        const value = j + 1 < v.length ? { ...a, value: v.slice(j + 1) } : args[++i];
        if (extra.includes(ch) && value !== undefined) {
          const why = nameDanger(value);
          if (why !== null) return why;
        }
        break;
      }
      continue;
    }
    options = false;
    const why = nameDanger(a);
    if (why !== null) return why;
  }
  return null;
}

/** Why a word read as a variable name sets a dangerous variable (or one only known at run time). */
function nameDanger(a: Arg): string | null {
  if (a.dynamic !== null) return DYNAMIC_NAME;
  const name = baseName(a.value);
  return isDangerousName(name) ? dangerReason(name) : null;
}

/**
 * An option word only known at run time may be the one that names a variable to set (`x=-v;
 * printf $x PS4 …`, `wait $x PATH`): then the next word is that name, and a name this command may
 * not set asks. Split, printf's word may hold the name too (`x='-v PS4'; printf $x …`); wait only
 * stores a job id, so `wait $pids` stays as it is.
 */
function runtimeOptionDanger(a: Arg, next: Arg | undefined, by: 'printf' | 'wait'): string | null {
  const option = by === 'printf' ? '-v' : '-p';
  if (a.split && by === 'printf') return `printf's option word ${a.value} is only known at run time, and may set a variable it names (-v NAME)`;
  const named = next === undefined ? null : nameDanger(next);
  return named === null ? null : `${by}'s option word ${a.value} is only known at run time, and may be ${option}: ${named}`;
}

function printfDanger(args: readonly Arg[]): string | null {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    // bash reads every option before the format: a later `-v NAME` is the one that sets.
    if (v === '-v') {
      const target = args[++i];
      const danger = target === undefined ? null : nameDanger(target);
      if (danger !== null) return danger;
      continue;
    }
    if (v.startsWith('-v') && v.length > 2) {
      const danger = nameDanger({ ...a, value: v.slice(2) });
      if (danger !== null) return danger;
      continue;
    }
    if (a.dynamic !== null) return runtimeOptionDanger(a, args[i + 1], 'printf');
    if (!v.startsWith('-') || v === '--') return null;
  }
  return null;
}

/** `wait -p NAME` stores a job id in NAME; the operands are job ids, not names. */
function waitDanger(args: readonly Arg[]): string | null {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    // `-p"$v"` names its variable at run time (below); `$x` or `-$x` may itself be -p.
    if (a.dynamic !== null && !/^-[A-Za-z]*p/.test(v)) return runtimeOptionDanger(a, args[i + 1], 'wait');
    if (v === '--' || !v.startsWith('-') || v.length < 2) return null;
    const p = v.indexOf('p');
    if (p < 0) continue;
    const attached = p + 1 < v.length;
    const name = attached ? { ...a, value: v.slice(p + 1) } : args[++i];
    // Every `-p` is read before the job ids: a later one is the one that sets.
    const danger = name === undefined ? null : nameDanger(name);
    if (danger !== null) return danger;
  }
  return null;
}

const LET_ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^\]]*\])?\s*[-+*/%&|^<>]*=(?!=)/;

const LET_STEP = /(?:\+\+|--)\s*([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)\s*(?:\+\+|--)/g;

function letDanger(args: readonly Arg[]): string | null {
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    // bash expands `$(…)` in array subscripts while it evaluates the expression.
    if (v.includes('$(') || v.includes('`')) return 'let evaluates command substitutions inside its expressions';
    // `let "$x=51"`: the name assigned is only known at run time (audit 47, BI-2).
    if (args[i]?.dynamic !== null && hiddenArithmeticTarget(args[i]?.value ?? '')) return 'let assigns a variable whose name may be only known at run time';
    const m = LET_ASSIGNMENT.exec(v);
    if (m?.[1] !== undefined && isDangerousName(m[1])) return dangerReason(m[1]);
    for (const step of v.matchAll(LET_STEP)) {
      const name = step[1] ?? step[2];
      if (name !== undefined && isDangerousName(name)) return dangerReason(name);
    }
  }
  return null;
}

/** The arithmetic assignment operators (`=`, `+=`, `<<=`…), not comparisons. */
export function isArithmeticAssignment(operator: string): boolean {
  if (!operator.endsWith('=')) return false;
  return operator !== '==' && operator !== '!=' && operator !== '<=' && operator !== '>=';
}
