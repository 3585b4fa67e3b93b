// The option tables of the database clients, read both for what they take on standard input
// (client-stdin.ts) and for the files they write (client-writes.ts).
import { GETOPT, type OptionSpec } from './options.ts';

/** psql's options (PostgreSQL's getopt_long table). */
export const PSQL: OptionSpec = {
  ...GETOPT,
  shortWithValue: 'cdfFhLopPRTUv',
  shortFlags: 'aAbeEHlnqsStVwWxXz?01',
  longWithValue: ['--command', '--dbname', '--file', '--field-separator', '--host', '--log-file', '--output', '--port', '--pset',
    '--record-separator', '--table-attr', '--username', '--set', '--variable'],
  longFlags: [...GETOPT.longFlags, '--echo-all', '--no-align', '--echo-errors', '--echo-queries', '--echo-hidden', '--html', '--list',
    '--no-readline', '--single-transaction', '--quiet', '--single-step', '--single-line', '--tuples-only', '--no-password',
    '--password', '--expanded', '--no-psqlrc', '--field-separator-zero', '--record-separator-zero', '--csv'],
  permute: true,
};

/** The mysql client's short options that take a value (`-p` and `-#` take one only attached). */
export const MYSQL_VALUED = 'DehPSuO';
