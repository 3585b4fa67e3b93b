// Database clients and dump tools that write a file an option or a command names: psql's -o/-L
// and \o, \g, \w, \s, \copy … to, \lo_export; server-side COPY … TO, lo_export() and INTO
// OUTFILE; mysql --tee; mysqldump -r/--tab; mongodump/mongoexport -o; redis-cli --rdb. Every deny
// and ask row was allow before; the allow rows must stay allowed.
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

/** The rows, exported for checking them against an older build. */
export const CLIENT_WRITES: readonly ShellRow[] = [
  ...rowsOf('deny', 'the client writes the file its option or command names',
    'psql -o secrets/out.txt', 'psql --out=secrets/out.txt', 'psql -Lsecrets/log', 'psql --output=secrets/out.txt -c "select 1"', 'psql -L secrets/log', 'psql --log-file secrets/log',
    "psql -c '\\o secrets/x'", "psql -c '\\out secrets/x'", "psql -c '\\o \"secrets/a b\"'", "psql -c '\\w secrets/x'",
    "psql -c '\\write secrets/x'", "psql -c 'select 1 \\g secrets/x'", "psql -c 'select 1 \\gx secrets/x'",
    "psql -c 'select 1 \\g (format=csv) secrets/x'", "psql -c '\\s secrets/history'", "psql -c '\\copy t to secrets/x'",
    "psql -c \"\\copy (select 1) TO 'secrets/x' csv\"", "psql -c '\\lo_export 1234 secrets/x'", "psql -c '\\o /tmp/a \\\\ \\o secrets/x'",
    'mysql --tee=secrets/x', 'mariadb --tee=secrets/x db', 'mysqldump -r secrets/dump.sql db', 'mysqldump --result-file=secrets/dump.sql db',
    'mysqldump -uroot --tab=secrets db', 'mariadb-dump -r secrets/x db', 'mongodump -o secrets', 'mongodump --out=secrets/d',
    'mongodump --archive=secrets/a.gz', 'mongoexport -c users -o secrets/users.json', 'redis-cli --rdb secrets/dump.rdb'),
  ...rowsOf('ask', 'a server writes on its own host, which may be this one; a relative name is in its data folder',
    "psql -c \"copy t to '/srv/secrets/a'\"", "psql -c \"COPY t TO 'out.csv'\"", "psql -c \"select lo_export(1, 'x.bin')\"",
    "mysql -e \"select * from t into outfile 'x.csv'\"", "mysql -e \"select 1 into dumpfile 'x'\"",
    // --pager takes a value only after `=`; read as valued, it swallowed the -e after it.
    "mysql --pager -e \"select 1 into outfile '/srv/secrets/a'\"", "mysql --password -e \"select 1 into outfile 'x'\""),
  ...rowsOf('ask', 'a written name only known after \\cd, or a file outside the rules', "psql -c '\\cd /srv \\\\ \\o x'", 'mongodump'),
  ...rowsOf('ask', 'a heredoc of commands that write a file', "psql <<<'\\o /tmp/x'", "psql -d app <<'EOF'\nselect 1 \\g secrets/x\nEOF",
    "psql <<<\"copy t to '/tmp/x'\"", "mysql <<<\"select 1 into outfile '/tmp/x'\""),
  ...rowsOf('allow', 'reads, standard output, and files the policy allows',
    "psql -c 'select 1'", "psql -c '\\o'", "psql -c '\\o /tmp/out.txt'", "psql -c '\\copy t to stdout'", "psql -c '\\copy t to pstdout'",
    "psql -c '\\copy t from secrets/x'", "psql -c 'copy t to stdout'", "psql -c \"copy t from '/tmp/x'\"", "psql -c 'select 1 \\g'",
    'psql -o src/out.txt', 'psql -d db -f src/x.sql', "psql <<<'select 1'", "psql -c \"select lo_export(1, '/tmp/x.bin')\"",
    "mysql -e 'select 1'", "mysql -e \"select * from t into outfile '/tmp/x.csv'\"", 'mysqldump db > /tmp/dump.sql', 'mysqldump -r /tmp/d.sql db',
    'mongodump -o /tmp/dump', 'mongodump --archive', 'mongoexport -c users -o /tmp/u.json', 'redis-cli --rdb /tmp/dump.rdb', 'redis-cli get x'),
];

shellTable(writesPolicy(), 'database clients and dump tools write the files their options and commands name', CLIENT_WRITES);
