// ksh93 predefines the aliases `integer='typeset -li'` and `float='typeset -lE'`: their assignment
// operands are arithmetic, as `typeset -i`'s are. Every ask row was allow before.
import { auditPolicy, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = auditPolicy();

shellTable(policy, 'ksh93 integer and float read values as arithmetic', [
  ...rowsOf('ask', 'a run-time value reaches arithmetic through integer or float',
    'ksh -c \'read x; integer y=x\'',
    'ksh -c \'read x; float y=x\'',
    'ksh -c \'x=$(cat in.txt); integer y=x+1\'',
    'read x; integer y=x',
  ),
  ...rowsOf('allow', 'no run-time value, or the words as arguments',
    'ksh -c \'integer y=1; echo $y\'',
    'ksh -c \'float f=1.5\'',
    'ksh -c "echo integer float"',
    'grep -rn integer src',
  ),
]);
