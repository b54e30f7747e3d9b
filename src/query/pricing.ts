import type { TokenUsage } from './types.ts';

/** USD per million tokens. */
export interface Rates {
  readonly input: number;
  readonly output: number;
  /** 5-minute cache writes (the engine's breakpoints use this TTL). */
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

/** A model's price; some models charge more per token once the prompt passes a length. */
export interface ModelPrice extends Rates {
  /** Every token of a request whose prompt (input + cache reads + cache writes) exceeds `thresholdTokens` pays `rates`. */
  readonly longPrompt?: { readonly thresholdTokens: number; readonly rates: Rates };
}

/** Model id (without date suffix) to price. Longest matching prefix wins. */
export type PricingTable = Readonly<Record<string, ModelPrice>>;

const rates = (input: number, output: number, cacheRead: number, cacheWrite = input * 1.25): Rates => ({ input, output, cacheWrite, cacheRead });

/**
 * Public list prices, per million tokens, as published on the API's pricing
 * page (checked 2026-11). Override or extend with the `pricing` option; a
 * model in no table is reported with a null cost, never guessed.
 */
export function defaultPricing(): PricingTable {
  return {
    'claude-fable-5-2': rates(10, 50, 0.25),
    'claude-fable-5-1': rates(10, 50, 0.25),
    'claude-fable-5': rates(10, 50, 1),
    'claude-mythos-5-2': rates(10, 50, 0.25),
    'claude-mythos-5-1': rates(10, 50, 0.25),
    'claude-mythos-5': rates(10, 50, 1),
    'claude-opus-5-5': rates(4, 20, 0.2),
    'claude-opus-5': rates(5, 25, 0.5),
    'claude-opus-4-8': rates(5, 25, 0.5),
    'claude-opus-4-7': rates(5, 25, 0.5),
    'claude-opus-4-6': rates(5, 25, 0.5),
    'claude-opus-4-5': rates(5, 25, 0.5),
    'claude-opus-4-1': rates(15, 75, 1.5),
    'claude-opus-4': rates(15, 75, 1.5),
    'claude-sonnet-5-5': rates(2, 10, 0.1, 2.5),
    'claude-sonnet-5': rates(2, 10, 0.2),
    'claude-sonnet-4-6': rates(3, 15, 0.3),
    'claude-sonnet-4-5': rates(3, 15, 0.3),
    'claude-sonnet-4': rates(3, 15, 0.3),
    'claude-haiku-5-5': { ...rates(0.1, 0.5, 0.01), longPrompt: { thresholdTokens: 100_000, rates: rates(0.5, 2.5, 0.05) } },
    'claude-haiku-4-5': rates(1, 5, 0.1),
    'claude-3-5-haiku': rates(0.8, 4, 0.08, 1),
  };
}

/** The price of a model id such as `claude-sonnet-4-5-20250929` or `claude-opus-5[1m]`. */
export function priceFor(model: string, table: PricingTable): ModelPrice | undefined {
  const id = model.toLowerCase().replace(/\[[^\]]*\]$/, '').replace(/-\d{8}$/, '').replace(/-latest$/, '');
  if (table[id]) return table[id];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (id.startsWith(`${key}-`) && (!best || key.length > best.length)) best = key;
  }
  return best ? table[best] : undefined;
}

/** USD for one request's usage. */
export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  const r = price.longPrompt && prompt > price.longPrompt.thresholdTokens ? price.longPrompt.rates : price;
  return (
    usage.input_tokens * r.input +
    usage.output_tokens * r.output +
    usage.cache_creation_input_tokens * r.cacheWrite +
    usage.cache_read_input_tokens * r.cacheRead
  ) / 1_000_000;
}
