// SPEC 5.1, 5.2, 5.5, 5.6: which sub-commands and writes the analyser finds, and their match text.
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { command, commands, parts } from './summary.ts';

type Row = [source: string, expected: string[]];

describe('sub-commands anywhere in the tree (5.1)', () => {
  const rows: Row[] = [
    ['ls', ['ls']],
    ['a; b', ['a', 'b']],
    ['a && b || c', ['a', 'b', 'c']],
    ['a | b |& c', ['a', 'b', 'c']],
    ['a & b', ['a', 'b']],
    ['a\nb\n\nc', ['a', 'b', 'c']],
    ['(a; b)', ['a', 'b']],
    ['{ a; b; }', ['a', 'b']],
    ['echo $(rm -rf /)', ['echo $(rm -rf /)', 'rm -rf /']],
    ['echo `rm -rf /`', ['echo `rm -rf /`', 'rm -rf /']],
    ['echo `echo \\`id\\``', ['echo `echo \\`id\\``', 'echo `id`', 'id']],
    // tee's files are writes (the part after the command).
    ['cat <(curl x) >(tee y)', ['cat <(curl x) >(tee y)', 'curl x', 'tee y', 'tee y']],
    ['if a; then b; elif c; then d; else e; fi', ['a', 'b', 'c', 'd', 'e']],
    ['while a; do b; done', ['a', 'b']],
    ['until a; do b; done', ['a', 'b']],
    ['for x in $(ls); do rm "$x"; done', ['ls', 'rm $x']],
    ['for ((i=$(a); i<$(b); i++)); do c; done', ['a', 'b', 'c']],
    ['case $(a) in $(b)) c;; *) d;; esac', ['a', 'b', 'c', 'd']],
    ['select x in $(a); do b; done', ['a', 'b']],
    ['coproc a', ['a']],
    ['coproc NAME { a; }', ['a']],
    ['f() { rm -rf /; }', ['rm -rf /']],
    ['function f { a; }', ['a']],
    ['cat <<EOF\n$(rm -rf /) `id`\nEOF', ['cat', 'rm -rf /', 'id']],
    ["cat <<'EOF'\n$(rm -rf /)\nEOF", ['cat']],
    ['cat <<"EOF"\n$(rm -rf /)\nEOF', ['cat']],
    ['cat <<\\EOF\n$(rm -rf /)\nEOF', ['cat']],
    ['echo ${x:-$(rm -rf /)}', ['echo ${x:-$(rm -rf /)}', 'rm -rf /']],
    ['echo ${x/$(a)/$(b)} ${x:$(c):$(d)} ${x#$(e)} ${a[$(f)]}', [
      'echo ${x/$(a)/$(b)} ${x:$(c):$(d)} ${x#$(e)} ${a[$(f)]}', 'a', 'b', 'c', 'd', 'e', 'f',
    ]],
    ['[[ -f $(a) && $(b) == x ]]', ['a', 'b']],
    ['(( x = $(a) + y[$(b)] ))', ['a', 'b']],
    ['echo $(( 1 + $(a) ))', ['echo $(( 1 + $(a) ))', 'a']],
    ['X=$(rm -rf /)', ['rm -rf /']],
    ['X=$(a) cmd', ['cmd', 'a']],
    ['a=(x $(b))', ['b']],
    ['echo hi > $(a)', ['echo hi', 'a', '> $(a) [ask]']],
    ['for x in a $(b) c; do :; done', ['b', ':']],
    ['echo $(echo $(echo $(id)))', ['echo $(echo $(echo $(id)))', 'echo $(echo $(id))', 'echo $(id)', 'id']],
    ['{ a; } > out', ['a', '> out']],
    ['(a) 2> err', ['a', '2> err']],
    ['time a | b', ['a', 'b']],
    ['! a', ['a']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  test('the git commit heredoc idiom parses and yields the commit and cat', () => {
    const source = 'git commit -m "$(cat <<\'EOF\'\nFix: the thing\n\nBody with "quotes", $(not run) and `ticks`.\nEOF\n)"';
    const result = analyzeShell(source);
    expect(result.failure).toBeNull();
    const texts = commands(source).map((p) => p.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]?.startsWith('git commit -m $(cat <<')).toBe(true);
    expect(texts[1]).toBe('cat');
  });

  test('no cap on the number of parts (chains of more than 50)', () => {
    const chain = Array.from({ length: 500 }, (_, i) => `echo ${i}`).join(' && ');
    const out = parts(chain);
    expect(out).toHaveLength(500);
    expect(out[499]).toBe('echo 499');
    const mixed = Array.from({ length: 120 }, (_, i) => `a${i} | b${i}; c${i} || d${i}`).join('\n');
    expect(parts(mixed)).toHaveLength(480);
  });
});

describe('separators inside quotes do not split', () => {
  const rows: Row[] = [
    ["echo 'a;b' \"c && d\"", ['echo a;b c && d']],
    ["echo 'a | b' 'c || d' 'e & f'", ['echo a | b c || d e & f']],
    ['echo "$(echo ";")"', ['echo $(echo ";")', 'echo ;']],
    ['echo a\\;b', ['echo a;b']],
    ["echo '$(rm -rf /)'", ['echo $(rm -rf /)']],
    ['echo "\\$(rm -rf /)"', ['echo $(rm -rf /)']],
    ['echo \\`id\\`', ['echo `id`']],
    ['echo hi # ; rm -rf /', ['echo hi']],
    ['# rm -rf /\necho hi', ['echo hi']],
    ["echo 'hi #not a comment'", ['echo hi #not a comment']],
    ['echo a#b', ['echo a#b']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });
});

describe('match text after quote removal (5.2)', () => {
  const rows: Row[] = [
    ["'r''m' -rf /", ['rm -rf /']],
    ['\\rm -rf /', ['rm -rf /']],
    ['"rm" -rf /', ['rm -rf /']],
    ["$'\\x72m' -rf /", ['rm -rf /']],
    ["$'\\162\\155' -rf /", ['rm -rf /']],
    ["$'\\u0072m' x", ['rm x']],
    ['r\\\nm -rf /', ['rm -rf /']],
    ['rm \\\n  -rf \\\n  /', ['rm -rf /']],
    ["echo a\"b\"'c'$'d'", ['echo abcd']],
    ['echo "a\\"b"', ['echo a"b']],
    ["echo 'a'\\''b'", ["echo a'b"]],
    ['echo a\\ b', ['echo a b']],
    ['echo   a    b', ['echo a b']],
    // The text is the untranslated string; the translation is only known at run time.
    ['echo $"hello"', ['echo hello [ask]']],
    ['echo "$HOME" ~ ~/x', ['echo $HOME ~ ~/x']],
    ['ls > out -la 2>&1', ['ls -la', '> out']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  test('argv keeps words apart, without redirections', () => {
    expect(command("printf '%s x' \"a b\" >f", "printf %s x a b").argv).toEqual(['printf', '%s x', 'a b']);
  });
});

describe('assignments (5.2, 5.6)', () => {
  test('leading assignments are kept out of text but not out of textWithAssignments', () => {
    const p = command('FOO=1 BAR="a b" npm test', 'npm test');
    expect(p.assignments).toEqual(['FOO=1', 'BAR=a b']);
    expect(p.textWithAssignments).toBe('FOO=1 BAR=a b npm test');
    expect(p.forceAsk).toBeNull();
  });

  test('no assignments: textWithAssignments equals text', () => {
    const p = command('npm test', 'npm test');
    expect(p.assignments).toEqual([]);
    expect(p.textWithAssignments).toBe('npm test');
  });

  const dangerous: Row[] = [
    ['PATH=/tmp ls', ['ls [ask]']],
    ['IFS=x read a', ['read a [ask]']],
    ['LD_PRELOAD=/x.so ls', ['ls [ask]']],
    ['DYLD_INSERT_LIBRARIES=/x ls', ['ls [ask]']],
    ['BASH_ENV=/x bash s.sh', ['bash s.sh [ask]']],
    ['ENV=/x sh', ['sh [ask]']],
    ['PROMPT_COMMAND=x a', ['a [ask]']],
    ['PATH+=:/tmp a', ['a [ask]']],
    ['CDPATH=/ GLOBIGNORE=x PS4=x SHELLOPTS=x BASHOPTS=x a', ['a [ask]']],
    ['PATH=/tmp', [' [ask]']],
    ['x=1; PATH=/tmp; y=2', [' [ask]']],
    ['export PATH=/tmp', ['export PATH=/tmp [ask]']],
    ['export "IFS=x"', ['export IFS=x [ask]']],
    ['declare -x LD_LIBRARY_PATH=/x', ['declare -x LD_LIBRARY_PATH=/x [ask]']],
    ['typeset PATH=/x', ['typeset PATH=/x [ask]']],
    ['local BASH_ENV=/x', ['local BASH_ENV=/x [ask]']],
    ['readonly PS4=x', ['readonly PS4=x [ask]']],
    ['declare -n ref=PATH', ['declare -n ref=PATH [ask]']],
    ['read -r PATH', ['read -r PATH [ask]']],
    ['printf -v IFS x', ['printf -v IFS x [ask]']],
    ['env PATH=/tmp ls', ['env PATH=/tmp ls [ask]']],
    ['sudo LD_PRELOAD=x ls', ['sudo LD_PRELOAD=x ls [ask]']],
    ['echo ${PATH:=/tmp}', ['echo ${PATH:=/tmp} [ask]']],
    ['(( IFS = 1 ))', [' [ask]']],
    ['for PATH in /tmp; do ls; done', ['ls', ' [ask]']],
  ];
  test.each(dangerous)('dangerous: %j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  const harmless: Row[] = [
    ['x=1', []],
    ['x=$(a)', ['a']],
    ['path=/tmp ls', ['ls']],
    ['MYPATH=/tmp ls', ['ls']],
    ['export FOO=1', ['export FOO=1']],
    ['export PATH', ['export PATH']],
    ['echo PATH=/tmp', ['echo PATH=/tmp']],
    ['env FOO=1 ls', ['env FOO=1 ls']],
  ];
  test.each(harmless)('harmless: %j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  test('a dangerous standalone assignment has an empty argv', () => {
    const [p] = commands('PATH=/tmp');
    expect(p?.argv).toEqual([]);
    expect(p?.text).toBe('');
    expect(p?.textWithAssignments).toBe('PATH=/tmp');
    expect(p?.forceAsk).toContain('PATH');
  });
});

describe('redirections (5.5)', () => {
  const rows: Row[] = [
    ['echo hi > f', ['echo hi', '> f']],
    ['echo hi >> f', ['echo hi', '>> f']],
    ['echo hi &> f', ['echo hi', '&> f']],
    ['echo hi &>> f', ['echo hi', '&>> f']],
    ['echo hi >| f', ['echo hi', '>| f']],
    ['echo hi 2> f', ['echo hi', '2> f']],
    ['echo hi 3>> f', ['echo hi', '3>> f']],
    ['exec 3<> f', ['exec', '3<> f']],
    ['echo hi >& f', ['echo hi', '>& f']],
    ['echo hi >&f', ['echo hi', '>& f']],
    ['echo hi {fd}> f', ['echo hi', '{fd}> f']],
    ['echo hi >"a b"', ['echo hi', '> a b']],
    ['echo hi > ~/.bashrc', ['echo hi', '> ~/.bashrc']],
    ['echo hi > /etc/passwd', ['echo hi', '> /etc/passwd']],
    ['echo hi > "$f"', ['echo hi', '> $f [ask]']],
    ['echo hi > $f', ['echo hi', '> $f [ask]']],
    ['echo hi > *.txt', ['echo hi', '> *.txt [ask]']],
    ['echo hi > f{1,2}', ['echo hi', '> f{1,2} [ask]']],
    ['echo hi >&$fd', ['echo hi', '>& $fd [ask]']],
    ['echo hi > /dev/null', ['echo hi']],
    ['echo hi > /dev/stdout 2> /dev/stderr', ['echo hi']],
    ['echo hi > /dev/fd/3', ['echo hi']],
    ['echo hi &> /dev/null', ['echo hi']],
    ['echo hi 2>&1', ['echo hi']],
    ['echo hi 1>&2 3>&-', ['echo hi']],
    ['echo hi >&2', ['echo hi']],
    ['echo hi 2>&1-', ['echo hi']],
    ['cat < f', ['cat']],
    ['cat 0< f <&3', ['cat']],
    ['cat <<< "hi"', ['cat']],
    ['cat <<EOF\nhi\nEOF', ['cat']],
    ['echo hi > >(tee log)', ['echo hi', 'tee log', 'tee log']],
    ['{ a; b; } > out 2>&1', ['a', 'b', '> out']],
    ['(a) >> log', ['a', '>> log']],
    ['if a; then b; fi > out', ['a', 'b', '> out']],
    ['while read l; do echo $l; done < in > out', ['read l', 'echo $l', '> out']],
    ['> f', ['> f']],
    ['echo a > f; echo b > g', ['echo a', '> f', 'echo b', '> g']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  test('a write carries operator, target as written and its source', () => {
    const w = analyzeShell('echo hi 2>> ~/"my log"').parts.find((p) => p.kind === 'write');
    expect(w).toEqual({ kind: 'write', target: '~/my log', operator: '2>>', forceAsk: null, source: '2>> ~/"my log"' });
  });
});

describe('dynamic command word (5.6)', () => {
  const rows: Row[] = [
    ['$CMD arg', ['$CMD arg [ask]']],
    ['"$CMD" arg', ['$CMD arg [ask]']],
    ['${CMD:-rm} -rf /', ['${CMD:-rm} -rf / [ask]']],
    ['$(which rm) -rf /', ['$(which rm) -rf / [ask]', 'which rm']],
    ['`which rm` x', ['`which rm` x [ask]', 'which rm']],
    ['/bin/r? x', ['/bin/r? x [ask]']],
    ['/bin/r* x', ['/bin/r* x [ask]']],
    ['/bin/[r]m x', ['/bin/[r]m x [ask]']],
    ['{rm,-rf,/}', ['{rm,-rf,/} [ask]']],
    ['r{m,x} /', ['r{m,x} / [ask]']],
    ['~/bin/tool x', ['~/bin/tool x']],
    ['echo $CMD', ['echo $CMD']],
    ['echo ${x@P}', ['echo ${x@P} [ask]']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });
});

describe('here-strings and heredocs', () => {
  const rows: Row[] = [
    ['cat <<< $(rm -rf /)', ['cat', 'rm -rf /']],
    ["cat <<< 'a;b'", ['cat']],
    ['cat <<-EOF\n\t$(a)\n\tEOF', ['cat', 'a']],
    ['cat <<A <<B\n$(a)\nA\n$(b)\nB', ['cat', 'a', 'b']],
    ['cat <<EOF | grep x\n$(a)\nEOF\necho after', ['cat', 'a', 'grep x', 'echo after']],
    ['cat <<EOF > out\nhi\nEOF', ['cat', '> out']],
    ['x=$(cat <<EOF\nhi\nEOF\n)', ['cat']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });
});

describe('part fields', () => {
  test('source is the text of the command in the input', () => {
    const [a, b] = commands('FOO=1 npm test > out; ls -la');
    expect(a?.source).toBe('FOO=1 npm test > out');
    expect(b?.source).toBe('ls -la');
  });

  test('nested parts come after the command that holds them, in source order', () => {
    expect(parts('a $(b) > $(c); d')).toEqual(['a $(b)', 'b', 'c', '> $(c) [ask]', 'd']);
  });

  test('a plain command has no views, no wrapper flag and no forceAsk', () => {
    expect(command('npm test', 'npm test')).toEqual({
      kind: 'command', argv: ['npm', 'test'], assignments: [], text: 'npm test', textWithAssignments: 'npm test',
      views: [], wrapper: false, forceAsk: null, source: 'npm test',
    });
  });
});

// Links a command makes, which check follows for later log entries (src/check/logs.ts).
describe('links made with ln', () => {
  // The destination may be a folder that exists: the link is then made in it, under the
  // source's name. Both places are kept; the one that is not made only adds a place to look.
  const rows: Array<[source: string, links: Array<{ path: string; target: string }> | undefined]> = [
    ['ln -s secrets lnk', [{ path: 'lnk', target: 'secrets' }, { path: 'lnk/secrets', target: 'secrets' }]],
    ['ln -sf ../secrets src/l', [{ path: 'src/l', target: '../secrets' }, { path: 'src/l/secrets', target: '../secrets' }]],
    ['ln -s ~/.ssh keys', [{ path: 'keys', target: '~/.ssh' }, { path: 'keys/.ssh', target: '~/.ssh' }]],
    // A hard link's source is read from the shell's folder, a symlink's target from the link's.
    ['ln secrets/token src/hard', [{ path: 'src/hard', target: '../secrets/token' }, { path: 'src/hard/token', target: '../../secrets/token' }]],
    ['cd src && ln -s ../secrets l', [
      { path: 'l', target: '../secrets' }, { path: 'src/l', target: '../secrets' },
      { path: 'l/secrets', target: '../secrets' }, { path: 'src/l/secrets', target: '../secrets' },
    ]],
    // A destination that is surely a folder is not the link (audit round 22, Q-7).
    ['ln -s /etc out/', [{ path: 'out/etc', target: '/etc' }]],
    ['ln -st docs ../secrets', [{ path: 'docs/secrets', target: '../secrets' }]],
    ['ln -sT ../secrets docs/keys', [{ path: 'docs/keys', target: '../secrets' }]],
    ['ln -s "$t" lnk', undefined],
    // cp -s makes symbolic links, cp -l hard ones; ln -r writes the target from the link's folder.
    ['cp -s /abs/a b', [{ path: 'b', target: '/abs/a' }, { path: 'b/a', target: '/abs/a' }]],
    ['cp -l secrets/k src/', [{ path: 'src/k', target: '../secrets/k' }]],
    ['ln -sr secrets src/l', [{ path: 'src/l', target: '../secrets' }, { path: 'src/l/secrets', target: '../../secrets' }]],
    ["l''n -s secrets lnk", [{ path: 'lnk', target: 'secrets' }, { path: 'lnk/secrets', target: 'secrets' }]],
    ['cmake -E create_symlink ../secrets src/l', [{ path: 'src/l', target: '../secrets' }]],
    ['echo ln -s secrets lnk', undefined],
  ];
  test.each(rows)('%j', (source, links) => {
    expect(analyzeShell(source).links).toEqual(links);
  });

  // Past 64 links the rest were dropped silently, and a later entry's write through one of them
  // (`echo k >> d/.ssh/authorized_keys`) was not followed. Past 32 sources the command asks.
  test.each([
    [30, null],
    [40, 'known only at run time (or too many to follow)'],
  ])('ln -s with %i targets into a folder: the links kept, or why it asks', (n, why) => {
    const source = `ln -s ${Array.from({ length: n - 1 }, (_, i) => `../t${i}`).join(' ')} ~/.ssh d/`;
    const a = analyzeShell(source);
    expect(a.parts[0]?.forceAsk ?? null).toEqual(why === null ? null : expect.stringContaining(why));
    if (why === null) expect(a.links).toContainEqual({ path: 'd/.ssh', target: '~/.ssh' });
  });
});
