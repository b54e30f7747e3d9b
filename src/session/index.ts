/**
 * Sessions: append-only JSONL transcripts under the config dir, resume and
 * continue, listing for a picker, and the cost ledger.
 *
 *   const session = await openSession({ cwd, model });          // new
 *   const session = await continueSession({ cwd });             // --continue
 *   const session = await resumeSession({ cwd, id });           // --resume <id>
 *   session.append({ type: 'message', message });               // as sent/received
 *   session.append({ type: 'usage', model, usage, costUsd });   // after each response
 *   session.append({ type: 'compaction', summary, messages });  // replaces earlier messages
 *   const next = session.messages();                            // what to send next
 *   await session.close('completed');
 */
export {
  type ApiUsage,
  type CostTotals,
  type EndReason,
  type EntryInput,
  type HeaderEntry,
  type ModelTotals,
  type TokenCounts,
  type TranscriptEntry,
  END_REASONS,
  TRANSCRIPT_VERSION,
} from './entries.ts';
export { type SessionCandidate, type SessionErrorCode, SessionError, isSessionError } from './errors.ts';
export { readSessionTotals } from './ledger.ts';
export { FIRST_PROMPT_MAX_CHARS, type SessionListing, type SessionSummary, type UnreadableTranscript, listSessions, summarizeTranscript } from './list.ts';
export { type FindSessionOptions, type SessionRef, continueSession, findLatestSession, findSession, resumeSession } from './lookup.ts';
export { type ConfigDirOptions, projectDir, resolveConfigDir, transcriptPath } from './paths.ts';
export { type TornTail, type Transcript, readTranscript, rebuildConversation } from './reader.ts';
export { type OpenSessionOptions, type Session, type SessionIoOptions, openSession } from './session.ts';
export { unansweredToolUses } from './tool-pairs.ts';
export type { FsyncPolicy } from './writer.ts';
