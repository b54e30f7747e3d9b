import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * WEB_FETCH_TOOL's gated module: WebFetch, URL -> markdown, domain rules, size caps.
 * Reached only through `if (feature('WEB_FETCH_TOOL')) await import(...)`; nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'WEB_FETCH_TOOL',
  status: 'ready',
  provides: ['WebFetch'],
};

export { webFetchTool, createWebFetchTool, webFetchInputSchema, type WebFetchInput, type WebFetchToolOptions } from './tool.ts';
export { renderWebFetch, type WebFetchOutput, type WebFetchPage, type WebFetchRedirect } from './render.ts';
export { hostMatchesDomain, isLoopbackHost, isSameHostRedirect, prepareUrl, fetchRuleHost, MAX_URL_LENGTH, type PreparedUrl } from './url-policy.ts';
