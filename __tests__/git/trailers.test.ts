import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { formatTrailer, parseTrailers } from '../../src/git/trailers.ts';
import { testEnv } from '../helpers/gitrepo.ts';

/** What the real git prints for a message. */
function gitParse(message: string, divider: boolean): string {
  const args = ['interpret-trailers', '--parse', ...(divider ? [] : ['--no-divider'])];
  const res = spawnSync('git', args, { input: message, env: testEnv(), cwd: '/', timeout: 10_000 });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.signal ?? res.status} ${res.stderr.toString()}`);
  return res.stdout.toString('utf8');
}

function ours(message: string, divider: boolean): string {
  return parseTrailers(message, { divider })
    .map((t) => `${formatTrailer(t)}\n`)
    .join('');
}

const MESSAGES: Record<string, string> = {
  empty: '',
  'subject only': 'Fix the thing\n',
  'subject only, no newline': 'Fix the thing',
  'trailer-looking subject is not a trailer': 'Co-authored-by: Claude <noreply@anthropic.com>\n',
  'simple block': 'Fix\n\nBody text.\n\nCo-authored-by: Claude <noreply@anthropic.com>\nSigned-off-by: A <a@x>\n',
  'block without trailing newline': 'Fix\n\nAssisted-by: Kiro:claude-sonnet-4.5',
  'block right after subject': 'Fix\n\nMade-with: Cursor\n',
  'last paragraph only': 'Fix\n\nKey: in body\n\nReal-trailer: yes\n',
  'paragraph with prose is not a block': 'Fix\n\nCo-authored-by: X <x@y>\nThis is prose.\n',
  'git-generated prefix allows 25% trailers': 'Fix\n\nprose one\nprose two\nprose three\nSigned-off-by: A <a@x>\n',
  'git-generated prefix below 25%': 'Fix\n\nprose one\nprose two\nprose three\nprose four\nSigned-off-by: A <a@x>\n',
  'cherry-pick line counts as generated': 'Fix\n\nprose\nKey: v\n(cherry picked from commit abc)\n',
  continuation: 'Fix\n\nKey: first part\n  second part\n\tthird part\nOther: v\n',
  'continuation at top of block': 'Fix\n\n  indented\nKey: v\n',
  'continuation lines only after prose': 'Fix\n\nprose\n  indented\nSigned-off-by: A <a@x>\n',
  'space before colon': 'Fix\n\nKey : value\nKey\t: tabbed\n',
  'space inside token is not a trailer': 'Fix\n\nNot a: trailer\nKey: v\n',
  'leading colon': 'Fix\n\n: value\n',
  'url line is a trailer to git': 'Fix\n\nhttps://example.com/x\nKey: v\n',
  'empty value': 'Fix\n\nKey:\nOther:   \n',
  'non-ASCII token': 'Fix\n\nClé: valeur\nKey: v\n',
  'non-ASCII value': 'Fix\n\nCo-authored-by: Zoë Ünïcode <z@x>\n',
  'trailing blank lines': 'Fix\n\nKey: v\n\n\n',
  'trailing whitespace-only lines': 'Fix\n\nKey: v\n  \n\t\n',
  'comment lines ignored': 'Fix\n\nKey: v\n# a comment\nOther: w\n# trailing comment\n',
  'comment in the middle of prose': 'Fix\n\n# comment\nKey: v\n',
  'commit -v scissors': 'Fix\n\nKey: v\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\nBogus: no\n',
  'scissors at start': '# ------------------------ >8 ------------------------\nKey: v\n',
  'old conflicts block': 'Fix\n\nKey: v\n\nConflicts:\n\tfile.c\n\tother.c\n',
  'divider: trailers above ---': 'Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\n notes\n',
  'divider: trailers below ---': 'Fix\n\nbody\n\n---\nCo-authored-by: Claude <noreply@anthropic.com>\n',
  'divider needs whitespace after ---': 'Fix\n\nbody\n\n----\nKey: v\n',
  'divider at end without newline': 'Fix\n\nKey: v\n---',
  'crlf line ends': 'Fix\r\n\r\nKey: v\r\nOther: w\r\n',
  'title with comment first': '# c\nFix\n\nKey: v\n',
  'multi-paragraph subject': 'Line one\nline two\n\nKey: v\n',
  'blank line with spaces separates': 'Fix\n   \nKey: v\n',
  'dash token': 'Fix\n\n-: v\nA-B-C: v\n',
  'numbers and digits': 'Fix\n\nX-123: v\n123: w\n',
  'value with colons': 'Fix\n\nAssisted-by: Claude:claude-opus-4 [tool]\nAgent-Logs-Url: https://x.dev/a:1\n',
  'many trailers': `Fix\n\n${Array.from({ length: 50 }, (_, i) => `K${i}: v${i}`).join('\n')}\n`,
  'only blank lines': '\n\n\n',
  'only trailers after empty subject': '\nKey: v\n',
};

describe('parseTrailers matches git interpret-trailers --parse', () => {
  for (const [name, message] of Object.entries(MESSAGES)) {
    test(`${name} (--no-divider)`, () => {
      expect(ours(message, false)).toBe(gitParse(message, false));
    });
    test(`${name} (with divider)`, () => {
      expect(ours(message, true)).toBe(gitParse(message, true));
    });
  }
});

describe('parseTrailers results', () => {
  test('keys and values are trimmed and unfolded', () => {
    expect(parseTrailers('Fix\n\nKey : a\n   b\nOther:c\n')).toEqual([
      { key: 'Key', value: 'a b' },
      { key: 'Other', value: 'c' },
    ]);
  });

  test('the divider option changes which block is read', () => {
    const m = 'Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\nnotes\n';
    expect(parseTrailers(m)).toEqual([]);
    expect(parseTrailers(m, { divider: true })).toEqual([{ key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' }]);
  });

  test('a scissors line below the divider (where git 2.39 hangs) still terminates', () => {
    const m = 'Fix\n\nKey: v\n---\nnotes\n# ------------------------ >8 ------------------------\nx\n';
    expect(parseTrailers(m, { divider: true })).toEqual([{ key: 'Key', value: 'v' }]);
  });

  test('linear on a large message', () => {
    const m = `Fix\n\n${'prose line\n'.repeat(100_000)}\n${'K: v\n'.repeat(100_000)}`;
    const t0 = Date.now();
    expect(parseTrailers(m)).toHaveLength(100_000);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('parseTrailers agrees with git on generated messages', () => {
  test('300 random messages built from trailer-ish fragments', async () => {
    const fc = (await import('fast-check')).default;
    const fragment = fc.constantFrom(
      'Fix', 'Key: v', 'Co-authored-by: A <a@x>', 'Signed-off-by: B <b@x>', '(cherry picked from commit 1)',
      '  cont', '\tcont', 'prose words', '# comment', '---', '--- x', '', ' ', 'Conflicts:', '\tpath',
      '# ------------------------ >8 ------------------------', 'Key : v', ': v', 'a b: c', 'x\r', 'Clé: v',
    );
    const message = fc
      .tuple(fc.array(fragment, { maxLength: 14 }), fc.boolean())
      .map(([lines, nl]) => lines.join('\n') + (nl ? '\n' : ''));
    fc.assert(
      fc.property(message, fc.boolean(), (m, divider) => {
        // git 2.39 loops forever in divider mode when a scissors line follows a `---` line
        // (wt_status_locate_end answers an end past the divider); nothing to compare there.
        if (divider && /^---\s[\s\S]*>8/m.test(m)) return true;
        return ours(m, divider) === gitParse(m, divider);
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });
});
