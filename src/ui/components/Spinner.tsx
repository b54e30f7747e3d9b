import { Text, useAnimation } from 'ink';
import { formatCost, formatElapsed, formatTokens } from '../format.ts';
import type { LiveTurn } from '../state/types.ts';
import { useTheme } from '../theme.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const PHASE_TEXT: Record<LiveTurn['phase'], string> = {
  requesting: 'Working',
  thinking: 'Thinking',
  responding: 'Writing',
  tools: 'Running tools',
  retrying: 'Retrying',
  compacting: 'Compacting',
};

export interface SpinnerProps {
  readonly live: LiveTurn;
  readonly width: number;
  /** Injected in tests. */
  readonly now?: () => number;
}

/** What the turn is doing, for how long, and what it has cost: `⠹ Writing… 12s · ↓ 1.2k tokens · $0.0042 · esc to interrupt`. */
export function Spinner({ live, width, now = Date.now }: SpinnerProps) {
  const theme = useTheme();
  const { frame } = useAnimation({ interval: 100 });
  const elapsed = formatElapsed(now() - live.startedAt);
  const label = live.interrupting ? 'Interrupting' : PHASE_TEXT[live.phase];
  const retry = live.phase === 'retrying' && live.retry ? ` in ${Math.max(0, Math.ceil((live.retry.until - now()) / 1000))}s: ${live.retry.message}` : '';
  // Narrow terminals get the essentials only.
  const details = width >= 60
    ? ` · ↓ ${formatTokens(live.outputTokens)} tokens${live.costUsd > 0 ? ` · ${formatCost(live.costUsd)}` : ''}${live.interrupting ? '' : ' · esc to interrupt'}`
    : '';
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>{FRAMES[frame % FRAMES.length]} </Text>
      <Text bold>{label}…</Text>
      <Text color={theme.muted}>{retry} {elapsed}{details}</Text>
    </Text>
  );
}
