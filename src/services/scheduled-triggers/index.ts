import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SCHEDULED_TRIGGERS's gated module: cron and file-watch triggers that wake the daemon with a task.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'SCHEDULED_TRIGGERS',
  status: 'scaffold',
  provides: ['ScheduleTrigger'],
};
