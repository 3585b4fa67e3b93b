import { constants } from 'node:buffer';
import { decodeUtf8, undecodedReason } from '../../src/logs/json.ts';

// Audit 42, AT-1: a 600 MB ASCII payload or log line was reported as "not valid UTF-8".
describe('why bytes could not be decoded', () => {
  test('invalid bytes are invalid UTF-8', () => {
    const bytes = Uint8Array.from([0x61, 0xff]);
    expect(decodeUtf8(bytes)).toBeNull();
    expect(undecodedReason(bytes.length)).toBe('not valid UTF-8');
  });

  test.each([
    [constants.MAX_STRING_LENGTH + 1, `too large to read (512 MiB; at most ${Math.floor(constants.MAX_STRING_LENGTH / 2 ** 20)} MiB)`],
    [600_000_000, `too large to read (573 MiB; at most ${Math.floor(constants.MAX_STRING_LENGTH / 2 ** 20)} MiB)`],
  ])('%d bytes are past the longest string', (length, reason) => {
    expect(undecodedReason(length)).toBe(reason);
  });
});
