// `agent-gate import FILE [--log FILE]`: an agent's own session record -> neutral log entries. It
// converts, it does not judge (check judges the log once it is committed), and it executes nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GateError } from '../errors.ts';
import {
  appendEntries, claudeSubagentsElsewhere, ImportError, importSession, LogFormatError, SUPPORTED_FORMATS, type EntryDraft, type ImportOptions, type ImportResult,
} from '../logs/index.ts';
import { decodeUtf8 } from '../logs/json.ts';
import { findRepositoryRoot } from '../policy/source.ts';
import { parse, str, type Io } from './args.ts';
import { appendToLog, writerHome } from './logfile.ts';
import { physicalPath } from './physical.ts';

export const IMPORT_HELP = `Usage: agent-gate import FILE [--log FILE]

Convert an agent's own session record into neutral log entries (one JSON line per tool call,
chained): ${SUPPORTED_FORMATS}. A Claude Code session's subagent files
(<session>/subagents/agent-*.jsonl beside it) are read with it.
Absolute paths inside the repository that holds the log (that of --log FILE, else that of the
current folder) become relative, other paths in your home folder ~/..., all others stay absolute
(so outside any repository no path becomes relative); model ids are kept as the agent wrote them. Calls are converted, not judged, and nothing is executed.
  --log FILE   append the entries to FILE (continuing its chain; a relative FILE is taken from
               the repository root, as record takes it); default: print them. A FILE
               inside the repository is refused when a folder below the root on its way, or the
               file itself, is a symbolic link; one outside it only when the file itself is.
Exit codes: 0 converted; 2 unreadable or unrecognised record, or the log could not be written
(nothing is written then).
`;

function readRecord(path: string, label: string): { bytes: Buffer; mtime: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new GateError(`import: ${label} is a folder, not a session record`);
    // A Kiro export carries no time for some turns: the file's time is the latest they can be.
    return { bytes: readFileSync(path), mtime: stat.mtime.toISOString() };
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw new GateError(`import: cannot read ${label} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** The `agent-*.jsonl` files in a Claude Code session's `subagents` folder, none when there is no such folder. */
function subagentFiles(folder: string, label: string): string[] {
  try {
    return readdirSync(folder).filter((name) => /^agent-.+\.jsonl$/.test(name)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new GateError(`import: cannot read the subagent folder ${label} (${code ?? String(e)}); nothing was written`);
  }
}

/**
 * A Claude Code session with the calls of its subagents, which newer Claude Code keeps in
 * `<session>/subagents/agent-<id>.jsonl` beside the session file (HH-1: importing the session
 * file alone dropped every call a subagent made). A subagent the records name whose file is not
 * there fails the import: its calls would be lost without a word.
 */
function withSubagents(recordPath: string, file: string, text: string, drafts: EntryDraft[], opts: ImportOptions): EntryDraft[] {
  const session = basename(recordPath).replace(/\.jsonl$/, '');
  const folder = join(dirname(recordPath), session, 'subagents');
  const folderLabel = join(dirname(file), session, 'subagents');
  const all = [...drafts];
  const unread = claudeSubagentsElsewhere(text);
  const where = new Map([...unread].map(([id, line]) => [id, `${file} line ${line}`]));
  const found = new Set<string>();
  for (const name of subagentFiles(folder, folderLabel)) {
    const label = join(folderLabel, name);
    const { bytes, mtime } = readRecord(join(folder, name), label);
    const subText = decodeUtf8(bytes);
    const imported = importAt(label, () => importSession(bytes, { ...opts, fallbackTs: mtime }));
    if (imported.format !== 'claude' || subText === null) throw new GateError(`import: ${label}: a subagent file of a Claude Code session must be a Claude Code transcript; nothing was written`);
    all.push(...imported.drafts);
    found.add(name.slice('agent-'.length, -'.jsonl'.length));
    for (const [id, line] of claudeSubagentsElsewhere(subText)) if (!where.has(id)) where.set(id, `${label} line ${line}`);
  }
  for (const [id, at] of where) {
    if (found.has(id)) continue;
    throw new GateError(`import: ${at}: subagent ${id} ran, but its calls are in ${join(folderLabel, `agent-${id}.jsonl`)}, which is not there; keep the session's "${session}" folder beside its .jsonl and import again (nothing was written)`);
  }
  // In the order the calls were made, the session's and its subagents' interleaved.
  return all.map((d, i) => ({ d, i, t: Date.parse(d.ts) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.d);
}

function importAt(label: string, run: () => ImportResult): ImportResult {
  try {
    return run();
  } catch (e) {
    if (e instanceof ImportError) throw new GateError(`import: ${label}: ${e.message}`);
    throw e;
  }
}

function below(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

export async function runImport(argv: string[], io: Io): Promise<number> {
  const p = parse('import', argv, { log: { type: 'string' } }, 1);
  if (p.values['help'] === true) { io.out(IMPORT_HELP); return 0; }
  const file = p.positionals[0];
  if (file === undefined || file === '') throw new GateError(`import: give the session record FILE; see 'agent-gate import --help'`);
  const logArg = str(p, 'log');

  const recordPath = isAbsolute(file) ? file : resolve(io.cwd, file);
  const { bytes, mtime } = readRecord(recordPath, file);
  // A relative --log is taken from the repository root, as record takes it, so `--log
  // .agent-gate/log/x.jsonl` run from a sub-folder still lands where check reads logs.
  const cwdRepository = findRepositoryRoot(io.cwd);
  const logPath = logArg === undefined ? null : (isAbsolute(logArg) ? logArg : resolve(cwdRepository ?? io.cwd, logArg));
  // Paths are made relative to the repository whose check will read the log, and to no other
  // folder: relative to the current folder outside any repository, `~/.aws/credentials` run from
  // `~` became `.aws/credentials`, which `~/**` deny rules never match.
  const root = logPath === null ? cwdRepository : findRepositoryRoot(dirname(logPath));
  // The record's paths are read through the links that are on this disk now: a session that ran
  // in the repository reached through a linked folder still writes repository paths.
  const home = writerHome();
  const opts: ImportOptions = {
    repoRoot: root === null ? null : physicalPath(root), home: home === null ? null : physicalPath(home),
    physical: physicalPath, fallbackTs: mtime,
  };
  let result = importAt(file, () => importSession(bytes, opts));
  if (result.format === 'claude') result = { ...result, drafts: withSubagents(recordPath, file, decodeUtf8(bytes) ?? '', result.drafts, opts) };
  // Drafts carry the record's own session; one that has none gets the record's first session id.
  const session = result.drafts.find((d) => d.session !== undefined)?.session ?? 'default';

  if (logPath === null) {
    // Standard output is a new log of its own, so the chain starts at its first line.
    let text: string;
    try {
      text = appendEntries(null, result.drafts, session);
    } catch (e) {
      if (e instanceof LogFormatError) throw new GateError(`import: ${file}: ${e.message}`);
      throw e;
    }
    io.out(text);
    return 0;
  }
  // As for record: a folder below the repository root that is a symbolic link (one an agent
  // committed) would move the entries to where check does not read them. The current folder's
  // repository is the one confined when the log is in it: a committed link there to another
  // repository would otherwise be taken as the log's own repository and never looked at.
  const confineTo = cwdRepository !== null && below(cwdRepository, logPath) ? cwdRepository : root;
  const appended = appendToLog(logPath, result.drafts, session, confineTo !== null ? { confineTo } : {});
  io.out(`agent-gate: imported ${appended.entries} tool call${appended.entries === 1 ? '' : 's'} from a ${result.format} record into ${logArg}\n`);
  return 0;
}
