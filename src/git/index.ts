// The git layer: turns history into plain data. It never decides allow/deny.
export * from './errors.ts';
export * from './exec.ts';
export * from './range.ts';
export * from './rawdiff.ts';
export { readCommits, readBlobs, readEntryAt, readFileAt, parseLog, LogStreamParser, DIFF_ARGS } from './log.ts';
export type { CommitInfo, MergeDiffMode, ReadCommitsOptions, RangeSpec, TreeEntry } from './log.ts';
export * from './trailers.ts';
export * from './agents.ts';
