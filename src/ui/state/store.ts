import type { SessionInfo } from '../runtime.ts';
import type { LiveTurn, NewItem, PendingDialog, TranscriptItem, UiState } from './types.ts';

/**
 * Listeners hear of changes at most this often. A reply streams in hundreds
 * of small deltas; rendering each one would cost a React render and a layout
 * per delta. The first change after a quiet period is delivered at once, so
 * typing and dialogs stay immediate.
 */
export const NOTIFY_INTERVAL_MS = 16;

/** Items per `<Static>` epoch before the store starts a new one, so flushed items can be released. */
export const EPOCH_SIZE = 100;

/** The newest items kept to draw the conversation again after a resize (bounded: memory stays flat). */
export const RETAINED_ITEMS = 400;

type Listener = () => void;

/**
 * The UI's state, outside React: components read slices of it with
 * `useSyncExternalStore`, so a streamed chunk re-renders only what shows the
 * live turn. Every change makes a new state object; unchanged slices keep
 * their identity.
 */
export class UiStore {
  private state: UiState;
  private readonly listeners = new Set<Listener>();
  private nextId = 1;
  /** How many items of the current epoch `<Static>` has written (reported after each commit). */
  private flushed = 0;
  /** The newest items, for `redraw()`; older ones are only in the terminal's scrollback. */
  private retained: TranscriptItem[] = [];
  private dropped = 0;
  private lastNotify = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor(info: SessionInfo) {
    this.state = {
      transcript: { epoch: 0, items: [] },
      live: undefined,
      todos: [],
      dialogs: [],
      queued: [],
      totals: { costUsd: 0, inputTokens: 0, outputTokens: 0, turns: 0 },
      info,
    };
  }

  getState = (): UiState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<UiState>): void {
    this.state = { ...this.state, ...change };
    this.notify();
  }

  private notify(): void {
    if (this.timer) return;
    const wait = this.lastNotify + NOTIFY_INTERVAL_MS - performance.now();
    if (wait <= 0) return this.emit();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emit();
    }, wait);
  }

  private emit(): void {
    this.lastNotify = performance.now();
    for (const listener of this.listeners) listener();
  }

  updateLive(change: Partial<LiveTurn>): void {
    if (!this.state.live) return;
    this.update({ live: { ...this.state.live, ...change } });
  }

  /**
   * Appends to the transcript. Once the current epoch is large and fully
   * written, the next items start a new epoch: `<Static>` remounts with only
   * them and the old items (already in the scrollback) can be garbage-collected,
   * so memory stays flat over a long session.
   */
  append(...items: NewItem[]): void {
    if (items.length === 0) return;
    const withIds = items.map((item) => ({ ...item, id: this.nextId++ }) as TranscriptItem);
    this.retained.push(...withIds);
    if (this.retained.length > RETAINED_ITEMS) {
      const extra = this.retained.length - RETAINED_ITEMS;
      this.retained.splice(0, extra);
      this.dropped += extra;
    }
    const { epoch, items: current } = this.state.transcript;
    if (current.length >= EPOCH_SIZE && this.flushed >= current.length) {
      this.flushed = 0;
      this.update({ transcript: { epoch: epoch + 1, items: withIds } });
    } else {
      this.update({ transcript: { epoch, items: [...current, ...withIds] } });
    }
  }

  /** Called by the transcript view after `<Static>` wrote `count` items of `epoch`. */
  markFlushed = (epoch: number, count: number): void => {
    if (epoch === this.state.transcript.epoch) this.flushed = Math.max(this.flushed, count);
  };

  /** Starts an empty transcript (after /clear): `<Static>` remounts with nothing. */
  resetTranscript(): void {
    this.flushed = 0;
    this.retained = [];
    this.dropped = 0;
    this.update({ transcript: { epoch: this.state.transcript.epoch + 1, items: [] }, todos: [] });
  }

  /**
   * Writes the conversation again (after the screen was cleared for a resize:
   * the terminal reflowed what was on it, so it is drawn anew at the new
   * width). Only the newest RETAINED_ITEMS items are kept for this.
   */
  redraw(): void {
    this.flushed = 0;
    const note: TranscriptItem[] = this.dropped > 0
      ? [{ kind: 'notice', id: this.nextId++, tone: 'info', text: `… ${this.dropped} earlier items are not shown again after a resize.` }]
      : [];
    this.update({ transcript: { epoch: this.state.transcript.epoch + 1, items: [...note, ...this.retained] } });
  }

  pushDialog(dialog: Omit<PendingDialog, 'id'>): number {
    const id = this.nextId++;
    this.update({ dialogs: [...this.state.dialogs, { ...dialog, id } as PendingDialog] });
    return id;
  }

  removeDialog(id: number): void {
    this.update({ dialogs: this.state.dialogs.filter((d) => d.id !== id) });
  }
}
