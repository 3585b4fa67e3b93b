// check: 200 agent commits touching 20,000 paths, judged in under 2x the time `git log --raw`
// takes to list the same range. The repository is generated with git fast-import.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMITS = 200;
const PATHS_PER_COMMIT = 100;
const ENTRIES_PER_COMMIT = 100;

const sha = (text) => 'sha256:' + createHash('sha256').update(text).digest('hex');

/** One chained session log per commit, ENTRIES_PER_COMMIT entries, a mix of capabilities. */
function sessionLog(c) {
  const session = `s${c}`;
  const lines = [];
  let prev = sha(session);
  for (let i = 0; i < ENTRIES_PER_COMMIT; i++) {
    const kind = i % 4;
    // Every command is distinct, so no judgement can be reused across entries.
    const entry = kind === 0 ? { capability: 'shell', resource: `npm test -- --grep case${c}-${i} && git status` }
      : kind === 1 ? { capability: 'fs_write', resource: `src/mod${i}/c${c}/file${i}.ts` }
      : kind === 2 ? { capability: 'shell', resource: `npm run build > out/${c}-${i}.log 2>&1; git diff --stat` }
      : { capability: 'shell', resource: `cd src && npm run lint -- --fix file${c}-${i}.ts` };
    const line = JSON.stringify({ v: 1, ts: '2026-11-20T10:00:00Z', agent: 'kiro', session, model: 'claude-sonnet-4.5', ...entry, cwd: '.', prev });
    lines.push(line);
    prev = sha(line);
  }
  return lines.join('\n') + '\n';
}

function env() {
  const e = { ...process.env };
  for (const k of Object.keys(e)) if (k.startsWith('GIT_')) delete e[k];
  // check runs read the code cache the first run wrote (see src/cli/codecache.ts).
  return { ...e, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', AGENT_GATE_CACHE_DIR: join(root, '.agent-gate-bench', 'check-cache') };
}

function git(dir, args, input) {
  const r = spawnSync('git', args, { cwd: dir, env: env(), input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout;
}

export function makeRepo(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  let s = '';
  let mark = 1;
  const t = 1767225600;
  const policy = 'rules:\n  - {capability: fs_write, effect: allow, match: ["src/**"]}\n  - {capability: shell, effect: allow, match: ["npm *", "git *"]}\n';
  s += `commit refs/heads/main\nmark :${mark++}\nauthor Dana <dana@example.com> ${t} +0000\ncommitter Dana <dana@example.com> ${t} +0000\ndata 4\nbase\nM 100644 inline .github/agent-gate.yml\ndata ${Buffer.byteLength(policy)}\n${policy}\n`;
  for (let c = 0; c < COMMITS; c++) {
    const msg = `feat: part ${c}\n\nCo-authored-by: Claude <noreply@anthropic.com>\n`;
    s += `commit refs/heads/work\nmark :${mark}\n`;
    s += `author Kiro Agent <1+kiro-agent@users.noreply.github.com> ${t + c + 1} +0000\ncommitter Kiro Agent <1+kiro-agent@users.noreply.github.com> ${t + c + 1} +0000\n`;
    s += `data ${Buffer.byteLength(msg)}\n${msg}from :${mark - 1}\n`;
    mark++;
    for (let p = 0; p < PATHS_PER_COMMIT; p++) {
      const body = `// ${c}/${p}\n`;
      const path = p % 10 === 0 ? `ops/c${c}/f${p}.sh` : `src/mod${p}/c${c}/file${p}.ts`;
      s += `M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
    const logText = sessionLog(c);
    s += `M 100644 inline .agent-gate/log/s${c}.jsonl\ndata ${Buffer.byteLength(logText)}\n${logText}\n`;
  }
  git(dir, ['fast-import', '--quiet'], s);
  git(dir, ['checkout', '-q', 'work']);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRun(cmd, args, cwd, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env: env(), maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    times.push(Number(t1 - t0) / 1e6);
  }
  return median(times);
}

export function benchCheck(outDir) {
  const dir = join(outDir, 'check-repo');
  makeRepo(dir);
  const floor = timeRun('git', ['log', '--raw', '-z', '--no-renames', '--no-abbrev', 'main..work'], dir);
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build');
  const checkMs = timeRun(process.execPath, [cli, 'check', '--base', 'main', '--format', 'json', '--output', '/dev/null'], dir);
  const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'check', '--base', 'main', '--format', 'json', '--output', '/dev/null'], { cwd: dir, env: env(), encoding: 'utf8' });
  const peakKb = Number((rss.stderr || '').trim().split('\n').pop());
  const ratio = checkMs / floor;
  return {
    name: 'check', ok: ratio < 2,
    summary: `${COMMITS} agent commits, ${COMMITS * PATHS_PER_COMMIT} paths, ${COMMITS * ENTRIES_PER_COMMIT} log entries: check ${checkMs.toFixed(0)} ms vs git log --raw ${floor.toFixed(0)} ms = ${ratio.toFixed(2)}x (target < 2x)${Number.isFinite(peakKb) ? `; peak RSS ${(peakKb / 1024).toFixed(0)} MiB` : ''}`,
  };
}
