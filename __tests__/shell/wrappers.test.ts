// SPEC 5.3 (tightening views) and 5.4 (transparent wrappers).
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { command, parts } from './summary.ts';

type Row = [source: string, expected: string[]];

describe('transparent wrappers (5.4)', () => {
  const rows: Row[] = [
    ['time rm x', ['rm x']],
    ['command time -p rm x', ['command time -p rm x [wrapper]', 'time -p rm x [wrapper]', 'rm x']],
    // GNU time writes its report to the -o file: a write like a redirection's.
    ['/usr/bin/time -f %e -o t.txt rm x', ['/usr/bin/time -f %e -o t.txt rm x [wrapper]', 'rm x', 'time -o t.txt']],
    ['timeout 5 rm x', ['timeout 5 rm x [wrapper]', 'rm x']],
    ['timeout -s KILL 5 rm x', ['timeout -s KILL 5 rm x [wrapper]', 'rm x']],
    ['timeout -sKILL -k 2 --preserve-status 5s rm x', ['timeout -sKILL -k 2 --preserve-status 5s rm x [wrapper]', 'rm x']],
    ['timeout --signal=TERM 5 rm x', ['timeout --signal=TERM 5 rm x [wrapper]', 'rm x']],
    ['nice rm x', ['nice rm x [wrapper]', 'rm x']],
    ['nice -n 10 rm x', ['nice -n 10 rm x [wrapper]', 'rm x']],
    ['nice -10 rm x', ['nice -10 rm x [wrapper]', 'rm x']],
    ['nice --adjustment=5 rm x', ['nice --adjustment=5 rm x [wrapper]', 'rm x']],
    ['nohup rm x', ['nohup rm x [wrapper]', 'rm x']],
    ['command rm x', ['command rm x [wrapper]', 'rm x']],
    ['command -p rm x', ['command -p rm x [wrapper]', 'rm x']],
    ['command -v rm', ['command -v rm']],
    ['command -V rm', ['command -V rm']],
    ['builtin echo x', ['builtin echo x [wrapper]', 'echo x']],
    ['exec rm x', ['exec rm x [wrapper]', 'rm x']],
    ['exec -a name -c rm x', ['exec -a name -c rm x [wrapper]', 'rm x']],
    ['exec > log', ['exec', '> log']],
    ['stdbuf -oL rm x', ['stdbuf -oL rm x [wrapper]', 'rm x']],
    ['stdbuf -o L -e0 --input=0 rm x', ['stdbuf -o L -e0 --input=0 rm x [wrapper]', 'rm x']],
    ['setsid -f rm x', ['setsid -f rm x [wrapper]', 'rm x']],
    ['watch -n 1 rm x', ['watch -n 1 rm x [wrapper]', 'rm x']],
    ['watch -d -n1 "ls; rm x"', ['watch -d -n1 ls; rm x [wrapper]', 'ls', 'rm x']],
    ['watch -x rm "a b"', ['watch -x rm a b [wrapper]', 'rm a b']],
    ['xargs rm', ['xargs rm [wrapper] [ask]', 'rm']],
    ['xargs -I{} -n1 rm {}', ['xargs -I{} -n1 rm {} [wrapper] [ask]', 'rm {}']],
    ['xargs -0 -P 4 -n 1 rm -f', ['xargs -0 -P 4 -n 1 rm -f [wrapper] [ask]', 'rm -f']],
    ['xargs --max-args=1 --null rm', ['xargs --max-args=1 --null rm [wrapper] [ask]', 'rm']],
    ['xargs', ['xargs']],
    ['env rm x', ['env rm x [wrapper]', 'rm x']],
    ['env -i -u HOME rm x', ['env -i -u HOME rm x [wrapper]', 'rm x']],
    ['env -C /tmp --unset=X rm x', ['env -C /tmp --unset=X rm x [wrapper]', 'rm x']],
    ["env -S 'rm -rf /'", ['env -S rm -rf / [wrapper]', 'rm -rf /']],
    ["env -S'rm \"a b\"' c", ['env -Srm "a b" c [wrapper]', 'rm a b c']],
    ['env', ['env']],
    ['coproc', ['FAIL']],
    ['busybox rm x', ['busybox rm x [wrapper]', 'rm x']],
    ['sh -c "rm -rf /"', ['sh -c rm -rf / [wrapper]', 'rm -rf /']],
    ["bash -c 'a && b; c'", ['bash -c a && b; c [wrapper]', 'a', 'b', 'c']],
    ["bash -lc 'rm x'", ['bash -lc rm x [wrapper]', 'rm x']],
    ["bash -ec 'rm x'", ['bash -ec rm x [wrapper]', 'rm x']],
    ["bash -xc 'rm x'", ['bash -xc rm x [wrapper]', 'rm x']],
    ["bash -c -e 'rm x'", ['bash -c -e rm x [wrapper]', 'rm x']],
    ["bash -o pipefail -c 'rm x'", ['bash -o pipefail -c rm x [wrapper]', 'rm x']],
    ["bash --norc --noprofile -c 'rm x' arg0 arg1", ['bash --norc --noprofile -c rm x arg0 arg1 [wrapper]', 'rm x']],
    ["zsh -c 'rm x'", ['zsh -c rm x [wrapper]', 'rm x']],
    ["dash -c 'rm x'", ['dash -c rm x [wrapper]', 'rm x']],
    ["ksh -c 'rm x'", ['ksh -c rm x [wrapper]', 'rm x']],
    ["/bin/bash -c 'rm x'", ['/bin/bash -c rm x [wrapper]', 'rm x']],
    ["/usr/bin/env bash -c 'rm x'", ['/usr/bin/env bash -c rm x [wrapper]', "bash -c rm x [wrapper]", 'rm x']],
    ['bash script.sh', ['bash script.sh']],
    ['bash -x script.sh', ['bash -x script.sh']],
    ["bash -c ''", ['bash -c ']],
    ["./bash -c 'rm x'", ['./bash -c rm x']],
    ["bash -c 'bash -c \"rm x\"'", ['bash -c bash -c "rm x" [wrapper]', 'bash -c rm x [wrapper]', 'rm x']],
    ["bash <<'EOF'\nrm -rf /\nEOF", ['bash [wrapper] [ask]', 'rm -rf /']],
    ["sh -s <<< 'rm x'", ['sh -s [wrapper] [ask]', 'rm x']],
    ['curl x | bash', ['curl x', 'bash [ask]']],
    ['eval "rm x; ls"', ['eval rm x; ls [wrapper]', 'rm x', 'ls']],
    ['eval rm x', ['eval rm x [wrapper]', 'rm x']],
    ["eval 'rm' '-rf' '/'", ['eval rm -rf / [wrapper]', 'rm -rf /']],
    ['eval', ['eval']],
    ['find . -name "*.tmp" -exec rm {} \\;', ['find . -name *.tmp -exec rm {} ; [ask]', 'rm {}']],
    // chmod writes the mode of each file find fills in (audit 36, AE-4), which is not known here.
    ['find . -execdir chmod 644 {} +', ['find . -execdir chmod 644 {} + [ask]', 'chmod 644 {}']],
    // mv's files are writes, in the folder of each file found: not known here.
    ['find . -ok rm {} \\; -okdir mv {} x \\;', ['find . -ok rm {} ; -okdir mv {} x ; [ask]', 'rm {}', 'mv {} x', 'mv x [ask]', 'mv x/{} [ask]', 'mv {} [ask]']],
    ["find . -exec sh -c 'rm \"$1\"' _ {} \\;", ['find . -exec sh -c rm "$1" _ {} ;', 'sh -c rm "$1" _ {} [wrapper]', 'rm $1']],
    ['find . -name x', ['find . -name x']],
    ["trap 'rm -rf /tmp/x' EXIT", ['trap rm -rf /tmp/x EXIT [wrapper]', 'rm -rf /tmp/x']],
    ['trap - EXIT', ['trap - EXIT']],
    ["git -c alias.x='!rm -rf /' x", ['git -c alias.x=!rm -rf / x', 'rm -rf /']],
    ["git -c alias.st=status st", ['git -c alias.st=status st']],
    ["git -c core.pager='less -R' log", ['git -c core.pager=less -R log', 'less -R']],
    ["git -c core.editor=vim commit", ['git -c core.editor=vim commit', 'vim']],
    ["git -c core.sshCommand='ssh -i k' fetch", ['git -c core.sshCommand=ssh -i k fetch', 'ssh -i k']],
    ["git -c sequence.editor=x -c diff.external=y -c gpg.program=z log", ['git -c sequence.editor=x -c diff.external=y -c gpg.program=z log', 'x', 'y', 'z']],
    ["git -c core.fsmonitor='rm x' status", ['git -c core.fsmonitor=rm x status', 'rm x']],
    ['git -c core.fsmonitor=false status', ['git -c core.fsmonitor=false status']],
    ["git -c credential.helper='!rm x' push", ['git -c credential.helper=!rm x push', 'rm x']],
    ['git -c credential.helper=store push', ['git -c credential.helper=store push', 'git credential-store']],
    ["git -c pager.log='rm x' log", ['git -c pager.log=rm x log', 'rm x']],
    ["git -c interactive.diffFilter='rm x' add -p", ['git -c interactive.diffFilter=rm x add -p', 'rm x']],
    ["git -c core.hooksPath=/tmp/h commit", ['git -c core.hooksPath=/tmp/h commit [ask]']],
    ['git -c "$X" push', ['git -c $X push [ask]']],
    ['git -c user.name=x commit', ['git -c user.name=x commit']],
    ["sudo timeout 5 bash -c 'rm -rf /'", ['sudo timeout 5 bash -c rm -rf /', 'rm -rf /']],
    ["timeout 5 nice -n 1 bash -c 'rm x'", ['timeout 5 nice -n 1 bash -c rm x [wrapper]', 'nice -n 1 bash -c rm x [wrapper]', 'bash -c rm x [wrapper]', 'rm x']],
    ['xargs timeout 5 rm', ['xargs timeout 5 rm [wrapper] [ask]', 'timeout 5 rm [wrapper]', 'rm']],
  ];
  test.each(rows)('%j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  const dynamicInner: Row[] = [
    ['bash -c "$CMD"', ['bash -c $CMD [wrapper] [ask]', '$CMD [ask]']],
    ['bash -c "rm -rf $DIR"', ['bash -c rm -rf $DIR [wrapper] [ask]', 'rm -rf $DIR']],
    ['eval "$(ssh-agent -s)"', ['eval $(ssh-agent -s) [wrapper] [ask]', 'ssh-agent -s']],
    ['eval `x`', ['eval `x` [wrapper] [ask]', 'x']],
    ['watch "$X"', ['watch $X [wrapper] [ask]', '$X [ask]']],
    ['git -c alias.x="!$CMD" x', ['git -c alias.x=!$CMD x [ask]', '$CMD [ask]']],
    ['timeout $T rm x', ['timeout $T rm x [wrapper] [ask]', 'rm x']],
    ['sudo $CMD', ['sudo $CMD [ask]']],
    ['env "$@"', ['env $@ [wrapper] [ask]', '$@ [ask]']],
  ];
  test.each(dynamicInner)('dynamic inner string or word: %j', (source, expected) => {
    expect(parts(source)).toEqual(expected);
  });

  test('nested dynamic strings are walked once (no blow-up)', () => {
    let source = 'x';
    for (let i = 0; i < 40; i++) source = `eval "$(${source})"`;
    const start = Date.now();
    const result = analyzeShell(source);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(result.failure).toBeNull();
    expect(result.parts).toHaveLength(41);
  });

  test('the forceAsk of a dynamic inner string says why', () => {
    expect(command('bash -c "$CMD"', 'bash -c $CMD').forceAsk).toBe('bash -c runs a string that is not static (parameter expansion)');
  });

  const unparsable: string[] = [
    "bash -c 'echo \"unterminated'",
    "eval 'a |'",
    "sh -c 'a ;; b'",
    'su -c "(" root',
    "git -c alias.x='!a &&' x",
    "watch 'a |'",
    "trap 'a ;;' EXIT",
    "sudo bash -c 'a |'",
  ];
  // SPEC 5.7 applied to the inner string: judged as its own whitespace-normalised text, at least ask.
  test.each(unparsable)('an inner script that does not parse is one forced part of its own text: %j', (source) => {
    const a = analyzeShell(source);
    expect(a.failure).toBeNull();
    const forced = a.parts.filter((p) => p.kind === 'command' && p.forceAsk?.includes('could not be parsed') === true);
    expect(forced).toHaveLength(1);
    expect(forced[0]?.kind === 'command' && /^a\b|^\(|^echo/.test(forced[0].text)).toBe(true);
  });

  test('the lines before a syntax error in an inner string are judged in its text', () => {
    const a = analyzeShell("eval $'rm x\\n\"'");
    expect(a.failure).toBeNull();
    expect(a.parts.at(-1)).toMatchObject({ kind: 'command', text: 'rm x "', forceAsk: expect.stringContaining('could not be parsed') });
  });

  test('wrappers nest and the depth bound applies to them', () => {
    expect(parts(`${'nice '.repeat(60)}rm x`).at(-1)).toBe('rm x');
    expect(analyzeShell(`${'nice '.repeat(70)}rm x`).failure).toMatch(/nesting/);
    expect(parts(`${'eval '.repeat(30)}rm x`).at(-1)).toBe('rm x');
    // The innermost string passes the bound: it is judged as its own text, at least ask.
    const deepEval = analyzeShell(`${'eval '.repeat(70)}rm x`);
    expect(deepEval.failure).toBeNull();
    expect(deepEval.parts.at(-1)).toMatchObject({ text: expect.stringMatching(/^(?:eval )+rm x$/), forceAsk: expect.stringMatching(/nesting/) });
    expect(parts(`${'sudo timeout 1 '.repeat(20)}rm x`)).toHaveLength(1);
    expect(analyzeShell(`${'sudo timeout 1 '.repeat(40)}rm x`).failure).toMatch(/nesting/);
  });
});

describe('tightening views (5.3)', () => {
  type ViewRow = [source: string, text: string, views: string[]];
  const rows: ViewRow[] = [
    ['/bin/rm -rf /', '/bin/rm -rf /', ['rm -rf /']],
    ['./rm x', './rm x', ['rm x']],
    ['../bin/rm x', '../bin/rm x', ['rm x']],
    ['RM x', 'RM x', ['rm x']],
    ['/BIN/RM x', '/BIN/RM x', ['RM x', '/bin/rm x', 'rm x']],
    ['git -C . --no-pager -c k=v push', 'git -C . --no-pager -c k=v push', ['git push']],
    ['git --git-dir=.git --work-tree=. --namespace=n push -f', 'git --git-dir=.git --work-tree=. --namespace=n push -f', ['git push -f']],
    ['git --git-dir .git --work-tree . push', 'git --git-dir .git --work-tree . push', ['git push']],
    ['git -p --paginate -P --bare --no-replace-objects --literal-pathspecs log', 'git -p --paginate -P --bare --no-replace-objects --literal-pathspecs log', ['git log']],
    ['git --exec-path=/x --no-optional-locks --glob-pathspecs --icase-pathspecs status', 'git --exec-path=/x --no-optional-locks --glob-pathspecs --icase-pathspecs status', ['git status']],
    ['git --exec-path status', 'git --exec-path status', ['git status']],
    ['/usr/bin/git -C x push', '/usr/bin/git -C x push', ['git -C x push', 'git push']],
    ['git push', 'git push', []],
    ['sudo rm -rf /', 'sudo rm -rf /', ['rm -rf /']],
    ['sudo -u root -g wheel rm x', 'sudo -u root -g wheel rm x', ['rm x']],
    ['sudo -uroot -E -H rm x', 'sudo -uroot -E -H rm x', ['rm x']],
    ['sudo --user=root -- rm x', 'sudo --user=root -- rm x', ['rm x']],
    ['sudo /bin/rm x', 'sudo /bin/rm x', ['/bin/rm x', 'rm x']],
    ['sudo FOO=1 rm x', 'sudo FOO=1 rm x', ['rm x']],
    ['sudo git -C x push', 'sudo git -C x push', ['git -C x push', 'git push']],
    ['sudo -e /etc/hosts', 'sudo -e /etc/hosts', []],
    ['doas rm x', 'doas rm x', ['rm x']],
    ['doas -u root rm x', 'doas -u root rm x', ['rm x']],
    ['npx prettier --write .', 'npx prettier --write .', ['prettier --write .']],
    ['npx -y --package=x prettier .', 'npx -y --package=x prettier .', ['prettier .']],
    ['npx -p typescript tsc -v', 'npx -p typescript tsc -v', ['tsc -v']],
    ['npm exec -- eslint .', 'npm exec -- eslint .', ['eslint .']],
    ['npm exec eslint .', 'npm exec eslint .', ['eslint .']],
    // npm's reading of the command comes after the views of what it wraps (x is exec).
    ['npm x -- eslint .', 'npm x -- eslint .', ['eslint .', 'npm exec -- eslint .']],
    ['npm pub --tag beta', 'npm pub --tag beta', ['npm publish --tag beta']],
    ['npm --silent -w pkg publish', 'npm --silent -w pkg publish', ['npm publish']],
    ['npm --registry=https://r unp x', 'npm --registry=https://r unp x', ['npm unpublish x']],
    ['npm --yes exe tsc', 'npm --yes exe tsc', ['tsc', 'npm exec tsc']],
    ['NPM pub', 'NPM pub', ['npm pub', 'NPM publish', 'npm publish']],
    // npm reads `Pub` as `-pub` (camelCase to kebab-case), which names no command.
    ['npm Pub', 'npm Pub', []],
    ['npm --prefix pkg run build -- --flag', 'npm --prefix pkg run build -- --flag', ['npm run build -- --flag']],
    ['npm run build', 'npm run build', []],
    ['npm ex x', 'npm ex x', []],
    ['env FOO=1 npm test', 'env FOO=1 npm test', ['npm test']],
    ['env -i FOO=1 BAR=2 npm test', 'env -i FOO=1 BAR=2 npm test', ['npm test']],
    ["env -S 'FOO=1 npm test'", 'env -S FOO=1 npm test', ['npm test']],
    ['sudo env FOO=1 rm x', 'sudo env FOO=1 rm x', ['env FOO=1 rm x', 'rm x']],
    ['sudo timeout 5 rm x', 'sudo timeout 5 rm x', ['timeout 5 rm x', 'rm x']],
    ["sudo bash -c 'rm x'", 'sudo bash -c rm x', ['bash -c rm x']],
  ];
  test.each(rows)('%j', (source, text, views) => {
    expect(command(source, text).views).toEqual(views);
  });

  test('view producers are not wrappers: the outer text must still be allowed', () => {
    for (const source of ['sudo rm x', 'doas rm x', 'npx x', 'npm exec x', 'env A=1 x']) {
      const [first] = analyzeShell(source).parts;
      expect(first?.kind === 'command' && first.wrapper).toBe(false);
    }
  });

  test('the command inside sudo is a view, not a part of its own', () => {
    expect(parts('sudo rm -rf /')).toEqual(['sudo rm -rf /']);
    expect(parts('env FOO=1 npm test')).toEqual(['env FOO=1 npm test']);
  });

  test('su -c parses its argument as a script', () => {
    expect(parts("su -c 'rm -rf /; id' root")).toEqual(['su -c rm -rf /; id root', 'rm -rf /', 'id']);
    expect(parts("su root -c 'ls'")).toEqual(['su root -c ls', 'ls']);
    expect(parts("su --command='ls' -")).toEqual(['su --command=ls -', 'ls']);
    expect(parts('su - root')).toEqual(['su - root']);
  });

  test('npx -c and npm exec -c run a script', () => {
    expect(parts("npx -c 'rm x && ls'")).toEqual(['npx -c rm x && ls', 'rm x', 'ls']);
    expect(parts("npm exec -c 'rm x'")).toEqual(['npm exec -c rm x', 'rm x']);
  });

  test('no view equals the text, and views are not repeated', () => {
    for (const source of ['rm x', 'git push', 'sudo rm x', '/bin/rm x', 'sudo /bin/rm x', 'sudo sudo rm x']) {
      for (const p of analyzeShell(source).parts) {
        if (p.kind !== 'command') continue;
        expect(p.views).not.toContain(p.text);
        expect(new Set(p.views).size).toBe(p.views.length);
      }
    }
  });

  test('a wrapper name outside a system directory is not trusted to be that wrapper', () => {
    expect(parts('./timeout 5 rm x')).toEqual(['./timeout 5 rm x']);
    expect(parts('/home/u/sudo rm x')).toEqual(['/home/u/sudo rm x']);
    expect(command('/usr/local/bin/timeout 5 rm x', '/usr/local/bin/timeout 5 rm x').wrapper).toBe(true);
  });
});
