// A workspace policy saved under a name close to the default (`.github/agent-gate.yaml`,
// `.GitHub/Agent-Gate.yml`, `agent-gate.yml` at the root) is not read: SPEC 10 applies only the
// built-in scopes then. The check still passes or fails as SPEC says, but names the file, so the
// author's rules are not dropped without a word (audit 38, AK-4; audit 39, AM-7).
import { DEFAULT_POLICY_PATH } from './builtin.ts';

const FOLDER = /^\.github$/i;
const NAME = /^\.?agent[-_.]?gate\.(?:ya?ml|json)(?:\.txt)?$/i;
/** What an editor or a copy may add to a name unseen: invisible characters, final dots and spaces. */
const UNSEEN = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;

/** Whether a root entry may hold a look-alike policy (the root itself is looked at too). */
export function mayHoldLookalike(rootEntry: string): boolean {
  return FOLDER.test(rootEntry.replace(UNSEEN, '').replace(/[\s.]+$/, ''));
}

/** The paths among `folder`'s entries (`''` for the root) that look like the default policy but are not it. */
export function lookalikePolicies(folder: string, names: readonly string[]): string[] {
  return names
    .filter((n) => NAME.test(n.replace(UNSEEN, '').replace(/[\s.]+$/, '')))
    .map((n) => (folder === '' ? n : `${folder}/${n}`))
    .filter((p) => p !== DEFAULT_POLICY_PATH);
}

/** The look-alike policy files among paths a commit adds (`folder/name` or `name`). */
export function addedLookalikes(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const slash = p.indexOf('/');
    if (slash < 0) return lookalikePolicies('', [p]);
    const folder = p.slice(0, slash);
    const name = p.slice(slash + 1);
    return !name.includes('/') && mayHoldLookalike(folder) ? lookalikePolicies(folder, [name]) : [];
  });
}

/** The one-line warning for look-alikes, or null when there are none. */
export function lookalikeWarning(found: readonly string[], where: string): string | null {
  if (found.length === 0) return null;
  const named = found.map((p) => JSON.stringify(p)).join(', ');
  return `agent-gate: warning: no policy at ${DEFAULT_POLICY_PATH} ${where}, so only the built-in scopes apply; ${named} ${found.length === 1 ? 'is not read: rename it' : 'are not read: rename one'} to ${DEFAULT_POLICY_PATH} or pass --policy`;
}
