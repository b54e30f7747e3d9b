import { getAsset, isSea } from 'node:sea';
import { PLATFORM_IDS, type PlatformId } from './release-format.ts';

/**
 * The SEA asset holding the release public key. The native build step
 * (build/native/) embeds it from the committed scripts/release/native/release-key.pub;
 * a test binary embeds a throwaway key the same way. There is deliberately no
 * environment or file override at run time: the only way to trust another key
 * is to build another binary, whose bytes the real signed manifest does not list.
 */
export const RELEASE_KEY_ASSET = 'wren-release-key.pub';

/** The embedded key (PEM), or undefined outside a native binary (npm or internal builds cannot self-update). */
export function embeddedReleaseKey(): string | undefined {
  if (!isSea()) return undefined;
  try {
    return getAsset(RELEASE_KEY_ASSET, 'utf8');
  } catch {
    return undefined;
  }
}

/** The release platform of the running binary, or undefined when releases have none for it. */
export function runningPlatform(): PlatformId | undefined {
  const id = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  return (PLATFORM_IDS as readonly string[]).includes(id) ? (id as PlatformId) : undefined;
}
