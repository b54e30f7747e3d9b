import type { CliSettings } from '../../config/index.ts';
import { buildInfo } from '../../build-info/index.ts';
import { createRuntime, type SessionChoice } from '../../runtime/index.ts';
import { EXIT, queryErrorLine } from '../cli-errors.ts';
import { createOutputWriter, type OutputFormat } from './output-writer.ts';
import { OUTPUT_SCHEMA_VERSION } from './output-schema.ts';

export interface HeadlessOptions {
  readonly prompt: string;
  readonly format: OutputFormat;
  readonly verbose: boolean;
  readonly model?: string;
  readonly maxTurns?: number;
  readonly systemPrompt?: string;
  readonly appendSystemPrompt?: string;
  readonly session: SessionChoice;
  readonly trust: boolean;
  readonly cli: CliSettings;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * `wren -p`: one prompt, run to the end of the agent's turn with nobody to
 * ask (an `ask` becomes a denial the model can read), output in the chosen
 * format, transcript closed. Returns the exit code.
 */
export async function runHeadless(options: HeadlessOptions): Promise<number> {
  const runtime = await createRuntime({
    cwd: options.cwd, env: options.env, headless: true, trustFlag: options.trust, cli: options.cli, session: options.session,
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
    ...(options.appendSystemPrompt !== undefined ? { appendSystemPrompt: options.appendSystemPrompt } : {}),
    ...(options.env['WREN_MANAGED_SETTINGS_PATH'] ? { managedSettingsPath: options.env['WREN_MANAGED_SETTINGS_PATH'] } : {}),
  });
  for (const notice of runtime.notices) options.stderr.write(`${notice.startsWith('wren: ') ? notice : `wren: ${notice}`}\n`);

  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    signalled = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const writer = createOutputWriter(options.format, { stdout: options.stdout, stderr: options.stderr, verbose: options.verbose });
  writer.init({
    type: 'system', subtype: 'init', schema_version: OUTPUT_SCHEMA_VERSION, session_id: runtime.session.id, cwd: runtime.loaded.projectRoot,
    model: runtime.model, tools: runtime.tools.map((t) => t.name), permission_mode: runtime.engine.mode, wren_version: buildInfo().version,
  });
  let code: number = EXIT.failed;
  try {
    for await (const event of runtime.submit(options.prompt, { signal: controller.signal })) {
      writer.event(event, runtime.session.id);
      if (event.type !== 'result') continue;
      if (event.subtype === 'success') code = EXIT.ok;
      else if (event.subtype === 'aborted') code = signalled === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
      else code = EXIT.failed;
      if (event.error) options.stderr.write(`${queryErrorLine(event.error.code, event.error.message)}\n`);
      else if (event.subtype === 'error_max_turns') options.stderr.write(`wren: stopped after ${event.numTurns} turns (--max-turns)\n`);
      else if (event.subtype === 'error_budget') options.stderr.write(`wren: stopped: ${event.budgetReason ?? 'budget reached'}\n`);
      await runtime.close(endReason(event.subtype));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return code;
}

function endReason(subtype: string): 'completed' | 'aborted' | 'max_turns' | 'budget_exceeded' | 'error' {
  switch (subtype) {
    case 'success': return 'completed';
    case 'aborted': return 'aborted';
    case 'error_max_turns': return 'max_turns';
    case 'error_budget': return 'budget_exceeded';
    default: return 'error';
  }
}
