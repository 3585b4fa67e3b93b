// `agent-gate import FILE [--log FILE]`: an agent's own session record -> neutral log entries. It
// converts, it does not judge (check judges the log once it is committed), and it executes nothing.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { GateError } from '../errors.ts';
import { appendEntries, ImportError, importSession, LogFormatError, SUPPORTED_FORMATS, type ImportResult } from '../logs/index.ts';
import { findRepositoryRoot } from '../policy/source.ts';
import { parse, str, type Io } from './args.ts';
import { appendToLog, writerHome } from './logfile.ts';
import { physicalPath } from './physical.ts';

export const IMPORT_HELP = `Usage: agent-gate import FILE [--log FILE]

Convert an agent's own session record into neutral log entries (one JSON line per tool call,
chained): ${SUPPORTED_FORMATS}.
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

  const { bytes, mtime } = readRecord(isAbsolute(file) ? file : resolve(io.cwd, file), file);
  // A relative --log is taken from the repository root, as record takes it, so `--log
  // .agent-gate/log/x.jsonl` run from a sub-folder still lands where check reads logs.
  const cwdRepository = findRepositoryRoot(io.cwd);
  const logPath = logArg === undefined ? null : (isAbsolute(logArg) ? logArg : resolve(cwdRepository ?? io.cwd, logArg));
  // Paths are made relative to the repository whose check will read the log, and to no other
  // folder: relative to the current folder outside any repository, `~/.aws/credentials` run from
  // `~` became `.aws/credentials`, which `~/**` deny rules never match.
  const root = logPath === null ? cwdRepository : findRepositoryRoot(dirname(logPath));
  let result: ImportResult;
  try {
    // The record's paths are read through the links that are on this disk now: a session that ran
    // in the repository reached through a linked folder still writes repository paths.
    const home = writerHome();
    result = importSession(bytes, {
      repoRoot: root === null ? null : physicalPath(root), home: home === null ? null : physicalPath(home),
      physical: physicalPath, fallbackTs: mtime,
    });
  } catch (e) {
    if (e instanceof ImportError) throw new GateError(`import: ${file}: ${e.message}`);
    throw e;
  }
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
