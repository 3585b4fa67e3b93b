// Audit round 30 (JJ-3, JJ-7, JJ-8): programs that write the files their operands, options or
// command languages name. Every deny and ask row was allow before the fix; the allow rows are
// everyday uses that must stay allowed.
import { describe, expect, test } from '@jest/globals';
import { edWrites } from '../../src/shell/editor-writes.ts';
import { madeArg } from '../../src/shell/operand-words.ts';
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
type Row = ShellRow;
const table = (name: string, rows: readonly Row[]): void => shellTable(POLICY, name, rows);

const allows = (why: string, ...commands: string[]): Row[] => rowsOf('allow', why, ...commands);

table('JJ-3: sqlite3 writes its database and the files its commands name', [
  ["sqlite3 db '.backup .github/agent-gate.yml'", 'deny', '.backup FILE'],
  ["sqlite3 db '.backup main secrets/k'", 'deny', '.backup DB FILE'],
  ["sqlite3 db '.bac secrets/k'", 'deny', 'a prefix sqlite3 takes'],
  ['sqlite3 db "vacuum into \'.env\'"', 'deny', 'VACUUM INTO'],
  ['sqlite3 db "attach \'secrets/k\' as x; create table x.t(a)"', 'deny', 'ATTACH'],
  ["sqlite3 .env 'create table t(a)'", 'deny', 'the database operand, changed'],
  ["sqlite3 -cmd '.save secrets/k' db .quit", 'deny', '-cmd'],
  ['sqlite3 db ".output secrets/k" "select 1"', 'deny', '.output'],
  ["sqlite3 db '.once .env' 'select 1'", 'deny', '.once'],
  ["sqlite3 db '.open secrets/k'", 'deny', '.open'],
  ['sqlite3 .env < x.sql', 'deny', 'commands from standard input may change the database'],
  ['sqlite3 db < x.sql', 'ask', 'commands from standard input may write any file'],
  ["sqlite3 db \"select writefile('x', 'y')\"", 'ask', 'writefile() names its file by an expression'],
  ["sqlite3 db '.read cmds.sql'", 'ask', 'commands read from a file'],
  ['sqlite3 -init cmds.sql db .quit', 'ask', '-init'],
  ['sqlite3 db "$sql"', 'ask', 'SQL only known at run time'],
  ...allows('reads, or writes nothing protected', "sqlite3 secrets/app.db 'select * from t'", 'sqlite3 .env .tables', "sqlite3 db '.schema t'",
    "sqlite3 db 'pragma table_info(t)'", "sqlite3 dist/app.db 'insert into t values (1)'", "sqlite3 -readonly .env 'delete from t'",
    "sqlite3 db '.backup /tmp/b.db'"),
]);

describe('JJ-3: the files ed writes from the commands it reads', () => {
  const ed = (input: string, ...argv: string[]) => edWrites([madeArg('ed'), ...argv.map((v) => madeArg(v))], madeArg(input)).map((w) => w.file.value);
  const rows: Array<[input: string, argv: string[], written: string[]]> = [
    ['w .github/agent-gate.yml', ['-s', 'src/a'], ['.github/agent-gate.yml']],
    ['W .env', ['-s', 'src/a'], ['.env']],
    [',d\nw', ['.env'], ['.env']],
    [',d\nwq', ['-p', '*', '.env'], ['.env']],
    ['1,$w secrets/k\nq', ['src/a'], ['secrets/k']],
    ['a\nw not a command\n.\nw', ['src/a'], ['src/a']],
    ['f secrets/k\nw', ['src/a'], ['secrets/k']],
    ['e .env\n,d\nw', [], ['.env']],
    ['g/x/w secrets/k', ['src/a'], ['secrets/k']],
    [',p\nq\nw secrets/k', ['src/a'], []],
    ['w !cat', ['src/a'], []],
    [',p', ['.env'], []],
  ];
  test.each(rows)('%j with %j writes %j', (input, argv, written) => {
    expect(ed(input, ...argv)).toEqual(written);
  });
  test('commands only known at run time may write anything, the edited file too', () => {
    const writes = edWrites([madeArg('ed'), madeArg('src/a')], madeArg('$cmds', 'variable'));
    expect(writes.map((w) => [w.file.value, w.file.dynamic !== null])).toEqual([['*', true], ['src/a', false]]);
  });
  test('no input known here: input-runners.ts asks', () => {
    expect(edWrites([madeArg('ed'), madeArg('src/a')], null)).toEqual([]);
  });
});

table('JJ-7: batch renamers move files as mv does', [
  ['rename k k2 secrets/k', 'deny', 'util-linux rename: secrets/k taken away'],
  ['rename .txt .env src/a.txt', 'deny', 'util-linux rename: the new name'],
  ['rename.ul a b secrets/a', 'deny', 'rename.ul'],
  ["file-rename 's/k/k2/' secrets/k", 'deny', 'Perl rename: the file taken away'],
  ["prename 's/a$/.env/' src/a", 'deny', 'prename: a new name worked out'],
  ["perl-rename -e 's/x/y/' secrets/k", 'deny', 'perl-rename -e'],
  ["rename 'system(\"rm x\")' src/a", 'ask', 'Perl code that is not a plain s///'],
  ["file-rename 's/a/b/e' src/a", 'ask', 'the /e flag runs code'],
  ["file-rename 's/a/@{[`id`]}/' src/a", 'ask', 'interpolated code'],
  ["file-rename 's/(a)/$1b/' src/*.a", 'ask', 'new names of a glob are only known at run time'],
  ["file-rename 's/a/b/'", 'ask', 'names read from standard input'],
  ["mmv 'secrets/*' 'src/#1'", 'deny', 'mmv: the sources taken away'],
  ["mmv -c 'src/*' 'secrets/#1'", 'deny', 'mmv -c: the copies'],
  ['vidir secrets', 'deny', 'vidir renames or removes what the folder holds'],
  ['vidir', 'ask', 'vidir without a folder: where it stands, and names given in an editor'],
  ...allows('renames nothing protected', "rename 's/\\.js$/.ts/' src/a.js", "file-rename 's/a/b/' src/a", "rename -n 's/a/b/' src/a",
    "mmv 'src/*.js' 'src/#1.ts'", "file-rename 'y/a-z/A-Z/' -n src/a"),
]);

table('JJ-8: everyday writers write what their output operand names', [
  ['prettier --write .github/agent-gate.yml', 'deny', 'prettier --write'],
  ['prettier -w --parser yaml secrets/k.yml', 'deny', 'prettier -w after a valued option'],
  ['prettier --write .', 'ask', 'a folder: held to the protected paths below'],
  ["prettier --write '**/*.yml'", 'ask', 'a pattern prettier expands'],
  ['gofmt -w secrets/k.go', 'deny', 'gofmt -w'],
  ['goimports -w -local x secrets/k.go', 'deny', 'goimports -w'],
  ['clang-format -i secrets/k.c', 'deny', 'clang-format -i'],
  ['clang-format --style=file -i .env', 'deny', 'clang-format -i after --style='],
  ['gpg -o secrets/k -d x', 'deny', 'gpg -o'],
  ['gpg --output .env -d x', 'deny', 'gpg --output'],
  ['gpg -r bob --output=secrets/k -e x', 'deny', 'gpg --output='],
  ['sdiff -o secrets/k a b', 'deny', 'sdiff -o'],
  ['mktemp secrets/XXXX', 'deny', 'mktemp TEMPLATE'],
  ['mktemp -d -p secrets', 'deny', 'mktemp -p DIR'],
  ['mktemp --tmpdir=secrets x.XXXXXX', 'deny', 'mktemp --tmpdir=DIR'],
  ['mkfifo secrets/p', 'deny', 'mkfifo'],
  ['mknod secrets/p p', 'deny', 'mknod'],
  ['pg_dump -f secrets/k db', 'deny', 'pg_dump -f'],
  ['pg_dump -Fd --file=secrets/d db', 'deny', 'pg_dump -Fd: a folder'],
  ['pg_restore -f .env x.dump', 'deny', 'pg_restore -f'],
  ['valgrind --log-file=secrets/k ls', 'deny', 'valgrind --log-file='],
  ['valgrind --tool=massif --massif-out-file=.env ls', 'deny', 'valgrind --massif-out-file='],
  ['ltrace -o secrets/k ls', 'deny', 'ltrace -o'],
  ['strace -o secrets/k ls', 'deny', 'strace -o'],
  ['strace -f -e trace=open -osecrets/k ls', 'deny', 'strace -oFILE after valued options'],
  ['strace -ff -o secrets/k ls', 'deny', 'strace -ff: FILE.PID'],
  ['nmap -oN secrets/k h', 'deny', 'nmap -oN'],
  ['nmap -oX .env h', 'deny', 'nmap -oX'],
  ['nmap -oA secrets/k h', 'deny', 'nmap -oA: BASE.nmap…'],
  ['docker cp c:/x secrets/k', 'deny', 'docker cp to a local path'],
  ['docker container cp c:/x .env', 'deny', 'docker container cp'],
  ['docker cp c:/x/.env .', 'deny', 'into a folder, under the source\'s name'],
  ['podman cp c:/x secrets/', 'deny', 'podman cp'],
  ['kubectl cp pod:/x secrets/k', 'deny', 'kubectl cp'],
  ['kubectl -n ns cp ns/pod:/x secrets/k -c main', 'deny', 'kubectl cp after a global option'],
  ...allows('writing nothing protected', 'prettier --check .', 'prettier --write src/a.ts', 'prettier --write --parser typescript src/a.ts', 'gofmt -l .',
    'gofmt -w src/a.go', 'clang-format -i src/a.c', 'clang-format secrets/k.c', 'gpg -d x.gpg', 'gpg -o - -d x.gpg', 'gpg --output dist/x -d x.gpg',
    'sdiff a b', 'mktemp', 'mktemp -d', 'mktemp -t foo.XXXXXX', 'd=$(mktemp -d) && echo "$d"', 'mktemp -u secrets/XXXX', 'mkfifo /tmp/p',
    'pg_dump -f dist/x.sql db', 'pg_dump db', 'strace -f -e trace=open ls', 'strace -o /tmp/t ls', 'ltrace -c ls', 'valgrind --tool=memcheck ls',
    'nmap -oX /tmp/x.xml h', 'nmap -oN - h', 'docker cp src/a c:/x', 'docker cp c:/x /tmp/x', 'kubectl cp src/a pod:/x'),
]);
