import { describe, expect, test } from '@jest/globals';
import { addedLookalikes, lookalikePolicies, lookalikeWarning, mayHoldLookalike } from '../../src/policy/lookalike.ts';

describe('policy files named like the default one', () => {
  test.each<[string, string[], string[]]>([
    ['.github', ['agent-gate.yaml'], ['.github/agent-gate.yaml']],
    ['.github', ['Agent-Gate.yml', 'AGENT-GATE.YAML', 'agent_gate.yml', 'agentgate.yml', 'agent-gate.json'], ['.github/Agent-Gate.yml', '.github/AGENT-GATE.YAML', '.github/agent_gate.yml', '.github/agentgate.yml', '.github/agent-gate.json']],
    ['.GitHub', ['agent-gate.yml'], ['.GitHub/agent-gate.yml']],
    ['.github', ['agent-gate.yml'], []],
    ['.github', ['dependabot.yml', 'agent-gate.yml.bak', 'my-agent-gate.yml', 'gate.yml'], []],
    // Audit 39, AM-7: the root, and what an editor adds unseen.
    ['', ['agent-gate.yml', '.agent-gate.yml', 'README.md', 'package.json'], ['agent-gate.yml', '.agent-gate.yml']],
    ['.github', ['agent-gate.yml ', 'agent-gate.yml.', 'agent-gate\u200b.yml', 'agent-gate.yml.txt'], ['.github/agent-gate.yml ', '.github/agent-gate.yml.', '.github/agent-gate\u200b.yml', '.github/agent-gate.yml.txt']],
  ])('%s holding %j', (folder, names, found) => {
    expect(lookalikePolicies(folder, names)).toEqual(found);
  });

  test('among the paths a commit adds, only the root and a .github-like folder count', () => {
    expect(addedLookalikes(['agent-gate.yml', '.github/agent-gate.yaml', '.github/agent-gate.yml', 'docs/agent-gate.yml', '.github/x/agent-gate.yml', 'src/a.ts']))
      .toEqual(['agent-gate.yml', '.github/agent-gate.yaml']);
  });

  test.each([['.github', true], ['.GITHUB', true], ['.github.', true], ['github', false], ['.github2', false]])('%s may hold one: %s', (name, may) => {
    expect(mayHoldLookalike(name as string)).toBe(may);
  });

  test('the warning names every file, or is null', () => {
    expect(lookalikeWarning([], 'here')).toBeNull();
    expect(lookalikeWarning(['.github/a.yaml', '.github/B.yml'], 'in the working tree')).toBe('agent-gate: warning: no policy at .github/agent-gate.yml in the working tree, so only the built-in scopes apply; ".github/a.yaml", ".github/B.yml" are not read: rename one to .github/agent-gate.yml or pass --policy');
  });
});
