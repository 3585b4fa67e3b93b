import fc from 'fast-check';
import { readCanonicalEntry } from '../../src/logs/canonical.ts';
import { ENTRY_CAPABILITIES, serializeEntry, validateEntry, type LogEntry } from '../../src/logs/entry.ts';

// The fast reader must never disagree with the general path: it either declines (null) or returns
// exactly the entry JSON.parse + validateEntry would.
function general(line: string): ReturnType<typeof validateEntry> | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return validateEntry(value, line);
}

function agrees(line: string): void {
  const fast = readCanonicalEntry(line);
  if (fast === null) return;
  const slow = general(line);
  expect(slow).not.toBeNull();
  expect(slow?.ok).toBe(true);
  if (slow?.ok === true) expect(fast).toStrictEqual(slow.entry);
}

// Strings over characters that matter to JSON and to the reader's scan.
const tricky = fc.string({
  minLength: 0, maxLength: 12,
  unit: fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', ',', ':', '{', '}', '\u0000', '\n', '\u007f', '\u2028', 'é', '😀', 'null'),
});
const anyText = fc.oneof(tricky, fc.string({ maxLength: 20, unit: 'grapheme' }), fc.constantFrom('', '.', 'src'));
const prevs = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`),
  fc.constantFrom('sha256:', `sha256:${'A'.repeat(64)}`, `sha256:${'0'.repeat(63)}`),
);
const timestamps = fc.constantFrom('2026-11-20T10:00:00Z', '2026-02-30T10:00:00Z', '2026-11-20T10:00:00', '2026-11-20T10:00:00.123+05:30', 'x');
const entries: fc.Arbitrary<LogEntry> = fc.record({
  v: fc.constant(1 as const),
  ts: timestamps,
  agent: anyText,
  session: anyText,
  model: fc.option(anyText, { nil: null }),
  capability: fc.oneof(fc.constantFrom(...ENTRY_CAPABILITIES), fc.constantFrom('Shell', 'exec', '')) as fc.Arbitrary<LogEntry['capability']>,
  resource: anyText,
  cwd: anyText,
  prev: prevs,
  blocked: fc.option(fc.constant(true as const), { nil: undefined }),
}, { requiredKeys: ['v', 'ts', 'agent', 'session', 'model', 'capability', 'resource', 'cwd', 'prev'] });

describe('readCanonicalEntry', () => {
  test('agrees with JSON.parse + validateEntry on every serialised entry', () => {
    fc.assert(fc.property(entries, (e) => agrees(serializeEntry(e))), { numRuns: 3000 });
  });

  test('reads every valid entry whose strings need no escape', () => {
    const plain = fc.string({ minLength: 1, maxLength: 16, unit: fc.constantFrom('a', 'Z', '0', ' ', ',', ':', '{', '}', 'é', '😀', '\u2028') });
    fc.assert(fc.property(plain, plain, fc.option(plain, { nil: null }), fc.constantFrom(...ENTRY_CAPABILITIES), plain, plain,
      fc.stringMatching(/^[0-9a-f]{64}$/), fc.boolean(), (agent, session, model, capability, resource, cwd, hex, blocked) => {
        const e: LogEntry = { v: 1, ts: '2026-11-20T10:00:00Z', agent, session, model, capability, resource, cwd, prev: `sha256:${hex}` };
        if (blocked) e.blocked = true;
        expect(readCanonicalEntry(serializeEntry(e))).toStrictEqual(e);
      }), { numRuns: 2000 });
  });

  test('declines or agrees on any edit of a canonical line', () => {
    const edits = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('"', '\\', ',', ' ', '}', '{', 'x', '1', ':', 'null', 'true', ',"blocked":false', ',"x":1', '\n'));
    fc.assert(fc.property(entries, fc.array(edits, { minLength: 1, maxLength: 3 }), (e, list) => {
      let line = serializeEntry(e);
      for (const [at, cut, insert] of list) {
        const i = at % (line.length + 1);
        line = line.slice(0, i) + insert + line.slice(i + cut);
      }
      agrees(line);
    }), { numRuns: 5000 });
  });

  test.each([
    ['a key repeated', '{"v":1,"ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"ls","cwd":".","prev":"sha256:' + '0'.repeat(64) + '","prev":"x"}'],
    ['spacing', '{"v":1, "ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"ls","cwd":".","prev":"sha256:' + '0'.repeat(64) + '"}'],
    ['v written as 1.0', '{"v":1.0,"ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"ls","cwd":".","prev":"sha256:' + '0'.repeat(64) + '"}'],
    ['blocked false', '{"v":1,"ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"ls","cwd":".","prev":"sha256:' + '0'.repeat(64) + '","blocked":false}'],
    ['an escaped quote', '{"v":1,"ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"echo \\"hi\\"","cwd":".","prev":"sha256:' + '0'.repeat(64) + '"}'],
    ['text after the object', '{"v":1,"ts":"2026-11-20T10:00:00Z","agent":"a","session":"s","model":null,"capability":"shell","resource":"ls","cwd":".","prev":"sha256:' + '0'.repeat(64) + '"} '],
  ])('declines %s', (_name, line) => {
    expect(readCanonicalEntry(line)).toBeNull();
  });
});
