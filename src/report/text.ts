// The terminal report: grouped by commit, each finding with its rule and a hint.
import { describeRule } from '../engine/decide.ts';
import { CLIP_CHARS, clipMessage } from './clip.ts';
import { quoted, shortSha, spellUnseen } from './escape.ts';
import { hintFor } from './hint.ts';
import type { Finding, Report } from './model.ts';

function ruleLine(f: Finding): string {
  return f.rule === null ? 'no rule matched' : `${describeRule(f.rule)}: ${f.rule.effect} ${quoted(f.rule.pattern)}`;
}

function where(f: Finding): string {
  // The log's file name comes from the commit: newlines or terminal escapes in it must not forge lines.
  if (f.source.kind === 'log') return `${quoted(f.source.file)}${f.source.line !== undefined ? `:${f.source.line}` : ''}`;
  return '';
}

/** A value quoted whole, or its head with its length (see clip.ts). */
function clippedQuote(value: string): string {
  return value.length <= CLIP_CHARS ? quoted(value) : `${quoted(value.slice(0, CLIP_CHARS))}… (${value.length} characters)`;
}

/** One finding's lines; `clip` shortens long values, for text that goes back to an agent (the hook). */
export function renderFinding(f: Finding, policyFile: string, indent = '  ', clip = false): string[] {
  const quote = clip ? clippedQuote : quoted;
  const lines = [`${indent}${f.effect.padEnd(4)}  ${f.capability}  ${quote(f.resource)}${f.source.kind === 'log' ? `  (log ${where(f)})` : ''}`];
  if (f.part !== null && f.part !== f.resource) lines.push(`${indent}      part: ${quote(f.part)}`);
  lines.push(`${indent}      rule: ${ruleLine(f)}`);
  lines.push(`${indent}      why:  ${spellUnseen(clip ? clipMessage(f.reason) : f.reason)}`);
  lines.push(`${indent}      fix:  ${hintFor(f, policyFile)}`);
  return lines;
}

export function renderText(report: Report, policyFile = '.github/agent-gate.yml'): string {
  const agentCommits = report.commits.filter((c) => c.agent).length;
  const status = report.passed ? 'passed' : 'FAILED';
  const out: string[] = [
    `agent-gate: ${status}: decision ${report.decision} (${report.counts.deny} deny, ${report.counts.ask} ask; fails on ${report.failOn})`,
    `range ${shortSha(report.range.base)}..${shortSha(report.range.head)}: ${report.commits.length} commits, ${agentCommits} agent-made`,
  ];
  const byCommit = new Map<string | null, Finding[]>();
  for (const f of report.findings) {
    const list = byCommit.get(f.commit);
    if (list) list.push(f); else byCommit.set(f.commit, [f]);
  }
  for (const c of report.commits) {
    out.push('');
    // Signals quote trailers and identities from the commit, which can hold terminal escapes.
    const who = c.agent ? `agent (${c.signals.map(spellUnseen).join('; ')})` : 'human, not judged';
    out.push(`commit ${shortSha(c.sha)} ${quoted(c.subject)}: ${who}${c.model !== null ? `, model ${quoted(c.model)}` : ''}`);
    const findings = byCommit.get(c.sha) ?? [];
    if (c.agent && findings.length === 0) out.push('  ok');
    for (const f of findings) out.push(...renderFinding(f, policyFile));
    byCommit.delete(c.sha);
  }
  for (const [sha, findings] of byCommit) {
    out.push('', `${sha === null ? 'staged change' : `commit ${shortSha(sha)}`}:`);
    for (const f of findings) out.push(...renderFinding(f, policyFile));
  }
  return out.join('\n') + '\n';
}
