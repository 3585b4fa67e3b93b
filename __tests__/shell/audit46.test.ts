// Audit 46 and what audit 45 left: code the shell evaluator did not see. Every deny and ask row
// was allow before; the allow rows are the same programs loading nothing this command wrote. The
// workspace is /work/repo and the home folder /home/dev (helpers/policy.ts).
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "cat *", "gcc *", "cc *", "clang *", "x86_64-linux-gnu-gcc-12 *", "man *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
` }, ['.github/agent-gate.yml']);

// A compiler's plugins, spec files, program folder and response files, and man's configuration
// (whose `DEFINE pager` names the programs man runs), were not files a program loads: one the same
// command wrote was run unjudged under `gcc *` or `man *`.
shellTable(policy, 'audit 45 leftover: a compiler or man loading code this command wrote', [
  ...rowsOf('ask', 'the file or folder the option names is one this command wrote',
    'echo x > out/a.so; gcc -fplugin=out/a.so src/x.c -o out/x',
    'echo x > out/p.so; clang -fpass-plugin=out/p.so src/x.c -o out/x',
    'echo x > out/p.so; clang -Xclang -load -Xclang out/p.so src/x.c -o out/x',
    'echo x > out/as; gcc -B out src/x.c -o out/x',
    'echo x > out/as; gcc -Bout src/x.c -o out/x',
    'echo x > out/as; cc --prefix=out src/x.c -o out/x',
    'echo x > out/s; gcc -specs=out/s src/x.c -o out/x',
    'echo x > out/s; gcc --specs out/s src/x.c -o out/x',
    'echo -fplugin=out/a.so > out/r; x86_64-linux-gnu-gcc-12 @out/r src/x.c -o out/x',
    'echo x > out/m.conf; man -C out/m.conf ls',
    'echo x > out/m.conf; man -aCout/m.conf ls',
    'echo x > out/m.conf; man --config-file=out/m.conf ls',
    'echo x > out/m.conf; man --config out/m.conf ls',
  ),
  ...rowsOf('allow', 'the option names nothing this command wrote, or is not one that loads code',
    'gcc -fplugin=out/a.so src/x.c -o out/x',
    'echo x > out/a.so; gcc -o out/a.so src/x.c -o out/x',
    'echo x > out/as; gcc -I out src/x.c -o out/x',
    'echo x > out/m.conf; man -P cat ls',
    'echo x > out/m.conf; man -M out/m.conf ls',
    'man -C src/man.conf ls',
  ),
]);

const packages = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["cd *", "npm *", "pnpm *", "yarn *"]}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
` }, ['.github/agent-gate.yml']);

// npm commands that rewrite package.json or the lock files where the shell stands were not
// installs, so `cd secrets && npm version patch` wrote secrets/package.json unjudged.
shellTable(packages, 'audit 45 leftover: package manager commands that rewrite package.json or the lock files', [
  ...rowsOf('deny', 'they write package.json or a lock file in a protected folder',
    'cd secrets && npm shrinkwrap',
    'cd secrets && npm version patch',
    'cd secrets && npm verison 1.2.3',
    'cd secrets && npm audit fix',
    'cd secrets && npm audit --json fix --force',
    'cd secrets && pnpm audit --fix',
    'cd secrets && yarn version --patch',
  ),
  ...rowsOf('allow', 'they only read, or write elsewhere',
    'cd secrets && npm audit',
    'cd secrets && npm run fix',
    'npm version patch',
    'cd src && npm audit fix',
  ),
]);

const arithmetic = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "cat *", "read *", "declare *", "local *", "export *", "git log *", "printf *", "bash *", "getopts *", "f", ":", "pwd", "typeset *", "mapfile *"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
` }, ['.github/agent-gate.yml']);

// bash's arithmetic evaluates a value that is a name or an expression again: with `y=x`, `(( y ))`
// reads x, and a `b[$(rm …)]` that x took at run time runs. Static text counted as safe, so the
// name it held was never followed.
shellTable(arithmetic, 'audit 46, BF-1: arithmetic reaching a run-time value through a static name', [
  ...rowsOf('ask', 'the static value names a variable that holds a run-time value',
    'x="$(git log -1 --format=b%x5b%x24%x28rm%x20-rf%x20~%x29%x5d)"; y=x; (( y ))',
    'x="$(cat out/n)"; y=x; echo $(( y ))',
    'read x < out/n; y=x; (( y ))',
    'x="$(cat out/n)"; y=z; z=x; (( y ))',
    'x="$(cat out/n)"; y=x+1; (( y ))',
    'x="$(cat out/n)"; y=x; echo ${z[y]}',
    'x="$(cat out/n)"; y=x; [[ y -eq 0 ]]',
    'x="$(cat out/n)"; y=x; echo ${x:y}',
    'x="$(cat out/n)"; y=x; echo $[y]',
    'x="$(cat out/n)"; for y in x; do (( y )); done',
    'x="$(cat out/n)"; declare y=x; (( y ))',
    'x="$(cat out/n)"; local y=x; (( y ))',
    'x="$(cat out/n)"; export y=x; (( y ))',
    'x="$(cat out/n)"; y=x; (( $y ))',
    'f() { y=x; (( y )); }; x=$(cat out/n); f',
    "export x=$(cat out/n); bash -c 'y=x; (( y ))'",
    'x=$(cat out/n); [[ $x =~ (.*) ]]; y=BASH_REMATCH; (( y ))',
    'getopts a: o -a "$(cat out/n)"; y=OPTARG; (( y ))',
  ),
  ...rowsOf('allow', 'the value is a number, or names nothing given a run-time value',
    'x="$(cat out/n)"; y=3; (( y ))',
    'y=x; echo $(( y ))',
    'x=4; y=x; echo $(( y ))',
    'for f in src/*; do n=$((n+1)); done; m=abc; echo $n',
  ),
]);

// bash evaluates a value assigned to RANDOM, SRANDOM, OPTIND or HISTCMD as arithmetic, however it
// is assigned: only a plain static assignment of a subscript was seen.
shellTable(arithmetic, 'audit 46, BF-2: assignments bash evaluates as arithmetic', [
  ...rowsOf('ask', 'the value assigned may hold a subscript with $( )',
    'RANDOM="$(git log -1 --format=b%x5b%x24%x28rm%x20-rf%x20~%x29%x5d)"',
    "for RANDOM in 'a[$(rm -rf ~)]'; do pwd; done",
    'OPTIND=$(cat out/n)',
    'HISTCMD=$(cat out/n)',
    'SRANDOM=$(cat out/n)',
    'x=$(cat out/n); RANDOM=x',
    'read x < out/n; RANDOM="$x"',
    'read RANDOM < out/n',
    'read OPTIND < out/n',
    "read OPTIND <<< 'a[$(rm -rf y)]'",
    'export RANDOM=$(cat out/n)',
    'declare OPTIND=$(cat out/n)',
    'printf -v RANDOM %s "$(cat out/n)"',
    'for OPTIND in $(cat out/n); do :; done',
  ),
  ...rowsOf('allow', 'a number is assigned',
    'RANDOM=42; echo $RANDOM',
    'OPTIND=1; getopts a o',
    'for RANDOM in 1 2 3; do echo $RANDOM; done',
  ),
]);

const codex = policyOf({ workspace: `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
  - {capability: shell, effect: allow, match: ["apply_patch *", "applypatch *", "cd *", "printf *", "cat *"]}
` }, ['.github/agent-gate.yml']);

// Codex puts apply_patch on the PATH of the shells it runs; it writes the files its patch names
// where the shell stands, and was a command that wrote nothing.
shellTable(codex, 'audit 46, BH-2: Codex\'s apply_patch run by a script', [
  ...rowsOf('deny', 'the patch, known here, names a protected file where the shell stands',
    "cd secrets; apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: key\n+y\n*** End Patch\nEOF",
    "cd secrets\napplypatch <<'EOF'\n*** Begin Patch\n*** Update File: key\n*** End Patch\nEOF",
    "apply_patch '*** Begin Patch\n*** Delete File: secrets/x\n*** End Patch'",
    "apply_patch <<< $'*** Begin Patch\\n*** Add File: secrets/x\\n*** End Patch'",
    "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: src/a.ts\n+x\n*** Move to: secrets/a\n*** End Patch\nEOF",
  ),
  ...rowsOf('ask', 'the patch is only known at run time: it may write anything where the shell stands',
    "printf '*** Begin Patch\\n*** Add File: secrets/key\\n+y\\n*** End Patch\\n' | apply_patch",
    'apply_patch < src/p.diff',
    'cat src/p.diff | applypatch',
  ),
  ...rowsOf('allow', 'the patch names files the policy lets the agent write',
    "cd src; apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: a.ts\n+y\n*** End Patch\nEOF",
    "apply_patch '*** Begin Patch\n*** Update File: src/a.ts\n*** End Patch'",
  ),
]);

// Audit 47, BI-1: when NAME is an array, bash's declaration builtins parse a value `( … )` again
// as an array assignment, whichever command made NAME one; only `-a`/`-A` on the same declare
// counted, so a run-time value went by.
shellTable(arithmetic, 'audit 47, BI-1: a run-time value declared into an array', [
  ...rowsOf('ask', 'NAME is an array here, and the value may be ( $(…) )',
    "x='($(rm -rf y))'; a=(); declare a=$x",
    'a=(); declare a=$(cat out/p)',
    'read -r x < out/p; a=(); declare "a=$x"',
    "a=(); typeset a=$(echo '($(rm -rf y))')",
    'a[0]=1; declare "a=$x"',
    'read -a a <<< 1; declare "a=$x"',
    'declare -a a; declare "a=$x"',
    'declare -A a; declare "a=$x"',
    'a=(); declare -g a=$x',
    'a=(); declare -- "a=$x"',
    'declare DIRSTACK=$(cat out/p)',
    'declare PIPESTATUS="$x"',
  ),
  ...rowsOf('allow', 'no array of that name is made here',
    'declare "a=$x"',
    'declare b=$x; a=()',
  ),
]);

const names = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["git status *", "git status", "echo *", "let *", "which *", "f *", "test *", "[ *", "compgen *", "declare *", "cat *"]}
` }, ['.github/agent-gate.yml']);

// bash expands the left side of an arithmetic assignment and removes its quotes before it
// assigns: `$x = 0` with x=HOME, `"HOME" = 0` and `HO${x}ME = 0` set HOME, which only a name
// written out was checked for.
shellTable(names, 'audit 47, BI-2 and BI-3: arithmetic assigning a name only known once expanded', [
  ...rowsOf('ask', 'the name assigned holds an expansion or a quote',
    'x=HOME; git status $(( $x = 0 ))',
    'x=HOME; git status ${a[$x=0]}',
    'x=HOME; git status ${y:$x=0}',
    'x=HOM; git status $(( ${x}E = 0 ))',
    'x=HOME; git status $[ $x = 0 ]',
    'x=HOME; git status $(( $x++ ))',
    'x=HOME; git status $(( $x += 1 ))',
    'x=PATH; which $(( $x = 0 ))',
    'git status $(( ${x:-HOME} = 0 ))',
    'git status $(( HO${x}ME = 0 ))',
    'git status $(( "HOME" = 0 ))',
    'git status $(( H"OME" = 0 ))',
    'let "$x=51"',
    'f HOME; f() { (( $1 = 0 )); }',
    '(( "HOME" = 0 )); git status',
    "compgen -W '$(( \"HOME\" = 0 ))' x; git status",
    "test -v 'a[\"HOME\"=0]'; git status",
    "[ -v 'a[\"HOME\"=0]' ]; git status",
    'git status $(( $x[0] = 2 ))',
    "x=',HOME'; git status $(( a[0]$x = 0 ))",
  ),
  ...rowsOf('allow', 'the name assigned is written out, or nothing is assigned',
    'git status $(( n = n + 1 ))',
    'git status $(( a[$i] = 2 ))',
    'git status $(( x == $y ))',
    'let "n=$x"',
    'git status ${a[$i]}',
    'echo ${x:$n:2}',
  ),
]);
