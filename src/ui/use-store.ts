import { useSyncExternalStore } from 'react';
import type { UiStore } from './state/store.ts';
import type { UiState } from './state/types.ts';

/** A slice of the UI state; the component re-renders only when the slice changes identity. */
export function useUiState<T>(store: UiStore, select: (state: UiState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
