import { afterAll, describe, expect, test } from '@jest/globals';
import type { AgentsConfig } from '../../src/policy/types.ts';
import {
  detectAgent,
  detectAgentEnv,
  globMatch,
  modelsFromTrailers,
  splitIdentity,
  type AgentCommitInput,
} from '../../src/git/agents.ts';
import { createGit } from '../../src/git/exec.ts';
import { readCommits } from '../../src/git/log.ts';
import { parseTrailers } from '../../src/git/trailers.ts';
import { cleanupRepos, testEnv, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const HUMAN = { name: 'Jane Dev', email: 'jane@example.com' };

function commitBy(name: string, email: string, role: 'author' | 'committer' = 'author', message = 'Fix\n'): AgentCommitInput {
  const other = HUMAN;
  return role === 'author'
    ? { authorName: name, authorEmail: email, committerName: other.name, committerEmail: other.email, message }
    : { authorName: other.name, authorEmail: other.email, committerName: name, committerEmail: email, message };
}

const human = (message = 'Fix\n'): AgentCommitInput => commitBy(HUMAN.name, HUMAN.email, 'author', message);

describe('identities (SPEC 7)', () => {
  const agents: Array<[string, string]> = [
    ['Kiro Agent', 'someone@example.com'],
    ['kiro agent', 'someone@example.com'],
    ['KIRO AGENT', 'x@y'],
    ['kiro-agent[bot]', 'x@y'],
    ['Someone', 'kiro-agent@users.noreply.github.com'],
    ['Someone', '12345+kiro-agent@users.noreply.github.com'],
    ['Someone', '12345+kiro-agent[bot]@users.noreply.github.com'],
    ['Someone', 'KIRO-BOT@users.noreply.github.com'],
    ['copilot-swe-agent[bot]', 'x@y'],
    ['Copilot', '198982749+Copilot@users.noreply.github.com'],
    ['Someone', '198982749+copilot-swe-agent[bot]@users.noreply.github.com'],
    ['devin-ai-integration[bot]', 'x@y'],
    ['Someone', '158243242+devin-ai-integration[bot]@users.noreply.github.com'],
    ['google-labs-jules[bot]', 'x@y'],
    ['Someone', '161369871+google-labs-jules[bot]@users.noreply.github.com'],
    ['claude[bot]', 'x@y'],
    ['Someone', '209825114+claude[bot]@users.noreply.github.com'],
    ['Cursor Agent', 'x@y'],
    ['Someone', 'cursoragent@cursor.com'],
    ['Paul Gauthier (aider)', 'paul@example.com'],
    ['Jane (AIDER)', 'jane@example.com'],
  ];
  for (const [name, email] of agents) {
    for (const role of ['author', 'committer'] as const) {
      test(`${role} ${name} <${email}> is an agent`, () => {
        const v = detectAgent(commitBy(name, email, role));
        expect(v.agent).toBe(true);
        expect(v.signals).toEqual([`identity: ${role} ${name} <${email}>`]);
      });
    }
  }

  const nearMisses: Array<[string, string]> = [
    ['Kiro', 'kiro@example.com'],
    ['Kiro Agents', 'x@y'],
    ['kiro-agent', 'x@y'],
    ['kiro-agent[bot]x', 'x@y'],
    ['Someone', 'kiro-agent@users.noreply.github.co'],
    ['Someone', 'kiro-agent@example.com'],
    ['Someone', 'kiro-bot@example.com'],
    ['Someone', 'x.kiro-bot@users.noreply.github.com'],
    ['Copilot', 'copilot@github.com'],
    ['GitHub Copilot', '12345+copilot-user@users.noreply.github.com'],
    ['copilot-swe-agent', 'x@y'],
    ['devin-ai-integration', 'x@y'],
    ['claude', 'claude@example.com'],
    ['Claude', 'x@y'],
    ['Someone', 'notclaude[bot]@users.noreply.github.com'],
    ['Cursor', 'x@y'],
    ['Someone', 'cursoragent@cursor.co'],
    ['aider', 'x@y'],
    ['Jane (aider) fan', 'x@y'],
    ['GitHub', 'noreply@github.com'],
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'],
  ];
  for (const [name, email] of nearMisses) {
    test(`near miss ${name} <${email}> is not an agent`, () => {
      expect(detectAgent(commitBy(name, email))).toEqual({ agent: false, signals: [] });
    });
  }
});

describe('trailers (SPEC 7)', () => {
  const hits = [
    'Co-authored-by: Claude <noreply@anthropic.com>',
    'Co-authored-by: Codex <noreply@openai.com>',
    'Co-authored-by: Cursor Agent <cursoragent@cursor.com>',
    'Co-authored-by: aider (gpt-4o) <noreply@aider.chat>',
    'Co-authored-by: Kiro Agent <kiro@example.com>',
    'Co-authored-by: kiro-agent[bot] <1+kiro-agent[bot]@users.noreply.github.com>',
    'Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>',
    'Co-authored-by: copilot-swe-agent[bot] <x@y>',
    'Co-authored-by: devin-ai-integration[bot] <x@y>',
    'Co-authored-by: google-labs-jules[bot] <x@y>',
    'Co-authored-by: claude[bot] <x@y>',
    'Co-authored-by: Jane (aider) <jane@example.com>',
    'co-authored-by: Claude <NoReply@Anthropic.com>',
    'Co-authored-by: noreply@anthropic.com',
    'Assisted-by: Kiro:claude-sonnet-4.5',
    'Assisted-by: anything at all',
    'Agent-Logs-Url: https://kiro.dev/logs/1',
    'Made-with: Cursor',
    'made-with: cursor',
  ];
  for (const line of hits) {
    test(`${line} marks an agent`, () => {
      const v = detectAgent(human(`Fix\n\nSome body.\n\n${line}\n`));
      expect(v.agent).toBe(true);
      expect(v.signals).toEqual([`trailer: ${line.replace(/^(\S+):\s*/, '$1: ')}`]);
    });
  }

  const misses = [
    'Co-authored-by: Jane Dev <jane@example.com>',
    'Co-authored-by: Claude Shannon <claude@example.com>',
    'Co-authored-by: Someone <noreply@anthropic.com.evil>',
    'Co-authored-by: Someone <xnoreply@openai.com>',
    'Signed-off-by: Kiro Agent <kiro@example.com>',
    'Reviewed-by: Claude <noreply@anthropic.com>',
    'Assisted-with: Kiro',
    'Made-by: Cursor',
    'Agent-Logs: https://x',
  ];
  for (const line of misses) {
    test(`${line} does not`, () => {
      expect(detectAgent(human(`Fix\n\n${line}\n`)).agent).toBe(false);
    });
  }

  test('a trailer-looking line outside the trailer block does not count', () => {
    expect(detectAgent(human('Co-authored-by: Claude <noreply@anthropic.com>\n')).agent).toBe(false);
    expect(detectAgent(human('Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\nand some prose\n')).agent).toBe(false);
  });

  test('a trailer block above a --- line counts (git reads it that way with the divider)', () => {
    const v = detectAgent(human('Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\nnotes\n'));
    expect(v.signals).toEqual(['trailer: Co-authored-by: Claude <noreply@anthropic.com>']);
  });

  test('explicit trailers replace the message', () => {
    const v = detectAgent({ ...human('Fix\n\nMade-with: Cursor\n'), trailers: [] });
    expect(v.agent).toBe(false);
  });
});

describe('branches, log entries, policy and flags', () => {
  for (const b of ['kiro/fix', 'copilot/issue-1', 'codex/x', 'cursor/y', 'claude/z', 'refs/heads/kiro/fix', 'Kiro/Fix']) {
    test(`branch ${b}`, () => {
      expect(detectAgent(human(), { branch: b }).signals).toEqual([`branch: ${b.replace(/^refs\/heads\//, '')}`]);
    });
  }
  for (const b of ['kiro', 'kirofix', 'feature/kiro/x', 'claude-x', 'main', '']) {
    test(`branch ${JSON.stringify(b)} is no signal`, () => {
      expect(detectAgent(human(), { branch: b }).agent).toBe(false);
    });
  }

  test('log entries, --all-commits and agents: all', () => {
    expect(detectAgent(human(), { addsLogEntries: true }).signals).toEqual(['log: adds command log entries']);
    expect(detectAgent(human(), { allCommits: true }).signals).toEqual(['all-commits']);
    expect(detectAgent(human(), { agents: { all: true } }).signals).toEqual(['policy agents: all']);
  });

  const config: AgentsConfig = {
    all: false,
    identities: ['* <*@bots.example>'],
    trailers: ['Generated-by: *'],
    branches: ['ai/*'],
    env: [],
  };

  test('policy identities glob over "Name <email>"', () => {
    const v = detectAgent(commitBy('Build Bot', 'ci@bots.example', 'committer'), { agents: config });
    expect(v.signals).toEqual(['policy identity: committer Build Bot <ci@bots.example> (matches "* <*@bots.example>")']);
    expect(detectAgent(commitBy('Build Bot', 'ci@bots.example.org'), { agents: config }).agent).toBe(false);
  });

  test('policy trailers glob over "Key: value"', () => {
    const v = detectAgent(human('Fix\n\nGenerated-by: my-tool 1.0\n'), { agents: config });
    expect(v.signals).toEqual(['policy trailer: Generated-by: my-tool 1.0 (matches "Generated-by: *")']);
    expect(detectAgent(human('Fix\n\nGenerated-with: my-tool\n'), { agents: config }).agent).toBe(false);
  });

  test('policy branches glob over the branch name', () => {
    expect(detectAgent(human(), { agents: config, branch: 'ai/one/two' }).signals).toEqual(['policy branch: ai/one/two (matches "ai/*")']);
    expect(detectAgent(human(), { agents: config, branch: 'main' }).agent).toBe(false);
  });

  test('all signals are listed together, in a stable order', () => {
    const v = detectAgent(
      { ...commitBy('Kiro Agent', 'k@x'), message: 'Fix\n\nMade-with: Cursor\n' },
      { branch: 'kiro/a', addsLogEntries: true, allCommits: true },
    );
    expect(v.signals).toEqual([
      'identity: author Kiro Agent <k@x>',
      'trailer: Made-with: Cursor',
      'log: adds command log entries',
      'branch: kiro/a',
      'all-commits',
    ]);
  });
});

describe('helpers', () => {
  test('globMatch: * is any run, the rest literal, anchored', () => {
    expect(globMatch('a*c', 'abbbc')).toBe(true);
    expect(globMatch('a*c', 'ac')).toBe(true);
    expect(globMatch('a*c', 'acx')).toBe(false);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('[bot]', '[bot]')).toBe(true);
    expect(globMatch('a?c', 'abc')).toBe(false);
    expect(globMatch('*', 'x\ny')).toBe(true);
  });

  test('splitIdentity', () => {
    expect(splitIdentity('Claude <noreply@anthropic.com>')).toEqual({ name: 'Claude', email: 'noreply@anthropic.com' });
    expect(splitIdentity('noreply@anthropic.com')).toEqual({ name: '', email: 'noreply@anthropic.com' });
    expect(splitIdentity('Kiro Agent')).toEqual({ name: 'Kiro Agent', email: '' });
  });

  test('models from trailers', () => {
    const t = parseTrailers('Fix\n\nAssisted-by: Kiro:claude-sonnet-4.5 [grep]\nModel: auto\nAssisted-by: NoModel\n');
    expect(modelsFromTrailers(t)).toEqual(['claude-sonnet-4.5', 'auto']);
    expect(modelsFromTrailers(parseTrailers('Fix\n\nModel: gpt-5\nModel: o3\nModel: gpt-5\n'))).toEqual(['gpt-5', 'o3']);
    expect(modelsFromTrailers(parseTrailers('Fix\n\nSigned-off-by: x\n'))).toEqual([]);
  });

  test('environment signals for the hook', () => {
    expect(detectAgentEnv({ CLAUDECODE: '1', PATH: '/bin' })).toEqual(['env: CLAUDECODE']);
    expect(detectAgentEnv({ AWS_EXECUTION_ENV: 'AmazonQ-For-CLI' })).toEqual(['env: AWS_EXECUTION_ENV=AmazonQ-For-CLI']);
    expect(detectAgentEnv({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' })).toEqual([]);
    const agents: AgentsConfig = { all: false, identities: [], trailers: [], branches: [], env: ['MY_AGENT', 'TOOL=ai-*'] };
    expect(detectAgentEnv({ MY_AGENT: 'yes', TOOL: 'ai-helper' }, agents)).toEqual([
      'policy env: MY_AGENT (matches "MY_AGENT")',
      'policy env: TOOL=ai-helper (matches "TOOL=ai-*")',
    ]);
    expect(detectAgentEnv({ TOOL: 'human' }, agents)).toEqual([]);
  });

  test('an environment variable counts when present, even empty; a NAME=PATTERN entry matches the value', () => {
    expect(detectAgentEnv({ CLAUDECODE: '', GEMINI_CLI: '', CODEX_SANDBOX: '' })).toEqual(['env: CLAUDECODE', 'env: GEMINI_CLI', 'env: CODEX_SANDBOX']);
    expect(detectAgentEnv({ CLAUDECODE: undefined })).toEqual([]);
    const agents: AgentsConfig = { all: false, identities: [], trailers: [], branches: [], env: ['MY_AGENT', 'TOOL=ai-*'] };
    expect(detectAgentEnv({ MY_AGENT: '', TOOL: '' }, agents)).toEqual(['policy env: MY_AGENT (matches "MY_AGENT")']);
  });
});

describe('end to end with real commits', () => {
  test('signals from identities and trailers read by readCommits', async () => {
    const repo = TestRepo.init();
    repo.write('.mailmap', 'Jane Dev <jane@example.com> Kiro Agent <kiro@example.com>\n');
    repo.commit('human');
    repo.commit('agent', { author: { name: 'Kiro Agent', email: 'kiro@example.com' } });
    repo.commit('Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n');
    const commits = await readCommits(createGit(repo.dir, { env: testEnv() }), { head: repo.head(), mergeBases: [] });
    expect(commits.map((c) => detectAgent(c).signals)).toEqual([
      [],
      ['identity: author Kiro Agent <kiro@example.com>', 'identity: committer Kiro Agent <kiro@example.com>'],
      ['trailer: Co-authored-by: Claude <noreply@anthropic.com>'],
    ]);
  });
});

describe('audit 36 AD-3: trailers git reads that were missed', () => {
  test.each([
    'Co-authored-by : Claude <noreply@anthropic.com>',
    'Co-authored-by: Claude noreply@anthropic.com',
    'Co-authored-by:\tClaude   noreply@anthropic.com',
  ])('%j marks an agent', (line) => {
    expect(detectAgent(human(`Fix\n\nSome body.\n\n${line}\n`)).agent).toBe(true);
  });
  test('a bare name and address of a person is no agent', () => {
    expect(detectAgent(human('Fix\n\nCo-authored-by: Jane jane@example.com\n')).agent).toBe(false);
  });
});
