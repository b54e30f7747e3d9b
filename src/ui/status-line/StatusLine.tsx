import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { sanitizeKeepColors } from '../markdown/ansi.ts';
import type { InteractiveRuntime } from '../runtime.ts';
import type { UiStore } from '../state/store.ts';
import { useUiState } from '../use-store.ts';
import { runStatusCommand, statusLineInput } from './status-command.ts';

/** The command runs at most this often: state changes within it are coalesced. */
export const STATUS_DEBOUNCE_MS = 300;

/**
 * The user's status line under the prompt: their `statusLine.command`, fed the
 * session state, re-run (debounced) when the state changes.
 */
export function StatusLine({ store, runtime }: { store: UiStore; runtime: InteractiveRuntime }) {
  const info = useUiState(store, (s) => s.info);
  const totals = useUiState(store, (s) => s.totals);
  const busy = useUiState(store, (s) => s.live !== undefined);
  const [line, setLine] = useState('');
  const config = runtime.statusLineConfig();
  const generation = useRef(0);
  const latest = useRef(statusLineInput(info, totals, busy));
  latest.current = statusLineInput(info, totals, busy);

  useEffect(() => {
    if (!config) return;
    // Only the newest run's output is shown; older ones finishing late are dropped.
    const mine = ++generation.current;
    const timer = setTimeout(() => {
      void runStatusCommand(config.command, latest.current, { cwd: info.cwd, ...(config.env ? { env: config.env as NodeJS.ProcessEnv } : {}) }).then((text) => {
        if (generation.current === mine) setLine(text);
      });
    }, STATUS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [config?.command, info, totals, busy]);

  if (!config || line === '') return null;
  return (
    <Box paddingLeft={config.padding ?? 0}>
      <Text wrap="truncate-end">{sanitizeKeepColors(line)}</Text>
    </Box>
  );
}
