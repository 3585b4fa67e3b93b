// Programs that save what they capture, fetch, build or pack (note18's JJ-8 list): every deny and
// ask row was allow before capture-outputs.ts; the allow rows are everyday uses that must stay allowed.
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);

table('programs that save to a file an option names', [
  ['tcpdump -i eth0 -w .env', 'deny', 'tcpdump -w'],
  ['tcpdump -wsecrets/cap', 'deny', 'tcpdump -wFILE'],
  ['tcpdump -C 10 -w /tmp/cap', 'allow', '-C rotates into FILE followed by a number, here in an allowed place'],
  ['tcpdump -C 10 -w /tmp/.en', 'ask', 'FILE followed by a number may be /tmp/.env'],
  ['tcpdump -G 60 -w .en', 'ask', '-G rotates into FILE followed by a date, which may be .env'],
  ['pandoc README.md -o .env', 'deny', 'pandoc -o'],
  ['pandoc a.md --output=secrets/a.html', 'deny', 'pandoc --output='],
  ['pandoc a.docx --extract-media secrets -o src/a.md', 'deny', '--extract-media fills a folder'],
  ['htpasswd -c .env admin', 'deny', 'htpasswd updates its file'],
  ['htpasswd -b secrets/htpasswd admin pw', 'deny', 'htpasswd -b'],
  ['perf record -o .env ls', 'deny', 'perf record -o'],
  ['perf record -g ls', 'ask', 'perf.data where the shell stands'],
  ['aria2c -o .env https://x.example/a', 'deny', 'aria2c -o'],
  ['aria2c -d secrets https://x.example/a', 'deny', 'aria2c -d: the server names the file'],
  ['aria2c https://x.example/a', 'ask', 'the server names the file, where the shell stands'],
  ['http -o .env https://x.example/a', 'deny', 'httpie -o'],
  ['https --download https://x.example/a', 'ask', 'httpie --download: the server names the file'],
  ['cargo build --target-dir secrets', 'deny', 'cargo --target-dir'],
  ['cargo test --target-dir=secrets/t', 'deny', 'cargo --target-dir='],
  ['docker save -o .env img', 'deny', 'docker save -o'],
  ['podman image save --output secrets/i.tar img', 'deny', 'podman image save --output'],
  ['npm pack --pack-destination secrets', 'deny', 'npm pack --pack-destination'],
  ['docker cp c:/x .env', 'deny', 'docker cp still counts'],
  ...allows('to standard output, a print, or an allowed place', 'tcpdump -w - -i eth0', 'tcpdump -i eth0', 'pandoc a.md', 'pandoc a.md -o src/a.html',
    'htpasswd -nb admin pw', 'perf record -o /tmp/p.data ls', 'perf report', 'aria2c -d /tmp https://x.example/a', 'http https://x.example/a',
    'http -o src/a.json https://x.example/a', 'cargo build', 'cargo build --target-dir /tmp/t', 'docker save img', 'docker save -o src/i.tar img',
    'npm pack', 'npm pack --dry-run', 'npm pack --pack-destination /tmp', 'docker ps'),
]);

// Review: a folder only known at run time was joined to the file name as static text, so under a
// policy allowing every write but one folder, `-d "$D" -o x` was allow whatever $D held.
const OPEN_POLICY = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: [".github/**"]}
`,
}, ['.github/agent-gate.yml']);
shellTable(OPEN_POLICY, 'a folder only known at run time leaves the joined path only known then', [
  ['aria2c -d "$D" -o agent-gate.yml https://x.example/a', 'ask', 'aria2c -d $D -o FILE'],
  ['D=.github; aria2c -d $D -o x https://x.example/a', 'ask', 'the same, from an assignment'],
  ['tcpdump -C 1 -w "$F" -i eth0', 'ask', 'the rotated files of a run-time name'],
  ['aria2c -d out -o x https://x.example/a', 'allow', 'a static folder'],
]);
