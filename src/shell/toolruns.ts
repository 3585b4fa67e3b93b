// Everyday tools that run a command an option names: `tar --to-command=CMD`, `tar -I CMD`,
// `sort --compress-program=PROG`, `rsync -e CMD`, `ssh -o ProxyCommand=CMD`, `man -P CMD`,
// `go test -exec CMD`, `zip -TT CMD`, `install --strip-program`, cargo's `--config …runner=…`,
// sed's `e` command, sqlite3's `.shell`, psql's and mysql's `\!`, `tcpdump -z CMD`, ansible's
// command modules. A policy that trusts `tar *` or `sed *` does not trust what these run, so it is
// judged (a script or a program) or, where it cannot be read, asks.
import { forEachValueOption, runtimeOptionReason, type ValueOption, type ValueOptionTable } from './options.ts';
import { posixShellDoubt } from './posix.ts';
import { AWKS, awkRuns, MAKES, makeRuns } from './programs.ts';
import { PYTHON, pytestWrites, pythonPytest } from './pytest.ts';
import { sedRuns } from './sed.ts';
import { COMPILER } from './tool-outputs.ts';
import { askingOrNone, NO_RUNS as NONE, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/** What an option's value is to the tool: a shell command line, or one program it runs. */
type Runs = 'script' | 'program';

interface ToolOption extends ValueOption {
  runs: Runs;
}

type ToolTable = ValueOptionTable<ToolOption>;

const TABLES: ReadonlyMap<string, ToolTable> = new Map<string, ToolTable>([
  ['tar', {
    options: [
      { long: 'to-command', runs: 'script' }, { long: 'use-compress-program', short: 'I', runs: 'script' },
      { long: 'info-script', short: 'F', runs: 'script' }, { long: 'new-volume-script', runs: 'script' },
      { long: 'rsh-command', runs: 'program' }, { long: 'rmt-command', runs: 'program' },
    ],
    shortWithValue: 'bCfgHKLNTVX',
  }],
  ['sort', { options: [{ long: 'compress-program', runs: 'program' }], shortWithValue: 'koStT' }],
  ['rsync', { options: [{ long: 'rsh', short: 'e', runs: 'script' }, { long: 'rsync-path', runs: 'script' }], shortWithValue: 'BfMT' }],
  ['scp', { options: [{ short: 'S', runs: 'program' }, { short: 'D', runs: 'program' }], shortWithValue: 'cFiJlPo' }],
  ['sftp', { options: [{ short: 'S', runs: 'program' }, { short: 'D', runs: 'program' }], shortWithValue: 'BbcFiJlPRo' }],
  ['man', { options: [{ long: 'pager', short: 'P', runs: 'script' }, { long: 'html', short: 'H', runs: 'script' }], shortWithValue: 'CELMmpRrSes' }],
  // `go vet -vettool=PROG` runs PROG in place of vet (audit 45, BD-8); go's flags take no prefix.
  ['go', { options: [{ long: 'exec', runs: 'script' }, { long: 'toolexec', runs: 'script' }, { long: 'vettool', min: 7, runs: 'program' }], shortWithValue: '', singleDashLong: true }],
  // install -s runs the --strip-program; split --filter runs its command with $SHELL -c; diff3 and
  // sdiff run their --diff-program. No other long option of split, diff3 or sdiff shares its first
  // letter, so getopt takes `--f` and `--d` (audit 41, AR-8).
  ['install', { options: [{ long: 'strip-program', min: 6, runs: 'program' }], shortWithValue: 'gmoSt' }],
  ['split', { options: [{ long: 'filter', min: 1, runs: 'script' }], shortWithValue: 'abCdlnt' }],
  ['diff3', { options: [{ long: 'diff-program', min: 1, runs: 'program' }], shortWithValue: 'L' }],
  ['sdiff', { options: [{ long: 'diff-program', min: 1, runs: 'program' }], shortWithValue: 'ow' }],
  // zip --unzip-command (`-TT CMD`) tests the archive with CMD through a shell.
  ['zip', { options: [{ long: 'unzip-command', min: 3, runs: 'script' }], shortWithValue: 'bnOPtx' }],
  // tcpdump -z runs its program on each savefile it rotates out (-C, -G).
  ['tcpdump', { options: [{ long: 'postrotate-command', short: 'z', runs: 'program' }], shortWithValue: 'BcCEFGijMmQrsTVwWyZ' }],
]);

/** ssh options (`-o Key=Value`) whose value ssh runs with the user's shell. */
const SSH_COMMAND_KEYS = /^(?:proxycommand|localcommand|knownhostscommand)$/i;
const SSH_NAMES = new Set(['ssh', 'scp', 'sftp']);

/** cargo settings (`--config KEY=VALUE`) that name a program cargo runs, or its environment. */
const CARGO_RUNNING_KEY = /(?:^|\.)(?:runner|rustc|rustdoc|rustc-wrapper|rustc-workspace-wrapper|linker|credential-provider|global-credential-providers)$|^env\./;

export const TOOLS_WITH_RUNS: ReadonlySet<string> = new Set([
  ...TABLES.keys(), 'ssh', 'sed', 'cargo', 'ansible', 'sqlite3', 'psql', 'mysql', 'mariadb', 'lftp', 'fzf', 'apt-get', 'apt', 'dpkg',
  'pytest', 'py.test', 'python', 'gh', 'glab', 'jj', ...AWKS, ...MAKES,
]);

/** The name a tool is looked up by: `python3.12` is python. */
export function toolKey(name: string): string {
  return name.charCodeAt(0) === 0x70 && PYTHON.test(name) ? 'python' : name;
}

/**
 * The mysql client's commands that run a program (`\! CMD`/`system`, `\P CMD`/`pager`, `\e`/`edit`)
 * or write a file (`\T`/`tee`).
 */
const MYSQL_RUNS = /\\[!PeT]|(?:^|[;\n])\s*(?:system|pager|edit|tee)\b/i;

/** Arguments that make a client or package tool run a shell command (`.shell`, `\!`, `Pre-Invoke`). */
const RUNS_SHELL: Readonly<Record<string, RegExp>> = lookupTable({
  sqlite3: /^\s*\.(?:sh|she|shel|shell|sy|sys|syst|syste|system|once|output|import)\b/m,
  // `\!`, output or a query buffer piped to a command (`\o |CMD`, `\g |CMD`), the editor
  // (`\e`, `\ef`), and COPY's PROGRAM, which runs a command (\copy's on this machine).
  psql: /\\!|\\(?:o|out|gx?|w|write)[ \t]*\||\\(?:e|edit|ef|ev)(?![A-Za-z])|\bcopy\b[^;]*\bprogram\b/i,
  mysql: MYSQL_RUNS,
  mariadb: MYSQL_RUNS,
  // lftp's `!CMD`, and `source -e CMD`, which runs one.
  lftp: /!|\bsource\s+-e\b/,
  // fzf's preview command and the actions a key or event binds that run one (`start:execute(CMD)`).
  fzf: /^--(?:preview|with-shell|listen)|\b(?:execute(?:-silent|-multi)?|become|reload(?:-sync)?|preview|change-preview|(?:bg-)?transform[\w-]*)[([{<~!@#$%^&*;/|:]/,
  'apt-get': /(?:Pre|Post)-Invoke|Dpkg::Pre-Install-Pkgs/i,
  apt: /(?:Pre|Post)-Invoke|Dpkg::Pre-Install-Pkgs/i,
  dpkg: /--(?:pre|post)-invoke/,
});
/** Whether `text`, commands for client `name` (psql, mysql…), holds one that runs a shell command. */
export function runsShellCommand(name: string, text: string): boolean {
  return RUNS_SHELL[name]?.test(text) === true;
}

/** Of those, the ones whose arguments are commands themselves, so one only known at run time may be one. */
const COMMAND_ARGS = new Set(['sqlite3', 'psql', 'mysql', 'mariadb', 'lftp', 'fzf']);

/** gcc's drivers among the compilers (`gcc-12`, `x86_64-linux-gnu-g++`, `cc`, `c++`), which take `-wrapper`. */
const GCC_DRIVERS: ReadonlySet<string> = new Set(['gcc', 'g++', 'cc', 'c++']);

export function isGccDriver(name: string): boolean {
  return (name.includes('cc') || name.includes('++')) && GCC_DRIVERS.has(COMPILER.exec(name)?.[1] ?? '');
}

/**
 * gcc's `-wrapper PROG,ARG…` runs every step of the build (cc1, as, collect2) under that command
 * line (audit 45, BD-7): it is judged as a sub-command.
 */
export function compilerRuns(args: readonly Arg[], name: string): Unwrapped {
  if (!args.some((a) => a.value === '-wrapper')) return NONE;
  const commands: Arg[][] = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i]?.value !== '-wrapper') continue;
    const value = args[++i];
    if (value === undefined) break;
    if (value.dynamic !== null) return { ...NONE, forceAsk: `${name} -wrapper runs every build step under a command only known at run time (${value.dynamic})` };
    commands.push(value.value.split(',').map((word) => ({ ...value, value: word, pos: -1 })));
  }
  return commands.length === 0 ? NONE : { ...NONE, commands };
}

export function toolRuns(args: readonly Arg[], name: string): Unwrapped {
  if (name === 'sed') return sedRuns(args);
  if (name === 'pytest' || name === 'py.test') return pytestWrites(args, 1);
  if (name === 'python') {
    const from = pythonPytest(args);
    return from < 0 ? NONE : pytestWrites(args, from);
  }
  if (AWKS.has(name)) return awkRuns(args, name);
  if (MAKES.has(name)) return makeRuns(args, name);
  if (name === 'cargo') return cargoRuns(args);
  if (name === 'ansible') return ansibleRuns(args);
  if (name === 'gh' || name === 'glab') return ghStoredCommands(args, name);
  if (name === 'jj') return jjRuns(args);
  const shellPattern = RUNS_SHELL[name];
  if (shellPattern !== undefined) {
    const hit = args.find((a, i) => i > 0 && shellPattern.test(a.value));
    if (hit !== undefined) return { ...NONE, forceAsk: `${name} ${hit.value.slice(0, 40)}: runs a shell command from its arguments, which is not judged here` };
    const dynamic = COMMAND_ARGS.has(name) ? args.find((a, i) => i > 0 && a.dynamic !== null) : undefined;
    if (dynamic !== undefined) return { ...NONE, forceAsk: `${name} is given a command only known at run time (${dynamic.dynamic ?? ''}), which may run a shell command` };
    return askingOrNone(runtimeOptionReason(args, 1, name));
  }
  const runs: Unwrapped = { wrapper: false, commands: [], views: [], scripts: [], forceAsk: null };
  if (name === 'zip') zipUnzipCommands(args, runs);
  if (SSH_NAMES.has(name)) sshOptions(args, name, runs);
  const table = TABLES.get(name);
  if (table !== undefined) scan(args, table, name, runs);
  if (name === 'tar') tarCheckpoints(args, runs);
  // `tar "$(echo --to-command=rm)" -xf a.tar`: a word only known at run time may be any option.
  runs.forceAsk ??= runtimeOptionReason(args, 1, name);
  return runs.scripts.length === 0 && runs.commands.length === 0 && runs.forceAsk === null ? NONE : runs;
}

/** gh settings whose value is a command gh runs later. */
const GH_COMMAND_KEYS = new Set(['editor', 'pager', 'browser']);

/**
 * Commands gh stores to run later (audit 37, AF-10): `gh alias set NAME '!CMD'` or `--shell`
 * (run with sh by `gh NAME`), `gh config set editor|pager|browser CMD`, judged now as `git config
 * core.pager` is; `gh alias import` reads aliases from a file, which is not judged here.
 */
function ghStoredCommands(args: readonly Arg[], name: string): Unwrapped {
  const words = args.slice(1);
  const at = (w: string): number => words.findIndex((a) => a.value === w);
  const operands = (from: number): Arg[] => words.slice(from).filter((a) => a.dynamic !== null || !a.value.startsWith('-'));
  const alias = at('alias');
  if (alias >= 0) {
    const verb = words[alias + 1];
    if (verb?.value === 'import') return { ...NONE, forceAsk: `${name} alias import reads aliases from a file, and one that starts with ! or is --shell runs a shell command` };
    if (verb?.value === 'set') {
      const [, expansion] = operands(alias + 2);
      const shell = words.slice(alias + 2).some((a) => a.value === '--shell' || a.value === '-s');
      if (expansion === undefined) return NONE;
      if (expansion.dynamic !== null) return { ...NONE, forceAsk: `${name} alias set with an expansion only known at run time, which may be a shell command` };
      if (shell || expansion.value.startsWith('!')) {
        return { ...NONE, scripts: [{ arg: { ...expansion, value: expansion.value.replace(/^!/, '') }, by: `${name} alias set` }] };
      }
      // A plain alias is the command it stands for, with the words after it appended (audit 45,
      // BC-3): judged as that command when stored, as a stored git alias is.
      return { ...NONE, scripts: [{ arg: { ...expansion, value: `${name} ${expansion.value}` }, by: `${name} alias set` }] };
    }
    return NONE;
  }
  const config = at('config');
  if (config >= 0 && words[config + 1]?.value === 'set') {
    const [key, value] = operands(config + 2);
    if (key === undefined || value === undefined) return NONE;
    if (key.dynamic !== null) return { ...NONE, forceAsk: `${name} config set of a key only known at run time, which may be the editor, pager or browser` };
    if (GH_COMMAND_KEYS.has(key.value)) return { ...NONE, scripts: [{ arg: value, by: `${name} config set ${key.value}` }] };
  }
  return NONE;
}

/** jj settings whose value names a command jj runs, or an alias (a jj command line of its own). */
const JJ_COMMAND_KEY = /^(?:"?aliases|ui\.(?:pager|editor|diff-editor|merge-editor|diff-formatter|diff\.tool)|merge-tools|fix|signing|git\.(?:executable-path|subprocess))(?:[.="]|$)/;

/**
 * jj (audit 45, BC-4): `jj util exec [--] CMD…` runs CMD; settings that name a command or an
 * alias, given with `--config KEY=VALUE` or stored with `jj config set`, and a config file or TOML
 * of settings (`--config-file`, `--config-toml`), ask.
 */
function jjRuns(args: readonly Arg[]): Unwrapped {
  const words = args.slice(1);
  for (let i = 0; i < words.length; i++) {
    const v = words[i]?.value ?? '';
    if (/^--config-(?:file|toml)(?:=|$)/.test(v)) return { ...NONE, forceAsk: `jj ${v.split('=')[0] ?? ''} reads settings, which can name commands jj runs or aliases` };
    const given = v === '--config' ? words[i + 1] : v.startsWith('--config=') ? words[i] : undefined;
    const setting = given === undefined ? null : v === '--config' ? given.value : v.slice(9);
    if (given !== undefined && given.dynamic !== null) return { ...NONE, forceAsk: 'jj --config is given a setting only known at run time, which may name a command jj runs' };
    if (setting !== null && JJ_COMMAND_KEY.test(setting)) return { ...NONE, forceAsk: `jj --config ${setting.split('=')[0] ?? ''} names a command jj runs, or an alias` };
    if (v === 'util' && words[i + 1]?.value === 'exec') {
      const rest = words.slice(i + 2);
      const command = rest[0]?.value === '--' ? rest.slice(1) : rest;
      return command.length === 0 ? NONE : { ...NONE, commands: [command] };
    }
    if (v === 'config' && words[i + 1]?.value === 'set') {
      const key = words.slice(i + 2).find((a) => !a.value.startsWith('-'));
      if (key !== undefined && (key.dynamic !== null || JJ_COMMAND_KEY.test(key.value))) return { ...NONE, forceAsk: `jj config set ${key.value} names a command jj runs, or an alias` };
      return NONE;
    }
  }
  return NONE;
}

/**
 * zip's `-TT` (the short form of --unzip-command) and the value zip 3.0 reads for it: the next
 * word, or the rest of its own word with or without `=` (`-TT=CMD`, `-TT'CMD'`), also after flag
 * letters of the same cluster (`-qTTCMD`). A letter that takes a value before it has swallowed it.
 */
const ZIP_TT = /^-([A-Za-z0-9]*?)TT(=?)(.*)$/s;
const ZIP_VALUE_LETTERS = /[bnOPtxiZs]/;

function zipUnzipCommands(args: readonly Arg[], runs: Unwrapped): void {
  for (let k = 1; k < args.length; k++) {
    const word = args[k];
    if (word === undefined) continue;
    if (word.value === '--') return;
    const m = ZIP_TT.exec(word.value);
    if (m === null || ZIP_VALUE_LETTERS.test(m[1] ?? '')) continue;
    const attached = (m[2] ?? '') !== '' || (m[3] ?? '') !== '';
    const command = attached ? { ...word, value: m[3] ?? '' } : args[++k];
    if (command !== undefined) take({ runs: 'script' }, command, 'zip -TT', runs);
  }
}

function take(option: ToolOption, value: Arg, by: string, runs: Unwrapped): void {
  if (option.runs === 'program') {
    runs.commands.push([value]);
    return;
  }
  // split --filter and ssh's ProxyCommand run with $SHELL -c.
  const script: ScriptArg = /^(?:split|ssh|scp|sftp)\b/.test(by) ? { arg: value, by, userShell: true } : { arg: value, by };
  runs.scripts.push(script);
  runs.forceAsk ??= posixShellDoubt(value.value, by);
}

function scan(args: readonly Arg[], table: ToolTable, name: string, runs: Unwrapped): void {
  // `go run [flags] PACKAGE ARGS…`: what follows the package is the program's own arguments.
  const end = name === 'go' && args[1]?.value === 'run' ? goRunEnd(args) : args.length;
  forEachValueOption(args.slice(0, end), 1, table, (option, value, spelled) => take(option, value, `${name} ${spelled}`, runs));
  // Old-style tar options (`tar xIf zstd a.tar`) take their values from the words that follow.
  const first = args[1];
  if (name === 'tar' && first !== undefined && /^[A-Za-z]+$/.test(first.value) && /[IF]/.test(first.value)) {
    runs.forceAsk ??= `tar ${first.value}: an old-style I or F option names a command tar runs`;
  }
}

/** go build flags that take the next word as value when written without `=`. */
const GO_VALUE_FLAGS = /^--?(?:exec|toolexec|vettool|tags|ldflags|gcflags|asmflags|gccgoflags|mod|modfile|overlay|o|p|pgo|pkgdir|installsuffix|buildmode|compiler|covermode|coverpkg|C)$/;

/** The index of `go run`'s package word (its first operand), or the end. */
function goRunEnd(args: readonly Arg[]): number {
  for (let i = 2; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--') return i;
    if (!v.startsWith('-')) return i;
    // A flag this table does not know may take the next word too: taking it as a value only
    // moves the end later, so more is scanned.
    if (GO_VALUE_FLAGS.test(v) || !v.includes('=')) i++;
  }
  return args.length;
}

/** `tar --checkpoint-action=exec=CMD` runs CMD at each checkpoint. */
function tarCheckpoints(args: readonly Arg[], runs: Unwrapped): void {
  for (let k = 1; k < args.length; k++) {
    const word = args[k];
    if (word === undefined) continue;
    const v = word.value;
    if (v === '--') return;
    // Any prefix longer than `--checkpoint` names --checkpoint-action (`--checkpoint-=exec=…`).
    const m = /^--(checkpoint-[a-z]*)(=?)(.*)$/s.exec(v);
    if (m === null || !'checkpoint-action'.startsWith(m[1] ?? '')) continue;
    m.splice(1, 1);
    const value = m[1] === '=' ? m[2] ?? '' : args[++k]?.value ?? '';
    if (/^exec=/.test(value)) take({ runs: 'script' }, { ...word, value: value.slice(5) }, 'tar --checkpoint-action=exec', runs);
  }
}

/** Short options of ssh, scp and sftp that take a value (the rest of a cluster, or the next word). */
export const SSH_VALUE_LETTERS: Readonly<Record<string, string>> = lookupTable({ ssh: 'BbcDEeFIiJLlmOoPpQRSWw', scp: 'cDFiJlPoSX', sftp: 'BbcDFiJlPRSoX' });

/** `-o ProxyCommand=CMD` in any cluster (`-vo …`, `-4oProxyCommand=…`); `-F FILE` reads such settings. */
function sshOptions(args: readonly Arg[], name: string, runs: Unwrapped): void {
  const withValue = SSH_VALUE_LETTERS[name] ?? '';
  for (let k = 1; k < args.length; k++) {
    const word = args[k];
    if (word === undefined) continue;
    const v = word.value;
    if (v === '--') return;
    if (v.length < 2 || !v.startsWith('-') || v.startsWith('--')) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (!withValue.includes(ch)) continue;
      const value = j + 1 < v.length ? { ...word, value: v.slice(j + 1) } : args[++k];
      // `-F /dev/null` is the idiom for "no configuration file".
      if (ch === 'F' && value?.value !== '/dev/null') runs.forceAsk ??= `${name} -F reads ssh settings from a file, and they can name commands ssh runs (ProxyCommand)`;
      if (ch === 'o' && value !== undefined) {
        const setting = sshSetting(value.value);
        // OpenSSH ignores such a line; another reading of it may not.
        if (setting === null) runs.forceAsk ??= `${name} -o ${value.value.slice(0, 40)}: a setting whose keyword opens a quote it does not close`;
        else if (SSH_COMMAND_KEYS.test(setting.keyword)) {
          take({ runs: 'script' }, { ...value, value: setting.value }, `${name} -o ${setting.keyword}`, runs);
        }
      }
      break;
    }
  }
}

/**
 * The keyword and value of an ssh setting line as OpenSSH's strdelim() splits it: blanks and one
 * `=` before the keyword are skipped, and the first double-quoted stretch in the keyword loses its
 * quotes and ends it (`"ProxyCommand" CMD`, `Proxy"Command"=CMD`). Null for a quote left open.
 */
function sshSetting(line: string): { keyword: string; value: string } | null {
  const text = line.replace(/^[ \t\r\n]*=?[ \t\r\n]*/, '');
  const end = text.search(/[ \t\r\n"=]/);
  if (end < 0) return { keyword: text, value: '' };
  let keyword = text.slice(0, end);
  let rest = text.slice(end);
  if (rest.startsWith('"')) {
    const close = rest.indexOf('"', 1);
    if (close < 0) return null;
    keyword += rest.slice(1, close);
    rest = rest.slice(close + 1);
  }
  // The command is what follows the keyword's blanks and `=` signs.
  return { keyword, value: rest.replace(/^[ \t\r\n=]+/, '') };
}

/** `cargo --config KEY=VALUE` naming a runner, wrapper or linker; `--config FILE` may hold one. */
function cargoRuns(args: readonly Arg[]): Unwrapped {
  const runtime = runtimeOptionReason(args, 1, 'cargo');
  if (runtime !== null) return askingOrNone(runtime);
  for (let k = 1; k < args.length; k++) {
    const v = args[k]?.value ?? '';
    if (v === '--') break;
    let value: string | null = null;
    if (v === '--config') value = args[++k]?.value ?? '';
    else if (v.startsWith('--config=')) value = v.slice('--config='.length);
    if (value === null) continue;
    const eq = value.indexOf('=');
    // TOML allows quoted key parts and blanks around the dots (`target . T . "runner"`).
    const key = eq < 0 ? null : value.slice(0, eq).replace(/["'\s]/g, '').toLowerCase();
    if (key === null) return { ...NONE, forceAsk: `cargo --config ${value} reads settings from a file, which can name programs cargo runs` };
    if (CARGO_RUNNING_KEY.test(key)) return { ...NONE, forceAsk: `cargo --config ${key} names a program cargo runs` };
  }
  return NONE;
}

/** ansible's modules whose arguments are a command line (`command` is the default module). */
const ANSIBLE_COMMANDS = /^(?:ansible\.(?:builtin|legacy)\.)?(?:command|shell|raw|script|expect)$/;
const ANSIBLE: ValueOptionTable<ValueOption> = {
  options: [{ long: 'module-name', short: 'm' }, { long: 'args', short: 'a' }],
  shortWithValue: 'BPcefilMtTu',
};

/** `ansible HOSTS [-m shell|command|raw] -a CMD`: CMD runs on the hosts, which may be this one (`-c local`). */
function ansibleRuns(args: readonly Arg[]): Unwrapped {
  const modules: Arg[] = [];
  const commands: Arg[] = [];
  forEachValueOption(args, 1, ANSIBLE, (option, value) => (option.short === 'm' ? modules : commands).push(value));
  // The last -m wins.
  const module = modules[modules.length - 1];
  const runs: Unwrapped = { ...NONE, scripts: [] };
  runs.forceAsk = runtimeOptionReason(args, 1, 'ansible') ??
    (module?.dynamic != null ? `ansible module only known at run time (${module.dynamic}), which may run its arguments as a command` : null);
  if (module !== undefined && module.dynamic === null && !ANSIBLE_COMMANDS.test(module.value)) return askingOrNone(runs.forceAsk);
  for (const command of commands) take({ runs: 'script' }, command, `ansible -m ${module?.value ?? 'command'}`, runs);
  return runs.scripts.length === 0 ? askingOrNone(runs.forceAsk) : runs;
}
