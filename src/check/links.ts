// Where a symlink really points (SPEC 6.1). Its target is resolved from the link's folder, one
// segment at a time, following every other symlink on the way as the file system would:
// `a/b/../secrets/key` through a link `a/b -> ../../t` is not `a/secrets/key`. Pure: the tree is
// read through `lookup`, in rounds, so the caller can batch the git calls.

const MAX_HOPS = 40;
/** PATH_MAX on Linux: a longer target is refused by the file system, and not walked here. */
const MAX_TARGET_BYTES = 4096;

/** What a path is in the commit's tree; a path that is not there is left out. */
export type TreeEntryKind = { link: string } | { kind: 'file' | 'folder' };
export type TreeLookup = (paths: readonly string[]) => Promise<ReadonlyMap<string, TreeEntryKind>>;

export interface LinkResolution {
  /** The repository path writes through the link reach, or null when they leave the repository. */
  target: string | null;
  /** Other symlinks followed on the way, in order. */
  via: string[];
  /** Why the target is null, when it is not simply outside. */
  problem?: string;
  /** What the target is: a link to a file cannot stand in for a folder. Null when outside. */
  kind: 'file' | 'folder' | 'missing' | null;
}

interface Walk {
  cur: string[];
  rest: string[];
  hops: number;
  via: string[];
  result: LinkResolution | null;
}

function outsideTarget(target: string): boolean {
  return target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target) || target.startsWith('~');
}

function segmentsOf(target: string): string[] {
  return target.split(/[/\\]/);
}

/**
 * Moves `w` on as far as `known` allows. Returns the paths it still needs to know about (every
 * prefix the rest of a plain walk would visit, so one round usually settles it), or [] when done.
 */
function advance(w: Walk, known: ReadonlyMap<string, TreeEntryKind | null>): string[] {
  while (w.rest.length > 0) {
    const seg = w.rest[0] as string;
    if (seg === '' || seg === '.') { w.rest.shift(); continue; }
    if (seg === '..') {
      if (w.cur.length === 0) { w.result = { target: null, via: w.via, kind: null }; return []; }
      w.cur.pop();
      w.rest.shift();
      continue;
    }
    const path = [...w.cur, seg].join('/');
    if (!known.has(path)) return plainPrefixes(w);
    w.rest.shift();
    w.cur.push(seg);
    const entry = known.get(path);
    if (entry === null || entry === undefined || !('link' in entry)) continue;
    const link = entry.link;
    if (++w.hops > MAX_HOPS) {
      w.result = { target: null, via: w.via, problem: `more than ${MAX_HOPS} symlinks in a row`, kind: null };
      return [];
    }
    w.via.push(path);
    if (outsideTarget(link)) { w.result = { target: null, via: w.via, kind: null }; return []; }
    w.cur.pop();
    w.rest = [...segmentsOf(link), ...w.rest];
  }
  if (w.cur.length === 0) {
    w.result = { target: null, via: w.via, kind: null };
    return [];
  }
  const target = w.cur.join('/');
  const entry = known.get(target);
  const kind = entry === null || entry === undefined ? 'missing' : 'kind' in entry ? entry.kind : 'missing';
  w.result = { target, via: w.via, kind };
  return [];
}

function plainPrefixes(w: Walk): string[] {
  const cur = [...w.cur];
  const out: string[] = [];
  for (const seg of w.rest) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (cur.length === 0) break;
      cur.pop();
      continue;
    }
    cur.push(seg);
    out.push(cur.join('/'));
  }
  return out;
}

/** Resolves the links of one commit: `links` maps each link's path to its target text. */
export async function resolveLinks(links: ReadonlyMap<string, string>, lookup: TreeLookup): Promise<Map<string, LinkResolution>> {
  const known = new Map<string, TreeEntryKind | null>();
  const walks = new Map<string, Walk>();
  for (const [path, target] of links) {
    if (Buffer.byteLength(target) > MAX_TARGET_BYTES) {
      walks.set(path, { cur: [], rest: [], hops: 0, via: [], result: { target: null, via: [], problem: `a target longer than ${MAX_TARGET_BYTES} bytes`, kind: null } });
      continue;
    }
    if (outsideTarget(target)) {
      walks.set(path, { cur: [], rest: [], hops: 0, via: [], result: { target: null, via: [], kind: null } });
      continue;
    }
    walks.set(path, { cur: path.split('/').slice(0, -1), rest: segmentsOf(target), hops: 0, via: [], result: null });
  }
  for (;;) {
    const needed = new Set<string>();
    for (const w of walks.values()) {
      if (w.result !== null) continue;
      for (const p of advance(w, known)) if (!known.has(p)) needed.add(p);
    }
    if (needed.size === 0) break;
    const answers = await lookup([...needed]);
    for (const p of needed) known.set(p, answers.get(p) ?? null);
  }
  const out = new Map<string, LinkResolution>();
  for (const [path, w] of walks) out.set(path, w.result ?? { target: null, via: w.via, problem: 'could not be resolved', kind: null });
  return out;
}
