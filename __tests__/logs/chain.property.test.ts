import fc from 'fast-check';
import { appendEntries, verifyLog, type EntryDraft } from '../../src/logs/index.ts';

const CAPS = ['fs_read', 'fs_write', 'shell', 'web_fetch', 'web_search', 'mcp', 'subagent', 'skill', 'diagnostics', 'context', 'model'] as const;
const text = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const draft: fc.Arbitrary<EntryDraft> = fc.record({
  ts: fc.constant('2026-11-20T10:00:00Z'),
  agent: fc.constantFrom('kiro', 'claude', 'codex'),
  session: fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/), { nil: undefined }),
  model: fc.option(fc.constantFrom('auto', 'claude-sonnet-4.5', 'gpt-5-codex'), { nil: null }),
  capability: fc.constantFrom(...CAPS),
  resource: text,
  cwd: fc.constantFrom('.', 'src', '/tmp'),
  blocked: fc.option(fc.constant(true), { nil: undefined }),
});

describe('chain properties', () => {
  test('whatever the drafts, the log written verifies and reads back the same', () => {
    fc.assert(fc.property(fc.array(draft, { minLength: 1, maxLength: 6 }), (drafts) => {
      const log = appendEntries(null, drafts, 'fallback');
      const result = verifyLog(Buffer.from(log), 'x');
      expect(result.problems).toEqual([]);
      expect(result.entries.map((e) => e.entry.resource)).toEqual(drafts.map((d) => d.resource));
    }));
  });

  test('changing any byte of any line but the last is reported', () => {
    fc.assert(fc.property(
      fc.array(draft, { minLength: 2, maxLength: 5 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }),
      (drafts, lineSeed, byteSeed, delta) => {
        const bytes = Buffer.from(appendEntries(null, drafts, 'fallback'));
        const ends: number[] = [];
        bytes.forEach((b, i) => { if (b === 0x0a) ends.push(i); });
        const lineNo = lineSeed % (ends.length - 1);
        const start = lineNo === 0 ? 0 : (ends[lineNo - 1] as number) + 1;
        const at = start + (byteSeed % ((ends[lineNo] as number) - start));
        bytes[at] = ((bytes[at] as number) + delta) % 256;
        expect(verifyLog(bytes, 'x').problems.length).toBeGreaterThan(0);
      },
    ));
  });

  test('verifying from a line on reports exactly what a whole verification reports from that line on', () => {
    fc.assert(fc.property(
      fc.array(draft, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(),
      (drafts, lineSeed, byteSeed, delta, fromSeed) => {
        const bytes = Buffer.from(appendEntries(null, drafts, 'fallback'));
        // Damage one byte somewhere (delta 0: none), so problems before and after `from` occur.
        const at = byteSeed % bytes.length;
        bytes[at] = ((bytes[at] as number) + delta) % 256;
        const lineCount = bytes.toString('latin1').split('\n').length;
        const from = 1 + ((fromSeed + lineSeed) % (lineCount + 1));
        const whole = verifyLog(bytes, 'x');
        const tail = verifyLog(bytes, 'x', from);
        expect(tail.problems).toEqual(whole.problems.filter((p) => p.line >= from));
        expect(tail.entries).toEqual(whole.entries.filter((e) => e.line >= from));
      },
    ), { numRuns: 500 });
  });
});
