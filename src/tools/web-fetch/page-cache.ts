/**
 * Recently fetched pages, so asking a second question about the same page in
 * the next minutes does not fetch it again. Bounded in entries and characters;
 * the oldest go first.
 */
export interface PageCache<T extends { readonly content: string }> {
  get(key: string, now: number): T | undefined;
  set(key: string, value: T, now: number): void;
}

export interface PageCacheOptions {
  /** @default 900000 (15 minutes) */
  readonly ttlMs: number;
  /** @default 32 */
  readonly maxEntries: number;
  /** Characters of content held in total. @default 4_000_000 */
  readonly maxChars: number;
}

export function createPageCache<T extends { readonly content: string }>(options: PageCacheOptions): PageCache<T> {
  // A Map iterates in insertion order: the first key is the oldest.
  const entries = new Map<string, { readonly value: T; readonly at: number }>();
  let chars = 0;
  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    chars -= entry.value.content.length;
    entries.delete(key);
  };
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now - entry.at > options.ttlMs) {
        remove(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, now) {
      if (value.content.length > options.maxChars) return;
      remove(key);
      entries.set(key, { value, at: now });
      chars += value.content.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxEntries && chars <= options.maxChars) break;
        remove(oldest);
      }
    },
  };
}
