import { TextIndex, type TextEntry } from '../../src/engine/compile.ts';
import { compileText } from '../../src/match/text.ts';

function indexOf(patterns: ReadonlyArray<string | [string, string[]]>): TextIndex {
  const index = new TextIndex();
  patterns.forEach((p, ordinal) => {
    const [pattern, excludes] = typeof p === 'string' ? [p, []] : p;
    const entry: TextEntry = {
      ordinal, matcher: compileText(pattern), excludes: excludes.map((x) => compileText(x)), trusted: false,
      ref: { scope: 'workspace', file: 'p.yml', index: ordinal, effect: 'deny', pattern },
    };
    index.add(entry);
  });
  return index;
}

/** The index must give what a scan of every pattern in rule order gives, whatever it is keyed by. */
function scanned(patterns: ReadonlyArray<string | [string, string[]]>, text: string, also: readonly string[]): string | null {
  for (const p of patterns) {
    const [pattern, excludes] = typeof p === 'string' ? [p, []] : p;
    const excluded = excludes.some((x) => [text, ...also].some((t) => compileText(x).test(t)));
    if (compileText(pattern).test(text) && !excluded) return pattern;
  }
  return null;
}

describe('TextIndex.first', () => {
  const patterns: Array<string | [string, string[]]> = [
    'npm test', ['npm *', ['npm publish*']], 'npm test *', 'git status *', 'git st*', '* --force', 'git  x', 'git x *', ' y z', 'a b c *', '*',
  ];
  test.each([
    ['npm test', [], 'npm test'],
    ['npm test x', [], 'npm *'],
    ['npm publish x', [], '*'],
    ['npm --silent x', ['npm publish'], '*'],
    ['npm publish', ['npm publish'], '*'],
    ['npm', [], 'npm *'],
    ['git status', [], 'git status *'],
    ['git status -s', [], 'git status *'],
    ['git stash', [], 'git st*'],
    ['git push --force', [], '* --force'],
    ['git  x', [], 'git  x'],
    ['git x', [], 'git x *'],
    ['git x y', [], 'git x *'],
    [' y z', [], ' y z'],
    ['a b c d', [], 'a b c *'],
    ['a b', [], '*'],
    ['', [], '*'],
    ['rm -rf /', [], '*'],
  ] as Array<[string, string[], string]>)('%j (also excluded %j) first matches %j', (text, also, expected) => {
    expect(indexOf(patterns).first(text, also)?.matcher.pattern ?? null).toBe(expected);
    expect(scanned(patterns, text, also)).toBe(expected);
  });

  test('a later two-word rule never beats an earlier one-word or unindexed rule', () => {
    const index = indexOf(['* x', 'npm *', 'npm test *']);
    expect(index.first('npm test x')?.matcher.pattern).toBe('* x');
    expect(index.first('npm test y')?.matcher.pattern).toBe('npm *');
    expect(indexOf(['npm test *', 'npm *']).first('npm test y')?.matcher.pattern).toBe('npm test *');
  });
});
