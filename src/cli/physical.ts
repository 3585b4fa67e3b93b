// Paths of tool calls as the agent's file system resolves them: `record` and `import` run on the
// machine where the files are, so links on the way can be followed there (see logs/paths.ts).
import { lstatSync, readdirSync, readlinkSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import type { Landing, LinksBelow, PathLanding } from '../engine/compile.ts';
import { namesThroughLinks } from '../engine/linknames.ts';
import { canonicalPath, canonicalSegment } from '../match/path.ts';
import { toRepoPath } from '../logs/paths.ts';
import { repositoryLinks } from './repolinks.ts';

/**
 * Where the file system puts an absolute path: each link on the way followed (the last one too,
 * even when what it names does not exist yet: a write through it creates that file), and `..`
 * taken from the folder the shell would really be in. A folder that does not exist yet is taken
 * as one the tool will make. A loop of links is left as text after 40 links; the write would fail anyway.
 */
export function physicalPath(abs: string, linkAt?: LinkMemo): string {
  return physicalWalk(abs, linkAt).path;
}

/**
 * What each path walked holds, read once per call (the disk does not change while a command is
 * judged): the link's text, null for an entry that is no link, false for one not there.
 */
export type LinkMemo = Map<string, string | null | false>;

/**
 * The entries of each folder read by canonical name (see canonicalSegment), read once per call:
 * null for a folder that cannot be listed.
 */
type FolderSpellings = Map<string, ReadonlyMap<string, string> | null>;

/**
 * physicalPath, whether the walk ended below an entry that is not there (nothing below a
 * missing folder is on disk either, so it is not read again: a long script that `cd`s into new
 * folders and writes there, audit 36, AC-9), and whether any name on the way was not there.
 * With `spellings`, a name that is not there is taken as the entry its folder holds under another
 * spelling of it, as a disk that ignores case, Unicode form and trailing dots opens it
 * (`CFG/cli.json` or `cfg./cli.json` is `cfg/cli.json`, through `cfg -> .kiro/settings`: audit 43, AW-5).
 */
function physicalWalk(abs: string, linkAt?: LinkMemo, spellings?: FolderSpellings): { path: string; missing: boolean; absent: boolean } {
  const queue = abs.split('/');
  let cur = '/';
  let hops = 0;
  let missing = false;
  let absent = false;
  for (let seg = queue.shift(); seg !== undefined; seg = queue.shift()) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      cur = posix.dirname(cur);
      // The folder above a missing one may be there.
      missing = false;
      continue;
    }
    let next = cur === '/' ? `/${seg}` : `${cur}/${seg}`;
    if (missing) {
      cur = next;
      continue;
    }
    let link = linkAtPath(next, linkAt);
    if (link === false && spellings !== undefined) {
      const other = otherSpelling(cur, seg, spellings);
      if (other !== null) {
        next = cur === '/' ? `/${other}` : `${cur}/${other}`;
        link = linkAtPath(next, linkAt);
      }
    }
    if (link === false) missing = absent = true;
    if (link === null || link === false || ++hops > 40) {
      cur = next;
      continue;
    }
    if (link.startsWith('/')) cur = '/';
    queue.unshift(...link.split('/'));
  }
  return { path: cur, missing, absent };
}

/**
 * The entry of `folder` whose name is another spelling of `name` (canonicalSegment), or null. A
 * link among several such entries is taken first, since it is the one that leads elsewhere.
 */
function otherSpelling(folder: string, name: string, spellings: FolderSpellings): string | null {
  let byCanonical = spellings.get(folder);
  if (byCanonical === undefined) {
    byCanonical = null;
    try {
      const found = new Map<string, string>();
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const key = canonicalSegment(entry.name);
        if (!found.has(key) || entry.isSymbolicLink()) found.set(key, entry.name);
      }
      byCanonical = found;
    } catch { /* not a folder that can be listed: no other spelling */ }
    spellings.set(folder, byCanonical);
  }
  const other = byCanonical?.get(canonicalSegment(name));
  return other === undefined || other === name ? null : other;
}

/** readLink, remembered in `linkAt`. */
function linkAtPath(path: string, linkAt: LinkMemo | undefined): string | null | false {
  const known = linkAt?.get(path);
  if (known !== undefined) return known;
  const link = readLink(path);
  linkAt?.set(path, link);
  return link;
}

/** What the link at `path` holds; null when it is no link, false when it is not there. */
function readLink(path: string): string | null | false {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    // Not there yet: the tool makes it as a plain folder (Kiro's create and Claude Code's Write
    // make the missing folders first), so a `..` after it comes back here and a link after that
    // is still followed (`src/new/../keys/key` writes through src/keys).
    return false;
  }
}

/**
 * The folder a process started in `given` (from `base`) is in. `..` after a linked folder is taken
 * where the link leads, as chdir takes it (`src/l/..` with `src/l -> ../secrets/sub` is
 * `secrets`), so a path with `..` is read on disk; any other is only made absolute.
 */
export function chdirTarget(base: string, given: string): string {
  if (!given.split('/').includes('..')) return resolve(base, given);
  return physicalPath(isAbsolute(given) ? given : `${base}/${given}`);
}

/** The absolute folder a request's `cwd` (repository-relative, `~/…` or absolute) names. */
export function folderOnDisk(cwd: string, root: string, home: string): string {
  if (cwd === '' || cwd === '.') return root;
  if (cwd === '~' || cwd.startsWith('~/')) return home + cwd.slice(1);
  return cwd.startsWith('/') ? cwd : `${root}/${cwd}`;
}

/**
 * Where a request path lands on this disk, spelled as record writes paths (logs/paths.ts:
 * repository-relative, else `~/…`, else absolute), for requests whose `cwd` is spelled the same
 * way: a redirection `> lnk/key` through `lnk -> secrets` is a write to `secrets/key`. A file with
 * other names (hard links) lands on each of them too, and so does a path a symlink leads to, or
 * lies below (see linkedNames): `dotkiro/permissions.yaml` is `~/.kiro/settings/permissions.yaml`
 * when that is a link to it.
 */
export function diskLanding(root: string, home: string): PathLanding {
  return landingOnDisk(root, home, lazyScan(root, home));
}

/**
 * The symlinks of ~/.kiro and the repository's .kiro (see scanLinks) and those git sees in the
 * work tree (repolinks.ts), read the first time they are asked for, so a hook judging one call
 * looks at most once, and only when a path is judged. ~/.kiro is walked, as it holds what the
 * kiro scope protects (a dotfiles repository linking `~/.kiro/settings/permissions.yaml` is
 * common); the repository is listed by git instead, as a walk of a large one would pass its bound
 * on every call. A folder that is no work tree has no committed links and is not looked through.
 */
function lazyScan(root: string, home: string): () => LinkScan {
  let scan: LinkScan | null = null;
  return () => {
    if (scan !== null) return scan;
    const physicalRoot = physicalPath(root);
    scan = scanLinks([{ dir: `${physicalPath(home)}/.kiro`, label: '~/.kiro' }, { dir: `${physicalRoot}/.kiro`, label: 'the repository\'s .kiro' }]);
    const listed = repositoryLinks(physicalRoot);
    if (listed !== null) {
      const known = new Set(scan.links.map((l) => l.at));
      for (const path of listed.links) {
        // Where the link is, its folders walked (one of them may have become a link since).
        const at = `${physicalPath(posix.dirname(path))}/${posix.basename(path)}`;
        if (known.has(at) || !isLink(at)) continue;
        known.add(at);
        scan.links.push({ at, leads: physicalPath(at) });
      }
      if (listed.doubt !== null) scan.doubts.push(listed.doubt);
    }
    return scan;
  };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** diskLanding, with the links that lead to a path read by `scanOf`. */
function landingOnDisk(root: string, home: string, scanOf: () => LinkScan, linkAt: LinkMemo = new Map(), spellings: FolderSpellings = new Map()): PathLanding {
  const physicalRoot = physicalPath(root);
  const physicalHome = physicalPath(home);
  const spell = (abs: string): string => toRepoPath(abs, { cwd: physicalRoot, repoRoot: physicalRoot, home: physicalHome });
  // One command may write the same path from the same folder many times (`cd a; > b` repeated:
  // every write is judged in each folder the shell may be in), and the disk does not change while
  // it is judged, so each landing, and each link on the way, is read once (audit 35, YY-2).
  const landed = new Map<string, readonly Landing[]>();
  return (written, cwd) => {
    if (written === '') return [];
    const key = `${cwd}\u0000${written}`;
    const known = landed.get(key);
    if (known !== undefined) return [...known];
    const found = landingOf(written, cwd);
    landed.set(key, found);
    return [...found];
  };
  function landingOf(written: string, cwd: string): Landing[] {
    const folder = folderOnDisk(cwd, root, home);
    const asText = toRepoPath(written, { cwd: folder, repoRoot: root, home });
    // Walked once on disk: where the path lands and which file is there. (`~NAME/…` is a folder
    // named so, as logs/paths.ts reads it.)
    const start = written === '~' || written.startsWith('~/') ? home + written.slice(1) : written.startsWith('/') ? written : `${folder}/${written}`;
    const walked = physicalWalk(start, linkAt);
    const abs = walked.path;
    const onDisk = spell(abs);
    const found: Landing[] = onDisk === asText ? [] : [{ path: onDisk, how: 'through a symlink on disk' }];
    if (!walked.missing) found.push(...otherNames(abs, onDisk, [physicalRoot, `${physicalHome}/.kiro`], spell));
    found.push(...linkedNames(abs, scanOf(), spell).filter((l) => !('path' in l) || l.path !== asText));
    if (walked.absent) found.push(...otherSpellingLanding(start, abs));
    return found;
  }
  /**
   * Where a path some of whose names are not on disk (`exact` where it lands as spelled) lands
   * on a disk that opens them under another spelling (see physicalWalk), when that is another place.
   */
  function otherSpellingLanding(start: string, exact: string): Landing[] {
    const folded = physicalWalk(start, linkAt, spellings).path;
    if (folded === exact) return [];
    const spelled = spell(folded);
    // `DEPLOY/prod/x` is `deploy/prod/x` to the rules already; what matters is a link on the way,
    // or one that leads to it (`config/prod -> ../deploy/prod`).
    const through: Landing[] = canonicalPath(spelled) === canonicalPath(spell(exact)) ? [] : [{ path: spelled, how: 'through a symlink on disk (as a disk that ignores case opens this spelling)' }];
    return [...through, ...linkedNames(folded, scanOf(), spell)];
  }
}

/** Entries looked at for the other names of a hard-linked file before they count as not known. */
const MAX_NAME_SCAN = 20_000;

/**
 * The other names of a regular file that has more than one (hard links), since a write to one is a
 * write to all: looked for below `places` (without `.git` or following links). Names not found
 * there (another file system place, or past the scan's bound) are a doubt.
 */
function otherNames(abs: string, spelled: string, places: readonly string[], spell: (abs: string) => string): Landing[] {
  let file: Stats;
  try {
    file = lstatSync(abs);
  } catch {
    return [];
  }
  if (!file.isFile() || file.nlink < 2) return [];
  const found: Landing[] = [];
  const wanted = file.nlink - 1;
  for (const place of places) {
    for (const at of entriesBelow(place, MAX_NAME_SCAN)) {
      if (at === null || found.length >= wanted) break;
      if (!at.entry.isFile() || at.path === abs) continue;
      try {
        const other = lstatSync(at.path);
        if (other.ino === file.ino && other.dev === file.dev) found.push({ path: spell(at.path), how: 'as another name of the same file on disk (a hard link)' });
      } catch { /* gone since it was listed */ }
    }
  }
  if (found.length < wanted) {
    found.push({ unknown: `${JSON.stringify(spelled)} is a file with ${file.nlink} names on disk (hard links), ${wanted - found.length} of them not found in the repository or ~/.kiro, so what a write to it changes is not known` });
  }
  return found;
}

/** A symlink found on disk: where it is (its folders as walked, none of them a link) and where it leads. */
interface DiskLink { at: string; leads: string }

interface LinkScan {
  links: DiskLink[];
  /** Why some links may not have been found (a place too big to walk). */
  doubts: string[];
}

/**
 * The symlinks below `places`, with where each leads on this disk, and each place itself when it
 * is one (`~/.kiro -> dotfiles/kiro`).
 */
function scanLinks(places: ReadonlyArray<{ dir: string; label: string }>): LinkScan {
  const links: DiskLink[] = [];
  const doubts: string[] = [];
  const seen = new Set<string>();
  const add = (at: string): void => {
    if (seen.has(at)) return;
    seen.add(at);
    links.push({ at, leads: physicalPath(at) });
  };
  for (const { dir, label } of places) {
    try {
      if (lstatSync(dir).isSymbolicLink()) add(dir);
    } catch { /* not there: nothing below it */ }
    for (const at of entriesBelow(dir, MAX_LINK_SCAN)) {
      if (at === null) {
        doubts.push(`more than ${MAX_LINK_SCAN} entries below ${label} to look for symlinks in`);
        break;
      }
      if (at.entry.isSymbolicLink()) add(at.path);
    }
  }
  return { links, doubts };
}

/** Names worked out for one written path before the rest count as not known (ask). */
const MAX_LINKED_NAMES = 256;

/**
 * The names a file or folder at `abs` (where the file system puts a write) also has through the
 * symlinks of `scan` that lead to it or to a folder above it: with `~/.kiro/settings/mcp.json ->
 * REPO/u.yml`, a write to `u.yml` is a write to `~/.kiro/settings/mcp.json`. Such a name may lie
 * below another link's target in turn (`config -> x` and `x/prod -> ../deploy/prod`), so names
 * are followed back link by link, each link at most once on a way.
 */
function linkedNames(abs: string, scan: LinkScan, spell: (abs: string) => string): Landing[] {
  const found: Landing[] = scan.doubts.map((doubt) => ({ unknown: `symlinks that may lead to ${JSON.stringify(spell(abs))} were not all looked for: ${doubt}` }));
  if (scan.links.length === 0) return found;
  const ends = scan.links.map((l) => ({ link: l.at, leads: l.leads }));
  const { names, overflow } = namesThroughLinks([abs], () => ends, restBelow, MAX_LINKED_NAMES);
  for (const { name, link, rest } of names) {
    found.push({ path: spell(name), how: rest === '' ? 'as the target of a symlink on disk' : `below the target of a symlink on disk at ${JSON.stringify(spell(link))}` });
  }
  if (overflow) found.push({ unknown: `more than ${MAX_LINKED_NAMES} names through symlinks on disk lead to ${JSON.stringify(spell(abs))}` });
  return found;
}

/** What follows `folder` in `path` (`''` when they are the same, `/…` below it), or null when `path` is not there. */
function restBelow(path: string, folder: string): string | null {
  if (path === folder) return '';
  if (folder === '/') return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length) : null;
}

/** Entries looked at below a folder before where its links lead counts as not known (ask). */
const MAX_LINK_SCAN = 20_000;

/**
 * Where the symlinks below a folder lead on this disk (see LinksBelow), found by walking it
 * without following links; `.git` is skipped, and a folder too big to walk is a doubt. The links
 * elsewhere that lead into the folder count too: what is put below `deploy` appears under
 * `config/prod` when `config/prod -> ../deploy/prod`.
 */
export function diskLinksBelow(root: string, home: string): LinksBelow {
  const scanOf = lazyScan(root, home);
  const linkAt: LinkMemo = new Map();
  const spellings: FolderSpellings = new Map();
  const landing = landingOnDisk(root, home, scanOf, linkAt, spellings);
  const physicalRoot = physicalPath(root);
  const physicalHome = physicalPath(home);
  const spell = (abs: string): string => toRepoPath(abs, { cwd: physicalRoot, repoRoot: physicalRoot, home: physicalHome });
  return (folder, cwd) => {
    const abs = folder.startsWith('/') || folder === '~' || folder.startsWith('~/') ? folderOnDisk(folder, root, home) : `${folderOnDisk(cwd, root, home)}/${folder}`;
    const walked = physicalWalk(abs, linkAt);
    // A folder not there as spelled may be one under another spelling on a disk that ignores case.
    const folded = walked.absent ? physicalWalk(abs, linkAt, spellings) : walked;
    const found: Landing[] = [];
    const scan = scanOf();
    for (const doubt of scan.doubts) found.push({ unknown: `symlinks that may lead into ${JSON.stringify(folder)} were not all looked for: ${doubt}` });
    for (const { path: start, missing } of folded.path === walked.path ? [walked] : [walked, folded]) {
      for (const at of missing ? [] : entriesBelow(start, MAX_LINK_SCAN)) {
        if (at === null) return [...found, { unknown: `more than ${MAX_LINK_SCAN} entries below ${JSON.stringify(folder)} to look for symlinks in` }];
        if (at.entry.isSymbolicLink()) found.push(...landing(at.path, '.'));
      }
      // A link inside the folder is filled with it; one outside that leads into it is another name of what is put there.
      for (const link of scan.links) {
        if (restBelow(link.leads, start) !== null && restBelow(link.at, start) === null) found.push({ path: spell(link.at), how: `as a symlink on disk into ${JSON.stringify(folder)}` });
      }
    }
    return found;
  };
}

/**
 * Every entry below `start`, found without following links and with `.git` left out; past `limit`
 * entries the walk stops with a null, since what lies beyond was not looked at.
 */
function* entriesBelow(start: string, limit: number): Generator<{ path: string; entry: Dirent } | null> {
  const stack = [start];
  let seen = 0;
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > limit) {
        yield null;
        return;
      }
      const path = dir === '/' ? `/${entry.name}` : `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== '.git') stack.push(path);
      yield { path, entry };
    }
  }
}
