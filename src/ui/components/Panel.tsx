import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { sanitize } from '../markdown/ansi.ts';
import type { PanelLine } from '../state/types.ts';
import { useTheme } from '../theme.ts';

/** A slash command's output: a title and label/value lines. */
export function Panel({ title, lines }: { title: string; lines: readonly PanelLine[] }) {
  const theme = useTheme();
  const labelWidth = Math.min(28, Math.max(0, ...lines.map((l) => (l.label ? stringWidth(l.label) : 0))));
  const tone = (t: PanelLine['tone']) => (t === 'ok' ? theme.success : t === 'warn' ? theme.warning : t === 'fail' ? theme.error : t === 'muted' ? theme.muted : undefined);
  return (
    <Box marginTop={1} flexDirection="column">
      <Text bold>{sanitize(title)}</Text>
      {lines.map((line, i) => (
        <Box key={i} flexDirection="row" marginLeft={2}>
          {line.label !== undefined ? <Box width={labelWidth + 2} flexShrink={0}><Text color={tone(line.tone) ?? theme.accent}>{sanitize(line.label)}</Text></Box> : null}
          <Box flexShrink={1}><Text color={line.label === undefined ? tone(line.tone) : line.tone === 'muted' ? theme.muted : undefined}>{sanitize(line.text)}</Text></Box>
        </Box>
      ))}
    </Box>
  );
}
