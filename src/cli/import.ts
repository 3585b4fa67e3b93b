// `agent-gate import FILE [--log FILE]`: an agent's own session record -> neutral log entries. It
// converts, it does not judge (check judges the log once it is committed), and it executes nothing.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { appendEntries, ImportError, importSession, LogFormatError, SUPPORTED_FORMATS, type ImportResult } from '../logs/index.ts';
import { findRepositoryRoot, findWorkspaceRoot } from '../policy/source.ts';
import { parse, str, type Io } from './args.ts';
import { appendToLog, writerHome } from './logfile.ts';
import { physicalPath } from './physical.ts';

export const IMPORT_HELP = `Usage: agent-gate import FILE [--log FILE]

Convert an agent's own session record into neutral log entries (one JSON line per tool call,
chained): ${SUPPORTED_FORMATS}.
Absolute paths inside the repository of the current folder become relative, other paths in your
home folder ~/...; model ids are kept as the agent wrote them. Calls are converted, not judged, and nothing is executed.
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

export async function runImport(argv: string[], io: Io): Promise<number> {
  const p = parse('import', argv, { log: { type: 'string' } }, 1);
  if (p.values['help'] === true) { io.out(IMPORT_HELP); return 0; }
  const file = p.positionals[0];
  if (file === undefined || file === '') throw new GateError(`import: give the session record FILE; see 'agent-gate import --help'`);
  const logArg = str(p, 'log');
  if (logArg === '') throw new GateError(`import: --log needs a value; see 'agent-gate import --help'`);

  const { bytes, mtime } = readRecord(isAbsolute(file) ? file : resolve(io.cwd, file), file);
  const root = findWorkspaceRoot(io.cwd);
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

  if (logArg === undefined) {
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
  // committed) would move the entries to where check does not read them.
  const repository = findRepositoryRoot(io.cwd);
  // A relative --log is taken from the repository root, as record takes it, so `--log
  // .agent-gate/log/x.jsonl` run from a sub-folder still lands where check reads logs.
  const logPath = isAbsolute(logArg) ? logArg : resolve(repository ?? io.cwd, logArg);
  const appended = appendToLog(logPath, result.drafts, session, repository !== null ? { confineTo: repository } : {});
  io.out(`agent-gate: imported ${appended.entries} tool call${appended.entries === 1 ? '' : 's'} from a ${result.format} record into ${logArg}\n`);
  return 0;
}
