import { flag, parse, type Io } from './args.ts';

export const DEMO_HELP = `Usage: agent-gate demo

Build a throwaway repository full of agent commits, gate it and print the report.
`;

export async function runDemo(argv: string[], io: Io): Promise<number> {
  const p = parse('demo', argv, {});
  if (flag(p, 'help')) { io.out(DEMO_HELP); return 0; }
  io.out('agent-gate demo: coming soon (it will gate a throwaway repository of agent commits).\n');
  return 0;
}
