// SPEC 5.7: fail closed on unparseable input and past the bounds; suspicious characters; empty input.
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { MAX_DEPTH, MAX_HEREDOCS_PER_LINE, MAX_INPUT_BYTES } from '../../src/shell/parse.ts';
import { parts } from './summary.ts';

describe('unparseable input fails closed', () => {
  const rows: string[] = [
    'echo "unterminated',
    "echo 'unterminated",
    "echo $'unterminated",
    'echo `unterminated',
    'echo $(unterminated',
    'echo ${unterminated',
    'echo $((1 + 2)',
    "cat <<'EOF\nbody\nEOF",
    'cat <<"EOF\nbody',
    'a ;; b',
    ';;',
    'a;;',
    'a |',
    '| a',
    'a &&',
    '&& a',
    'a || || b',
    'a & & b',
    ';',
    'a ; ; b',
    '(a',
    'a)',
    '{ a',
    '{ a }',
    'if a; then b',
    'if a; then b; fi fi',
    'for x in a; do b',
    'while a; do b; done done',
    'case x in a) b',
    'fi',
    'then',
    'done',
    'esac',
    'echo >',
    'echo > ;',
    'echo (',
    'a ( b c',
    '! &',
    'time && a',
    'a | !',
    '[[ a b ]]',
    '[[ -f ]]',
    'echo $(a ;; b)',
    'echo "$(a |)"',
    'cat <(a &&)',
    'echo ${x:-$(;;)}',
    'x=$(a |)',
    'echo > $(a |)',
    'echo @(a|b)',
    'echo > 2>&1',
    'cat <<<1>x',
    'coproc a esac',
    'a | \\',
    'if\\',
    // bash accepts these, the analyser fails them on purpose:
    'cat <<EOF\nno end', // a heredoc that never ends (SPEC 5.7); bash only warns
    'cat <<EOF',
    'echo `a |`', // bash parses backticks and heredoc bodies only when it runs them
    'cat <<EOF\n$(a |)\nEOF',
    'echo ${x\\\n:-$(id)}', // unbash cannot read this parameter operation, which hides a command
    'cat 1<(rm -rf ~)', // bash runs rm; unbash sees a plain word
    'cat 2>(rm -rf ~)',
    'x=<(rm -rf ~) y', // unbash splits the assignment from its process substitution
    // Inputs unbash accepts and bash rejects (found by the differential test): guarded.
    'func=x f() { :; }',
    '>x f() { :; }',
    'function> f { :; }',
    'for (i=0;i<3;i++)); do :; done',
    'for x in a; do b\n; done',
    'a\n; b',
    'echo a(b',
    'echo a)',
    '{ ! }',
    '(a || !)',
    '[[ > ]]',
    '[[ ; == x ]]',
    '[[ ( a == &) ]]',
    '[[ x == a|b ]]',
    '[[ x =~ a;b ]]',
    '[[ *(a) == b ]]',
    '[[ x\n== y ]]',
    '[[ x\n&& y ]]',
    'echo $[1',
    'echo $[1[+]',
    'echo "$[1"',
    'echo ${|x',
    'exec->{fd}>file',
    '>a+=(4)',
    'case x in @(a|b)) ;; esac',
  ];
  test.each(rows)('%j', (source) => {
    const result = analyzeShell(source);
    expect(result.failure).not.toBeNull();
    expect(result.parts).toEqual([]);
    expect(result.empty).toBe(false);
  });

  const valid: string[] = [
    '[[ x =~ ^(a|b)$ ]]',
    '[[ x == @(a|b) ]]',
    '[[ x != !(a) ]]',
    '[[ x =~ a\\>b ]]',
    '[[ a &&\n b ]]',
    '[[\n x ]]',
    'f() { :; }',
    'function f { :; }',
    'case x in a) b\n;; esac',
    'case x in a) b;& c) d;;& esac',
    'cat <<EOF; echo hi\n;\nEOF',
    'a & b',
    'a;b',
    'echo a\\(b',
    "echo '(' \"a|b\"",
    '! a',
    'a || !',
    'time',
    'echo ${x/(/y}',
    'echo $(( (1 + 2) * 3 ))',
    'a=(1 2)',
    'declare -a a=(1 2)',
    'diff <(a) <(b)',
    'echo a<(b)c',
  ];
  test.each(valid)('valid bash that looks close to those is analysed: %j', (source) => {
    expect(analyzeShell(source).failure).toBeNull();
  });

  test('the failure says what went wrong', () => {
    expect(analyzeShell('echo "x').failure).toMatch(/unterminated double quote/);
    expect(analyzeShell('cat <<EOF\nx').failure).toMatch(/unterminated heredoc/);
  });
});

describe('bounds', () => {
  test(`input over ${MAX_INPUT_BYTES} UTF-8 bytes fails before parsing`, () => {
    const big = `echo ${'a'.repeat(MAX_INPUT_BYTES)}`;
    expect(analyzeShell(big).failure).toMatch(/over 1048576 bytes/);
    const atLimit = `#${'a'.repeat(MAX_INPUT_BYTES - 1)}`;
    expect(analyzeShell(atLimit).failure).toBeNull();
    // 3 bytes per character in UTF-8: fewer UTF-16 units than the limit, more bytes.
    const wide = `echo '${'€'.repeat(400_000)}'`;
    expect(analyzeShell(wide).failure).toMatch(/bytes/);
  });

  test('a 1 MiB script of simple commands is analysed', () => {
    const line = 'echo hello world && ls -la /tmp | grep x\n';
    const source = line.repeat(Math.floor(MAX_INPUT_BYTES / line.length));
    const result = analyzeShell(source);
    expect(result.failure).toBeNull();
    expect(result.parts.length).toBe(3 * Math.floor(MAX_INPUT_BYTES / line.length));
  });

  const nest = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);
  const nestings: [name: string, build: (n: number) => string][] = [
    ['$( )', (n) => `echo ${nest('$(', 'x', ')', n)}`],
    ['backticks', (n) => {
      let s = 'x';
      for (let i = 0; i < n; i++) s = `\`echo ${s.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
      return `echo ${s}`;
    }],
    ['( )', (n) => nest('( ', 'x', ' )', n)],
    ['{ }', (n) => nest('{ ', 'x; ', '}; ', n).replace(/; $/, '')],
    ['if', (n) => nest('if a; then ', 'x; ', 'fi; ', n).replace(/; $/, '')],
    ['<( )', (n) => `cat ${nest('<(cat ', 'x', ')', n)}`],
    ['${x:-}', (n) => `echo ${nest('${x:-', 'x', '}', n)}`],
    ['"$( )"', (n) => `echo ${nest('"$(echo ', 'x', ')"', n)}`],
  ];
  test.each(nestings)(`nesting %s up to ${MAX_DEPTH} passes, deeper fails`, (_name, build) => {
    const backticks = _name === 'backticks';
    // Backticks double their escapes at each level, so they are tested at a smaller size.
    if (!backticks) expect(analyzeShell(build(MAX_DEPTH)).failure).toBeNull();
    else expect(analyzeShell(build(12)).failure).toBeNull();
    if (!backticks) expect(analyzeShell(build(MAX_DEPTH + 1)).failure).toMatch(/nesting|depth/);
  });

  test('100 and 10,000 nested $( ) fail quickly', () => {
    for (const n of [100, 10_000]) {
      const start = Date.now();
      expect(analyzeShell(`echo ${'$('.repeat(n)}x${')'.repeat(n)}`).failure).not.toBeNull();
      expect(Date.now() - start).toBeLessThan(2000);
    }
  });

  test(`more than ${MAX_HEREDOCS_PER_LINE} heredocs waiting on one line fail closed`, () => {
    const many = (n: number): string => `cat${' <<EOF'.repeat(n)}\n${'EOF\n'.repeat(n)}`;
    expect(analyzeShell(many(MAX_HEREDOCS_PER_LINE)).failure).toBeNull();
    expect(analyzeShell(many(MAX_HEREDOCS_PER_LINE + 1)).failure).toMatch(/heredocs on one line/);
    expect(analyzeShell(`cat${' <<<a'.repeat(1000)}`).failure).toBeNull();
  });

  test('adversarial inputs finish quickly (no quadratic blow-up)', () => {
    const fill = (unit: string, prefix = '', suffix = ''): string =>
      prefix + unit.repeat(Math.floor((300_000 - prefix.length - suffix.length) / unit.length)) + suffix;
    const inputs = [
      fill(' <<EOF', 'cat'),
      fill('a ', 'nice '.repeat(60)),
      fill('a ', 'sudo timeout 1 '.repeat(30)),
      fill("-S '' ", 'env ', 'x'),
      fill('a=$(b) ', '', 'c'),
      fill('"$(a)" ', 'echo '),
      fill('-exec a \\; ', 'find . '),
      fill('[[ a == b ]] && ', '', 'x'),
      fill('\u00a0', "echo '", "'"),
      `${'$('.repeat(60)}${'a '.repeat(150_000)}${')'.repeat(60)}`,
      // The dash/ksh reading of `\"` in backquotes after `<<` (audit 40, AN-2) was one regular
      // expression from each `<<`: quadratic, over 30 s for these.
      fill('\necho "<<"', "sh -c 'cat <<<a", "'"),
      fill('\necho "<<"', "ksh -c 'cat <<<a", "'"),
      // The sftp/ftp command check read the blanks before and after a `-` or `@` as two runs side
      // by side: quadratic in a long run of blanks in a heredoc.
      fill(' ', "sftp h <<< 'ls\n", "x'"),
      fill(' ', "lftp -c 'ls;", "x'"),
    ];
    for (const source of inputs) {
      const start = Date.now();
      analyzeShell(source);
      expect(Date.now() - start).toBeLessThan(3000);
    }
  });

  test('pathological trees do not overflow the stack', () => {
    const inputs = [
      `echo $((${'1+'.repeat(200_000)}1))`,
      `echo $((${'-'.repeat(100_000)}1))`,
      `[[ a${' && a'.repeat(100_000)} ]]`,
      `echo ${'a'.repeat(10)}${' | a'.repeat(50_000)}`,
      `${'! '.repeat(10_000)}a`,
      `echo ${'$((('.repeat(2000)}1${')))'.repeat(2000)}`,
      `${'a=$(b) '.repeat(20_000)}c`,
    ];
    for (const source of inputs) {
      expect(() => analyzeShell(source)).not.toThrow();
    }
  });
});

describe('suspicious characters outside quotes', () => {
  const flagged: string[] = [
    'echo\u00a0hi',
    'ls\r',
    'ls\r\necho hi',
    'echo hi\u0085',
    'echo \u200b',
    'echo \u200f',
    'echo \u2028',
    'echo \u2029',
    'echo \u202e',
    'echo \u2060',
    'echo \u2064',
    'echo \u2066',
    'echo \u2069',
    'echo \ufeff',
    '\ufeffecho hi',
    'echo \u0007',
    'echo \u001b[31m',
    'echo \u007f',
    'echo hi # \u202e comment',
    'echo a\\\u00a0b',
    'echo $(echo \u00a0)',
    'echo "$(echo \u00a0)"',
    "bash -c 'echo\u00a0hi'",
    'echo `echo \u200b`',
  ];
  test.each(flagged)('%j', (source) => {
    const result = analyzeShell(source);
    expect(result.failure).toBeNull();
    expect(result.suspicious).toMatch(/^suspicious character U\+[0-9A-F]{4}/);
  });

  const clean: string[] = [
    'echo hi\tthere',
    'echo a\nb',
    "echo '\u00a0'",
    'echo "\u202e"',
    "echo $'\u200b'",
    'echo $"\u2028"',
    "printf '\u001b[31m'",
    "cat <<'EOF'\n\u202e\u00a0\nEOF",
    'cat <<EOF\n\u202e $x\nEOF',
    "echo \"$(echo '\u00a0')\"",
    'echo $\'\\r\\u00a0\'',
    'echo "é ü 日本 😀"',
    'echo é',
  ];
  test.each(clean)('not flagged: %j', (source) => {
    const result = analyzeShell(source);
    expect(result.failure).toBeNull();
    expect(result.suspicious).toBeNull();
  });

  test('the suspicious report names the character and where it is', () => {
    expect(analyzeShell('ls\u00a0-la').suspicious).toBe('suspicious character U+00A0 outside quotes at offset 2');
  });
});

describe('empty input', () => {
  const empty: string[] = ['', ' ', '\n\n', '\t \n', '# just a comment', '  # comment\n# another\n', '\\\n'];
  test.each(empty)('%j is empty', (source) => {
    expect(analyzeShell(source)).toEqual({ parts: [], failure: null, suspicious: null, empty: true });
  });

  const notEmpty: string[] = ['x=1', ':', 'true # comment', 'f() { :; }'];
  test.each(notEmpty)('%j is not empty', (source) => {
    expect(analyzeShell(source).empty).toBe(false);
  });

  test('a harmless assignment yields no part but is not empty', () => {
    expect(parts('x=1')).toEqual([]);
  });
});

describe('never throws', () => {
  test('odd values', () => {
    expect(analyzeShell(undefined as unknown as string).failure).not.toBeNull();
    expect(analyzeShell(42 as unknown as string).failure).not.toBeNull();
    expect(analyzeShell('\u0000').failure).toBeNull();
    expect(analyzeShell('\ud800').failure).toBeNull();
  });
});
