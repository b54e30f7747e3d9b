import type { PermissionEngine } from '../../permissions/index.ts';
import { ZERO_USAGE, type ConversationMessage, type QueryEvent } from '../../query/index.ts';
import { isToolError, type Tool, type ToolContext } from '../../tools/index.ts';
import type { PermissionAnswer, TurnOptions } from '../../ui/runtime.ts';

export interface ShellCommandOptions {
  readonly bash: Tool<any, any>;
  readonly engine: PermissionEngine;
  readonly context: ToolContext;
  /** Adds the command and its output to the conversation, so the model sees it next turn. */
  readonly record: (message: ConversationMessage) => void;
}

/**
 * `!command` in the prompt: one Bash call through the same permission gate as
 * the model's, shown as a tool call, its output kept in the conversation.
 */
export async function* runShellCommand(command: string, turn: TurnOptions, o: ShellCommandOptions): AsyncGenerator<QueryEvent, void, undefined> {
  const started = performance.now();
  const toolUseId = `shell_${Date.now().toString(36)}`;
  const input = { command, description: 'run by the user with !' };
  let decision = await o.engine.decide('Bash', input, o.bash, o.context);
  if (decision.behavior === 'ask') {
    const answer: PermissionAnswer = await turn.askPermission({ toolUseId, toolName: 'Bash', input, reason: decision.reason });
    decision = answer.kind === 'deny'
      ? { behavior: 'deny', reason: 'you said no', source: 'user' }
      : { behavior: 'allow', reason: 'you allowed it', source: 'user' };
  }
  yield { type: 'permission', turn: 0, toolUseId, toolName: 'Bash', decision, asked: decision.source === 'user' };
  let output = `Not run: ${decision.reason}`;
  let isError = true;
  if (decision.behavior === 'allow') {
    yield { type: 'tool_start', turn: 0, toolUseId, toolName: 'Bash', input };
    for await (const event of o.bash.call(input, o.context)) {
      if (event.type === 'progress') {
        yield { type: 'tool_progress', turn: 0, toolUseId, toolName: 'Bash', message: event.message };
      } else if (isToolError(event.output)) {
        output = event.output.error.message;
      } else {
        const content = o.bash.toModelContent(event.output);
        output = typeof content === 'string' ? content : content.map((b: { type: string; text?: string }) => b.text ?? '').join('\n');
        isError = false;
      }
    }
  }
  const durationMs = Math.round(performance.now() - started);
  yield { type: 'tool_result', turn: 0, toolUseId, toolName: 'Bash', outcome: isError ? (decision.behavior === 'allow' ? 'tool_error' : 'denied') : 'ok', isError, content: output, durationMs };
  const message: ConversationMessage = { role: 'user', content: `<bash-input>${command}</bash-input>\n<bash-output>${output}</bash-output>` };
  o.record(message);
  yield {
    type: 'result', subtype: 'success', isError: false, stopReason: 'end_turn', result: '', numTurns: 0, durationMs, durationApiMs: 0,
    usage: ZERO_USAGE, totalCostUsd: 0, modelUsage: {}, messages: [],
  };
}
