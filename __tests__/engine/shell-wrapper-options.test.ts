// Wrapper options read the way the wrapped program reads them (SPEC 5.3, 5.4, 5.5, 5.6), so the
// command a wrapper runs is the one that is judged. Every row of the first tables was `allow` under
// the allow-all policy below before the fix: the wrapper hid a denied command.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

// Everything is allowed except what the deny rules name: any hidden `rm` shows up as a change.
const ALLOW_ALL = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: shell, effect: deny, match: ["rm *", "curl *", "git push *"]}
  - {capability: fs_write, effect: allow}
`,
}, ['.github/agent-gate.yml']);

type Row = [command: string, effect: Effect];

function table(name: string, rows: readonly Row[]): void {
  describe(name, () => {
    test.each(rows)('%j -> %s', (command, effect) => {
      const r = judge(ALLOW_ALL, 'shell', command);
      expect({ effect: r.effect, reason: r.reason }).toEqual({ effect, reason: r.reason });
    });
  });
}

table('long options may be abbreviated, as getopt_long allows', [
  ['env --unse X rm -rf /', 'deny'],
  ['env --ch / rm -rf /', 'deny'],
  ['env --spl="rm -rf /"', 'deny'],
  ['timeout --sig KILL 5 rm -rf /', 'deny'],
  ['timeout --kill 1 5 rm -rf /', 'deny'],
  ['nice --adj 5 rm -rf /', 'deny'],
  ['stdbuf --out L rm -rf /', 'deny'],
  ['xargs --max-a 1 rm -rf /', 'deny'],
  ['xargs --arg f rm -rf /', 'deny'],
  ['xargs --delim x rm -rf /', 'deny'],
  ['watch --int 1 rm -rf /', 'deny'],
  ['sudo --us root rm -rf /', 'deny'],
  ['sudo --chd / rm -rf /', 'deny'],
  ['su --comm "rm -rf /"', 'deny'],
  // The full names still work.
  ['timeout --signal KILL 5 rm -rf /', 'deny'],
  ['timeout --foreground 5 npm test', 'allow'],
]);

table('options whose value is optional, and value options the tables lacked', [
  ['xargs --max-lines rm -rf /', 'deny'],
  ['xargs -l rm -rf /', 'deny'],
  ['env -a x rm -rf /', 'deny'],
  ['env --argv0 x rm -rf /', 'deny'],
  ['doas -a x rm -rf /', 'deny'],
  ['sudo -c x rm -rf /', 'deny'],
  ['sudo -a x rm -rf /', 'deny'],
  ['sudo --login-class x rm -rf /', 'deny'],
  ['sudo --auth-type x rm -rf /', 'deny'],
  ['sudo -h rm -rf /', 'deny'],
]);

table('an option agent-gate does not know makes the start of the command unknown', [
  ['timeout --frobnicate 5 rm -rf /', 'deny'],
  ['timeout --frobnicate 5 npm test', 'ask'],
  ['env --frobnicate x npm test', 'ask'],
  ['sudo -Z x npm test', 'ask'],
  ['npx --reg X rm -rf /', 'ask'],
  ['npx --reg X npm test', 'ask'],
  ['npm --reg X exec rm -rf /', 'deny'],
]);

table('env and sudo take any word with = as an assignment', [
  ['env x-y=1 rm -rf /', 'deny'],
  ['env 1=1 rm -rf /', 'deny'],
  ['env a.b=1 rm -rf /', 'deny'],
  ['sudo x-y=1 rm -rf /', 'deny'],
  ['sudo FOO=1 -u root rm -rf /', 'deny'],
  ['sudo FOO=1 -- rm -rf /', 'deny'],
  ['sudo PATH=/tmp -u root ls', 'ask'],
]);

table('a word only known at run time where an option may stand', [
  ['bash $x -c "rm -rf /"', 'ask'],
  ['bash "$x" -c "rm -rf /"', 'ask'],
  ['sh ${x} -c "rm -rf /"', 'ask'],
  ['bash "$x" "rm -rf /"', 'ask'],
  ['timeout "$x" 5 rm -rf /', 'ask'],
  ['timeout "$x" 5 npm test', 'ask'],
  ['find . "$x" rm {} +', 'ask'],
  ['find . -name "$x" -print', 'allow'],
  ['git "$x" push', 'ask'],
  ['git "${x}" push', 'ask'],
  ['git "$(echo -p)" push', 'ask'],
  ['git --shallow-file x push', 'deny'],
]);

table('redirection targets follow bash tilde expansion', [
  // A quoted ~ is a folder named ~, so this writes the workspace policy file.
  ["echo x > '~/../.github/agent-gate.yml'", 'deny'],
  ['echo x > \\~/../.github/agent-gate.yml', 'deny'],
  ['echo x > ~+/.github/agent-gate.yml', 'deny'],
  ['echo x > ~-/a.txt', 'ask'],
  ['echo x > ~root/a.txt', 'ask'],
  ['echo x > ~/.kiro/settings/mcp.json', 'deny'],
  ['echo x > ~/notes.txt', 'allow'],
]);

table('wrappers spelled in capitals (case-insensitive file systems)', [
  ['BASH -c "rm x"', 'deny'],
  ['Sudo rm -rf /', 'deny'],
  ['TIMEOUT 5 rm -rf /', 'deny'],
  ['EVAL "rm -rf /"', 'deny'],
  ['GIT -c core.pager="rm x" log', 'deny'],
]);

table('more ways to set a dangerous variable', [
  ['exec {PATH}>/dev/null', 'ask'],
  ['echo x {LD_PRELOAD}>/dev/null', 'ask'],
  ['coproc PATH { :; }', 'ask'],
  ['wait -p PATH', 'ask'],
  ['let PATH++', 'ask'],
  ['let ++PATH', 'ask'],
  ['echo $(( PATH++ ))', 'ask'],
  ['declare "$a"=x', 'ask'],
  ['export GIT_PAGER="rm x"; git log', 'ask'],
  ['exec {fd}>/dev/null', 'allow'],
  ['let i++', 'allow'],
]);

table('commands that run code from elsewhere', [
  ['find . -exec {} rm \\;', 'ask'],
  ["echo 'rm -rf /' | sh", 'ask'],
  ['bash /dev/stdin', 'ask'],
  ['git -c alias.p=push p origin main', 'deny'],
  ['git -c alias.st=status st', 'allow'],
  ["git -c protocol.ext.allow=always fetch ext::'rm x'", 'ask'],
  ['hash -p /bin/rm ls; ls', 'ask'],
  ["alias ls='rm -rf /'", 'deny'],
  ["mapfile -C 'rm -rf /' -c 1 lines < f", 'deny'],
  ["let 'a[$(rm x)]=1'", 'ask'],
]);

// The second audit's rows: each was `allow` before its fix.
table('escapes and git aliases read as bash and git read them', [
  ["$'\\x{72}m' -rf x", 'ask'],
  ["git $'\\x{70}ush' o", 'ask'],
  ['git -c alias.x="pu\\sh" x o', 'ask'],
  ['git -c alias.x=y -c alias.y=push x', 'deny'],
  ['git -c alias.x="-c core.sshCommand=rm\\ y fetch" x', 'ask'],
]);

table('words filled in at run time by xargs and find', [
  ['echo "rm x" | xargs -I{} sh -c {}', 'ask'],
  ['echo rm | xargs -I{} {} x', 'ask'],
  ['echo "rm x" | xargs -0 sh -c', 'ask'],
  ['echo push | xargs git', 'ask'],
  ['find . -exec sh -c {} \\;', 'ask'],
  ['find . -exec env {} \\;', 'ask'],
  ['find . -exec timeout 5 {} \\;', 'ask'],
  ['echo a | xargs rm', 'deny'],
  ['echo a | xargs wc -l', 'allow'],
]);

table('more spellings of the runners SPEC 5.3 and 5.4 name', [
  ['su -- root -c "git push o"', 'deny'],
  ['su root -- -c "rm x"', 'deny'],
  ['npm exe rm x', 'deny'],
  ['npm exe -c "rm x"', 'deny'],
  ['git rebase --ex "rm y" main', 'deny'],
  ['git rebase -ix "rm y" main', 'deny'],
  ['echo rm x | sh /dev/fd/0', 'ask'],
  ['echo rm x | bash /proc/self/fd/0', 'ask'],
  ['echo rm x | source /dev/stdin', 'ask'],
  ['echo rm x | . /dev/stdin', 'ask'],
  ['. <(echo rm x)', 'ask'],
  ['source ./env.sh', 'allow'],
]);

table('array subscripts bash evaluates, running the $( ) inside', [
  ["printf -v 'a[$(rm y)]' x", 'ask'],
  ["read 'a[$(curl y)]'", 'ask'],
  ["unset 'a[$(rm y)]'", 'ask'],
  ["declare 'a[$(rm y)]=1'", 'ask'],
  ["declare -i x='a[$(rm y)]'", 'ask'],
  ["declare -i n; n='a[$(rm y)]'", 'ask'],
  ["test -v 'a[$(rm y)]'", 'ask'],
  ["[ -v 'a[$(rm y)]' ]", 'ask'],
  ["[[ -v 'a[$(rm y)]' ]]", 'ask'],
  ["x='a[$(rm y)]'; echo $((x))", 'ask'],
  ['printf -v out %s x', 'allow'],
]);

table('a redirection after cd is judged where the cd may have gone', [
  ['cd .github && echo x > agent-gate.yml', 'deny'],
  ['cd .git && echo > hooks/pre-commit', 'ask'],
  ['cd ~/.kiro && echo > settings/x', 'deny'],
  ['cd "$x"; echo > y', 'ask'],
  ['cd - && echo > y', 'ask'],
  ['cd src && echo x > out.txt', 'allow'],
  ['echo x > out.txt; cd .github', 'allow'],
]);

// Audit round 26 (Y-1): bash expands an alias before it reads a reserved word, so an alias named
// `time`, `{`, `[[`, `!`, `if` … changes how the commands after it run; the parser reads keywords.
table('aliases named after reserved words', [
  ["shopt -s expand_aliases; alias time=eval\ntime echo '; rm -f zz'", 'ask'],
  ["shopt -s expand_aliases; alias '{'=eval '}'=:\n{ echo '; rm -f zz'\n}", 'ask'],
  ['shopt -s expand_aliases; alias [[=eval\n[[ "echo x; rm -f zz" ]]', 'ask'],
  ["shopt -s expand_aliases; alias '!'=eval\n! echo\\;rm -f zz", 'ask'],
  ["shopt -s expand_aliases; alias if=eval\nif echo\\;rm -f zz\nthen :\nfi", 'ask'],
  ['alias -- while=eval', 'ask'],
  ["alias ll='ls -l'; alias gs='git status'", 'allow'],
]);

// Audit round 26 (Y-2): an option word only known at run time may be printf's -v or hash's -p.
table('printf, wait and hash with an option word only known at run time', [
  ["x=-v; printf $x PS4 %s '$(rm -rf ~/project)'; set -x; :", 'ask'],
  ['printf $(echo -v) PS4 %s x', 'ask'],
  ['x=-v; printf "$x" PS4 %s y', 'ask'],
  ["x=-v; printf \"$x\" 'BASH_CMDS[ls]' %s /usr/bin/rm; ls -f zz", 'ask'],
  ["x=-v; printf $x 'BASH_ALIASES[ls]' %s eval", 'ask'],
  ['x=-p; hash $x /usr/bin/rm ls; ls -rf ~/project', 'ask'],
  ['x=p; hash -$x /usr/bin/rm ls', 'ask'],
  ['set -- -p; hash "$@" /usr/bin/rm ls', 'ask'],
  ['wait "$x" PATH', 'ask'],
  ['wait -$x PATH', 'ask'],
  // A literal -v/-p with its name only known at run time still asks as before.
  ['printf -v"$v" x', 'ask'],
  ['wait -p"$v" x', 'ask'],
  // A quoted format, or a job id, sets nothing this command may not set.
  ['printf "$fmt" a b', 'allow'],
  ['printf "%s\\n" "$x"', 'allow'],
  ['wait $pid', 'allow'],
  ['hash -r', 'allow'],
]);

// Audit round 26 (Y-3): programs that run the command in their arguments.
table('more runners: version managers, moreutils, GNU parallel, macOS launchers', [
  ['pyenv exec rm -f zz', 'deny'],
  ['rbenv exec rm -f zz && nodenv exec rm -f zz', 'deny'],
  ['fnm exec --using=20 rm -f zz', 'deny'],
  ['volta run rm -f zz', 'deny'],
  ['chronic rm -f zz', 'deny'],
  ['echo x | ifne rm -f zz', 'deny'],
  ['lckdo /tmp/lk rm -f zz', 'deny'],
  ['parallel rm -f ::: zz', 'deny'],
  ["parallel 'echo {}; rm -f {}' ::: zz", 'deny'],
  ['sem --will-cite rm -f zz; sem --wait', 'deny'],
  ['arch -x86_64 rm -rf x', 'deny'],
  ['caffeinate -i rm x', 'deny'],
  ['xcrun rm x', 'deny'],
  ['sandbox-exec -n no-network rm x', 'deny'],
  ['timelimit -t 5 rm x', 'deny'],
  ['systemd-inhibit rm x', 'deny'],
  ['nsjail -- rm x', 'deny'],
  ["scl enable devtoolset-9 'rm x'", 'deny'],
  ["vagrant ssh -c 'rm -rf x'", 'deny'],
  ['lxc-attach -n box -- rm x', 'deny'],
  ['arch -x86_64 npm install && pyenv exec python -V && parallel --version', 'allow'],
]);

// Audit round 27 (AA-3): bash's printf and wait read every option; a later -v/-p is the one that sets.
table('printf and wait with more than one -v or -p', [
  ["printf -v x -v PS4 %s '$(rm -rf ~/project)'; set -x; :", 'ask'],
  ["printf -v x -v 'BASH_CMDS[ls]' /usr/bin/rm; ls -rf ~/project", 'ask'],
  ['printf -vx -vPS4 y', 'ask'],
  ['x=-v; printf -v y $x PS4 z', 'ask'],
  ['wait -p x -p PATH', 'ask'],
  ['wait -p x -fpPATH', 'ask'],
  ['printf -v x -v y %s z && wait -p a -p b', 'allow'],
]);

// Audit round 27 (AA-5): runners that hand an argument, or an option's value, to a shell.
table('runners whose arguments are command lines', [
  ["sg docker 'echo x; rm -rf ~/project'", 'deny'],
  ["echo x | pee cat 'echo x; rm -rf ~/project'", 'deny'],
  ["concurrently 'npm run dev' 'echo x; rm -rf ~/project'", 'deny'],
  ["npx concurrently -k 'echo x; rm -rf ~/project'", 'deny'],
  ["conc 'echo x; rm -rf ~/project'", 'deny'],
  ["cross-env-shell 'echo x; rm -rf ~/project'", 'deny'],
  ["nodemon --exec 'echo x; rm -rf ~/project'", 'deny'],
  ["nodemon -x 'echo x; rm -rf ~/project'", 'deny'],
  ["ls | entr -s 'echo x; rm -rf ~/project'", 'deny'],
  ["ls | entr -rs 'echo x; rm -rf ~/project'", 'deny'],
  ["watchexec 'echo x; rm -rf ~/project'", 'deny'],
  ["doppler run --command 'echo x; rm -rf ~/project'", 'deny'],
  ["doppler run --command='echo x; rm -rf ~/project'", 'deny'],
  ["concurrently 'npm run dev' 'npm test' && nodemon --exec 'npm start' && doppler run -c dev -- npm start", 'allow'],
]);

// Audit round 27 (AA-4): programs that run commands they read, or schedule for later.
table('parallel with no command of its own, at, batch and crontab', [
  ['echo rm -rf ~/project | parallel', 'ask'],
  ['echo rm | parallel {} -rf ~/project', 'ask'],
  ['printf "%s\\n" rm | parallel -j1 {} -rf ~/project', 'ask'],
  ['echo rm | parallel -I @@ @@ -rf ~/project', 'ask'],
  ['parallel -a c.txt', 'ask'],
  ['parallel --will-cite < c.txt', 'ask'],
  ['parallel :::: c.txt', 'ask'],
  ['sem -j2', 'ask'],
  ["at now <<< 'rm -rf ~/project'", 'deny'],
  ['echo rm -rf x | at now', 'ask'],
  ['batch < jobs.sh', 'ask'],
  ['at -f jobs.sh now', 'ask'],
  ["echo '* * * * * rm -rf x' | crontab -", 'ask'],
  ['crontab jobs.txt', 'ask'],
  ['parallel gzip ::: a b', 'allow'],
  ['parallel --will-cite -j 4 gzip ::: a', 'allow'],
  ['sem --wait', 'allow'],
  ['at -l && atq && crontab -l && crontab -u me -l', 'allow'],
]);

// Audit round 27 (AA-8): an editor's own commands can run a shell (`:!rm …`) or write any file.
table('editors given commands', [
  ["vim -es -c '!rm -rf ~/project' -c q", 'ask'],
  ["vi -e -s -c '!rm -rf ~/project'", 'ask'],
  ["ex -sc '!rm -rf ~/project|q'", 'ask'],
  ["nvim --headless -c '!rm -rf ~/project' -c q", 'ask'],
  ["vim +'!rm -rf ~/project' +q", 'ask'],
  ["vim --cmd 'silent !rm x' f", 'ask'],
  ['vim -S evil.vim', 'ask'],
  ["vim -es -c 'wq .github/x' src/a", 'ask'],
  ["ed -s f <<< '!rm -rf ~/project'", 'ask'],
  ['printf "w\\n" | ed -s f', 'ask'],
  ["ed -s f <<< ',s/a/b/g\nw'", 'allow'],
  ['vim +10 src/a.ts && vim -u NONE +/main src/a.ts && view README.md', 'allow'],
  // Audit round 28 (DD-4): vim also reads `-c` attached, and each of these as a cluster's last letter.
  ["vim -c'!rm -rf ~/project' -cq", 'ask'],
  ["vim '-c!rm -rf ~/project' -cq", 'ask'],
  ["vim -nc '!rm -rf ~/project' -cq", 'ask'],
  ["vim -Xc '!rm -rf ~/project'", 'ask'],
  ["nvim --headless -Nc '!rm -rf ~/project'", 'ask'],
  ["view -c'!rm -rf ~/project'", 'ask'],
  ["vi -sc'!rm -rf ~/project'", 'ask'],
  ['vim -nS x.vim', 'ask'],
  ['vim -nu rc.vim -cq', 'ask'],
  ['gvim -fU g.vim', 'ask'],
  ['nvim -l x.lua', 'ask'],
  // vim stops with an error when letters follow `-S` or `-u`; `-u NONE` loads nothing.
  ['vim -Sx.vim && vim -urc.vim && vim -nu NONE src/a.ts && vi -R src/a.ts && vim -d a b', 'allow'],
]);

// Audit round 28 (DD-6): other spellings of the runners whose command is already judged.
table('aliases and siblings of pnpm exec, bunx, yarn exec, nix-shell --run and conda run', [
  ['pnpm -w exec rm -rf ~/project', 'deny'],
  ['pnpm m exec rm -rf ~/project', 'deny'],
  ['pnpm multi exec rm -rf ~/project', 'deny'],
  ['pnpm recursive --filter app exec rm -rf ~/project', 'deny'],
  ['bun x rm -rf ~/project', 'deny'],
  ['bun --cwd app x rm -rf ~/project', 'deny'],
  ["bun exec 'echo x; rm -rf ~/project'", 'deny'],
  ['bun exec "$script"', 'ask'],
  ['yarn workspace app exec rm -rf ~/project', 'deny'],
  ['yarn workspace app dlx rm -rf ~/project', 'deny'],
  ['yarn workspaces foreach -A -j 2 exec rm -rf ~/project', 'deny'],
  ['nix develop -c rm -rf ~/project', 'deny'],
  ['nix develop --command rm -rf ~/project', 'deny'],
  ['nix shell nixpkgs#hello -c rm -rf ~/project', 'deny'],
  ['nix --extra-experimental-features "nix-command flakes" shell nixpkgs#a nixpkgs#b --command rm -rf ~/project', 'deny'],
  ['nix develop -c "$cmd"', 'ask'],
  ['mamba run rm -rf ~/project', 'deny'],
  ['micromamba run -n base rm -rf ~/project', 'deny'],
  // The spellings that were already judged.
  ['pnpm --workspace-root exec rm -rf ~/project', 'deny'],
  ['bunx rm -rf ~/project', 'deny'],
  ['yarn exec rm -rf ~/project', 'deny'],
  ["nix-shell -p hello --run 'rm -rf ~/project'", 'deny'],
  ['conda run rm -rf ~/project', 'deny'],
  ['pnpm -w exec tsc && pnpm m exec tsc && bun x tsc && bun exec "echo hi" && yarn workspace app exec jest', 'allow'],
  ['nix develop -c make && nix shell nixpkgs#hello -c hello && nix build .#x && mamba run -n env pytest && micromamba run -n base python -V', 'allow'],
  ['bun test "$f" && bun run build && pnpm -w add -D x && yarn workspace app build && nix build "$attr"', 'allow'],
]);
