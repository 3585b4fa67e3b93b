// Everyday tools that run a command an option names: `tar --to-command=CMD`, `tar -I CMD`,
// `sort --compress-program=PROG`, `rsync -e CMD`, `ssh -o ProxyCommand=CMD`, `man -P CMD`,
// `go test -exec CMD`, cargo's `--config …runner=…`, and sed's `e` command. A policy that trusts
// `tar *` or `sed *` does not trust what these run, so it is judged (a script or a program) or,
// where it cannot be read, asks.
import { forEachValueOption, type ValueOption, type ValueOptionTable } from './options.ts';
import { posixShellDoubt } from './posix.ts';
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
]);

/** ssh options (`-o Key=Value`) whose value ssh runs with the user's shell. */
const SSH_COMMAND_KEYS = /^(?:proxycommand|localcommand|knownhostscommand)$/i;
const SSH_NAMES = new Set(['ssh', 'scp', 'sftp']);

/** cargo settings (`--config KEY=VALUE`) that name a program cargo runs, or its environment. */
const CARGO_RUNNING_KEY = /(?:^|\.)(?:runner|rustc|rustdoc|rustc-wrapper|rustc-workspace-wrapper|linker|credential-provider|global-credential-providers)$|^env\./;

export const TOOLS_WITH_RUNS: ReadonlySet<string> = new Set([...TABLES.keys(), 'ssh', 'sed', 'cargo']);

export function toolRuns(args: readonly Arg[], name: string): Unwrapped {
  if (name === 'sed') return sedRuns(args);
  if (name === 'cargo') return cargoRuns(args);
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
  forEachValueOption(args, 1, table, (option, value, spelled) => take(option, value, `${name} ${spelled}`, runs));
  // Old-style tar options (`tar xIf zstd a.tar`) take their values from the words that follow.
  const first = args[1];
  if (name === 'tar' && first !== undefined && /^[A-Za-z]+$/.test(first.value) && /[IF]/.test(first.value)) {
    runs.forceAsk ??= `tar ${first.value}: an old-style I or F option names a command tar runs`;
  }
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
      if (ch === 'F') runs.forceAsk ??= `${name} -F reads ssh settings from a file, and they can name commands ssh runs (ProxyCommand)`;
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
  const scripts: string[] = [];
  let fromFile = false;
  let sandbox = false;
  const operands: string[] = [];
  for (let k = 1; k < args.length; k++) {
    const v = args[k]?.value ?? '';
    if (v === '--') {
      for (let rest = k + 1; rest < args.length; rest++) operands.push(args[rest]?.value ?? '');
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      const value = (): string => (eq < 0 ? args[++k]?.value ?? '' : v.slice(eq + 1));
      // GNU getopt takes any unique prefix (`--expr=…`); reading an ambiguous one as these only tightens.
      if (name !== '' && 'expression'.startsWith(name)) scripts.push(value());
      else if (name.length >= 2 && 'file'.startsWith(name)) { fromFile = true; value(); }
      else if (name.length >= 2 && 'line-length'.startsWith(name)) value();
      else if (name.length >= 2 && 'sandbox'.startsWith(name)) sandbox = true;
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) {
      operands.push(v);
      continue;
    }
    // A cluster: -e, -f and -l take the rest of the word or the next one; -i takes only the rest.
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'i') break;
      if (ch !== 'e' && ch !== 'f' && ch !== 'l') continue;
      const value = j + 1 < v.length ? v.slice(j + 1) : args[++k]?.value ?? '';
      if (ch === 'e') scripts.push(value);
      if (ch === 'f') fromFile = true;
      break;
    }
  }
  // Without -e or -f, the first operand is the script.
  if (scripts.length === 0 && !fromFile && operands[0] !== undefined) scripts.push(operands[0]);
  if (sandbox) return NONE;
  if (fromFile) return { ...NONE, forceAsk: 'sed -f reads a script from a file, and a sed script can run shell commands (the e command)' };
  for (const s of scripts) {
    if (sedRunsCommand(s)) return { ...NONE, forceAsk: `sed script ${JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s)} runs a shell command (the e command or the e flag of s)` };
  }
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
  while (i < n) {
    const c = script[i] ?? '';
    if (/[\s;{}!,0-9$~+]/.test(c)) { i++; continue; }
    if (c === '/') { i++; if (!skipDelimited('/')) return true; continue; }
    if (c === '\\') { const d = script[i + 1]; i += 2; if (d === undefined || !skipDelimited(d)) return true; continue; }
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
      case 'a': case 'i': case 'c': case 'r': case 'R': case 'w': case 'W': case ':': case 'b': case 't': case 'T':
        // Their argument runs to the end of the line (labels: to a `;` in GNU sed 4.9, which only shortens it).
        while (i < n && script[i] !== '\n') {
          if ((c === 'b' || c === 't' || c === 'T' || c === ':') && script[i] === ';') break;
          i++;
        }
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
