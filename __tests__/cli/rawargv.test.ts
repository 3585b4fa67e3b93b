// Audit 37, AH-2: the command line's bytes, a byte that is not UTF-8 kept as U+DC00 + byte.
import { describe, expect, test } from '@jest/globals';
import { rawArgs, surrogateEscaped } from '../../src/cli/rawargv.ts';

describe('surrogateEscaped', () => {
  test.each<[string, number[], string]>([
    ['plain ASCII', [0x61, 0x2f, 0x62], 'a/b'],
    ['valid two-, three- and four-byte sequences', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 'é€😀'],
    ['a lone 0xff', [0x61, 0xff, 0x62], 'a\udcffb'],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 'a\udce2\udc82'],
    ['an overlong slash', [0xc0, 0xaf], '\udcc0\udcaf'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['U+FFFD itself', [0xef, 0xbf, 0xbd], '\ufffd'],
  ])('%s', (_name, bytes, text) => {
    expect(surrogateEscaped(Uint8Array.from(bytes))).toBe(text);
  });
});

describe('rawArgs', () => {
  const cmdline = (...parts: Array<string | number[]>): (() => Buffer) => () =>
    Buffer.concat(parts.flatMap((p) => [typeof p === 'string' ? Buffer.from(p) : Buffer.from(p), Buffer.from([0])]));

  test('an argument Node decoded lossily is taken from the bytes', () => {
    const lossy = Buffer.from([0x73, 0x2f, 0xff]).toString('utf8');
    expect(rawArgs(['explain', '--write', lossy], cmdline('node', '--flag', 'cli.js', 'explain', '--write', [0x73, 0x2f, 0xff]))).toEqual(['explain', '--write', 's/\udcff']);
  });

  test('arguments without U+FFFD, a real U+FFFD, and unreadable bytes are kept', () => {
    expect(rawArgs(['a', 'b'], () => { throw new Error('never read'); })).toEqual(['a', 'b']);
    expect(rawArgs(['\ufffd'], cmdline('node', 'cli.js', '\ufffd'))).toEqual(['\ufffd']);
    expect(rawArgs(['x\ufffd'], () => { throw new Error('ENOENT'); })).toEqual(['x\ufffd']);
    // Bytes that are not this argument (another process's view) are not used.
    expect(rawArgs(['x\ufffd'], cmdline('node', 'cli.js', 'other'))).toEqual(['x\ufffd']);
  });
});
