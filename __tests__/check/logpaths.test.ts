import { logMatcher } from '../../src/check/logpaths.ts';

describe('logMatcher: which files under the log paths are logs', () => {
  // Audit round 19 (H-5): every `.gitignore` below the log folder was skipped, so entries put in
  // `.agent-gate/log/sub/.gitignore` were never judged.
  test.each([
    [['.agent-gate/log/**'], '.agent-gate/log/s1.jsonl', true],
    [['.agent-gate/log/**'], '.agent-gate/log/.gitignore', false],
    [['.agent-gate/log/**'], '.agent-gate/log/sub/.gitignore', true],
    [['.agent-gate/log/**'], '.agent-gate/log/sub/x.jsonl', true],
    [['.agent-gate/log/**'], 'src/.gitignore', false],
    [['.agent-gate/log/**', 'ops/logs/**'], 'ops/logs/.gitignore', false],
    [['.agent-gate/log/**', 'ops/logs/**'], 'ops/logs/a/.gitignore', true],
    // Audit round 19 (H-6): a link standing for the log folder, or for a folder above it.
    [['.agent-gate/log/**'], '.agent-gate/log', true],
    [['.agent-gate/log/**'], '.agent-gate', true],
    [['.agent-gate/log/**'], '.agent', false],
    [['.agent-gate/log/**'], '.agent-gate/logs', false],
    // A pattern that names no plain folder leaves its .gitignore files to git, as before.
    [['logs/*/**'], 'logs/a/.gitignore', false],
    // Audit 36 (AD-5): another spelling of the log folder is the log folder on a case-insensitive
    // disk, where record writes into it.
    [['.agent-gate/log/**'], '.Agent-Gate/log/s.jsonl', true],
    [['.agent-gate/log/**'], '.agent-gate/LOG/t.jsonl', true],
    [['.agent-gate/log/**'], '.agent-gate/log./s.jsonl', true],
    [['.agent-gate/log/**'], '.AGENT-GATE', true],
    [['.agent-gate/log/**'], '.Agent-Gate/log/.gitignore', false],
    [['ops/Logs/**'], 'ops/logs/a.jsonl', true],
    [['.agent-gate/log/**'], '.agent-gate/logs/a.jsonl', false],
  ] as Array<[string[], string, boolean]>)('%j: %j is a log: %s', (patterns, path, expected) => {
    expect(logMatcher(patterns, '/home/u').test(path)).toBe(expected);
  });
});
