import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * LSP_TOOL's gated module: language-server integration: diagnostics, definition, references, hover.
 *
 * Scaffold: this is the flag's gate point and owned path, present so the build's
 * dead-code proofs run on real structure. The feature itself is not built yet;
 * `wren flags` and the build report say so.
 */
export const featureModule: FeatureModule = {
  flag: 'LSP_TOOL',
  status: 'scaffold',
  provides: ['LanguageServer'],
};
