// The `agent-gate` command line. Every failure to judge is one line on stderr and exit 2.
import { GateError } from '../errors.ts';
import type { Io } from './args.ts';
import { prefetchStagedReads } from '../hook/prefetch.ts';
import { isMainThread } from 'node:worker_threads';
import { fstatSync } from 'node:fs';
import { lookupTable } from '../lookup.ts';
import { rawArgs } from './rawargv.ts';

const HELP = `Usage: agent-gate <command> [options]

Commands:
  check     judge the agent-made commits of a range (CI, or locally before pushing)
  explain   judge one request (shell command, path, URL, MCP tool, model) and say why
  policy    lint or test a policy file
  hook      run as a git pre-commit or commit-msg hook (installed by 'install')
  install   install the pre-commit and commit-msg hooks (uninstall: remove them)
  record    record one agent tool call from a hook payload on stdin (--enforce: block it)
  import    convert an agent's session record (Kiro, Claude Code, Codex) into a neutral log
  demo      gate a throwaway repository of agent commits and print the report

Run 'agent-gate <command> --help' for a command's options.
`;

type Runner = (argv: string[], io: Io) => Promise<number>;

// Commands load lazily, so a hook run does not pay for the code of the others.
const COMMANDS: Readonly<Record<string, () => Promise<Runner>>> = lookupTable({
  check: async () => (await import('./check.ts')).runCheckCommand,
  explain: async () => (await import('./explain.ts')).runExplain,
  policy: async () => (await import('./policy.ts')).runPolicy,
  demo: async () => (await import('./demo.ts')).runDemo,
  hook: async () => (await import('./hook.ts')).runHookCommand,
  install: async () => (await import('./install.ts')).runInstall,
  uninstall: async () => (await import('./install.ts')).runUninstall,
  record: async () => (await import('./record.ts')).runRecord,
  import: async () => (await import('./import.ts')).runImport,
});

function readStdin(): Promise<Buffer> {
  // Node ends a folder given as stdin (`record < DIR`) as if it were empty, which would read as "no
  // payload" rather than as the mistake it is.
  try {
    if (fstatSync(0).isDirectory()) return Promise.reject(new Error('standard input is a folder, not a file or pipe'));
  } catch { /* no descriptor 0 to inspect: reading it reports the problem */ }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    // `agent-gate help check` is `agent-gate check --help`; anything else after it is a mistake.
    const topic = rest[0];
    if (rest.length === 1 && topic !== undefined && COMMANDS[topic] !== undefined) return (await (COMMANDS[topic] as () => Promise<Runner>)())(['--help'], io);
    if (rest.length > 0) throw new GateError(`${command} takes no arguments but a command name, got ${JSON.stringify(rest.join(' '))}; see 'agent-gate --help'`);
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    if (rest.length > 0) throw new GateError(`${command} takes no arguments, got ${JSON.stringify(rest.join(' '))}`);
    io.out('agent-gate 0.1.0\n');
    return 0;
  }
  if (command === 'hook' && (rest[0] === 'pre-commit' || rest[0] === 'commit-msg') && !rest.includes('--help') && !rest.includes('-h')) {
    prefetchStagedReads(io.cwd, io.env);
  }
  const load = COMMANDS[command];
  if (load === undefined) throw new GateError(`unknown command "${command}"; see 'agent-gate --help'`);
  return (await load())(rest, io);
}

function runCommandLine(): void {
  // A reader that stops early (`| head`) leaves the output incomplete, so the run did not do its
  // job: one line and exit 2, never a stack trace or an exit 1 that would read as "failed".
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(`agent-gate: cannot write to standard output (${e.code ?? e.message}); the output is incomplete\n`);
    process.exit(2);
  });
  // With stderr gone there is nowhere left to explain anything.
  process.stderr.on('error', () => process.exit(2));

  const io: Io = {
    out: (t) => { process.stdout.write(t); },
    err: (t) => { process.stderr.write(t); },
    cwd: process.cwd(),
    env: process.env,
    stdin: readStdin,
  };

  main(rawArgs(process.argv.slice(2)), io).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const message = e instanceof GateError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
      process.stderr.write(`agent-gate: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = 2;
    },
  );
}

// The same bundle is the judge worker of `record --enforce` (judgeworker.ts), loaded only there so
// that other commands do not pay for it at start.
if (isMainThread) runCommandLine();
else void import('./judgeworker.ts').then((m) => m.serveJudgeTask());
