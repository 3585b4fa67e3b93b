// Compiles policy files into indexed rule sets, once per run. Each capability gets a deny, an ask
// and an allow set; resolution then only has to find the first hit in the most restrictive set.
import { compileFsPattern, FsIndex, homeFoldersNamed } from '../match/fs.ts';
import { compileText, literalLeadingWords, mayMatchHoles, type TextMatcher } from '../match/text.ts';
import { urlPatternReadings } from '../match/url.ts';
import { defaultScope, kiroScope } from '../policy/builtin.ts';
import {
  CONCRETE_CAPABILITIES, SCOPE_ORDER,
  type Effect, type ModelPolicy, type PolicyFile, type RequestCapability, type RuleCapability, type RuleRef, type ScopeName,
} from '../policy/types.ts';

export type ConcreteCapability = Exclude<RequestCapability, 'model'>;
export const FS_CAPS: ReadonlySet<ConcreteCapability> = new Set(['fs_read', 'fs_write']);

export interface TextEntry {
  readonly ordinal: number;
  readonly matcher: TextMatcher;
  readonly excludes: TextMatcher[];
  readonly ref: RuleRef;
  readonly trusted: boolean;
}

/**
 * Text rules of one effect, indexed by the literal first two words of their pattern (`npm test *`
 * under `npm test`), or by the first word alone (`npm *` under `npm`), or not at all (`*`).
 */
export class TextIndex {
  private readonly byWords = new Map<string, TextEntry[]>();
  private readonly byWord = new Map<string, TextEntry[]>();
  private readonly generic: TextEntry[] = [];
  size = 0;

  add(entry: TextEntry): void {
    this.size++;
    const words = literalLeadingWords(entry.matcher.pattern);
    if (words === null) { this.generic.push(entry); return; }
    const map = words.indexOf(' ') < 0 ? this.byWord : this.byWords;
    const list = map.get(words);
    if (list) list.push(entry); else map.set(words, [entry]);
  }

  /**
   * The first entry whose pattern matches `text` and none of whose excludes match `text` or any of
   * `alsoExcluded`: an allow rule's `exclude` also sees the command's tightening views, so
   * `exclude: ["npm publish*"]` keeps `npm pub` and `npm --silent publish` out of `npm *`.
   */
  /**
   * The first entry whose pattern may match some text `holes` stands for (see mayMatchHoles).
   * Excludes are not consulted: they too would have to hold for every such text.
   */
  firstMayMatch(holes: ReadonlyArray<string | null>): TextEntry | null {
    let best: TextEntry | null = null;
    for (const list of [...this.byWords.values(), ...this.byWord.values(), this.generic]) {
      for (const e of list) {
        if (best !== null && e.ordinal >= best.ordinal) break;
        if (mayMatchHoles(e.matcher.pattern, holes)) best = e;
      }
    }
    return best;
  }

  first(text: string, alsoExcluded: readonly string[] = []): TextEntry | null {
    if (this.size === 0) return null;
    const space = text.indexOf(' ');
    const word = space < 0 ? text : text.slice(0, space);
    let best: TextEntry | null = null;
    if (space >= 0 && this.byWords.size > 0) {
      const next = text.indexOf(' ', space + 1);
      best = firstIn(this.byWords.get(next < 0 ? text : text.slice(0, next)), text, alsoExcluded, best);
    }
    best = firstIn(this.byWord.get(word), text, alsoExcluded, best);
    return firstIn(this.generic, text, alsoExcluded, best);
  }
}

/** The first of `list` (kept in rule order) that beats `best` and matches `text`. */
function firstIn(list: readonly TextEntry[] | undefined, text: string, alsoExcluded: readonly string[], best: TextEntry | null): TextEntry | null {
  if (list === undefined) return best;
  for (const e of list) {
    if (best !== null && e.ordinal >= best.ordinal) break;
    if (e.matcher.test(text) && !excludedBy(e.excludes, text, alsoExcluded)) return e;
  }
  return best;
}

function excludedBy(excludes: readonly TextMatcher[], text: string, alsoExcluded: readonly string[]): boolean {
  for (const x of excludes) {
    if (x.test(text)) return true;
    for (const t of alsoExcluded) if (x.test(t)) return true;
  }
  return false;
}

export interface FsPayload { ref: RuleRef }

export interface CapabilityRules {
  deny: TextIndex;
  ask: TextIndex;
  allow: TextIndex;
  /** Every fs pattern of the capability, in three groups: FS_DENY, FS_ASK, FS_ALLOW. */
  fs: FsIndex<FsPayload>;
}

export interface ScopedModels { scope: ScopeName; file: string; policy: ModelPolicy }

/** Rule sets by capability, each indexed on first use: a hook that only judges writes never builds the others. */
export interface CapabilityTable {
  get(cap: ConcreteCapability): CapabilityRules | undefined;
}

class LazyCapabilities implements CapabilityTable {
  private readonly built = new Map<ConcreteCapability, CapabilityRules>();
  constructor(private readonly pending: Map<ConcreteCapability, Array<(rules: CapabilityRules) => void>>) {}

  get(cap: ConcreteCapability): CapabilityRules | undefined {
    let rules = this.built.get(cap);
    if (rules !== undefined) return rules;
    const adds = this.pending.get(cap);
    if (adds === undefined) return undefined;
    rules = newRules();
    // Adds run in rule order, so every index list stays in ordinal order.
    for (const add of adds) add(rules);
    this.pending.delete(cap);
    this.built.set(cap, rules);
    return rules;
  }
}

export interface CompiledPolicy {
  readonly capabilities: CapabilityTable;
  readonly models: ScopedModels[];
  /** Kiro IDE trustedCommands, for the prefix-trust gap report. */
  readonly trustedCommands: string[];
  readonly home: string;
  readonly root: string | null;
  readonly files: PolicyFile[];
  /** See CompileOptions.replayedPaths. */
  readonly replayedPaths: boolean;
  /** See CompileOptions.landing. */
  readonly landing: PathLanding | null;
  /** See CompileOptions.linksBelow. */
  readonly linksBelow: LinksBelow | null;
  /** See CompileOptions.foreignRepository. */
  readonly foreignRepository: ForeignRepository | null;
  /**
   * With replayedPaths: the home folders deny and ask fs rules name absolutely (`/Users/dev`,
   * `/home/*`). A replayed `~/…` is in the agent's home, which may be any of them.
   */
  readonly foreignHomes: readonly string[];
}

/**
 * Where a path request really lands, and how, as a reason puts it (`through a symlink on disk`);
 * `unknown` says why that could not be worked out (judged ask).
 */
export type Landing = { path: string; how: string } | { unknown: string };
/**
 * Where a written path (`lnk/key` from `cwd`) may land once symbolic links are followed, spelled as
 * request paths (repository-relative, `~/…` or absolute); none when that is where the text says.
 */
export type PathLanding = (written: string, cwd: string) => readonly Landing[];
/**
 * Where the symbolic links that lie below a folder (`build` from `cwd`) lead, spelled as request
 * paths: an archive unpacked into the folder writes through them (`build/k -> ../.kiro`).
 */
export type LinksBelow = (folder: string, cwd: string) => readonly Landing[];
/**
 * Why git run in `folder` (from `cwd`) would find a repository other than the workspace's own,
 * whose config (`core.fsmonitor`, aliases, hooks) it obeys; null when it finds the workspace's.
 */
export type ForeignRepository = (folder: string, cwd: string) => string | null;

export interface CompileOptions {
  /** Home folder for `~/` patterns and requests. */
  home: string;
  /** Absolute workspace root, when known, to relativise absolute request paths inside it. */
  root?: string | null;
  /** Repository paths of the workspace policy file(s) in use: the kiro scope denies writes to them. */
  policyPaths?: string[];
  /**
   * Requests come from a log written in another clone (check): an absolute path outside `root`
   * may be a path in the agent's own clone, so its tails are also judged as workspace paths.
   */
  replayedPaths?: boolean;
  /**
   * Where paths land through links (record and explain read the disk, check the commits' trees):
   * a request is also judged there, redirections included, and the most restrictive place wins.
   */
  landing?: PathLanding;
  /** The links below a folder a tree write fills (record and explain read the disk, check the trees). */
  linksBelow?: LinksBelow;
  /**
   * Where git finds a repository of its own on disk (record and explain): files written by earlier
   * calls (`HEAD`, `objects/`, `refs/`, a `config` with `core.fsmonitor`) make a folder one, and
   * git run there asks (audit 34, WW-3). Replayed logs (check) have no disk to look at.
   */
  foreignRepository?: ForeignRepository;
  /**
   * Where a path really is once symbolic links are followed (the edges read the disk): a `~/…` or
   * `/…` deny or ask rule naming a place in the workspace through a link (a symlinked home) still
   * meets the workspace path. Without it, paths are compared as spelled.
   */
  resolveLinks?: (path: string) => string;
}

export function expandCapability(cap: RuleCapability): ConcreteCapability[] {
  switch (cap) {
    case 'filesystem': return ['fs_read', 'fs_write'];
    case 'all': return [...CONCRETE_CAPABILITIES];
    case 'builtin': return CONCRETE_CAPABILITIES.filter((c) => c !== 'mcp');
    default: return [cap];
  }
}

const SCOPE_RANK: Readonly<Record<ScopeName, number>> = Object.fromEntries(SCOPE_ORDER.map((s, i) => [s, i])) as Record<ScopeName, number>;

function newRules(): CapabilityRules {
  return {
    deny: new TextIndex(), ask: new TextIndex(), allow: new TextIndex(),
    fs: new FsIndex(3),
  };
}

export const FS_GROUP: Readonly<Record<Effect, number>> = { deny: 0, ask: 1, allow: 2 };

/** Compiles files of any scopes, plus the two built-in scopes, into one policy. */
export function compilePolicy(files: PolicyFile[], options: CompileOptions): CompiledPolicy {
  const all = [kiroScope(options.policyPaths ?? []), ...files, defaultScope()]
    .sort((a, b) => SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope]);
  const pending = new Map<ConcreteCapability, Array<(rules: CapabilityRules) => void>>();
  const fsCache = new Map<string, ReturnType<typeof compileFsPattern>>();
  const textCache = new Map<string, TextMatcher>();
  // Deny and ask patterns that name a place in the workspace absolutely match it there too.
  const fsPattern = (p: string, restrictive: boolean): ReturnType<typeof compileFsPattern> => {
    const key = (restrictive ? 'R' : 'A') + p;
    let c = fsCache.get(key);
    if (!c) { c = compileFsPattern(p, options.home, restrictive ? options.root : null, options.resolveLinks); fsCache.set(key, c); }
    return c;
  };
  const textPattern = (p: string, literalRuns: boolean): TextMatcher => {
    const key = (literalRuns ? 'L' : 'W') + p;
    let c = textCache.get(key);
    if (!c) { c = compileText(p, { literalRuns }); textCache.set(key, c); }
    return c;
  };
  const urlCache = new Map<string, string[]>();
  const urlReadings = (p: string): string[] => {
    let r = urlCache.get(p);
    if (!r) { r = urlPatternReadings(p); urlCache.set(p, r); }
    return r;
  };
  const withUrlReadings = (patterns: readonly string[]): string[] => [...new Set(patterns.flatMap((x) => [x, ...urlReadings(x)]))];
  const models: ScopedModels[] = [];
  const trustedCommands: string[] = [];
  const foreignHomes = new Set<string>();

  all.forEach((file, fileNo) => {
    const base = (SCOPE_RANK[file.scope] * 1000 + fileNo) * 1_000_000;
    const addRule = (capability: RuleCapability, effect: Effect, match: string[] | undefined, exclude: string[] | undefined, index: number, trusted: boolean): void => {
      if (options.replayedPaths === true && effect !== 'allow' && match !== undefined && expandCapability(capability).some((c) => FS_CAPS.has(c))) {
        for (const pattern of match) for (const home of homeFoldersNamed(pattern)) foreignHomes.add(home);
      }
      for (const cap of expandCapability(capability)) {
        let adds = pending.get(cap);
        if (!adds) { adds = []; pending.set(cap, adds); }
        adds.push((rules) => addPatterns(rules, cap));
      }
      function addPatterns(rules: CapabilityRules, cap: ConcreteCapability): void {
        const fs = FS_CAPS.has(cap);
        const patterns = match ?? [fs ? '**' : '*'];
        patterns.forEach((pattern, pi) => {
          const ref: RuleRef = { scope: file.scope, file: file.file, index, effect, pattern };
          const ordinal = base + index * 1000 + pi;
          if (fs) {
            rules.fs.add({
              ordinal,
              restrictive: effect !== 'allow',
              // Without `match`, a filesystem rule covers absolute paths too.
              pattern: fsPattern(match ? pattern : '{**,/**}', effect !== 'allow'),
              // An exclude takes out of its rule the same places the rule's pattern reaches.
              excludes: (exclude ?? []).map((x) => fsPattern(x, effect !== 'allow')),
              payload: { ref },
            }, FS_GROUP[effect]);
          } else {
            const excludes = exclude ?? [];
            // An allow's excludes also read URLs in normal form: that only narrows the allow.
            const allowExcludes = cap === 'web_fetch' && effect === 'allow' ? withUrlReadings(excludes) : excludes;
            rules[effect].add({
              // `**` is literal in allow patterns and in the excludes of restrictive rules, so neither can widen an allow.
              ordinal,
              matcher: textPattern(pattern, effect === 'allow'),
              excludes: allowExcludes.map((x) => textPattern(x, effect !== 'allow')),
              ref,
              trusted,
            });
            if (cap !== 'web_fetch' || effect === 'allow') return;
            // A deny or ask URL pattern also meets requests in their normal form, as its own entry so
            // the excludes as written keep applying to the pattern as written.
            const readings = urlReadings(pattern);
            if (readings.length === 0) return;
            const normalExcludes = withUrlReadings(excludes).map((x) => textPattern(x, false));
            for (const reading of readings) {
              rules[effect].add({ ordinal, matcher: textPattern(reading, false), excludes: normalExcludes, ref, trusted });
            }
          }
        });
      }
    };
    file.rules.forEach((rule, index) => addRule(rule.capability, rule.effect, rule.match, rule.exclude, index, false));
    // trustedCommands are allow patterns of the file's scope, numbered after its rules.
    file.trustedCommands.forEach((pattern, i) => addRule('shell', 'allow', [pattern], undefined, file.rules.length + i, true));
    trustedCommands.push(...file.trustedCommands);
    if (file.models) models.push({ scope: file.scope, file: file.file, policy: file.models });
  });

  return {
    capabilities: new LazyCapabilities(pending), models, trustedCommands, home: options.home, root: options.root ?? null, files,
    replayedPaths: options.replayedPaths === true, landing: options.landing ?? null, linksBelow: options.linksBelow ?? null,
    foreignRepository: options.foreignRepository ?? null, foreignHomes: [...foreignHomes],
  };
}
