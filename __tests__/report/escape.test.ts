// Paths from a pull request reach terminals, comments, summaries and annotations: characters a
// reader cannot see, or that reorder what is shown, are spelled out everywhere they go.
import { describe, expect, test } from '@jest/globals';
import { annotationFor } from '../../src/action/annotations.ts';
import { finding } from '../action/fixtures.ts';
import { mdText, quoted, spellUnseen } from '../../src/report/escape.ts';

describe('unseen characters are spelled out', () => {
  test.each([
    ['right-to-left override', 'invoice\u202egpj.exe', 'invoice\\u202egpj.exe'],
    ['isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['zero-width joiner', '.ki\u200dro', '.ki\\u200dro'],
    ['byte order mark', '\ufeffx', '\\ufeffx'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
    ['soft hyphen', 'se\u00adcrets', 'se\\u00adcrets'],
    ['plain text stays', 'src/ünïcode/文件.ts', 'src/ünïcode/文件.ts'],
  ])('%s', (_name, raw, spelled) => {
    expect(spellUnseen(raw)).toBe(spelled);
    expect(annotationFor(finding({ reason: `why ${raw}` }), 'deny', 'p.yml').message).toContain(`: why ${spelled}. `);
    // quoted stays a JSON string that reads back to the same text.
    expect(JSON.parse(quoted(raw))).toBe(raw);
    expect(quoted(raw)).toBe(JSON.stringify(spelled).replaceAll('\\\\u', '\\u'));
    expect(mdText(raw)).not.toMatch(/[\u202e\u2066\u2069\u200d\ufeff\u007f\u00ad]/);
  });
});
