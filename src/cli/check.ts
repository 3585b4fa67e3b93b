import { lstatSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { insideWorkspace, refusalInsideWorkspace, UnsafeWorkspacePath, writeInsideWorkspace } from '../action/workspacefile.ts';
import { GateError } from '../errors.ts';
import { findRepositoryRoot } from '../policy/source.ts';
import { runCheck } from '../check/run.ts';
import type { CheckOptions } from '../check/types.ts';
import { renderJson } from '../report/json.ts';
import { renderMarkdown } from '../report/markdown.ts';
import type { Report } from '../report/model.ts';
import { renderSarif } from '../report/sarif.ts';
import { renderText } from '../report/text.ts';
import { choice, flag, parse, str, type Io } from './args.ts';

export const CHECK_HELP = `Usage: agent-gate check [--base REV] [--head REV] [--branch NAME] [--policy FILE]
                        [--admin-policy FILE] [--all-commits] [--fail-on deny|ask]
                        [--format text|json|markdown|sarif] [--output FILE]

Judge every agent-made commit of merge-base(base, head)..head against the policy.
  --base REV        default: the merge-base with the upstream or default branch
  --head REV        default: HEAD
  --branch NAME     the pull request's head branch (kiro/, copilot/, codex/ ... mark agent work;
                    refs/heads/, refs/remotes/R/ and a remote's R/ are dropped);
                    default: the branch --head names (the current branch for HEAD)
  --policy FILE     read this policy from disk; default: .github/agent-gate.yml at the base commit
  --all-commits     judge every commit, not only agent-made ones
  --fail-on         deny (default) or ask
  --output FILE     write the report there and print a one-line summary
Exit codes: 0 passed, 1 failed, 2 could not judge (bad policy or arguments, incomplete history).
`;

export const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: Report, format: Format, policyFile: string): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'markdown': return renderMarkdown(report, { policyFile });
    case 'sarif': return renderSarif(report, policyFile);
    default: return renderText(report, policyFile);
  }
}

export function summaryLine(report: Report): string {
  return `agent-gate: ${report.passed ? 'passed' : 'failed'}: ${report.decision} (${report.counts.deny} deny, ${report.counts.ask} ask) in ${report.commits.filter((c) => c.agent).length} agent commit(s) of ${report.commits.length}`;
}

/** Where an --output FILE inside the checked-out work tree sits, which the pull request lays out. */
type WorkTreeOutput = { root: string; segments: string[] } | null;

/**
 * An --output FILE inside the work tree is written as the Action writes sarif-file: only through
 * real folders, to a regular file or a new one, never through a link the pull request may have
 * committed there (which would send the report, and the emptying below, anywhere on the runner).
 */
function workTreeOutput(cwd: string, output: string): WorkTreeOutput {
  const top = findRepositoryRoot(cwd);
  const inside = top === null ? null : insideWorkspace(top, resolve(cwd, output));
  if (inside === null) return null;
  const refused = refusalInsideWorkspace(inside.root, inside.segments);
  if (refused !== null) throw new GateError(`check: refusing --output ${output}: ${refused}; choose a file outside the work tree or remove it`);
  return inside;
}

/**
 * Removes the file at `output` when it is a regular file, and empties the one a link there points
 * at (the report would be written through the link): devices and pipes such as /dev/stdout are
 * left alone. Inside the work tree a link there was refused already.
 */
function removeStaleReport(output: string): void {
  try {
    const entry = lstatSync(output);
    if (entry.isFile()) unlinkSync(output);
    else if (entry.isSymbolicLink() && statSync(output).isFile()) truncateSync(output, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw new GateError(`check: cannot replace --output ${output} (${code ?? String(e)}); remove it or choose another file`);
  }
}

export async function runCheckCommand(argv: string[], io: Io): Promise<number> {
  const p = parse('check', argv, {
    base: { type: 'string' }, head: { type: 'string' }, branch: { type: 'string' },
    policy: { type: 'string' }, 'admin-policy': { type: 'string' }, 'all-commits': { type: 'boolean' },
    'fail-on': { type: 'string' }, format: { type: 'string' }, output: { type: 'string' },
  });
  if (flag(p, 'help')) { io.out(CHECK_HELP); return 0; }
  const format = choice('check', p, 'format', FORMATS, 'text');
  const failOn = str(p, 'fail-on') === undefined ? undefined : choice('check', p, 'fail-on', ['deny', 'ask'] as const, 'deny');
  const opts: CheckOptions = { cwd: io.cwd, allCommits: flag(p, 'all-commits') };
  const base = str(p, 'base');
  const head = str(p, 'head');
  const branch = str(p, 'branch');
  const policy = str(p, 'policy');
  const admin = str(p, 'admin-policy');
  if (base !== undefined) opts.base = base;
  if (head !== undefined) opts.head = head;
  if (branch !== undefined) opts.branch = branch;
  if (policy !== undefined) opts.policy = { disk: policy };
  if (admin !== undefined) opts.adminPolicy = { disk: admin };
  if (failOn !== undefined) opts.failOn = failOn;
  const output = str(p, 'output');
  // A report left from an earlier run would be read as this run's verdict if this one cannot
  // judge (exit 2), by a pipeline that uploads or inspects FILE whatever the exit code.
  const inWorkTree = output === undefined ? null : workTreeOutput(io.cwd, output);
  if (output !== undefined) removeStaleReport(resolve(io.cwd, output));
  const { report, policyFile, warnings } = await runCheck(opts);
  for (const w of warnings) io.err(`${w}\n`);
  // On the default branch with no upstream, the default base is the head itself: say so rather
  // than pass quietly on a range of nothing.
  if (base === undefined && report.range.base === report.range.head) {
    io.err(`agent-gate: note: the default base is ${report.range.head.slice(0, 12)}, the head itself, so no commit was judged; pass --base REV (for example the commit before the agent's work)\n`);
  }
  const text = render(report, format, policyFile);
  if (output !== undefined) {
    try {
      if (inWorkTree !== null) writeInsideWorkspace(inWorkTree.root, inWorkTree.segments, text);
      else writeFileSync(resolve(io.cwd, output), text);
    } catch (e) {
      if (e instanceof UnsafeWorkspacePath) throw new GateError(`check: refusing --output ${output}: ${e.message}; choose a file outside the work tree or remove it`);
      throw new GateError(`check: cannot write --output ${output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    io.out(summaryLine(report) + `; report written to ${output}\n`);
  } else {
    io.out(text);
  }
  return report.passed ? 0 : 1;
}
