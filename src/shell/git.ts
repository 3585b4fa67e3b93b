// git's global options (stripped for the `git <subcommand>` view, SPEC 5.3) and the `-c` settings
// whose value git runs as a command (SPEC 5.4: aliases with `!`, pagers, editors, helpers).
import { posixShellDoubt } from './posix.ts';
import type { Arg } from './words.ts';

/** What configuration settings make git run. */
export interface ConfigEffects {
  /** Values git would hand to a shell, as scripts to analyse. */
  scripts: Arg[];
  /** `alias.NAME=value` without `!`: lower-cased NAME -> the git words it stands for. */
  aliases: Map<string, string>;
  /** Folders a setting names for git to write into (`format.outputDirectory`), or a file (`http.cookieFile`), with the key as written. */
  writes: Array<{ file: Arg; key: string }>;
  forceAsk: string | null;
}

export interface GitScan extends ConfigEffects {
  /** Index of the subcommand (args.length when there is none). */
  next: number;
  /** The `-C DIR` folders, in order: git works in the repository around the last. */
  chdir: Arg[] | null;
}

const FLAGS = new Set([
  '-p', '--paginate', '-P', '--no-pager', '--bare', '--no-replace-objects', '--no-lazy-fetch',
  '--no-optional-locks', '--no-advice', '--literal-pathspecs', '--glob-pathspecs', '--noglob-pathspecs',
  '--icase-pathspecs', '--html-path', '--man-path', '--info-path', '--exec-path',
]);
/** Long options that take the next word as value when written without `=`. */
const WITH_VALUE = new Set(['--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--attr-source', '--shallow-file']);
const INLINE_VALUE = new Set([...WITH_VALUE, '--exec-path', '--list-cmds']);

export function scanGit(args: readonly Arg[]): GitScan {
  const scan: GitScan = { next: args.length, scripts: [], aliases: new Map(), writes: [], forceAsk: null, chdir: null };
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    // Quoted or not, a word built at run time could be an option that takes the next word.
    if (a.dynamic !== null) scan.forceAsk ??= 'git global option or sub-command is not static';
    if (v === '-C') {
      const dir = args[++i];
      if (dir !== undefined) (scan.chdir ??= []).push(dir);
      // `git -C $(echo . push origin)`: a value that splits may hold the sub-command too.
      if (dir?.split === true) scan.forceAsk ??= 'git -C folder is not static, so where the sub-command starts is unknown';
      continue;
    }
    if (v === '-c') {
      const setting = args[++i];
      if (setting !== undefined) configSetting(setting, scan);
      continue;
    }
    if (v.startsWith('-c') && v.length > 2 && !v.startsWith('--')) {
      configSetting({ ...a, value: v.slice(2) }, scan);
      continue;
    }
    // `git --bare init out/r` makes a git folder not named .git, and `git --bare CMD` treats one
    // as the repository: its config and hooks are not protected as .git's are.
    if (v === '--bare') scan.forceAsk ??= 'git --bare treats a folder as a git folder not named .git, whose config and hooks are not protected as .git\'s are';
    if (FLAGS.has(v)) continue;
    if (v === '--git-dir' || v.startsWith('--git-dir=')) scan.forceAsk ??= 'git --git-dir points git at another repository\'s configuration and hooks';
    if (WITH_VALUE.has(v)) {
      const value = args[++i];
      if (value?.split === true) scan.forceAsk ??= `git ${v} value is not static, so where the sub-command starts is unknown`;
      if (v === '--config-env' && value !== undefined) configEnv(value.value, scan);
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0 && INLINE_VALUE.has(v.slice(0, eq))) {
      if (v.startsWith('--config-env=')) configEnv(v.slice(eq + 1), scan);
      // Like GIT_EXEC_PATH: git runs `git-<sub-command>` from that folder, which the command may have filled.
      if (v.startsWith('--exec-path=')) scan.forceAsk ??= 'git --exec-path=DIR runs git\'s sub-command programs from DIR';
      continue;
    }
    scan.next = i;
    return scan;
  }
  return scan;
}

type KeyKind = 'shell' | 'alias' | 'bang' | 'switchable' | 'credential' | 'program' | 'unsafe' | 'folder' | 'worktree' | null;

/** What git does with the value of a config key (lower-cased section and variable names). */
function keyKind(key: string): KeyKind {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first <= 0 || last === key.length - 1) return null;
  const section = key.slice(0, first).toLowerCase();
  const name = key.slice(last + 1).toLowerCase();
  const hasSub = first !== last;
  switch (section) {
    case 'alias':
      return 'alias';
    case 'help':
      // With autocorrect git runs the sub-command it guesses (`psuh` -> `push`), not the one written.
      return name === 'autocorrect' ? 'unsafe' : null;
    case 'pager':
      return 'switchable';
    case 'core':
      if (name === 'fsmonitor') return 'switchable';
      if (name === 'hookspath') return 'unsafe';
      // Every later work-tree write of git lands below it, as with `git --work-tree=DIR`.
      if (name === 'worktree') return 'worktree';
      return name === 'pager' || name === 'editor' || name === 'sshcommand' || name === 'askpass' ||
        name === 'gitproxy' || name === 'alternaterefscommand' ? 'shell' : null;
    case 'sequence':
      return name === 'editor' ? 'shell' : null;
    case 'diff':
      if (!hasSub) return name === 'external' ? 'shell' : null;
      return name === 'textconv' || name === 'command' ? 'shell' : null;
    case 'credential':
      return name === 'helper' ? 'credential' : null;
    case 'gpg':
      return name === 'program' || name === 'defaultkeycommand' ? 'shell' : null;
    case 'interactive':
      return name === 'difffilter' ? 'shell' : null;
    case 'uploadpack':
      return name === 'packobjectshook' ? 'shell' : null;
    case 'sendemail':
      if (name === 'smtpserver') return 'program';
      return name === 'sendmailcmd' || name === 'tocmd' || name === 'cccmd' || name === 'headercmd' ? 'shell' : null;
    case 'merge':
      return hasSub && name === 'driver' ? 'shell' : null;
    case 'filter':
      return name === 'clean' || name === 'smudge' || name === 'process' ? 'shell' : null;
    case 'mergetool':
    case 'difftool':
    case 'man':
    case 'browser':
      return hasSub && (name === 'cmd' || name === 'path') ? 'shell' : null;
    case 'trailer':
      return hasSub && (name === 'command' || name === 'cmd') ? 'shell' : null;
    case 'hook':
      return hasSub && name === 'command' ? 'shell' : null;
    case 'submodule':
      // `submodule.NAME.update=!CMD` runs CMD on `git submodule update`.
      return hasSub && name === 'update' ? 'bang' : null;
    case 'imap':
      return name === 'tunnel' ? 'shell' : null;
    case 'instaweb':
      return name === 'httpd' ? 'shell' : null;
    case 'init':
      // A template folder brings hooks with it.
      return name === 'templatedir' ? 'unsafe' : null;
    case 'remote':
      return name === 'uploadpack' || name === 'receivepack' ? 'shell' : null;
    case 'include':
    case 'includeif':
      return name === 'path' ? 'unsafe' : null;
    case 'protocol':
      // `protocol.ext.allow=always` lets an `ext::` remote run its command.
      return name === 'allow' ? 'unsafe' : null;
    case 'url':
      // `url.<ext::CMD>.insteadOf=foo:` turns an innocent remote into a command.
      return hasSub && (name === 'insteadof' || name === 'pushinsteadof') ? 'unsafe' : null;
    case 'tar':
      // `tar.<format>.command` is the filter `git archive --format=<format>` pipes through.
      return hasSub && name === 'command' ? 'shell' : null;
    case 'format':
      // The folder `git format-patch` writes its patches into when `-o` is not given.
      return !hasSub && name === 'outputdirectory' ? 'folder' : null;
    case 'http':
      // The cookie jar git writes with http.saveCookies (audit 36, AC-7): judged as a write
      // whether or not that is set, since the stored setting may set it.
      return name === 'cookiefile' ? 'folder' : null;
    case 'trace2':
      // The config forms of GIT_TRACE2, GIT_TRACE2_PERF and GIT_TRACE2_EVENT: every later git
      // appends its trace, its arguments included, to the file or folder named (audit 45, BD-4).
      return !hasSub && (name === 'normaltarget' || name === 'perftarget' || name === 'eventtarget') ? 'folder' : null;
  }
  return null;
}

const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0|)$/i;

export function configSetting(setting: Arg, scan: ConfigEffects): void {
  const text = setting.value;
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  // Only the value may be built at run time; a key built at run time could name anything.
  if (setting.split || (setting.dynamic !== null && (key.includes('$') || key.includes('`')))) {
    scan.forceAsk ??= 'git -c setting is not static';
    return;
  }
  const kind = keyKind(key);
  if (kind === null || eq < 0) return;
  if (kind === 'unsafe') {
    scan.forceAsk ??= `git -c ${key} points git at other code`;
    return;
  }
  if (kind === 'worktree') {
    scan.forceAsk ??= `git -c ${key} moves the work tree that git checks files out into`;
    return;
  }
  let value = text.slice(eq + 1);
  if (kind === 'folder') {
    scan.writes.push({ file: { ...setting, value }, key });
    return;
  }
  // `alias.st="$X"`: a value only known at run time may start with `!`, a shell command (SPEC 5.4:
  // a string not known here asks; audit 43, AV-2).
  if ((kind === 'alias' || kind === 'bang') && setting.dynamic !== null && !value.startsWith('!')) {
    scan.forceAsk ??= `git -c ${key}: its value is only known at run time (${setting.dynamic}), and one starting with ! runs a shell command`;
    return;
  }
  if (kind === 'alias') {
    if (!value.startsWith('!')) {
      scan.aliases.set(key.slice(key.indexOf('.') + 1).toLowerCase(), value);
      return;
    }
    value = value.slice(1);
  } else if (kind === 'bang') {
    if (!value.startsWith('!')) return;
    value = value.slice(1);
  } else if (kind === 'program') {
    // A value that is not a path is a host name (`sendemail.smtpServer`).
    if (!value.startsWith('/') && setting.dynamic === null) return;
  } else if (kind === 'switchable') {
    if (BOOLEAN.test(value)) return;
  } else if (kind === 'credential') {
    if (value === '') return;
    if (value.startsWith('!')) value = value.slice(1);
    // `store --file=.github/x`: a helper's name is its first word; a path there is a program.
    else if (!(value.trimStart().split(/\s/)[0] ?? '').includes('/')) value = `git credential-${value.trimStart()}`;
  }
  // git runs these values with `sh -c`.
  scan.forceAsk ??= posixShellDoubt(value, `git -c ${key}`);
  scan.scripts.push({ ...setting, value });
}

export interface ExpandedAlias {
  words: string[];
  forceAsk: string | null;
}

/**
 * The git words a non-`!` alias value stands for. git splits the value with its own quoting
 * rules, and it may start with options: judge only what a plain split shows, and ask about the rest.
 */
export function expandAlias(value: string): ExpandedAlias {
  let forceAsk: string | null = null;
  if (/[\\'"]/.test(value)) forceAsk = 'git alias value with quotes or backslashes';
  const words = value.split(/\s+/).filter((w) => w !== '');
  if (words[0]?.startsWith('-') === true) forceAsk ??= 'git alias value starts with an option';
  return { words, forceAsk };
}

function configEnv(setting: string, scan: GitScan): void {
  const eq = setting.indexOf('=');
  const key = eq < 0 ? setting : setting.slice(0, eq);
  if (keyKind(key) !== null) scan.forceAsk ??= `git --config-env sets ${key} from the environment`;
}
