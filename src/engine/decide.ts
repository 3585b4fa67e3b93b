// Resolution (SPEC 3): the most restrictive matching rule of any scope wins; nothing matching is
// `ask`. Deny and ask sets are searched first, so an allow can never mask them.
import { IDE_PROTECTED_BASENAMES, IDE_PROTECTED_CONTAINS } from '../policy/builtin.ts';
import { canonicalPath, malformedCanonicalReason, malformedPathReason, resolveRequestPath, rootAlias, shortNameSegment } from '../match/path.ts';
import { compileText } from '../match/text.ts';
import { BUILTIN_FILE, EFFECT_RANK, type Decision, type Effect, type RuleRef } from '../policy/types.ts';
import { HOME_FOLDER, pathKey, type FsHit } from '../match/fs.ts';
import { FS_GROUP, type CompiledPolicy, type ConcreteCapability, type FsPayload, type TextEntry } from './compile.ts';

export const NO_RULE = 'no rule matched';

/** Path-shape rules of the kiro scope, numbered after its glob rules (see policy/builtin.ts). */
const KIRO_IDE_PROTECTED: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 3, effect: 'ask', pattern: 'Kiro IDE protected path' };
/** Kiro rule #4 as it applies to one segment: its pattern names the segment taken for a short name (the reason quotes it). */
function kiroShortName(segment: string): RuleRef {
  return { scope: 'kiro', file: BUILTIN_FILE, index: 4, effect: 'ask', pattern: `NTFS short name segment (${segment})` };
}
export const KIRO_MALFORMED: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 5, effect: 'deny', pattern: 'malformed path' };

export function describeRule(ref: RuleRef): string {
  const where = ref.file === BUILTIN_FILE ? 'built-in' : ref.file;
  // Model decisions come from the `models:` keys, not from a numbered rule; an allow names the
  // list entry that matched as its pattern, so the key is named here instead.
  if (ref.index < 0) return `${ref.scope} ${ref.pattern === 'models.unknown' ? 'models.unknown' : 'models.allow'} (${where})`;
  return `${ref.scope} rule #${ref.index} (${where})`;
}

function byRule(ref: RuleRef, what: string): Decision {
  return { effect: ref.effect, rule: ref, reason: `${what} ${ref.effect} pattern "${ref.pattern}" of ${describeRule(ref)}` };
}

export function noRule(): Decision {
  return { effect: 'ask', rule: null, reason: NO_RULE };
}

export function moreRestrictive(a: Effect, b: Effect): boolean {
  return EFFECT_RANK[a] > EFFECT_RANK[b];
}

// One test for the common case: none of the IDE's protected names appear at all.
const IDE_PROTECTED_ANY = /\.vscode\/|vscode~|\.git\/|git~|\.code-workspace|(?:^|\/)(?:\.git|mcp\.json|\.kiroignore)$/;

function ideProtected(canonical: string): string | null {
  if (!IDE_PROTECTED_ANY.test(canonical)) return null;
  for (const needle of IDE_PROTECTED_CONTAINS) if (canonical.includes(needle)) return `contains "${needle}"`;
  const base = canonical.slice(canonical.lastIndexOf('/') + 1);
  for (const name of IDE_PROTECTED_BASENAMES) if (base === name) return `basename is "${name}"`;
  return null;
}

/** A protected path inside every workspace (the kiro scope denies writes there). */
const WORKSPACE_WRITE_PROBE = '.kiro/settings/mcp.json';

export interface PathOptions {
  /** Resolve against `cwd` and expand `~/` first: paths written in commands and log entries. */
  resolve?: boolean;
  cwd?: string;
  /**
   * How many trailing segments are entries written themselves, not followed through a link they
   * may be: 1 for what `mv` takes away, 2 for what lies in it.
   */
  unfollowedTail?: number;
}

export interface PathDecision extends Decision {
  /** The path rules saw (after resolution). */
  path: string;
}

/**
 * SPEC 4: the canonical form of 6.2 applies to every path request. A path a person writes
 * (explain, policy tests) is checked as given, before resolution against the folder would fold
 * `src/../x` into `x`: it is as malformed as `src\..\x`, which resolution leaves alone. `.` alone
 * names the folder itself, which the engine judges as a folder.
 */
export function malformedWrittenPath(written: string): Decision | null {
  if (written === '.') return null;
  const reason = malformedPathReason(written) ?? malformedCanonicalReason(canonicalPath(written), written);
  return reason === null ? null : { effect: 'deny', rule: KIRO_MALFORMED, reason: `${reason}: ${JSON.stringify(written)}` };
}

export function decidePath(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', written: string, options: PathOptions = {}): PathDecision {
  const d = decideWrittenPath(policy, cap, written, options);
  if (policy.landing === null || options.resolve !== true || d.effect === 'deny') return d;
  let best = d;
  const segments = written.replace(/\/+$/, '').split('/');
  const tail = Math.min(options.unfollowedTail ?? 0, segments.length);
  const folder = tail === 0 ? written : segments.slice(0, segments.length - tail).join('/') || '.';
  const name = tail === 0 ? '' : segments.slice(segments.length - tail).join('/');
  for (const found of policy.landing(folder, options.cwd ?? '.')) {
    const landed = 'unknown' in found || name === '' ? found : { ...found, path: `${found.path}/${name}` };
    if ('unknown' in landed) {
      if (moreRestrictive('ask', best.effect)) best = { effect: 'ask', rule: null, reason: landed.unknown, path: d.path };
      continue;
    }
    if (landed.path === d.path) continue;
    const there = decideWrittenPath(policy, cap, landed.path, { resolve: true, cwd: '.' });
    if (!moreRestrictive(there.effect, best.effect)) continue;
    best = { ...there, reason: `${landed.how} this is ${JSON.stringify(landed.path)}: ${there.reason}`, path: d.path };
    if (best.effect === 'deny') break;
  }
  return best;
}

/** `C:name` (no separator after the colon): on Windows, `name` in the current folder of drive C. */
const DRIVE_RELATIVE = /^[A-Za-z]:(?![\\/])(.+)$/s;

/**
 * `C:\…`, `C:/…`: an absolute path on Windows, where Kiro, Claude Code and Codex run too (and
 * git-bash opens `C:/…` in a command). Where the workspace lies on that disk is not known here.
 */
const DRIVE_ABSOLUTE = /^[A-Za-z]:[\\/](.*)$/s;

/** macOS's `/etc`, `/tmp` and `/var` are links into `/private`, so `record` logs their files there. */
const MACOS_PRIVATE = /^\/private(\/(?:etc|tmp|var)(?:\/.*)?)$/s;

function decideWrittenPath(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', written: string, options: PathOptions): PathDecision {
  const cwd = options.cwd ?? '.';
  // A relative path from a Windows folder is a Windows absolute path (audit 36, AD-1).
  if (options.resolve && DRIVE_ABSOLUTE.test(cwd) && !/^(?:[/\\~]|[A-Za-z]:)/.test(written)) {
    return decideWrittenPath(policy, cap, `${cwd.replace(/[\\/]+$/, '')}/${written}`, { ...options, cwd: '.' });
  }
  const d = decideSpelledPath(policy, cap, written, options);
  if (d.effect === 'deny') return d;
  if (options.resolve && policy.foreignHomes.length > 0 && (written === '~' || written.startsWith('~/'))) {
    const there = inForeignHomes(policy, cap, written, d);
    if (there !== d) return there;
  }
  const windows = DRIVE_ABSOLUTE.exec(written)?.[1];
  if (windows !== undefined) {
    const absolute = `/${windows.replace(/\\/g, '/')}`;
    // Where the workspace lies on that disk is not known, so a relative allow pattern (`**`,
    // the default scope's `./**`) does not reach the path: it is judged as an absolute path
    // outside the workspace is (audit 49, BO-1).
    const outside = d.effect === 'allow' ? decideResolved(policy, cap, absolute) : d;
    const base = outside.effect === 'allow' || outside === d ? d : { ...outside, path: d.path };
    // Judged as a path outside CI's clone is: by each of its tails, and as `~/…` below `Users\NAME`.
    const there = foreignTails(policy, cap, absolute, base);
    return there === d ? d : { ...there, reason: `on Windows ${JSON.stringify(written)} is an absolute path, and ${there.reason}`, path: d.path };
  }
  const unlinked = MACOS_PRIVATE.exec(written)?.[1];
  if (unlinked !== undefined) {
    const there = decideWrittenPath(policy, cap, unlinked, options);
    // An allow that does not reach the other reading (an exclude) asks there (audit 43, AW-2).
    if (there.effect === 'allow' || !moreRestrictive(there.effect, d.effect)) return d;
    return { ...there, reason: `on macOS ${JSON.stringify(written)} is ${JSON.stringify(unlinked)}: ${there.reason}`, path: d.path };
  }
  const drive = DRIVE_RELATIVE.exec(written)?.[1];
  if (drive === undefined) return d;
  // Canonical form cuts the first segment at its colon (`c`); Windows reads the rest from the cwd.
  const there = decideWrittenPath(policy, cap, drive, options);
  if (there.effect === 'allow' || !moreRestrictive(there.effect, d.effect)) return d;
  return { ...there, reason: `on Windows ${JSON.stringify(written)} is ${JSON.stringify(drive)} in the current folder of drive ${written.slice(0, 1).toUpperCase()}: ${there.reason}`, path: d.path };
}

function decideSpelledPath(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', written: string, options: PathOptions): PathDecision {
  const path = options.resolve ? resolveRequestPath(written, options.cwd ?? '.', policy.home, policy.root) : written;
  // Resolution gives `.` for the workspace root itself (`Glob` with no path, `ls .`): judged as the
  // folder every pattern is anchored at, which `./**` and `**` cover and `src/**` does not.
  if (options.resolve && path === '.') {
    const d = { ...decideResolved(policy, cap, '', true), path };
    if (cap !== 'fs_write' || d.effect === 'deny') return d;
    // A write to the whole workspace (Kiro's code tool rewriting across it) may reach any file
    // in it, the protected ones too.
    const inside = decideResolved(policy, cap, WORKSPACE_WRITE_PROBE);
    if (!moreRestrictive(inside.effect, d.effect) || inside.rule === null) return d;
    return { ...inside, reason: `a write to the whole workspace may reach ${WORKSPACE_WRITE_PROBE}: ${inside.reason}`, path };
  }
  const d = decideResolved(policy, cap, path);
  if (!options.resolve || policy.root === null || !path.startsWith('/') || d.effect === 'deny') return d;
  // An absolute path that is a workspace file only once canonical (`/work/REPO/secrets/x` on a
  // case-insensitive disk) is also judged as that file, by deny and ask rules only.
  const inside = rootAlias(path, policy.root);
  if (inside === null) return policy.replayedPaths ? foreignTails(policy, cap, path, d) : d;
  const alias = decideResolved(policy, cap, inside);
  if (alias.effect === 'allow' || alias.rule === null || !moreRestrictive(alias.effect, d.effect)) return d;
  return { ...alias, reason: `alias of ${JSON.stringify(inside)} in the workspace: ${alias.reason}`, path };
}


/**
 * A replayed log was written in the agent's clone, whose folder CI does not know: an absolute
 * path there (`/home/dev/proj/secrets/key`, or `../proj/secrets/key` from the root) lies outside
 * CI's clone. Each of its tails (`proj/secrets/key`, `secrets/key`, `key`) may be the workspace
 * path it names, so deny and ask rules judge them as well; the most restrictive wins.
 */
function foreignTails(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', path: string, d: PathDecision): PathDecision {
  const segs = path.split('/').filter((s) => s !== '');
  let best = d;
  // Every tail: a path is at most 4096 characters, and a denied folder may stand anywhere in it.
  for (let i = 1; i < segs.length && best.effect !== 'deny'; i++) {
    const tail = segs.slice(i).join('/');
    // The tail is a workspace path, which the workspace's links lead on from (check's trees).
    const spellings = [tail, ...(policy.landing?.(tail, '.') ?? []).flatMap((l) => ('path' in l && !/^(?:[/~]|\.\.(?:\/|$))/.test(l.path) ? [l.path] : []))];
    for (const spelling of spellings) {
      const t = decideResolved(policy, cap, spelling);
      if (t.effect === 'allow' || t.rule === null || !moreRestrictive(t.effect, best.effect)) continue;
      const through = spelling === tail ? '' : `, through a symlink ${JSON.stringify(spelling)},`;
      best = { ...t, reason: `${JSON.stringify(path)} may be ${JSON.stringify(tail)} in the agent's clone${through}: ${t.reason}`, path };
    }
  }
  // A path in a home folder (`/Users/dev/.ssh/authorized_keys`) is also the agent's `~/…`, which
  // `~/` rules name; CI's HOME is another folder.
  const inHome = HOME_FOLDER.exec(path)?.[2];
  if (inHome !== undefined && inHome !== '' && best.effect !== 'deny') {
    const t = decideResolved(policy, cap, resolveRequestPath(`~/${inHome}`, '.', policy.home, policy.root));
    if (t.effect !== 'allow' && t.rule !== null && moreRestrictive(t.effect, best.effect)) {
      best = { ...t, reason: `${JSON.stringify(path)} may be ${JSON.stringify(`~/${inHome}`)} on the agent's machine: ${t.reason}`, path };
    }
  }
  return best;
}

/**
 * A replayed `~/…` was in the home of the agent's machine, not CI's (audit 36, AD-6): it is also
 * judged in each home folder that deny and ask rules name (`/Users/dev/.ssh/**`), most restrictive first.
 */
function inForeignHomes(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', written: string, d: PathDecision): PathDecision {
  let best = d;
  for (const home of policy.foreignHomes) {
    const path = home + written.slice(1);
    const t = decideResolved(policy, cap, path);
    if (t.effect === 'allow' || t.rule === null || !moreRestrictive(t.effect, best.effect)) continue;
    best = { ...t, reason: `${JSON.stringify(written)} may be ${JSON.stringify(path)} on the agent's machine: ${t.reason}`, path: d.path };
    if (best.effect === 'deny') break;
  }
  return best;
}


function decideResolved(policy: CompiledPolicy, cap: 'fs_read' | 'fs_write', path: string, root = false): PathDecision {
  const malformed = root ? null : malformedPathReason(path);
  if (malformed !== null) return { effect: 'deny', rule: KIRO_MALFORMED, reason: `${malformed}: ${JSON.stringify(path)}`, path };
  const rules = policy.capabilities.get(cap);
  const canonical = canonicalPath(path);
  // A path already canonical was checked above in the very same spelling.
  const collapsed = root || canonical === path ? null : malformedCanonicalReason(canonical, path);
  if (collapsed !== null) return { effect: 'deny', rule: KIRO_MALFORMED, reason: `${collapsed}: ${JSON.stringify(path)}`, path };
  const key = pathKey(path, canonical);
  const hits = rules ? rules.fs.best(key) : [null, null, null];
  const deny = restrictiveDecision(hits[FS_GROUP.deny] ?? null, canonical, path);
  if (deny) return deny;
  const ask = restrictiveDecision(hits[FS_GROUP.ask] ?? null, canonical, path);
  if (ask && ask.rule?.scope === 'kiro') return ask;
  if (cap === 'fs_write') {
    // The raw spelling counts too: `b:.git/config` is cut to `b/config` in canonical form.
    const protectedBy = ideProtected(canonical) ?? (canonical === path ? null : ideProtected(path));
    if (protectedBy !== null) {
      const raw = canonical === path ? protectedBy : ideProtected(path);
      const alias = raw === null ? `alias of protected path ${JSON.stringify(canonical)}: ` : '';
      return { effect: 'ask', rule: KIRO_IDE_PROTECTED, reason: `${alias}Kiro IDE protected path (${protectedBy}), ${describeRule(KIRO_IDE_PROTECTED)}`, path };
    }
    const short = shortNameSegment(path, canonical);
    if (short !== null) {
      const rule = kiroShortName(short);
      return { effect: 'ask', rule, reason: `segment ${JSON.stringify(short)} looks like an NTFS short name, which can alias a protected folder (${describeRule(rule)})`, path };
    }
  }
  if (ask) return ask;
  const allow = hits[FS_GROUP.allow] ?? null;
  if (allow) {
    const d = byRule(allow.entry.payload.ref, 'matches');
    return { effect: d.effect, rule: d.rule, reason: d.reason, path };
  }
  return { effect: 'ask', rule: null, reason: NO_RULE, path };
}

function restrictiveDecision(hit: FsHit<FsPayload> | null, canonical: string, path: string): PathDecision | null {
  if (hit === null) return null;
  const d = byRule(hit.entry.payload.ref, 'matches');
  const reason = hit.alias ? `alias of protected path ${JSON.stringify(canonical)}: its canonical form ${d.reason}` : d.reason;
  return { effect: d.effect, rule: d.rule, reason, path };
}

/**
 * Judges one text (a shell sub-command, URL, query, MCP tool). `restrictiveTexts` are every spelling
 * deny/ask rules see (the match text and the tightening views); `allowText` is the only one an allow
 * rule may match.
 */
export function decideText(policy: CompiledPolicy, cap: ConcreteCapability, restrictiveTexts: readonly string[], allowText: string | null): Decision & { trusted?: boolean } {
  const rules = policy.capabilities.get(cap);
  if (!rules) return noRule();
  const firstOf = (index: typeof rules.deny): TextEntry | null => {
    let best: TextEntry | null = null;
    for (const t of restrictiveTexts) {
      const hit = index.first(t);
      if (hit && (best === null || hit.ordinal < best.ordinal)) best = hit;
    }
    return best;
  };
  const deny = firstOf(rules.deny);
  if (deny) return byRule(deny.ref, 'matches');
  const ask = firstOf(rules.ask);
  if (ask) return byRule(ask.ref, 'matches');
  if (allowText !== null) {
    const allow = rules.allow.first(allowText, restrictiveTexts);
    if (allow) {
      const d = byRule(allow.ref, allow.trusted ? 'matches trusted command' : 'matches');
      return allow.trusted ? { ...d, trusted: true } : d;
    }
  }
  return noRule();
}

/** A tool name with more other readings than this is judged on the first ones and is at least ask. */
export const MAX_MCP_READINGS = 64;

/**
 * Every `server/tool` reading of a recorded MCP resource, the recorded one first. Claude Code and
 * Codex name a tool `mcp__<server>__<tool>` and Kiro's exports `<server>___<tool>`, and a server
 * name may hold `_` (`evil__srv`), so the name does not say where the server ends; the recorder
 * splits at the first separator. A later one may be the real split: `evil/srv__tool` is also
 * `evil__srv/tool`, and `a/_b` (from `mcp__a___b`) is also `a_/b`. A Kiro hook's `@server/tool`
 * is not ambiguous, but its resource looks the same, so it gets the readings too: they can only
 * make the decision stricter.
 */
export function mcpReadings(resource: string): string[] {
  const slash = resource.indexOf('/');
  const out = [resource];
  // `mcp__a___b` is recorded `a/_b`: a tool that starts with `_` hides a later split too.
  if (slash <= 0 || !resource.includes('_', slash)) return out;
  const server = resource.slice(0, slash);
  const tool = resource.slice(slash + 1);
  for (const separator of ['__', '___']) {
    const name = server + separator + tool;
    for (let at = name.indexOf(separator, server.length + 1); at >= 0; at = name.indexOf(separator, at + 1)) {
      const rest = name.slice(at + separator.length);
      const reading = `${name.slice(0, at)}/${rest}`;
      if (rest !== '' && !out.includes(reading)) out.push(reading);
      // One more than is judged, so decideMcp can tell that some were left out.
      if (out.length > MAX_MCP_READINGS + 1) return out;
    }
  }
  return out;
}

/**
 * An MCP tool call, judged in every reading of its name (see mcpReadings), the strictest winning:
 * a deny or ask for any server the name may belong to applies, and an allow holds only when every
 * reading is allowed, since the real server is one of them.
 */
export function decideMcp(policy: CompiledPolicy, resource: string): Decision {
  let best: Decision = decideText(policy, 'mcp', [resource], resource);
  const readings = mcpReadings(resource);
  for (const reading of readings.slice(1, MAX_MCP_READINGS + 1)) {
    if (best.effect === 'deny') return best;
    const d = decideText(policy, 'mcp', [reading], reading);
    if (!moreRestrictive(d.effect, best.effect)) continue;
    const slash = reading.indexOf('/');
    const server = JSON.stringify(reading.slice(0, slash));
    best = { effect: d.effect, rule: d.rule, reason: `the tool name may also be server ${server}, tool ${JSON.stringify(reading.slice(slash + 1))}: ${d.reason}` };
  }
  if (readings.length > MAX_MCP_READINGS + 1 && moreRestrictive('ask', best.effect)) {
    return { effect: 'ask', rule: null, reason: `the MCP tool name ${JSON.stringify(resource)} has more than ${MAX_MCP_READINGS + 1} server/tool readings, too many to judge` };
  }
  return best;
}

/** SPEC 9: the model allow list. Every list that is set must allow the model. */
export function decideModel(policy: CompiledPolicy, model: string | null): Decision {
  if (policy.models.length === 0) return { effect: 'allow', rule: null, reason: 'no model list' };
  if (model === null) {
    let worst: Decision | null = null;
    for (const m of policy.models) {
      const ref: RuleRef = { scope: m.scope, file: m.file, index: -1, effect: m.policy.unknown, pattern: 'models.unknown' };
      if (worst === null || moreRestrictive(m.policy.unknown, worst.effect)) {
        worst = { effect: m.policy.unknown, rule: ref, reason: `no model is known; models.unknown of the ${m.scope} policy (${m.file}) is ${m.policy.unknown}` };
      }
    }
    return worst ?? noRule();
  }
  let allowed: Decision | null = null;
  for (const m of policy.models) {
    const index = m.policy.allow.findIndex((p) =>
      // `auto` is Kiro's router, not a model: only an explicit `auto` entry allows it.
      // The list allows, so `**` in it is literal, as in every allow text pattern.
      model.toLowerCase() === 'auto' ? p.toLowerCase() === 'auto' : compileText(p, { caseInsensitive: true, literalRuns: true }).test(model));
    if (index < 0) {
      return {
        effect: 'deny',
        rule: { scope: m.scope, file: m.file, index: -1, effect: 'deny', pattern: 'models.allow' },
        reason: `model ${JSON.stringify(model)} is not on the ${m.scope} model allow list (${m.file}: ${m.policy.allow.join(', ') || 'empty'})`,
      };
    }
    const pattern = m.policy.allow[index] ?? '';
    allowed = {
      effect: 'allow',
      // index -1 as on the deny side: the list's position is no rule number (README).
      rule: { scope: m.scope, file: m.file, index: -1, effect: 'allow', pattern },
      reason: `model ${JSON.stringify(model)} matches "${pattern}" on the ${m.scope} model allow list (${m.file})`,
    };
  }
  return allowed ?? noRule();
}
