import { compareLogVersions } from '../../src/logs/index.ts';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('compareLogVersions', () => {
  const cases: [string, string | null, string | null, number[], [number, RegExp] | null][] = [
    ['a new log: every line is added', null, 'a\nb\nc\n', [1, 2, 3], null],
    ['lines appended', 'a\nb\n', 'a\nb\nc\nd\n', [3, 4], null],
    ['nothing changed', 'a\nb\n', 'a\nb\n', [], null],
    ['an old last line without newline, completed then appended to', 'a\nb', 'a\nb\nc\n', [3], null],
    ['an old last line without newline, unchanged', 'a\nb', 'a\nb', [], null],
    ['a line changed: it and everything after it is judged', 'a\nb\nc\n', 'a\nB\nc\nd\n', [2, 3, 4], [2, /line 2 of the previous version was changed/]],
    ['a line removed in the middle', 'a\nb\nc\n', 'a\nc\n', [2], [2, /line 2 of the previous version was changed/]],
    ['lines removed from the end', 'a\nb\nc\n', 'a\n', [], [2, /line 2 of the previous version was removed/]],
    ['an old last line extended', 'a\nb', 'a\nbc\n', [2], [2, /line 2 .* was changed/]],
    ['a newline removed from the last line', 'a\nb\n', 'a\nb', [2], [2, /line 2 .* was changed/]],
    ['converted to CRLF', 'a\nb\n', 'a\r\nb\r\n', [1, 2], [1, /line 1 .* was changed/]],
    ['emptied', 'a\n', '', [], [1, /line 1 of the previous version was removed/]],
    ['the file removed', 'a\nb\n', null, [], [1, /log file removed \(the previous version had 2 lines\)/]],
    ['never existed', null, null, [], null],
  ];

  test.each(cases)('%s', (_name, before, after, added, problem) => {
    const result = compareLogVersions(before === null ? null : b(before), after === null ? null : b(after), 'log.jsonl');
    expect(result.added).toEqual(added);
    if (problem === null) {
      expect(result.problems).toEqual([]);
    } else {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.line).toBe(problem[0]);
      expect(result.problems[0]?.file).toBe('log.jsonl');
      expect(result.problems[0]?.reason).toMatch(problem[1]);
    }
  });
});
