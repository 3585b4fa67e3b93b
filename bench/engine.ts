// In-process benchmarks of the engine: shell (parse + judge) and path decisions.
import { parse } from 'unbash';
import { compilePolicy } from '../src/engine/compile.ts';
import { decidePath } from '../src/engine/decide.ts';
import { judgeAnalysis } from '../src/engine/shell.ts';
import { analyzeShell } from '../src/shell/analyze.ts';
import type { PolicyFile, RawRule } from '../src/policy/types.ts';

const TOOLS = ['npm', 'git', 'yarn', 'pnpm', 'make', 'cargo', 'go', 'python', 'pip', 'docker', 'kubectl', 'terraform', 'aws', 'gcloud', 'node', 'deno', 'bun', 'rustc', 'javac', 'mvn'];

function time(fn: () => void, minMs = 1500): number {
  fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) { fn(); n++; elapsed = performance.now() - start; }
  return elapsed / n;
}

function shellPolicy(): PolicyFile {
  const rules: RawRule[] = [];
  for (let i = 0; i < 200; i++) {
    const tool = TOOLS[i % TOOLS.length] ?? 'x';
    const effect = i % 5 === 0 ? 'deny' : i % 5 === 1 ? 'ask' : 'allow';
    rules.push({ capability: 'shell', effect, match: [`${tool} sub${i} *`], line: i + 1 });
  }
  return { file: 'bench.yml', scope: 'workspace', rules, trustedCommands: [], tests: [] };
}

export function benchShell(): { name: string; ok: boolean; summary: string } {
  const policy = compilePolicy([shellPolicy()], { home: '/home/bench', root: '/repo' });
  const commands: string[] = [];
  for (let i = 0; i < 400; i++) {
    const a = TOOLS[i % TOOLS.length];
    const b = TOOLS[(i * 7) % TOOLS.length];
    commands.push(`${a} sub${i % 200} --flag "value ${i}" && ${b} run test-${i} | grep -v 'x;y' > out/${i}.log; FOO=${i} ${a} build`);
  }
  const parts = commands.reduce((n, c) => n + analyzeShell(c).parts.length, 0);
  const judgeMs = time(() => { for (const c of commands) judgeAnalysis(policy, c, analyzeShell(c), '.'); });
  const parseMs = time(() => { for (const c of commands) parse(c); });
  const rate = (parts / judgeMs) * 1000;
  const ratio = judgeMs / parseMs;
  return {
    name: 'shell', ok: rate >= 150_000,
    summary: `${Math.round(rate).toLocaleString('en-US')} sub-commands/s parsed + judged against 200 rules (target >= 150,000: ${(rate / 150_000).toFixed(2)}x the target); ${ratio.toFixed(2)}x the time of a bare unbash parse of the same input`,
  };
}

function pathPolicy(): PolicyFile {
  const rules: RawRule[] = [];
  const dirs = ['src', 'lib', 'test', 'docs', 'scripts', 'config', 'packages', 'apps', 'tools', 'infra'];
  for (let i = 0; i < 500; i++) {
    const d = dirs[i % dirs.length];
    const kind = i % 4;
    const match = kind === 0 ? [`${d}/mod${i}/**`] : kind === 1 ? [`**/*.ext${i}`] : kind === 2 ? [`${d}/**/gen${i}/*.ts`] : [`**/secret${i}/**`];
    rules.push({ capability: 'fs_write', effect: i % 3 === 0 ? 'deny' : i % 3 === 1 ? 'ask' : 'allow', match, line: i + 1 });
  }
  return { file: 'bench.yml', scope: 'workspace', rules, trustedCommands: [], tests: [] };
}

export function benchPaths(): { name: string; ok: boolean; summary: string } {
  const policy = compilePolicy([pathPolicy()], { home: '/home/bench', root: '/repo' });
  const paths: string[] = [];
  const dirs = ['src', 'lib', 'test', 'docs', 'packages/app', '.kiro/settings', '.github', 'config'];
  for (let i = 0; i < 20_000; i++) {
    paths.push(`${dirs[i % dirs.length]}/mod${i % 700}/deep/file${i}.${i % 9 === 0 ? 'ext' + (i % 500) : 'ts'}`);
  }
  const ms = time(() => { for (const p of paths) decidePath(policy, 'fs_write', p); });
  const rate = (paths.length / ms) * 1000;
  return {
    name: 'paths', ok: rate >= 500_000,
    summary: `${Math.round(rate).toLocaleString('en-US')} path decisions/s against 500 rules (target >= 500,000: ${(rate / 500_000).toFixed(2)}x the target)`,
  };
}
