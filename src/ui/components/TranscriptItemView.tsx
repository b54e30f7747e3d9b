import { Box, Text } from 'ink';
import { feature } from '../../feature/index.ts';
import { sanitize } from '../markdown/ansi.ts';
import type { TodoEntry, ToolCallRecord, TranscriptItem } from '../state/types.ts';
import { useTheme } from '../theme.ts';
import { Markdown } from './Markdown.tsx';
import { Panel } from './Panel.tsx';
import { ToolCall } from './ToolCall.tsx';
import { Welcome } from './Welcome.tsx';
import { TodoList } from './TodoList.tsx';
import { todosOf } from '../state/turn-tracker.ts';

export interface TranscriptItemProps {
  readonly item: TranscriptItem;
  readonly width: number;
  readonly cwd: string;
}

/** One finished piece of the conversation, as written to the scrollback. */
export function TranscriptItemView({ item, width, cwd }: TranscriptItemProps) {
  const theme = useTheme();
  switch (item.kind) {
    case 'welcome':
      return <Welcome info={item.info} />;
    case 'user': {
      const sigil = item.mode === 'shell' ? '!' : '›';
      return (
        <Box marginTop={1} flexDirection="row">
          <Box width={2} flexShrink={0}><Text color={item.mode === 'shell' ? theme.warning : theme.user} bold>{sigil} </Text></Box>
          <Box flexGrow={1} flexShrink={1}><Text color={theme.muted}>{sanitize(item.text)}</Text></Box>
        </Box>
      );
    }
    case 'assistant':
      // Every committed chunk starts after a blank line in the markdown: keep that line.
      return <Box marginTop={1}><Markdown text={item.markdown} width={width} bullet={item.first} /></Box>;
    case 'thinking':
      return (
        <Box marginTop={1} flexDirection="column">
          <Text color={theme.muted} italic>✻ Thinking</Text>
          <Box marginLeft={2}><Text color={theme.muted} italic>{sanitize(item.text)}</Text></Box>
        </Box>
      );
    case 'tool': {
      const todos = todosOfCall(item.call);
      return (
        <Box marginTop={1} flexDirection="column">
          {todos ? (
            <>
              <Text><Text color={theme.success}>● </Text><Text bold>Update todos</Text></Text>
              <Box marginLeft={2}><TodoList todos={todos} /></Box>
            </>
          ) : <ToolCall call={item.call} cwd={cwd} />}
        </Box>
      );
    }
    case 'notice': {
      const color = { info: theme.muted, success: theme.success, warning: theme.warning, error: theme.error }[item.tone];
      return <Box marginTop={1}><Text color={color}>{item.tone === 'error' ? '✗ ' : item.tone === 'success' ? '✓ ' : '※ '}{sanitize(item.text)}</Text></Box>;
    }
    case 'panel':
      return <Panel title={item.title} lines={item.lines} />;
  }
}

/** A TodoWrite call is shown as the list it set (TODO_TOOL). */
function todosOfCall(call: ToolCallRecord): TodoEntry[] | undefined {
  if (feature('TODO_TOOL')) {
    if (call.name === 'TodoWrite' && !call.isError) return todosOf(call.input);
  }
  return undefined;
}
