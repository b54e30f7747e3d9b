import { Box, Text } from 'ink';
import { sanitize } from '../markdown/ansi.ts';
import type { TodoEntry } from '../state/types.ts';
import { useTheme } from '../theme.ts';

/** The model's todo list: done, doing (bold), to do. */
export function TodoList({ todos }: { todos: readonly TodoEntry[] }) {
  const theme = useTheme();
  if (todos.length === 0) return null;
  return (
    <Box flexDirection="column">
      {todos.map((t, i) => (
        <Text key={i} color={t.status === 'completed' ? theme.muted : t.status === 'in_progress' ? theme.accent : undefined}
          bold={t.status === 'in_progress'} strikethrough={t.status === 'completed'}>
          {t.status === 'completed' ? '☒' : '☐'} {sanitize(t.status === 'in_progress' ? t.activeForm : t.content)}
        </Text>
      ))}
    </Box>
  );
}
