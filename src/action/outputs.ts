// Files and step outputs: the JSON report (so later steps, or a workflow_run workflow that
// comments on fork pull requests, can read it), the optional SARIF file, and the four outputs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GateError } from '../errors.ts';
import { renderJson } from '../report/json.ts';
import type { Effect } from '../policy/types.ts';
import type { Report } from '../report/model.ts';
import { renderSarif } from '../report/sarif.ts';
import { insideWorkspace, UnsafeWorkspacePath, writeInsideWorkspace } from './workspacefile.ts';

export const REPORT_FILE_NAME = 'agent-gate-report.json';

export interface Outputs {
  decision: Effect;
  'deny-count': string;
  'ask-count': string;
  'report-file': string;
}

export function outputsOf(report: Report | null, reportFile: string): Outputs {
  return {
    decision: report?.decision ?? 'allow',
    'deny-count': String(report?.counts.deny ?? 0),
    'ask-count': String(report?.counts.ask ?? 0),
    'report-file': reportFile,
  };
}

/** `$RUNNER_TEMP/agent-gate-report.json`, or a fresh temporary folder outside a runner. */
export function reportPath(runnerTemp: string | undefined): string {
  const dir = runnerTemp !== undefined && runnerTemp !== '' ? runnerTemp : mkdtempSync(join(tmpdir(), 'agent-gate-'));
  return join(dir, REPORT_FILE_NAME);
}

function write(path: string, text: string, what: string, workspace?: string): void {
  const inside = workspace !== undefined ? insideWorkspace(workspace, path) : null;
  try {
    if (inside !== null) {
      writeInsideWorkspace(inside.root, inside.segments, text);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  } catch (e) {
    const why = e instanceof UnsafeWorkspacePath ? `: ${e.message}` : ` (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
    throw new GateError(`cannot write the ${what} to ${JSON.stringify(path)}${why}`);
  }
}

export function writeReport(path: string, report: Report): void {
  write(path, renderJson(report), 'JSON report');
}

/**
 * `workspace`: under pull_request the pull request's checkout, so a path inside it is written
 * only through real folders to a regular file (see workspacefile.ts).
 */
export function writeSarif(path: string, report: Report, policyFile: string, workspace: string): void {
  write(path, renderSarif(report, policyFile), 'SARIF report (sarif-file input)', workspace);
}
