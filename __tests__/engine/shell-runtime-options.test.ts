// Audit round 20 (K-1, K-2, K-3, K-5, K-6): a word bash only builds when the command runs
// (`$(…)`, `${x:-…}`, `$*`) was read as a plain argument. Split at run time it became the command
// a wrapper runs; standing where an option could, it became `--exec=…`, `--output=…` or make's
// `X!=CMD`. Every `ask` and `deny` row below was `allow` before the fix.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const POLICY = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: shell, effect: deny, match: ["rm *", "curl *", "git push *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
`,
}, ['.github/agent-gate.yml']);

type Row = [command: string, effect: Effect];

function table(name: string, rows: readonly Row[]): void {
  describe(name, () => {
    test.each(rows)('%j -> %s', (command, effect) => {
      expect(judge(POLICY, 'shell', command).effect).toBe(effect);
    });
  });
}

table('a word that splits where a wrapper takes a value or duration may hold the command (K-1)', [
  ['timeout $(echo 5 rm -rf y)', 'ask'],
  ['timeout ${x:-5 rm -rf y}', 'ask'],
  ['timeout -s KILL $(echo 5 rm -rf y)', 'ask'],
  ['echo | xargs -n $(echo 1 rm -rf y)', 'ask'],
  ['env -u $(echo X rm -rf y)', 'ask'],
  ['env -C $(echo / rm -rf y)', 'ask'],
  ['git -C $(echo . push origin main)', 'ask'],
  ["find . -name $(echo x -o -exec rm -rf y ';')", 'ask'],
  ['f() { timeout $*; }; f 5 rm -rf y', 'ask'],
  ['nice -n $(echo 5 rm -rf y)', 'ask'],
  ['stdbuf -o ${x:-0 rm -rf y}', 'ask'],
  ['watch -n ${x:-1 rm -rf y}', 'ask'],
  ['npx -p ${x:-x rm -rf y}', 'ask'],
  ['sudo -u ${x:-root rm -rf y}', 'ask'],
  ['trap $(echo rm EXIT)', 'ask'],
  ['su $(echo -c rm root)', 'ask'],
  ["trap 'npm test' EXIT", 'allow'],
  // Quoted, a value stays one word: it cannot hold the command (a quoted word where an option
  // could stand still asks: it may be one that takes the next word).
  ['timeout -s "$SIG" 5 npm test', 'allow'],
  ['timeout "$(echo 5)" npm test', 'ask'],
  ["find . -name \"$(echo x)\" -print", 'allow'],
  ['git -C "$dir" status', 'allow'],
]);

table('a word only known at run time where an option of a sub-command could stand (K-2)', [
  ['git rebase "$(echo \'--exec=rm -rf y\')" HEAD~1', 'ask'],
  ['git rebase ${x:-"--exec=rm -rf y"} HEAD~1', 'ask'],
  ['git log $(echo --output=secrets/x)', 'ask'],
  ['git log ${x:---output=secrets/x}', 'ask'],
  ['git fetch $(echo --upload-pack=rm) .', 'ask'],
  ['git difftool $(echo -x rm)', 'ask'],
  ['git grep $(echo -Orm) x', 'ask'],
  ["git submodule $(echo foreach) 'rm -rf y'", 'ask'],
  ['git bisect $(echo run rm -rf y)', 'ask'],
  // A literal start does not make an operand where the word may be the sub-command's keyword.
  ['git submodule "f$(echo oreach)" "rm -rf y"', 'ask'],
  ['git bisect "r$(echo un)" rm -rf y', 'ask'],
  ['git submodule update --init', 'allow'],
  ['npm pkg "s$(echo et)" "scripts.test=rm -rf y"', 'ask'],
  ['npm config "s$(echo et)" script-shell=/tmp/x', 'ask'],
  ['npm pkg get name', 'allow'],
  ['git config $(echo core.pager rm); git log', 'ask'],
  ['python3 -m pytest $(echo --basetemp=secrets)', 'ask'],
  ['pytest "$OPTS"', 'ask'],
  ['npm test $(echo --script-shell=rm)', 'ask'],
  ['make -f /dev/null $(echo --eval=x)', 'ask'],
  // A literal start that is not `-` makes an operand; `--name=$x` is the option it names; after
  // `--` every word is an operand; sub-commands with no such option are not held to this.
  ['git log "origin/$branch"', 'allow'],
  ['git log --format="%H $x"', 'allow'],
  ['git log -- "$file"', 'allow'],
  // An alias or a git-<name> program may stand for any sub-command, rebase included.
  ['git config alias.x rebase; git x "$(echo --exec=rm -rf y)"', 'ask'],
  ['git lg $(echo --output=secrets/x)', 'ask'],
  ['git commit -m "$(cat msg.txt)"', 'allow'],
  ['git checkout "$branch"', 'ask'],
  ['git tag -a "v$version" -m "$(cat notes)"', 'allow'],
  ['git add "$f"', 'allow'],
  ['npm run build -- --grep "$x"', 'allow'],
  ['python3 -m pytest "tests/$name"', 'allow'],
]);

table('xargs and find -exec fill in words that may be options (K-3)', [
  ['echo 5 rm -rf y | xargs timeout', 'ask'],
  ['xargs -a src/list timeout', 'ask'],
  ['echo 5 rm -rf y | xargs -I{} timeout {}', 'ask'],
  ["echo 'X!=rm -rf y' | xargs -d '\\n' make", 'ask'],
  ['echo --basetemp=secrets | xargs python3 -m pytest', 'ask'],
  ['git ls-files | xargs -I{} python3 -m pytest {}', 'ask'],
  // A file find found may be named `X!=CMD`, which make reads as a definition wherever it stands.
  ['find . -exec make {} \\;', 'ask'],
  ['xargs -I{} echo {}', 'allow'],
  ['git ls-files | xargs grep -n TODO', 'allow'],
  // find's names start with the starting point `./`, so they are not pytest options.
  ['find . -name "test_*.py" -exec python3 -m pytest {} +', 'allow'],
]);

table('make reads variables given on its command line before any makefile (K-5)', [
  ["make 'X!=rm -rf y'", 'deny'],
  ["make -n 'X!=rm -rf y'", 'deny'],
  ["make -j4 'X!=rm -rf y' all", 'deny'],
  ["make 'X!=npm test'", 'allow'],
  ["make 'X:=$(shell rm -rf y)'", 'ask'],
  ["make '$(shell rm -rf y)=1'", 'ask'],
  ["make 'CC=$(shell id)'", 'ask'],
  ['make SHELL=/tmp/x all', 'ask'],
  ["make '.SHELLFLAGS=-c rm'", 'ask'],
  ['make MAKEFLAGS=--eval=x', 'ask'],
  ['make $(echo X!=rm)', 'ask'],
  ['make -j$(nproc)', 'ask'],
  ['make CC=clang test', 'allow'],
  ['make -C src all', 'allow'],
  ['make -j4', 'allow'],
  // Audit round 23 (T-4): recipes paste a variable's value into the lines sh runs.
  ["make CC='rm -rf y #'", 'deny'],
  ["make RM='rm -rf y #' clean", 'deny'],
  ["make CFLAGS='; rm -rf y #'", 'deny'],
  ["make CFLAGS='`rm -rf y`'", 'deny'],
  ["make CFLAGS='-O2 && true'", 'ask'],
  ["make --eval=x 'X!=rm -rf y'", 'deny'],
  ["make -E x 'X!=rm -rf y'", 'deny'],
  ["make -- 'X!=rm -rf y'", 'deny'], // U-11: make reads definitions after -- too
  ["CC='rm -rf y #' make", 'deny'], // U-17: and its environment
  ["env CC='rm -rf y #' make && CC='rm -rf y #' nice make", 'deny'], // W-1: through env, or before a wrapper
  ['MAKEFLAGS=--eval=x make', 'ask'],
  ['make MAKEFLAGS=-j4 && make MFLAGS=--no-print-directory all', 'allow'], // jobs and printing only
  ["make -j4 CFLAGS='-O2 -Wall' PREFIX=/usr/local install", 'allow'],
]);

table('npm explore runs what follows the package, with or without -- (K-6)', [
  ["npm explore xpk 'rm -rf y'", 'deny'],
  ['npm explore xpk rm y', 'deny'],
  ["npm explore xpk -- 'rm -rf y'", 'deny'],
  // An option before the package may have taken the word read as the package.
  ['npm explore --prefix out xpk rm y', 'deny'],
  ['npm explo xpk rm y', 'deny'],
  ["npm explore xpk 'npm ls'", 'allow'],
]);

table('a word only known at run time where an option of another modelled tool could stand', [
  ['tar "$(echo --to-command=rm)" -xf a.tar', 'ask'],
  ['rsync $(echo -e rm) a b', 'ask'],
  ['ssh $(echo -oProxyCommand=rm) host', 'ask'],
  ['cargo $(echo --config=target.x.runner=rm) run', 'ask'],
  ['man $(echo -P rm) ls', 'ask'],
  ['go test $(echo -exec=rm)', 'ask'],
  ['sort $(echo --compress-program=rm) f', 'ask'],
  ['split $(echo --filter=rm) f', 'ask'],
  ['apt-get $(echo -oAPT::Update::Pre-Invoke::=rm) update', 'ask'],
  ['tar -czf "out/backup-$(date +%F).tgz" src', 'ask'], // an archive written under a name only known at run time, as `> "$f"` asks
  ['tar -czf out/backup.tgz "src-$(date +%F)"', 'allow'],
  ['ssh host "ls $d"', 'allow'],
  ['go test ./...', 'allow'],
]);
