import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * VOICE_MODE's gated module: push-to-talk: record, transcribe, insert into the prompt.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'VOICE_MODE',
  status: 'scaffold',
  provides: ['push-to-talk'],
};
