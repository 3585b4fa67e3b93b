import { describe, expect, test } from '@jest/globals';
import { COMMENT_MAX_CHARS, commentBody, couldNotJudgeBody, runUrl, SUMMARY_MAX_BYTES, summaryBody } from '../../src/action/bodies.ts';
import { failureLine } from '../../src/action/publish.ts';
import { COMMENT_MARKER, renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport } from '../../src/report/model.ts';
import { commit, finding, manyFindings, report, SHA_A, SHA_B } from './fixtures.ts';

const LINK = 'https://github.com/o/r/actions/runs/42';

describe('comment body', () => {
  test('starts with the marker and stays whole when small', () => {
    const body = commentBody(report([finding()]), '.github/agent-gate.yml', LINK);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('mcp.json');
    expect(body).not.toContain('more finding(s) not shown');
  });

  test('thousands of findings: under 65,536 characters, the rest counted, a link to the job summary', () => {
    const body = commentBody(report(manyFindings(5000)), '.github/agent-gate.yml', LINK);
    expect(body.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(body).toMatch(/…and \d+ more finding\(s\) not shown here: see the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/42\) for the full list\./);
  });

  test('many commits: the one finding is listed; the commit table gives way', () => {
    const commits = Array.from({ length: 2000 }, (_, i) => commit({ sha: i.toString(16).padStart(40, '0'), signals: ['identity: author Kiro Agent <kiro-agent@users.noreply.github.com>'] }));
    const many = buildReport({ failOn: 'deny', range: { base: SHA_A, head: SHA_B }, commits, findings: [finding({ resource: 'secrets/key' })] });
    const body = commentBody(many, '.github/agent-gate.yml', LINK);
    expect(body.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(body).toContain('secrets/key');
    expect(body).not.toContain('more finding(s) not shown');
    expect(body).toMatch(/2000 commit\(s\) not listed here for want of room: see the \[job summary\]/);
  });

  test('a cut list shows the denies first, whatever their paths', () => {
    const asks = manyFindings(4000).map((f) => ({ ...f, effect: 'ask' as const, rule: null, reason: 'no rule matched' }));
    const deny = finding({ resource: 'zz/.kiro/settings/mcp.json' });
    const body = commentBody(report([...asks, deny]), '.github/agent-gate.yml', LINK);
    expect(body).toMatch(/more finding\(s\) not shown here/);
    expect(body).toContain('zz/.kiro/settings/mcp.json');
    expect(body.indexOf('zz/.kiro/settings/mcp.json')).toBeLessThan(body.indexOf('⚠️ ask'));
  });

  // Audit G-3: the loop stopped at the first row that did not fit, so one finding with a
  // 60,000-character path (git accepts it) hid every other finding from the comment.
  test('one finding with a huge path: its cell is cut with a marker, and every finding is listed', () => {
    const huge = `secrets/${'a'.repeat(60_000)}`;
    const findings = [
      finding({ resource: huge, source: { kind: 'diff', file: huge }, part: `${huge}/part`, reason: `matches deny pattern of "${huge}"` }),
      finding({ resource: 'secrets/prod.pem', source: { kind: 'diff', file: 'secrets/prod.pem' } }),
      finding(),
    ];
    const body = commentBody(report(findings), '.github/agent-gate.yml', LINK);
    expect(body.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(body).toContain('secrets/prod.pem');
    expect(body).toContain('.kiro/settings/mcp.json');
    expect(body).not.toContain('more finding(s) not shown');
    const rows = body.split('\n').filter((l) => l.startsWith('| ⛔ deny'));
    expect(rows).toHaveLength(3);
    const cut = rows.find((r) => r.includes('secrets/aaaa')) ?? '';
    expect(cut.length).toBeLessThan(10_000);
    expect(cut).toMatch(/…<\/code> \(\d[\d,]* more characters\)/);
    expect(summaryBody(report(findings), '.github/agent-gate.yml')).toContain('secrets/prod.pem');
  });

  // Audit round 21 (O-1): the commits table's cells were not cut, so one 70,000-character
  // trailer (the agent writes the message) pushed the whole table out of the comment.
  test('one huge commit signal or model is cut in its cell, and the commits table stays', () => {
    const huge = `Assisted-by: kiro:${'m'.repeat(70_000)}`;
    const commits = [commit(), commit({ sha: SHA_B, signals: [`trailer: ${huge}`], model: `kiro:${'m'.repeat(70_000)}` })];
    const r = buildReport({ failOn: 'deny', range: { base: SHA_A, head: SHA_B }, commits, findings: [finding()] });
    const body = commentBody(r, '.github/agent-gate.yml', LINK);
    expect(body.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(body).toContain('<summary>Commits</summary>');
    expect(body).not.toContain('not listed here for want of room');
    const rows = body.split('\n').filter((l) => l.startsWith('| <code>'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/… \(\d[\d,]* more characters\).*…<\/code> \(\d[\d,]* more characters\) \|$/);
  });

  test('a row that does not fit is skipped, later ones that fit are still listed, and the count is right', () => {
    const long = (i: number): string => `src/${'y'.repeat(3000)}/${i}`;
    const findings = [finding({ resource: long(1) }), finding({ resource: 'short/one' }), finding({ resource: long(2) }), finding({ resource: 'short/two' })];
    const base = renderMarkdown(report([]), { policyFile: 'p' }).length;
    // Room for the head, the two short rows (about 400 characters each) and the notice, not for a long row.
    const text = renderMarkdown(report(findings), { policyFile: 'p', maxLength: base + 2000, fullReportHint: 'see the summary' });
    expect(text).toContain('short/one');
    expect(text).toContain('short/two');
    expect(text).not.toContain('yyyy');
    expect(text).toContain('…and 2 more finding(s) not shown here: see the summary.');
  });

  test('no findings: all clear', () => {
    expect(commentBody(report([]), 'p', LINK)).toContain('all clear');
  });
});

describe('summary body', () => {
  test('thousands of findings stay under 1 MiB', () => {
    const text = summaryBody(report(manyFindings(20000)), '.github/agent-gate.yml');
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES);
    expect(text).toMatch(/more finding\(s\) not shown here: the JSON report/);
  });

  test('non-ASCII paths: measured in bytes, not characters', () => {
    const text = summaryBody(report(manyFindings(20000, '漢')), '.github/agent-gate.yml');
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(SUMMARY_MAX_BYTES / 2);
  });

  test('could not judge: the reason, escaped', () => {
    expect(couldNotJudgeBody('incomplete history <b>; `fetch-depth: 0`')).toMatch(/^### ⛔ agent-gate could not judge this change\n\nincomplete history &#60;b&#62;/);
  });
});

describe('runUrl', () => {
  test('from the runner environment', () => {
    expect(runUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42' })).toBe(LINK);
    expect(runUrl({ GITHUB_SERVER_URL: 'https://ghe.example:8443/', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3' }))
      .toBe('https://ghe.example:8443/o/r/actions/runs/42/attempts/3');
  });
  test.each([
    [{ GITHUB_REPOSITORY: 'o/r' }],
    [{ GITHUB_REPOSITORY: 'o/r)[x](javascript:alert(1)', GITHUB_RUN_ID: '1' }],
    [{ GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '1' }],
  ])('odd values give no link: %j', (env) => {
    expect(runUrl(env)).toBeNull();
  });
});

describe('failureLine', () => {
  test('null when passed, one line when failed', () => {
    expect(failureLine(report([finding({ effect: 'ask', rule: null, reason: 'no rule matched' })]))).toBeNull();
    const line = failureLine(report([finding(), finding({ effect: 'ask' })]));
    expect(line).toBe('agent-gate: failed: decision deny (1 deny, 1 ask finding(s) in 1 agent-made commit(s); fails on deny); see the job summary');
    expect(failureLine(report([finding({ effect: 'ask' })], 'ask'))).toMatch(/decision ask .* fails on ask/);
  });
});
