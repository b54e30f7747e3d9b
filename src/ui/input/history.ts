import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/*
 * Prompt history, per project, persisted as JSON lines (one entry per
 * submitted prompt, newest last) in a file the runtime names under the user's
 * config dir. Pastes are kept with the entry so recalling it restores them.
 */

export interface HistoryEntry {
  /** The prompt as typed, with paste placeholders. */
  readonly text: string;
  readonly pastes?: Readonly<Record<string, string>>;
}

/** Entries kept in memory (the newest). */
export const HISTORY_LIMIT = 500;

export class PromptHistory {
  private entries: HistoryEntry[] = [];
  private readonly file: string | undefined;

  constructor(file: string | undefined) {
    this.file = file;
  }

  /** Reads the file; a missing or partly corrupt file is not an error (bad lines are skipped). */
  async load(): Promise<void> {
    if (!this.file) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    const loaded: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const entry = JSON.parse(line) as HistoryEntry;
        if (typeof entry.text === 'string') loaded.push(entry);
      } catch {
        // A torn last line (killed mid-write) is skipped.
      }
    }
    this.entries = [...loaded, ...this.entries].slice(-HISTORY_LIMIT);
  }

  /** Newest first. */
  list(): readonly HistoryEntry[] {
    return [...this.entries].reverse();
  }

  async add(entry: HistoryEntry): Promise<void> {
    if (entry.text.trim() === '') return;
    const last = this.entries[this.entries.length - 1];
    if (last?.text === entry.text) return;
    this.entries.push(entry);
    if (this.entries.length > HISTORY_LIMIT) this.entries.shift();
    if (!this.file) return;
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const record = entry.pastes && Object.keys(entry.pastes).length > 0 ? entry : { text: entry.text };
      await appendFile(this.file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    } catch {
      // History is a convenience: a read-only config dir must not break the prompt.
    }
  }

  /**
   * Ctrl-R: the newest entry containing `query` (case-insensitive), skipping
   * the first `skip` matches (Ctrl-R again finds an older one).
   */
  search(query: string, skip = 0): HistoryEntry | undefined {
    const needle = query.toLowerCase();
    let seen = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (!entry.text.toLowerCase().includes(needle)) continue;
      if (seen++ === skip) return entry;
    }
    return undefined;
  }
}
