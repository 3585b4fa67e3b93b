// octokitComments against a real HTTP server on 127.0.0.1 that accepts requests and never answers:
// every call must give up within its timeout, so a hung API cannot hold the job.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { octokitComments } from '../../src/action/github.ts';
import { commentWarning, syncComment } from '../../src/action/comment.ts';

let server: Server;
const waiting: ServerResponse[] = [];
let baseUrl = '';

beforeAll(async () => {
  server = createServer((_req, res) => { waiting.push(res); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of waiting) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a GitHub API that never answers', () => {
  test('list, create and update time out; syncComment warns without an invented HTTP status', async () => {
    const api = octokitComments({ token: 't', baseUrl, owner: 'o', repo: 'r', timeoutMs: 300 });
    const started = Date.now();
    await expect(api.list(1)).rejects.toThrow();
    await expect(api.create(1, 'x')).rejects.toThrow();
    await expect(api.update(1, 'x')).rejects.toThrow();
    // A lookup that got no answer is not "a token that cannot name itself" (audit G-5).
    await expect(api.viewer()).rejects.toThrow();
    const outcome = await syncComment(api, { issue: 7, body: 'b', hasFindings: true, mode: 'always' });
    expect(outcome.action).toBe('failed');
    expect(outcome.warning).toMatch(/^agent-gate: could not list the pull request comment on #7 \(/);
    expect(outcome.warning).not.toContain('HTTP');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a refused connection is not reported as HTTP 500', async () => {
    const api = octokitComments({ token: 't', baseUrl: 'http://127.0.0.1:9', owner: 'o', repo: 'r', timeoutMs: 2000 });
    const e = await api.list(1).then(() => null, (err: unknown) => err);
    // The request must really have failed, or the check below would say nothing.
    expect(e).not.toBeNull();
    expect(commentWarning(e, 'list', 3)).toMatch(/^agent-gate: could not list the pull request comment on #3 \(/);
    expect(commentWarning(e, 'list', 3)).not.toContain('HTTP 500');
  });
});
