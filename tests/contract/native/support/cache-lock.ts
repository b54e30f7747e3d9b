import { mkdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A lock between vitest workers (separate processes) that build the same
 * cached artifact: the first builds, the others wait for it. A lock older than
 * `staleMs` is from a crashed run and is taken over.
 */
export async function withCacheLock<T>(lockDir: string, run: () => Promise<T>, staleMs = 5 * 60_000): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleMs) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // gone already: retry
      }
      // Another worker is building (seconds): poll, there is no cross-process event to await.
      await delay(200);
    }
  }
  try {
    return await run();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
