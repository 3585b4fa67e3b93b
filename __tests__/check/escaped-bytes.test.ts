import { describe, expect, test } from '@jest/globals';
import { escapedBytes } from '../../src/check/diff.ts';

// A name that is not UTF-8 was shown with U+FFFD, so `key\xfe` and `key\xff` read the same.
describe('bytes that are not UTF-8 are shown escaped, valid sequences as text', () => {
  test.each<[number[], string]>([
    [[0x6b, 0x65, 0x79, 0xfe], 'key\\xfe'],
    [[0x6b, 0x65, 0x79, 0xff], 'key\\xff'],
    [[0xc3, 0xa4, 0xff, 0xc3], 'ä\\xff\\xc3'],
    // An overlong `/` and a lone surrogate are not UTF-8 either.
    [[0xc0, 0xaf], '\\xc0\\xaf'],
    [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
    [[0xf0, 0x9f, 0x98, 0x80, 0x80], '😀\\x80'],
  ])('%j -> %j', (bytes, shown) => {
    expect(escapedBytes(Buffer.from(bytes))).toBe(shown);
  });
});
