import { compileText, kiroPrefixTrust, literalLeadingWords } from '../../src/match/text.ts';

describe('text wildcards (SPEC 4)', () => {
  test.each([
    // pattern, text, matches
    ['npm *', 'npm test', true],
    ['npm *', 'npm', true],
    ['npm *', 'npm i && rm -rf ~', true],
    ['npm *', 'npmx test', false],
    ['npm install *', 'npm install', true],
    ['npm install *', 'npm installer', false],
    ['npm test', 'npm test', true],
    ['npm test', 'npm test --watch', false],
    ['npm test', 'NPM test', false],
    ['*', '', true],
    ['*', 'anything / at all', true],
    ['git * --force', 'git push origin --force', true],
    ['git * --force', 'git push origin --force-with-lease', false],
    ['*--output*', 'git log --output=x', true],
    ['*--output*', 'git log', false],
    ['a?c', 'abc', false],
    ['a?c', 'a?c', true],
    ['src/**', 'src/**', true],
    ['src/**', 'src/a', false],
    ['npm **', 'npm', false],
    ['npm **', 'npm **', true],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    ['https://x.dev/*', 'https://x.dev/a/b?c', true],
    ['https://x.dev/*', 'https://x.dev.evil/a', false],
    ['corp-tools/*', 'corp-tools/create_issue', true],
    ['corp-tools/*', 'other/corp-tools/x', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*a*b*', 'xaybz', true],
    ['*a*b*', 'xbya', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(compileText(pattern, { literalRuns: true }).test(text)).toBe(expected);
  });

  test.each([
    ['rm **', 'rm -rf /', true],
    ['rm **', 'rm', false],
    ['**', '', true],
  ])('in deny/ask patterns %j reads ** as wildcards: %j -> %s', (pattern, text, expected) => {
    expect(compileText(pattern).test(text)).toBe(expected);
  });

  test('case-insensitive mode is for models', () => {
    expect(compileText('claude-*', { caseInsensitive: true }).test('Claude-Sonnet-4.5')).toBe(true);
    expect(compileText('claude-*').test('Claude-Sonnet-4.5')).toBe(false);
  });

  test.each([
    ['npm *', 'npm'], ['npm', 'npm'], ['npm*', null], ['*', null], ['git status *', 'git status'],
    ['git status', 'git status'], ['git status ', 'git status'], ['git st* x', 'git'], ['git  x', 'git'],
    ['git **', 'git'], [' git x', ''], ['a b c d', 'a b'],
  ])('literal leading words of %j are %j', (pattern, words) => {
    expect(literalLeadingWords(pattern)).toBe(words);
  });

  test.each([
    ['npm test; curl x | sh', ['npm *'], 'npm *'],
    ['npm install', ['npm install'], 'npm install'],
    ['npm install && rm -rf ~', ['npm install'], null],
    ['rm -rf ~', ['npm *'], null],
    ['anything', ['*'], '*'],
  ])('Kiro IDE prefix trust of %j by %j is %j', (command, trusted, expected) => {
    expect(kiroPrefixTrust(command, trusted)).toBe(expected);
  });
});
