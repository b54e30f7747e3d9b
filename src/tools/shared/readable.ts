import type { ToolContext } from '../tool.ts';

/** Paths checked at once: each check touches the filesystem (real paths), so they overlap in batches. */
const BATCH = 64;

/**
 * The items whose path the session may read (`ctx.canRead`), in their order.
 * Search tools call this on their results: the permission gate only saw the
 * folder a search started in, and a Read deny rule on a file below it must
 * keep that file's name and contents out of what the model gets back.
 */
export async function readableOnly<T>(items: readonly T[], pathOf: (item: T) => string, ctx: Pick<ToolContext, 'canRead' | 'signal'>): Promise<T[]> {
  const canRead = ctx.canRead;
  if (!canRead || items.length === 0) return [...items];
  const kept: T[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    ctx.signal.throwIfAborted();
    const batch = items.slice(i, i + BATCH);
    const verdicts = await Promise.all(batch.map((item) => canRead.call(ctx, pathOf(item))));
    batch.forEach((item, j) => {
      if (verdicts[j]) kept.push(item);
    });
  }
  return kept;
}
