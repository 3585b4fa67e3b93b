// Changes become requests (SPEC 6.1): every path a commit wrote is an fs_write request, plus the
// targets of symlinks, plus the protected paths a link or submodule would stand in for.
import { isUtf8 } from 'node:buffer';
import { decidePath, describeRule, KIRO_MALFORMED, moreRestrictive } from '../engine/decide.ts';
import type { CompiledPolicy, Landing, PathLanding } from '../engine/compile.ts';
import { canonicalPath } from '../match/path.ts';
import { BUILTIN_FILE, type RuleRef } from '../policy/types.ts';
import { utf8SequenceAt } from '../report/escape.ts';
import { UNDECODABLE_PATH_REASON, type Finding } from '../report/model.ts';
import type { Change } from '../git/rawdiff.ts';
import type { LinkResolution } from './links.ts';
import type { LinkThrough } from './loglinks.ts';

const SYMLINK = '120000';
const GITLINK = '160000';
const ZERO_MODE = '000000';

/** Diff-only rules of the kiro scope, numbered after the path rules (see docs/policy.md). */
export const KIRO_GIT_METADATA: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 6, effect: 'ask', pattern: '.gitmodules, .gitattributes, .mailmap' };
export const KIRO_GIT_METADATA_LINK: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 7, effect: 'deny', pattern: '.gitmodules, .gitattributes, .gitignore, .mailmap as a symlink' };
export const KIRO_LINK_ESCAPE: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 8, effect: 'deny', pattern: 'symlink target outside the repository' };
export const KIRO_EMBEDDED_REPOSITORY: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 10, effect: 'ask', pattern: 'HEAD in a subfolder' };
export const KIRO_SUBMODULE_COMMIT: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 11, effect: 'ask', pattern: 'a submodule added or moved to another commit' };

const METADATA = new Set(['.gitmodules', '.gitattributes', '.mailmap']);
const METADATA_LINK = new Set(['.gitmodules', '.gitattributes', '.gitignore', '.mailmap']);

/**
 * Where a folder P stands for a protected one: P itself (`.kiro/settings`, `.git`, `secrets`) or
 * P as the parent of a protected folder (`.kiro` holds `settings/`). A link or submodule at P
 * replaces it; a link pointing at P opens a way to write into it.
 */
const PROBE = 'agent-gate-probe';
const PROTECTED_TAILS = [PROBE, `settings/${PROBE}`, `agents/${PROBE}`, `hooks/${PROBE}`, `workspace-roots/${PROBE}`];

function finding(d: { effect: 'deny' | 'ask'; rule: RuleRef | null; reason: string }, resource: string, commit: string, part: string | null): Finding {
  // A link's findings point at the link, which is the file the commit changed.
  return { effect: d.effect, capability: 'fs_write', resource, commit, source: { kind: 'diff', file: part ?? resource }, part, rule: d.rule, reason: d.reason };
}

/**
 * Bytes that are not valid UTF-8 as text a report can show: each byte outside a valid sequence as
 * `\xNN`, so two such names stay apart (U+FFFD made `key\xfe` and `key\xff` the same name).
 */
export function escapedBytes(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const len = utf8SequenceAt(bytes, i);
    if (len > 0) {
      out += bytes.toString('utf8', i, i + len);
      i += len;
    } else {
      out += `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** The target of a link at `linkPath`, resolved from the link's folder; null when it leaves the repository. */
export function resolveLinkTarget(linkPath: string, target: string): string | null {
  if (target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target) || target.startsWith('~')) return null;
  const out = linkPath.split('/').slice(0, -1);
  for (const seg of target.split(/[/\\]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.length === 0 ? null : out.join('/');
}

interface Replaced { effect: 'deny' | 'ask'; rule: RuleRef | null; reason: string; replaced: string }

/**
 * The most restrictive explicit rule among the protected paths that a link at `path`, or one
 * pointing at `path`, makes reachable: `path` itself or a protected folder below it. `other` is
 * the link's other end (its target, or the link when `path` is the target): a rule naming files
 * below both ends gains nothing from the link, since whatever is written through it lands under
 * the same rule. `null`: no other end (a submodule); `false`: the link is to a file, which no
 * file can lie below.
 */
function protectedBehind(policy: CompiledPolicy, path: string, policyPaths: readonly string[], other: string | null | false): Replaced | null {
  const canonical = canonicalPath(path);
  const probes = PROTECTED_TAILS.map((t) => `${path}/${t}`);
  for (const p of policyPaths) if (canonicalPath(p).startsWith(canonical + '/')) probes.push(p);
  let found: Replaced | null = null;
  // The probe name is ours, not the user's: reports name the folder it stands for.
  const strip = (text: string): string => text.split(`/${PROBE}`).join('');
  for (const probe of probes) {
    const d = decidePath(policy, 'fs_write', probe);
    if (d.rule === null || d.effect === 'allow') continue;
    if (found === null || moreRestrictive(d.effect, found.effect)) found = { effect: d.effect, rule: d.rule, reason: strip(d.reason), replaced: strip(d.path) };
  }
  if (other === false) return found;
  // A rule naming a file below the folder (`config/prod/app.yml` for a link at `config/prod`).
  const index = policy.capabilities.get('fs_write')?.fs;
  if (index === undefined) return found;
  const both = other === null ? new Set<unknown>() : new Set<unknown>(index.holding(canonicalPath(other)));
  for (const entry of index.holding(canonical)) {
    const ref = entry.payload.ref;
    if (both.has(entry) || ref.effect === 'allow' || (found !== null && !moreRestrictive(ref.effect, found.effect))) continue;
    found = { effect: ref.effect, rule: ref, reason: `it holds what ${ref.effect} pattern "${ref.pattern}" of ${describeRule(ref)} names`, replaced: ref.pattern };
  }
  return found;
}

export interface DiffContext {
  policy: CompiledPolicy;
  /** Link targets by blob id (read in one batch). */
  blobs: ReadonlyMap<string, Buffer>;
  policyPaths: readonly string[];
  /**
   * Where each link of this commit really points, other links followed (see links.ts). Without
   * it a target is resolved as text, which is exact only when no other link is on the way.
   */
  links?: ReadonlyMap<string, LinkResolution>;
  /** The known links (trees and range) whose targets pass through a path (loglinks.ts linksThrough). */
  linksThrough?: (path: string) => readonly LinkThrough[];
  /** The names the known links give a path (loglinks.ts treeLinkedNames). */
  linkedNames?: (path: string) => readonly Landing[];
  /**
   * Where a path lands through the known links, without the names they give it (loglinks.ts
   * treeLanding without `names`), for where a link leads; else the policy's landing.
   */
  forwardLanding?: PathLanding;
}

type PathVerdict = { effect: 'deny' | 'ask'; rule: RuleRef | null; reason: string };

/** Of several verdicts on one path, the most restrictive; on a tie, one that names a rule. */
function strongest<V extends PathVerdict>(verdicts: readonly V[]): V | null {
  let best: V | null = null;
  for (const v of verdicts) {
    if (best === null || moreRestrictive(v.effect, best.effect) || (v.effect === best.effect && best.rule === null && v.rule !== null)) best = v;
  }
  return best;
}

/**
 * `records`: command logs the commit only appended chained entries to (logs.ts `appended`). Their
 * entries are judged one by one, so such a file needs no allow rule of its own; explicit deny and
 * ask rules, and the path checks, still apply to it.
 */
export function judgeChanges(ctx: DiffContext, commit: string, changes: readonly Change[], records: ReadonlySet<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  let relinked: ReadonlySet<string> | null = null;
  let changedHere: ReadonlySet<string> | null = null;
  for (const c of changes) {
    if (c.pathText === null) {
      findings.push(finding({ effect: 'deny', rule: { scope: 'kiro', file: BUILTIN_FILE, index: 5, effect: 'deny', pattern: 'malformed path' }, reason: UNDECODABLE_PATH_REASON }, escapedBytes(c.path), commit, null));
      continue;
    }
    const path = c.pathText;
    // Everything said about the path itself becomes one finding: the strongest verdict.
    const verdicts: PathVerdict[] = [];
    const d = decidePath(ctx.policy, 'fs_write', path);
    if (d.effect !== 'allow' && !(d.rule === null && records.has(path))) verdicts.push({ effect: d.effect, rule: d.rule, reason: d.reason });
    // Below a link's target, the path is also the path under the link's name (`deploy/prod/app.yml`
    // with `config/prod -> ../deploy/prod`): the deny and ask rules that name that name judge it.
    // A name through a link this commit changes is that link's own change, judged there.
    for (const named of ctx.linkedNames?.(path) ?? []) {
      if ('unknown' in named) {
        verdicts.push({ effect: 'ask', rule: null, reason: named.unknown });
        continue;
      }
      const key = canonicalPath(named.path);
      relinked ??= changedLinks(changes);
      if (atOrBelowAny(key, relinked)) continue;
      const there = decidePath(ctx.policy, 'fs_write', named.path);
      if (there.effect !== 'allow' && there.rule !== null) verdicts.push({ effect: there.effect, rule: there.rule, reason: `${named.how} this is ${JSON.stringify(named.path)}: ${there.reason}` });
    }
    const base = path.slice(path.lastIndexOf('/') + 1);
    // The canonical form splits on `\` too: `x\.gitattributes` is `x/.gitattributes` there.
    const canonicalBase = canonicalPath(base).split('/').pop() ?? '';
    const isLink = c.newMode === SYMLINK;
    if (isLink && METADATA_LINK.has(canonicalBase)) {
      verdicts.push({ effect: 'deny', rule: KIRO_GIT_METADATA_LINK, reason: `${base} as a symlink makes git read its rules from elsewhere (${describeRule(KIRO_GIT_METADATA_LINK)})` });
    } else if (c.newMode !== ZERO_MODE || METADATA.has(canonicalBase)) {
      // Taking .gitattributes away changes what git reads too; taking HEAD away makes no repository.
      verdicts.push(...gitFileVerdicts(path, ''));
    }
    // What the submodule's commit holds (links out of it into this repository included:
    // `sub/x -> ../.kiro/settings`) comes from another repository, and is not judged here.
    if (c.newMode === GITLINK && c.newId !== c.oldId) {
      verdicts.push({ effect: 'ask', rule: KIRO_SUBMODULE_COMMIT, reason: `the submodule at ${JSON.stringify(path)} now checks out commit ${c.newId.slice(0, 12)} of another repository, whose files and symlinks (which may lead out of it into this repository) are not judged here (${describeRule(KIRO_SUBMODULE_COMMIT)})` });
    }
    if ((isLink || c.newMode === GITLINK) && c.newMode !== ZERO_MODE) {
      const anc = protectedBehind(ctx.policy, path, ctx.policyPaths, isLink ? linkEnd(ctx, path, c.newId) : null);
      if (anc !== null) {
        const kind = c.newMode === GITLINK ? 'submodule' : 'symlink';
        verdicts.push({ effect: anc.effect, rule: anc.rule, reason: `a ${kind} at ${JSON.stringify(path)} replaces protected path ${JSON.stringify(anc.replaced)}: ${anc.reason}` });
      }
    }
    // A link or submodule taken away takes the protected folder it stood for with it: removing
    // `.kiro -> shared/kiro` removes `.kiro/settings` as surely as deleting the files would.
    const wasLink = c.oldMode === SYMLINK || c.oldMode === GITLINK;
    if (wasLink && !isLink && c.newMode !== GITLINK) {
      const anc = protectedBehind(ctx.policy, path, ctx.policyPaths, null);
      if (anc !== null) {
        const kind = c.oldMode === GITLINK ? 'submodule' : 'symlink';
        const how = c.newMode === ZERO_MODE ? 'removing' : 'replacing';
        verdicts.push({ effect: anc.effect, rule: anc.rule, reason: `${how} the ${kind} at ${JSON.stringify(path)} takes away protected path ${JSON.stringify(anc.replaced)}: ${anc.reason}` });
      }
    }
    const verdict = strongest(verdicts);
    if (verdict !== null) findings.push(finding(verdict, path, commit, null));
    if (isLink) findings.push(...judgeLinkTarget(ctx, commit, path, c.newId));
    if (isLink || (c.oldMode === SYMLINK && c.newMode !== ZERO_MODE)) {
      changedHere ??= new Set(changes.flatMap((ch) => (ch.pathText === null ? [] : [canonicalPath(ch.pathText)])));
      findings.push(...judgeRepointedLinks(ctx, commit, path, changedHere));
    }
  }
  return findings;
}

/**
 * Kiro rules #6 and #10 for a file written at `path` (`about` says how it is reached): git reads
 * .gitmodules, .gitattributes and .mailmap as rules for the rest of the repository, and takes a
 * folder holding HEAD, objects/ and refs/ for a bare repository, whose config it obeys when run
 * there (the workspace's own .git is found first only from the top folder).
 */
function gitFileVerdicts(path: string, about: string): PathVerdict[] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  // The canonical form splits on `\` too: `x\.gitattributes` is `x/.gitattributes` there.
  const canonical = canonicalPath(path);
  const canonicalBase = canonical.split('/').pop() ?? '';
  if (METADATA.has(canonicalBase)) {
    return [{ effect: 'ask', rule: KIRO_GIT_METADATA, reason: `${about}changing ${base} changes how git reads the rest of the repository (${describeRule(KIRO_GIT_METADATA)})` }];
  }
  if (canonicalBase === 'head' && canonical.includes('/')) {
    return [{ effect: 'ask', rule: KIRO_EMBEDDED_REPOSITORY, reason: `${about}${base} in a subfolder, with objects/ and refs/ beside it, makes that folder a repository to git, which runs what its config says there (${describeRule(KIRO_EMBEDDED_REPOSITORY)})` }];
  }
  return [];
}

/** The canonical paths of the links a commit adds, changes or takes away. */
function changedLinks(changes: readonly Change[]): Set<string> {
  return new Set(changes.flatMap((c) => ((c.newMode === SYMLINK || c.oldMode === SYMLINK) && c.pathText !== null ? [canonicalPath(c.pathText)] : [])));
}

/** Whether the canonical `key` is one of `paths` or lies below one: a lookup per folder on its way. */
function atOrBelowAny(key: string, paths: ReadonlySet<string>): boolean {
  if (paths.has(key)) return true;
  for (let at = key.indexOf('/'); at > 0; at = key.indexOf('/', at + 1)) if (paths.has(key.slice(0, at))) return true;
  return false;
}

/**
 * A link added or changed at `path` (or a link there replaced by a folder) re-points every known
 * link whose target goes through `path`: judged again where it now lands, by the deny and ask
 * rules that name it. A link this commit changes itself was judged through this commit's tree.
 */
function judgeRepointedLinks(ctx: DiffContext, commit: string, path: string, changedHere: ReadonlySet<string>): Finding[] {
  const landing = ctx.forwardLanding ?? ctx.policy.landing;
  if (ctx.linksThrough === undefined || landing === null) return [];
  const through = ctx.linksThrough(path);
  if (through.length === 0) return [];
  const findings: Finding[] = [];
  for (const { link, target, spelled } of through) {
    if (changedHere.has(link)) continue;
    // As for a link's own target (SPEC 6.1): the place it leads is the resource, the link the
    // commit changed is the part.
    const verdicts: Array<PathVerdict & { at: string }> = [];
    const now = `symlink ${JSON.stringify(path)} re-points symlink ${JSON.stringify(link)} (-> ${JSON.stringify(target)})`;
    for (const landed of landing(spelled, '.')) {
      if ('unknown' in landed) {
        verdicts.push({ effect: 'ask', rule: null, reason: `${now}: ${landed.unknown}`, at: link });
        continue;
      }
      const at = landed.path;
      verdicts.push(...landingVerdicts(ctx, at, link, `${now}, which now leads to ${JSON.stringify(at)}`, true).map((v) => ({ ...v, at })));
    }
    const verdict = strongest(verdicts);
    if (verdict !== null) findings.push(finding(verdict, verdict.at, commit, path));
  }
  return findings;
}

/** Where the link at `path` leads within the repository (see protectedBehind's `other`). */
function linkEnd(ctx: DiffContext, path: string, blobId: string): string | null | false {
  const resolved = ctx.links?.get(path);
  if (resolved !== undefined) return resolved.kind === 'file' ? false : resolved.target;
  const blob = ctx.blobs.get(blobId);
  return blob === undefined || !isUtf8(blob) ? null : resolveLinkTarget(path, blob.toString('utf8'));
}

function judgeLinkTarget(ctx: DiffContext, commit: string, path: string, blobId: string): Finding[] {
  const blob = ctx.blobs.get(blobId);
  if (blob === undefined) {
    return [finding({ effect: 'deny', rule: KIRO_LINK_ESCAPE, reason: 'the symlink target could not be read, so it fails closed' }, path, commit, path)];
  }
  if (!isUtf8(blob)) {
    return [finding({ effect: 'deny', rule: KIRO_LINK_ESCAPE, reason: `symlink ${JSON.stringify(path)} has a target that is not valid UTF-8` }, escapedBytes(blob), commit, path)];
  }
  const raw = blob.toString('utf8');
  // As committed: a `..` further on would take the segment out of the resolved target.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) {
    return [finding({ effect: 'deny', rule: KIRO_MALFORMED, reason: `symlink ${JSON.stringify(path)} points at ${JSON.stringify(raw)}: path contains a control character` }, raw, commit, path)];
  }
  const resolved = ctx.links?.get(path);
  const target = resolved === undefined ? resolveLinkTarget(path, raw) : resolved.target;
  const via = resolved === undefined || resolved.via.length === 0 ? '' : ` through symlink ${resolved.via.map((v) => JSON.stringify(v)).join(', ')}`;
  if (target === null) {
    const why = resolved?.problem === undefined ? 'points outside the repository' : `cannot be followed (${resolved.problem})`;
    return [finding({ effect: 'deny', rule: KIRO_LINK_ESCAPE, reason: `symlink ${JSON.stringify(path)} ${why}${via} (${JSON.stringify(raw)})` }, raw, commit, path)];
  }
  const pointsAt = `symlink ${JSON.stringify(path)} points at ${JSON.stringify(target)}${via}`;
  const verdicts: Array<PathVerdict & { at?: string }> = targetVerdicts(ctx, path, target, pointsAt, resolved?.kind ?? null);
  // The tree lookup above is by exact spelling; the range's links are also met in canonical form
  // (`docs/keys` goes through a link `Docs/keys` on a case-insensitive disk), with every target
  // each had. A `..` folded away above may have followed one of them (`Y/../settings` with
  // `y -> .kiro/steering` is `.kiro/settings`), so a target with one is walked as written too.
  const landing = ctx.forwardLanding ?? ctx.policy.landing;
  if (landing !== null) {
    const spelled = dottedTarget(path, raw);
    for (const landed of [...landing(target, '.'), ...(spelled === null ? [] : landing(spelled, '.'))]) {
      if ('unknown' in landed) {
        verdicts.push({ effect: 'ask', rule: null, reason: `${pointsAt}: ${landed.unknown}` });
        continue;
      }
      if (landed.path === target) continue;
      const landedAt = `${pointsAt}, which ${landed.how} is ${JSON.stringify(landed.path)}`;
      verdicts.push(...landingVerdicts(ctx, landed.path, resolved?.kind === 'file' ? false : path, landedAt, false));
    }
  }
  verdicts.push(...lexicalVerdicts(ctx, path, raw, target));
  const verdict = strongest(verdicts);
  return verdict === null ? [] : [finding(verdict, verdict.at ?? target, commit, path)];
}

/**
 * The target read as written from the link's folder, each `..` dropping the segment before it
 * whatever that segment is. Windows resolves a relative symlink this way, and so does any tool
 * that normalises a path before it opens it: with `y -> src/deep`, `l -> y/../secrets` is
 * `secrets` there, though it is `src/secrets` on a POSIX disk. Both readings are judged.
 */
function lexicalVerdicts(ctx: DiffContext, path: string, raw: string, physical: string): Array<PathVerdict & { at: string }> {
  const lexical = resolveLinkTarget(path, raw);
  if (lexical === physical) return [];
  const readAs = `symlink ${JSON.stringify(path)} read as written from its folder (\`..\` folded first, as Windows resolves it)`;
  if (lexical === null) return [{ effect: 'deny', rule: KIRO_LINK_ESCAPE, reason: `${readAs} points outside the repository (${JSON.stringify(raw)})`, at: raw }];
  // Whether it is a folder is not known here.
  return targetVerdicts(ctx, path, lexical, `${readAs} points at ${JSON.stringify(lexical)}`, 'unknown').map((v) => ({ ...v, at: lexical }));
}

/**
 * What the rules say of the link at `path` pointing at `target` (`pointsAt` says how): a write to
 * the target, and to the protected folders it holds. `kind` is what the target is; null when that
 * was not looked up, 'unknown' when it cannot be.
 */
function targetVerdicts(ctx: DiffContext, path: string, target: string, pointsAt: string, kind: LinkResolution['kind'] | 'unknown'): PathVerdict[] {
  const verdicts: PathVerdict[] = [];
  const t = decidePath(ctx.policy, 'fs_write', target);
  // A link to a folder (`docs/src -> ../src`) is judged by what lies in it: `src/**` allows the
  // folder's contents although no allow pattern names the folder itself.
  const folderAllowed = t.effect === 'ask' && t.rule === null && (kind === 'folder' || kind === 'unknown') &&
    decidePath(ctx.policy, 'fs_write', `${target}/${PROBE}`).effect === 'allow';
  if (t.effect !== 'allow' && !folderAllowed) verdicts.push({ effect: t.effect, rule: t.rule, reason: `${pointsAt}: ${t.reason}` });
  // The link is a write to its target (SPEC 6.1), which kiro rules #6 and #10 judge as a file's.
  if (kind !== 'folder') verdicts.push(...gitFileVerdicts(target, `${pointsAt}: `));
  // A link to a protected folder, or to a folder above one, is a way to write into it.
  const behind = protectedBehind(ctx.policy, target, ctx.policyPaths, kind === 'file' ? false : path);
  if (behind !== null) {
    verdicts.push({ effect: behind.effect, rule: behind.rule, reason: `${pointsAt}, which reaches protected path ${JSON.stringify(behind.replaced)}: ${behind.reason}` });
  }
  return verdicts;
}

/**
 * What deny and ask rules say of writes through a link that land at `path` (`landedAt` says how),
 * and of the protected paths it reaches there (`other`: see protectedBehind). `named`: only a rule
 * that names the place counts, not "no rule".
 */
function landingVerdicts(ctx: DiffContext, path: string, other: string | false, landedAt: string, named: boolean): PathVerdict[] {
  const verdicts: PathVerdict[] = [];
  const there = decidePath(ctx.policy, 'fs_write', path, { resolve: true, cwd: '.' });
  if (there.effect !== 'allow' && (!named || there.rule !== null)) verdicts.push({ effect: there.effect, rule: there.rule, reason: `${landedAt}: ${there.reason}` });
  const beyond = protectedBehind(ctx.policy, path, ctx.policyPaths, other);
  if (beyond !== null) verdicts.push({ effect: beyond.effect, rule: beyond.rule, reason: `${landedAt}, which reaches protected path ${JSON.stringify(beyond.replaced)}: ${beyond.reason}` });
  return verdicts;
}

/** A relative target with a `..` segment, as written from the link's folder; null for any other. */
function dottedTarget(linkPath: string, raw: string): string | null {
  if (/^[/\\~]|^[A-Za-z]:/.test(raw) || !raw.split(/[/\\]/).includes('..')) return null;
  const folder = linkPath.slice(0, Math.max(0, linkPath.lastIndexOf('/')));
  return folder === '' ? raw : `${folder}/${raw}`;
}
