import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { earlyCommentTarget, gateScope } from '../../src/action/commenttarget.ts';

const dir = mkdtempSync(join(tmpdir(), 'ag-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function eventFile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const inputs = (values: Record<string, string>) => (name: string): string => values[name] ?? '';
const PR = JSON.stringify({ pull_request: { number: 7, base: { sha: 'x' } } });

describe('earlyCommentTarget: what a run that failed on its inputs or event can still comment with', () => {
  test('token, mode and pull request number, even when the rest of the payload is bad', () => {
    const pr = eventFile('pr.json', PR);
    expect(earlyCommentTarget(inputs({ token: ' t ', comment: 'always' }), 'pull_request', pr)).toMatchObject({ token: 't', mode: 'always', pullNumber: 7 });
    expect(earlyCommentTarget(inputs({ token: 't', comment: 'never' }), 'pull_request_target', pr)?.mode).toBe('never');
  });

  test('a comment value that is not a mode counts as on-findings (update only)', () => {
    const pr = eventFile('pr2.json', PR);
    expect(earlyCommentTarget(inputs({ token: 't', comment: 'loud' }), 'pull_request', pr)?.mode).toBe('on-findings');
    expect(earlyCommentTarget(inputs({ token: 't' }), 'pull_request', pr)?.mode).toBe('on-findings');
  });

  test('nothing to comment on: no token, no readable event, no pull request', () => {
    const pr = eventFile('pr3.json', PR);
    expect(earlyCommentTarget(inputs({}), 'pull_request', pr)).toBeNull();
    expect(earlyCommentTarget(inputs({ token: 't' }), 'pull_request', eventFile('bad.json', '{"pull_request": '))).toBeNull();
    expect(earlyCommentTarget(inputs({ token: 't' }), 'pull_request', undefined)).toBeNull();
    expect(earlyCommentTarget(inputs({ token: 't' }), 'push', pr)).toBeNull();
    expect(earlyCommentTarget(inputs({ token: 't' }), 'pull_request', eventFile('zero.json', '{"pull_request":{"number":0}}'))).toBeNull();
  });
});

// Audit round 28 (FF-1): the scope named the policy file alone, so a step with an admin policy (or
// all-commits, or fail-on) shared its comment with the plain gate, whose pass then turned the
// other's findings into "all clear" under a red check.
describe('gateScope: one comment per gate configuration', () => {
  const ADMIN = '{rules: [{capability: fs_write, effect: deny, match: ["src/**"]}]}';
  const scope = (values: Record<string, string>): string => gateScope(inputs(values));
  test.each<[string, Record<string, string>]>([
    ['nothing given', {}],
    ['the default policy path written out', { policy: './.github/agent-gate.yml' }],
    ['admin-policy at its action.yml default', { 'admin-policy': 'none' }],
    ['all-commits false', { 'all-commits': 'false' }],
    ['fail-on deny, the default', { 'fail-on': 'deny' }],
    ['the inputs as action.yml defaults them', { policy: '.github/agent-gate.yml', 'admin-policy': 'none', 'fail-on': 'deny', 'all-commits': 'false' }],
    ['a value that cannot be read counts as left out', { 'all-commits': 'yes', 'fail-on': 'never', policy: '../x' }],
  ])('the default gate keeps the plain marker: %s', (_name, values) => {
    expect(scope(values)).toBe('');
  });

  test('each input that changes the verdict makes another gate', () => {
    const scopes = [
      scope({}),
      scope({ 'admin-policy': ADMIN }),
      scope({ 'admin-policy': '/etc/agent-gate/admin.yml' }),
      scope({ 'all-commits': 'true' }),
      scope({ 'fail-on': 'ask' }),
      scope({ policy: 'web/gate.yml' }),
      scope({ policy: 'web/gate.yml', 'all-commits': 'true' }),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const s of scopes.slice(1)) expect(s).toMatch(/^<!-- agent-gate:policy=[0-9a-f]{16} -->$/);
  });

  test('the same gate written differently is one gate; a policy-only gate keeps its earlier scope', () => {
    expect(scope({ 'admin-policy': `  ${ADMIN}\n` })).toBe(scope({ 'admin-policy': ADMIN }));
    expect(scope({ 'all-commits': 'True' })).toBe(scope({ 'all-commits': ' true ' }));
    expect(scope({ policy: './web/gate.yml' })).toBe(scope({ policy: 'web/gate.yml' }));
    expect(scope({ policy: 'web/gate.yml' })).toBe(`<!-- agent-gate:policy=${createHash('sha256').update('web/gate.yml').digest('hex').slice(0, 16)} -->`);
  });

  test('a run that failed on its inputs comments in the scope its reports use', () => {
    const pr = eventFile('scoped.json', PR);
    const values = { token: 't', 'admin-policy': ADMIN, 'fail-on': 'ask' };
    expect(earlyCommentTarget(inputs(values), 'pull_request', pr)?.scope).toBe(scope(values));
  });
});
