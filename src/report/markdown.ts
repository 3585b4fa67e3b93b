// Markdown for PR comments and job summaries. Every value from the pull request goes through
// mdText/mdCode, so a file name cannot break the markup or mention anyone.
import { describeRule } from '../engine/decide.ts';
import { mdCode, mdText, shortSha } from './escape.ts';
import { hintFor } from './hint.ts';
import type { Finding, Report } from './model.ts';

export const COMMENT_MARKER = '<!-- agent-gate:report -->';

function row(f: Finding, policyFile: string): string {
  const rule = f.rule === null ? 'no rule matched' : `${mdText(describeRule(f.rule))} ${mdCode(f.rule.pattern)}`;
  const where = f.source.kind === 'log' ? `${mdCode(f.source.file)}${f.source.line !== undefined ? `:${f.source.line}` : ''}` : 'diff';
  const part = f.part !== null && f.part !== f.resource ? `<br>part ${mdCode(f.part)}` : '';
  return `| ${f.effect === 'deny' ? '⛔ deny' : '⚠️ ask'} | ${f.capability} | ${mdCode(f.resource)}${part} | ${f.commit === null ? 'staged' : mdCode(shortSha(f.commit))} | ${where} | ${rule} | ${mdText(f.reason)}<br><sub>${mdText(hintFor(f, policyFile))}</sub> |`;
}

export interface MarkdownOptions {
  policyFile?: string;
  /** Keep at most this many characters; findings past the cut are counted, not listed. */
  maxLength?: number;
  /** Where the full list can be read when it was cut. */
  fullReportHint?: string;
}

const TABLE_HEAD = '| effect | capability | resource | commit | source | rule | why |\n|---|---|---|---|---|---|---|';
/** Findings past this many are folded into a `<details>` block, so a long list stays readable. */
export const FOLD_AFTER = 20;

function folded(count: number): string {
  return `\n\n<details><summary>${count} more finding(s)</summary>\n\n${TABLE_HEAD}`;
}
const FOLD_END = '\n\n</details>';

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const policyFile = options.policyFile ?? '.github/agent-gate.yml';
  const max = options.maxLength ?? Number.POSITIVE_INFINITY;
  const agent = report.commits.filter((c) => c.agent);
  const head: string[] = [COMMENT_MARKER];
  if (report.findings.length === 0) {
    head.push(`### ✅ agent-gate: all clear`, '', `${agent.length} agent-made commit(s) of ${report.commits.length} judged in ${mdCode(shortSha(report.range.base))}..${mdCode(shortSha(report.range.head))}; no findings.`);
  } else {
    head.push(
      `### ${report.passed ? '⚠️' : '⛔'} agent-gate: ${report.passed ? 'passed with findings' : 'failed'} (decision: ${report.decision})`,
      '',
      `**${report.counts.deny}** deny, **${report.counts.ask}** ask in ${agent.length} agent-made commit(s) of ${report.commits.length}; the check fails on ${report.failOn}.`,
      '',
      TABLE_HEAD,
    );
  }
  const tail: string[] = [];
  if (report.commits.length > 0) {
    tail.push('', '<details><summary>Commits</summary>', '', '| commit | agent | signals | model |', '|---|---|---|---|');
    for (const c of report.commits) {
      tail.push(`| ${mdCode(shortSha(c.sha))} | ${c.agent ? 'yes' : 'no'} | ${c.signals.map(mdText).join('<br>')} | ${c.model === null ? '' : mdCode(c.model)} |`);
    }
    tail.push('', '</details>');
  }
  let text = head.join('\n');
  const budgetFor = (n: number): string => `\n\n…and ${n} more finding(s) not shown here${options.fullReportHint ? `: ${options.fullReportHint}` : ''}.`;
  const tailText = tail.join('\n');
  const commitsCut = `\n\n${report.commits.length} commit(s) not listed here for want of room${options.fullReportHint ? `: ${options.fullReportHint}` : ''}.`;
  // What fails the check comes first, so a cut list still shows it. The commit table gives way
  // to findings when both do not fit.
  const findings = [...report.findings.filter((f) => f.effect === 'deny'), ...report.findings.filter((f) => f.effect !== 'deny')];
  const rows: string[] = [];
  let length = text.length;
  const foldCost = folded(findings.length).length + FOLD_END.length;
  for (const f of findings) {
    const line = '\n' + row(f, policyFile);
    const remaining = findings.length - rows.length - 1;
    const reserve = (remaining > 0 ? budgetFor(remaining).length : 0) + commitsCut.length + (rows.length >= FOLD_AFTER || remaining > 0 ? foldCost : 0) + 64;
    if (length + line.length + reserve > max) break;
    rows.push(line);
    length += line.length;
  }
  text += rows.slice(0, FOLD_AFTER).join('');
  if (rows.length > FOLD_AFTER) text += folded(rows.length - FOLD_AFTER) + rows.slice(FOLD_AFTER).join('') + FOLD_END;
  const shown = rows.length;
  if (shown < findings.length) text += budgetFor(findings.length - shown);
  if (text.length + tailText.length <= max) text += tailText;
  else if (tailText !== '') text += commitsCut;
  return text + '\n';
}
