import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * NOTEBOOK_TOOL's gated module: the NotebookEdit tool (replace, insert or delete
 * .ipynb cells by id). Reached only through `if (feature('NOTEBOOK_TOOL'))`.
 * Reading notebooks is Read's job and needs no flag.
 */
export const featureModule: FeatureModule = {
  flag: 'NOTEBOOK_TOOL',
  status: 'ready',
  provides: ['NotebookEdit'],
};

export { notebookEditTool } from './tool.ts';
export type { NotebookEditInput, NotebookEditOutput } from './tool.ts';
