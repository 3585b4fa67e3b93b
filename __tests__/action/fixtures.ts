// Reports and findings for the Action's unit tests, built with the real report model.
import { buildReport, type CommitEntry, type FailOn, type Finding, type Report } from '../../src/report/model.ts';

export const SHA_A = 'a'.repeat(40);
export const SHA_B = 'b'.repeat(40);
export const SHA_C = 'c'.repeat(40);

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    effect: 'deny',
    capability: 'fs_write',
    resource: '.kiro/settings/mcp.json',
    commit: SHA_B,
    source: { kind: 'diff', file: over.resource ?? '.kiro/settings/mcp.json' },
    part: null,
    rule: { scope: 'kiro', file: '(built-in)', index: 0, effect: 'deny', pattern: '**/.kiro/settings/**' },
    reason: 'matches deny pattern "**/.kiro/settings/**" of kiro rule #0 (built-in)',
    ...over,
  };
}

export function commit(over: Partial<CommitEntry> = {}): CommitEntry {
  return { sha: SHA_B, agent: true, signals: ['identity: author Kiro Agent <kiro-agent@users.noreply.github.com>'], model: null, subject: 'agent work', ...over };
}

export function report(findings: Finding[], failOn: FailOn = 'deny'): Report {
  return buildReport({ failOn, range: { base: SHA_A, head: SHA_B }, commits: [commit()], findings });
}

/** `n` findings alternating deny and ask, each on its own long path. */
export function manyFindings(n: number, pathChars = 'x'): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const resource = `src/${pathChars.repeat(40)}/${i}/file-${i}.ts`;
    out.push(finding({
      effect: i % 2 === 0 ? 'deny' : 'ask',
      resource,
      source: { kind: 'diff', file: resource },
      rule: i % 2 === 0 ? { scope: 'workspace', file: '.github/agent-gate.yml', index: 1, effect: 'deny', pattern: 'src/**' } : null,
      reason: i % 2 === 0 ? 'matches deny pattern "src/**" of workspace rule #1' : 'no rule matched',
    }));
  }
  return out;
}
