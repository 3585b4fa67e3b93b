// One report model; every output format (text, json, markdown, sarif) renders this and only this.
import { LOG_TAMPER_PATTERN } from '../policy/builtin.ts';
import { EFFECT_RANK, type Effect, type RequestCapability, type RuleRef } from '../policy/types.ts';

export type FailOn = 'deny' | 'ask';

export interface CommitEntry {
  sha: string;
  agent: boolean;
  signals: string[];
  model: string | null;
  /** First line of the message, for humans; not part of SPEC's JSON. */
  subject: string;
}

/**
 * The reason of a finding about a changed path whose bytes are not UTF-8. Its `resource` and
 * `source.file` spell the bytes as `\xHH`, which is also a valid name of another file.
 */
export const UNDECODABLE_PATH_REASON = 'path is not valid UTF-8';

/** Whether the finding's file is such a path: its spelling names no file to point at. */
export function namesUndecodablePath(f: Finding): boolean {
  return f.source.kind === 'diff' && f.reason === UNDECODABLE_PATH_REASON;
}

/** `source.file` of a finding about the commit message (a model its trailers name). */
export const COMMIT_MESSAGE_SOURCE = '(commit message)';

export interface FindingSource {
  kind: 'diff' | 'log';
  file: string;
  line?: number;
}

export interface Finding {
  effect: Exclude<Effect, 'allow'>;
  capability: RequestCapability;
  resource: string;
  commit: string | null;
  source: FindingSource;
  part: string | null;
  rule: RuleRef | null;
  reason: string;
}

export interface Report {
  version: 1;
  passed: boolean;
  decision: Effect;
  failOn: FailOn;
  range: { base: string; head: string };
  commits: CommitEntry[];
  findings: Finding[];
  counts: { deny: number; ask: number };
}

/** Tampering with a command log is denied whoever made the commit, agent or not. */
export function isLogTamper(f: Finding): boolean {
  return f.rule !== null && f.rule.scope === 'kiro' && f.rule.pattern === LOG_TAMPER_PATTERN;
}

export function decisionOf(findings: readonly Finding[]): Effect {
  let d: Effect = 'allow';
  for (const f of findings) if (EFFECT_RANK[f.effect] > EFFECT_RANK[d]) d = f.effect;
  return d;
}

/**
 * The findings of one change judged by several policies, the stricter where they meet: the first
 * list's findings in order, a later list's finding about the same thing (same request, part and
 * source) taking the place of a weaker one, and the rest of the later lists' findings after.
 */
export function strictestOf(lists: readonly (readonly Finding[])[]): Finding[] {
  const [first = [], ...rest] = lists;
  if (rest.length === 0) return [...first];
  const keyOf = (f: Finding): string => JSON.stringify([f.capability, f.resource, f.commit, f.source.kind, f.source.file, f.source.line ?? null, f.part]);
  const out = [...first];
  const at = new Map<string, number>();
  out.forEach((f, i) => {
    const key = keyOf(f);
    if (!at.has(key)) at.set(key, i);
  });
  for (const list of rest) {
    for (const f of list) {
      const i = at.get(keyOf(f));
      if (i === undefined) {
        at.set(keyOf(f), out.length);
        out.push(f);
      } else if (EFFECT_RANK[f.effect] > EFFECT_RANK[(out[i] as Finding).effect]) {
        out[i] = f;
      }
    }
  }
  return out;
}

export function fails(decision: Effect, failOn: FailOn): boolean {
  return decision === 'deny' || (failOn === 'ask' && decision === 'ask');
}

export function buildReport(input: { failOn: FailOn; range: { base: string; head: string }; commits: CommitEntry[]; findings: Finding[] }): Report {
  const decision = decisionOf(input.findings);
  const counts = { deny: 0, ask: 0 };
  for (const f of input.findings) counts[f.effect]++;
  return {
    version: 1,
    passed: !fails(decision, input.failOn),
    decision,
    failOn: input.failOn,
    range: input.range,
    commits: input.commits,
    findings: input.findings,
    counts,
  };
}
