// The markdown the Action posts, held under GitHub's limits: a comment body may have at most
// 65,536 characters (longer ones are refused, so the comment would silently go stale) and a step
// summary at most 1 MiB (longer ones are dropped whole). Long finding lists are cut by the
// renderer, which counts what it left out and says where the full list is.
import { mdText } from '../report/escape.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Report } from '../report/model.ts';

export const COMMENT_MAX_CHARS = 65_536;
/** What the renderer may use; the rest is margin for the cut notice. */
export const COMMENT_RENDER_CHARS = 60_000;
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** Per path, rule pattern or reason in a findings table: the JSON report keeps the whole value. */
export const CELL_MAX_CHARS = 500;
/** Margin for what other steps of the job may already have written is not ours to know; stay well under. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

export interface RunLinkEnv {
  GITHUB_SERVER_URL?: string | undefined;
  GITHUB_REPOSITORY?: string | undefined;
  GITHUB_RUN_ID?: string | undefined;
  GITHUB_RUN_ATTEMPT?: string | undefined;
}

/** The run's page, where the job summary is; null when the environment does not say. */
export function runUrl(env: RunLinkEnv): string | null {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repo = env.GITHUB_REPOSITORY ?? '';
  const id = env.GITHUB_RUN_ID ?? '';
  // Only values of a known shape reach the markdown: these are interpolated as a link.
  if (!/^https?:\/\/[A-Za-z0-9.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id)) return null;
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '';
  return `${server}/${repo}/actions/runs/${id}${/^\d+$/.test(attempt) && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

/** Cuts a string at a character limit without splitting a surrogate pair. */
function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

export function commentBody(report: Report, policyFile: string, link: string | null): string {
  const hint = link !== null ? `see the [job summary](${link}) for the full list` : 'see the job summary of this workflow run for the full list';
  const body = renderMarkdown(report, { maxLength: COMMENT_RENDER_CHARS, fullReportHint: hint, policyFile, maxCellChars: CELL_MAX_CHARS });
  // The renderer keeps to its budget; this is the last guard against GitHub refusing the body.
  return body.length <= COMMENT_MAX_CHARS ? body : cutChars(body, COMMENT_MAX_CHARS - 2) + '\n';
}

/** Markdown for the step summary, under SUMMARY_BUDGET_BYTES of UTF-8. */
export function summaryBody(report: Report, policyFile: string): string {
  const hint = 'the JSON report (the `report-file` output of this step) lists every finding';
  let maxLength = SUMMARY_BUDGET_BYTES;
  for (let i = 0; i < 8; i++) {
    const text = renderMarkdown(report, { maxLength, fullReportHint: hint, policyFile, maxCellChars: CELL_MAX_CHARS });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= SUMMARY_BUDGET_BYTES) return text;
    // Paths may be non-ASCII (up to 3 bytes per UTF-16 unit): shrink by the measured ratio.
    maxLength = Math.floor(maxLength * (SUMMARY_BUDGET_BYTES / bytes) * 0.95);
  }
  let text = renderMarkdown(report, { maxLength: Math.floor(SUMMARY_BUDGET_BYTES / 3), fullReportHint: hint, policyFile, maxCellChars: CELL_MAX_CHARS });
  while (Buffer.byteLength(text, 'utf8') > SUMMARY_BUDGET_BYTES) text = cutChars(text, Math.floor(text.length * 0.9));
  return text;
}

export function couldNotJudgeBody(message: string): string {
  return `### ⛔ agent-gate could not judge this change\n\n${mdText(message)}\n`;
}

export function skippedBody(reason: string): string {
  return `### ✅ agent-gate: nothing to judge\n\n${mdText(reason)}\n`;
}
