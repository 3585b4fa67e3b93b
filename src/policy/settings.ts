// The keys that are not rules (`agents`, `failOn`, `logs`) may come from the admin and the
// workspace policy. Each can only make the check stricter, so they combine by union: more agent
// signals, failing on ask if either says so, and logs read from every place either names.
import { DEFAULT_LOG_PATHS, DEFAULT_NOTES_REF } from './builtin.ts';
import type { AgentsConfig, LogsConfig, PolicyFile } from './types.ts';

export interface GateSettings {
  agents?: AgentsConfig;
  failOn: 'deny' | 'ask';
  logs: LogsConfig;
}

export function combineSettings(files: readonly PolicyFile[]): GateSettings {
  let agents: AgentsConfig | undefined;
  let failOn: 'deny' | 'ask' = 'deny';
  // `record` writes where the workspace policy says, else to the default place; an admin policy's
  // paths are added to those, never put in their stead (audit 38, AJ-2).
  // The hook may hold two workspace policies (HEAD's and the default branch's): logs are read from
  // where either would write them.
  const workspaces = files.filter((f) => f.scope === 'workspace');
  const paths = new Set<string>(workspaces.length === 0 ? DEFAULT_LOG_PATHS : workspaces.flatMap((w) => w.logs?.paths ?? DEFAULT_LOG_PATHS));
  let notes = DEFAULT_NOTES_REF;
  for (const f of files) {
    if (f.failOn === 'ask') failOn = 'ask';
    if (f.agents !== undefined) agents = unionAgents(agents, f.agents);
    if (f.logs !== undefined) {
      for (const p of f.logs.paths) paths.add(p);
      // Only the workspace may set it (policy/load.ts refuses it in an admin policy).
      if (f.scope === 'workspace') notes = f.logs.notes;
    }
  }
  return { ...(agents !== undefined ? { agents } : {}), failOn, logs: { paths: [...paths], notes } };
}

function unionAgents(a: AgentsConfig | undefined, b: AgentsConfig): AgentsConfig {
  if (a === undefined) return b;
  if (a.all || b.all) return { all: true };
  return {
    all: false,
    identities: [...a.identities, ...b.identities],
    trailers: [...a.trailers, ...b.trailers],
    branches: [...a.branches, ...b.branches],
    env: [...a.env, ...b.env],
  };
}
