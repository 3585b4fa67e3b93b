import { validateEntry } from '../../src/logs/index.ts';

const PREV = `sha256:${'a'.repeat(64)}`;
const BASE = {
  v: 1, ts: '2026-11-20T10:00:00Z', agent: 'kiro', session: 'abc', model: 'claude-sonnet-4.5',
  capability: 'shell', resource: 'npm test', cwd: '.', prev: PREV,
};
const without = (key: keyof typeof BASE): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...BASE };
  delete copy[key];
  return copy;
};

describe('validateEntry', () => {
  const good: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['the full form', BASE, BASE],
    ['model absent means null', without('model'), { ...BASE, model: null }],
    ['model null', { ...BASE, model: null }, { ...BASE, model: null }],
    ['cwd absent means "."', without('cwd'), BASE],
    ['blocked true', { ...BASE, blocked: true }, { ...BASE, blocked: true }],
    ['blocked false is dropped', { ...BASE, blocked: false }, BASE],
    ['fractional seconds and an offset', { ...BASE, ts: '2026-11-20T10:00:00.123+02:00' }, { ...BASE, ts: '2026-11-20T10:00:00.123+02:00' }],
    ['a leap day', { ...BASE, ts: '2028-02-29T23:59:59Z' }, { ...BASE, ts: '2028-02-29T23:59:59Z' }],
    ['the model capability', { ...BASE, capability: 'model', resource: 'auto' }, { ...BASE, capability: 'model', resource: 'auto' }],
  ];
  test.each(good)('accepts %s', (_name, input, expected) => {
    expect(validateEntry(input)).toEqual({ ok: true, entry: expected });
  });

  const bad: [string, unknown, RegExp][] = [
    ['a non-object', 'x', /must be a JSON object/],
    ['null', null, /must be a JSON object/],
    ['no v', without('v'), /missing field "v"/],
    ['v 2', { ...BASE, v: 2 }, /unsupported log version 2/],
    ['v "1"', { ...BASE, v: '1' }, /unsupported log version "1"/],
    ['no ts', without('ts'), /missing field "ts"/],
    ['no agent', without('agent'), /missing field "agent"/],
    ['no session', without('session'), /missing field "session"/],
    ['no capability', without('capability'), /missing field "capability"/],
    ['no resource', without('resource'), /missing field "resource"/],
    ['no prev', without('prev'), /missing field "prev"/],
    ['a ts without a timezone', { ...BASE, ts: '2026-11-20T10:00:00' }, /"ts" must be an RFC 3339/],
    ['an impossible date', { ...BASE, ts: '2026-13-45T10:00:00Z' }, /"ts"/],
    ['a day the month does not have', { ...BASE, ts: '2026-02-30T10:00:00Z' }, /"ts"/],
    ['hour 24', { ...BASE, ts: '2026-02-03T24:00:00Z' }, /"ts"/],
    ['a bad offset', { ...BASE, ts: '2026-02-03T10:00:00+25:00' }, /"ts"/],
    ['an empty agent', { ...BASE, agent: '' }, /"agent" must not be empty/],
    ['a numeric session', { ...BASE, session: 7 }, /"session" must be a string/],
    ['a session with a newline', { ...BASE, session: 'a\nb' }, /control characters/],
    ['a numeric model', { ...BASE, model: 4 }, /"model" must be a string.*or null/],
    ['an unknown capability', { ...BASE, capability: 'filesystem' }, /"capability" must be one of/],
    ['an empty resource', { ...BASE, resource: '' }, /"resource" must be a non-empty string/],
    ['an empty cwd', { ...BASE, cwd: '' }, /"cwd" must be a non-empty string/],
    ['an upper-case prev', { ...BASE, prev: PREV.toUpperCase() }, /"prev" must be/],
    ['a short prev', { ...BASE, prev: 'sha256:abc' }, /"prev" must be/],
    ['blocked "yes"', { ...BASE, blocked: 'yes' }, /"blocked" must be true or false/],
    ['an extra field', { ...BASE, extra: 1 }, /unknown field "extra"/],
    // Audit round 21 (N-1): showing a value this deep overflowed the stack.
    ['a resource nested 10,000 levels deep', { ...BASE, resource: JSON.parse(`${'['.repeat(10000)}${']'.repeat(10000)}`) }, /"resource" must be a non-empty string, got a deeply nested array/],
  ];
  test.each(bad)('rejects %s', (_name, input, reason) => {
    const result = validateEntry(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test('finds duplicate keys in the source text, also nested and escaped', () => {
    const text = JSON.stringify(BASE);
    expect(validateEntry(BASE, text).ok).toBe(true);
    const dup = text.replace('"cwd":"."', '"cwd":".","c\\u0077d":"src"');
    expect(validateEntry(JSON.parse(dup), dup)).toEqual({ ok: false, reason: 'duplicate field "cwd"' });
    const quoted = text.replace('"npm test"', '"echo \\"cwd\\": ."');
    expect(validateEntry(JSON.parse(quoted), quoted).ok).toBe(true);
  });

  test('a line nested thousands of levels deep is checked, not re-serialised', () => {
    const text = JSON.stringify(BASE).replace('"cwd":"."', `"cwd":".","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(validateEntry(JSON.parse(text), text)).toEqual({ ok: false, reason: 'unknown field "x" (log format v1 has a closed set of fields)' });
  });

  const long = 'a\\"/'.repeat(2 * 1024 * 1024);
  test.each([
    ['whitespace before a repeated key\'s colon', JSON.stringify(BASE).replace('"cwd":"."', '"cwd" :".", "cwd"\t\n: "src"'), 'duplicate field "cwd"'],
    ['a value of 8 MiB, spaced', JSON.stringify({ ...BASE, resource: long }).replace(',"cwd"', ', "cwd"'), null],
    ['a value of 8 MiB, spaced, then a repeated key', JSON.stringify({ ...BASE, resource: long }).replace(',"cwd":"."', ', "cwd":".","cwd":"."'), 'duplicate field "cwd"'],
  ])('duplicate keys: %s', (_name, text, reason) => {
    expect(validateEntry(JSON.parse(text), text)).toEqual(reason === null ? { ok: true, entry: expect.anything() } : { ok: false, reason });
  });
});
