import { Static, useWindowSize } from 'ink';
import { useLayoutEffect } from 'react';
import type { UiStore } from '../state/store.ts';
import type { TranscriptItem } from '../state/types.ts';
import { useUiState } from '../use-store.ts';
import { TranscriptItemView } from './TranscriptItemView.tsx';

/**
 * The finished conversation, written once to the terminal's scrollback
 * (ink `<Static>`): items are never rendered again, so a long session costs
 * nothing per frame. A new epoch (after /clear) remounts it empty.
 */
export function Transcript({ store }: { store: UiStore }) {
  const transcript = useUiState(store, (s) => s.transcript);
  const cwd = useUiState(store, (s) => s.info.cwd);
  const { columns } = useWindowSize();
  useLayoutEffect(() => {
    // Runs after ink wrote this commit's new static output: the store may now release these items.
    store.markFlushed(transcript.epoch, transcript.items.length);
  }, [store, transcript]);
  return (
    <Static key={transcript.epoch} items={transcript.items as TranscriptItem[]}>
      {(item) => <TranscriptItemView key={item.id} item={item} width={columns} cwd={cwd} />}
    </Static>
  );
}
