import { Box, Text } from 'ink';
import { sanitize } from '../markdown/ansi.ts';
import type { SessionInfo } from '../runtime.ts';
import { useTheme } from '../theme.ts';

/** The first lines of a session: what runs where. */
export function Welcome({ info }: { info: SessionInfo }) {
  const theme = useTheme();
  return (
    <Box borderStyle="round" borderColor={theme.accent} paddingX={1} flexDirection="column">
      <Text><Text color={theme.accent} bold>✻ Wren</Text><Text color={theme.muted}> v{info.version}</Text></Text>
      <Text color={theme.muted}>{sanitize(info.cwd)}</Text>
      <Text color={theme.muted}>model {sanitize(info.modelDisplayName ?? info.model)} · mode {info.permissionMode}</Text>
      <Text color={theme.muted}>/help for commands · @ to mention a file · ! for a shell command</Text>
    </Box>
  );
}
