import { Box, Text, useWindowSize } from 'ink';
import { useMemo } from 'react';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { sanitize } from '../markdown/ansi.ts';
import type { LiveTurn } from '../state/types.ts';
import { useTheme } from '../theme.ts';
import { Spinner } from './Spinner.tsx';
import { ToolCall } from './ToolCall.tsx';

export interface LiveTurnViewProps {
  readonly live: LiveTurn;
  readonly cwd: string;
  readonly verbose: boolean;
  /** A dialog waits for the user: the spinner says so instead of spinning. */
  readonly waiting?: boolean;
  readonly now?: () => number;
}

/** Rows kept free under the live text for the spinner, the prompt and the status line. */
const RESERVED_ROWS = 10;

/**
 * The part of the turn still changing: the block being streamed, running
 * tools, the spinner. It is kept shorter than the terminal: a live region
 * taller than the screen cannot be redrawn in place (its top would already be
 * in the scrollback), so only the tail of a long block is shown until the
 * block is complete and committed.
 */
export function LiveTurnView({ live, cwd, verbose, waiting = false, now = Date.now }: LiveTurnViewProps) {
  const theme = useTheme();
  const { columns, rows } = useWindowSize();
  const maxLines = Math.max(3, rows - RESERVED_ROWS - live.tools.length * 3);
  const text = useMemo(() => {
    if (live.text.trim() === '') return undefined;
    const rendered = renderMarkdown(live.text, { styler: theme.styler, width: Math.max(20, columns - 2) });
    return clipTail(rendered, maxLines, Math.max(20, columns - 2));
  }, [live.text, columns, maxLines, theme]);
  const thinking = verbose && live.thinking.trim() !== '' ? clipTail(sanitize(live.thinking), Math.min(6, maxLines), columns - 2) : undefined;
  return (
    <Box flexDirection="column">
      {thinking ? (
        <Box marginTop={1} flexDirection="column">
          <Text color={theme.muted} italic>✻ Thinking</Text>
          <Box marginLeft={2}><Text color={theme.muted} italic>{thinking.text}</Text></Box>
        </Box>
      ) : null}
      {text ? (
        <Box marginTop={1} flexDirection="column">
          {text.hidden > 0 ? <Text color={theme.muted}>  … {text.hidden} more lines above</Text> : null}
          <Box flexDirection="row">
            <Box width={2} flexShrink={0}><Text>{live.textContinues || text.hidden > 0 ? '  ' : '● '}</Text></Box>
            <Box flexGrow={1} flexShrink={1}><Text>{text.text}</Text></Box>
          </Box>
        </Box>
      ) : null}
      {live.tools.map((call) => (
        <Box key={call.toolUseId} marginTop={1}><ToolCall call={call} cwd={cwd} running now={now()} /></Box>
      ))}
      <Box marginTop={1}>
        {waiting ? <Text color={theme.permission}>⏸ Waiting for your answer…</Text> : <Spinner live={live} width={columns} now={now} />}
      </Box>
    </Box>
  );
}

/** The last `max` screen lines of `text` (long lines count as the rows they wrap to). */
export function clipTail(text: string, max: number, width: number): { text: string; hidden: number } {
  const lines = text.split('\n');
  let rows = 0;
  let i = lines.length;
  while (i > 0) {
    // eslint-disable-next-line no-control-regex
    const visible = lines[i - 1]!.replace(/\x1b\[[0-9;]*m/g, '').length;
    const r = Math.max(1, Math.ceil(visible / Math.max(1, width)));
    if (rows + r > max) break;
    rows += r;
    i--;
  }
  if (i === lines.length && lines.length > 0) {
    // One line longer than the whole space: show its end (unstyled: cutting through styles would garble them).
    // eslint-disable-next-line no-control-regex
    const last = lines[lines.length - 1]!.replace(/\x1b\[[0-9;]*m/g, '');
    return { text: last.slice(-max * Math.max(1, width)), hidden: lines.length };
  }
  return { text: lines.slice(i).join('\n'), hidden: i };
}
