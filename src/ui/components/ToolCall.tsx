import { Box, Text } from 'ink';
import { formatElapsed } from '../format.ts';
import { sanitize } from '../markdown/ansi.ts';
import type { ToolCallRecord } from '../state/types.ts';
import { useTheme } from '../theme.ts';
import { diffStat, hunksOf, renderDiff } from './diff-lines.ts';
import { searchCount, toolSummary } from './tool-summary.ts';

/** Lines of Bash output shown (the tail). */
export const OUTPUT_TAIL_LINES = 5;

export interface ToolCallProps {
  readonly call: ToolCallRecord;
  readonly cwd: string;
  /** Still running: show progress instead of the result. */
  readonly running?: boolean;
  readonly now?: number;
}

/** One tool call: a header (name and what it acts on) and a compact view of its result or progress. */
export function ToolCall({ call, cwd, running = false, now = Date.now() }: ToolCallProps) {
  const theme = useTheme();
  const failed = !running && call.isError === true;
  const bullet = running ? theme.muted : failed ? theme.error : theme.success;
  const summary = sanitize(toolSummary(call.input, cwd));
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={bullet}>● </Text>
        <Text bold>{call.name}</Text>
        {summary !== '' ? <Text>({summary})</Text> : null}
        {running ? <Text color={theme.muted}> · {formatElapsed(now - call.startedAt)}</Text> : null}
      </Text>
      <Box marginLeft={2} flexDirection="column">
        {running ? <Progress call={call} /> : <ToolResultView call={call} />}
      </Box>
    </Box>
  );
}

function Progress({ call }: { call: ToolCallRecord }) {
  const theme = useTheme();
  if (call.progress.length === 0) return <Text color={theme.muted}>⎿ Running…</Text>;
  return (
    <Box flexDirection="column">
      {call.progress.map((line, i) => (
        <Text key={i} color={theme.muted} wrap="truncate-end">{i === 0 ? '⎿ ' : '  '}{sanitize(line)}</Text>
      ))}
    </Box>
  );
}

function ToolResultView({ call }: { call: ToolCallRecord }) {
  const theme = useTheme();
  const text = sanitize(call.resultText ?? '');
  if (call.outcome === 'denied') {
    return <Text color={theme.error}>⎿ Denied: {firstLines(text, 3)}</Text>;
  }
  if (call.outcome === 'interrupted') return <Text color={theme.warning}>⎿ Interrupted</Text>;
  if (call.isError) return <Text color={theme.error}>⎿ {firstLines(text, 4)}</Text>;
  if (call.name === 'Edit' || call.name === 'Write') {
    const diff = hunksOf(call.name, call.input, call.output);
    if (diff) {
      const { added, removed } = diffStat(diff.hunks);
      return (
        <Box flexDirection="column">
          <Text color={theme.muted}>⎿ {call.name === 'Write' ? `Wrote ${added} line${added === 1 ? '' : 's'}` : `Added ${added}, removed ${removed} line${removed === 1 ? '' : 's'}`}</Text>
          <Text>{renderDiff(diff.hunks, diff.numbered, theme.styler).join('\n')}</Text>
        </Box>
      );
    }
  }
  if (call.name === 'Bash') return <OutputTail text={text} />;
  if (call.name === 'Glob' || call.name === 'Grep') return <Text color={theme.muted}>⎿ {searchCount(call.name, text, call.output)}</Text>;
  if (call.name === 'Read') {
    const lines = text === '' ? 0 : text.split('\n').length;
    return <Text color={theme.muted}>⎿ Read {lines} line{lines === 1 ? '' : 's'}</Text>;
  }
  return <Text color={theme.muted}>⎿ {firstLines(text, 2) || 'Done'}</Text>;
}

/** The last lines of a command's output, with how many came before. */
export function OutputTail({ text }: { text: string }) {
  const theme = useTheme();
  const lines = text.replace(/\n+$/, '').split('\n');
  if (text.trim() === '') return <Text color={theme.muted}>⎿ (no output)</Text>;
  const hidden = Math.max(0, lines.length - OUTPUT_TAIL_LINES);
  const tail = lines.slice(-OUTPUT_TAIL_LINES);
  return (
    <Box flexDirection="column">
      {hidden > 0 ? <Text color={theme.muted}>⎿ … {hidden} line{hidden === 1 ? '' : 's'} above</Text> : null}
      {tail.map((line, i) => (
        <Text key={i} wrap="truncate-end">{i === 0 && hidden === 0 ? '⎿ ' : '  '}{line}</Text>
      ))}
    </Box>
  );
}

function firstLines(text: string, n: number): string {
  const lines = text.split('\n');
  return lines.slice(0, n).join('\n') + (lines.length > n ? ` … (+${lines.length - n} lines)` : '');
}
