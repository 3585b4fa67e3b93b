// Audit round 28 (EE-5): Kiro's per-workspace permissions (`~/.kiro/workspace-roots/**`, a kiro
// deny) written through `$HOME`, `${HOME}` or `~NAME` were only ask, which the default fail-on
// passes. Those spellings are also read as `~/…`, where that is stricter.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const POLICY = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["src/**", "~/notes/**"]}
`,
}, ['.github/agent-gate.yml']);

describe('home-folder spellings of a write target', () => {
  test.each<[string, Effect]>([
    ['echo x > $HOME/.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    ['echo x > "$HOME"/.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    ['echo x > ${HOME}/.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    ['cp /tmp/p.yaml ~root/.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    ['tee $HOME/.kiro/settings/cli.json < /tmp/x', 'deny'],
    // Never looser than the text: the home reading only counts where it is stricter.
    ['echo x > $HOME/notes/a.txt', 'ask'],
    ['echo x > $HOMER/.kiro/workspace-roots/x', 'ask'],
    ["echo x > '$HOME'/src/a", 'ask'],
    ['echo x > src/$HOME', 'ask'],
  ])('%s -> %s', (command, effect) => {
    expect(judge(POLICY, 'shell', command).effect).toBe(effect);
  });

  test('the reason says how the path was read', () => {
    expect(judge(POLICY, 'shell', 'echo x > "$HOME"/.kiro/workspace-roots/h/p.yaml').reason).toContain('(read as "~/.kiro/workspace-roots/h/p.yaml": $HOME names the home folder)');
  });
});
