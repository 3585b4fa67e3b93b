// Options shared by every command: a value given twice is a usage error, never last-wins, so
// `check --base main --base HEAD` cannot quietly judge another range than the one first named.
import { runCli, tempTree } from '../helpers/cli.ts';

describe('a single-value option given twice', () => {
  test.each([
    [['check', '--base', 'main', '--base', 'HEAD'], 'check', 'base'],
    [['check', '--fail-on', 'ask', '--fail-on', 'deny'], 'check', 'fail-on'],
    [['check', '--format=json', '--format', 'text'], 'check', 'format'],
    [['check', '--head', 'HEAD', '--branch', 'x', '--head=HEAD'], 'check', 'head'],
    [['check', '--policy', 'a.yml', '--admin-policy', 'b.yml', '--policy', 'a.yml'], 'check', 'policy'],
    [['check', '--output', 'a', '--output', 'b'], 'check', 'output'],
    [['explain', '--shell', 'ls', '--shell', 'rm -rf /'], 'explain', 'shell'],
    [['explain', '--cwd', 'a', '--cwd', 'b', '--write', 'x'], 'explain', 'cwd'],
    [['record', '--log', 'a.jsonl', '--log', 'b.jsonl'], 'record', 'log'],
    [['record', '--session', 'a', '--session', 'b'], 'record', 'session'],
    [['import', 'x.json', '--log', 'a', '--log', 'b'], 'import', 'log'],
    [['hook', 'pre-commit', '--fail-on', 'ask', '--fail-on', 'deny'], 'hook pre-commit', 'fail-on'],
    [['hook', 'commit-msg', 'MSG', '--fail-on', 'ask', '--fail-on', 'ask'], 'hook commit-msg', 'fail-on'],
  ])('%j exits 2 with one line', (args, command, option) => {
    const r = runCli(args, { cwd: tempTree() });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `agent-gate: ${command}: --${option} given more than once; see 'agent-gate ${command} --help'\n`,
    });
  });

  test('a repeated flag (no value) still works', () => {
    const r = runCli(['explain', '--json', '--json', '--shell', 'pwd'], { cwd: tempTree() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ effect: 'allow' });
  });
});

describe('option values', () => {
  test('a value that starts with "-" gets a one-line error that shows the --opt=VALUE form', () => {
    const r = runCli(['explain', '--shell', '-rf'], { cwd: tempTree() });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `agent-gate: explain: --shell needs a value; write a value that starts with "-" as --shell=VALUE; see 'agent-gate explain --help'\n`,
    });
    expect(runCli(['explain', '--shell=-rf'], { cwd: tempTree() }).code).toBe(0);
  });

  test('an unknown option ends in one period, not ".;"', () => {
    const r = runCli(['explain', '--nope'], { cwd: tempTree() });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('.;');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

// Audit 37, AH-3: the top-level --version and --help took any words after them and exited 0.
describe('top-level --version and --help', () => {
  test.each([
    [['--version', '--bogus'], 'agent-gate: --version takes no arguments, got "--bogus"\n'],
    [['-V', 'x'], 'agent-gate: -V takes no arguments, got "x"\n'],
    [['--help', '--bogus'], 'agent-gate: --help takes no arguments but a command name, got "--bogus"; see \'agent-gate --help\'\n'],
    [['help', 'check', 'x'], 'agent-gate: help takes no arguments but a command name, got "check x"; see \'agent-gate --help\'\n'],
  ])('%j exits 2 with one line', (args, stderr) => {
    const r = runCli(args, { cwd: tempTree() });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr });
  });

  test.each([[['--version']], [['--help']], [['help', 'check']], [['-h', 'explain']]])('%j exits 0', (args) => {
    const r = runCli(args, { cwd: tempTree() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toBe('');
  });

  test('help COMMAND prints the command\'s own help', () => {
    expect(runCli(['help', 'check']).stdout).toBe(runCli(['check', '--help']).stdout);
  });
});
