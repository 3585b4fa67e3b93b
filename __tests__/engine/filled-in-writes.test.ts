// Audit round 29 (GG-1, GG-7, GG-9): a zip -TT value written in the same word, compiler launchers
// (ccache, distcc, sccache, icecc) and the placers behind xargs, find -exec and GNU parallel ran
// or wrote what a policy denies. Every deny and ask row below was allow before the fix unless its
// note says "as before"; the allow rows are everyday commands that must stay allowed.
import { shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

// Writes no rule names are allowed here (`**`), so a row that asks does so for the fix's reason,
// not because `{}` or `out/x` is matched by no rule.
const POLICY = writesPolicy('  - {capability: shell, effect: deny, match: ["rm *"]}\n', ', "**"');
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);

table('GG-1: zip -TT with its command in the same word', [
  ['zip -T -TT="rm -rf ~/project" dist/a.zip src', 'deny', '-TT=CMD'],
  ["zip -T -TT'rm -rf ~/project' dist/a.zip src", 'deny', '-TT then the quoted command'],
  ["zip -q -T -qTT'rm -rf ~/project' dist/a.zip src", 'deny', 'after flags of the same cluster'],
  ['zip -T -TT=rm dist/a.zip src', 'deny', 'a bare program name'],
  ['zip -TT "rm -rf ~/project" -T dist/a.zip src', 'deny', 'the separate word, as before'],
  ['zip -T -TT="$CMD" dist/a.zip src', 'ask', 'a command only known at run time, as before'],
  ['zip -T -TT="unzip -tq" dist/a.zip src', 'allow', 'the usual test command'],
  ['zip -r dist/a.zip src -x "TT*" && zip -b /tmp dist/b.zip src', 'allow', 'TT in a value, not the option'],
]);

table('GG-7: compiler launchers run the command after them', [
  ['ccache rm -rf ~/project', 'deny', 'ccache falls back to running any program'],
  ['distcc rm -rf ~/project', 'deny', 'distcc too'],
  ['sccache rm -rf ~/project', 'deny', 'sccache'],
  ['icecc rm -rf ~/project', 'deny', 'icecc'],
  ['icerun rm -rf ~/project', 'deny', 'icerun runs any command'],
  ['/usr/bin/ccache rm -rf ~/project', 'deny', 'in a system folder'],
  ['ccache gcc -o secrets/x a.c', 'deny', "the compiler's -o write"],
  ['distcc gcc -c a.c -o .env', 'deny', 'distcc'],
  ['distcc -c a.c -o secrets/x.o', 'deny', 'no compiler named: distcc runs cc'],
  ['ccache max_size=1G gcc -o secrets/x a.c', 'deny', 'after KEY=VALUE settings'],
  ['sccache --stats-format json gcc -o secrets/x a.c', 'deny', 'after an option and its value'],
  ['nice ccache rm -rf ~/project', 'deny', 'behind another wrapper'],
  ['ccache prefix_command=sh gcc -c a.c', 'ask', 'a setting that names a program ccache runs'],
  ['ccache -o prefix_command=sh', 'ask', 'stored for later compilations'],
  ['ccache --set-config=compiler_check="sh x"', 'ask', 'compiler_check runs a command'],
  ['ccache "$CC" -c a.c', 'ask', 'a compiler only known at run time'],
  ['ccache gcc -c src/a.c -o dist/a.o', 'allow', 'an everyday compilation'],
  ['ccache -s && ccache -M 5G && ccache -o max_size=5G && ccache -z', 'allow', "ccache's own options run nothing"],
  ['distcc gcc -c src/a.c && distcc --show-hosts && sccache -s && icecc g++ -c src/a.cc', 'allow', 'everyday launcher uses'],
]);

table('GG-9: placers given their files at run time', [
  ['find secrets -name ci.yml -exec cp evil.txt {} \\;', 'ask', 'find fills in cp\'s destination'],
  ['find secrets -type f -exec cp evil.txt {} +', 'ask', 'find … {} +'],
  ['find secrets -ok cp /tmp/evil {} \\;', 'ask', 'find -ok'],
  ['find secrets -exec cp -t {} /tmp/evil \\;', 'ask', 'a -t folder find fills in'],
  ['echo secrets/x | xargs cp src/a', 'ask', 'xargs appends the destination'],
  ['git ls-files secrets | xargs -n1 cp evil.txt', 'ask', 'xargs -n1'],
  ['echo secrets/x | xargs -I{} cp src/a {}', 'ask', 'xargs -I'],
  ['echo secrets/x | xargs cp -t', 'ask', 'the -t folder'],
  ['echo secrets/x | xargs -I{} cp --target-directory={} src/a', 'ask', '--target-directory='],
  ['echo secrets/x | xargs mv src/a', 'ask', 'mv'],
  ['ls | xargs mv -t dist/', 'ask', 'what mv takes away is written too'],
  ['echo secrets/x | xargs -I{} dd if=src/a of={}', 'ask', 'dd of='],
  ['echo of=secrets/x | xargs dd if=src/a', 'ask', 'a filled-in word may be of='],
  ['find secrets -type f -exec tee {} \\; < evil.txt', 'ask', 'tee'],
  ['echo secrets/x | xargs link src/a', 'ask', 'link'],
  ['echo secrets/x | xargs uniq src/a', 'ask', "uniq's output file"],
  ['find . -name "*.txt" -exec sort -o {} {} \\;', 'ask', 'sort -o'],
  ['echo secrets/x | xargs /bin/cp src/a', 'ask', 'a placer named by its path'],
  ['echo secrets/x | xargs sudo cp src/a', 'ask', 'behind another wrapper'],
  ['parallel cp src/a ::: secrets/x', 'deny', 'parallel appends each ::: argument'],
  ['parallel cp src/a {} ::: secrets/x', 'deny', 'where {} stands'],
  ['parallel tee ::: secrets/x < src/a', 'deny', 'tee'],
  ['parallel sponge ::: secrets/x', 'deny', 'a writer of operand-writes'],
  ["parallel 'cp src/a' ::: secrets/x", 'deny', 'parallel hands the line to a shell'],
  ['parallel cp {1} {2} ::: src/a ::: secrets/y', 'deny', 'numbered replacement strings'],
  ['parallel cp ::: src/a :::+ dist/x secrets/y', 'deny', 'a linked list, the shorter one wrapping'],
  ['parallel mv {} {.}.bak ::: secrets/a.txt', 'deny', '{.}'],
  ['parallel -I XX cp src/a XX ::: secrets/x', 'deny', 'the -I string'],
  ['parallel truncate -s0 ::: secrets/k', 'deny', 'an operand writer'],
  ['parallel cp src/a :::: list', 'ask', 'arguments read from a file'],
  ['parallel -a list cp src/a', 'ask', 'parallel -a'],
  ['find . -name "*.yml" | parallel cp evil.txt', 'ask', 'arguments read from standard input'],
  ["find . | parallel 'cp evil.txt {}'", 'ask', 'a command line with blanks'],
  ['parallel -n2 cp ::: src/a secrets/x', 'ask', 'several arguments per job'],
  ['parallel echo "{= qx{touch x} =}" ::: a', 'ask', '{= … =} runs Perl code'],
  ['parallel --rpl "{x} qx{touch x}" echo {x} ::: a', 'ask', '--rpl defines Perl code'],
  ['ls | xargs -I{} cp {} secrets/', 'deny', 'a static destination is judged, as before'],
  ['ls | xargs -I{} cp {} dist/ && ls | xargs cp -t dist/', 'allow', 'sources only known at run time copied into an allowed folder'],
  ["find . -name '*.o' -exec rm {} +", 'deny', 'judged by the rm rule, as before'],
  ['xargs -n1 echo && find src -type f -exec cat {} + && find . -name "*.bak" -exec cp {} dist/ \\;', 'allow', 'readers, and copies into a static folder'],
  ['parallel gzip ::: dist/a dist/b && parallel -j4 make -C {} ::: src dist && parallel echo ::: a b', 'allow', 'everyday parallel jobs'],
  ['parallel mv {} {.}.bak ::: dist/a.txt && cat big | parallel --pipe wc -l && sem -j4 gzip dist/a', 'allow', 'allowed places, or no argument filled in'],
]);
