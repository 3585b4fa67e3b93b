// Replaying recorded tool calls (SPEC 8): the lines each commit appends to a command log, and the
// git note on each commit, are judged entry by entry. Replay is evaluation: nothing is executed.
import { posix } from 'node:path';
import type { CompiledPolicy } from '../engine/compile.ts';
import { malformedWrittenPath } from '../engine/decide.ts';
import { explainEntry } from '../engine/explain.ts';
import { compareLogVersions, verifyLog, type LogProblem, type VerifiedEntry } from '../logs/chain.ts';
import { LOG_TAMPER_PATTERN } from '../policy/builtin.ts';
import { BUILTIN_FILE, type Effect, type RuleRef } from '../policy/types.ts';
import type { LogEntry } from '../logs/entry.ts';
import { analyzeShell, type MadeLink } from '../shell/analyze.ts';
import type { Finding, FindingSource } from '../report/model.ts';
import type { LogChange } from './logpaths.ts';
import { CARRIED_FROM, MAX_ENTRY_LINKS, UNKNOWN_LINKS } from './loglinks.ts';
import type { ModelSighting } from './models.ts';

export { logBlobIds, logChanges, logMatcher, type LogChange, type LogMatcher } from './logpaths.ts';

/** Tampering with a command log: a kiro-scope deny, numbered after the diff rules. */
export const KIRO_LOG_TAMPER: RuleRef = { scope: 'kiro', file: BUILTIN_FILE, index: 9, effect: 'deny', pattern: LOG_TAMPER_PATTERN };

const REGULAR = new Set(['100644', '100755']);

export interface LogJudgement {
  findings: Finding[];
  /** Models the judged entries name, in order, each where it first appears. */
  models: ModelSighting[];
  /** Where entries naming no model are: the first such line of each log (SPEC 2 `models.unknown`). */
  unnamed: FindingSource[];
  /** Whether the commit added any entry (an agent signal, SPEC 7). */
  addsEntries: boolean;
  /**
   * Log files this change only appended chained entries to. Their writes are judged by those
   * entries, so the path itself needs no allow rule; every other file under the log paths (empty,
   * broken, a mode change) is judged as a plain write.
   */
  appended: Set<string>;
}

function tamper(p: LogProblem, commit: string): Finding {
  return {
    effect: 'deny', capability: 'fs_write', resource: p.file, commit, source: { kind: 'log', file: p.file, line: p.line },
    part: null, rule: KIRO_LOG_TAMPER, reason: `log tampering at line ${p.line}: ${p.reason}`,
  };
}

/** What a judged entry needs from its explanation; null for allow. */
interface EntryVerdict {
  effect: Exclude<Effect, 'allow'>;
  /** The sub-command that decided, when it is not the whole resource. */
  part: string | null;
  rule: RuleRef | null;
  reason: string;
}

// Agents repeat themselves (`npm test`, `git status`): one judgement per distinct request and policy.
// Only the verdict is kept, not the explanation with its parts, so a long replay does not hold
// every explanation until the end.
const verdicts = new WeakMap<CompiledPolicy, Map<string, EntryVerdict | null>>();

/** Drops the verdicts judged so far: the policy's links changed, so a path may land elsewhere. */
export function forgetVerdicts(policy: CompiledPolicy): void {
  verdicts.delete(policy);
}

function verdictOf(policy: CompiledPolicy, e: LogEntry, noteLink?: LinkNoter): EntryVerdict | null {
  let cache = verdicts.get(policy);
  if (cache === undefined) { cache = new Map(); verdicts.set(policy, cache); }
  // `cwd` and `resource` may hold any character, NUL included: the length keeps the key unambiguous.
  const key = `${e.capability}\u0000${e.cwd.length}\u0000${e.cwd}\u0000${e.resource}`;
  let verdict = cache.get(key);
  // SPEC 6.2: a path with an empty, `.` or `..` segment is never written, a `cwd` as little as a
  // resource (audit 49, BP-5).
  const badCwd = verdict === undefined && e.cwd !== '.' ? malformedWrittenPath(e.cwd) : null;
  if (badCwd !== null && badCwd.effect !== 'allow') {
    verdict = { effect: badCwd.effect, part: null, rule: badCwd.rule, reason: `its cwd: ${badCwd.reason}` };
    cache.set(key, verdict);
  }
  if (verdict === undefined) {
    // A shell entry is analysed here, so the links it makes are known without a second parse.
    const analysis = e.capability === 'shell' ? analyzeShell(e.resource) : undefined;
    const result = explainEntry(policy, { capability: e.capability, resource: e.resource, cwd: e.cwd }, analysis);
    const followed = noteLink === undefined || analysis === undefined || noteLinks([
      ...(analysis.links ?? []),
      ...(analysis.linkRegions ?? []).map((path) => ({ path, target: UNKNOWN_LINKS })),
      ...(analysis.carried ?? []).flatMap(({ from, to }) => {
        const source = inRepository(from, e.cwd);
        return source === null ? [] : [{ path: to, target: `${CARRIED_FROM}${source}` }];
      }),
    ], e.cwd, noteLink);
    if (!followed && result.effect !== 'deny') {
      verdict = { effect: 'ask', part: null, rule: null, reason: `the entries replayed here make more than ${MAX_ENTRY_LINKS} links, and later writes through this entry's are not followed` };
    } else if (result.effect === 'allow') {
      verdict = null;
    } else {
      const deciding = result.parts.find((p) => p.effect === result.effect);
      const part = deciding !== undefined && deciding.text !== e.resource ? deciding.text : null;
      verdict = { effect: result.effect, part, rule: result.rule, reason: result.reason };
    }
    cache.set(key, verdict);
  }
  return verdict;
}

function judgeEntry(policy: CompiledPolicy, v: VerifiedEntry, commit: string, noteLink?: LinkNoter): Finding | null {
  const e = v.entry;
  const verdict = verdictOf(policy, e, noteLink);
  if (verdict === null) return null;
  return {
    effect: verdict.effect,
    capability: e.capability,
    resource: e.resource,
    commit,
    source: { kind: 'log', file: v.file, line: v.line },
    part: verdict.part,
    rule: verdict.rule,
    reason: e.blocked === true ? `${verdict.reason} (recorded as blocked by the hook)` : verdict.reason,
  };
}

/**
 * Hears of a link a replayed command made (`ln -s ~/.ssh src/keys`), by its repository path and
 * target: a later entry's `> src/keys/authorized_keys` goes through it, although the link was
 * never committed. False when the link is not followed (see MAX_ENTRY_LINKS).
 */
export type LinkNoter = (path: string, target: string) => boolean;

/** A path spelled from `cwd0` as a repository path, or null outside the repository. */
function inRepository(spelled: string, cwd0: string): string | null {
  const cwd = cwd0 === '.' || cwd0 === '' ? '' : cwd0;
  if (/^[/~]/.test(cwd) || /^[/~]/.test(spelled)) return null;
  const path = posix.normalize(cwd === '' ? spelled : `${cwd}/${spelled}`);
  return path === '.' || path === '..' || path.startsWith('../') ? null : path;
}

/** Notes the links a replayed command made, by repository path (see LinkNoter); false when one is not followed. */
function noteLinks(links: readonly MadeLink[], cwd0: string, noteLink: LinkNoter): boolean {
  let followed = true;
  for (const link of links) {
    // A link made outside the repository is not on the way of a repository path.
    const path = inRepository(link.path, cwd0);
    if (path !== null && !noteLink(path, link.target)) followed = false;
  }
  return followed;
}

function judgeEntries(policy: CompiledPolicy, entries: readonly VerifiedEntry[], commit: string, into: LogJudgement, noteLink?: LinkNoter): void {
  for (const v of entries) {
    into.addsEntries = true;
    const model = v.entry.model;
    if (model !== null && !into.models.some((s) => s.model === model)) into.models.push({ model, source: { kind: 'log', file: v.file, line: v.line } });
    if (model === null && !into.unnamed.some((s) => s.file === v.file)) into.unnamed.push({ kind: 'log', file: v.file, line: v.line });
    const f = judgeEntry(policy, v, commit, noteLink);
    if (f !== null) into.findings.push(f);
  }
}

/**
 * Judges what one commit did to its command logs: every change must append whole, chained lines,
 * and every appended entry is judged by its capability.
 */
export function judgeLogFiles(policy: CompiledPolicy, commit: string, changes: readonly LogChange[], blobs: ReadonlyMap<string, Buffer>, noteLink?: LinkNoter): LogJudgement {
  const out: LogJudgement = { findings: [], models: [], unnamed: [], addsEntries: false, appended: new Set() };
  for (const { path, change } of changes) {
    const oldRegular = REGULAR.has(change.oldMode);
    const newRegular = REGULAR.has(change.newMode);
    const removed = change.newMode === '000000';
    if ((!newRegular && !removed) || (!oldRegular && change.oldMode !== '000000')) {
      out.findings.push(tamper({ file: path, line: 1, reason: `a command log must be a regular file (mode ${change.oldMode} -> ${change.newMode})` }, commit));
      continue;
    }
    const before = oldRegular ? blobs.get(change.oldId) ?? null : null;
    const after = newRegular ? blobs.get(change.newId) ?? null : null;
    if ((oldRegular && before === null) || (newRegular && after === null)) {
      out.findings.push(tamper({ file: path, line: 1, reason: 'the log could not be read, so it fails closed' }, commit));
      continue;
    }
    const comparison = compareLogVersions(before, after, path);
    for (const p of comparison.problems) out.findings.push(tamper(p, commit));
    if (after === null) continue;
    // What was added is always the log's tail: verify from its first line on.
    const firstAdded = comparison.added[0];
    if (firstAdded === undefined) continue;
    const verified = verifyLog(after, path, firstAdded);
    for (const p of verified.problems) out.findings.push(tamper(p, commit));
    judgeEntries(policy, verified.entries, commit, out, noteLink);
    if (comparison.problems.length === 0 && verified.problems.length === 0 && verified.entries.length > 0 && change.newMode === '100644' && (change.oldMode === '100644' || change.oldMode === '000000')) out.appended.add(path);
  }
  return out;
}

/** Judges the note a commit carries under the notes ref: a whole, chained log of its own. */
export function judgeNote(policy: CompiledPolicy, commit: string, notesRef: string, bytes: Buffer, noteLink?: LinkNoter): LogJudgement {
  const out: LogJudgement = { findings: [], models: [], unnamed: [], addsEntries: false, appended: new Set() };
  const verified = verifyLog(bytes, notesRef, 1, { blankLines: true });
  for (const p of verified.problems) out.findings.push(tamper(p, commit));
  judgeEntries(policy, verified.entries, commit, out, noteLink);
  return out;
}

/**
 * A note is a log too: every earlier version of it must be where the current one starts. A later
 * rewrite of the notes ref that drops or changes a line, or removes the note, is tampering.
 */
export function judgeNoteHistory(commit: string, notesRef: string, past: ReadonlyArray<Buffer | null>, current: Buffer | null): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const before of past) {
    const problems: LogProblem[] = before === null
      ? [{ file: notesRef, line: 1, reason: 'an earlier version of the note could not be read, so it fails closed' }]
      : compareLogVersions(before, current, notesRef).problems;
    for (const p of problems) {
      const reason = `an earlier version of this commit's note: ${p.reason}`;
      if (seen.has(`${p.line}:${reason}`)) continue;
      seen.add(`${p.line}:${reason}`);
      findings.push(tamper({ ...p, reason }, commit));
    }
  }
  return findings;
}
