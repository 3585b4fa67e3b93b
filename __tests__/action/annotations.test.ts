import { describe, expect, test } from '@jest/globals';
import { annotationFile, annotationFor, Annotator, MAX_ERRORS, MAX_WARNINGS, type AnnotationProps, type AnnotationSink } from '../../src/action/annotations.ts';
import { finding, manyFindings } from './fixtures.ts';

interface Emitted { level: 'error' | 'warning' | 'notice'; message: string; props?: AnnotationProps | undefined }

function recorder(): { sink: AnnotationSink; out: Emitted[] } {
  const out: Emitted[] = [];
  return {
    out,
    sink: {
      error: (message, props) => out.push({ level: 'error', message, props }),
      warning: (message, props) => out.push({ level: 'warning', message, props }),
      notice: (message, props) => out.push({ level: 'notice', message, props }),
    },
  };
}

const count = (out: Emitted[], level: Emitted['level']): number => out.filter((e) => e.level === level).length;

describe('annotationFor', () => {
  test('deny is an error on the file, with the path JSON-quoted', () => {
    const a = annotationFor(finding(), 'deny', '.github/agent-gate.yml');
    expect(a.level).toBe('error');
    expect(a.props).toEqual({ title: 'agent-gate: deny fs_write', file: '.kiro/settings/mcp.json' });
    expect(a.message).toMatch(/^deny fs_write "\.kiro\/settings\/mcp\.json" in commit bbbbbbbbbbbb: /);
  });

  // Audit G-3: the message was capped, the file property was not (a 60,602-character line).
  test('a path too long for the file property is left out of it rather than cut into another path', () => {
    const huge = `secrets/${'a'.repeat(60_000)}`;
    const a = annotationFor(finding({ resource: huge, source: { kind: 'diff', file: huge } }), 'deny', 'p');
    expect(a.props.file).toBeUndefined();
    expect(a.message.length).toBeLessThanOrEqual(2000);
    const fits = `src/${'b'.repeat(900)}`;
    expect(annotationFor(finding({ resource: fits, source: { kind: 'diff', file: fits } }), 'deny', 'p').props.file).toBe(fits);
  });

  test('ask is a warning, or an error with fail-on ask', () => {
    expect(annotationFor(finding({ effect: 'ask' }), 'deny', 'p').level).toBe('warning');
    expect(annotationFor(finding({ effect: 'ask' }), 'ask', 'p').level).toBe('error');
  });

  test('a file name cannot break out of the message or the properties', () => {
    const evil = 'x\n::error::forged\r%0A.txt';
    // The engine's malformed-path reason quotes the path raw: it is spelled out here too.
    const a = annotationFor(finding({ resource: evil, source: { kind: 'diff', file: evil }, reason: `path contains a control character: "${evil}"` }), 'deny', 'p');
    expect(a.message).not.toMatch(/[\r\n]/);
    expect(a.message).toContain('control character: "x\\u000a::error::forged\\u000d%0A.txt"');
    expect(a.message).toContain(JSON.stringify(evil));
    expect(a.props.file).toBeUndefined();
  });

  test('log findings point at the log line; notes and absolute paths have no file', () => {
    expect(annotationFor(finding({ source: { kind: 'log', file: '.agent-gate/log/s.jsonl', line: 7 }, capability: 'shell', resource: 'rm -rf /' }), 'deny', 'p').props)
      .toMatchObject({ file: '.agent-gate/log/s.jsonl', startLine: 7 });
    expect(annotationFile(finding({ source: { kind: 'log', file: 'refs/notes/agent-gate', line: 2 } }))).toBeUndefined();
    // Audit AO-2: `k\xff` spells a name that is not UTF-8, and is the name of another file too.
    expect(annotationFile(finding({ resource: 'k\\xff', source: { kind: 'diff', file: 'k\\xff' }, reason: 'path is not valid UTF-8' }))).toBeUndefined();
    expect(annotationFile(finding({ resource: 'k\\xff', source: { kind: 'diff', file: 'k\\xff' } }))).toBe('k\\xff');
    expect(annotationFile(finding({ resource: '/etc/passwd', source: { kind: 'diff', file: '/etc/passwd' } }))).toBeUndefined();
    expect(annotationFile(finding({ capability: 'model', resource: 'gpt-4o', source: { kind: 'diff', file: '(commit message)' } }))).toBeUndefined();
    expect(annotationFile(finding({ resource: 'a/../b', source: { kind: 'diff', file: 'a/../b' } }))).toBeUndefined();
    // Characters a reader does not see stay out of the raw file= property (audit E-3).
    expect(annotationFile(finding({ resource: '.kiro/settings/\u202e<!-- -->', source: { kind: 'diff', file: '.kiro/settings/\u202e<!-- -->' } }))).toBeUndefined();
    expect(annotationFile(finding({ resource: 'src/a\u200b.ts', source: { kind: 'diff', file: 'src/a\u200b.ts' } }))).toBeUndefined();
    expect(annotationFile(finding({ resource: 'src/é.ts', source: { kind: 'diff', file: 'src/é.ts' } }))).toBe('src/é.ts');
  });

  test('enormous resources are clipped', () => {
    const long = 'a/'.repeat(10000) + 'x';
    expect(annotationFor(finding({ resource: long, source: { kind: 'diff', file: long } }), 'deny', 'p').message.length).toBeLessThanOrEqual(2000);
  });
});

describe('Annotator budget', () => {
  test('thousands of findings: 9 errors + the failure line, 10 warnings, one notice with the rest', () => {
    const { sink, out } = recorder();
    const a = new Annotator(sink);
    a.reserveErrors(1);
    const findings = manyFindings(3000);
    a.findings(findings, 'deny', 'p');
    a.finish();
    expect(count(out, 'error')).toBe(MAX_ERRORS - 1);
    expect(count(out, 'warning')).toBe(MAX_WARNINGS);
    expect(count(out, 'notice')).toBe(1);
    expect(out[out.length - 1]?.message).toMatch(/^agent-gate: 2981 more annotation\(s\) not shown \(1491 error, 1490 warning\)/);
  });

  test('nothing left out: no notice', () => {
    const { sink, out } = recorder();
    const a = new Annotator(sink);
    a.findings(manyFindings(4), 'deny', 'p');
    a.finish();
    expect(out.map((e) => e.level)).toEqual(['error', 'warning', 'error', 'warning']);
  });

  test('operational warnings come first and are never crowded out', () => {
    const { sink, out } = recorder();
    const a = new Annotator(sink);
    expect(a.warning('agent-gate: no permission to comment')).toBe(true);
    a.findings(manyFindings(40).filter((f) => f.effect === 'ask'), 'deny', 'p');
    a.finish();
    expect(out[0]?.message).toBe('agent-gate: no permission to comment');
    expect(count(out, 'warning')).toBe(MAX_WARNINGS);
    expect(out[out.length - 1]).toMatchObject({ level: 'notice', message: expect.stringContaining('11 more') });
  });

  test('with fail-on ask every finding competes for the error lines', () => {
    const { sink, out } = recorder();
    const a = new Annotator(sink);
    a.reserveErrors(1);
    a.findings(manyFindings(30), 'ask', 'p');
    a.finish();
    expect(count(out, 'error')).toBe(9);
    expect(count(out, 'warning')).toBe(0);
    expect(a.counts.left).toEqual({ error: 21, warning: 0 });
  });
});
