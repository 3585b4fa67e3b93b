// The links one command makes, copies and moves (audit 33, TT-1): where a later write may go through
// a link, which names a move or a copy carried a link to, and the static links check follows in
// later log entries (ShellAnalysis.links). The walker tells it what each placer did; it answers
// for each write whether that write may land somewhere else.
import { posix } from 'node:path';
import type { Folders } from './folders.ts';
import { globFolder, MAX_MADE_LINKS, type Placed } from './placers.ts';
import type { MadeLink, WritePart } from './types.ts';
import type { Arg } from './words.ts';

/** In the walker's `written` and in `linked`: any file may have been put in place. */
export const ANY_PLACE = '\u0000any';

/** Rounds of applying deferred link-keeping copies to new links (carryLater): real chains are short. */
const MAX_CARRY_ROUNDS = 8;
/** Steps of pairing copies with the links made before them, in one command, past which it asks. */
const MAX_CARRY_WORK = 2_000_000;
/** Earlier names followed back from a write through moves and copies (see carriedFrom). */
const MAX_CARRIED = 64;

export class LinkBook {
  /**
   * Places an earlier program may have made a link (`ln -s /etc out/l`, a copy from outside the
   * workspace, `cp -l`), or ANY_PLACE after an unpacker (`git apply`, `tar -x`): a later write to
   * or under one may land anywhere (`echo x > out/l/passwd`).
   */
  private linked: Set<string> | null = null;
  /**
   * Place -> places a move or a link-keeping copy put there (`mv src/keys src/k2`: src/k2 ->
   * src/keys): a link among them went along, which the engine follows where links are known.
   */
  private carried: Map<string, string[]> | null = null;
  /** Links made here with static names and targets (ShellAnalysis.links). */
  made: MadeLink[] | null = null;
  /** Folders holding links whose places and targets are not known (ShellAnalysis.linkRegions). */
  regions: Set<string> | null = null;
  /** Link-keeping copies in code that runs later: links made after them go along too (see carryLater). */
  private laterCarries: Array<{ placed: Placed; args: readonly Arg[] }> | null = null;
  /** How many places `linked` held when laterCarries were last applied: they are applied again once it grows. */
  private linkedCarried = 0;
  /** Steps carryLinks has taken in this command (see MAX_CARRY_WORK). */
  private carryWork = 0;
  /** `path\0target` of the links carryLinks added to `made`, so none is added twice. */
  private carriedLinkKeys: Set<string> | null = null;

  constructor(private readonly folders: Folders) {}

  /** A link may stand at `path` (in every folder the shell may be in), or anywhere for ANY_PLACE. */
  mayLinkAt(path: string): void {
    const linked = (this.linked ??= new Set());
    if (path === ANY_PLACE) linked.add(ANY_PLACE);
    else for (const p of this.folders.placesOf(path)) linked.add(p);
  }

  /** Each place a move or link-keeping copy put something, with where it was (ShellAnalysis.carried). */
  carriedPairs(): Array<{ from: string; to: string }> {
    return [...(this.carried ?? [])].flatMap(([to, froms]) => froms.map((from) => ({ from, to })));
  }

  /** Later commands' writes below `path` (in every folder the shell may be in) may go through links nobody knows. */
  unknownBelow(path: string): void {
    const regions = (this.regions ??= new Set());
    for (const p of this.folders.placesOf(path.replace(/\/+$/, '') || path)) regions.add(p);
  }

  /** The place in `linked` that is one of `places` or a folder above it; ANY_PLACE after an unpacker. */
  linkAbove(places: readonly string[], ownUnpacker: boolean): string | null {
    const linked = this.linked;
    if (linked === null) return null;
    if (linked.has(ANY_PLACE) && !ownUnpacker) return ANY_PLACE;
    for (const p of places) {
      for (let at = p.length; at > 0; at = p.lastIndexOf('/', at - 1)) if (linked.has(p.slice(0, at))) return p.slice(0, at);
    }
    return null;
  }

  /**
   * A move or a copy that keeps links puts each source at its destination's name, or under it
   * when that is a folder (`mv src/keys src/k2`, `cp -a src out` makes out or out/src). Every
   * place made is paired with every source: a pair that cannot happen only adds a place to look.
   */
  noteCarried(created: readonly string[], sources: readonly string[]): void {
    const carried = (this.carried ??= new Map());
    for (const dest of created) {
      for (const source of sources) {
        if (dest === source || dest.startsWith(`${source.replace(/\/+$/, '')}/`)) continue;
        for (const to of this.folders.placesOf(dest.replace(/\/+$/, '') || dest)) {
          const list = carried.get(to) ?? [];
          for (const from of this.folders.placesOf(source.replace(/\/+$/, '') || source)) if (!list.includes(from)) list.push(from);
          carried.set(to, list);
        }
      }
    }
  }

  /**
   * Where `places` were before the moves and copies so far, into `write.carriedFrom`. Moves chain
   * (`mv a b; mv b c`): each earlier name is followed in turn, within a bound; past it, the name
   * the write goes through may be one not followed, so the write asks.
   */
  carriedFrom(write: WritePart, places: readonly string[]): void {
    const carried = this.carried;
    if (carried === null) return;
    const found = new Set(write.carriedFrom);
    const queue = [...places];
    while (queue.length > 0 && found.size < MAX_CARRIED) {
      const p = queue.shift() as string;
      for (let at = p.length; at > 0; at = p.lastIndexOf('/', at - 1)) {
        for (const from of carried.get(p.slice(0, at)) ?? []) {
          const before = from + p.slice(at);
          if (found.has(before) || places.includes(before)) continue;
          found.add(before);
          queue.push(before);
        }
      }
    }
    if (found.size > 0) write.carriedFrom = [...found];
    if (queue.length > 0) write.forceAsk ??= `${places[0] ?? 'this file'} was moved or copied there through more than ${MAX_CARRIED} earlier names in this command, so where the write lands is not followed`;
  }

  /**
   * Where `place` leads through the links this command made with static names and targets
   * (`ln -s src l`: `l/s` is `src/s`), links to links followed within a bound: a file written
   * after its link was made is still the one run through it (audit 36, AC-5).
   */
  throughMadeLinks(place: string): string[] {
    const made = this.made;
    if (made === null) return [];
    const found: string[] = [];
    const queue = [place];
    while (queue.length > 0 && found.length < MAX_CARRIED) {
      const p = queue.shift() as string;
      for (const link of made) {
        if (p !== link.path && !p.startsWith(`${link.path}/`)) continue;
        const folder = posix.dirname(link.path);
        const target = /^[/~]/.test(link.target) || folder === '.' ? link.target : `${folder}/${link.target}`;
        const there = posix.normalize(target + p.slice(link.path.length));
        if (there === p || found.includes(there)) continue;
        found.push(there);
        queue.push(there);
      }
    }
    return found;
  }

  /** A link-keeping copy in code that runs later (a function body, a trap): see carryLater. */
  copyLater(placed: Placed, args: readonly Arg[]): void {
    (this.laterCarries ??= []).push({ placed, args });
  }

  /**
   * `f(){ cp -P a b; }; ln -s secrets a; f`: a copy in a function body, trap or background job may
   * run after a link made further on, so each is applied again to the links made since. A copy's
   * new places may be another's source; past a few rounds (copies feeding each other without end)
   * it asks.
   */
  carryLater(): string | null {
    if (this.laterCarries === null) return null;
    let why: string | null = null;
    for (let round = 0; (this.linked?.size ?? 0) !== this.linkedCarried; round++) {
      if (round === MAX_CARRY_ROUNDS) return `copies that keep links, in code that runs later, pass links made here on through more than ${MAX_CARRY_ROUNDS} copies, so where later writes through them land is not followed`;
      this.linkedCarried = this.linked?.size ?? 0;
      for (const c of this.laterCarries) why ??= this.carryLinks(c.placed, c.args);
    }
    return why;
  }

  /**
   * A copy that keeps links takes the links this command made along (`ln -s secrets a; cp -P a b`,
   * `cp -a d e` with d/l made): the copy holds the same target text, read from its own folder, so
   * a write to or under it is held like one through the link itself (it asks), and check follows
   * it in later entries. Every place made is paired with every source, as noteCarried does: a pair
   * that cannot happen only adds a place to ask about. Returns why the command asks when the links
   * kept for later entries overflow.
   */
  carryLinks(placed: Placed, args: readonly Arg[]): string | null {
    const linked = this.linked;
    if (linked === null || linked.size === 0 || linked.has(ANY_PLACE)) return null;
    const dest = placed.destination;
    const last = args[args.length - 1];
    const trim = (p: string): string => p.replace(/\/+$/, '') || p;
    // A glob's folder stands for what the glob matches (`cp -P src/* out/`); any other word only
    // known at run time may name any link made (`cp -P "$x" b`).
    const sources = placed.sources.map((s) => ({ raw: trim(s), from: this.folders.placesOf(trim(s)), contents: false }));
    let unknown = false;
    for (const a of args.slice(1)) {
      if (a.dynamic === null || a.value.startsWith('-') || (a === last && (dest === undefined || dest.path === a.value))) continue;
      const folder = globFolder(a);
      if (folder === undefined) unknown = true;
      else sources.push({ raw: folder, from: this.folders.placesOf(folder), contents: true });
    }
    // With every source only known at run time, placedFiles names no destination: the last word is it.
    const dests = placed.created.length > 0 ? placed.created
      : (unknown || sources.length > placed.sources.length) && last !== undefined && last.dynamic === null && !last.value.startsWith('-') ? [last.value] : [];
    // Each copy is weighed against every link made so far: a command of thousands of each asks
    // rather than take quadratic time (the copy's own part then asks, so nothing is lost).
    const fromCount = sources.reduce((n, s) => n + s.from.length, 0);
    this.carryWork += linked.size * (fromCount + dests.length * this.folders.placesOf('.').length * (sources.length + (unknown ? 2 : 0)));
    if (this.carryWork > MAX_CARRY_WORK) return `this command copies links it made, with copies that keep links, more often than is followed here, so where later writes through the copies land is not known`;
    const pairs = new Map<string, Set<string>>();
    const add = (to: string, from: string): void => {
      const path = posix.normalize(to);
      const froms = pairs.get(path) ?? new Set<string>();
      froms.add(from);
      pairs.set(path, froms);
    };
    // Each source's links, with where each lies below it ('' for the source itself).
    const found = sources.map((s) => {
      const links: Array<{ link: string; below: string }> = [];
      for (const l of linked) {
        for (const from of s.from) {
          const below = from === '.' ? (/^(?:[/~]|\.\.(?:\/|$))/.test(l) ? null : `/${l}`) : l === from ? '' : l.startsWith(`${from}/`) ? l.slice(from.length) : null;
          if (below !== null) links.push({ link: l, below });
        }
      }
      return { ...s, links };
    }).filter((s) => s.links.length > 0);
    if (found.length === 0 && !unknown) return null;
    for (const made of dests) {
      const to0 = trim(made);
      // A folder the copy goes into is not itself the copy (`cp -P a out/` makes out/a).
      const into = (dest?.folder === true && made === dest.path) || /(?:^|\/)\.{0,2}\/*$/.test(made);
      const tos = this.folders.placesOf(to0);
      for (const s of found) {
        if (to0 === s.raw || to0.startsWith(`${s.raw}/`)) continue;
        for (const to of tos) {
          for (const { link, below } of s.links) if (!(below === '' && (into || s.contents))) add(to + below, link);
        }
      }
      if (unknown) {
        for (const to of tos) {
          for (const l of linked) {
            if (!into) add(to, l);
            add(`${to}/${posix.basename(l)}`, l);
          }
        }
      }
    }
    if (pairs.size === 0) return null;
    for (const path of pairs.keys()) linked.add(path);
    const made = this.made;
    if (made === null) return null;
    const targets = new Map<string, string[]>();
    for (const m of made) targets.set(m.path, [...targets.get(m.path) ?? [], m.target]);
    const keys = (this.carriedLinkKeys ??= new Set());
    for (const [path, froms] of pairs) {
      for (const from of froms) {
        for (const target of targets.get(from) ?? []) {
          const key = `${path}\0${target}`;
          if (keys.has(key) || path === from) continue;
          if (made.length >= MAX_MADE_LINKS) return `this command makes or copies more than ${MAX_MADE_LINKS} links (every place each may stand counted), more than later commands are checked against`;
          keys.add(key);
          made.push({ path, target });
        }
      }
    }
    return null;
  }

  /**
   * The links `ln` makes, for the commands of later log entries to go through (check reads them):
   * every place made paired with every source, as noteCarried does. A symbolic link's target is
   * read from its folder; a hard link's source from the shell's, so it is rewritten from the link's.
   * Returns why the command asks when it makes more links than are kept: later entries would not
   * go through the ones left out.
   */
  noteMadeLinks(created: readonly string[], sources: readonly string[], args: readonly Arg[]): string | null {
    const symbolic = args.some((a, i) => i > 0 && (/^-[a-zA-Z]*s/.test(a.value) || /^--sy/.test(a.value)));
    // `ln -r` writes the target relative to the link's folder, as a hard link's source is read.
    const relative = (args[0]?.value ?? '').endsWith('ln') && args.some((a, i) => i > 0 && (/^-[a-zA-Z]*r/.test(a.value) || /^--rel/.test(a.value)));
    const made = (this.made ??= []);
    for (const dest of created) {
      for (const source of sources) {
        if (dest === source) continue;
        for (const path of this.folders.placesOf(dest.replace(/\/+$/, '') || dest)) {
          if (made.length >= MAX_MADE_LINKS) return `this command makes more than ${MAX_MADE_LINKS} links (every place each may stand counted), more than later commands are checked against`;
          const hard = /^[/~]/.test(source) ? source : posix.relative(posix.dirname(path), this.folders.placesOf(source)[0] ?? source) || '.';
          made.push({ path, target: symbolic && !relative ? source : hard });
        }
      }
    }
    return null;
  }
}
