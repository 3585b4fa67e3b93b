import { isUtf8Encoding, parseRawCommit } from '../../src/git/rawcommit.ts';

const object = (header: string, message: string): Buffer => Buffer.from(`${header}\n\n${message}`, 'utf8');

describe('parseRawCommit', () => {
  test.each([
    ['tree t\nauthor Kiro Agent <k@x> 1 +0000\ncommitter Dana <d@x> 2 +0100\nencoding IBM037', { authorName: 'Kiro Agent', authorEmail: 'k@x', committerName: 'Dana', committerEmail: 'd@x' }],
    // A signature's continuation lines are not headers, even one that reads like an author line.
    ['tree t\nauthor A <a@x> 1 +0000\ncommitter C <c@x> 1 +0000\ngpgsig -----BEGIN\n author Fake <f@x> 1 +0000\n -----END', { authorName: 'A', committerName: 'C' }],
    // Read leniently: a missing ">" keeps the email, a missing "<" keeps the name.
    ['tree t\nauthor Kiro Agent <kiro-agent@users.noreply.github.com 1 +0000\ncommitter Kiro Agent 1 +0000', { authorName: 'Kiro Agent', authorEmail: 'kiro-agent@users.noreply.github.com 1 +0000', committerName: 'Kiro Agent 1 +0000', committerEmail: '' }],
  ])('%#: identities', (header, expected) => {
    expect(parseRawCommit(object(header, 'm\n'))).toMatchObject(expected);
  });

  test('the message is everything after the first blank line, as bytes decoded as UTF-8', () => {
    expect(parseRawCommit(object('tree t\nauthor A <a@x> 1 +0000', 'fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n')).message)
      .toBe('fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n');
  });

  test.each([['', true], ['UTF-8', true], ['utf8', true], ['IBM037', false], ['ISO-8859-1', false]])('isUtf8Encoding(%j) = %s', (e, want) => {
    expect(isUtf8Encoding(e)).toBe(want);
  });
});
