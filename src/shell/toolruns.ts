// Everyday tools that run a command an option names: `tar --to-command=CMD`, `tar -I CMD`,
// `sort --compress-program=PROG`, `rsync -e CMD`, `ssh -o ProxyCommand=CMD`, `man -P CMD`,
// `go test -exec CMD`, `zip -TT CMD`, `install --strip-program`, cargo's `--config …runner=…`,
// sed's `e` command, sqlite3's `.shell`, psql's `\!`. A policy that trusts `tar *` or `sed *` does
// not trust what these run, so it is judged (a script or a program) or, where it cannot be read,
// asks.
import { forEachValueOption, type ValueOption, type ValueOptionTable } from './options.ts';
import { posixShellDoubt } from './posix.ts';
import { AWKS, awkRuns, MAKES, makeRuns } from './programs.ts';
import { NO_RUNS as NONE, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

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
  ['go', { options: [{ long: 'exec', runs: 'script' }, { long: 'toolexec', runs: 'script' }], shortWithValue: '', singleDashLong: true }],
  // install -s runs the --strip-program; split --filter runs its command with $SHELL -c; diff3 and
  // sdiff run their --diff-program.
  ['install', { options: [{ long: 'strip-program', min: 6, runs: 'program' }], shortWithValue: 'gmoSt' }],
  ['split', { options: [{ long: 'filter', min: 3, runs: 'script' }], shortWithValue: 'abCdlnt' }],
  ['diff3', { options: [{ long: 'diff-program', runs: 'program' }], shortWithValue: 'L' }],
  ['sdiff', { options: [{ long: 'diff-program', runs: 'program' }], shortWithValue: 'ow' }],
  // zip --unzip-command (`-TT CMD`) tests the archive with CMD through a shell.
  ['zip', { options: [{ long: 'unzip-command', min: 3, runs: 'script' }], shortWithValue: 'bnOPtx' }],
]);

/** ssh options (`-o Key=Value`) whose value ssh runs with the user's shell. */
const SSH_COMMAND_KEYS = /^(?:proxycommand|localcommand|knownhostscommand)$/i;
const SSH_NAMES = new Set(['ssh', 'scp', 'sftp']);

/** cargo settings (`--config KEY=VALUE`) that name a program cargo runs, or its environment. */
const CARGO_RUNNING_KEY = /(?:^|\.)(?:runner|rustc|rustdoc|rustc-wrapper|rustc-workspace-wrapper|linker|credential-provider|global-credential-providers)$|^env\./;

export const TOOLS_WITH_RUNS: ReadonlySet<string> = new Set([...TABLES.keys(), 'ssh', 'sed', 'cargo', 'sqlite3', 'psql', 'apt-get', 'apt', 'dpkg', ...AWKS, ...MAKES]);

/** Arguments that make a client or package tool run a shell command (`.shell`, `\!`, `Pre-Invoke`). */
const RUNS_SHELL: Readonly<Record<string, RegExp>> = {
  sqlite3: /^\s*\.(?:sh|she|shel|shell|sy|sys|syst|syste|system|once|output|import)\b/m,
  psql: /\\!/,
  'apt-get': /(?:Pre|Post)-Invoke|Dpkg::Pre-Install-Pkgs/i,
  apt: /(?:Pre|Post)-Invoke|Dpkg::Pre-Install-Pkgs/i,
  dpkg: /--(?:pre|post)-invoke/,
};
/** Of those, the ones whose arguments are commands themselves, so one only known at run time may be one. */
const COMMAND_ARGS = new Set(['sqlite3', 'psql']);

export function toolRuns(args: readonly Arg[], name: string): Unwrapped {
  if (name === 'sed') return sedRuns(args);
  if (AWKS.has(name)) return awkRuns(args, name);
  if (MAKES.has(name)) return makeRuns(args, name);
  if (name === 'cargo') return cargoRuns(args);
  const shellPattern = RUNS_SHELL[name];
  if (shellPattern !== undefined) {
    const hit = args.find((a, i) => i > 0 && shellPattern.test(a.value));
    if (hit !== undefined) return { ...NONE, forceAsk: `${name} ${hit.value.slice(0, 40)}: runs a shell command from its arguments, which is not judged here` };
    const dynamic = COMMAND_ARGS.has(name) ? args.find((a, i) => i > 0 && a.dynamic !== null) : undefined;
    return dynamic === undefined ? NONE : { ...NONE, forceAsk: `${name} is given a command only known at run time (${dynamic.dynamic ?? ''}), which may run a shell command` };
  }
  if (name === 'zip') {
    // `-TT CMD`, the short form of --unzip-command.
    const at = args.findIndex((a) => a.value === '-TT');
    const command = at > 0 ? args[at + 1] : undefined;
    if (command !== undefined) return { wrapper: false, commands: [], views: [], scripts: [{ arg: command, by: 'zip -TT' }], forceAsk: posixShellDoubt(command.value, 'zip -TT') };
  }
  const runs: Unwrapped = { wrapper: false, commands: [], views: [], scripts: [], forceAsk: null };
  if (SSH_NAMES.has(name)) sshOptions(args, name, runs);
  const table = TABLES.get(name);
  if (table !== undefined) scan(args, table, name, runs);
  if (name === 'tar') tarCheckpoints(args, runs);
  return runs.scripts.length === 0 && runs.commands.length === 0 && runs.forceAsk === null ? NONE : runs;
}

function take(option: ToolOption, value: Arg, by: string, runs: Unwrapped): void {
  if (option.runs === 'program') {
    runs.commands.push([value]);
    return;
  }
  const script: ScriptArg = { arg: value, by };
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
const GO_VALUE_FLAGS = /^--?(?:exec|toolexec|tags|ldflags|gcflags|asmflags|gccgoflags|mod|modfile|overlay|o|p|pgo|pkgdir|installsuffix|buildmode|compiler|covermode|coverpkg|C)$/;

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
const SSH_VALUE_LETTERS: Readonly<Record<string, string>> = { ssh: 'BbcDEeFIiJLlmOoPpQRSWw', scp: 'cDFiJlPoSX', sftp: 'BbcDFiJlPRSoX' };

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
        const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(value.value);
        if (m !== null && SSH_COMMAND_KEYS.test(m[1] ?? '')) {
          take({ runs: 'script' }, { ...value, value: m[2] ?? '' }, `${name} -o ${m[1] ?? ''}`, runs);
        }
      }
      break;
    }
  }
}

/** `cargo --config KEY=VALUE` naming a runner, wrapper or linker; `--config FILE` may hold one. */
function cargoRuns(args: readonly Arg[]): Unwrapped {
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

/**
 * sed's `e` command and the `e` flag of `s` run text as a shell command (GNU sed; `--sandbox`
 * refuses them). A script read from a file (`-f`) may hold them too.
 */
function sedRuns(args: readonly Arg[]): Unwrapped {
  const scripts: Arg[] = [];
  let fromFile = false;
  let sandbox = false;
  const operands: Arg[] = [];
  const at = (k: number): Arg => args[k] ?? { value: '', dynamic: null, split: false, pos: -1, end: -1 };
  for (let k = 1; k < args.length; k++) {
    const word = at(k);
    const v = word.value;
    if (v === '--') {
      for (let rest = k + 1; rest < args.length; rest++) operands.push(at(rest));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      const value = (): Arg => (eq < 0 ? at(++k) : { ...word, value: v.slice(eq + 1) });
      // GNU getopt takes any unique prefix (`--expr=…`); reading an ambiguous one as these only tightens.
      if (name !== '' && 'expression'.startsWith(name)) scripts.push(value());
      else if (name !== '' && 'file'.startsWith(name)) { fromFile = true; value(); }
      else if (name !== '' && 'line-length'.startsWith(name)) value();
      // Only a unique prefix, and only before any operand: with POSIXLY_CORRECT sed reads no
      // options after the script, and a later `--sandbox` is a file name.
      else if (name.length >= 2 && 'sandbox'.startsWith(name) && operands.length === 0) sandbox = true;
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) {
      operands.push(word);
      continue;
    }
    // A cluster: -e, -f and -l take the rest of the word or the next one; -i takes only the rest.
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'i') break;
      if (ch !== 'e' && ch !== 'f' && ch !== 'l') continue;
      const value = j + 1 < v.length ? { ...word, value: v.slice(j + 1) } : at(++k);
      if (ch === 'e') scripts.push(value);
      if (ch === 'f') fromFile = true;
      break;
    }
  }
  // Without -e or -f, the first operand is the script.
  const first = operands[0];
  if (scripts.length === 0 && !fromFile && first !== undefined) scripts.push(first);
  if (sandbox) return NONE;
  if (fromFile) return { ...NONE, forceAsk: 'sed -f reads a script from a file, and a sed script can run shell commands (the e command)' };
  // A script built at run time may end up holding the e command or flag (`s/$OLD/$NEW/` with NEW
  // ending in `/e`).
  const dynamic = scripts.find((a) => a.dynamic !== null);
  if (dynamic !== undefined) return { ...NONE, forceAsk: `sed script is not static (${dynamic.dynamic ?? ''}), and a sed script can run shell commands (the e command)` };
  // GNU sed joins its -e scripts with newlines before reading them.
  const joined = scripts.map((a) => a.value).join('\n');
  if (sedRunsCommand(joined)) return { ...NONE, forceAsk: `sed script ${JSON.stringify(joined.length > 60 ? `${joined.slice(0, 57)}...` : joined)} runs a shell command (the e command or the e flag of s)` };
  return NONE;
}

/** Whether a sed script holds an `e` command or an `s///e`; true as well where it cannot be read. */
export function sedRunsCommand(script: string): boolean {
  let i = 0;
  const n = script.length;
  const skipDelimited = (delim: string): boolean => {
    // Reads up to the next unescaped `delim`; false when there is none.
    while (i < n) {
      const c = script[i++];
      if (c === '\\') { i++; continue; }
      if (c === delim) return true;
    }
    return false;
  };
  // GNU's `I` and `M` after an address's regular expression (`/todo/Id`): no command is named so.
  const skipAddressFlags = (): void => {
    while (i < n && (script[i] === 'I' || script[i] === 'M')) i++;
  };
  while (i < n) {
    const c = script[i] ?? '';
    if (/[\s;{}!,0-9$~+]/.test(c)) { i++; continue; }
    if (c === '/') { i++; if (!skipDelimited('/')) return true; skipAddressFlags(); continue; }
    if (c === '\\') { const d = script[i + 1]; i += 2; if (d === undefined || !skipDelimited(d)) return true; skipAddressFlags(); continue; }
    if (c === '#') { while (i < n && script[i] !== '\n') i++; continue; }
    i++;
    switch (c) {
      case 'e':
        return true;
      case 's': {
        const d = script[i++];
        if (d === undefined || d === '\n' || d === '\\') return true;
        if (!skipDelimited(d) || !skipDelimited(d)) return true;
        // Flags run to the end of the command; `w FILE` takes the rest of the line.
        while (i < n && !/[;\n}]/.test(script[i] ?? '')) {
          const f = script[i++];
          if (f === 'e') return true;
          if (f === 'w') { while (i < n && script[i] !== '\n') i++; }
        }
        break;
      }
      case 'y': {
        const d = script[i++];
        if (d === undefined || !skipDelimited(d) || !skipDelimited(d)) return true;
        break;
      }
      case 'a': case 'i': case 'c':
        // Their text runs to the end of the line, and on while a line ends in an odd number of
        // backslashes (`1a\` then the text on the next line).
        for (;;) {
          while (i < n && script[i] !== '\n') i++;
          let slashes = 0;
          while (script[i - 1 - slashes] === '\\') slashes++;
          if (i >= n || slashes % 2 === 0) break;
          i++;
        }
        break;
      case 'r': case 'R': case 'w': case 'W':
        // A file name runs to the end of the line.
        while (i < n && script[i] !== '\n') i++;
        break;
      case ':': case 'b': case 't': case 'T': case 'v':
        // A label or version ends at a `;` or a blank in GNU sed 4.9 (`:a e CMD` runs CMD); ending
        // it early only reads more as commands.
        while (i < n && /[ \t]/.test(script[i] ?? '')) i++;
        while (i < n && !/[;\s]/.test(script[i] ?? '')) i++;
        break;
      case 'q': case 'Q': case 'l': case 'L':
        while (i < n && /[0-9 ]/.test(script[i] ?? '')) i++;
        break;
      default:
        if (!/[pdnNgGhHxDPz=F]/.test(c)) return true;
    }
  }
  return false;
}
