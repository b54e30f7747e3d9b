import type { ThinkingConfigEnabled } from '@anthropic-ai/sdk/resources/messages';
import type { FeatureModule } from '../../feature/feature-module.ts';
import { QueryError } from '../errors.ts';

/**
 * EXTENDED_THINKING's gated module: thinking budgets, thinking shown in verbose mode.
 */
export const featureModule: FeatureModule = {
  flag: 'EXTENDED_THINKING',
  status: 'ready',
  provides: ['budget_tokens'],
};

/** The smallest budget the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

/** Room left for the answer when max_tokens has to grow past the budget. */
const ANSWER_ROOM = 4096;

/**
 * The request fields that turn thinking on with `budgetTokens`. The API wants
 * max_tokens above the budget; when it is not, it grows to budget + 4096.
 *
 * @throws QueryError `invalid_option` for a budget under 1024 or not an integer
 */
export function thinkingParams(budgetTokens: number, maxTokens: number): { thinking: ThinkingConfigEnabled; max_tokens: number } {
  if (!Number.isInteger(budgetTokens) || budgetTokens < MIN_THINKING_BUDGET) {
    throw new QueryError('invalid_option', `the thinking budget must be an integer of at least ${MIN_THINKING_BUDGET} tokens, not ${budgetTokens}`);
  }
  return {
    thinking: { type: 'enabled', budget_tokens: budgetTokens },
    max_tokens: maxTokens > budgetTokens ? maxTokens : budgetTokens + ANSWER_ROOM,
  };
}
