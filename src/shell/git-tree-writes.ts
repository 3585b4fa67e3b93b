// git commands that write or remove across the whole work tree (audit 30, JJ-2 and JJ-6). A
// checkout of another commit (`checkout BRANCH`, `switch`, `reset --hard REV`, merge, rebase,
// pull, `stash pop`…) may put any file in place, the policy file included, as `git am` and
// `git read-tree -u` may: held as an archive unpacked where git stands. What moves HEAD or loads
// another tree into the index counts the same, since a later `git reset --hard`, `git restore
// --source=HEAD` or `git checkout -- PATH` writes out what it brought. `git clean` and
// `git stash -u|-a` remove untracked files below where git stands, as `rm -r` of its contents would.
// A replace ref changes what any later checkout reads, so making one counts as such a checkout.
import { has, hasLong, HERE, hereWrite, readWords, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

/** A revision whose contents are committed ones: what it puts back was judged as history is. */
export const COMMITTED = /^(?:HEAD|@)$/;

/**
 * A word git can only read as a path, never as a branch or revision (git check-ref-format):
 * `.`, `./x`, `src/`, `.github/x`, `a..b`, a glob. Any other word may name a commit.
 */
const PATH_ONLY = /^[./]|\/$|\.$|\/\/|\/\.|\.\.|\.lock$|[\s*?[\\]/;

/** Whether `word` may be a revision git checks out whole (a word only known at run time may be one; a shell glob names files). */
const mayBeRevision = (word: Arg): boolean => word.dynamic === 'glob' ? false : word.dynamic !== null || !PATH_ONLY.test(word.value);

/** The operands before a `--` and whether anything follows it. */
function splitDash(args: readonly Arg[], at: number): { before: readonly Arg[]; after: number } {
  const dash = args.findIndex((a, k) => k > at && a.value === '--' && a.dynamic === null);
  return dash < 0 ? { before: args, after: -1 } : { before: args.slice(0, dash), after: args.length - dash - 1 };
}

/** What a checkout of another commit writes: anything in the work tree. */
const tree = (verb: string): OperandWrite[] => [{ ...hereWrite(`git ${verb}`), wholeTree: true }];

/**
 * `git checkout [-f] BRANCH|REV` (or `BRANCH --`) switches the whole tree; `-b|-B|--orphan NEW
 * START` too. With paths (after `--`, or after the revision) only those are written
 * (operand-writes.ts); a lone word that can only be a path comes from the index.
 */
function checkoutWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const { before, after } = splitDash(args, at);
  const w = readWords(before, at + 1, { valued: 'bB', long: ['--orphan', '--conflict', '--pathspec-from-file'] });
  if (hasLong(w, '--pathspec-from-file', 4)) return [];
  const start = w.operands[0];
  if (has(w, '-b', '-B', '--orphan')) return start === undefined || COMMITTED.test(start.value) ? [] : tree('checkout');
  if (start === undefined || w.operands.length > 1 || after > 0 || COMMITTED.test(start.value)) return [];
  return after === 0 || mayBeRevision(start) ? tree('checkout') : [];
}

/** `git switch BRANCH`, `-c|-C NEW START`, `--detach REV`; `--orphan` empties the tree. */
function switchWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: 'cC', long: ['--create', '--force-create', '--orphan', '--conflict'] });
  if (hasLong(w, '--orphan', 4)) return tree('switch --orphan');
  const target = w.operands[0];
  if (target === undefined || COMMITTED.test(target.value)) return [];
  return tree('switch');
}

/**
 * `git reset [--soft|--mixed|--hard|--keep|--merge] REV` without paths: the tree of REV goes to
 * HEAD, the index or the work tree, which a later checkout of them writes out. Paths, `-p` and
 * HEAD's own tree are judged elsewhere (operand-writes.ts) or bring nothing new.
 */
function resetWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const { before, after } = splitDash(args, at);
  const w = readWords(before, at + 1, { valued: '', long: ['--pathspec-from-file'] });
  if (hasLong(w, '--pathspec-from-file', 4) || has(w, '-p') || hasLong(w, '--patch', 4)) return [];
  const rev = w.operands[0];
  if (rev === undefined || COMMITTED.test(rev.value) || w.operands.length > 1 || after > 0) return [];
  return after === 0 || mayBeRevision(rev) ? tree('reset') : [];
}

/** Options that end a merge, rebase, cherry-pick or revert without applying more commits. */
const STOPS = new Set(['--abort', '--quit', '--edit-todo', '--show-current-patch']);

/** `git merge|rebase|cherry-pick|revert|pull …` apply other commits to the work tree. */
function historyWrites(args: readonly Arg[], at: number, verb: string): OperandWrite[] {
  return args.some((a, k) => k > at && STOPS.has(a.value)) ? [] : tree(verb);
}

/** `git bisect` sub-commands that check a commit out. */
const BISECT_CHECKOUTS = new Set(['start', 'bad', 'good', 'new', 'old', 'skip', 'reset', 'replay', 'run', 'next']);

/**
 * `git update-ref REF VALUE` of HEAD or a branch (maybe the current one), or of a replace ref,
 * `--stdin`; `git symbolic-ref HEAD REF`.
 */
function headMoves(args: readonly Arg[], at: number, verb: string): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: 'm', long: [] });
  if (has(w, '-d') || hasLong(w, '--delete', 4)) return [];
  if (verb === 'update-ref' && has(w, '--stdin')) return tree('update-ref --stdin');
  const [ref, value] = w.operands;
  if (ref === undefined || value === undefined) return [];
  const head = ref.dynamic !== null || ref.value === 'HEAD' || ref.value === '@'
    || (verb === 'update-ref' && (ref.value.startsWith('refs/heads/') || ref.value.startsWith('refs/replace/')));
  return head ? tree(verb) : [];
}

/**
 * `git clean` (not `-n`): untracked files go, `-x`/`-X` ignored ones too (`.env`, keys): `rm -r`
 * of each pathspec, or of what git stands in without one. clean.requireForce may be off, so no
 * `-f` is needed for that.
 */
function cleanWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: 'e', long: ['--exclude'] });
  if (has(w, '-n') || hasLong(w, '--dry-run', 3)) return [];
  return removedBelow(w.operands, 'git clean');
}

/** Each pathspec removed whole (`.` is where git stands), or what git stands in without one. */
function removedBelow(paths: readonly Arg[], by: string): OperandWrite[] {
  const named = paths.filter((p) => p.dynamic !== null || !/^\.\/*$/.test(p.value));
  const out: OperandWrite[] = named.map((file) => ({ file, by, kind: 'removeTree' }));
  return named.length < paths.length || paths.length === 0 ? [...out, { file: HERE, by, kind: 'here' }] : out;
}

/** `git stash` verbs that stash (and so may take untracked files away with -u/-a). */
const STASHERS = new Set(['push', 'save']);

/**
 * `git stash pop|apply|branch` put the stash's tree in place; `git stash [push] -u|-a [--
 * PATHS]` takes untracked (and ignored) files away, as `git clean` does.
 */
function stashWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const verb = args[at + 1];
  const named = verb !== undefined && !verb.value.startsWith('-');
  if (named && (verb.value === 'pop' || verb.value === 'apply' || verb.value === 'branch')) return tree(`stash ${verb.value}`);
  if (named && !STASHERS.has(verb.value)) return [];
  const w = readWords(args, at + (named ? 2 : 1), { valued: 'm', long: ['--message', '--pathspec-from-file'] });
  if (!has(w, '-u', '-a') && !hasLong(w, '--include-untracked', 3) && !hasLong(w, '--all', 3)) return [];
  if (hasLong(w, '--pathspec-from-file', 4)) return removedBelow([], 'git stash -u');
  // `git stash save -u MESSAGE`: its words are the message, not paths.
  return removedBelow(named && verb.value === 'save' ? [] : w.operands, 'git stash -u');
}

/**
 * `git replace` (not `-l`, `-d` or a bare listing) makes every later read of an object, HEAD's own
 * commit and tree and the index's blobs included, give another one: `git reset --hard`, `git
 * stash` or `git checkout -- PATH` then write what it names (audit 32, QQ-7, RR-1).
 */
function replaceWrites(args: readonly Arg[], at: number): OperandWrite[] {
  const w = readWords(args, at + 1, { valued: '', long: ['--format'] });
  if (has(w, '-l', '-d') || hasLong(w, '--list', 3) || hasLong(w, '--delete', 3)) return [];
  const makes = w.operands.length > 0 || has(w, '--edit', '--graft', '--convert-graft-file', '-e', '-g');
  return makes ? tree('replace') : [];
}

/** A fetch refspec or option that may bring replace refs (`refs/replace/*:refs/replace/*`, `+refs/*:refs/*`, `--mirror`). */
const FETCHES_REPLACE = /refs\/replace|:(?:\+?refs\/)?\*|^--mirror$/;

/**
 * `git config [--add|--replace-all|set] remote.NAME.fetch REFSPEC` whose refspec may bring
 * replace refs: every later plain `git fetch` then brings them. A key only known at run time may
 * be that one.
 */
function fetchConfigWrites(args: readonly Arg[], at: number): OperandWrite[] {
  for (let k = at + 1; k < args.length - 1; k++) {
    const key = args[k] as Arg;
    const value = args[k + 1] as Arg;
    const fetchKey = key.dynamic !== null || /^remote\..*\.fetch$/is.test(key.value);
    if (fetchKey && (value.dynamic !== null || FETCHES_REPLACE.test(value.value))) return tree('config of a fetch of replace refs');
    // Audit 48, BL-4: a push into this repository may then move the branch checked out here
    // (`updateInstead` writes the work tree too; `ignore`/`warn` leave it to a `git reset --hard`).
    const receiveKey = key.dynamic !== null || /^receive\.denycurrentbranch$/i.test(key.value);
    if (receiveKey && (value.dynamic !== null || !/^(?:refuse|true|yes|on|1)$/i.test(value.value))) return tree('config receive.denyCurrentBranch');
  }
  return [];
}

/** git's merge back-ends and what applies patch series, which write the whole tree as `git merge` and `git am` do. */
const TREE_MERGERS = new Set(['merge-recursive', 'merge-subtree', 'merge-resolve', 'merge-octopus', 'merge-recursive-ours', 'merge-recursive-theirs', 'merge-index', 'quiltimport']);

/** `git sparse-checkout` verbs that may remove files from the work tree. */
const SPARSE_NARROWERS = new Set(['init', 'set', 'add', 'reapply']);

/** The whole-tree writes and removals of git's sub-command `verb` (at `at`), or []. */
export function gitTreeWrites(args: readonly Arg[], at: number, verb: string): OperandWrite[] {
  switch (verb) {
    case 'checkout':
      return checkoutWrites(args, at);
    case 'switch':
      return switchWrites(args, at);
    case 'reset':
      return resetWrites(args, at);
    case 'merge':
    case 'rebase':
    case 'cherry-pick':
    case 'revert':
    case 'pull':
      return historyWrites(args, at, verb);
    case 'bisect':
      return BISECT_CHECKOUTS.has(args[at + 1]?.value ?? '') ? tree('bisect') : [];
    case 'update-ref':
    case 'symbolic-ref':
      return headMoves(args, at, verb);
    case 'fetch':
      // Only with --update-head-ok may a fetch move the branch HEAD is on; replace refs change what HEAD reads.
      if (args.some((a, k) => k > at && (a.dynamic !== null || FETCHES_REPLACE.test(a.value)))) return tree('fetch of replace refs');
      return args.some((a, k) => k > at && (a.value === '-u' || a.value === '--update-head-ok')) ? tree('fetch --update-head-ok') : [];
    case 'replace':
      return replaceWrites(args, at);
    case 'config':
      return fetchConfigWrites(args, at);
    case 'fast-import':
      // Audit 48, BL-4: its stream may commit to any ref, the branch checked out here included.
      return tree('fast-import');
    case 'remote':
      // `git remote add --mirror[=fetch] NAME URL` fetches every ref, replace refs too, from then on.
      return args[at + 1]?.value === 'add' && args.some((a, k) => k > at + 1 && (a.dynamic !== null || /^--mirror(?:=fetch)?$/.test(a.value))) ? tree('remote add --mirror') : [];
    case 'clean':
      return cleanWrites(args, at);
    case 'stash':
      return stashWrites(args, at);
    case 'sparse-checkout':
      // Audit 31 (OO-1): these take tracked files out of the whole work tree, the policy file and
      // .kiro/settings included; `list`, `check-rules` and `disable` (HEAD's files back) do not.
      return SPARSE_NARROWERS.has(args[at + 1]?.value ?? '') || args[at + 1]?.dynamic != null ? tree(`sparse-checkout ${args[at + 1]?.value ?? ''}`) : [];
    default:
      return TREE_MERGERS.has(verb) ? tree(verb) : [];
  }
}
