import type { ConversationMessage, QueryEvent } from '../query/index.ts';
import type { Session } from '../session/index.ts';

/**
 * Writes a run's events to the transcript as they happen, so a kill at any
 * moment loses at most the event in flight. `persisted` counts the messages of
 * the working conversation already in the transcript; at the end, whatever
 * the result holds beyond it (error results for calls an abort cut short) is
 * written too, so a resumed conversation is valid to send.
 */
export function createEventPersister(session: Session, alreadyPersisted: number) {
  let persisted = alreadyPersisted;
  const append = (message: ConversationMessage) => {
    session.append({ type: 'message', message });
    persisted++;
  };
  return {
    onEvent(event: QueryEvent): void {
      switch (event.type) {
        case 'assistant':
        case 'tool_results':
          append(event.message);
          break;
        case 'usage':
          session.append({ type: 'usage', model: event.model, usage: event.usage, costUsd: event.costUsd ?? 0 });
          break;
        case 'compaction':
          if (event.kind === 'auto') {
            session.append({ type: 'compaction', summary: event.summary ?? '', messages: [...event.messages] });
            persisted = event.messages.length;
          }
          break;
        case 'result':
          for (const message of event.messages.slice(persisted)) append(message);
          break;
        default:
          break;
      }
    },
  };
}
