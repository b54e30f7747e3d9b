import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { useTheme } from '../theme.ts';

export interface MarkdownProps {
  readonly text: string;
  /** Columns of the terminal. */
  readonly width: number;
  /** `●` before the first line (the start of an answer); otherwise indented to match. */
  readonly bullet?: boolean;
}

/** Assistant text: markdown rendered for the terminal, rendered again only when the text or width changes. */
export function Markdown({ text, width, bullet = false }: MarkdownProps) {
  const theme = useTheme();
  const rendered = useMemo(() => renderMarkdown(text, { styler: theme.styler, width: Math.max(20, width - 2) }), [text, width, theme]);
  return (
    <Box flexDirection="row">
      <Box width={2} flexShrink={0}><Text>{bullet ? '● ' : '  '}</Text></Box>
      <Box flexGrow={1} flexShrink={1}><Text>{rendered}</Text></Box>
    </Box>
  );
}
