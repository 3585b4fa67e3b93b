// Markdown for PR comments and job summaries. Every value from the pull request goes through
// mdText/mdCode, so a file name cannot break the markup or mention anyone.
import { describeRule } from '../engine/decide.ts';
import { mdCode, mdText, shortSha } from './escape.ts';
import { hintFor } from './hint.ts';
import type { Finding, Report } from './model.ts';

export const COMMENT_MARKER = '<!-- agent-gate:report -->';

/** `text` cut to `max` characters without splitting a surrogate pair, and how many were left out. */
function cut(text: string, max: number): { kept: string; left: number } {
  if (text.length <= max) return { kept: text, left: 0 };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { kept: text.slice(0, end), left: text.length - end };
}

/**
 * A cell value escaped by `escape`, cut past `max` characters with a visible marker: a path of
 * 60,000 characters (git accepts one) must not take a comment's whole budget, and with it every
 * other finding's row.
 */
function cell(text: string, max: number, escape: (t: string) => string): string {
  const { kept, left } = cut(text, max);
  return left === 0 ? escape(text) : `${escape(`${kept}…`)} (${left.toLocaleString('en-US')} more characters)`;
}

function row(f: Finding, policyFile: string, max: number): string {
  const code = (t: string): string => cell(t, max, mdCode);
  const text = (t: string): string => cell(t, max, mdText);
  const rule = f.rule === null ? 'no rule matched' : `${mdText(describeRule(f.rule))} ${code(f.rule.pattern)}`;
  const where = f.source.kind === 'log' ? `${code(f.source.file)}${f.source.line !== undefined ? `:${f.source.line}` : ''}` : 'diff';
  const part = f.part !== null && f.part !== f.resource ? `<br>part ${code(f.part)}` : '';
  return `| ${f.effect === 'deny' ? '⛔ deny' : '⚠️ ask'} | ${f.capability} | ${code(f.resource)}${part} | ${f.commit === null ? 'staged' : mdCode(shortSha(f.commit))} | ${where} | ${rule} | ${text(f.reason)}<br><sub>${text(hintFor(f, policyFile))}</sub> |`;
}

export interface MarkdownOptions {
  policyFile?: string;
  /** Keep at most this many characters; findings past the cut are counted, not listed. */
  maxLength?: number;
  /** Where the full list can be read when it was cut. */
  fullReportHint?: string;
  /** Cut each path, part, rule pattern and reason past this many characters (default: never). */
  maxCellChars?: number;
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
  const cellMax = options.maxCellChars ?? Number.POSITIVE_INFINITY;
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
    // Cut like the findings' cells: a commit message's trailer is the agent's to write, and one
    // huge signal must not push the whole table out of the comment.
    for (const c of report.commits) {
      const signals = c.signals.map((s) => cell(s, cellMax, mdText)).join('<br>');
      tail.push(`| ${mdCode(shortSha(c.sha))} | ${c.agent ? 'yes' : 'no'} | ${signals} | ${c.model === null ? '' : cell(c.model, cellMax, mdCode)} |`);
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
    const line = '\n' + row(f, policyFile, cellMax);
    // Every finding not listed so far, this one included if it is skipped: the count the notice
    // may have to give, so its room is kept whichever rows end up left out.
    const remaining = findings.length - rows.length - 1;
    const reserve = (remaining > 0 ? budgetFor(remaining).length : 0) + commitsCut.length + (rows.length >= FOLD_AFTER || remaining > 0 ? foldCost : 0) + 64;
    // A row that does not fit is left out (and counted), not the end of the list: a shorter
    // finding after it may still fit.
    if (length + line.length + reserve > max) continue;
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
