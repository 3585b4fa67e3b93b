// The markdown report (PR comments, job summaries, --format markdown): long finding lists fold into
// <details>, and a cut list still counts what it left out.
import { FOLD_AFTER, renderMarkdown } from '../../src/report/markdown.ts';
import { manyFindings, report } from '../action/fixtures.ts';

const rowsOf = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('| ⛔') || l.startsWith('| ⚠️'));

describe('markdown report', () => {
  test.each([0, 1, FOLD_AFTER])('%i finding(s): one table, nothing folded', (n) => {
    const text = renderMarkdown(report(manyFindings(n)));
    expect(rowsOf(text)).toHaveLength(n);
    expect(text).not.toContain('more finding(s)</summary>');
  });

  test('past FOLD_AFTER findings the rest are folded into a <details> table, denies first', () => {
    const n = FOLD_AFTER + 7;
    const text = renderMarkdown(report(manyFindings(n)));
    const [open, folded] = text.split('<details><summary>7 more finding(s)</summary>');
    expect(folded).toBeDefined();
    expect(rowsOf(open ?? '')).toHaveLength(FOLD_AFTER);
    expect(rowsOf((folded ?? '').split('</details>')[0] ?? '')).toHaveLength(7);
    // 14 denies and 13 asks: every deny is in the open table.
    expect(rowsOf(folded ?? '').every((r) => r.startsWith('| ⚠️'))).toBe(true);
    expect(folded).toContain('| effect | capability | resource |');
  });

  test('a length cap still holds with the fold, and the rest is counted', () => {
    const n = 400;
    const text = renderMarkdown(report(manyFindings(n)), { maxLength: 20000, fullReportHint: 'see the job summary' });
    expect(text.length).toBeLessThanOrEqual(20000);
    const shown = rowsOf(text).length;
    expect(shown).toBeGreaterThan(FOLD_AFTER);
    expect(text).toContain(`…and ${n - shown} more finding(s) not shown here: see the job summary.`);
    expect(text.indexOf('</details>')).toBeGreaterThan(text.indexOf('more finding(s)</summary>'));
  });
});
