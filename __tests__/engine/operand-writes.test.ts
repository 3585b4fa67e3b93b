// Audit round 23 (T-1): programs that write, empty, make or remove the files their operands name
// were judged only as commands, so a shell allow for `perl *`, `rm *`, `touch *` or `tar *` let
// them rewrite or remove the policy file, `.env` and `.kiro/settings`. Every deny and ask row below
// was allow before the fix; the allow rows are everyday commands that must stay allowed.
import { expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge } from '../helpers/policy.ts';
import { shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
type Row = ShellRow;
const table = (name: string, rows: readonly Row[]): void => shellTable(POLICY, name, rows);

table('files rewritten or emptied are writes like a redirection\'s target', [
  ["perl -pi -e 's/deny/allow/' .github/agent-gate.yml", 'deny', 'perl -i, the policy file'],
  ["perl -i.bak -pe 's/a/b/' secrets/k", 'deny', 'with a backup suffix'],
  ["perl -0777 -pi -e 's/a/b/' .env", 'deny', 'after an attached -0 value'],
  ["perl -p -i -e 's/a/b/' -e 's/c/d/' src/a.ts secrets/k", 'deny', 'each file after the -e scripts'],
  ["perl -pi script.pl secrets/k", 'deny', 'without -e the first operand is the script'],
  ["ruby -i -pe '$_.sub!(/a/,\"b\")' secrets/k", 'deny', 'ruby -i'],
  ['truncate -s 0 .github/agent-gate.yml', 'deny', 'truncate'],
  ['truncate --size=0 .env', 'deny', 'truncate --size='],
  ['shred -u secrets/k', 'deny', 'shred'],
  ['tar -cf secrets/k src', 'deny', "tar -c's archive"],
  ['tar czf .env src', 'deny', 'old-style cluster'],
  ['tar -xf /tmp/x.tar .env', 'deny', 'a member extracted by name'],
  ['git checkout HEAD~3 -- .github/agent-gate.yml', 'deny', 'an older policy put back'],
  ['git checkout abc123 secrets/k', 'deny', 'without --'],
  ['git restore --source=HEAD~3 .github/agent-gate.yml', 'deny', 'git restore --source'],
  ["perl -pi -e 's/a/b/' src/a.ts && truncate -s 0 /tmp/log && tar -czf dist/app.tgz src && git checkout main -- src/a.ts", 'allow', 'allowed places'],
  ["perl -ne 'print if /x/' secrets/k && git checkout -- secrets/k && git restore secrets/k", 'allow', 'read only, or the index\'s own contents back'],
  ['perl -pi -e "s/a/b/" src/*.ts', 'allow', 'a glob in an allowed folder, which cannot name .env'],
]);

table('entries made or removed count where a rule names them', [
  ['rm .github/agent-gate.yml', 'deny', 'the policy file'],
  ['rm -f secrets/k', 'deny', 'a denied file'],
  ['rm -r secrets', 'deny', 'a denied folder'],
  ['rm --recursive --force .kiro', 'deny', 'a folder holding .kiro/settings'],
  ['rm -rf src/.kiro', 'deny', 'the same below another folder'],
  ['rm -rf .', 'deny', 'the workspace holds the policy file'],
  ['rm -rf ~', 'deny', 'the home folder holds ~/.kiro/settings'],
  ['unlink .env', 'deny', 'unlink'],
  ['rmdir secrets', 'deny', 'rmdir'],
  ['touch .kiro/settings/mcp.json', 'deny', 'touch'],
  ['mkdir -p .kiro/settings', 'deny', 'mkdir'],
  ['install -d secrets/new', 'deny', 'install -d'],
  ['git rm .github/agent-gate.yml', 'deny', 'git rm'],
  ['git rm -r secrets', 'deny', 'git rm -r'],
  ['rm -f secrets/*.key', 'deny', 'a glob in a denied folder'],
  ['rm "$f"', 'ask', 'a file only known at run time'],
  ['rm -rf node_modules build .pytest_cache && rm -f *.log && mkdir -p out/x && touch README.md', 'allow', 'no rule names them'],
  ['rm -rf dist/* && rmdir src/old && git rm --cached -r secrets && git rm -n secrets/k', 'allow', 'allowed, or only the index'],
]);

table('folders filled by a program are held to what lies below them', [
  ['tar -xf /tmp/x.tar -C secrets', 'deny', 'tar -x -C'],
  ['tar --extract --file=/tmp/x.tar --directory=.kiro/settings', 'deny', 'long options'],
  ['unzip -o /tmp/x.zip -d .kiro/settings', 'deny', 'unzip -d'],
  ['git clone -q https://example.com/x/y secrets/y', 'deny', 'git clone URL DIR'],
  ['git worktree add -b x .kiro/settings', 'deny', 'git worktree add'],
  ['git init secrets', 'deny', 'git init DIR'],
  ['git submodule add https://example.com/x/y secrets/y', 'deny', 'git submodule add'],
  // Audit round 27 (AA-1, AA-2, AA-7): other unpackers, archives that keep absolute names, and
  // the files compressors, splitters and dumpers write.
  ['cpio -id --no-absolute-filenames -D secrets < /tmp/x.cpio', 'deny', 'AA-1: cpio -D'],
  ['cd secrets && cpio -id --no-absolute-filenames < /tmp/x.cpio', 'deny', 'AA-1: cpio where a cd went'],
  ['cpio -id < /tmp/x.cpio', 'ask', 'AA-1: cpio keeps absolute and .. names'],
  ['7z x /tmp/x.7z -osecrets', 'deny', 'AA-1: 7z -o'],
  ['cd secrets && 7z x /tmp/x.7z', 'deny', 'AA-1: 7z here'],
  ['7z x -spf /tmp/x.7z', 'ask', 'AA-1: 7z full paths'],
  ['cd secrets && ar x /tmp/x.ar', 'deny', 'AA-1: ar x'],
  ['git read-tree -u --prefix=secrets/ HEAD~1^{tree}', 'deny', 'AA-1: read-tree -u --prefix'],
  ['git apply --directory=secrets x.patch', 'deny', 'AA-1: git apply --directory'],
  ['git am --directory=secrets x.mbox', 'deny', 'AA-1: git am --directory'],
  ['git apply x.patch', 'ask', 'AA-1: the patch may name the policy file'],
  ['patch secrets/k /tmp/fix.patch', 'deny', 'AA-1: patch ORIGFILE'],
  ['patch -d secrets -p1 < x.patch', 'deny', 'AA-1: patch -d'],
  ['patch -p1 < x.patch', 'ask', 'AA-1: patch where the shell stands'],
  ['unrar x a.rar secrets/', 'deny', 'AA-1: unrar destination'],
  ['cd secrets && jar xf a.jar', 'deny', 'AA-1: jar x'],
  ['pax -r < a.pax', 'ask', 'AA-1: pax keeps absolute names'],
  ['tar -xPf /tmp/a.tar -C src', 'ask', 'AA-2: tar -P keeps absolute and .. names'],
  ['tar --absolute-names -xf /tmp/a.tar -C src', 'ask', 'AA-2: --absolute-names'],
  ['cd src && unzip -: /tmp/a.zip', 'ask', 'AA-2: unzip -: keeps .. names'],
  ['zstd -d p.zst -o secrets/k', 'deny', 'AA-7: zstd -o'],
  ['zstd -dfo secrets/k p.zst', 'deny', 'AA-7: -o in a cluster'],
  ['lz4 -d p.lz4 secrets/k', 'deny', 'AA-7: lz4 OUT'],
  ['split -l 1 f secrets/x', 'deny', 'AA-7: split PREFIX'],
  ['csplit -s -f secrets/y f 2', 'deny', 'AA-7: csplit -f'],
  ['xxd -r in secrets/k', 'deny', 'AA-7: xxd OUTFILE'],
  ['script -q -c true secrets/k', 'deny', 'AA-7: script FILE'],
  ['gzip secrets/k', 'deny', 'AA-7: gzip writes k.gz and removes k'],
  ['gunzip secrets/k.gz', 'deny', 'AA-7: gunzip writes k'],
  ['gunzip src/.env.gz', 'deny', 'AA-7: gunzip writes src/.env, not src/.env.gz.gz'],
  ['constructor secrets/k && toString secrets/k', 'allow', 'a command named after an object key is no compressor'],
  ...['7z x /tmp/x.7z -odist', 'patch -d dist -p1 < x.patch', 'git apply --check x.patch', 'git apply --directory=dist x.patch',
    'gzip -dc a.gz > dist/a', 'gzip -k dist/a.txt', 'xz -T0 -d dist/a.xz', 'zstd -d dist/a.zst -o dist/a', 'xxd dist/a.bin']
    .map((command): [string, Effect, string] => [command, 'allow', 'into a folder nothing protects, only checked, or everyday compression']),
  // One per command: after an unpacker, a later write in the same command may go through a link it put in place.
  ['tar -xzf /tmp/a.tgz -C /tmp', 'allow', 'an allowed place'],
  ['unzip /tmp/x.zip -d dist/x', 'allow', 'an allowed place'],
  ['git clone https://example.com/x/y /tmp/y', 'allow', 'an allowed place'],
  ['tar -xf /tmp/x.tar', 'ask', 'unpacked here, as -C . is: the archive may hold .github/agent-gate.yml'],
  ['unzip /tmp/x.zip && git init', 'ask', 'the same for unzip'],
  ['cd dist && tar -xf /tmp/x.tar', 'allow', 'unpacked where a cd went, a folder whose contents are allowed'],
  ['cd /tmp/build && unzip /tmp/x.zip', 'allow', 'unpacked outside the workspace, which the cd left'],
  ['tar -xf /tmp/x.tar && unzip /tmp/x.zip', 'ask', 'the second may write through a link the first put in place'],
  // Audit round 24 (U-10): git names the folder after the URL.
  ['git clone https://example.com/x/y', 'ask', 'the folder y, which no rule names'],
  ['git clone https://example.com/u/.kiro', 'ask', 'a folder named .kiro may bring .kiro/settings'],
  ['git clone -l ../r secrets && git init --shared secrets', 'deny', '-l and --shared take no value'],
  ['git -C .github rm agent-gate.yml', 'deny', 'U-1: git -C moves the operands'],
  ['git -C .kiro rm -r settings', 'deny', 'U-1: the same for a folder'],
  ["perl -0pi -e 's/effect: deny/effect: allow/g' .github/agent-gate.yml", 'deny', 'U-4: -0 takes digits, and the cluster goes on'],
  ["perl -lpi -e 's/a/b/' secrets/k && perl -0777pi -e 's/a/b/' secrets/k", 'deny', 'U-4: -l and -0777'],
  ['rm --r .kiro', 'deny', 'U-3: --r is --recursive'],
  ['install --dir .kiro/settings/x', 'deny', 'U-3: --dir is --directory'],
  ['rm -rf ..', 'deny', 'U-5: the folder above holds the workspace'],
  ['rm -rf /home/dev', 'deny', 'U-5: the home folder spelled absolutely'],
  ['rm -rf .GITHUB', 'deny', 'U-5: a case variant'],
  ['echo secrets/k | xargs truncate -s0', 'ask', 'U-2: xargs names the file at run time'],
  ['find secrets -type f -exec shred -u {} +', 'ask', 'U-2: find -exec names it'],
  ['echo secrets/k | xargs /opt/bin/truncate -s0', 'ask', 'the same for a program outside the system folders'],
  ['cp "$f" other/k', 'ask', 'a copy from a name only known at run time onto a file no rule names'],
  ['git restore --so HEAD~1 secrets/k', 'deny', 'U-13: --so is --source'],
  ['git restore -s HEAD~1 --staged --wor secrets/k', 'deny', 'U-13: --wor is --worktree'],
  ["git rm '*.env' && git checkout HEAD~1 -- ':(glob)**/k'", 'ask', 'U-12: pathspec patterns'],
  ['git rm --pathspec-from-file=list', 'ask', 'U-12: paths read from a file'],
  ['tar xCf secrets /tmp/a.tar && tar -xf /tmp/a.tar --dir=secrets', 'deny', 'U-14: old-style values in order, --dir='],
  ['gtar -xf /tmp/a.tar --one-top-level=secrets', 'deny', 'U-14: gtar, --one-top-level'],
  ['curl -K cfg https://x.example/', 'ask', 'U-15: a config file may name outputs'],
  ['rsync -a --log-file=secrets/log src/ dist/ && rsync -a --backup-dir secrets/b src/ dist/', 'deny', 'U-16: files rsync options name'],
  // Audit round 25 (W-3, W-4, W-5).
  ['rm -rf ../other-project/node_modules && rm -rf src/../dist/x', 'allow', 'W-3: a sibling of the workspace does not hold it'],
  ['cd secrets && tar -xf /tmp/x.tar', 'deny', 'W-4: unpacked where a cd went'],
  ['cd secrets && unzip -o /tmp/x.zip', 'deny', 'W-4: the same for unzip'],
  ['cd dist && tar -xzf /tmp/x.tgz && unzip -l /tmp/x.zip', 'allow', 'unpacked where nothing is protected, or only listed'],
  // Held to the protected paths below the folder a cd moved to, as tar -C names it (W-4, follow-up).
  ['cd .github && unzip -o /tmp/x.zip', 'ask', 'the archive may hold .github/agent-gate.yml'],
  ['cd .kiro && tar -xf /tmp/x.tar', 'ask', 'the archive may hold .kiro/settings/…'],
  ['cd src && cd ../.kiro && tar -xf /tmp/x.tar', 'ask', 'every folder a cd may have reached'],
  // The entry's own folder is left only when the unpacker runs after a cd that succeeded.
  ['cd /tmp/build; tar -xf /tmp/x.tar', 'ask', 'a failed cd leaves the shell at the top'],
  ['cd /tmp/build || unzip -o /tmp/x.zip', 'ask', 'runs only when the cd failed'],
  ['cd /tmp/build && true || tar -xf /tmp/x.tar', 'ask', 'after ||, the cd may have failed'],
  ['! cd /tmp/build && tar -xf /tmp/x.tar', 'ask', 'a negated cd succeeds when it did not move'],
  ['cd() { :; }; cd /tmp/build && tar -xf /tmp/x.tar', 'ask', 'a function named cd moves nothing'],
  ['enable -n cd; cd /tmp/build && tar -xf /tmp/x.tar', 'ask', 'enable may turn the builtin into a program'],
  ["alias cd=true; cd /tmp/build && tar -xf /tmp/x.tar", 'ask', 'an alias named cd'],
  ['cd /tmp/build && tar -xf /tmp/x.tar; tar -xf /tmp/y.tar', 'ask', 'a later statement runs whether or not the cd did'],
  ['cd /tmp/build && f() { tar -xf /tmp/x.tar; }; f', 'ask', 'a function body may run anywhere'],
  ['(cd /tmp/build) && tar -xf /tmp/x.tar', 'ask', 'a cd in a subshell moves nothing after it'],
  ['cd /tmp/build && tar -xf /tmp/x.tar', 'allow', 'the shell surely left the workspace'],
  ['false || cd /tmp/build && tar -xf /tmp/x.tar', 'allow', 'runs only after the cd succeeded'],
  ['cd /tmp/build && { true; tar -xf /tmp/x.tar; }', 'allow', 'a group after the cd'],
  ['pushd /tmp/build && unzip -o /tmp/x.zip | cat', 'allow', 'pushd, and a pipeline after it'],
  ['env -C /tmp/build tar -xf /tmp/x.tar', 'allow', 'a wrapper that runs nothing unless it entered the folder'],
  // One per command: after an unpacker, a later write in the same command may go through a link it put in place.
  ['git checkout main -- src/', 'allow', 'W-5: a folder src/** allows'],
  ['git restore -s main src/', 'allow', 'W-5: the same for git restore'],
]);

test('an archive unpacked after a cd names the folder the cd moved to', () => {
  const r = judge(POLICY, 'shell', 'cd .github && unzip -o /tmp/x.zip');
  expect(r.reason).toContain('unzip may write anything in "." (".github", where a cd may have moved the shell), which may put ".github/agent-gate.yml" there');
});

test('rm names what decided: the entry or what the folder holds', () => {
  const r = judge(POLICY, 'shell', 'rm -rf .kiro');
  expect(r.reason).toContain('.kiro/settings');
  const file = judge(POLICY, 'shell', 'rm -f secrets/k');
  expect(file.parts).toContainEqual(expect.objectContaining({ capability: 'fs_write', text: 'secrets/k', effect: 'deny' }));
});

// Audit round 28 (DD-1): near misses of the AA-1/AA-7 fix; every deny row was allow before.
table('unpackers and splitters read the way the programs read their words', [
  ['split -d f secrets/x', 'deny', 'DD-1: split -d takes no value, so secrets/x is the prefix'],
  ['cd secrets && split -l 1 f', 'deny', 'DD-1: split without a prefix writes xaa… where it stands'],
  ['cd secrets && csplit f 2', 'deny', 'DD-1: csplit without -f writes xx00…'],
  ['ar --output secrets x a.ar', 'deny', 'DD-1: a separated --output value is no key'],
  ['7z -y x a.7z -osecrets', 'deny', 'DD-1: the command is the first word that is no switch'],
  ['7z X a.7z -osecrets', 'deny', 'DD-1: in any case'],
  ['cd secrets && 7z -y x ../a.7z', 'deny', 'DD-1: here, after a switch'],
  ['python3 -m zipfile -e a.zip secrets', 'deny', 'DD-1: the stdlib zipfile unpacker'],
  ['python3.12 -m tarfile --extract a.tar secrets', 'deny', 'DD-1: and tarfile'],
  ['cd secrets && python -mzipfile -e ../a.zip', 'deny', 'DD-1: no folder: where it stands'],
  ['dpkg-deb -x a.deb secrets', 'deny', 'DD-1: dpkg-deb -x'],
  ['dpkg-deb --raw-extract a.deb secrets', 'deny', 'DD-1: dpkg-deb -R'],
  ['dpkg -x a.deb secrets', 'deny', 'DD-1: dpkg -x hands over to dpkg-deb'],
  ...['split -l 1 f dist/x', '7z l a.7z', 'python3 -m zipfile -l a.zip', 'python3 -m zipfile -e a.zip dist', 'dpkg-deb -c a.deb', 'dpkg -l', 'ar t a.ar']
    .map((command): [string, Effect, string] => [command, 'allow', 'into a folder nothing protects, or only listing']),
]);

// Audit round 28 (DD-5, DD-7): programs that write a file an option or operand names.
table('everyday programs write the files their options or operands name', [
  ['echo x | sponge secrets/k', 'deny', 'DD-5: sponge'],
  ['echo x | sponge -a .env', 'deny', 'DD-5: sponge -a'],
  ["yq -i '.a=1' .github/agent-gate.yml", 'deny', 'DD-5: yq -i'],
  ["yq e --inplace '.a=1' src/a.yml secrets/k.yml", 'deny', 'DD-5: yq eval --inplace, every file'],
  ['yq -i --expression .a=1 secrets/k.yml', 'deny', 'DD-5: with --expression every operand is a file'],
  ["yq -i -P '.a=1' secrets/k.yml", 'deny', 'DD-5: -P (pretty print) takes no value, so the expression is not taken for it'],
  ['iconv -f utf-8 -t ascii -o secrets/k in.txt', 'deny', 'DD-5: iconv -o'],
  ['iconv --output=.env in.txt', 'deny', 'DD-5: iconv --output='],
  ['gcc a.c -o secrets/k', 'deny', 'DD-7: gcc -o'],
  ['x86_64-linux-gnu-gcc-12 -osecrets/k a.c', 'deny', 'DD-7: a cross compiler, -o attached'],
  ['cd secrets && cc a.c', 'deny', 'DD-7: a.out where it stands'],
  ['go build -o secrets/k .', 'deny', 'DD-7: go build -o'],
  ['zip -q secrets/z.zip src/a', 'deny', 'DD-7: zip ARCHIVE'],
  ['zip -r secrets/z src', 'deny', 'DD-7: zip adds .zip'],
  ['openssl rand -out secrets/r 8', 'deny', 'DD-7: openssl -out'],
  ['openssl req -new -keyout .env -out src/r.csr', 'deny', 'DD-7: openssl -keyout'],
  ['ssh-keygen -q -t ed25519 -N "" -f secrets/k', 'deny', 'DD-7: ssh-keygen -f'],
  ['pip install --target secrets ./pkg', 'deny', 'DD-7: pip install --target'],
  ['pip3 download -d secrets x', 'deny', 'DD-7: pip download -d'],
  // rustc, javac and tsc: common writers left open in round 28.
  ['rustc -o secrets/k src/main.rs', 'deny', 'rustc -o'],
  ['rustc --out-dir=secrets src/main.rs', 'deny', 'rustc --out-dir='],
  ['rustc --emit=link=secrets/k,metadata src/main.rs', 'deny', 'rustc --emit KIND=PATH'],
  ['rustc -C incremental=secrets src/main.rs', 'deny', 'rustc -C incremental=DIR'],
  ['cd secrets && rustc ../src/main.rs', 'deny', 'rustc: the crate lands where the shell stands'],
  ['javac -d secrets src/A.java', 'deny', 'javac -d'],
  ['javac --directory=secrets src/A.java', 'deny', 'javac --directory='],
  ['javac secrets/A.java', 'deny', 'javac: class files beside their sources'],
  ['javac -cp lib.jar -s secrets src/A.java', 'deny', 'javac -s after -cp (one option, not -c -p)'],
  ['tsc --outDir secrets src/a.ts', 'deny', 'tsc --outDir'],
  ['tsc -outdir secrets', 'deny', 'tsc: one dash, any case'],
  ['tsc --outFile .env', 'deny', 'tsc --outFile'],
  ['tsc --declarationDir=secrets', 'deny', 'tsc --declarationDir='],
  ['tsc --tsBuildInfoFile secrets/b', 'deny', 'tsc --tsBuildInfoFile'],
  ['cd secrets && go build', 'deny', 'go build of one package: the binary lands where the shell stands'],
  ['cd secrets && go build -tags netgo ../src/cmd/x', 'deny', 'go build: a flag value is no second package'],
  ['go build -C secrets', 'deny', 'go build -C DIR'],
  ['cd secrets && go test -c ../src/x', 'deny', 'go test -c'],
  ['go test -coverprofile=secrets/c.out ./...', 'deny', 'go test -coverprofile'],
  ['go test -outputdir secrets -cpuprofile c.out ./src/x', 'deny', 'go test -outputdir'],
  ...['cd dist && go build ../src/cmd/x', 'go build ./src/...', 'go build -o dist/app ./src/cmd/x', 'go test -coverprofile=dist/c.out ./...', 'go vet ./...']
    .map((command): [string, Effect, string] => [command, 'allow', 'go writing nothing protected']),
  ...['rustc -O -o dist/app src/main.rs', 'rustc --version', 'javac -classpath lib.jar -d dist src/A.java', 'javac -d dist src/A.java', 'tsc --outDir dist -p .', 'tsc --noEmit', 'tsc -p src']
    .map((command): [string, Effect, string] => [command, 'allow', 'rustc, javac, tsc writing nothing protected']),
  ...["yq '.a' secrets/k.yml", 'gcc -c src/a.c', 'gcc --version', 'go build ./...', 'go test ./...', 'zip -r dist/z.zip src', 'openssl rand -hex 8',
    'ssh-keygen -l -f secrets/k.pub', 'pip install -r requirements.txt', 'iconv -f utf-8 -t ascii src/a', 'echo x | sponge dist/a']
    .map((command): [string, Effect, string] => [command, 'allow', 'writing nothing protected']),
]);

// Audit round 28 (DD-2): content put in the index at a path, then written out by `git checkout --
// PATH` (the index's own contents, not judged), was `git checkout REV -- PATH` in two steps.
table('git commands that put chosen contents in the index write those paths', [
  ['git reset other -- secrets && git checkout -- secrets', 'deny', 'DD-2: reset REV -- PATH'],
  ['git reset other secrets/k', 'deny', 'DD-2: without --, the words after REV'],
  ['git restore --staged --source=other secrets && git restore secrets', 'deny', 'DD-2: restore --staged --source'],
  ['git read-tree --prefix=secrets/ other^{tree}', 'deny', 'DD-2: read-tree --prefix without -u'],
  ['S=$(git hash-object -w src/a); git update-index --add --cacheinfo 100644,$S,.github/agent-gate.yml; git checkout -- .github/agent-gate.yml', 'deny', 'DD-2: update-index --cacheinfo M,B,P'],
  ['git update-index --add --cacheinfo 100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 .kiro/settings/mcp.json', 'deny', 'DD-2: --cacheinfo in three words'],
  ['git update-index --index-info < entries; git checkout -- .', 'ask', 'DD-2: entries read from input'],
  ['git read-tree other && git checkout-index -a -f', 'ask', 'DD-2: a whole tree in the index'],
  ['git apply --cached x.patch', 'ask', 'DD-2: a patch to the index names any path'],
  // Another commit's tree in the index may hold the policy file (audit round 30, JJ-2).
  ['git reset HEAD~1', 'ask', 'JJ-2: another commit\'s tree in the index'],
  ...['git reset --hard', 'git reset HEAD -- secrets/k', 'git reset -- secrets/k', 'git reset other -- src/a.ts',
    'git restore --staged secrets/k', 'git restore --staged --source=HEAD secrets/k', 'git read-tree HEAD', 'git update-index --add src/a.ts',
    'git update-index --refresh', 'git apply --check x.patch', 'git checkout -- src/a.ts']
    .map((command): [string, Effect, string] => [command, 'allow', 'committed contents, or nothing protected']),
]);

// Audit round 28 (DD-3, DD-8): where git writes when no folder is named.
table('git writes where its settings or the shell put it', [
  ['git config core.worktree ../secrets; git checkout HEAD -- k', 'ask', 'DD-3: core.worktree moves every later work-tree write'],
  ['git config --add core.WorkTree /abs/secrets', 'ask', 'DD-3: any case, any git config form'],
  ['git -c core.worktree=secrets status', 'ask', 'DD-3: as a -c setting'],
  ['cd secrets && git format-patch -1', 'deny', 'DD-8: patches where git stands'],
  ['cd secrets && git bugreport', 'deny', 'DD-8: the report where git stands'],
  ['git -C secrets init', 'deny', 'DD-8: git init where git stands'],
  ['cd secrets && git init', 'deny', 'DD-8: the same after cd'],
  ['git init', 'ask', 'DD-8: as git init . is: a repository here may bring anything'],
  ...['git config --get core.worktree', 'git config core.bare false', 'git format-patch -1 --stdout > dist/p', 'cd /tmp/x && git init']
    .map((command): [string, Effect, string] => [command, 'allow', 'nowhere protected']),
]);

table('npm --prefix and gh write where they are told (DD-7)', [
  ['npm install --prefix secrets ./lp', 'deny', 'DD-7: npm --prefix DIR'],
  ['npm --prefix=.kiro/settings i x', 'deny', 'DD-7: --prefix='],
  ['npm -C secrets ci', 'deny', 'DD-7: -C is --prefix'],
  ['gh repo clone a/b secrets/x', 'deny', 'DD-7: gh repo clone DIR'],
  ['gh repo clone a/secrets', 'deny', 'DD-7: the folder named after the repository'],
  ['gh release download -D secrets', 'deny', 'DD-7: gh release download -D'],
  ['gh release download v1 -O secrets/x', 'deny', 'DD-7: gh release download -O'],
  ['cd secrets && gh run download 1', 'deny', 'DD-7: without either, where the shell stands'],
  ...['npm install', 'npm --prefix src run build', 'gh release download v1 -O -', 'gh pr list', 'gh repo clone a/b dist/b']
    .map((command): [string, Effect, string] => [command, 'allow', 'nowhere protected']),
]);

// Audit 29: tables looked up by command name answered `constructor`, `toString`… with what
// Object.prototype holds, and the analyser failed (an ask for a harmless command).
table('command names that are members of Object.prototype are ordinary names', [
  ...['constructor -d f', 'toString -d f', '__proto__ -x', 'valueOf --help', 'hasOwnProperty -o x'].map((command): [string, Effect, string] => [command, 'allow', 'an unknown program']),
  ['constructor -o secrets/k > secrets/k', 'deny', 'still judged for its redirection'],
]);

// Audit round 29 (GG-2, GG-3, GG-4, GG-10): other actions and spellings of the unpackers and
// pip; every deny and ask row was allow before the fix but those marked as guards, and the
// first three allow rows were ask or deny.
table('unpackers, archivers and pip in every spelling the programs take', [
  ['dpkg -X a.deb secrets', 'deny', 'GG-2: dpkg -X hands over to dpkg-deb'],
  ['dpkg --vextract a.deb secrets', 'deny', 'GG-2: dpkg --vextract'],
  ['dpkg-deb -e a.deb secrets/x', 'deny', 'GG-2: control members of any name'],
  ['dpkg-deb --control a.deb secrets', 'deny', 'GG-2: dpkg-deb --control'],
  ['cd secrets && dpkg-deb -e a.deb', 'deny', 'GG-2: without a folder, ./DEBIAN'],
  ['python3 -m pip install --target secrets/lib x', 'deny', 'GG-3: python -m pip'],
  ['python -m pip download --dest=secrets x', 'deny', 'GG-3: python -m pip download'],
  ['python3 -Im pip install -t secrets x', 'deny', 'GG-3: -m at the end of a cluster'],
  ['pip3.11 install -t secrets x', 'deny', 'GG-3: a versioned pip'],
  ['pip --timeout 60 install --target secrets/lib requests', 'deny', 'GG-3: a valued global option before the command'],
  ['pip --proxy http://p:3128 install -t secrets/lib x', 'deny', 'GG-3: --proxy URL'],
  ['pip --retries 3 download -d secrets x', 'deny', 'GG-3: --retries N'],
  ['pip install --upgrade -t secrets x', 'deny', 'guard: --upgrade is a flag, not --upgrade-strategy'],
  ['pip install --pre -t secrets x', 'deny', 'GG-3: --pre is a flag, not --prefix'],
  ['pip install --src secrets -e git+https://example.com/x#egg=x', 'deny', 'GG-3: --src DIR'],
  ['pip install --report secrets/r.json x', 'deny', 'GG-3: --report FILE'],
  ['pip --log .env list', 'deny', 'GG-3: --log FILE'],
  ['python3 -m zipfile --ext a.zip secrets', 'deny', 'GG-4: argparse takes a prefix of --extract'],
  ['python3 -m tarfile --ex a.tar secrets', 'deny', 'GG-4: the same for tarfile'],
  ['python3 -m tarfile -ve a.tar secrets', 'deny', 'GG-4: -e after -v in one word'],
  ['python3 -Im zipfile -e a.zip secrets', 'deny', 'GG-4: -m at the end of a cluster'],
  ['python3 -Imzipfile -e a.zip secrets', 'deny', 'GG-4: the module attached to the cluster'],
  ['python3 -W ignore -m zipfile -e a.zip secrets', 'deny', 'guard: after a valued interpreter option'],
  ['ar rcs secrets/libx.a a.o', 'deny', 'GG-10: ar r writes the archive'],
  ['ar -rcs secrets/libx.a a.o', 'deny', 'GG-10: the key with a dash'],
  ['ar -r -c -s secrets/libx.a a.o', 'deny', 'GG-10: the key in separate options'],
  ['ar ma b.o secrets/libx.a a.o', 'deny', 'GG-10: a member name before the archive'],
  ['ar d secrets/libx.a a.o', 'deny', 'GG-10: ar d rewrites the archive'],
  ['7z a secrets/x.7z src', 'deny', 'GG-10: 7z a'],
  ['7z -y u secrets/x src', 'deny', 'GG-10: 7z u, .7z added'],
  ['jar cf secrets/x.jar -C build .', 'deny', 'GG-10: jar cf'],
  ['jar cmf manifest secrets/x.jar -C build .', 'deny', 'GG-10: jar values in the order of their letters'],
  ['jar --create --file secrets/x.jar -C build .', 'deny', 'GG-10: jar --create --file'],
  ['python3 -m zipfile -c secrets/x.zip src', 'deny', 'GG-10: zipfile -c'],
  ['python3 -m tarfile --create secrets/x.tar src', 'deny', 'GG-10: tarfile --create'],
  ['dpkg-deb -b pkg secrets/x.deb', 'deny', 'GG-10: dpkg-deb -b DIR ARCHIVE'],
  ['dpkg-deb -b -Z xz pkg secrets/x.deb', 'deny', 'GG-10: after a separated option value'],
  ['cd secrets && dpkg-deb --build pkg', 'deny', 'GG-10: without an archive, DIR.deb'],
  ['dpkg-deb -e a.deb', 'ask', 'GG-2: ./DEBIAN, which no rule names'],
  ...['pip install --pre -r requirements.txt', 'python3 script.py -m zipfile -e a.zip secrets', 'go build -C dist -o app ./cmd/x',
    'ar rcs dist/libx.a a.o', 'ar t a.a', 'python3 -m pip install -r requirements.txt', 'pip --timeout 60 install -r requirements.txt',
    'pip install -U pip', 'pip3.11 list', 'python3 -m pip install -e .', 'python3 -m black src/a.py', '7z a dist/x.7z src', '7z l a.7z',
    'jar cf dist/x.jar -C build .', 'jar tf a.jar', 'python3 -m zipfile -c dist/x.zip src', 'python3 -m tarfile -l a.tar',
    'dpkg-deb -b pkg dist/x.deb', 'dpkg-deb -I a.deb', 'dpkg -L bash']
    .map((command): [string, Effect, string] => [command, 'allow', 'a flag, a script\'s own words, -o after -C; or nothing protected']),
]);

// Audit round 29 (GG-5): git takes any unique prefix of a long option; a --cacheinfo value only
// known at run time may name any path.
table('git update-index in every spelling git takes', [
  ['S=$(git hash-object -w src/a); git update-index --add --cachei 100644,$S,secrets/x; git checkout -- secrets/x', 'deny', 'GG-5: --cachei is --cacheinfo'],
  ['git update-index --add --ca 100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 .env', 'deny', 'GG-5: the shortest prefix, three words'],
  ['git update-index --index-i < f', 'ask', 'GG-5: --index-i is --index-info'],
  ['git update-index --add --cacheinfo "$CI"', 'ask', 'GG-5: a value only known at run time'],
  ['git update-index --add --cacheinfo=$CI', 'ask', 'GG-5: the same after ='],
  ['S=$(git hash-object -w src/a); CI="100644,$S,secrets/x"; git update-index --add --cacheinfo "$CI"', 'ask', 'GG-5: set earlier on the line'],
  ['git update-index --add --cacheinfo "$M" "$S" secrets/x', 'deny', 'guard: three words, a static path'],
  ...['git update-index --index-version 4', 'git update-index --index- 4', 'git update-index --chmod=+x src/a.sh', 'git update-index --add --cacheinfo 100644,abc,src/a.ts']
    .map((command): [string, Effect, string] => [command, 'allow', 'nothing protected (--index- is also --index-version)']),
]);

// Audit round 29 (GG-8, GG-11): other spellings of the round-28 writers; every deny row was allow before.
table('compilers, openssl, gh, go, script and yq in every spelling they take', [
  ['gcc --output=secrets/x a.c', 'deny', 'GG-8: --output='],
  ['gcc --output secrets/x a.c', 'deny', 'GG-8: --output FILE'],
  ['cd secrets && gcc -c ../a.c', 'deny', 'GG-8: -c writes a.o where the shell stands'],
  ['cd secrets && clang -S ../a.c', 'deny', 'GG-8: -S writes a.s'],
  ['cd secrets && gcc -c "$f"', 'deny', 'GG-8: an object named at run time, still where the shell stands'],
  ['gcc -c a.c -MD -MF secrets/d', 'deny', 'GG-8: -MF FILE'],
  ['gcc -c a.c -MD -MFsecrets/d', 'deny', 'GG-8: -MF attached'],
  ['c99 -o secrets/x a.c', 'deny', 'GG-8: c99'],
  ['cpp a.c secrets/x', 'deny', 'GG-8: cpp IN OUT'],
  ['as -o .env a.s', 'deny', 'GG-8: as -o'],
  ['openssl rand -out=secrets/r 8', 'deny', 'GG-8: openssl -opt=value'],
  ['openssl genrsa --out=secrets/k 2048', 'deny', 'GG-8: two dashes and ='],
  ['openssl req -new -keyout=.env -out=src/r.csr', 'deny', 'GG-8: -keyout='],
  ['openssl rand -writerand secrets/r 8', 'deny', 'GG-8: -writerand'],
  ['openssl s_client -keylogfile secrets/k -connect example.com:443', 'deny', 'GG-8: -keylogfile'],
  ['openssl ca -outdir secrets -in r.csr', 'deny', 'GG-8: -outdir'],
  ['gh repo clone o/secrets -- --depth=1', 'deny', 'GG-8: git flags after --, the folder from the URL'],
  ['gh repo clone o/secrets -- --depth 1', 'deny', 'GG-8: a git flag value is no folder'],
  ['gh repo clone o/r -- --depth 1 secrets', 'deny', 'GG-8: the folder among the git words'],
  ['gh release -R o/r download v1 -D secrets', 'deny', 'GG-8: -R before the command'],
  ['gh run --repo=o/r download 1 -D secrets', 'deny', 'GG-8: --repo= before the command'],
  ['go build -C dist -o ../secrets/x ./cmd/x', 'deny', 'GG-8: -o read after -C'],
  ['go test -C dist -c -o ../secrets/x ../pkg', 'deny', 'GG-8: the same for go test'],
  ['script -q -tsecrets/timing -c ls dist/out.log', 'deny', 'GG-11: -tFILE'],
  ['script -q --timing=secrets/timing -c ls dist/out.log', 'deny', 'GG-11: --timing=FILE'],
  ['script -qtsecrets/timing -c ls dist/out.log', 'deny', 'GG-11: -t at the end of a cluster'],
  ['yq -i -P secrets/ci.yml', 'deny', 'GG-11: a lone operand is the file (the expression is .)'],
  ['yq -i -o json secrets/ci.yml', 'deny', 'GG-11: the same after a valued option'],
  ['yq -i -P secrets/ci.yml src/b.yml', 'deny', 'GG-11: a first operand that reads as a file'],
  ...['gcc -c src/a.c', 'gcc -c src/a.c src/b.c', 'gcc -S src/a.c', 'gcc -E src/a.c', 'gcc -MMD -c src/a.c', 'gcc -c "$f"', 'cd .github && gcc -c ../src/a.c',
    'gcc -c src/a.c -o dist/a.o', 'gcc -O2 -I include -o dist/app src/a.c -lm', 'ld -o dist/x a.o', 'cpp src/a.c', 'openssl rand -hex 8',
    'openssl req -x509 -config .github/ssl.cnf -out dist/c.pem -keyout dist/k.pem', 'gh repo clone o/r dist/r', 'gh repo clone o/r dist/r -- --depth 1',
    'gh release -R o/r download v1 -D dist', 'gh release list -R o/r', 'script -q -t -c true dist/log',
    'script -q --timing -c true dist/log', "yq -i '.a=1' dist/a.yml dist/b.yml", "yq -i '.a=1' src/a.yml"]
    .map((command): [string, Effect, string] => [command, 'allow', 'writing nothing protected']),
]);

// Review of round 29: the placers' reader stopped after 32 operands, so a destination or `-t DIR`
// after them was never seen.
const many = Array.from({ length: 33 }, (_, i) => `src/f${i}`).join(' ');
table('a placer is read to its last word, however many operands come first', [
  [`cp ${many} secrets/`, 'deny', 'the destination after 33 sources'],
  [`cp ${many} -t secrets`, 'deny', '-t after 33 sources'],
  [`mv ${many} secrets`, 'deny', 'mv into a protected folder'],
  [`echo x | tee ${many} secrets/k`, 'deny', 'tee writes every operand'],
  [`cp ${many} dist/`, 'allow', 'into a folder nothing protects'],
]);
