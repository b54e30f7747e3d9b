import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * VIM_MODE's gated module: vim keybindings in the prompt input. Reached only
 * through `if (feature('VIM_MODE')) await import(...)`; nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'VIM_MODE',
  status: 'ready',
  provides: ['-- INSERT --'],
};

export { createVimKeymap, VIM_INDICATORS, type VimMode } from './vim-keymap.ts';
export { vimCommand } from './vim-command.ts';
