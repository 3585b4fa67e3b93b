import { realpathSync } from 'node:fs';
import { createGit } from '../git/exec.ts';
import { findHookPlaces, install, uninstall } from '../hook/install.ts';
import { flag, parse, type Io } from './args.ts';

export const INSTALL_HELP = `Usage: agent-gate install [--force]
       agent-gate uninstall

install    write pre-commit and commit-msg hooks where git runs them (core.hooksPath, husky's
           .husky/; also .git/hooks while husky is not set up in the clone). An existing hook is
           kept: it runs first and agent-gate after it. A hook that cannot be chained (a husky
           snippet that can exit before its end included) is refused unless --force, which
           replaces it and keeps a backup.
uninstall  remove agent-gate's hooks and put back exactly what was there before; lines you
           added to a hook file are kept (refused when they would be lost).
A hook can be skipped with git commit --no-verify: the agent-gate Action in CI is the authority.
`;

function cliPath(): string {
  const script = process.argv[1] ?? '';
  try { return realpathSync(script); } catch { return script; }
}

export async function runInstall(argv: string[], io: Io): Promise<number> {
  const p = parse('install', argv, { force: { type: 'boolean' } });
  if (flag(p, 'help')) { io.out(INSTALL_HELP); return 0; }
  const places = await findHookPlaces(createGit(io.cwd, { env: io.env }));
  const report = install(places, cliPath(), flag(p, 'force'));
  io.out(report.lines.join('\n') + '\n');
  if (places.notice !== undefined) io.err(`agent-gate: note: ${places.notice}\n`);
  return 0;
}

export async function runUninstall(argv: string[], io: Io): Promise<number> {
  const p = parse('uninstall', argv, {});
  if (flag(p, 'help')) { io.out(INSTALL_HELP); return 0; }
  const places = await findHookPlaces(createGit(io.cwd, { env: io.env }), 'uninstall');
  io.out(uninstall(places).lines.join('\n') + '\n');
  return 0;
}
