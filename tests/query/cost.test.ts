import { describe, expect, it } from 'vitest';
import { costOf, defaultPricing, priceFor } from '../../src/query/index.ts';
import { toolUse, turn } from '../support/fake-api/index.ts';
import { collect, fakeApi, ofType, optionsFor, readTool } from './helpers.ts';

describe('token and cost accounting', () => {
  it('sums usage and cost across turns, cache writes and reads priced apart', async () => {
    const api = await fakeApi([
      turn(toolUse('Read', { file_path: 'a' }), { usage: { input_tokens: 1000, output_tokens: 200, cache_creation_input_tokens: 5000, cache_read_input_tokens: 0 } }),
      turn('done', { usage: { input_tokens: 300, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 5000 } }),
    ]);
    const { events, result } = await collect(optionsFor(api, { model: 'claude-sonnet-4-6', tools: [readTool({ a: 'A' })] }));
    // Sonnet 4.6: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million.
    const first = (1000 * 3 + 200 * 15 + 5000 * 3.75) / 1e6;
    const second = (300 * 3 + 100 * 15 + 5000 * 0.3) / 1e6;
    const usage = ofType(events, 'usage');
    expect(usage[0]!.costUsd).toBeCloseTo(first, 10);
    expect(usage[1]!.costUsd).toBeCloseTo(second, 10);
    expect(usage[1]!.totalCostUsd).toBeCloseTo(first + second, 10);
    expect(result.totalCostUsd).toBeCloseTo(first + second, 10);
    expect(result.usage).toEqual({ input_tokens: 1300, output_tokens: 300, cache_creation_input_tokens: 5000, cache_read_input_tokens: 5000 });
    expect(result.modelUsage['claude-sonnet-4-6']?.costUsd).toBeCloseTo(first + second, 10);
  });

  it('prices each answering model apart (date suffixes stripped) and never guesses an unknown one', async () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const api = await fakeApi([
      turn(toolUse('Read', { file_path: 'a' }), { model: 'claude-haiku-4-5-20251001', usage }),
      turn(toolUse('Read', { file_path: 'a' }), { model: 'claude-unknown-9', usage }),
      turn('done', { model: 'claude-opus-4-1', usage }),
    ]);
    const { result, events } = await collect(optionsFor(api, { tools: [readTool({ a: 'A' })] }));
    expect(ofType(events, 'usage').map((e) => e.costUsd)).toEqual([1, null, 15]);
    expect(result.totalCostUsd).toBe(16);
    expect(result.modelUsage['claude-unknown-9']).toEqual({ usage, costUsd: null });
    expect(result.modelUsage['claude-haiku-4-5-20251001']?.costUsd).toBe(1);
  });

  it('takes prices from the pricing option', async () => {
    const api = await fakeApi([turn('ok', { usage: { input_tokens: 2_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } })]);
    const { result } = await collect(optionsFor(api, {
      model: 'my-proxy-model',
      pricing: { 'my-proxy-model': { input: 1, output: 2, cacheWrite: 1.25, cacheRead: 0.1 } },
    }));
    expect(result.totalCostUsd).toBe(4);
  });

  it('applies a long-prompt tier to every token of the request', () => {
    const price = priceFor('claude-haiku-5-5', defaultPricing())!;
    const short = { input_tokens: 50_000, output_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 40_000 };
    const long = { ...short, cache_read_input_tokens: 60_000 };
    expect(costOf(short, price)).toBeCloseTo((50_000 * 0.1 + 1000 * 0.5 + 40_000 * 0.01) / 1e6, 12);
    expect(costOf(long, price)).toBeCloseTo((50_000 * 0.5 + 1000 * 2.5 + 60_000 * 0.05) / 1e6, 12);
  });

  it('matches model ids by longest prefix', () => {
    const table = defaultPricing();
    expect(priceFor('claude-opus-4-5-20251101', table)?.input).toBe(5);
    expect(priceFor('claude-opus-4-20250514', table)?.input).toBe(15);
    expect(priceFor('claude-sonnet-5[1m]', table)?.input).toBe(2);
    expect(priceFor('gpt-x', table)).toBeUndefined();
  });
});
