// The other names a path has through symlinks that lead to it or to a folder above it, found the
// same way for the links committed in a range's trees (check) and for those on disk (explain,
// record): a write to `u.yml` is one to `~/.kiro/settings/mcp.json` when that links to it.

/** A symlink at `link` whose target leads to `leads` (both spelled the way the caller compares paths). */
export interface LinkEnd {
  link: string;
  leads: string;
}

/** A name reached: the link it goes through, and what follows the link's target (`''`: the target itself). */
export interface LinkedName {
  name: string;
  link: string;
  rest: string;
}

/**
 * Every name `starts` also have: each link end at or above a name (`endsFor`) names it again at
 * the link's own path, and such a name may lie below another link's target in turn (`config -> x`
 * and `x/prod -> ../deploy/prod`), so names are followed back link by link, each link at most
 * once on a way. `restBelow` gives what follows a folder in a path, or null. Past `max` names the
 * walk stops, `overflow` set: what lies beyond was not looked at.
 */
export function namesThroughLinks(
  starts: readonly string[], endsFor: (name: string) => Iterable<LinkEnd>,
  restBelow: (path: string, folder: string) => string | null, max: number,
): { names: LinkedName[]; overflow: boolean } {
  const names: LinkedName[] = [];
  const seen = new Set(starts);
  const queue = starts.map((name) => ({ name, used: new Set<string>() as ReadonlySet<string> }));
  for (let q = queue.shift(); q !== undefined; q = queue.shift()) {
    for (const end of endsFor(q.name)) {
      const rest = q.used.has(end.link) ? null : restBelow(q.name, end.leads);
      if (rest === null) continue;
      const name = end.link + rest;
      if (seen.has(name)) continue;
      if (names.length >= max) return { names, overflow: true };
      seen.add(name);
      names.push({ name, link: end.link, rest });
      queue.push({ name, used: new Set([...q.used, end.link]) });
    }
  }
  return { names, overflow: false };
}
