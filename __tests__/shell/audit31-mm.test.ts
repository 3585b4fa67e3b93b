// Audit MM (round 31): command words that run another program than their text names, assignments
// that wrappers dropped, the locale bash reads its input in, variables that name where a command
// writes, and write targets that are not valid UTF-8. Every row marked "was allow" (or "was ask")
// got that effect before the fix.
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { judge, policyOf } from '../helpers/policy.ts';
import { shellTable, type ShellRow } from '../helpers/shell-table.ts';

// The audit's pol.yml and pol2.yml in one: a few allowed programs, the repository's scripts, and
// a deny for rm and evil.
const POL = policyOf({
  workspace: `
rules:
  - capability: shell
    effect: allow
    match: ["echo *", "cat *", "true", "ls *", "sort *", "mkdir *", "export *", "declare *", "read *", "printf *",
      "./scripts/*", "bin/*", "npm*", "tools/run.sh *", "../node_modules/.bin/*", "../tools/*", "time *", "pytest *",
      "LC_ALL=* sort *", "LANG=* sort *", "LOCPATH=* sort *", "LC_CTYPE=* sort *", "env *", "mktemp *", "curl *", "python3 *",
      "FOO=1 npm test*"]
  - capability: shell
    effect: deny
    match: ["rm *", "evil *", "evil"]
  - capability: fs_write
    effect: allow
    match: ["src/**", "out/**", "/tmp/**"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**", "**/.env"]
`,
});

/** No workspace rules: the built-in default scope alone (`git status *`, `which *`…). */
const DEFAULTS = policyOf({});

describe('MM-1: a command word holding whitespace is not matched as PROGRAM ARGS', () => {
  shellTable(POL, 'pol.yml', [
    // was allow ("echo *"): bash runs /bin/sh through a folder named `echo `.
    ["mkdir 'echo ' && 'echo /../../../../../bin/sh' -c 'rm -rf ~'", 'deny', 'the sh -c string is judged'],
    ["'echo /../../../../../bin/sh' -c 'rm -rf ~'", 'deny', 'the sh -c string is judged'],
    // was allow: the inner string is harmless, but the program is not echo.
    ["'echo /../../../../../bin/sh' -c 'echo hi'", 'ask', 'whitespace in the command word'],
    ["'echo /../../../../../usr/bin/env' rm x", 'deny', 'env is transparent'],
    // was allow
    ["'echo hi'", 'ask', 'a program named "echo hi"'],
    ["'echo /bin/sh'", 'ask', 'a file in the folder "echo "'],
    // Asked before as well (`echo *` needs a space), now also for the tab in the command word.
    ["'echo\t/x'", 'ask', 'a tab is whitespace too'],
    // was allow: a wrapped command word holding whitespace.
    ["time 'echo /../../../../bin/sh' -c 'echo hi'", 'ask', 'inside a transparent wrapper'],
    // Unchanged: spaces in arguments, and quoted command words without whitespace.
    ["echo 'a b' c", 'allow', 'whitespace in an argument'],
    ["'echo' hi", 'allow', 'a quoted command word'],
    ["ls 'my dir'", 'allow', 'whitespace in an argument'],
  ]);
  shellTable(DEFAULTS, 'built-in defaults only', [
    // was allow (default rule "git status *")
    ["'git status /../../../../bin/sh' -c 'rm -rf ~'", 'deny', 'the built-in deny of rm -rf ~ sees the sh -c string'],
    // was allow
    ["'git status /../../../../bin/sh' -c 'echo hi'", 'ask', 'sh, not git status'],
    // was allow (default rule "which *")
    ["'which /../../../usr/bin/python3' -c 'import os'", 'ask', 'python3, not which'],
    ['git status', 'allow', 'unchanged'],
  ]);
  test('the inner sh -c string becomes its own part', () => {
    const a = analyzeShell("'echo /../../../../../bin/sh' -c 'rm -rf ~'");
    expect(a.parts.map((p) => (p.kind === 'command' ? p.text : p.target))).toContain('rm -rf ~');
  });
});

describe('MM-3: a relative command path that climbs out is read as the program it names', () => {
  shellTable(POL, 'pol2.yml', [
    // was allow ("./scripts/*")
    ["./scripts/../../../../../bin/sh -c 'rm -rf ~'", 'deny', 'sh -c: inner rm'],
    ['./scripts/../../../../../usr/bin/env rm -rf x', 'deny', 'env: inner rm'],
    ['./scripts/../../../../../usr/bin/sudo rm -rf x', 'deny', 'sudo: inner rm'],
    ['./scripts/../../../../../usr/bin/xargs rm -rf x', 'deny', 'xargs: inner rm'],
    ["./scripts/../../../../../bin/bash -c 'echo x > secrets/k'", 'deny', 'bash -c: the write to secrets/'],
    ["./scripts/../../../../../bin/bash -c 'echo x'", 'ask', 'which program runs is not known'],
    ['./scripts/../../../../../usr/bin/python3 -c 1', 'ask', 'python3, not a script of the folder'],
    ['./scripts/../../../../../tmp/x', 'ask', 'a program outside the folder'],
    ['./scripts/../../x', 'ask', 'climbs out'],
    // was allow ("bin/*")
    ["bin/../../../../../bin/sh -c 'rm x'", 'deny', 'sh -c: inner rm'],
    ['bin/../../x', 'ask', 'climbs out'],
    // was allow ("npm*")
    ["npm/../../../../../bin/sh -c 'rm x'", 'deny', 'sh -c: inner rm'],
    // was ask, with the inner rm never judged.
    ["../../../../../bin/sh -c 'rm x'", 'deny', 'a plain ../ path that names /bin/sh at the root'],
    // was allow ("../tools/*")
    ["../tools/../../../../bin/sh -c 'echo hi'", 'ask', '../ with a name/.. in it'],
    ["/tmp/x/../../bin/sh -c 'rm x'", 'deny', 'unchanged: an absolute path'],
    // Unchanged: paths that stay in their folder, and a plain leading ../.
    ['./scripts/build.sh', 'allow', 'a script of the folder'],
    ['./scripts/../scripts/build.sh', 'allow', 'a name/.. that does not climb out'],
    ['bin/tool --flag', 'allow', 'a program of the folder'],
    ['../node_modules/.bin/jest', 'allow', 'a plain leading ../'],
    ['../node_modules/.bin/jest --ci', 'allow', 'a plain leading ../'],
    ['../tools/gen.sh x', 'allow', 'a plain leading ../'],
    ['tools/run.sh x', 'allow', 'unchanged'],
  ]);
  test('the basename and the root-relative spelling are views', () => {
    const a = analyzeShell('./scripts/../../../bin/evil x');
    const part = a.parts[0];
    expect(part?.kind === 'command' ? part.views : []).toEqual(expect.arrayContaining(['evil x', '../../bin/evil x', '/bin/evil x']));
  });
});

describe('MM-4: assignments in front of a wrapper reach the command it runs (SPEC 5.2)', () => {
  shellTable(POL, 'pol.yml with "npm*", "pytest *" and "echo *" allowed', [
    ['X=1 npm test', 'ask', 'SPEC 5.2 itself'],
    // was allow: the assignment was dropped by the wrapper.
    ['X=1 time npm test', 'ask', 'time'],
    ['PYTHONPATH=/tmp/evil command pytest -q', 'ask', 'command'],
    ["X=1 bash -c 'echo hi'", 'ask', 'bash -c'],
    ["X=1 sh -c 'echo hi'", 'ask', 'sh -c'],
    ['X=1 timeout 5 echo hi', 'ask', 'timeout'],
    ['X=1 nice echo hi', 'ask', 'nice'],
    ['X=1 command echo hi', 'ask', 'command'],
    ['X=1 exec echo hi', 'ask', 'exec'],
    ["X=1 eval 'echo hi'", 'ask', 'eval'],
    ['X=1 xargs echo hi', 'ask', 'xargs'],
    ['X=1 nohup echo hi', 'ask', 'nohup'],
    ['X=1 env echo hi', 'ask', 'env'],
    ['X=1 time nice echo hi', 'ask', 'nested wrappers'],
    ["X=1 bash -c 'time echo hi'", 'ask', 'a wrapper inside the string'],
    // An allow that names the assignments still allows.
    ['FOO=1 time npm test', 'allow', 'the rule names FOO=1, and time is transparent'],
    ['FOO=1 npm test --ci', 'allow', 'the rule names FOO=1'],
    ['FOO=1 nice npm test', 'allow', 'the rule names FOO=1, and nice is transparent'],
    // Unchanged without assignments.
    ['time npm test', 'allow', 'no assignment'],
    ["bash -c 'echo hi'", 'allow', 'no assignment'],
    ['command pytest -q', 'allow', 'no assignment'],
    ["bash -c 'FOO=1 npm test'", 'allow', 'the assignment is in the string, and the rule names it'],
  ]);
  test('the inner part carries the assignments in its allow text', () => {
    const a = analyzeShell("FOO=1 bash -c 'BAR=2 echo hi'");
    const inner = a.parts.find((p) => p.kind === 'command' && p.text === 'echo hi');
    expect(inner?.kind === 'command' ? inner.textWithAssignments : null).toBe('FOO=1 BAR=2 echo hi');
  });
  test('a host that is not transparent was allowed with its assignments, and hands none on', () => {
    const a = analyzeShell('FOO=1 find . -name x -exec cat {} +');
    const inner = a.parts.find((p) => p.kind === 'command' && p.text === 'cat {}');
    expect(inner?.kind === 'command' ? inner.textWithAssignments : null).toBe('cat {}');
  });
});

// GBK reads the last byte of 丁 (E4 B8 81) and the `\` after it as one character, so the quote
// after them closes the string there; this analyser reads the bytes as UTF-8.
const GBK_PAYLOAD = 'echo "丁\\"; rm -rf ~; echo 丁\\""';

describe('MM-5: setting the locale to a charset other than UTF-8 asks', () => {
  shellTable(POL, 'pol.yml', [
    // was allow
    [`LC_ALL=zh_CN.GBK bash -c '${GBK_PAYLOAD}'`, 'ask', 'assignment to LC_ALL'],
    [`LC_CTYPE=zh_TW.BIG5 nice bash -c '${GBK_PAYLOAD}'`, 'ask', 'assignment to LC_CTYPE'],
    [`export LC_ALL=zh_CN.GBK\n${GBK_PAYLOAD}`, 'ask', 'export LC_ALL'],
    ['export LC_ALL=zh_CN.GBK', 'ask', 'export LC_ALL'],
    ['export LANG=ja_JP.SJIS', 'ask', 'export LANG'],
    ['declare -x LC_CTYPE=zh_TW.Big5', 'ask', 'declare -x'],
    ['printf -v LC_ALL %s zh_CN.GBK', 'ask', 'printf -v'],
    ['read LANG', 'ask', 'read: a value only known at run time'],
    ['LC_ALL=zh_CN.GB18030 sort x', 'ask', 'allowed text, but not UTF-8'],
    ['LC_ALL=/tmp/loc/zh_CN sort x', 'ask', 'a path to locale files'],
    ['LC_ALL=$L sort x', 'ask', 'a value only known at run time'],
    ['LOCPATH=/tmp/loc sort x', 'ask', 'LOCPATH picks where any locale comes from'],
    ['export LOCPATH=/usr/lib/locale', 'ask', 'LOCPATH always asks'],
    ['env LC_ALL=zh_CN.GBK sort x', 'ask', 'env assignment'],
    // Unchanged: C, POSIX, UTF-8 locales and an empty value.
    ['LC_ALL=C sort x', 'allow', 'C'],
    ['LC_ALL=POSIX sort x', 'allow', 'POSIX'],
    ['LC_ALL=C.UTF-8 sort x', 'allow', 'C.UTF-8'],
    ['LANG=en_US.UTF-8 sort x', 'allow', 'UTF-8'],
    ['LANG=en_US.utf8 sort x', 'allow', 'utf8'],
    ['LC_CTYPE=de_DE.UTF-8@euro sort x', 'allow', 'UTF-8 with a modifier'],
    ['LANG= sort x', 'allow', 'empty'],
    ['export LC_ALL=C', 'allow', 'C'],
    ['export LANG=en_US.UTF-8 LC_ALL=C.UTF-8', 'allow', 'UTF-8'],
    ['export LANG', 'allow', 'no new value'],
    ['echo $LANG', 'allow', 'reading it'],
  ]);
});

describe('MM-8: TMPDIR, SSLKEYLOGFILE and PYTHONPYCACHEPREFIX are dangerous variables', () => {
  shellTable(POL, 'pol.yml with mktemp, curl and python3 allowed', [
    // was allow
    ['export TMPDIR=$HOME/.kiro/settings; mktemp', 'ask', 'export TMPDIR'],
    ['export TMPDIR=secrets; mktemp', 'ask', 'export TMPDIR'],
    ['export TMPDIR=secrets\nmktemp -d', 'ask', 'export TMPDIR'],
    ['TMPDIR=secrets nice mktemp', 'ask', 'TMPDIR in front of a wrapper'],
    ['env TMPDIR=secrets mktemp', 'ask', 'env assignment'],
    ['declare -x TMPDIR=secrets', 'ask', 'declare -x'],
    ['read TMPDIR', 'ask', 'read'],
    ['export SSLKEYLOGFILE=$HOME/.kiro/settings/mcp.json; curl https://example.com', 'ask', 'export SSLKEYLOGFILE'],
    ['export PYTHONPYCACHEPREFIX=$HOME/.kiro/settings; python3 -m compileall src', 'ask', 'export PYTHONPYCACHEPREFIX'],
    // Unchanged
    ['mktemp', 'allow', 'no TMPDIR set'],
    ['echo $TMPDIR', 'allow', 'reading it'],
    ['python3 -m compileall src', 'allow', 'unchanged'],
  ]);
});

describe('MM-2: a write target whose bytes are not valid UTF-8 is a malformed path', () => {
  const rows: ShellRow[] = [
    // was allow ("src/**"): bash writes a name holding the byte 0xFF, which check denies.
    ["echo x > $'src/\\xff'", 'deny', 'redirection'],
    ["echo x > $'src/\\777'", 'deny', 'an octal escape is one byte'],
    ["echo x >> $'out/a\\xe9b'", 'deny', 'a lone lead byte'],
    ["echo x > $'src/\\xc3'", 'deny', 'a sequence cut short'],
    ["echo x > $'src/\\xed\\xa0\\x80'", 'deny', 'a surrogate is no UTF-8'],
    ["echo x 2> src/$'\\x80'log", 'deny', 'joined to other text'],
    ["echo x > \"src/\"$'\\xff'", 'deny', 'after a quoted part'],
    ["touch $'src/\\xfe'", 'deny', 'an operand write'],
    ["cp a $'src/\\xff'", 'deny', 'an operand write'],
    // Unchanged: valid UTF-8, written as bytes or as a character, and U+FFFD itself.
    ["echo x > $'src/\\xc3\\xa9'", 'allow', 'é in bytes'],
    ["echo x > $'src/\\u00e9'", 'allow', 'é as a character'],
    ["echo x > $'src/\\uFFFD'", 'allow', 'U+FFFD is valid'],
    ['echo x > src/\uFFFD', 'allow', 'U+FFFD is valid'],
    ["echo x > $'src/a\\\\xff'", 'allow', 'an escaped backslash, then text'],
    ["echo $'\\xff' > src/a", 'allow', 'the bad byte is in an argument, not the target'],
  ];
  shellTable(POL, 'pol.yml', rows);
  test('the deny is kiro rule #5 (malformed path), as check gives', () => {
    const r = judge(POL, 'shell', "echo x > $'src/\\xff'");
    expect(r.effect).toBe('deny');
    expect(r.rule).toMatchObject({ scope: 'kiro', index: 5, pattern: 'malformed path' });
  });
});
