// A workspace policy saved under a name close to the default (`.github/agent-gate.yaml`,
// `.GitHub/Agent-Gate.yml`) is not read: SPEC 10 applies only the built-in scopes then. The check
// still passes or fails as SPEC says, but names the file, so the author's rules are not dropped
// without a word (audit 38, AK-4).
import { DEFAULT_POLICY_PATH } from './builtin.ts';

const FOLDER = /^\.github$/i;
const NAME = /^agent[-_.]?gate\.(?:ya?ml|json)$/i;

/** Whether a root entry may hold a look-alike policy. */
export function mayHoldLookalike(rootEntry: string): boolean {
  return FOLDER.test(rootEntry);
}

/** The paths among `folder`'s entries that look like the default policy but are not it. */
export function lookalikePolicies(folder: string, names: readonly string[]): string[] {
  return names.map((n) => `${folder}/${n}`).filter((p) => p !== DEFAULT_POLICY_PATH && NAME.test(p.slice(folder.length + 1)));
}

/** The one-line warning for look-alikes, or null when there are none. */
export function lookalikeWarning(found: readonly string[], where: string): string | null {
  if (found.length === 0) return null;
  const named = found.map((p) => JSON.stringify(p)).join(', ');
  return `agent-gate: warning: no policy at ${DEFAULT_POLICY_PATH} ${where}, so only the built-in scopes apply; ${named} ${found.length === 1 ? 'is not read: rename it' : 'are not read: rename one'} to ${DEFAULT_POLICY_PATH} or pass --policy`;
}
