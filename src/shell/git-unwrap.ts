// git as a command that runs others and writes where its options say (SPEC 5.3, 5.4): a part of
// the wrapper classification in wrappers.ts.
import { expandAlias, scanGit } from './git.ts';
import { knownGitCommand } from './git-commands.ts';
import { gitSubcommandRuns } from './gitruns.ts';
import { hasOption, optionValue, scanOptions, type OptionSpec } from './options.ts';
import { NO_RUNS as NONE, type ScriptArg, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

/** Long options of git sub-commands that name a file or folder written (git takes a unique prefix). */
const GIT_WRITING_OPTIONS: Readonly<Record<string, readonly string[]>> = lookupTable({
  config: ['--file'],
  'checkout-index': ['--prefix'],
  'fast-export': ['--export-marks'],
  'fast-import': ['--export-marks', '--export-pack-edges'],
  // Audit 45, BD-3 and BD-4: `maintenance register|unregister --config-file FILE` adds or drops
  // a `maintenance.repo` entry there; fast-import appends its pack edges to the file named.
  maintenance: ['--config-file'],
  'credential-store': ['--file'],
  diagnose: ['--output-directory'],
  'read-tree': ['--index-output'],
  'commit-graph': ['--object-dir'],
  'multi-pack-index': ['--object-dir'],
  // Audit 35, YY-8: the daemon's pid file, and the socket the credential cache listens on.
  daemon: ['--pid-file'],
  'credential-cache': ['--socket'],
});

/** Files a git sub-command writes because an option names them: `--output[=]FILE`, `-o FILE`, `--output-directory`. */
function gitOutputs(args: readonly Arg[], sub: number): Array<{ file: Arg; option: string }> {
  const verb = args[sub]?.value ?? '';
  const out: Array<{ file: Arg; option: string }> = [];
  for (let i = sub + 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.value === '--') break;
    const v = a.value;
    const eq = v.indexOf('=');
    const long = eq < 0 ? v : v.slice(0, eq);
    // git's parse-options takes a unique prefix (`--outp`, `--output-dir`); reading a shorter one as these only tightens.
    const isOutput = long.length >= 5 && ('--output'.startsWith(long) || '--output-directory'.startsWith(long));
    // Other sub-commands' options that name a file or folder they write.
    const writing = GIT_WRITING_OPTIONS[verb]?.find((o) => long.length >= 4 && o.startsWith(long));
    if (writing !== undefined || (verb === 'config' && v === '-f') || (verb === 'config' && v.startsWith('-f') && !v.startsWith('--'))) {
      const file = eq >= 0 ? { ...a, value: v.slice(eq + 1) } : v.startsWith('-f') && v.length > 2 ? { ...a, value: v.slice(2) } : args[++i];
      if (file !== undefined) out.push({ file, option: `git ${verb} ${writing ?? '-f'}` });
    } else if (isOutput) {
      const file = eq < 0 ? args[++i] : { ...a, value: v.slice(eq + 1) };
      if (file !== undefined) out.push({ file, option: `git ${verb} ${long}` });
    } else if (verb === 'credential-cache--daemon' && !v.startsWith('-')) {
      // `git credential-cache--daemon [--debug] SOCKET` listens on SOCKET.
      out.push({ file: a, option: 'git credential-cache--daemon' });
      break;
    } else if (verb === 'bundle' && v === 'create' && i === sub + 1) {
      // `git bundle create FILE REV…`.
      const file = args[++i];
      if (file !== undefined) out.push({ file, option: 'git bundle create' });
    } else if (v.startsWith('-o') && !v.startsWith('--') && (verb === 'archive' || verb === 'format-patch' || verb === 'diagnose' || verb === 'bugreport')) {
      // `-o DIR` or `-oDIR`.
      const file = v.length > 2 ? { ...a, value: v.slice(2) } : args[++i];
      if (file !== undefined) out.push({ file, option: `git ${verb} -o` });
    }
  }
  return [...out, ...gitOperandWrites(args, sub, verb)];
}

/** How git reads the options of the sub-commands that write a file an operand names. */
const GIT_OPERAND_WRITERS: Readonly<Record<string, OptionSpec>> = lookupTable({
  'pack-objects': {
    shortWithValue: '',
    longWithValue: ['--index-version', '--max-pack-size', '--window', '--window-memory', '--depth', '--threads', '--keep-pack', '--compression', '--filter', '--missing', '--uri-protocol'],
    abbreviations: true, permute: true,
  },
  // index-pack reads its own arguments: `-o FILE` and `--progress-title TITLE` take the next word.
  'index-pack': { shortWithValue: 'o', longWithValue: ['--progress-title'], permute: true },
  'merge-file': {
    shortWithValue: 'L',
    longWithValue: ['--marker-size', '--diff-algorithm'],
    longFlags: ['--stdout', '--diff3', '--zdiff3', '--ours', '--theirs', '--union', '--quiet', '--object-id'],
    abbreviations: true, permute: true,
  },
});

/**
 * Files a git sub-command writes because an operand names them: `pack-objects BASE` writes
 * `BASE-<hash>.pack` and `.idx`, `index-pack PACK` writes PACK's `.idx` (or the `-o` file) and,
 * with `--stdin`, PACK itself, and `merge-file CURRENT BASE OTHER` rewrites CURRENT unless `-p`.
 * A word only known at run time may be an option that moves the operands, so then each is judged.
 */
function gitOperandWrites(args: readonly Arg[], sub: number, verb: string): Array<{ file: Arg; option: string }> {
  const spec = GIT_OPERAND_WRITERS[verb];
  if (spec === undefined) return [];
  const scan = scanOptions(args, sub + 1, spec);
  const option = `git ${verb}`;
  const each = (files: readonly Arg[]): Array<{ file: Arg; option: string }> => files.map((file) => ({ file, option }));
  if (verb === 'pack-objects') {
    // Without --stdout git takes one operand, the base name. git reads it from the repository's
    // top folder, which is judged here as the shell's folder, as for git's aliases and hooks.
    return scan.operands.flatMap((base) => ['pack', 'idx'].map((ext) => ({ file: { ...base, value: `${base.value}-*.${ext}` }, option })));
  }
  if (verb === 'merge-file') {
    // `--no-stdout` (any prefix of it) undoes `-p`, so any `--no-` option leaves the file written.
    if (hasOption(scan, '-p', '--stdout') && !scan.options.some((o) => o.name.startsWith('--no-'))) return [];
    return each(scan.dynamic ? scan.operands : scan.operands.slice(0, 1));
  }
  const index = optionValue(scan, '-o');
  const out = index === null ? [] : [{ file: index, option: `${option} -o` }];
  if (scan.dynamic) return [...out, ...each(scan.operands)];
  const pack = scan.operands[0];
  if (pack === undefined) return out;
  if (hasOption(scan, '--stdin')) out.push({ file: pack, option });
  if (index === null) out.push({ file: { ...pack, value: pack.value.replace(/\.pack$/, '.idx') }, option });
  return out;
}

/** The names of the aliases git's own options define (`-c alias.x=…`, `-calias.x=…`, `--config-env=alias.x=VAR`), `!` ones too. */
function givenAliases(args: readonly Arg[], end: number): Set<string> {
  const names = new Set<string>();
  for (const a of args.slice(1, end)) {
    const name = /^(?:-c|--config-env=)?alias\.([^=]+)=/i.exec(a.value)?.[1];
    if (name !== undefined) names.add(name.toLowerCase());
  }
  return names;
}

/**
 * What a git command runs (`-c` values, aliases, what its sub-command starts) and the files its
 * options name (`--output`, `-o`, `--work-tree`, `-c format.outputDirectory`).
 */
export function git(args: readonly Arg[]): Unwrapped {
  const scan = scanGit(args);
  const runs = gitSubcommandRuns(args, scan.next);
  const scripts: ScriptArg[] = [...scan.scripts.map((arg) => ({ arg, by: 'git -c' })), ...runs.scripts];
  const commands = runs.commands;
  const views = runs.views;
  let forceAsk = scan.forceAsk ?? runs.forceAsk;
  // `git -c alias.p=push p` runs `git push`; an alias may name another alias.
  const sub = args[scan.next];
  if (sub !== undefined && scan.aliases.has(sub.value.toLowerCase())) {
    let words = [sub.value];
    const seen = new Set<string>();
    for (let alias = scan.aliases.get(sub.value.toLowerCase()); alias !== undefined; alias = scan.aliases.get((words[0] ?? '').toLowerCase())) {
      const name = (words[0] ?? '').toLowerCase();
      if (seen.has(name)) break;
      seen.add(name);
      const expanded = expandAlias(alias);
      forceAsk ??= expanded.forceAsk;
      words = [...expanded.words, ...words.slice(1)];
    }
    views.push([args[0] ?? sub, ...words.map((w) => ({ ...sub, value: w })), ...args.slice(scan.next + 1)]);
  }
  // Any other word there may be an alias from git's configuration files, which are not read here:
  // `git pp` runs `git push` with `alias.pp=push` stored (audit 45, BC-2).
  else if (sub !== undefined && sub.dynamic === null && !sub.value.startsWith('-') && !knownGitCommand(sub.value) && !givenAliases(args, scan.next).has(sub.value.toLowerCase())) {
    forceAsk ??= `git ${sub.value} is no git command agent-gate knows: it may be an alias from git's configuration, which runs the command it stands for, or a git-${sub.value} program`;
  }
  // `--output=FILE` (diff, log, show, archive) and `-o` (archive, format-patch) write where they name.
  const gitWrites = [...gitOutputs(args, scan.next), ...runs.writes];
  // `-c format.outputDirectory=DIR` is read by format-patch, which an alias (maybe one stored in
  // the repository's config) may name: the folder is judged whatever the sub-command.
  for (const w of scan.writes) gitWrites.push({ file: w.file, option: `git -c ${w.key}` });
  // `git --work-tree=DIR restore`, `reset --hard`: the work tree git writes is DIR.
  for (let i = 1; i < scan.next; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--work-tree' && args[i + 1] !== undefined) gitWrites.push({ file: args[i + 1] as Arg, option: 'git --work-tree' });
    else if (v.startsWith('--work-tree=')) gitWrites.push({ file: { ...(args[i] as Arg), value: v.slice('--work-tree='.length) }, option: 'git --work-tree' });
  }
  // An `ext::` remote runs its command when the protocol is allowed.
  if (args.some((a) => a.value.startsWith('ext::'))) forceAsk ??= 'an ext:: remote runs a command';
  if (scripts.length === 0 && commands.length === 0 && views.length === 0 && forceAsk === null && gitWrites.length === 0) return NONE;
  const u: Unwrapped = { wrapper: false, commands, views, scripts, forceAsk };
  if (gitWrites.length > 0) u.writes = gitWrites;
  // git runs aliases, editors and hooks in the top folder of the repository it works in; after
  // `git -C DIR` that is the repository around DIR, which is not known here.
  if (scan.chdir !== null) u.folderDoubt = 'git -C runs the commands git starts in the top folder of the repository around its folder, so where they write is not known';
  else u.topFolder = true;
  return u;
}
