import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { earlyCommentTarget } from '../../src/action/commenttarget.ts';

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
