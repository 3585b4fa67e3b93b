// Models (SPEC 9): every model an agent commit names is held to the list, wherever it was named.
import type { CompiledPolicy } from '../engine/compile.ts';
import { decideModel } from '../engine/decide.ts';
import { COMMIT_MESSAGE_SOURCE, type Finding, type FindingSource } from '../report/model.ts';
const FROM_MESSAGE: FindingSource = { kind: 'diff', file: COMMIT_MESSAGE_SOURCE };

/** A model named once: by a trailer (the commit message) or by a log entry (file and line). */
export interface ModelSighting {
  model: string;
  source: FindingSource;
}

export function trailerSightings(models: readonly string[]): ModelSighting[] {
  return models.map((model) => ({ model, source: FROM_MESSAGE }));
}

/** `first` followed by the sightings of `more` whose model it does not name yet. */
export function mergeSightings(first: readonly ModelSighting[], more: readonly ModelSighting[]): ModelSighting[] {
  const out = [...first];
  for (const s of more) if (!out.some((o) => o.model === s.model)) out.push(s);
  return out;
}

/**
 * One finding per named model the list does not allow, and `models.unknown` for each log with
 * entries that name no model ("a commit or log entry names no model": a model the commit message
 * names does not vouch for entries that do not say). With nothing named anywhere,
 * `models.unknown` applies to the commit when `judgeUnknown` (the message is known by then).
 */
export function modelFindings(policy: CompiledPolicy, commit: string | null, named: readonly ModelSighting[], judgeUnknown: boolean, unnamed: readonly FindingSource[] = []): Finding[] {
  if (policy.models.length === 0) return [];
  const asked: Array<{ model: string | null; source: FindingSource }> = [...named, ...unnamed.map((source) => ({ model: null, source }))];
  if (asked.length === 0 && judgeUnknown) asked.push({ model: null, source: FROM_MESSAGE });
  const findings: Finding[] = [];
  for (const { model, source } of asked) {
    const d = decideModel(policy, model);
    if (d.effect === 'allow') continue;
    findings.push({ effect: d.effect, capability: 'model', resource: model ?? '(unknown)', commit, source, part: null, rule: d.rule, reason: d.reason });
  }
  return findings;
}
