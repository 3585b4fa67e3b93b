// git sub-commands and sub-command options that run a command of the user's (SPEC 5.4 names
// `-c alias.X='!CMD'` and pager/editor-style values; these are the same thing reached another
// way). `git *` in a policy must not allow what they run, so each is judged as a sub-command.
import { forEachValueOption, runtimeOptionReason, type ValueOption, type ValueOptionTable } from './options.ts';
import { posixShellDoubt } from './posix.ts';
import { configSetting, expandAlias, type ConfigEffects } from './git.ts';
import type { ScriptArg } from './wrappers.ts';
import { joinedArg, type Arg } from './words.ts';

export interface GitRuns {
  scripts: ScriptArg[];
  commands: Arg[][];
  /** What a `git config alias.X VALUE` stands for, as a tightening view of the host. */
  views: Arg[][];
  /** Folders a stored setting names for git to write into, judged when stored. */
  writes: Array<{ file: Arg; option: string }>;
  forceAsk: string | null;
}

/**
 * What an option's value is: a shell script, a program git runs directly, a `key=value`
 * setting, or something agent-gate cannot judge (hook templates, Python callbacks).
 */
type Runs = 'script' | 'program' | 'absolute-program' | 'setting' | 'unsafe';

interface RunOption extends ValueOption {
  long: string;
  /**
   * The shortest prefix written that still names this option. git's parse-options, Perl's
   * Getopt::Long and Python's argparse all take a unique prefix; a shorter, ambiguous one makes
   * the program fail, so reading it as this option only ever tightens.
   */
  min: number;
  runs: Runs;
}

type SubcommandTable = ValueOptionTable<RunOption>;

const UPLOAD_PACK: RunOption = { long: 'upload-pack', min: 1, runs: 'script' };
const EXEC: RunOption = { long: 'exec', min: 1, runs: 'script' };
const TEMPLATE: RunOption = { long: 'template', min: 1, runs: 'unsafe' };
const filter = (long: string): RunOption => ({ long, min: long.length, runs: 'script' });
const callback = (long: string): RunOption => ({ long, min: 3, runs: 'unsafe' });

const TABLES: ReadonlyMap<string, SubcommandTable> = new Map<string, SubcommandTable>([
  // The transports run upload-pack/receive-pack through a shell, on this machine for a local
  // or file:// remote.
  ['fetch', { options: [UPLOAD_PACK], shortWithValue: 'jo' }],
  ['pull', { options: [UPLOAD_PACK], shortWithValue: 'jXso' }],
  ['ls-remote', { options: [UPLOAD_PACK, EXEC], shortWithValue: '' }],
  ['fetch-pack', { options: [UPLOAD_PACK, EXEC], shortWithValue: '' }],
  ['push', { options: [{ long: 'receive-pack', min: 1, runs: 'script' }, EXEC], shortWithValue: 'o' }],
  ['send-pack', { options: [{ long: 'receive-pack', min: 1, runs: 'script' }, EXEC], shortWithValue: '' }],
  ['archive', { options: [EXEC], shortWithValue: 'o' }],
  ['clone', {
    options: [{ ...UPLOAD_PACK, short: 'u' }, { long: 'config', min: 1, short: 'c', runs: 'setting' }, TEMPLATE],
    shortWithValue: 'obj',
  }],
  ['init', { options: [TEMPLATE], shortWithValue: 'b' }],
  ['difftool', { options: [{ long: 'extcmd', min: 1, short: 'x', runs: 'script' }], shortWithValue: 't' }],
  ['grep', {
    options: [{ long: 'open-files-in-pager', min: 1, short: 'O', runs: 'script', attachedOnly: true }],
    shortWithValue: 'ABCefm',
  }],
  ['rebase', { options: [{ long: 'exec', min: 2, short: 'x', runs: 'script' }], shortWithValue: 'sXC' }],
  ['instaweb', { options: [{ long: 'httpd', min: 1, short: 'd', runs: 'script' }], shortWithValue: 'mpb' }],
  ['daemon', { options: [{ long: 'access-hook', min: 1, runs: 'program' }], shortWithValue: '' }],
  ['send-email', {
    options: [
      { long: 'sendmail-cmd', min: 1, runs: 'script' }, { long: 'to-cmd', min: 3, runs: 'script' },
      { long: 'cc-cmd', min: 3, runs: 'script' }, { long: 'header-cmd', min: 1, runs: 'script' },
      { long: 'smtp-server', min: 11, runs: 'absolute-program' },
    ],
    shortWithValue: '',
  }],
  // filter-branch evals each filter; it matches option names exactly.
  ['filter-branch', {
    options: ['setup', 'env-filter', 'tree-filter', 'index-filter', 'parent-filter', 'msg-filter', 'commit-filter', 'tag-name-filter'].map(filter),
    shortWithValue: 'd',
  }],
  // git-filter-repo's callbacks are Python source.
  ['filter-repo', {
    options: ['filename', 'message', 'name', 'email', 'refname', 'blob', 'commit', 'tag', 'reset', 'file-info']
      .map((c) => callback(`${c}-callback`)),
    shortWithValue: '',
  }],
]);

export function gitSubcommandRuns(args: readonly Arg[], at: number): GitRuns {
  const runs: GitRuns = { scripts: [], commands: [], views: [], writes: [], forceAsk: null };
  const sub = args[at];
  if (sub === undefined) return runs;
  const name = sub.value;
  const by = `git ${name}`;
  if (!OPTION_SAFE.has(name)) runs.forceAsk ??= runtimeOptionReason(args, at + 1, by);
  if (name === 'init' || name === 'clone') runs.forceAsk ??= gitFolderElsewhere(args, at, by);
  // `git submodule "f$(…)" CMD`: a word only known at run time may be `foreach` or `run`, whatever
  // its literal start.
  if (name === 'submodule' || name === 'bisect') {
    const dynamic = args.find((a, k) => k > at && a.dynamic !== null);
    if (dynamic !== undefined) runs.forceAsk ??= `${by} is given a word only known at run time (${dynamic.dynamic ?? ''}), which may be ${name === 'bisect' ? 'run' : 'foreach'}`;
  }
  switch (name) {
    case 'submodule': {
      const i = args.findIndex((a, k) => k > at && a.value === 'foreach');
      if (i < 0) return runs;
      let j = i + 1;
      while (j < args.length && /^(?:--recursive|-q|--quiet)$/.test(args[j]?.value ?? '')) j++;
      if (j < args.length) {
        const script = joinedArg(args, j);
        runs.scripts.push({ arg: script, by: 'git submodule foreach' });
        runs.forceAsk ??= posixShellDoubt(script.value, 'git submodule foreach');
      }
      return runs;
    }
    case 'bisect':
      if (args[at + 1]?.value === 'run' && args.length > at + 2) runs.commands.push(args.slice(at + 2));
      return runs;
    case 'for-each-repo': {
      // Audit 32 (RR-4): `git for-each-repo --config=KEY [--] ARGS` runs `git -C REPO ARGS` for
      // each folder KEY lists: ARGS is a git command line (aliases, pagers and all), run in folders
      // not known here.
      let j = at + 1;
      while (j < args.length && (args[j]?.value ?? '').startsWith('-') && args[j]?.value !== '--') j += args[j]?.value === '--config' ? 2 : 1;
      if (args[j]?.value === '--') j++;
      runs.forceAsk ??= 'git for-each-repo runs git in the folders a config setting lists, which are not known here';
      if (j < args.length) runs.commands.push([{ ...sub, value: 'git' }, ...args.slice(j)]);
      return runs;
    }
    case 'merge-index': {
      // `git merge-index [-o] [-q] PROGRAM …` runs PROGRAM for each unmerged file.
      let j = at + 1;
      while (/^-[oq]$/.test(args[j]?.value ?? '')) j++;
      const program = args[j];
      if (program !== undefined) runs.commands.push([program]);
      return runs;
    }
    case 'shell': {
      const command = args[at + 1]?.value === '-c' ? args[at + 2] : undefined;
      if (command !== undefined) runs.scripts.push({ arg: command, by: 'git shell -c' });
      return runs;
    }
    case 'remote-ext':
      runs.forceAsk = 'git remote-ext runs a command';
      return runs;
    case 'config':
      configCommand(args, at, runs);
      return runs;
  }
  const table = TABLES.get(name);
  if (table !== undefined) scanTable(args, at, table, by, runs);
  return runs;
}

/**
 * Sub-commands whose options and operands neither run a command nor name a file they write. Every
 * other one (the tables above, `--output` of the diff family, `-o`, `foreach`, `run`, and any alias
 * or `git-<name>` program, which may stand for one of them) takes a word only known at run time as
 * a possible option (`git rebase "$(echo --exec=rm)"`). `config` has its own reading (configCommand).
 */
const OPTION_SAFE: ReadonlySet<string> = new Set([
  'add', 'commit', 'checkout', 'switch', 'restore', 'reset', 'rm', 'mv', 'status', 'branch', 'tag', 'config',
  'rev-parse', 'rev-list', 'show-ref', 'ls-files', 'ls-tree', 'cat-file', 'blame', 'describe', 'remote', 'merge-base',
  'name-rev', 'count-objects', 'var', 'version', 'help', 'check-ignore', 'check-attr', 'check-ref-format',
  'for-each-ref', 'hash-object', 'update-index', 'write-tree', 'commit-tree', 'symbolic-ref', 'update-ref', 'merge',
  'cherry-pick', 'revert', 'stripspace', 'interpret-trailers', 'mktag', 'mktree', 'verify-commit', 'verify-tag',
]);

/** Options of init and clone that make a git folder not named `.git`. */
const GIT_FOLDER_OPTIONS = ['bare', 'mirror', 'separate-git-dir'];

/**
 * `git init --bare out/r` and `--separate-git-dir=out/gd` make a git folder whose `config` and
 * `hooks/` are plain files to the kiro scope, which protects them only under `.git`; a later
 * `git -C` into it runs what they say. Any unique prefix names the option (parse-options).
 */
function gitFolderElsewhere(args: readonly Arg[], at: number, by: string): string | null {
  for (let k = at + 1; k < args.length; k++) {
    const v = args[k]?.value ?? '';
    if (v === '--') break;
    if (!v.startsWith('--') || v.length < 3) continue;
    const eq = v.indexOf('=');
    const written = v.slice(2, eq < 0 ? undefined : eq);
    const option = GIT_FOLDER_OPTIONS.find((o) => o.startsWith(written));
    if (option !== undefined) return `${by} --${option} makes a git folder not named .git, whose config and hooks are not protected as .git's are`;
  }
  return null;
}

function scanTable(args: readonly Arg[], at: number, table: SubcommandTable, by: string, runs: GitRuns): void {
  forEachValueOption(args, at + 1, table, (option, value, spelled) => take(option, value, `${by} ${spelled}`, runs));
}

function take(option: RunOption, value: Arg, by: string, runs: GitRuns): void {
  switch (option.runs) {
    case 'script':
      runs.scripts.push({ arg: value, by });
      // git runs these with /bin/sh -c.
      runs.forceAsk ??= posixShellDoubt(value.value, by);
      return;
    case 'absolute-program':
      // `--smtp-server=/path` names a program to run; anything else is a host name.
      if (!value.value.startsWith('/') && value.dynamic === null) return;
      runs.commands.push([value]);
      return;
    case 'program':
      runs.commands.push([value]);
      return;
    case 'setting':
      collectSetting(value, runs);
      return;
    case 'unsafe':
      runs.forceAsk ??= `${by} points git at code agent-gate cannot judge`;
      return;
  }
}

/** Applies one `key=value` setting to `runs`, as `git -c` would. */
function collectSetting(setting: Arg, runs: GitRuns): void {
  const effects: ConfigEffects = { scripts: [], aliases: new Map(), writes: [], forceAsk: null };
  configSetting(setting, effects);
  settle(effects, setting, runs);
}

function settle(effects: ConfigEffects, at: Arg, runs: GitRuns): void {
  runs.forceAsk ??= effects.forceAsk;
  for (const arg of effects.scripts) runs.scripts.push({ arg, by: 'git config' });
  for (const w of effects.writes) runs.writes.push({ file: w.file, option: `git config ${w.key}` });
  // A stored alias runs later as `git VALUE`: judge that now, as a view of this command.
  for (const value of effects.aliases.values()) {
    const expanded = expandAlias(value);
    runs.forceAsk ??= expanded.forceAsk;
    runs.views.push([{ ...at, value: 'git' }, ...expanded.words.map((w) => ({ ...at, value: w }))]);
  }
}

/**
 * `git config [options] KEY VALUE` and `git config set KEY VALUE` store a setting that later git
 * commands act on (`git config core.pager X; git log`), so the setting is judged when stored,
 * exactly as `git -c KEY=VALUE` is. Option values, verbs and operands are not told apart
 * (`--file get` names a file called `get`), so every word is tried as a key paired with the word
 * after it; a read (`--get core.pager`) has no word after the key and stores nothing.
 */
function configCommand(args: readonly Arg[], at: number, runs: GitRuns): void {
  for (let i = at + 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    // `git config $(echo core.pager rm)` is a key and its value once split.
    if (args[i]?.split === true) runs.forceAsk ??= 'git config is given a word that splits at run time, which may be a key and its value';
    // `git config --rename-section foo alias` turns a stored `foo.x=!CMD` into an alias.
    if (v === 'rename-section' || (v.startsWith('--ren') && '--rename-section'.startsWith(v))) {
      runs.forceAsk ??= 'git config --rename-section can move stored values into settings git runs (alias, core, …)';
    }
  }
  for (let i = at + 1; i + 1 < args.length; i++) {
    const key = args[i];
    const value = args[i + 1];
    if (key === undefined || value === undefined) continue;
    if (key.dynamic !== null) {
      runs.forceAsk ??= 'git config key is not static';
      continue;
    }
    if (key.value.startsWith('-') || key.value.includes('=')) continue;
    const effects: ConfigEffects = { scripts: [], aliases: new Map(), writes: [], forceAsk: null };
    // Only the value is judged here; a value split at run time is already not static.
    configSetting({ ...value, split: false, value: `${key.value}=${value.value}` }, effects);
    settle(effects, key, runs);
  }
}
