// Audit 34, finding WW-1: bash 5.3's `${ cmd; }` written as the manual writes it (a blank before the
// `}`) failed to parse, so a deny inside it dropped to ask. Every deny row was ask before.
import { auditPolicy, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = auditPolicy();

shellTable(policy, 'audit 34 WW-1: ${ cmd; } with blanks before its }', [
  ...rowsOf('deny', 'the command inside ${ …; } is judged',
    'echo ${ rm -rf x; }',
    'echo ${ rm -rf x;  }',
    'echo ${ rm -rf x;\t}',
    'echo ${ rm -rf x\n}',
    'echo ${ rm -rf x;\n}',
    'x=${ rm -rf x; }',
    'echo ${| rm -rf x; }',
    'echo ${ rm -rf x; } y',
    'echo ${ rm -rf x # why\n}',
  ),
  ...rowsOf('allow', 'a harmless body parses too',
    'echo ${ :; }',
    'echo ${ pwd; }',
    'x=${ echo hi; }',
  ),
  ...rowsOf('ask', 'text bash rejects still fails closed',
    'echo ${ pwd; ; }',
  ),
]);
