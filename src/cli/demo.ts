import type { Io } from './args.ts';

export async function runDemo(_argv: string[], io: Io): Promise<number> {
  io.out('agent-gate demo: coming soon (it will gate a throwaway repository of agent commits).\n');
  return 0;
}
