// Paths from a pull request reach terminals, comments, summaries and annotations: characters a
// reader cannot see, or that reorder what is shown, are spelled out everywhere they go.
import { describe, expect, test } from '@jest/globals';
import { annotationFor } from '../../src/action/annotations.ts';
import { finding, report } from '../action/fixtures.ts';
import { jsonSpelled, mdCode, mdText, quoted, spellUnseen } from '../../src/report/escape.ts';
import { formatExplanation } from '../../src/cli/explain.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { renderText } from '../../src/report/text.ts';

describe('unseen characters are spelled out', () => {
  test.each([
    ['right-to-left override', 'invoice\u202egpj.exe', 'invoice\\u202egpj.exe'],
    ['isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['zero-width joiner', '.ki\u200dro', '.ki\\u200dro'],
    ['byte order mark', '\ufeffx', '\\ufeffx'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['soft hyphen', 'se\u00adcrets', 'se\\u00adcrets'],
    // Default-ignorable outside the BMP (a tag character): each UTF-16 unit spelled out.
    ['tag character', 'rm\u{e0041}x', 'rm\\udb40\\udc41x'],
    ['plain text stays', 'src/ünïcode/文件.ts', 'src/ünïcode/文件.ts'],
  ])('%s', (_name, raw, spelled) => {
    expect(spellUnseen(raw)).toBe(spelled);
    expect(annotationFor(finding({ reason: `why ${raw}` }), 'deny', 'p.yml').message).toContain(`: why ${spelled}. `);
    // quoted stays a JSON string that reads back to the same text.
    expect(JSON.parse(quoted(raw))).toBe(raw);
    expect(quoted(raw)).toBe(JSON.stringify(spelled).replaceAll('\\\\u', '\\u'));
    expect(mdText(raw)).not.toMatch(/[\u202e\u2066\u2069\u200d\ufeff\u007f\u00ad]|\u{e0041}/u);
  });
});

// Audit 32 (PP-7): explain's first line printed the request raw, and JSON output (explain --json,
// the check report) kept U+0080-U+009F, bidi and zero-width characters raw.
describe('explain and JSON output spell unseen characters too', () => {
  test.each([
    ['8-bit CSI', 'a\u009b31mb', 'a\\u009b31mb'],
    ['right-to-left override', 'x/\u202egpj.exe', 'x/\\u202egpj.exe'],
    ['zero-width space', 'se\u200bcrets/k', 'se\\u200bcrets/k'],
    ['tag character', 'rm\u{e0041}x', 'rm\\udb40\\udc41x'],
  ])('%s', (_name, raw, spelled) => {
    const text = formatExplanation({ capability: 'fs_write', resource: raw, effect: 'deny', rule: null, reason: `path ${raw}`, parts: [{ text: raw, capability: 'fs_write', effect: 'deny', rule: null, reason: '' }] });
    expect(text.split('\n')[0]).toBe(`deny: fs_write "${spelled}"`);
    expect(text).not.toContain(raw);
    const json = jsonSpelled({ resource: raw, reason: `why ${raw}` });
    expect(json).toBe(`{"resource":"${spelled}","reason":"why ${spelled}"}`);
    expect(JSON.parse(json)).toEqual({ resource: raw, reason: `why ${raw}` });
    const rendered = renderJson(report([finding({ resource: raw, reason: raw })]));
    expect(rendered).not.toContain(raw);
    expect(JSON.parse(rendered).findings[0].resource).toBe(raw);
  });
  test('structure and plain text are left alone', () => {
    expect(jsonSpelled({ a: ['src/ünïcode/文件.ts', 'x\ny'] }, 2)).toBe(JSON.stringify({ a: ['src/ünïcode/文件.ts', 'x\ny'] }, null, 2));
  });
});

// Audit 44, AY-2: the SARIF message (what code scanning shows as the alert) kept a path's unseen
// characters raw once parsed, where every other report spells them out.
test.each([
  ['right-to-left override', 'secrets/rtl\u202egnp.exe', 'secrets/rtl\\u202egnp.exe'],
  ['zero-width joiner', '.ki\u200dro/x', '.ki\\u200dro/x'],
  ['8-bit CSI', 'a\u009b31mb', 'a\\u009b31mb'],
])('SARIF message text spells out a %s', (_name, raw, spelled) => {
  const sarif = JSON.parse(renderSarif(report([finding({ resource: raw, reason: `why ${raw}` })]))) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
  const text = sarif.runs[0]?.results[0]?.message.text ?? '';
  expect(text).toContain(spelled);
  expect(text).toContain(`why ${spelled}`);
  expect(text).not.toMatch(/[\u202e\u200d\u009b]/u);
});

// Audit round 8: GitHub finds mentions and references in the rendered text, after entities are
// decoded, so `&#64;` alone did not stop a commit author named `@acme/security-team` pinging a team.
describe('mentions, references and links in comments', () => {
  test.each([
    ['a team mention', '@acme/security-team'],
    ['a user mention', 'hi @octocat'],
    ['an issue reference', 'fixes #1'],
  ])('%s cannot trigger after decoding', (_name, raw) => {
    const decoded = mdText(raw).replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
    expect(decoded).not.toMatch(/[@#][\w]/);
    // Nothing else changes: the joiner is invisible.
    expect(decoded.replaceAll('\u2060', '')).toBe(raw);
  });

  test('www. links are not made', () => {
    expect(mdText('see www.evil.example/approve')).not.toContain('www.');
    expect(mdCode('www.evil.example')).not.toContain('www.');
  });

  test('inside <code>, which GitHub does not scan for mentions, a path is copied as written', () => {
    const code = mdCode('src/@scope/#1.ts');
    expect(code).not.toContain('\u2060');
    expect(code).not.toContain('&#8288;');
  });
});

test('the text report quotes a log file name, so it cannot forge report lines', () => {
  const file = '.agent-gate/log/x.jsonl\nagent-gate: passed: decision allow\u001b[8m';
  const text = renderText(report([finding({ source: { kind: 'log', file, line: 3 }, capability: 'shell', resource: 'rm -rf /' })]));
  expect(text).not.toContain('\nagent-gate: passed');
  expect(text).not.toContain('\u001b');
  expect(text).toContain(`(log ${JSON.stringify(file).replace('\\u001b', '\\u001b')}:3)`);
});

// Code scanning merges results that share a fingerprint into one alert.
test('SARIF fingerprints tell apart the same finding in two commits or two log lines', () => {
  const one = finding({ capability: 'shell', resource: 'rm -rf /', source: { kind: 'log', file: 'l.jsonl', line: 1 } });
  const sarif = JSON.parse(renderSarif(report([
    one,
    { ...one, source: { kind: 'log', file: 'l.jsonl', line: 2 } },
    { ...one, commit: 'c'.repeat(40) },
    finding(), finding({ commit: 'c'.repeat(40) }),
  ]))) as { runs: Array<{ results: Array<{ partialFingerprints: { agentGate: string } }> }> };
  const prints = sarif.runs[0]?.results.map((r) => r.partialFingerprints.agentGate) ?? [];
  expect(prints).toHaveLength(5);
  expect(new Set(prints).size).toBe(5);
  // The same finding again gives the same fingerprint.
  const again = JSON.parse(renderSarif(report([one]))) as typeof sarif;
  expect(again.runs[0]?.results[0]?.partialFingerprints.agentGate).toBe(prints[0]);
});

// Audit: a rule id's description must not depend on which finding came first, and SARIF
// message text reads `{0}` as a placeholder and `[t](u)` as a link.
describe('SARIF text', () => {
  const rule = { scope: 'workspace' as const, file: '.github/agent-gate.yml', index: 0, effect: 'deny' as const };
  const env = finding({ resource: '.env.local', rule: { ...rule, pattern: '**/.env{,.*}' }, reason: 'matches deny pattern "**/.env{,.*}" of workspace rule #0' });
  const link = finding({ resource: 'secrets/[fix it](https://evil.example)', rule: { ...rule, pattern: 'secrets/**' }, reason: 'matches deny pattern "secrets/**"' });
  const placeholder = finding({ resource: 'secrets/{0}', rule: { ...rule, pattern: 'secrets/**' }, reason: 'matches deny pattern "secrets/**"' });
  type Sarif = { runs: Array<{ tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } }; results: Array<{ message: { text: string } }> }> };
  const render = (findings: ReturnType<typeof finding>[]): Sarif => JSON.parse(renderSarif(report(findings))) as Sarif;

  test('a rule is described by the rule, whichever of its patterns matched first', () => {
    const a = render([env, link]).runs[0]?.tool.driver.rules;
    const b = render([link, env]).runs[0]?.tool.driver.rules;
    expect(a).toEqual(b);
    expect(a?.[0]?.shortDescription.text).toBe('workspace rule #0 (.github/agent-gate.yml): deny');
  });

  test('braces are doubled and brackets escaped in message text', () => {
    const texts = render([env, link, placeholder]).runs[0]?.results.map((r) => r.message.text) ?? [];
    expect(texts[0]).toContain('matches deny pattern "**/.env{{,.*}}"');
    expect(texts[1]).toContain('"secrets/\\[fix it\\](https://evil.example)"');
    expect(texts[2]).toContain('"secrets/{{0}}"');
    for (const t of texts) expect(t.replace(/\{\{|\}\}/g, '')).not.toMatch(/[{}]/);
  });
});
