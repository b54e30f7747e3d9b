import { readFileSync, writeFileSync } from 'node:fs';
import type { TrustEffects } from '../../../src/config/index.ts';
import { runInteractive } from '../../../src/ui/index.ts';
import type { SessionInfo, SessionRow, StatusLineConfig } from '../../../src/ui/index.ts';
import { createFakeRuntime, type FakeTurn } from '../../ui/fake-runtime.ts';

/*
 * A small program for real-terminal tests before the CLI is wired: the real
 * runInteractive over the fake runtime, scripted from a JSON file.
 *   node entry.js <script.json> <record.json>
 * On exit it writes what the UI did (prompts sent, permission answers, exit
 * code) to the record file for the test to check.
 */

interface Script {
  readonly turns: FakeTurn[];
  readonly info?: Partial<SessionInfo>;
  /** Start untrusted: the trust dialog lists these effects. */
  readonly untrusted?: TrustEffects;
  readonly statusLine?: StatusLineConfig;
  readonly sessions?: { row: Omit<SessionRow, 'modifiedAt'>; messages: { role: 'user' | 'assistant'; content: string }[] }[];
  readonly initialPrompt?: string;
  readonly armDelayMs?: number;
}

const [scriptPath, recordPath] = process.argv.slice(2);
const script = JSON.parse(readFileSync(scriptPath!, 'utf8')) as Script;
let trusted = script.untrusted === undefined;
const runtime = createFakeRuntime(script.turns, {
  info: script.info ?? {},
  trustState: () => (trusted ? { trusted: true } : { trusted: false, effects: script.untrusted! }),
  acceptTrust: async () => {
    trusted = true;
    return { ok: true };
  },
  statusLineConfig: () => script.statusLine,
  listSessions: async () => (script.sessions ?? []).map((s) => ({ ...s.row, modifiedAt: new Date(0) })),
  resumeSession: async (id) => {
    const found = script.sessions?.find((s) => s.row.id === id);
    return found ? { ok: true, messages: found.messages } : { ok: false, message: `no session ${id}` };
  },
});

const code = await runInteractive(runtime, {
  stdin: process.stdin,
  stdout: process.stdout,
  ...(script.initialPrompt ? { initialPrompt: script.initialPrompt } : {}),
  ...(script.armDelayMs !== undefined ? { armDelayMs: script.armDelayMs } : {}),
});
writeFileSync(recordPath!, JSON.stringify({ code, trusted, prompts: runtime.prompts, answers: runtime.answers, closed: runtime.closed }));
process.exitCode = code;
