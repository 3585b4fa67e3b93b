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
    ['git format-patch --output-directory secrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git format-patch -osecrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git format-patch --output-dir secrets/p HEAD~1', 'deny', 'secrets/p'],
    ['git diff --outp=secrets/p', 'deny', 'secrets/p'],
    ['git diff --stat', 'allow', null],
    [`find . -name '*.ts' -exec grep -l foo {} +`, 'allow', null],
  ])('%s -> %s', (command, effect, written) => {
    const r = judge(TRUSTS_FIND_AND_GIT, 'shell', command);
    expect(r.effect).toBe(effect);
    if (written !== null) expect(r.parts).toContainEqual(expect.objectContaining({ capability: 'fs_write', text: written }));
  });
});
