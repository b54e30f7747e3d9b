import { INTERNAL_RULES } from './internal-names.ts';
import { MANIFEST_RULES } from './manifest.ts';
import { MAP_RULES } from './maps.ts';
import { SECRET_RULES } from './secrets.ts';
import { SHAPE_RULES } from './shape.ts';
import { SOURCE_RULES } from './source.ts';
import { SUPPLY_CHAIN_RULES } from './supply-chain.ts';
import type { Rule } from './types.ts';

export type { Finding, Rule, RuleContext, RuleFamily } from './types.ts';
export { RULE_FAMILIES } from './types.ts';

/** Every verifier rule, in report order: shape first (nothing else is trustworthy without it), supply chain last. */
export const RULES: readonly Rule[] = [
  ...SHAPE_RULES,
  ...MAP_RULES,
  ...SOURCE_RULES,
  ...SECRET_RULES,
  ...INTERNAL_RULES,
  ...MANIFEST_RULES,
  ...SUPPLY_CHAIN_RULES,
];
