// Where the paths of replayed log entries land through the symlinks in the repository: a log's
// `git status > lnk/key` with `lnk -> secrets` in the tree wrote `secrets/key`, which the text
// alone does not say. Replay never touches a work tree, so the links come from git's trees.
import { isUtf8 } from 'node:buffer';
import { posix } from 'node:path';
import type { Landing, LinksBelow, PathLanding } from '../engine/compile.ts';
import { namesThroughLinks, type LinkEnd } from '../engine/linknames.ts';
import type { Git } from '../git/exec.ts';
import { forEachTreeEntry, readBlobs } from '../git/log.ts';
import { canonicalPath } from '../match/path.ts';

const SYMLINK = '120000';
const MAX_HOPS = 40;
const PATH_MAX = 4096;
const WHERE = 'of the range (in its trees, or made by an earlier entry)';
const HOW = `through a symlink ${WHERE}`;

/** Symlink path -> blob id, for every symlink in `commit`'s tree. */
export async function treeSymlinks(git: Git, commit: string): Promise<Map<string, string>> {
  return symlinksOf(await git.run(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit]));
}

/** Symlink path -> blob id, for every symlink in the output of `ls-tree -r -z`. */
export function symlinksOf(listing: Buffer): Map<string, string> {
  const found = new Map<string, string>();
  forEachTreeEntry(listing, (path, entry) => found.set(path, entry.id), SYMLINK);
  return found;
}

/** The commits outside `mergeBases..head` that commits inside it have as parents. */
export async function rangeBoundary(git: Git, head: string, mergeBases: readonly string[]): Promise<string[]> {
  const out = await git.run(['rev-list', '--boundary', '--end-of-options', head, ...mergeBases.map((b) => `^${b}`), '--']);
  return out.toString('latin1').split('\n').filter((line) => line.startsWith('-')).map((line) => line.slice(1));
}

/**
 * Every symlink the range's trees hold, by canonical path (SPEC 6.2: on the case-insensitive disks
 * agents run on, `docs/keys/k` goes through a link `Docs/keys`) -> each target it had. A log entry
 * is followed through all of them, not only the last: landings only tighten a verdict, so a link
 * retargeted or removed after the entry was recorded cannot loosen it.
 */
export type TreeLinks = Map<string, string[]>;

/**
 * Adds the targets of `ids` ([path, blob id] pairs) to `links`, reading the blobs it does not have.
 * Returns whether `links` changed.
 */
export async function addTargets(git: Git, ids: ReadonlyArray<readonly [string, string]>, links: TreeLinks, blobs: ReadonlyMap<string, Buffer> = new Map()): Promise<boolean> {
  const missing = ids.map(([, id]) => id).filter((id) => id !== '' && !blobs.has(id));
  const read = missing.length > 0 ? await readBlobs(git, missing) : new Map<string, Buffer>();
  let changed = false;
  for (const [path, id] of ids) {
    const bytes = blobs.get(id) ?? read.get(id);
    // A target that cannot be read, or is not text, is taken to leave the repository.
    const target = bytes !== undefined && isUtf8(bytes) && !bytes.includes(0) ? bytes.toString('utf8') : '/';
    if (addLink(links, path, target)) changed = true;
  }
  return changed;
}

/**
 * What addLink added to each map, in order: the indexes below catch up from where they last read
 * instead of walking every link again on each call, which made a commit adding thousands of links
 * quadratic (audit 47, BJ-3). addLink is the only way links are added.
 */
const added = new WeakMap<TreeLinks, Array<{ key: string; target: string }>>();

function addedTo(links: TreeLinks): Array<{ key: string; target: string }> {
  let list = added.get(links);
  if (list === undefined) {
    list = [];
    for (const [key, targets] of links) for (const target of targets) list.push({ key, target });
    added.set(links, list);
  }
  return list;
}

/**
 * The target noted for a folder whose links nobody knows: what an entry unpacked or copied in from
 * outside (`tar -xf a.tar -C src`, `git clone URL v`). A path through it lands where it is not known.
 */
export const UNKNOWN_LINKS = '\u0000links not known';

/** Marks a noted "link" as a move or copy of whatever links stood at or below a path (see entryLinkNoter). */
export const CARRIED_FROM = '\u0000carried from ';

/**
 * Links made by replayed entries that later entries are followed through. Each new one has the
 * entries judged again, so thousands took minutes (audit 49, BP-7); past it an entry making one asks.
 */
export const MAX_ENTRY_LINKS = 512;

/**
 * Notes the links replayed entries make, for check and the hook alike: returns whether the link is
 * followed (false past MAX_ENTRY_LINKS). `changed` hears of each new one, with whether entries
 * judged before should be judged again: a folder of unknown links counts for later entries only,
 * so the entry that unpacked it is not judged through it. A target `CARRIED_FROM + FROM` copies
 * every known link at or below FROM to the same place below the path (`mv src/a/b/l src/a/l`
 * moves a link an earlier entry made, or a committed one, and a relative target is read from its
 * new folder: audit 49, BP-1).
 */
export function entryLinkNoter(links: TreeLinks, changed: (rejudge: boolean) => void): { note: (path: string, target: string) => boolean; count: () => number } {
  let count = 0;
  const one = (path: string, target: string): boolean => {
    if (count >= MAX_ENTRY_LINKS) return hasLink(links, path, target);
    if (!addLink(links, path, target)) return true;
    count++;
    changed(target !== UNKNOWN_LINKS);
    return true;
  };
  const note = (path: string, target: string): boolean => {
    if (!target.startsWith(CARRIED_FROM)) return one(path, target);
    const from = canonicalPath(target.slice(CARRIED_FROM.length));
    const moved: Array<[string, string]> = [];
    for (const [link, targets] of links) {
      const rest = link === from ? '' : link.startsWith(`${from}/`) ? link.slice(from.length) : null;
      if (rest !== null) for (const t of targets) moved.push([path + rest, t]);
    }
    let all = true;
    for (const [p, t] of moved) if (!one(p, t)) all = false;
    return all;
  };
  return { note, count: () => count };
}

/** Whether the link at `path` is known to have had `target`. */
export function hasLink(links: TreeLinks, path: string, target: string): boolean {
  return links.get(canonicalPath(path))?.includes(target) === true;
}

/** Records that the link at `path` had `target`; returns whether that was new. */
export function addLink(links: TreeLinks, path: string, target: string): boolean {
  const key = canonicalPath(path);
  const list = addedTo(links);
  const known = links.get(key);
  if (known === undefined) links.set(key, [target]);
  else if (known.includes(target)) return false;
  else known.push(target);
  list.push({ key, target });
  return true;
}

/** Walks taken at most per path, every target of every link counted: a bound, not a limit met in practice. */
const MAX_WALKS = 256;

interface Walk {
  queue: string[];
  cur: string[];
  /** Canonical keys of cur's leading folders, as far as each leads to a link (see walk). */
  keys: string[];
  hops: number;
  /** Walks on past folders of unknown links (UNKNOWN_LINKS), whose unknown landing is given already. */
  pastRegions?: true;
}

/** Every folder above a link, canonical: below any other folder no link lies. */
function linkFolders(links: TreeLinks): Set<string> {
  const folders = new Set<string>();
  for (const key of links.keys()) for (let at = key.indexOf('/'); at > 0; at = key.indexOf('/', at + 1)) folders.add(key.slice(0, at));
  return folders;
}

/**
 * Where a repository path may land through `links` (read when called, so the map may grow),
 * walked a segment at a time as the file system would; one landing per way through the links,
 * none when no link is on the way. With `names`, the names the links give it are landings too
 * (see treeLinkedNames): with `config/prod -> ../deploy/prod`, `deploy/prod/app.yml` is also
 * `config/prod/app.yml`.
 */
export function treeLanding(links: TreeLinks, options: { names?: boolean } = {}): PathLanding {
  const forward = forwardLanding(links);
  if (options.names !== true) return forward;
  const names = linkedNames(links, forward);
  return (written, cwd) => {
    const found = forward(written, cwd);
    if (links.size === 0 || /^[/~\\]/.test(written) || /^[/~\\]/.test(cwd) || written.length + cwd.length > PATH_MAX) return found;
    const spelled = cwd === '' || cwd === '.' ? written : `${cwd}/${written}`;
    return [...found, ...names(spelled, found)];
  };
}

/** See treeLanding: the landings through the links on a path's way only. */
function forwardLanding(links: TreeLinks): PathLanding {
  let folders = new Set<string>();
  let known = -1;
  return (written, cwd) => {
    // Longer than PATH_MAX, the path is refused (ENAMETOOLONG) and lands nowhere.
    if (links.size === 0 || /^[/~\\]/.test(written) || written.length + cwd.length > PATH_MAX) return [];
    const start = cwd === '' || cwd === '.' ? '' : cwd;
    if (/^[/~\\]/.test(start)) return [];
    if (known !== links.size) {
      folders = linkFolders(links);
      known = links.size;
    }
    const found: Landing[] = [];
    // Places not known come last: a known place's reason says more, at the same effect.
    const unknown: Landing[] = [];
    const walks: Walk[] = [{ queue: (start === '' ? written : `${start}/${written}`).split('/'), cur: [], keys: [], hops: 0 }];
    let taken = 0;
    for (let w = walks.pop(); w !== undefined; w = walks.pop()) {
      if (++taken > MAX_WALKS) return [...found, ...unknown, { unknown: `more than ${MAX_WALKS} ways through the symlinks ${WHERE}` }];
      const landing = walk(w, links, folders, walks);
      if (landing !== null) ('unknown' in landing ? unknown : found).push(landing);
    }
    return [...found, ...unknown];
  };
}

/** Follows one walk to its end, pushing a walk onto `forks` for each other way a link met offers. */
function walk(w: Walk, links: TreeLinks, folders: ReadonlySet<string>, forks: Walk[]): Landing | null {
  const { queue, cur, keys } = w;
  for (let seg = queue.shift(); seg !== undefined; seg = queue.shift()) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (cur.length > 0) {
        cur.pop();
        if (keys.length > cur.length) keys.length = cur.length;
        continue;
      }
      // Above the root by a `..` the entry wrote: the engine judges the text, which leaves the
      // workspace too. One a link's target took is a place outside CI's clone, in the agent's.
      return w.hops === 0 ? null : { path: posix.normalize(['..', ...queue].join('/')), how: HOW };
    }
    cur.push(seg);
    // Keys are worked out only along folders that lead to a link, so a long path costs no more
    // than its length.
    if (keys.length !== cur.length - 1) continue;
    const parent = keys[keys.length - 1];
    const key = parent === undefined ? canonicalPath(seg) : `${parent}/${canonicalPath(seg)}`;
    const leads = folders.has(key);
    const targets = links.get(key);
    if (targets === undefined) {
      if (leads) keys.push(key);
      continue;
    }
    // The folder itself is a plain folder; a path below it may go through any link in it, and
    // through the known ones too, which a fork walks on past it.
    if (w.pastRegions !== true && targets.includes(UNKNOWN_LINKS) && queue.some((q) => q !== '' && q !== '.')) {
      forks.push({ queue: [...queue], cur: [...cur], keys: leads ? [...keys, key] : [...keys], hops: w.hops, pastRegions: true });
      return { unknown: `${JSON.stringify(cur.join('/'))} holds what an earlier entry unpacked or copied in (tar -x, git clone, cp -r from outside…), whose links are not known, so where this lands is not known` };
    }
    const linkTargets = targets.filter((t) => t !== UNKNOWN_LINKS);
    if (linkTargets.length === 0) {
      if (leads) keys.push(key);
      continue;
    }
    // More links in a row than Linux follows: the write fails (ELOOP) and lands nowhere.
    if (w.hops + 1 > MAX_HOPS) return null;
    // The same name may be a plain folder too (in another tree, or another spelling of it beside
    // the link: `src/l/` and `src/l.`): with links below it, that way is walked as well.
    if (leads) forks.push({ queue: [...queue], cur: [...cur], keys: [...keys, key], hops: w.hops });
    w.hops++;
    cur.pop();
    for (const target of linkTargets.slice(1)) forks.push({ queue: [...target.split('/'), ...queue], cur: [...cur], keys: [...keys], hops: w.hops });
    const target = linkTargets[0] as string;
    // A link out of the repository: the rest of the path goes on from there.
    if (/^[/~]/.test(target)) return { path: posix.normalize([target, ...queue].join('/')), how: HOW };
    queue.unshift(...target.split('/'));
  }
  return w.hops === 0 ? null : { path: cur.length === 0 ? '.' : cur.join('/'), how: HOW };
}

/** Names worked out for one path before the rest count as not known (ask). */
const MAX_NAMES = 256;

/**
 * The names the links of `links` (read when called) give a repository path, without where it lands
 * through them (see treeLanding): a commit that changes `deploy/prod/app.yml` changes
 * `config/prod/app.yml` too when `config/prod -> ../deploy/prod`.
 */
export function treeLinkedNames(links: TreeLinks): (path: string) => Landing[] {
  const forward = forwardLanding(links);
  const names = linkedNames(links, forward);
  return (path) => (links.size === 0 || /^[/~\\]/.test(path) || path.length > PATH_MAX ? [] : names(path, forward(path, '.')));
}

/** A link of the range's trees and a place in the repository its target leads to, both canonical (`''`: the root). */

/**
 * The repository places, canonical, a path spelled from the root may be: as written (a link on
 * the way may be missing from some tree) and where `found` (its landings) put it. A place out of
 * the repository is no tree path.
 */
function placesOf(spelled: string, found: readonly Landing[]): string[] {
  const places = new Set<string>();
  for (const path of [spelled, ...found.flatMap((l) => ('path' in l ? [l.path] : []))]) {
    const place = posix.normalize(path).replace(/\/+$/, '');
    if (/^[/~]/.test(place) || place === '..' || place.startsWith('../')) continue;
    places.add(place === '.' ? '' : canonicalPath(place));
  }
  return [...places];
}

/**
 * The names the links of `links` (read when called) give a place: a link whose target, read from
 * the link's folder through the other links, is the place or a folder above it names the place
 * as itself plus the rest of the path. Such a name may lie below another link's target in turn
 * (`config -> x` and `x/prod -> ../deploy/prod`), so names are followed back link by link, each
 * link at most once on a way.
 */
function linkedNames(links: TreeLinks, forward: PathLanding): (spelled: string, found: readonly Landing[]) => Landing[] {
  // The link ends by the place they lead to, so a name meets only the ends at or above it
  // (one lookup per folder on its way), not every link of the trees.
  let byLeads = new Map<string, LinkEnd[]>();
  let known = -1;
  return (spelled, found) => {
    // Re-read when a link or a target was added since: a new link may re-route the others' ends.
    const count = addedTo(links).length;
    if (known !== count) {
      byLeads = new Map();
      for (const end of linkEnds(links, forward)) {
        const list = byLeads.get(end.leads);
        if (list === undefined) byLeads.set(end.leads, [end]);
        else list.push(end);
      }
      known = count;
    }
    if (byLeads.size === 0) return [];
    const { names, overflow } = namesThroughLinks(placesOf(spelled, found), (name) => endsAbove(byLeads, name), restBelow, MAX_NAMES);
    const out: Landing[] = names.map(({ name, link, rest }) => ({ path: name, how: rest === '' ? `as the target of a symlink ${WHERE}` : `below the target of symlink ${JSON.stringify(link)} ${WHERE}` }));
    if (overflow) out.push({ unknown: `more than ${MAX_NAMES} names through the symlinks ${WHERE} lead to ${JSON.stringify(spelled)}` });
    return out;
  };
}

/**
 * The ends of `byLeads` that lead to the canonical place `name` or to a folder above it (`''`: the
 * root), as the caller takes them: it stops at MAX_NAMES, so thousands of links to one place cost
 * each name no more than that (audit 47, BJ-3).
 */
function* endsAbove(byLeads: ReadonlyMap<string, readonly LinkEnd[]>, name: string): Generator<LinkEnd> {
  yield* byLeads.get('') ?? [];
  if (name === '') return;
  for (let at = name.indexOf('/'); at > 0; at = name.indexOf('/', at + 1)) yield* byLeads.get(name.slice(0, at)) ?? [];
  yield* byLeads.get(name) ?? [];
}

/** Every place in the repository each target of each link leads to, other links followed. */
function linkEnds(links: TreeLinks, forward: PathLanding): LinkEnd[] {
  const ends: LinkEnd[] = [];
  for (const [link, targets] of links) {
    const folder = link.slice(0, Math.max(0, link.lastIndexOf('/')));
    for (const target of targets) {
      // `~/…` or `/…`: out of the repository, where no tree path is.
      if (/^[/~\\]/.test(target) || target === UNKNOWN_LINKS) continue;
      const spelled = folder === '' ? target : `${folder}/${target}`;
      for (const leads of placesOf(spelled, forward(spelled, '.'))) if (leads !== link) ends.push({ link, leads });
    }
  }
  return ends;
}

/** What follows the canonical `folder` in the canonical `path` (`''` when they are the same, `/…` below it; `''` is the root), or null. */
function restBelow(path: string, folder: string): string | null {
  if (path === folder) return '';
  if (folder === '') return path === '' ? '' : `/${path}`;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length) : null;
}

/** A link whose written target goes through another path (see linksThrough). */
export interface LinkThrough {
  /** The link's canonical path. */
  link: string;
  target: string;
  /** The target spelled from the repository root, `..` kept: what a landing walk starts from. */
  spelled: string;
}

/**
 * The links of `links` whose targets, read as written from their folders, pass through a path:
 * a link added or changed there re-points them (`z -> y/../settings` in the base tree goes to
 * `.kiro/settings` once a commit adds `y -> .kiro/steering`), so they are judged again then.
 * Read when called, so the map may grow.
 */
export function linksThrough(links: TreeLinks): (path: string) => LinkThrough[] {
  // Each link's written target, filed under every canonical path its walk visits: a target's
  // walk depends on its text alone, so links added later are filed as they come.
  const byVisited = new Map<string, LinkThrough[]>();
  let filed = 0;
  return (path) => {
    const list = addedTo(links);
    for (; filed < list.length; filed++) {
      const { key: link, target } = list[filed] as { key: string; target: string };
      if (/^[/~\\]/.test(target) || target === UNKNOWN_LINKS) continue;
      const folder = link.slice(0, Math.max(0, link.lastIndexOf('/')));
      const through: LinkThrough = { link, target, spelled: folder === '' ? target : `${folder}/${target}` };
      for (const visited of visitedBy(through.spelled)) {
        const known = byVisited.get(visited);
        if (known === undefined) byVisited.set(visited, [through]);
        else known.push(through);
      }
    }
    const key = canonicalPath(path);
    return (byVisited.get(key) ?? []).filter((t) => t.link !== key);
  };
}

/** The canonical paths a lexical walk of `spelled` (`..` taking a segment back) visits, each once. */
function visitedBy(spelled: string): Set<string> {
  // The path so far after each segment, so a deep target costs its length, not its length squared.
  const walked: string[] = [];
  const visited = new Set<string>();
  for (const seg of spelled.split(/[/\\]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (walked.pop() === undefined) break;
      continue;
    }
    const parent = walked[walked.length - 1];
    const path = parent === undefined ? canonicalPath(seg) : `${parent}/${canonicalPath(seg)}`;
    walked.push(path);
    visited.add(path);
  }
  return visited;
}

/**
 * Where the links of the range's trees that lie below a folder lead (see LinksBelow): every link
 * whose canonical path starts with the folder's. With `names`, the links elsewhere that lead into
 * the folder count too (what is put below `deploy` appears under `config/prod` when `config/prod
 * -> ../deploy/prod`), and each link's target is also judged under the names links give it.
 */
export function treeLinksBelow(links: TreeLinks, options: { names?: boolean } = {}): LinksBelow {
  const land = treeLanding(links, options);
  const forward = forwardLanding(links);
  return (folder, cwd) => {
    if (links.size === 0 || /^[/~\\]/.test(folder) || /^[/~\\]/.test(cwd)) return [];
    const spelled = posix.normalize(cwd === '' || cwd === '.' ? folder : `${cwd}/${folder}`).replace(/\/+$/, '');
    if (spelled === '..' || spelled.startsWith('../')) return [];
    const prefix = spelled === '.' ? '' : `${canonicalPath(spelled)}/`;
    const found: Landing[] = [];
    // A folder noted as holding unknown links (UNKNOWN_LINKS) is no link itself: what a later
    // write below it lands on is asked there.
    for (const [link, targets] of links) if (link.startsWith(prefix) && targets.some((t) => t !== UNKNOWN_LINKS)) found.push(...land(link, '.'));
    if (options.names !== true) return found;
    // The folder as the links' walk puts it (a link on its way is followed), then every link
    // outside it whose target lies inside it.
    const places = placesOf(spelled, forward(spelled, '.'));
    for (const end of linkEnds(links, forward)) {
      if (places.some((p) => end.leads !== p && restBelow(end.leads, p) !== null && restBelow(end.link, p) === null)) {
        found.push({ path: end.link, how: `as a symlink ${WHERE} into ${JSON.stringify(spelled)}` });
      }
    }
    return found;
  };
}
