// Audit round 34 (WW-2): a file-writing program given `/dev/fd/N`, `/dev/stdout`, `/dev/stdin`,
// `/dev/stderr` or `/proc/self/fd/N` as its output (tee, cp, dd of=, sort -o, wget -O…) opens
// again the file that descriptor was pointed at in the command (`exec 3<secrets/a`), and wrote it
// unjudged; other spellings the kernel resolves the same way (`/dev//fd/3`, `/dev/fd/../fd/3`),
// and a descriptor opened on a folder used as a path prefix (`/dev/fd/3/k`, `cd /dev/fd/3`), were
// not followed. Every deny and ask row was allow before the fix, unless its group says it was ask.
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable, writesPolicy } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
/** The finding's repository: a few commands allowed, writes to src/ only; the policy file is protected by the built-in scope. */
const FINDING = policyOf({
  workspace: `
rules:
  - capability: shell
    effect: allow
    match: ["cp *", "tee *", "echo *", "cat *"]
  - capability: fs_write
    effect: allow
    match: ["src/**"]
`,
}, ['.github/agent-gate.yml']);

shellTable(FINDING, 'WW-2: the finding\'s reproductions on the policy file', [
  ...rowsOf('deny', 'the operand reopens the policy file descriptor 3 was opened on',
    'cat src/new.yml | tee /dev/fd/3 3<.github/agent-gate.yml',
    'cp src/new.yml /dev/fd/3 3<.github/agent-gate.yml'),
  ...rowsOf('deny', 'as the redirection spelling already was', 'cat src/new.yml >/dev/fd/3 3<.github/agent-gate.yml'),
]);

shellTable(POLICY, 'WW-2: a file-writing program\'s operand reopens a descriptor', [
  ...rowsOf('deny', 'the operand writes the file descriptor N points at',
    'exec 3<secrets/a; echo x | tee /dev/fd/3',
    'exec 3<secrets/a; echo x | tee -a /dev/fd/3',
    'exec 3<secrets/a; cp src/a /dev/fd/3',
    'exec 3<secrets/a; echo x | dd of=/dev/fd/3',
    'dd if=src/a of=/dev/fd/5 5<secrets/a',
    'exec 3<secrets/a; install src/a /dev/fd/3',
    'exec 3<secrets/a; sort -o /dev/fd/3 src/a',
    'exec 3<secrets/a; uniq src/a /dev/fd/3',
    'exec 3<secrets/a; truncate -s0 /dev/fd/3',
    'exec 3<secrets/a; rsync src/a /dev/fd/3',
    'exec 3<~/.kiro/settings/cli.json; cp src/a /dev/fd/3',
    'exec 3<secrets/a; tee /dev/fd/3 < src/a',
    'exec 3<secrets/a; sudo tee /dev/fd/3',
    'f() { echo x | tee /dev/fd/3; }; exec 3<secrets/a; f'),
  ...rowsOf('deny', 'standard input, output and error, and a descriptor copied or given by {NAME}',
    'cp src/a /dev/fd/0 < secrets/a',
    'cp src/a /dev/stdout 1<secrets/a',
    'echo x | tee /dev/stderr 2<secrets/a',
    'exec {fd}<secrets/a; echo x | tee /dev/fd/10',
    'exec 3<secrets/a; exec 4<&3; echo x | tee /dev/fd/4',
    'exec 3<secrets/a 4</dev/fd/3; echo x | tee /dev/fd/4'),
  ...rowsOf('deny', 'files options name', 
    'exec 3<secrets/a; wget -O /dev/fd/3 https://x.dev/a',
    'exec 3<secrets/a; curl -o /dev/fd/3 https://x.dev/a',
    'exec 3<secrets/a; tar -cf /dev/fd/3 src',
    'exec 3<secrets/a; openssl rand -out /dev/fd/3 16'),
  ...rowsOf('deny', 'a spelling the kernel resolves the same way', 'exec 3<secrets/a; echo x | tee /dev//fd/3'),
  ...rowsOf('ask', 'a descriptor only known at run time',
    'exec 3<"$f"; echo x | tee /dev/fd/3',
    'exec 3<&$fd; echo x | tee /dev/fd/3'),
  ...rowsOf('ask', 'a file this command wrote through a descriptor is then run',
    "printf 'rm -rf ~' | tee /dev/fd/3 3<src/s.sh; . src/s.sh",
    "printf 'rm -rf ~' >/dev/fd/3 3<src/s.sh; . src/s.sh",
    "exec 3<src/Makefile; printf 'x:\\n\\trm -rf ~\\n' | tee /dev/fd/3; make -C src x"),
]);

shellTable(POLICY, 'WW-2: spellings of a descriptor\'s path (these were ask)', [
  ...rowsOf('deny', 'operands: /proc/self/fd/N and other spellings, a wrapped tee, time -o',
    'exec 3<secrets/a; echo x | tee /proc/self/fd/3',
    'exec 3<secrets/a; cp src/a /proc/thread-self/fd/3',
    'exec 3<secrets/a; cp src/a /dev/fd/../fd/3',
    'exec 3<secrets/a; echo x | xargs tee /dev/fd/3',
    'time -o /dev/fd/3 ls 3<secrets/a'),
  ...rowsOf('deny', 'a redirection to another spelling of /dev/fd/3',
    'echo x > /dev//fd/3 3<secrets/a',
    'echo x > /dev/./fd/3 3<secrets/a',
    'echo x > /dev/fd//3 3<secrets/a',
    'echo x > //dev/fd/3 3<secrets/a',
    'echo x > /dev/fd/../fd/3 3<secrets/a',
    'echo x > /proc/self/fd/../fd/3 3<secrets/a',
    'echo x > /proc/self/root/dev/fd/3 3<secrets/a'),
  ...rowsOf('deny', 'a descriptor opened on a folder, used as a path prefix or a folder to cd to',
    'exec 3<secrets; echo x > /dev/fd/3/k',
    'exec 3<secrets/sub; echo x > /dev/fd/3/../k',
    'exec 3<secrets; cd /dev/fd/3 && echo x > k',
    'exec 3<secrets; mkdir /dev/fd/3/sub',
    'exec 3<secrets; cp src/a /dev/fd/3',
    'cd /dev/fd && echo x > 3 3<secrets/a',
    'cd /dev && echo x > fd/3 3<secrets/a'),
  ...rowsOf('ask', 'a descriptor only known at run time, or inside what one not pointed anywhere here points at (ask before, and still)',
    'echo x | tee /dev/fd/$n',
    'echo x > /dev/fd/3/k',
    'cd /dev/fd/3 && echo x > src/k',
    'cd ../dev && echo x > a'),
]);

shellTable(POLICY, 'WW-2: everyday uses stay allowed', [
  ...rowsOf('allow', 'no descriptor is pointed at a file in the command',
    'cp src/a /dev/null', 'cp src/a /dev/stdout', 'echo x | tee /dev/stderr', 'echo x | tee -a /dev/stderr',
    'ls | tee /dev/fd/2', 'make 2>&1 | tee /dev/stderr', 'exec 3>&1; make | tee /dev/fd/3',
    'echo x | tee /dev/stdout', 'cat src/a > /dev/stdout', 'npm test 2>&1 | tee /dev/stderr | tail -5',
    'dd if=src/a of=/dev/stdout'),
  ...rowsOf('allow', '/dev/stdin is descriptor 0, as /dev/fd/0 already was (the literal path asked before)',
    'exec 3<secrets/a; echo x | tee /dev/stdin', 'echo x | tee /dev/fd/0'),
  ...rowsOf('allow', 'the descriptor points at a file the policy allows',
    'exec 3<src/a; echo x | tee /dev/fd/3', 'cp src/b /dev/fd/3 3<src/a', 'exec 3>src/log; make | tee /dev/fd/3'),
  ...rowsOf('allow', 'folders named dev or proc elsewhere, and reading /proc',
    'cd /proc && cat cpuinfo', 'cd src/dev && ls', 'echo x > src/dev/a', 'echo x > src/proc/fd/3'),
]);
