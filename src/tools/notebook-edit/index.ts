import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * NOTEBOOK_TOOL's gated module: read and edit .ipynb cells.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'NOTEBOOK_TOOL',
  status: 'scaffold',
  provides: ['NotebookEdit'],
};
