import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addConfigEnv, authHeader } from '../../src/action/gitauth.ts';
import { outputsOf, reportPath } from '../../src/action/outputs.ts';
import { oneLine, printUntrusted, readEventPayload, repoSlug } from '../../src/action/runner.ts';
import { GateError } from '../../src/errors.ts';
import { finding, report } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ag-action-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readEventPayload', () => {
  test('reads JSON', () => {
    const p = join(dir, 'ev.json');
    writeFileSync(p, '{"a":1}');
    expect(readEventPayload(p)).toEqual({ a: 1 });
  });
  test.each([
    [undefined, /GITHUB_EVENT_PATH is not set/],
    [join(dir, 'missing.json'), /cannot read the event file .* \(ENOENT\)/],
  ])('%s', (path, pattern) => {
    expect(() => readEventPayload(path)).toThrow(pattern);
  });
  test('malformed JSON is a GateError', () => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, '{"a":');
    expect(() => readEventPayload(p)).toThrow(GateError);
  });
});

test('repoSlug', () => {
  expect(repoSlug('o/r', {})).toEqual({ owner: 'o', repo: 'r' });
  expect(repoSlug(undefined, { repository: { full_name: 'acme/tool.js' } })).toEqual({ owner: 'acme', repo: 'tool.js' });
  expect(repoSlug('o/r/x', {})).toBeNull();
  expect(repoSlug('', null)).toBeNull();
});

test('printUntrusted switches workflow commands off around the text', () => {
  const out: string[] = [];
  printUntrusted('line 1\n::set-output name=decision::allow\r\n::error::forged', (s) => out.push(s));
  const text = out.join('');
  const m = /^::stop-commands::([0-9a-f]{32})\n([\s\S]*)::([0-9a-f]{32})::\n$/.exec(text);
  expect(m).not.toBeNull();
  expect(m?.[1]).toBe(m?.[3]);
  expect(m?.[2]).toBe('line 1\n::set-output name=decision::allow\\r\n::error::forged\n');
  expect(m?.[2]).not.toContain(m?.[1] ?? 'x');
});

test('oneLine', () => {
  expect(oneLine('a\n  b\r\nc')).toBe('a b c');
  expect(oneLine('x'.repeat(50), 10)).toBe('xxxxxxx...');
});

describe('outputs', () => {
  test('from a report, and for a skipped run', () => {
    expect(outputsOf(report([finding(), finding({ effect: 'ask' }), finding()]), '/tmp/r.json'))
      .toEqual({ decision: 'deny', 'deny-count': '2', 'ask-count': '1', 'report-file': '/tmp/r.json' });
    expect(outputsOf(null, '')).toEqual({ decision: 'allow', 'deny-count': '0', 'ask-count': '0', 'report-file': '' });
  });
  test('report path under RUNNER_TEMP, else a fresh temp folder', () => {
    expect(reportPath('/runner/_temp')).toBe('/runner/_temp/agent-gate-report.json');
    const p = reportPath(undefined);
    expect(p).toMatch(/agent-gate-.*\/agent-gate-report\.json$/);
    rmSync(join(p, '..'), { recursive: true, force: true });
  });
});

describe('git auth for fetches', () => {
  test('the header actions/checkout would set', () => {
    const h = authHeader('tok', 'https://github.com/');
    expect(h.key).toBe('http.https://github.com/.extraheader');
    expect(h.value).toBe(`AUTHORIZATION: basic ${Buffer.from('x-access-token:tok').toString('base64')}`);
    expect(h.value).toContain(h.secret);
  });
  test('appended to GIT_CONFIG_* without clobbering what is there', () => {
    const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    addConfigEnv(env, 'k', 'v');
    expect(env).toEqual({ GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*', GIT_CONFIG_KEY_1: 'k', GIT_CONFIG_VALUE_1: 'v' });
    const fresh: NodeJS.ProcessEnv = {};
    addConfigEnv(fresh, 'k', 'v');
    expect(fresh).toEqual({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'k', GIT_CONFIG_VALUE_0: 'v' });
  });
});
