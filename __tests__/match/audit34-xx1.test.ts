// Audit 34, finding XX-1: a deny pattern with `NAME/..` before a wildcard segment (or at its end)
// was indexed under `..` and never fired, though minimatch reads `secrets/x/../*.pem` as
// `secrets/*.pem`. Patterns are now read with their `NAME/..` pairs taken out. Every deny row was
// allow before; patterns that can still never match are refused by the loader.
import { describe, expect, test } from '@jest/globals';
import { PolicyError } from '../../src/errors.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect } from '../../src/policy/types.ts';
import { collapseDotDots } from '../../src/match/fs.ts';
import { denyThenAllowAll, effectOf, HOME, policyOf, ROOT } from '../helpers/policy.ts';

describe('XX-1: deny patterns holding NAME/..', () => {
  test.each<[string, string, Effect]>([
    ['secrets/old/../*.pem', 'secrets/key.pem', 'deny'],
    ['secrets/x/../**', 'secrets/a/b', 'deny'],
    ['secrets/x/../*', 'secrets/key', 'deny'],
    ['secrets/sub/../**/*.pem', 'secrets/d/a.pem', 'deny'],
    ['secrets/sub/../[ab].pem', 'secrets/a.pem', 'deny'],
    ['secrets/x/..', 'secrets/key', 'deny'],
    ['secrets/x/../', 'secrets/key', 'deny'],
    ['secrets/*/../*.pem', 'secrets/a.pem', 'deny'],
    ['~/.ssh/x/../**', `${HOME}/.ssh/id`, 'deny'],
    ['~/.ssh/x/../**', '~/.ssh/id', 'deny'],
    ['/etc/x/../*', '/etc/passwd', 'deny'],
    [`/work/../work/repo/secrets/**`, 'secrets/key', 'deny'],
    [`/work/../work/repo/secrets/**`, `${ROOT}/secrets/key`, 'deny'],
    ['~/../../work/repo/secrets/**', 'secrets/key', 'deny'],
    // Worked before, and still do.
    ['secrets/sub/../a.pem', 'secrets/a.pem', 'deny'],
    ['x/../secrets/**', 'secrets/a', 'deny'],
    // What the pattern does not name stays allowed.
    ['secrets/old/../*.pem', 'secrets/old/key.pem', 'allow'],
    ['secrets/old/../*.pem', 'public/key.pem', 'allow'],
    ['secrets/x/..', 'secretsx/a', 'allow'],
  ])('deny %j: write %s is %s', (pattern, path, effect) => {
    expect(effectOf(policyOf({ workspace: denyThenAllowAll([pattern]) }), 'fs_write', path)).toBe(effect);
  });

  test.each([
    ['secrets/x/../*.pem', '/h', 'secrets/*.pem'],
    ['a/*/../b', '/h', 'a/b'],
    ['a/**/../b', '/h', 'a/**/../b'],
    ['/../x', '/h', '/x'],
    ['~/a/../b', '/h', '~/b'],
    ['~/..', '/home/dev', '/home'],
    ['~/../x/**', '/home/dev/', '/home/x/**'],
    ['x/../../y', '/h', '../y'],
    ['plain/path', '/h', 'plain/path'],
  ])('collapseDotDots(%j) with home %s is %j', (pattern, home, out) => {
    expect(collapseDotDots(pattern, home)).toBe(out);
  });

  test.each([
    ['x/../../secrets/**', /once its "\.\." segments are taken out \("\.\.\/secrets\/\*\*"\).*starts with "\.\."/],
    ['a/**/../b', /has "\.\." after "\*\*"/],
  ])('the loader refuses %j, which can match no path', (pattern, message) => {
    let error: unknown;
    try { loadPolicy(denyThenAllowAll([pattern]), 'p.yml', 'workspace'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PolicyError);
    expect(String((error as Error).message)).toMatch(message);
  });
});
