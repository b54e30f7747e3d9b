import { costOf, priceFor, type PricingTable } from './pricing.ts';
import { addUsage, ZERO_USAGE, type TokenUsage } from './types.ts';

/** Tokens and cost of a whole run, summed over every request and per model. */
export class UsageLedger {
  total: TokenUsage = ZERO_USAGE;
  costUsd = 0;
  readonly byModel = new Map<string, { usage: TokenUsage; costUsd: number | null }>();
  private readonly pricing: PricingTable;

  constructor(pricing: PricingTable) {
    this.pricing = pricing;
  }

  /** Records one request; returns its cost (null when the model has no price). */
  add(model: string, usage: TokenUsage): number | null {
    const price = priceFor(model, this.pricing);
    const cost = price ? costOf(usage, price) : null;
    this.total = addUsage(this.total, usage);
    if (cost !== null) this.costUsd += cost;
    const entry = this.byModel.get(model);
    this.byModel.set(model, {
      usage: addUsage(entry?.usage ?? ZERO_USAGE, usage),
      costUsd: cost === null || (entry && entry.costUsd === null) ? null : (entry?.costUsd ?? 0) + cost,
    });
    return cost;
  }

  snapshot(): Record<string, { usage: TokenUsage; costUsd: number | null }> {
    return Object.fromEntries(this.byModel);
  }
}
