import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, runRow, type EngineRow, type Fixture } from './engine-fixture.ts';
import { REVIEW_ROWS } from './table-bash-paths.ts';
import { MODE_ROWS } from './table-modes.ts';
import { PATH_ROWS } from './table-paths.ts';
import { BASH_ROWS, DOMAIN_ROWS, MCP_ROWS, PRECEDENCE_ROWS } from './table-rules.ts';
import { SUBAGENT_ROWS } from './table-subagents.ts';

/*
 * The permission engine's table: each row is one tool call against real
 * folders (symlinks, `..`, prefix siblings), with the rules, mode and other
 * sources it meets, and the verdict it must get.
 */
const TABLES: Record<string, readonly EngineRow[]> = {
  modes: MODE_ROWS,
  paths: PATH_ROWS,
  domains: DOMAIN_ROWS,
  mcp: MCP_ROWS,
  bash: BASH_ROWS,
  precedence: PRECEDENCE_ROWS,
  subagents: SUBAGENT_ROWS,
  review: REVIEW_ROWS,
};

let fixture: Fixture;
beforeAll(() => {
  fixture = createFixture();
});
afterAll(() => fixture.cleanup());

it('has at least 200 engine rows with unique names', () => {
  const rows = Object.values(TABLES).flat();
  expect(rows.length).toBeGreaterThanOrEqual(200);
  expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
});

for (const [table, rows] of Object.entries(TABLES)) {
  describe(table, () => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
      const decision = await runRow(row, fixture);
      expect(decision.behavior, decision.reason).toBe(row.expect);
      expect(decision.reason).not.toBe('');
    });
  });
}
