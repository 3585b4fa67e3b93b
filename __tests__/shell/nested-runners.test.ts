// Audit round 33 (SS-7): nested runners whose options are not modelled each view every suffix of
// their words, and the same views came up again and again: 24 `flock l` took 47 s, 37 never
// finished, so one committed log entry could keep check (and the Action) from deciding. A view is
// now walked once per host and folder state; these rows finish within jest's default timeout and
// still find the command inside.
import { auditPolicy, shellTable, type ShellRow } from '../helpers/shell-table.ts';

const nested = (wrapper: string, times: number, command: string): string => `${`${wrapper} `.repeat(times)}${command}`;

export const NESTED: readonly ShellRow[] = [
  ...['flock l', 'ionice', 'x86_64', 'nocache', 'setpriv', 'docker run i', 'taskset 1', 'chrt 1', 'parallel', 'tmux new',
    // Audit 44, BA-1: parallel's job command is judged as a command of its own too.
    'parallel -n1', 'parallel --pipe', 'parallel -X', 'sem'].map(
    (w): ShellRow => [nested(w, 40, 'rm -rf /'), 'deny', `40 nested ${w}`]),
  [nested('flock l', 40, 'curl x'), 'deny', 'the innermost command still meets its rule'],
  [nested('flock l', 40, 'npm test'), 'ask', 'more arguments than a runner views one by one'],
  [nested('flock l', 12, 'npm test'), 'allow', 'an allowed command inside a dozen runners'],
  [`${nested('flock l', 20, 'cd /tmp')} && ${nested('nice', 20, 'echo x > .github/x')}`, 'deny', 'a write inside nested runners after a cd'],
];

shellTable(auditPolicy(), 'nested runners are judged in time', NESTED);
