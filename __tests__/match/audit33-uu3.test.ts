// Audit 33, finding UU-3: a deny or ask pattern whose literal name holds a `:`, ends in `.` or a
// space, or holds `İ` met only its exact spelling. The path's canonical form is cut at `:`, loses
// trailing dots and spaces and is lower-cased the JS way (`İ` -> `i̇`), while the pattern was not,
// so no case or NFKC alias reached the rule. Every deny and ask row was allow before; the allow
// rows must stay allowed.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { denyThenAllowAll, effectOf, judge, policyOf } from '../helpers/policy.ts';

type Row = [string, Effect];

describe('UU-3: deny patterns with a name holding ":" or ending in "." or " "', () => {
  const policy = policyOf({ workspace: denyThenAllowAll(['config/db:prod.yml', 'a:b/**', 'dots./**', 'v1./keys/**', 'old dir /secret.txt', 'İx/**']) });
  test.each<Row>([
    ['config/DB:PROD.yml', 'deny'],
    ['Config/db:prod.yml', 'deny'],
    ['ＣＯＮＦＩＧ/db:prod.yml', 'deny'],
    ['config/db:prod.yml.', 'deny'],
    ['config/db：prod.yml', 'deny'],
    // `:$DATA` is the stream's type: the same stream.
    ['config/db:prod.yml:$DATA', 'deny'],
    ['config/DB:PROD.yml:$DATA', 'deny'],
    ['A:B/x', 'deny'],
    ['a:B/deep/x', 'deny'],
    ['DOTS./x', 'deny'],
    ['Dots./x', 'deny'],
    ['dots../x', 'deny'],
    ['v1./KEYS/a', 'deny'],
    ['V1./keys/a', 'deny'],
    ['OLD DIR /secret.txt', 'deny'],
    ['old dir /SECRET.TXT', 'deny'],
    ['İX/x', 'deny'],
    // Everyday neighbours stay allowed.
    ['config/app.yml', 'allow'],
    ['config/dbx', 'allow'],
    // The file `db` and other streams of it are not the stream the rule names.
    ['config/db', 'allow'],
    ['config/db/x', 'allow'],
    ['config/db:other.yml', 'allow'],
    ['a/x', 'allow'],
    ['dotsy/x', 'allow'],
    ['v1/other/a', 'allow'],
    ['old/secret.txt', 'allow'],
    ['src/index.ts', 'allow'],
  ])('write %s -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });

  test('the spellings written in the rules stay denied', () => {
    for (const path of ['config/db:prod.yml', 'a:b/x', 'dots./x', 'v1./keys/a', 'old dir /secret.txt', 'İx/x']) {
      expect(effectOf(policy, 'fs_write', path)).toBe('deny');
    }
  });

  test('the reason names the alias and the pattern as written', () => {
    const d = judge(policy, 'fs_write', 'config/DB:PROD.yml');
    expect(d.rule?.pattern).toBe('config/db:prod.yml');
    expect(d.reason).toContain('alias of protected path');
  });
});

describe('UU-3: ask rules and shell writes', () => {
  const policy = policyOf({
    workspace: `rules:
  - capability: fs_write
    effect: ask
    match: ["config/db:prod.yml"]
  - capability: fs_write
    effect: allow
    match: ["**"]
  - capability: shell
    effect: allow
    match: ["echo *"]
`,
  });
  test.each<[string, string, Effect]>([
    ['fs_write', 'config/DB:PROD.yml', 'ask'],
    ['shell', 'echo x > config/DB:PROD.yml', 'ask'],
    ['shell', 'echo x > CONFIG/db:prod.yml.', 'ask'],
    ['shell', 'echo x > config/app.yml', 'allow'],
  ])('%s %s -> %s', (cap, resource, effect) => {
    expect(effectOf(policy, cap === 'shell' ? 'shell' : 'fs_write', resource)).toBe(effect);
  });
});

describe('UU-3: an allow rule\'s exclude', () => {
  const policy = policyOf({
    workspace: `rules:
  - capability: fs_write
    effect: allow
    match: ["**"]
    exclude: ["config/db:prod.yml", "secrets/**", "dots./**"]
`,
  });
  test.each<Row>([
    ['config/DB:PROD.yml', 'ask'],
    ['Config/Db:Prod.yml', 'ask'],
    ['DOTS./x', 'ask'],
    ['config/app.yml', 'allow'],
    ['dotsy/x', 'allow'],
  ])('write %s -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });
});

describe('UU-3: a deny rule\'s exclude is not widened by the canonical names', () => {
  // Cut at its `:`, the exclude would name `secrets/a`, a denied file `secrets/a:b` opens.
  const policy = policyOf({
    workspace: `rules:
  - capability: fs_write
    effect: deny
    match: ["secrets/**"]
    exclude: ["secrets/a:b", "secrets/README.md"]
  - capability: fs_write
    effect: allow
    match: ["**"]
`,
  });
  // Unchanged behaviour, kept as a guard: deny before the fix as well.
  test('secrets/a:b stays denied, the README stays excluded', () => {
    expect(effectOf(policy, 'fs_write', 'secrets/a:b')).toBe('deny');
    expect(effectOf(policy, 'fs_write', 'secrets/A:B')).toBe('deny');
    expect(effectOf(policy, 'fs_write', 'secrets/README.md')).toBe('allow');
  });
});

describe('UU-3: wildcard segments keep their classes', () => {
  // A class is not lower-cased: `[Z-a]` would become the out-of-order `[z-a]`, which matches nothing.
  const policy = policyOf({ workspace: denyThenAllowAll(['keys/[Z-a]ö', 'keyİ*/**']) });
  test('a class with a range across the cases still matches (deny before the fix too)', () => {
    expect(effectOf(policy, 'fs_write', 'keys/_ö')).toBe('deny');
    expect(effectOf(policy, 'fs_write', 'keys/_Ö')).toBe('deny');
  });
  test.each<Row>([
    ['KEYİ1/x', 'deny'],
    ['Keyİabc/x', 'deny'],
    ['keys/0ö', 'allow'],
    ['keyi1/x', 'allow'],
  ])('write %s -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });
});
