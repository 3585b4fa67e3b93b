// Runs the built Action (dist/index.js) the way the runner does: environment variables for the
// event, inputs and file commands, a real git workspace, and a local stand-in for the GitHub API.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, DIST_ACTION } from '../helpers/cli.ts';

// ---------------------------------------------------------------------------------------------
// The GitHub API stand-in: issue comments only, with pagination, recording every request.

export interface ApiComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: string | undefined;
  body: unknown;
}

export class FakeGitHub {
  readonly comments = new Map<number, ApiComment[]>();
  readonly requests: ApiRequest[] = [];
  /** HTTP status to answer instead, per operation. */
  refuse: Partial<Record<'list' | 'create' | 'update' | 'user', number>> = {};
  /** A success answer with this body instead, per operation: a proxy's page, a changed API. */
  answer: Partial<Record<'list' | 'create' | 'update' | 'user', unknown>> = {};
  private nextId = 1000;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (s === null) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
    this.server = null;
  }

  reset(): void {
    this.comments.clear();
    this.requests.length = 0;
    this.refuse = {};
    this.answer = {};
  }

  /** A comment written by someone else (a human, another bot). */
  seed(issue: number, body: string, user = { login: 'github-actions[bot]', type: 'Bot' }): ApiComment {
    const c = { id: this.nextId++, body, user };
    this.commentsOf(issue).push(c);
    return c;
  }

  commentsOf(issue: number): ApiComment[] {
    let list = this.comments.get(issue);
    if (!list) this.comments.set(issue, (list = []));
    return list;
  }

  /** Requests to the issue comment endpoints (GET /user is noise for most assertions). */
  commentRequests(): ApiRequest[] {
    return this.requests.filter((r) => r.path.includes('/comments'));
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const body: unknown = raw === '' ? null : JSON.parse(raw);
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, auth, body });
    const forbidden = (status: number): void => this.send(res, status, { message: status === 403 ? 'Resource not accessible by integration' : 'Not Found' });

    if (req.method === 'GET' && url.pathname === '/user') {
      if (this.refuse.user) return this.send(res, this.refuse.user, { message: 'Bad Gateway' });
      return 'user' in this.answer ? this.send(res, 200, this.answer.user) : forbidden(403);
    }
    let m = /^\/repos\/o\/r\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      if (this.refuse.list) return forbidden(this.refuse.list);
      if ('list' in this.answer) return this.send(res, 200, this.answer.list);
      const all = this.commentsOf(Number(m[1]));
      const perPage = Number(url.searchParams.get('per_page') ?? '30');
      const page = Number(url.searchParams.get('page') ?? '1');
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url.toString());
        next.searchParams.set('page', String(page + 1));
        headers['link'] = `<${next.toString()}>; rel="next"`;
      }
      return this.send(res, 200, slice, headers);
    }
    if (m && req.method === 'POST') {
      if (this.refuse.create) return forbidden(this.refuse.create);
      if ('create' in this.answer) return this.send(res, 201, this.answer.create);
      const c: ApiComment = { id: this.nextId++, body: String((body as { body?: unknown }).body), user: { login: 'github-actions[bot]', type: 'Bot' } };
      this.commentsOf(Number(m[1])).push(c);
      return this.send(res, 201, c);
    }
    m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'PATCH') {
      if (this.refuse.update) return forbidden(this.refuse.update);
      if ('update' in this.answer) return this.send(res, 200, this.answer.update);
      const id = Number(m[1]);
      for (const list of this.comments.values()) {
        const c = list.find((x) => x.id === id);
        if (c) {
          c.body = String((body as { body?: unknown }).body);
          return this.send(res, 200, c);
        }
      }
      return forbidden(404);
    }
    return forbidden(404);
  }
}

// ---------------------------------------------------------------------------------------------
// Running the Action.

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  props: string;
  message: string;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Workflow commands the runner would act on (outside stop-commands blocks). */
  annotations: Annotation[];
  /** Every workflow command the runner would act on, by name. */
  commands: string[];
  errors: Annotation[];
  warnings: Annotation[];
  notices: Annotation[];
}

/** The action.yml defaults, as the runner passes them (`INPUT_FAIL-ON` keeps its dash). */
export const DEFAULT_INPUTS: Readonly<Record<string, string>> = {
  policy: '.github/agent-gate.yml',
  'admin-policy': 'none',
  'fail-on': 'deny',
  comment: 'on-findings',
  token: 'test-token',
  'sarif-file': '',
  'all-commits': 'false',
};

export interface RunOptions {
  event: string;
  payload: unknown;
  workspace: string;
  api?: FakeGitHub;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Raw event file text instead of JSON of `payload`. */
  eventText?: string;
}

/** The GITHUB_OUTPUT file format: `name<<DELIM`, value lines, `DELIM`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1]] = value.join('\n');
  }
  return out;
}

/** What the runner would treat as commands: it ignores everything inside ::stop-commands::. */
export function parseCommands(stdout: string): { commands: string[]; annotations: Annotation[] } {
  const commands: string[] = [];
  const annotations: Annotation[] = [];
  let stopToken: string | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    if (stopToken !== null) {
      if (line === `::${stopToken}::`) stopToken = null;
      continue;
    }
    const m = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m || m[1] === undefined) continue;
    commands.push(m[1]);
    if (m[1] === 'stop-commands') {
      stopToken = m[3] ?? '';
      continue;
    }
    if (m[1] === 'error' || m[1] === 'warning' || m[1] === 'notice') {
      annotations.push({ level: m[1], props: m[2] ?? '', message: m[3] ?? '' });
    }
  }
  return { commands, annotations };
}

const scratch: string[] = [];

export function cleanupRuns(): void {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ag-action-run-'));
  scratch.push(dir);
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, o.eventText ?? JSON.stringify(o.payload));
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...DEFAULT_INPUTS, ...o.inputs })) inputs[`INPUT_${k.toUpperCase()}`] = v;
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_API_URL: o.api?.url ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
    NO_PROXY: '127.0.0.1,localhost',
    ...inputs,
    ...o.env,
  });
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  // Asynchronous on purpose: the API stand-in lives in this process and must keep answering.
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_ACTION], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ code: status ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  const { commands, annotations } = parseCommands(stdout);
  return {
    code, stdout, stderr, commands, annotations,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '',
    errors: annotations.filter((a) => a.level === 'error'),
    warnings: annotations.filter((a) => a.level === 'warning'),
    notices: annotations.filter((a) => a.level === 'notice'),
  };
}
