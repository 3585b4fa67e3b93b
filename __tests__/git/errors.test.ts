// git's stderr becomes the one-line reason of exit 2 (SPEC 10).
import { describe, expect, test } from '@jest/globals';
import { firstLine, GitError } from '../../src/git/errors.ts';

describe('firstLine', () => {
  test.each([
    ['fatal: bad object x\n', 'fatal: bad object x'],
    ['\n  warning: y  \nfatal: z\n', 'warning: y'],
    // git printed one message twice with nothing between (audit E-4).
    ['fatal: empty filename in tree entryfatal: empty filename in tree entry', 'fatal: empty filename in tree entry'],
    ['abab', 'abab'],
    ['', ''],
  ])('%j -> %j', (stderr, line) => {
    expect(firstLine(stderr)).toBe(line);
  });

  test('a GitError names the command and the reason once', () => {
    const e = new GitError(['log', '--raw'], 128, 'fatal: empty filename in tree entryfatal: empty filename in tree entry');
    expect(e.message).toBe('git log --raw: fatal: empty filename in tree entry');
  });
});
