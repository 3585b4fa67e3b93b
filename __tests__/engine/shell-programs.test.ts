// awk and make run shell commands from programs in their own languages (src/shell/programs.ts).
// Under a policy that trusts both, every `ask` and `deny` row below was `allow` before the fix.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const TRUSTS_AWK_AND_MAKE = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["awk *", "gawk *", "mawk *", "make *", "touch *", "ls"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
`,
}, ['.github/agent-gate.yml']);

describe('awk programs', () => {
  test.each<[string, Effect, string]>([
    // The command inside system() is judged: a denied one stays denied.
    [`awk 'BEGIN{system("rm -rf /tmp/x")}'`, 'deny', 'rm -rf /tmp/x'],
    [`awk 'BEGIN{system("touch /tmp/p")}'`, 'ask', 'system()'],
    [`awk 'BEGIN { system ( "touch p" ) }'`, 'ask', 'system()'],
    [`awk 'BEGIN{print "x" | "rm -rf y"}'`, 'deny', 'rm -rf y'],
    [`awk 'BEGIN { "rm -rf y" | getline d }'`, 'deny', 'rm -rf y'],
    [`awk 'BEGIN{print "x" | "touch p"}'`, 'ask', 'through a pipe'],
    [`gawk 'BEGIN{print "x" |& "touch p"}'`, 'ask', 'through a pipe'],
    [`awk 'BEGIN{print "x" > "/tmp/p"}'`, 'ask', 'writes to a file'],
    [`awk '{ printf "%s", $0 >> "out" }' f`, 'ask', 'writes to a file'],
    [`awk -f prog.awk data`, 'ask', 'reads a program from a file'],
    [`awk --file=prog.awk data`, 'ask', 'reads a program from a file'],
    [`gawk -i lib data`, 'ask', 'reads a program from a file'],
    [`gawk -e 'BEGIN{system("touch p")}'`, 'ask', 'system()'],
    [`gawk --source 'BEGIN{system("touch p")}'`, 'ask', 'system()'],
    [`gawk '@load "x"; BEGIN{}'`, 'ask', '@load'],
    [`mawk -W exec prog.awk`, 'ask', 'may read a program'],
    [`gawk --dump-variables=/tmp/v 'BEGIN{}'`, 'ask', 'writes a file'],
    [`awk "$PROG" data`, 'ask', 'not static'],
    [`awk -- 'BEGIN{system("touch p")}'`, 'ask', 'system()'],
    [`awk -F, -v x=1 'BEGIN{system("touch p")}'`, 'ask', 'system()'],
    // Everyday programs: strings, regexes, comparisons and comments do not count.
    [`awk '{print $2}' f`, 'allow', ''],
    [`awk -F: '{print $1}' /etc/passwd`, 'allow', ''],
    [`awk 'NR>1' f`, 'allow', ''],
    [`awk '/a|b/' f`, 'allow', ''],
    [`awk '$3 > 100 {print $1}' f`, 'allow', ''],
    [`awk '{ s += $1 } END { print s / NR }' f`, 'allow', ''],
    [`awk '{ print "a | b > c" }' f`, 'allow', ''],
    [`awk '$1 ~ /x|y/ { n++ } # a | b\nEND { print n }' f`, 'allow', ''],
    [`awk 'a || b { print }' f`, 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_AWK_AND_MAKE, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('make', () => {
  test.each<[string, Effect, string]>([
    [`make --eval='x: ; touch p' x`, 'ask', 'runs recipes given on the command line'],
    [`make --ev 'x: ; touch p' x`, 'ask', 'runs recipes given on the command line'],
    [`make -E 'x: ; touch p' x`, 'ask', 'runs recipes given on the command line'],
    [`make -kE'x: ; touch p' x`, 'ask', 'runs recipes given on the command line'],
    ['make -f - x <<EOF\nx:\n\ttouch p\nEOF', 'ask', 'reads a makefile from a stream'],
    [`make -f /dev/stdin x`, 'ask', 'reads a makefile from a stream'],
    [`make --file=/dev/fd/3 x`, 'ask', 'reads a makefile from a stream'],
    [`make -f <(echo 'x: ; touch p') x`, 'ask', 'only known at run time'],
    [`make test`, 'allow', ''],
    [`make -C src -j4 build`, 'allow', ''],
    [`make -f build/Makefile all`, 'allow', ''],
  ])('%s -> %s', (command, effect, fragment) => {
    const r = judge(TRUSTS_AWK_AND_MAKE, 'shell', command);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(fragment);
  });
});

describe('npm pkg set --json stores the decoded value', () => {
  const TRUSTS_NPM_AND_ECHO = policyOf({
    workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["npm *", "echo *"]}\n  - {capability: shell, effect: deny, match: ["rm *"]}\n',
  }, ['.github/agent-gate.yml']);
  test.each<[string, Effect]>([
    // Read as shell text, the JSON string is one word that starts with `echo `.
    [`npm pkg set --json 'scripts.q="echo x; rm -rf y"'`, 'deny'],
    [`npm pkg set 'scripts.q="echo x; touch p"' --json`, 'ask'],
    [`npm pkg set --json 'scripts={"q":"echo x; rm -rf y"}'`, 'deny'],
    [`npm pkg set --json 'scripts.q=not json'`, 'ask'],
    [`npm pkg set --json 'scripts.q="echo ok"'`, 'allow'],
    [`npm pkg set 'scripts.q=echo ok'`, 'allow'],
  ])('%s -> %s', (command, effect) => {
    expect(judge(TRUSTS_NPM_AND_ECHO, 'shell', command).effect).toBe(effect);
  });
});

describe('files find and git write because an option names them are fs_write requests', () => {
  const TRUSTS_FIND_AND_GIT = policyOf({
    workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["find *", "git *", "grep *"]}\n  - {capability: fs_write, effect: allow, match: ["out/**"]}\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n',
  }, ['.github/agent-gate.yml']);
  test.each<[string, Effect, string | null]>([
    ['find . -maxdepth 0 -fprint /tmp/p', 'ask', '/tmp/p'],
    ['find . -fprint secrets/list', 'deny', 'secrets/list'],
    ['find . -fls secrets/list', 'deny', 'secrets/list'],
    [`find . -fprintf secrets/list '%p'`, 'deny', 'secrets/list'],
    ['find . -fprint0 out/list', 'allow', 'out/list'],
    [`find . -name '*.pyc' -delete`, 'ask', null],
    ['git diff --no-index --output=secrets/p a b', 'deny', 'secrets/p'],
    ['git log --output /tmp/p', 'ask', '/tmp/p'],
    ['git archive -o secrets/x.tar HEAD', 'deny', 'secrets/x.tar'],
    ['git format-patch -o out/p HEAD~1', 'allow', 'out/p'],
    // -s is --signoff here: read as taking a value it hid the -o after it.
    ['git format-patch -s -o out/p HEAD~1', 'allow', 'out/p'],
    ['git format-patch --output-directory secrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git format-patch -osecrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git format-patch --output-dir secrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git diff --outp=secrets/p', 'deny', 'secrets/p'],
    ['git diff --stat', 'allow', null],
    // Other sub-commands' options that name what they write (audit round 17).
    ['git config -f secrets/c core.x y', 'deny', 'secrets/c'],
    ['git config --file=secrets/c a.b c', 'deny', 'secrets/c'],
    ['git config -fsecrets/c a.b c', 'deny', 'secrets/c'],
    ['git checkout-index -a --prefix=secrets/p/', 'deny', 'secrets/p/'],
    ['git --work-tree=secrets/w restore -s HEAD -W -- .', 'deny', 'secrets/w'],
    ['git --work-tree /tmp/w reset --hard', 'ask', '/tmp/w'],
    ['git fast-export --export-marks=secrets/m HEAD', 'deny', 'secrets/m'],
    ['git credential-store --file=secrets/s store', 'deny', 'secrets/s'],
    ['git config user.name x', 'allow', null],
    // More writers named by options, operands or variables (audit F-8).
    ['git diagnose -o secrets/d', 'deny', 'secrets/d'],
    ['git read-tree --index-output=secrets/i HEAD', 'deny', 'secrets/i'],
    ['git bundle create secrets/b HEAD', 'deny', 'secrets/b'],
    ['git commit-graph write --object-dir=secrets/o', 'deny', 'secrets/o'],
    ['git bundle create out/b.bundle HEAD', 'allow', 'out/b.bundle'],
    // Writers named by a setting, a short option or an operand (audit K-7).
    ['git -c format.outputDirectory=secrets format-patch -1', 'deny', 'secrets'],
    ['git -c Format.OutputDirectory=secrets -c alias.fp=format-patch fp -1', 'deny', 'secrets'],
    ['git -c format.outputDirectory=out/p format-patch -1', 'allow', 'out/p'],
    ['git config format.outputDirectory secrets; git format-patch -1', 'deny', 'secrets'],
    ['git config set --local format.outputDirectory /tmp/p', 'ask', '/tmp/p'],
    ['git clone -c format.outputDirectory=secrets https://example.com/r out/r', 'deny', 'secrets'],
    ['git --config-env=format.outputDirectory=D format-patch -1', 'ask', null],
    ['git bugreport -o secrets', 'deny', 'secrets'],
    ['git bugreport -osecrets/b', 'deny', 'secrets/b'],
    ['git pack-objects secrets/x', 'deny', 'secrets/x-*.pack'],
    ['git pack-objects --window 10 -q --depth=5 secrets/x < list', 'deny', 'secrets/x-*.idx'],
    ['git index-pack -o secrets/x p.pack', 'deny', 'secrets/x'],
    ['git index-pack secrets/p.pack', 'deny', 'secrets/p.idx'],
    ['git index-pack --stdin secrets/p.pack', 'deny', 'secrets/p.pack'],
    ['git merge-file secrets/x a b', 'deny', 'secrets/x'],
    ['git merge-file -L x -L y -q secrets/x a b', 'deny', 'secrets/x'],
    ['git merge-file -p --no-stdout secrets/x a b', 'deny', 'secrets/x'],
    ['git merge-file "$L" a secrets/x b', 'deny', 'secrets/x'],
    // What they write is named elsewhere, or nothing is written.
    // Audit round 28 (DD-8): without -o the patches land where git stands, here the top, which
    // no rule of this policy allows (a stored format.outputDirectory is not known here).
    ['git format-patch -1', 'ask', '.'],
    ['git config format.outputDirectory', 'allow', null],
    ['git merge-file -p a b c', 'allow', null],
    ['git merge-file --stdout secrets/x a b', 'allow', null],
    ['git merge-file -qp secrets/x a b', 'allow', null],
    ['git merge-file out/m a b', 'allow', 'out/m'],
    ['git pack-objects --stdout < list', 'allow', null],
    ['git pack-objects out/p < list', 'allow', 'out/p-*.pack'],
    ['git index-pack -o out/p.idx secrets/p.pack', 'allow', 'out/p.idx'],
    ['git bugreport -o out/b', 'allow', 'out/b'],
    [`find . -name '*.ts' -exec grep -l foo {} +`, 'allow', null],
  ])('%s -> %s', (command, effect, written) => {
    const r = judge(TRUSTS_FIND_AND_GIT, 'shell', command);
    expect(r.effect).toBe(effect);
    if (written !== null) expect(r.parts).toContainEqual(expect.objectContaining({ capability: 'fs_write', text: written }));
  });
});

// sed ends a regex at its delimiter only outside a bracket expression, as GNU sed's match_slash
// does (audit K-4). Each ask row was allow: the `/` inside `[…]` was read as the end, and the
// `w` file name that followed swallowed the `e` after it.
describe('sed bracket expressions', () => {
  const TRUSTS_SED = policyOf({
    workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["sed *", "echo *"]}\n  - {capability: shell, effect: deny, match: ["rm *"]}\n  - {capability: fs_write, effect: allow, match: ["out/**", "src/**"]}\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n',
  }, ['.github/agent-gate.yml']);
  test.each<[string, Effect, string | null]>([
    [`sed -n 's/[/]/w out/;1e rm -rf y' src/in`, 'ask', null],
    [`echo 'rm -rf y #/' | sed 's/[/]/w out/e'`, 'ask', null],
    [`sed 's/[]/]/w out/e' src/in`, 'ask', null],
    [`sed 's/[^]/]/w out/e' src/in`, 'ask', null],
    [`sed 's/[[=/=]]/w out/e' src/in`, 'ask', null],
    [`sed 's/[[./.]]/w out/e' src/in`, 'ask', null],
    [`sed 's/[[:alpha:]/]/w out/e' src/in`, 'ask', null],
    [`sed 's|[|]|w out/|e' src/in`, 'ask', null],
    // In an address too, `/regex/` and `\cREGEXc`.
    [`sed -n '/[/w out/]/e' src/in`, 'ask', null],
    [`sed -n '\\,[,w out/],e' src/in`, 'ask', null],
    // A bracket left open: sed rejects the script, and so it cannot be read here.
    [`sed 's/[/x/' src/in`, 'ask', null],
    // The replacement and y are not regexes: `[` there is a plain character.
    [`sed 's/x/[/w out/z' src/in`, 'allow', 'out/z'],
    [`sed 's/[/]/X/w secrets/z' src/in`, 'deny', 'secrets/z'],
    [`sed -n '/[/]/w out/x' src/in`, 'allow', 'out/x'],
    [`sed 'y/[/]/' src/in`, 'allow', null],
    [`sed 's/[a-z]/X/' f`, 'allow', null],
    [`sed -n '/[/]/p' f`, 'allow', null],
    [`sed 's/[]]/X/g;s/[^]/]*$//' f`, 'allow', null],
    [`sed 's/[[:space:]]*$//' f`, 'allow', null],
  ])('%s -> %s', (command, effect, written) => {
    const r = judge(TRUSTS_SED, 'shell', command);
    expect(r.effect).toBe(effect);
    if (written !== null) expect(r.parts).toContainEqual(expect.objectContaining({ capability: 'fs_write', text: written }));
  });
});

describe('files sed and pytest write are fs_write requests', () => {
  const TRUSTS_SED_AND_PYTEST = policyOf({
    workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["sed *", "sh *", "git *", "xargs *", "find *", "pytest *", "py.test *", "python3 -m pytest *", "python -m pytest *", "python3.12 -m pytest *"]}\n  - {capability: fs_write, effect: allow, match: ["out/**", "src/**"]}\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n',
  }, ['.github/agent-gate.yml']);
  test.each<[string, Effect, string | null]>([
    // sed's w command, the w flag of s, and -i (with its backup) write files.
    [`sed -n '1w /tmp/p' f`, 'ask', '/tmp/p'],
    [`sed 's/h/H/w secrets/p' f`, 'deny', 'secrets/p'],
    [`sed -e 's/a/b/' -e 'W secrets/q' f`, 'deny', 'secrets/q'],
    [`sed --expression='$w  secrets/r' f`, 'deny', 'secrets/r'],
    ['sed -i s/a/b/ /tmp/o.txt', 'ask', '/tmp/o.txt'],
    ['sed -ni s/a/b/p secrets/k', 'deny', 'secrets/k'],
    ['sed --in-place s/a/b/ secrets/k', 'deny', 'secrets/k'],
    ['sed -i.bak s/a/b/ src/a.txt', 'allow', 'src/a.txt.bak'],
    [`sed -i'secrets/*' s/a/b/ src/a.txt`, 'deny', 'secrets/a.txt'],
    ['sed -i s/a/b/ src/a.txt out/b.txt', 'allow', 'out/b.txt'],
    [`sed -i "$S" src/a.txt`, 'ask', null],
    // The files rewritten are only known at run time.
    [`sh -c 'sed -i "s/ *$//" "$1"' _ src/a.ts`, 'ask', null],
    [`git ls-files -z | xargs -0 sed -i 's/a/b/'`, 'ask', null],
    [`find . -name '*.ts' -exec sed -i 's/a/b/' {} +`, 'ask', null],
    [`sed -n '1w /dev/stdout' f`, 'allow', null],
    [`sed --sandbox -n '1w /tmp/p' f`, 'allow', null],
    ['sed s/a/b/ f', 'allow', null],
    // Audit round 23 (T-6, T-7): BSD (macOS) sed takes `-i`'s suffix from the next word.
    [`sed -i '' -e 's/a/b/' src/a.txt`, 'allow', 'src/a.txt'],
    [`sed -i '' 's/foo/bar/g' src/a.txt`, 'allow', 'src/a.txt'],
    [`sed -i '' 's/x/y/w secrets/k' src/a.txt`, 'deny', 'secrets/k'],
    [`sed -i '' 'w .github/agent-gate.yml' src/a.txt`, 'deny', '.github/agent-gate.yml'],
    [`sed -i .bak -e 's/a/b/' secrets/k`, 'deny', 'secrets/k'],
    [`sed -i .bak '1w secrets/k' src/a.txt`, 'deny', 'secrets/k'],
    [`sed -i '' -e 's/a/b/' secrets/k`, 'deny', 'secrets/k'],
    // W-7: an option after a bare -i is GNU's, not a BSD suffix.
    [`sed -i -e 's/a/b/' -e 's/c/d/' src/a.txt`, 'allow', 'src/a.txt'],
    // pytest's report, log and temporary folders; --basetemp empties its folder first.
    ['python3 -m pytest -q --basetemp=/tmp/victim', 'ask', '/tmp/victim'],
    ['python3 -m pytest --junitxml=secrets/r.xml', 'deny', 'secrets/r.xml'],
    ['python3.12 -m pytest --junit-xml secrets/r.xml', 'deny', 'secrets/r.xml'],
    ['python -m pytest --log-file secrets/log', 'deny', 'secrets/log'],
    ['pytest --debug=secrets/d.log', 'deny', 'secrets/d.log'],
    ['pytest --debug secrets/d.log', 'deny', 'secrets/d.log'],
    ['pytest --cov-report=html:secrets/h', 'deny', 'secrets/h'],
    ['py.test -o cache_dir=secrets/c', 'deny', 'secrets/c'],
    ['pytest --junitxml=out/r.xml src', 'allow', 'out/r.xml'],
    ['pytest "--junitxml=$F"', 'ask', null],
    ['pytest -k "a or b" src', 'allow', null],
    ['pytest --rootdir=secrets/r', 'deny', 'secrets/r'],
    ['python3 -m pytest src', 'allow', null],
  ])('%s -> %s', (command, effect, written) => {
    const r = judge(TRUSTS_SED_AND_PYTEST, 'shell', command);
    expect(r.effect).toBe(effect);
    if (written !== null) expect(r.parts).toContainEqual(expect.objectContaining({ capability: 'fs_write', text: written }));
  });
});
