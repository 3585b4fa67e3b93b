// Audit 33, findings SS-1, SS-2, SS-6 and the ksh part of SS-5: run-time text that reaches
// arithmetic, where bash runs a `a[$( )]` in it. Every ask row was allow before the fix.
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

const policy = auditPolicy();

shellTable(policy, 'audit 33 SS-1: select', [
  ...rowsOf('ask', 'select reads a line into REPLY, a run-time value that reaches arithmetic',
    'select x in 1; do echo $((REPLY)); break; done < in.txt',
    'select x in 1; do (( REPLY )); break; done < in.txt',
    'select x in 1; do let y=REPLY; break; done < in.txt',
    'select x in 1; do echo ${a[REPLY]}; break; done < in.txt',
    'select x in 1; do echo ${x:REPLY}; break; done < in.txt',
    'select x in 1; do a[REPLY]=1; break; done < in.txt',
    'select x in 1; do [[ $REPLY -eq 1 ]]; break; done < in.txt',
    'select x in a b; do break; done; echo $((n+1))',
  ),
  ...rowsOf('allow', 'select with no arithmetic on what it read',
    'select x in a b; do echo $x; done',
    'select x in a b; do echo "$REPLY"; break; done',
    'select x in a b; do break; done; for i in 1 2; do echo $((i+1)); done',
  ),
]);

shellTable(policy, 'audit 33 SS-2: comments, BASH_EXECUTION_STRING and BASH_COMMAND', [
  ...rowsOf('ask', 'a comment is static text BASH_EXECUTION_STRING holds; BASH_EXECUTION_STRING/BASH_COMMAND are text',
    'a=(1); echo $(( ${BASH_EXECUTION_STRING:49} )) # a[$(rm -rf /)]',
    'a=(1); echo ${a[${BASH_EXECUTION_STRING:40}]} # a[$(rm -rf /)]',
    'test -v "${BASH_EXECUTION_STRING:40}" # a[$(rm -rf /)]',
    'echo ${x:${BASH_EXECUTION_STRING:40}} # a[$(rm -rf /)]',
    'let "y=${BASH_EXECUTION_STRING:40}" # a[$(rm -rf /)]',
    'true; (( ${BASH_EXECUTION_STRING:40} )) # a[$(rm -rf /)]',
    'echo $((n+1)) # a[$(rm -rf /)]',
    'echo $((n+1));#a[$(rm -rf /)]',
    'echo $((n+1)) # x\n# a[`rm -rf /`]',
    'echo $(( ${BASH_EXECUTION_STRING:40} ))',
    'echo $(( ${BASH_COMMAND:5} ))',
    'trap \'echo $(( ${BASH_COMMAND:5} ))\' DEBUG; true',
    'x=BASH_EXECUTION_STRING; echo $(( ${!x:40} ))',
  ),
  ...rowsOf('allow', 'comments and BASH_COMMAND without arithmetic that could reach them',
    'echo hi # a[$(rm -rf /)]',
    'echo $((1+2)) # add one and two',
    'n=$(ls | wc -l); echo $((n+1)) # count files',
    'echo "$BASH_COMMAND"',
  ),
]);

shellTable(policy, 'audit 33 SS-6: PWD, OLDPWD and DIRSTACK', [
  ...rowsOf('ask', 'PWD, OLDPWD and DIRSTACK hold folder names the agent may have chosen',
    'cd -P d && echo $(( ${PWD:30} ))',
    'set -P; cd d; echo $(( ${PWD:30} ))',
    'cd -P d; a=(1); echo ${a[${PWD:30}]}',
    'echo $(( ${PWD:20} ))',
    'test -v "${PWD:20}"',
    'echo $(( ${PWD#/tmp/} ))',
    'echo $(( ${OLDPWD:3} ))',
    'echo $((DIRSTACK))',
    'let "y=${PWD:4}"',
    'echo ${x:${PWD:3}}',
    'cd -P d && [[ ${PWD:30} -eq 1 ]]',
    '[[ $PWD =~ (.*) ]] && echo $((BASH_REMATCH[1]))',
    'x=PWD; echo $(( ${!x:30} ))',
    'x=~+; echo $(( ${x:30} ))',
    'x=~-; echo $(( ${x:30} ))',
    'for d in ~+; do echo $(( ${d:30} )); done',
    'declare x=~+; echo $(( ${x:30} ))',
  ),
  ...rowsOf('allow', 'everyday $PWD uses outside arithmetic',
    'echo $PWD',
    'cd "$PWD/src"',
    'cd "$PWD/src" && for i in 1 2 3; do echo $((i*2)); done',
    'echo "$PWD"; echo $((RANDOM % 5))',
    'echo $(( ${#PWD} + 1 ))',
    'ls "$OLDPWD"',
    'echo $PWD; n=$(ls | wc -l); echo $((n+1))',
    'x=~/src; echo $x; n=0; echo $((n+1))',
    'cd - && pwd',
  ),
]);

shellTable(policy, 'audit 33 SS-5: ksh nameref', [
  ...rowsOf('ask', 'ksh93\'s alias nameref is typeset -n',
    'ksh -c \'nameref r=PATH; r=./bin; ls\'',
    'nameref r=PS4',
    'sudo ksh -c \'nameref r=PATH\'',
    'ksh -c \'nameref r\'',
  ),
  ...rowsOf('allow', 'the word nameref as an argument',
    'ksh -c "echo nameref"',
    'grep -rn nameref src',
  ),
]);

// These asked before the fix too; the fix leaves them as they were.
const unchanged: ShellRow[] = [
  ['read n; echo $((n+1))', 'ask', 'read reads a run-time value'],
  ['(( ${BASH_EXECUTION_STRING: -20} )) # a[$(rm -rf /)]', 'ask', 'no sub-command to judge (a comment\'s $( ) is not judged)'],
];
shellTable(policy, 'audit 33 SS: unchanged', unchanged);
