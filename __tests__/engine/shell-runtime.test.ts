// What a command puts in place at run time and then uses in the same command (audit round 16):
// values arithmetic evaluates. Under a policy that trusts every command, each `ask` row below was
// `allow` before the fix.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const TRUSTS_ALL = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["*"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
`,
}, ['.github/agent-gate.yml']);

const RUNTIME_ARITHMETIC = 'as arithmetic, and it may hold';

describe('arithmetic on a value only known at run time', () => {
  test.each<[string, Effect]>([
    // printf's escapes build `a[$(touch p)]` at run time; bash evaluates x's value recursively.
    [String.raw`x=$(printf "a\133\044(touch p)\135"); echo $((x))`, 'ask'],
    ['x=$(printf "a\\133\\044(touch p)\\135"); echo ${arr[x]}', 'ask'],
    ['x=$(cat f); test -v "$x"', 'ask'],
    ['x=$(cat f); echo ${!x}', 'ask'],
    ['x=$(cat f); [[ $x -eq 1 ]]', 'ask'],
    ['x=$(cat f); echo ${x:x}', 'ask'],
    ['x=$(cat f); (( x ))', 'ask'],
    ['x=$(cat f); let y=x', 'ask'],
    ['x=`cat f`; echo $((x))', 'ask'],
    ['echo $(( $(cat f) ))', 'ask'],
    ['cat f | while read l; do echo $((l)); done', 'ask'],
    ['mapfile -t a < f; echo $(( a[0] ))', 'ask'],
    ['for f in *; do echo $((f)); done', 'ask'],
    // File names from a glob, wherever they land (audit D-2).
    ['x=(out/*); echo $((x))', 'ask'],
    ['ls out/*; echo $(($_))', 'ask'],
    ['cd out/*/ && echo $((${PWD##*/}))', 'ask'],
    ['printf -v x %s out/*; echo $((x))', 'ask'],
    ['f(){ echo $(($1)); }; f out/*', 'ask'],
    // Text built here from harmless pieces, or by printf, is no number either (audit F-1, F-2, F-3).
    ['n=0; printf -v n "a\\133\\044(touch p)\\135"; echo $((n))', 'ask'],
    ['n=0; printf -vn "a\\133\\044(touch p)\\135"; echo $((n))', 'ask'],
    ["a='a['; b='$(touch p)]'; n=$a$b; echo $((n))", 'ask'],
    ["a='a['; b='$(touch p)]'; echo $(($a$b))", 'ask'],
    ["n=a; n+='['; n+='$(touch p)]'; echo $((n))", 'ask'],
    ["x='a\\133\\044(touch p)\\135'; n=${x@E}; echo $((n))", 'ask'],
    ["a='a['; b='$(touch p)]'; n=$a$b; x=abc; echo ${x:n}", 'ask'],
    ['n=0; x=$(cat f); declare "n=$x"; echo $((n))', 'ask'],
    ['f(){ local n=0; local "n=$(cat f)"; echo $((n+1)); }; f', 'ask'],
    // Numbers from loops over numbers, seq and date +%s (audit F-10).
    ['for i in 1 2 3; do echo $((i*2)); done', 'allow'],
    ['for i in {1..5}; do echo $((i)); done', 'allow'],
    ['for i in $(seq 1 5); do echo $((i)); done', 'allow'],
    ['start=$(date +%s); make; echo $(($(date +%s)-start))', 'allow'],
    ['x=abc; echo $((x))', 'allow'],
    // A function or alias named like the counting program prints what it likes (audit D-1).
    ['wc(){ cat out/f; }; n=$(wc -l < out/f); echo $((n+1))', 'ask'],
    ['git(){ cat out/f; }; n=$(git rev-list --count HEAD); echo $((n+1))', 'ask'],
    ["shopt -s expand_aliases; alias wc='cat out/f; :'; n=$(wc -l < out/f); echo $((n+1))", 'ask'],
    // What `wc` prints from standard input is a number.
    ['n=$(wc -l < f); echo $((n+1))', 'allow'],
    ['n=$(git ls-files | wc -l); echo $((n + 1))', 'allow'],
    ['echo $(( $(wc -c < f) / 2 ))', 'allow'],
    ['n=$(git status --porcelain | grep -c "^ M"); echo $((n))', 'allow'],
    ['[[ $(git rev-list --count HEAD) -gt 5 ]] && echo many', 'allow'],
    // With a file operand grep may print the file's name, and wc does.
    ['n=$(grep -c x f g); echo $((n))', 'ask'],
    ['n=$(grep -c TODO src/a.ts); echo $((n+1))', 'allow'],
    ['n=$(wc -l f); echo $((n))', 'ask'],
    ['n=$(grep -e x -c); echo $((n))', 'ask'],
    // `[ -eq ]` and printf %d read a plain number, which runs nothing.
    ['n=$(cat f); [ "$n" -gt 1 ]', 'allow'],
    ['n=$(cat f); test "$n" -eq 0 && echo none', 'allow'],
    ['n=$(cat f); printf "%d\\n" "$n"', 'allow'],
    // Arithmetic on numbers alone reads no variable.
    ['echo $(cat f); echo $((1+2))', 'allow'],
    ['for f in a b; do echo $((f)); done', 'allow'],
    // Counting loops: the arithmetic reads only variables that hold numbers it made (audit D-10).
    ['count=0; for f in src/*.ts; do count=$((count+1)); done; echo $count', 'allow'],
    ['i=0; while read -r line; do i=$((i+1)); done < src/a.ts; echo $i', 'allow'],
    ['total=0; for f in src/*.ts; do n=$(wc -l < "$f"); total=$((total+n)); done; echo $total', 'allow'],
    ['errors=0; for f in src/*.ts; do node --check "$f" || errors=$((errors+1)); done', 'allow'],
    ['for f in src/*; do let n++; echo "$n $f"; done', 'allow'],
    ['for ((i=0; i<3; i++)); do echo $(cat f$i); done', 'allow'],
    // A counter that is also given a run-time value, or named by read/printf -v, is not one.
    ['n=0; n=$(cat f); echo $((n+1))', 'ask'],
    ['declare n=$(cat f); echo $((n))', 'ask'],
    ['printf -v n %s "$(cat f)"; echo $((n))', 'ask'],
    ['read -r -a arr; echo $((arr[0]))', 'ask'],
    ['read n; let m=n+1', 'ask'],
    [': ${n:=$(cat f)}; echo $((n))', 'ask'],
    ['source ./env.sh; x=$(cat f); n=0; echo $((n))', 'ask'],
    ['n=$(cat f); [[ $n -gt 0 ]]', 'ask'],
    ['f(){ echo $(($1)); }; f out/*', 'ask'],
    // Text built here from harmless pieces, or by printf, is no number either (audit F-1, F-2, F-3).
    ['n=0; printf -v n "a\\133\\044(touch p)\\135"; echo $((n))', 'ask'],
    ['n=0; printf -vn "a\\133\\044(touch p)\\135"; echo $((n))', 'ask'],
    ["a='a['; b='$(touch p)]'; n=$a$b; echo $((n))", 'ask'],
    ["a='a['; b='$(touch p)]'; echo $(($a$b))", 'ask'],
    ["n=a; n+='['; n+='$(touch p)]'; echo $((n))", 'ask'],
    ["x='a\\133\\044(touch p)\\135'; n=${x@E}; echo $((n))", 'ask'],
    ["a='a['; b='$(touch p)]'; n=$a$b; x=abc; echo ${x:n}", 'ask'],
    ['n=0; x=$(cat f); declare "n=$x"; echo $((n))', 'ask'],
    ['f(){ local n=0; local "n=$(cat f)"; echo $((n+1)); }; f', 'ask'],
    // Numbers from loops over numbers, seq and date +%s (audit F-10).
    ['for i in 1 2 3; do echo $((i*2)); done', 'allow'],
    ['for i in {1..5}; do echo $((i)); done', 'allow'],
    ['for i in $(seq 1 5); do echo $((i)); done', 'allow'],
    ['start=$(date +%s); make; echo $(($(date +%s)-start))', 'allow'],
    ['x=abc; echo $((x))', 'allow'],
    ['case $x in a*) echo $((1+y));; esac', 'allow'],
    ['[[ $x == a* ]] && echo $((y))', 'allow'],
    ['x=$(cat f); echo "$x"', 'allow'],
    // These read a name or a plain number, not a value as arithmetic.
    ['read -r line && printf -v x %s y', 'allow'],
    ['x=$(cat f); shift "$x"', 'allow'],
    ["read -r i && unset 'a[i]'", 'ask'],
    ["read -r i && printf -v 'a[i]' %s y", 'ask'],
  ])('%s -> %s', (command, effect) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    if (effect === 'ask') expect(r.reason).toContain(RUNTIME_ARITHMETIC);
  });

  test('a denied command still wins', () => {
    expect(judge(TRUSTS_ALL, 'shell', 'x=$(cat f); echo $((x)); rm -rf y').effect).toBe('deny');
  });
});

describe('code a program loads from a file the same command wrote', () => {
  test.each<[string, Effect, string]>([
    ['printf "x:\\n\\ttouch p\\n" > src/Makefile; make -C src x', 'ask', 'make loads src/Makefile'],
    ['echo "x: ; touch p" > src/build.mk; make -f src/build.mk x', 'ask', 'make loads src/build.mk'],
    ['printf "import os" > src/conftest.py; python3 -m pytest src', 'ask', 'loads src/conftest.py'],
    ['printf "[pytest]" > src/pytest.ini; pytest -c src/pytest.ini', 'ask', 'pytest loads src/pytest.ini'],
    ['printf "{}" > src/package.json; npm test --prefix src', 'ask', 'npm loads src/package.json'],
    ['echo "script-shell=/tmp/x" > src/.npmrc; npm run build --prefix src', 'ask', 'npm loads src/.npmrc'],
    ['echo "{}" > ./src//package.json && yarn --cwd src test', 'ask', 'yarn loads src/package.json'],
    ['printf x > src/t.py; python3 src/t.py', 'ask', 'python3 loads src/t.py'],
    ['echo "x" > out/t.js && node out/t.js', 'ask', 'node loads out/t.js'],
    ['git apply --directory=out p.patch && make', 'ask', 'make may load a file an earlier command here put in place'],
    // Files that are not the loader's own are judged by the fs_write rules alone.
    ['echo x > src/a.ts; npm test', 'allow', ''],
    ['echo x > src/test_a.py && python3 -m pytest src', 'allow', ''],
    ['echo x > out/log; make build', 'allow', ''],
    ['node out/t.js', 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('writes through a link the same command may have made', () => {
  const SYMLINK_PATCH = 'git -C src apply <<\'EOF\'\ndiff --git a/src/l b/src/l\nnew file mode 120000\n--- /dev/null\n+++ b/src/l\n@@ -0,0 +1 @@\n+/tmp\n\\ No newline at end of file\nEOF\n';
  test.each<[string, Effect, string]>([
    [`${SYMLINK_PATCH}echo x > src/l/p`, 'ask', 'an earlier command here'],
    ['cd src && tar -xf ../a.tar; echo done > out/log', 'ask', 'an earlier command here'],
    ['ln -s /etc out/l; echo x > out/l/passwd', 'ask', 'out/l may be a link'],
    ['ln -s /etc/passwd out/p; echo x > out/p', 'ask', 'out/p may be a link'],
    ['ln -sf /etc out/l && echo x > ./out//l/passwd', 'ask', 'out/l may be a link'],
    ['cp -l .github/agent-gate.yml out/p; echo x >> out/p', 'ask', 'out/p may be a link'],
    ['cp -r /tmp/tree out/t; echo x > out/t/a/b', 'ask', 'out/t may be a link'],
    ['ln -s /etc out/l; find . -fprint out/l/list', 'ask', 'out/l may be a link'],
    // Audit W-6: an unpacker in a pipeline does not write through the links it puts in place itself.
    ['curl -sL https://example.com/a.tgz | tar -xz -C out', 'allow', ''],
    ['tar -cf - src | tar -xf - -C out', 'allow', ''],
    ['wget -qO- https://example.com/a.zip | unzip -d out -', 'allow', ''],
    // ...but another unpacker alongside it, or a link made beside it, may.
    ['git apply --directory=out p.patch & curl -sL https://example.com/a.tgz | tar -xz -C out', 'ask', 'an earlier command here'],
    ['curl -sL https://example.com/a.tgz | tar -xz -C out & ln -s /etc out/l', 'ask', 'an earlier command here'],
    // A copy of a workspace file is a file of its own; a link elsewhere does not reach this target.
    ['cp src/a out/b; echo x > out/b', 'allow', ''],
    ['ln -s ../a.ts src/b.ts; echo x > src/c.ts', 'allow', ''],
    ['echo x > out/l; ln -s /etc out/l', 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('git in a folder the same command made look like a repository', () => {
  test.each<[string, Effect]>([
    ['git init -q src/x/objects; git init -q src/x/refs; echo "ref: refs/heads/main" > src/x/HEAD; printf "[alias]\\n\\tst = !touch p\\n" > src/x/config; git -C src/x st', 'ask'],
    ['printf "[core]\\npager = touch p\\n" > src/x/config; cd src/x; git -p log', 'ask'],
    ['git apply --directory=out p.patch; git -C src/x st', 'ask'],
    // From the workspace's top folder git finds the workspace's own .git first.
    ['echo x > src/config; git status', 'allow'],
    ['echo x > src/a.ts; git -C src diff', 'allow'],
  ])('%s -> %s', (command, effect) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    if (effect === 'ask') expect(r.reason).toContain('look like a repository');
  });
});

describe('loaders reached through options, folders, modules and standard input (audit round 17)', () => {
  test.each<[string, Effect, string]>([
    // pytest: plugins, settings files under any name, pytest.toml.
    ['printf x > out/evil.py; python3 -m pytest -q -p out.evil', 'ask', 'loads out/evil.py'],
    ['printf x > out/x.ini; pytest -q -c out/x.ini', 'ask', 'loads out/x.ini'],
    ['printf x > out/x.ini; pytest --config-file=out/x.ini', 'ask', 'loads out/x.ini'],
    ['printf x > src/pytest.toml; pytest src', 'ask', 'loads src/pytest.toml'],
    ['pytest -q -o addopts=--junitxml=/tmp/x t.py', 'ask', 'pytest -o addopts'],
    ['pytest -o pythonpath=out -p evil2', 'ask', 'pytest -o pythonpath'],
    ['export PYTEST_ADDOPTS=--junitxml=/tmp/x; pytest', 'ask', 'assignment to PYTEST_ADDOPTS'],
    ['PYTEST_PLUGINS=out.evil pytest', 'ask', 'assignment to PYTEST_PLUGINS'],
    // make: a makefile under any name, MAKEFILES, MAKEFLAGS that could carry --eval.
    ['printf x > out/rules; make -f out/rules x', 'ask', 'make loads out/rules'],
    ['printf x > out/rules; make --mak=out/rules x', 'ask', 'make loads out/rules'],
    ['printf x > out/rules; make -fout/rules x', 'ask', 'make loads out/rules'],
    ['export MAKEFILES=out/r; make x', 'ask', 'assignment to MAKEFILES'],
    ["MAKEFLAGS='--eval=x:;touch p' make x", 'ask', 'assignment to MAKEFLAGS'],
    // Interpreters: --require=, a folder, a module, standard input.
    ['echo x > out/x.js; node --require=./out/x.js -e 1', 'ask', 'node loads ./out/x.js'],
    ['echo x > out/index.js; node out', 'ask', 'node loads out'],
    ['echo x > out/y.js; node < out/y.js', 'ask', 'reads its program from standard input'],
    ['echo x > out/z.js; cat out/z.js | node', 'ask', 'reads its program from standard input'],
    ['printf x > out/m.py; python3 -m out.m', 'ask', 'python3 loads out/m.py'],
    ['printf x > out/n.py; python3 - < out/n.py', 'ask', 'reads its program from standard input'],
    ['printf x > out/__main__.py; python3 out', 'ask', 'python3 loads out'],
    // A program's own arguments are not its program.
    ['printf x > out/a.py; python3 -m black out/a.py', 'allow', ''],
    ['echo x > out/a.js; node --check out/a.js', 'allow', ''],
    ['echo x > out/a.json; python3 -m json.tool out/a.json', 'allow', ''],
    ['pytest -p no:cacheprovider -q', 'allow', ''],
    ['PYTEST_ADDOPTS="-q -x" pytest', 'allow', ''],
    ['MAKEFLAGS=-j4 make', 'allow', ''],
    ['node out/t.js < in.txt', 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('git commands that put tree contents in place (audit round 17)', () => {
  test.each<[string, Effect, string]>([
    // A checkout of another commit asks itself (audit round 30, JJ-2): it may write the policy file.
    ['git checkout -q x; echo x > out/l/p', 'ask', 'git checkout may write anything in "."'],
    ['git reset -q --hard x; echo x > out/l/p', 'ask', 'git reset may write anything in "."'],
    ['git merge -q x; echo x > out/l/p', 'ask', 'git merge may write anything in "."'],
    ['git stash pop -q; echo x > out/l/p', 'ask', 'git stash pop may write anything in "."'],
    ['git clone -q -b x ../gc out/c; echo x > out/c/out/l/p', 'ask', 'an earlier command here'],
    ['git checkout -q x; git -C out/r st', 'ask', 'git checkout may write anything in "."'],
    ['git checkout -q x && make', 'ask', 'git checkout may write anything in "."'],
    ['git -C /tmp/o checkout -q x; git -C out/r st', 'ask', 'look like a repository'],
    ['git -C /tmp/o checkout -q x && make', 'ask', 'make may load a file an earlier command here put in place'],
    // A new branch at HEAD changes no file; merged commits bring no file this command wrote.
    ['git checkout -b feat && echo x > src/a', 'allow', ''],
    ['git switch -c feat && echo x > src/a', 'allow', ''],
    ['git pull && npm install && npm test', 'ask', 'git pull may write anything in "."'],
    ["git rebase -x 'npm test' main", 'ask', 'git rebase may write anything in "."'],
    ['git stash pop && ./scripts/test.sh', 'ask', 'git stash pop may write anything in "."'],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('code that runs later than where it stands meets every write of the command (audit D-7)', () => {
  test.each<[string, Effect, string]>([
    ["trap 'echo x > out/l/p' EXIT; ln -s /tmp out/l", 'ask', 'out/l may be a link'],
    ['for i in 1 2; do echo x > out/l/p; ln -sfn /tmp out/l; done', 'ask', 'out/l may be a link'],
    ['until test -e out/l/p; do echo x > out/l/p; ln -sfn /tmp out/l; done', 'ask', 'out/l may be a link'],
    ['cat(){ echo x > out/l/p; }; ln -s /tmp out/l; cat', 'ask', 'out/l may be a link'],
    ["trap 'make -C out x' EXIT; printf 'x:' > out/Makefile", 'ask', 'make loads out/Makefile'],
    ['for i in 1 2; do make -C out x; printf x > out/Makefile; done', 'ask', 'make loads out/Makefile'],
    ['cat(){ make -C out x; }; printf x > out/Makefile; cat', 'ask', 'make loads out/Makefile'],
    ["trap 'node out/x.js' EXIT; echo x > out/x.js", 'ask', 'node loads out/x.js'],
    ["trap 'git -C out/r status' EXIT; printf x > out/r/config", 'ask', 'look like a repository'],
    ['for f in src/*.ts; do echo $f >> out/list; done', 'allow', ''],
    ['f(){ npm test; }; echo x > src/a.ts; f', 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('audit round 18: concurrent code, option clusters, PYTHONPATH, more git writers', () => {
  test.each<[string, Effect, string]>([
    // Background jobs, pipeline members, coprocesses and process substitutions run alongside what follows (F-4).
    ['(sleep 1; echo x > out/l/p) & ln -s /tmp out/l; wait', 'ask', 'out/l may be a link'],
    ['{ sleep 1; echo x > out/l/p; } | ln -s /tmp out/l', 'ask', 'out/l may be a link'],
    ['coproc { sleep 1; echo x > out/l/p; }; ln -s /tmp out/l; wait', 'ask', 'out/l may be a link'],
    ["sleep 1 && make -C out x & printf 'x:' > out/Makefile; wait", 'ask', 'make loads out/Makefile'],
    ['cat <(sleep 1; make -C out x) & printf x > out/Makefile; wait', 'ask', 'make loads out/Makefile'],
    ["nohup sh -c 'sleep 1; make -C out x' & printf x > out/Makefile; wait", 'ask', 'make loads out/Makefile'],
    ['npm test 2>&1 | tee out/test.log', 'allow', ''],
    // make -f in a cluster, relative to -C, behind ~+ (F-5).
    ['printf x > out/rules; make -sfout/rules x', 'ask', 'make loads out/rules'],
    ['printf x > out/rules; make -kf out/rules x', 'ask', 'make loads out/rules'],
    ['printf x > out/a; make -C out -f a x', 'ask', 'make loads out/a'],
    ['printf x > out/a; gmake --directory=out -f a x', 'ask', 'gmake loads out/a'],
    ['printf x > out/a; make -f ~+/out/a x', 'ask', 'make loads ./out/a'],
    // Writes behind ~+ and links cmake makes (F-6).
    ['ln -s /tmp out/l; echo x > ~+/out/l/p', 'ask', 'out/l may be a link'],
    ['cmake -E create_symlink /tmp out/l; echo x > out/l/p', 'ask', 'out/l may be a link'],
    // git bisect and sparse-checkout check trees out (F-7).
    ['git bisect start x main; echo x > out/l/p', 'ask', 'git bisect may write anything in "."'],
    ['git sparse-checkout set /src/; echo x > out/l/p', 'ask', 'git sparse-checkout set may write anything in "."'],
    // Python: PYTHONPATH, -W VALUE, -qm, pytest -qc (F-9).
    ['echo x > out/m.py; PYTHONPATH=out python3 -m m', 'ask', 'imports from out (PYTHONPATH)'],
    ['echo x > out/sitecustomize.py; export PYTHONPATH=out; python3 -c 1', 'ask', 'imports from out (PYTHONPATH)'],
    ['echo x > out/m.py; python3 -W ignore out/m.py', 'ask', 'python3 loads out/m.py'],
    ['echo x > out/m.py; python3 -qm out.m', 'ask', 'python3 loads out/m.py'],
    ['printf x > out/x.ini; pytest -qc out/x.ini out/t.py', 'ask', 'pytest loads out/x.ini'],
    ['echo x > out/a.py; python3 -qc "print(1)"', 'allow', ''],
    ['PYTHONPATH=src python3 -m pytest', 'allow', ''],
    // git's work tree and index named by variables (F-8).
    // The writes of a command that already asks are judged too (audit 49, BN-3), as if in the
    // workspace, where `git checkout HEAD -- .` may rewrite .kiro/settings: stricter than needed here.
    ['GIT_WORK_TREE=/tmp/w git checkout HEAD -- .', 'deny', '.kiro/settings'],
    ['GIT_INDEX_FILE=/tmp/i git add -A', 'ask', 'assignment to GIT_INDEX_FILE'],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_ALL, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

test('PYTHONPATH=. holds every file the command wrote (sitecustomize.py at the top)', () => {
  const writesAnywhere = policyOf({
    workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["*"]}\n  - {capability: fs_write, effect: allow, match: ["**"]}\n',
  }, ['.github/agent-gate.yml']);
  const r = judge(writesAnywhere, 'shell', 'echo x > sitecustomize.py; PYTHONPATH=. python3 -c 1');
  expect(r.effect).toBe('ask');
  expect(r.reason).toContain('imports from . (PYTHONPATH)');
  expect(judge(writesAnywhere, 'shell', 'PYTHONPATH=. python3 -m pytest').effect).toBe('allow');
});
