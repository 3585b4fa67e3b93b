import { describe, expect, test } from '@jest/globals';
import { compileFsPattern, unbalancedReason } from '../../src/match/fs.ts';

describe('bracket expressions as minimatch reads them', () => {
  test.each([
    // pattern, path, matches (raw form)
    ['secrets/[[:digit:]]*', 'secrets/1', true],
    ['secrets/[[:digit:]]*', 'secrets/x', false],
    ['secrets/[[:digit:]_]', 'secrets/_', true],
    ['secrets/[[]', 'secrets/[', true],
    ['secrets/[]]', 'secrets/]', true],
    ['secrets/[!a-z]', 'secrets/1', true],
    ['secrets/[\\]]', 'secrets/]', true],
    ['secrets/[a-]', 'secrets/-', true],
  ])('%s accepted, and matches %s: %s', (pattern, path, matches) => {
    expect(unbalancedReason(pattern)).toBeNull();
    expect(compileFsPattern(pattern, '/home/u').testRaw(path)).toBe(matches);
  });

  test.each([
    ['secrets/[[:digit:]*', 'unbalanced "["'],
    ['secrets/[x[:alpha:]', 'unbalanced "["'],
    ['secrets/[!]', 'unbalanced "["'],
    ['secrets/[]', 'unbalanced "["'],
    ['secrets/[z-a]', 'range "z-a" is out of order'],
    ['secrets/[a-[:alpha:]]', 'a range cannot end in the POSIX class [:alpha:]'],
    ['secrets/a]', 'unbalanced "]"'],
    ['{a,[b}', 'unbalanced "["'],
  ])('%s is refused: %s', (pattern, reason) => {
    expect(unbalancedReason(pattern)).toBe(reason);
  });
});

// The accepted spellings audit L-1 left alone still mean what they did.
describe('trailing "/" and leading "./"', () => {
  test.each([
    ['secrets/', 'secrets/a/b', true],
    ['secrets/{a,b}/', 'secrets/b/k', true],
    ['././secrets/**', 'secrets/k', true],
    ['./secrets/**', 'secrets/k', true],
    ['.', 'a/b', true],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(compileFsPattern(pattern, '/home/u').testCanonical(path)).toBe(matches);
  });
});
