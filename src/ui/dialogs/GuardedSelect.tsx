import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { useTheme } from '../theme.ts';
import { useArmed } from './use-armed.ts';

export interface GuardedOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

export interface GuardedSelectProps {
  readonly options: readonly GuardedOption[];
  readonly onSelect: (value: string) => void;
  /** Esc. */
  readonly onCancel?: () => void;
  /** Tab on the highlighted option (e.g. cycle where a rule is saved). */
  readonly onTab?: (value: string) => void;
  readonly isActive?: boolean;
  /** See useArmed; 0 in tests that do not test the guard. */
  readonly armDelayMs?: number;
  readonly initialIndex?: number;
}

/**
 * A keyboard-only choice for decisions that matter: ↑/↓ (or j/k) to move,
 * Enter to choose, Esc to cancel. Nothing is chosen by a letter or a digit,
 * and nothing at all until the keyboard has been quiet for a moment after it
 * opened (useArmed): typing that was meant for the prompt cannot answer it.
 */
export function GuardedSelect({ options, onSelect, onCancel, onTab, isActive = true, armDelayMs, initialIndex = 0 }: GuardedSelectProps) {
  const theme = useTheme();
  const [index, setIndexState] = useState(Math.min(initialIndex, Math.max(0, options.length - 1)));
  // Keys read in one chunk (Down then Enter) are handled before React re-renders: keep the index in a ref too.
  const indexRef = useRef(index);
  const setIndex = (next: number) => {
    indexRef.current = next;
    setIndexState(next);
  };
  const { armed, swallow } = useArmed(armDelayMs);
  useInput((input, key) => {
    if (swallow()) return;
    const i = indexRef.current;
    if (key.upArrow || input === 'k') setIndex((i - 1 + options.length) % options.length);
    else if (key.downArrow || input === 'j') setIndex((i + 1) % options.length);
    else if (key.tab && onTab) onTab(options[i]!.value);
    else if (key.escape) onCancel?.();
    else if (key.return && !key.meta) onSelect(options[i]!.value);
  }, { isActive });
  return (
    <Box flexDirection="column">
      {options.map((option, i) => (
        <Box key={option.value} flexDirection="column">
          <Text color={i === index ? theme.accent : undefined} bold={i === index}>
            {i === index ? '❯ ' : '  '}{i + 1}. {option.label}
          </Text>
          {option.description ? <Text color={theme.muted}>     {option.description}</Text> : null}
        </Box>
      ))}
      <Text color={theme.muted}>{armed ? '↑/↓ to choose · Enter to confirm' : '(waiting for the keyboard to be still…)'}{onCancel ? ' · Esc to cancel' : ''}</Text>
    </Box>
  );
}
