// The sinks of a decided check: report file and outputs, SARIF, log, job summary, PR comment,
// annotations. None of them can change the decision: a sink that fails becomes a warning, and the
// step still passes or fails on the report alone.
import * as core from '@actions/core';
import { renderText } from '../report/text.ts';
import type { Report } from '../report/model.ts';
import { Annotator, type AnnotationSink } from './annotations.ts';
import { commentBody, summaryBody } from './bodies.ts';
import { syncComment, type IssueCommentsApi } from './comment.ts';
import type { CommentMode } from './inputs.ts';
import { outputsOf, writeReport, writeSarif } from './outputs.ts';
import { oneLine, printUntrusted, writeSummary } from './runner.ts';

export interface PublishOptions {
  report: Report;
  policyFile: string;
  reportFile: string;
  sarifFile?: string;
  /** GITHUB_WORKSPACE: under pull_request the pull request's checkout. */
  workspace: string;
  comment: CommentMode;
  /** The pull request to comment on; absent for push, merge_group, workflow_dispatch. */
  pullNumber?: number;
  /** The API, or why there is none (no token, no repository): a warning when a comment was due. */
  commentsApi: IssueCommentsApi | { unavailable: string };
  runLink: string | null;
  annotations: AnnotationSink;
  /** See commentScope: keeps this gate's comment apart from another agent-gate step's. */
  commentScope: string;
  /** Warning annotations the step emitted before judging (empty inputs): GitHub's 10 count them. */
  warningsSpent?: number;
}

function message(e: unknown): string {
  return oneLine(e instanceof Error ? e.message : String(e), 300);
}

/** The step's failure line, or null when the check passed. */
export function failureLine(report: Report): string | null {
  if (report.passed) return null;
  const agent = report.commits.filter((c) => c.agent).length;
  return `agent-gate: failed: decision ${report.decision} (${report.counts.deny} deny, ${report.counts.ask} ask finding(s) in ${agent} agent-made commit(s); fails on ${report.failOn}); see the job summary`;
}

export async function publish(o: PublishOptions): Promise<void> {
  const { report } = o;
  const annotator = new Annotator(o.annotations, o.warningsSpent ?? 0);

  let reportFile = o.reportFile;
  try {
    writeReport(reportFile, report);
  } catch (e) {
    annotator.warning(message(e));
    reportFile = '';
  }
  // A SARIF file that was asked for and not written fails the step: what is at that path may be
  // the pull request's own (a folder of forged results), and a later upload step must not take it
  // for ours. report-file is emptied too, which skips the documented upload step.
  let sarifFailure: string | null = null;
  if (o.sarifFile !== undefined) {
    try {
      writeSarif(o.sarifFile, report, o.policyFile, o.workspace);
    } catch (e) {
      sarifFailure = `agent-gate: ${message(e)}`;
      reportFile = '';
    }
  }
  for (const [name, value] of Object.entries(outputsOf(report, reportFile))) core.setOutput(name, value);
  if (sarifFailure !== null) core.setFailed(sarifFailure);

  core.startGroup(`agent-gate report: ${report.decision} (${report.counts.deny} deny, ${report.counts.ask} ask)`);
  printUntrusted(renderText(report, o.policyFile));
  core.endGroup();

  try {
    await writeSummary(summaryBody(report, o.policyFile));
  } catch (e) {
    annotator.warning(`agent-gate: could not write the job summary (${message(e)})`);
  }

  if (o.pullNumber !== undefined && o.comment !== 'never') {
    if ('unavailable' in o.commentsApi) {
      annotator.warning(`agent-gate: no pull request comment: ${o.commentsApi.unavailable}`);
    } else {
      const outcome = await syncComment(o.commentsApi, {
        issue: o.pullNumber,
        body: commentBody(report, o.policyFile, o.runLink),
        hasFindings: report.findings.length > 0,
        mode: o.comment,
        scope: o.commentScope,
      });
      if (outcome.warning !== undefined) annotator.warning(outcome.warning);
      else core.info(`agent-gate: pull request comment ${outcome.action}${outcome.id !== undefined ? ` (id ${outcome.id})` : ''}`);
    }
  }

  // setFailed (for the SARIF file above, and in main for the decision) is an ::error line too,
  // and counts against the same limit.
  annotator.reserveErrors((report.passed ? 0 : 1) + (sarifFailure !== null ? 1 : 0));
  annotator.findings(report.findings, report.failOn, o.policyFile);
  annotator.finish();
}
