// The log layer: neutral entries, their hash chain, hook payloads and imported session records.
// Everything here is pure; reading and writing files happens at the CLI edge.

export {
  ENTRY_CAPABILITIES, LOG_VERSION, isTimestamp, serializeEntry, validateEntry,
  type EntryDraft, type EntryResult, type LogEntry,
} from './entry.ts';
export {
  LogFormatError, appendEntries, chainHash, compareLogVersions, formatEntry, verifyLog,
  type LogProblem, type VerifiedEntry, type VerifyResult, type VersionComparison,
} from './chain.ts';
export {
  PayloadError, mapHookPayload, parseHookPayload, payloadToDrafts,
  type HookAgent, type HookPayload, type PayloadOptions,
} from './payload.ts';
export {
  ImportError, SUPPORTED_FORMATS, claudeSubagentsElsewhere, detectFormat, importSession,
  type ImportFormat, type ImportOptions, type ImportResult,
} from './import/index.ts';
export { toRepoPath, type PathContext } from './paths.ts';
export { UNKNOWN_TOOL_SERVER } from './tools/common.ts';
