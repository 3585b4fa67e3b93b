// Argument errors in the project's own words: one style for a missing value, whichever way it
// is missing, and in every command.
import { parse, type Options } from '../../src/cli/args.ts';
import { GateError } from '../../src/errors.ts';

const OPTIONS: Options = { policy: { type: 'string' }, cwd: { type: 'string', short: 'C' }, shell: { type: 'string' }, json: { type: 'boolean' } };

function errorOf(argv: string[], emptyAllowed: readonly string[] = []): string {
  try {
    parse('explain', argv, OPTIONS, 0, emptyAllowed);
  } catch (e) {
    expect(e).toBeInstanceOf(GateError);
    return (e as Error).message;
  }
  throw new Error('expected an argument error');
}

describe('a missing option value', () => {
  test.each([
    [['--policy='], 'policy'],
    [['--policy', ''], 'policy'],
    [['--cwd='], 'cwd'],
    [['--json', '--cwd', ''], 'cwd'],
    [['--policy'], 'policy'],
    [['--shell'], 'shell'],
    [['-C'], 'cwd'],
    [['--shell', 'ls', '--policy'], 'policy'],
  ])('%j -> "--%s needs a value"', (argv, option) => {
    expect(errorOf(argv)).toBe(`explain: --${option} needs a value; see 'agent-gate explain --help'`);
  });

  test('an option whose empty value means something keeps it', () => {
    expect(parse('explain', ['--shell='], OPTIONS, 0, ['shell']).values['shell']).toBe('');
    expect(errorOf(['--shell'], ['shell'])).toBe("explain: --shell needs a value; see 'agent-gate explain --help'");
    expect(errorOf(['--policy=', '--shell='], ['shell'])).toBe("explain: --policy needs a value; see 'agent-gate explain --help'");
  });
});
