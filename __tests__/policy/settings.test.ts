// The keys that are not rules combine across the admin and workspace policies, each only making
// the check stricter. Audit 38, AJ-2: an admin policy's logs.paths took the place of the default
// `.agent-gate/log/**` the workspace (and `record`) still used, so logs there went unread.
import { describe, expect, test } from '@jest/globals';
import { loadPolicy } from '../../src/policy/load.ts';
import { combineSettings } from '../../src/policy/settings.ts';
import type { ScopeName } from '../../src/policy/types.ts';

const file = (scope: ScopeName, text: string) => loadPolicy(text, `${scope}.yml`, scope);

describe('logs.paths combine by union, starting from what the workspace reads', () => {
  test.each<[string, string | null, string | null, string[]]>([
    ['neither sets logs', 'rules: []\n', 'rules: []\n', ['.agent-gate/log/**']],
    ['no policies at all', null, null, ['.agent-gate/log/**']],
    ['only the admin sets paths: the default stays', 'rules: []\nlogs: {paths: ["audit/**"]}\n', 'rules: []\n', ['.agent-gate/log/**', 'audit/**']],
    ['admin paths and no workspace policy', 'rules: []\nlogs: {paths: ["audit/**"]}\n', null, ['.agent-gate/log/**', 'audit/**']],
    ['the workspace sets only notes: the default stays', 'rules: []\nlogs: {paths: ["audit/**"]}\n', 'rules: []\nlogs: {notes: refs/notes/x}\n', ['.agent-gate/log/**', 'audit/**']],
    ['the workspace moves its logs: its paths replace the default', 'rules: []\nlogs: {paths: ["audit/**"]}\n', 'rules: []\nlogs: {paths: ["logs/agent/**"]}\n', ['logs/agent/**', 'audit/**']],
    ['the same path in both is read once', 'rules: []\nlogs: {paths: ["logs/**"]}\n', 'rules: []\nlogs: {paths: ["logs/**"]}\n', ['logs/**']],
  ])('%s', (_name, admin, workspace, paths) => {
    const files = [admin === null ? null : file('admin', admin), workspace === null ? null : file('workspace', workspace)].filter((f) => f !== null);
    expect(combineSettings(files).logs.paths).toEqual(paths);
  });

  test('the notes ref comes from the workspace only', () => {
    expect(combineSettings([file('admin', 'rules: []\n'), file('workspace', 'rules: []\nlogs: {notes: refs/notes/x}\n')]).logs.notes).toBe('refs/notes/x');
    expect(combineSettings([file('admin', 'rules: []\n')]).logs.notes).toBe('refs/notes/agent-gate');
  });
});

// Audit 44, AZ-2: the hook judges by HEAD's policy and the default branch's, whose settings add up.
describe('two workspace policies (HEAD\'s and the default branch\'s) add up', () => {
  const ws = (text: string) => file('workspace', text);
  test.each<[string, string, string, string[], 'deny' | 'ask']>([
    ['neither sets logs or failOn', 'rules: []\n', 'rules: []\n', ['.agent-gate/log/**'], 'deny'],
    ['one moves its logs: both places are read', 'rules: []\nlogs: {paths: ["logs/**"]}\n', 'rules: []\n', ['logs/**', '.agent-gate/log/**'], 'deny'],
    ['both move them elsewhere', 'rules: []\nlogs: {paths: ["a/**"]}\n', 'rules: []\nlogs: {paths: ["b/**"]}\n', ['a/**', 'b/**'], 'deny'],
    ['failOn: ask in the second only', 'rules: []\n', 'rules: []\nfailOn: ask\n', ['.agent-gate/log/**'], 'ask'],
  ])('%s', (_name, head, base, paths, failOn) => {
    const settings = combineSettings([ws(head), ws(base)]);
    expect(settings.logs.paths).toEqual(paths);
    expect(settings.failOn).toBe(failOn);
  });

  test('agents: all in either judges every commit; env signals of both count', () => {
    expect(combineSettings([ws('rules: []\n'), ws('rules: []\nagents: all\n')]).agents).toEqual({ all: true });
    const both = combineSettings([ws('rules: []\nagents: {env: ["A"]}\n'), ws('rules: []\nagents: {env: ["B"]}\n')]).agents;
    expect(both !== undefined && !both.all ? both.env : null).toEqual(['A', 'B']);
  });
});
