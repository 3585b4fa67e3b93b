// Pure part of `check`: commits in, report entries out. No git, no disk.
import type { CompiledPolicy } from '../engine/compile.ts';
import { detectAgent, detectionTrailers, modelsFromTrailers } from '../git/agents.ts';
import type { CommitInfo } from '../git/log.ts';
import type { AgentsConfig } from '../policy/types.ts';
import { isLogTamper, type CommitEntry, type Finding } from '../report/model.ts';
import { judgeChanges, type DiffContext } from './diff.ts';
import type { LinkResolution } from './links.ts';
import type { LinkThrough } from './loglinks.ts';
import { judgeLogFiles, judgeNote, judgeNoteHistory, type LinkNoter, type LogChange } from './logs.ts';
import { mergeSightings, modelFindings, trailerSightings } from './models.ts';

export interface JudgeOptions {
  policy: CompiledPolicy;
  blobs: ReadonlyMap<string, Buffer>;
  policyPaths: readonly string[];
  /** Commit -> where each of its symlinks really points (links.ts). */
  links?: ReadonlyMap<string, ReadonlyMap<string, LinkResolution>>;
  /** The known links whose targets pass through a path (loglinks.ts linksThrough). */
  linksThrough?: (path: string) => readonly LinkThrough[];
  /** The names the known links give a path (loglinks.ts treeLinkedNames). */
  linkedNames?: DiffContext['linkedNames'];
  /** See DiffContext.forwardLanding. */
  forwardLanding?: DiffContext['forwardLanding'];
  agents?: AgentsConfig;
  allCommits?: boolean;
  branch?: string | null;
  /**
   * Where command logs live: files matching `matcher`, and the note of each commit under `notesRef`,
   * with the earlier versions of that note (null: a version that could not be read).
   */
  logs?: {
    changes: ReadonlyMap<string, LogChange[]>;
    notesRef: string;
    notes: ReadonlyMap<string, Buffer>;
    notePast?: ReadonlyMap<string, ReadonlyArray<Buffer | null>>;
    /** Hears of the links replayed commands make, for later entries to go through. */
    noteLink?: LinkNoter;
  };
}

export interface Judged {
  commits: CommitEntry[];
  findings: Finding[];
}

function subjectOf(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 120 ? line.slice(0, 117) + '...' : line;
}

export interface JudgedCommit {
  entry: CommitEntry;
  findings: Finding[];
}

/** Judges one commit; `opts.blobs` and `opts.logs` must already hold what this commit needs. */
export function judgeCommit(c: CommitInfo, opts: JudgeOptions): JudgedCommit {
  const findings: Finding[] = [];
  const trailers = detectionTrailers(c.message);
  // Logs first: adding entries is itself an agent signal, and tampering is denied whoever did it.
  const logs = opts.logs?.changes.get(c.sha) ?? [];
  const logged = judgeLogFiles(opts.policy, c.sha, logs, opts.blobs, opts.logs?.noteLink);
  const note = opts.logs?.notes.get(c.sha);
  if (opts.logs && note !== undefined) {
    const n = judgeNote(opts.policy, c.sha, opts.logs.notesRef, note, opts.logs.noteLink);
    logged.findings.push(...n.findings);
    logged.models = mergeSightings(logged.models, n.models);
    logged.unnamed.push(...n.unnamed);
    logged.addsEntries ||= n.addsEntries;
  }
  const past = opts.logs?.notePast?.get(c.sha);
  if (opts.logs && past !== undefined) logged.findings.push(...judgeNoteHistory(c.sha, opts.logs.notesRef, past, note ?? null));
  const verdict = detectAgent(
    { authorName: c.authorName, authorEmail: c.authorEmail, committerName: c.committerName, committerEmail: c.committerEmail, trailers },
    {
      ...(opts.agents ? { agents: opts.agents } : {}),
      allCommits: opts.allCommits === true,
      branch: opts.branch ?? null,
      addsLogEntries: logged.addsEntries,
    },
  );
  // git refuses to write an empty name, so an identity with neither name nor email is a commit
  // object built by hand (an author line without its ">"): who made it cannot be read, so it is
  // judged.
  for (const [role, name, email] of [['author', c.authorName, c.authorEmail], ['committer', c.committerName, c.committerEmail]] as const) {
    if (name === '' && email === '') verdict.signals.push(`identity: ${role} unreadable (no name, no email)`);
  }
  if (verdict.signals.length > 0) verdict.agent = true;
  // Every model named is judged; the report names the first (trailers before log entries).
  const models = mergeSightings(trailerSightings(modelsFromTrailers(trailers)), logged.models);
  const model = models[0]?.model ?? null;
  const entry: CommitEntry = { sha: c.sha, agent: verdict.agent, signals: verdict.signals, model, subject: subjectOf(c.message) };
  if (!verdict.agent) {
    findings.push(...logged.findings.filter(isLogTamper));
    return { entry, findings };
  }
  // A log file is a write too: its entries are judged as logs, and its path like any other path.
  const links = opts.links?.get(c.sha);
  const ctx = { policy: opts.policy, blobs: opts.blobs, policyPaths: opts.policyPaths, ...(links !== undefined ? { links } : {}), ...(opts.linksThrough !== undefined ? { linksThrough: opts.linksThrough } : {}), ...(opts.linkedNames !== undefined ? { linkedNames: opts.linkedNames } : {}), ...(opts.forwardLanding !== undefined ? { forwardLanding: opts.forwardLanding } : {}) };
  findings.push(...judgeChanges(ctx, c.sha, c.changes, logged.appended));
  findings.push(...logged.findings);
  findings.push(...modelFindings(opts.policy, c.sha, models, true, logged.unnamed));
  return { entry, findings };
}

export function judgeCommits(commits: readonly CommitInfo[], opts: JudgeOptions): Judged {
  const judged = commits.map((c) => judgeCommit(c, opts));
  return { commits: judged.map((j) => j.entry), findings: judged.flatMap((j) => j.findings) };
}
