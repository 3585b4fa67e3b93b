import { jsonSpelled } from './escape.ts';
import type { Report } from './model.ts';

/** SPEC 10's JSON report, with keys in the documented order and nothing else. */
export function renderJson(report: Report): string {
  const out = {
    version: report.version,
    passed: report.passed,
    decision: report.decision,
    failOn: report.failOn,
    range: report.range,
    commits: report.commits.map((c) => ({ sha: c.sha, agent: c.agent, signals: c.signals, model: c.model })),
    findings: report.findings.map((f) => ({
      effect: f.effect, capability: f.capability, resource: f.resource, commit: f.commit,
      // A diff finding has no line; SPEC 10's shape keeps the key, as null.
      source: { kind: f.source.kind, file: f.source.file, line: f.source.line ?? null }, part: f.part, rule: f.rule, reason: f.reason,
    })),
    counts: report.counts,
  };
  return jsonSpelled(out, 2) + '\n';
}
