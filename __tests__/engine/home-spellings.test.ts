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

  // Audit round 29 (GG-6): a `cd`/`pushd` to such a folder was "cd target is not static" (ask)
  // for the writes after it; it is also followed to the `~/…` folder, where that is stricter.
  test.each<[string, Effect]>([
    ['cd $HOME/.kiro && echo x > workspace-roots/h/permissions.yaml', 'deny'],
    ['cd "$HOME/.kiro/workspace-roots/h" && echo x > permissions.yaml', 'deny'],
    ['cd ${HOME}/.kiro/workspace-roots && cp /tmp/p.yaml h/permissions.yaml', 'deny'],
    ['pushd $HOME/.kiro/workspace-roots/h && echo x > permissions.yaml', 'deny'],
    ['cd ~root/.kiro/workspace-roots/h && echo x > permissions.yaml', 'deny'],
    ['cd $HOME/.kiro/settings && echo x > mcp.json', 'deny'],
    ['cd "$HOME"/.kiro/settings; echo x > mcp.json', 'deny'],
    ['cd $HOME/.kiro/settings && tar -xf /tmp/a.tar', 'deny'],
    ['env -C $HOME/.kiro/settings sh -c "echo x > mcp.json"', 'deny'],
    ['f() { echo x > mcp.json; }; cd $HOME/.kiro/settings; f', 'deny'],
    // As the `~/` spelling gives: tar may put a protected file there, which asks.
    ['cd $HOME/.kiro && tar -xf /tmp/a.tar', 'ask'],
    ['cd ~/.kiro && tar -xf /tmp/a.tar', 'ask'],
    ['cd ~/.kiro/settings && echo x > mcp.json', 'deny'],
    // Never looser than before: the folder may be elsewhere, so what the home reading allows still asks.
    ['cd $HOME/notes && echo x > a.txt', 'ask'],
    ['cd $HOME/$X && echo x > .kiro/workspace-roots/a', 'ask'],
    ['cd $HOMER/.kiro/workspace-roots && echo x > a', 'ask'],
    ['cd $HOME/project && ls', 'allow'],
    ['cd "$HOME" && git status', 'allow'],
  ])('cd: %s -> %s', (command, effect) => {
    expect(judge(POLICY, 'shell', command).effect).toBe(effect);
  });

  test('the reason says how the path was read', () => {
    expect(judge(POLICY, 'shell', 'echo x > "$HOME"/.kiro/workspace-roots/h/p.yaml').reason).toContain('(read as "~/.kiro/workspace-roots/h/p.yaml": $HOME names the home folder)');
  });
});
