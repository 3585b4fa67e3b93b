// Audit 36, AE-4(a): a policy hidden behind a folder that cannot be searched (EACCES after
// `chmod 000 .github`) or resolved (a link loop) was read as "no policy". Only a path that is
// surely absent (ENOENT, ENOTDIR) is; anything else fails closed when the file is read.
// Real files in a temporary folder; ELOOP stands in for EACCES, which root (the test machine)
// does not meet.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GateError } from '../../src/errors.ts';
import { loadDiskPolicies, somethingAt } from '../../src/policy/source.ts';

const dir = mkdtempSync(join(tmpdir(), 'agent-gate-disk-policies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function repo(name: string, github: (path: string) => void): string {
  const root = join(dir, name);
  mkdirSync(root);
  github(join(root, '.github'));
  return root;
}

describe('somethingAt and loadDiskPolicies', () => {
  test.each([
    ['no .github folder', false, (_p: string): void => undefined],
    ['.github is a file (ENOTDIR)', false, (p: string): void => writeFileSync(p, 'x')],
    ['.github is a link loop (ELOOP)', true, (p: string): void => symlinkSync(p, p)],
  ])('%s: something at the policy path is %s', (name, expected, github) => {
    const root = repo(name.replace(/\W+/g, '-'), github);
    expect(somethingAt(join(root, '.github', 'agent-gate.yml'))).toBe(expected);
  });

  test('a policy path that cannot be resolved is an error, not "no policy"', () => {
    const root = repo('loop-load', (p) => symlinkSync(p, p));
    expect(() => loadDiskPolicies(root, {})).toThrow(GateError);
    expect(() => loadDiskPolicies(root, {})).toThrow(/\.github\/agent-gate\.yml: cannot read the policy file \(ELOOP\)/);
  });

  test('an absent policy is no policy', () => {
    const root = repo('absent-load', () => undefined);
    expect(loadDiskPolicies(root, {}).files).toEqual([]);
  });
});
