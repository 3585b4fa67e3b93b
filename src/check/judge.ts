// Pure part of `check`: commits in, report entries out. No git, no disk.
import type { CompiledPolicy } from '../engine/compile.ts';
import { decideModel } from '../engine/decide.ts';
import { detectAgent, detectionTrailers, modelFromTrailers } from '../git/agents.ts';
import type { CommitInfo } from '../git/log.ts';
import type { AgentsConfig } from '../policy/types.ts';
import type { CommitEntry, Finding } from '../report/model.ts';
import { judgeChanges } from './diff.ts';

export const COMMIT_MESSAGE_SOURCE = '(commit message)';

export interface JudgeOptions {
  policy: CompiledPolicy;
  blobs: ReadonlyMap<string, Buffer>;
  policyPaths: readonly string[];
  agents?: AgentsConfig;
  allCommits?: boolean;
  branch?: string | null;
  /** Commits that add command-log entries (SPEC 7), with the models those entries name. */
  logModels?: ReadonlyMap<string, string[]>;
}

export interface Judged {
  commits: CommitEntry[];
  findings: Finding[];
}

function subjectOf(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 120 ? line.slice(0, 117) + '...' : line;
}

/** The model finding for one agent commit, if the model list says no (SPEC 9). */
function modelFinding(policy: CompiledPolicy, sha: string, model: string | null): Finding | null {
  if (policy.models.length === 0) return null;
  const d = decideModel(policy, model);
  if (d.effect === 'allow') return null;
  return {
    effect: d.effect, capability: 'model', resource: model ?? '(unknown)', commit: sha,
    source: { kind: 'diff', file: COMMIT_MESSAGE_SOURCE }, part: null, rule: d.rule, reason: d.reason,
  };
}

export function judgeCommits(commits: readonly CommitInfo[], opts: JudgeOptions): Judged {
  const entries: CommitEntry[] = [];
  const findings: Finding[] = [];
  const ctx = { policy: opts.policy, blobs: opts.blobs, policyPaths: opts.policyPaths };
  for (const c of commits) {
    const trailers = detectionTrailers(c.message);
    const logModels = opts.logModels?.get(c.sha);
    const verdict = detectAgent(
      { authorName: c.authorName, authorEmail: c.authorEmail, committerName: c.committerName, committerEmail: c.committerEmail, trailers },
      {
        ...(opts.agents ? { agents: opts.agents } : {}),
        allCommits: opts.allCommits === true,
        branch: opts.branch ?? null,
        addsLogEntries: logModels !== undefined,
      },
    );
    const model = modelFromTrailers(trailers) ?? logModels?.[0] ?? null;
    entries.push({ sha: c.sha, agent: verdict.agent, signals: verdict.signals, model, subject: subjectOf(c.message) });
    if (!verdict.agent) continue;
    findings.push(...judgeChanges(ctx, c.sha, c.changes));
    const models = new Set<string | null>([model, ...(logModels ?? [])]);
    if (model !== null) models.delete(null);
    for (const m of models) {
      const f = modelFinding(opts.policy, c.sha, m);
      if (f) findings.push(f);
    }
  }
  return { commits: entries, findings };
}
