// Globs that name files in a folder (WritePart.nameGlobs): a glob whose own text starts with a dot
// names dot files (`src/.en*` is `src/.env`), and so does any glob once `shopt -s dotglob` may be
// on. Every deny and ask row was allow before; the allow rows must stay allowed.
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);
const many = Array.from({ length: 32 }, (_, i) => `src/f${i}`).join(' ');

shellTable(POLICY, 'globs that may name dot files', [
  ['sponge src/.en*', 'ask', 'a literal leading dot names .env'],
  ['iconv -o src/.en? a', 'ask', 'an option value glob'],
  ['sponge src/.EN*', 'ask', 'the deny names .env in another case'],
  ['cp -r build/.e* src/', 'ask', 'a recursive copy of dot names'],
  ['shopt -s dotglob; sponge src/*', 'ask', 'dotglob: * names .env'],
  ['shopt -s dotglob; cp -r build/* src/', 'ask', 'dotglob: the copy carries .env'],
  ['sponge src/*; shopt -s dotglob', 'ask', 'dotglob set later in the command, which a loop may run again'],
  ['shopt -s nullglob dotglob; sponge src/*.x', 'allow', 'dotglob, but the glob names no .env'],
  ['shopt -s $OPT; sponge src/*', 'ask', 'an option only known at run time'],
  ["bash -c 'shopt -s dotglob; sponge src/*'", 'ask', 'inside a script string'],
  ["bash -O dotglob -c 'sponge src/*'", 'ask', 'bash -O dotglob'],
  [`cp ${many} build/.env dist/`, 'ask', 'a 33rd static source, past what is listed, lands as dist/.env'],
  [`cp src/*.ts ${many} build/.env dist/`, 'ask', 'the same beside a glob'],
  [`cp -t dist ${many} build/.env`, 'ask', 'the same with -t'],
  ...allows('globs that cannot name a dot file', 'sponge src/*', 'cp -r build/* src/', 'sponge src/[.]env', 'shopt -s extglob; sponge src/*',
    'shopt -u dotglob; sponge src/*', "bash -O extglob -c 'sponge src/*'", 'sponge src/.x*',
    `cp ${many} build/f dist/`, `cp src/*.ts ${many} build/f dist/`),
]);
