import { z } from 'zod';

/*
 * The documented schema of `release:verify --json`. CI may rely on it:
 * `schemaVersion` changes when a field is removed or changes meaning. The JSON
 * Schema in report.schema.json is generated from this and a test keeps the two equal.
 */

const ruleResult = z.object({
  id: z.string().describe('Stable rule id, `family/name`'),
  family: z.string(),
  title: z.string(),
  reason: z.string().describe('Why the rule exists'),
  status: z.enum(['pass', 'fail', 'skip']),
  skipped: z.string().optional().describe('Why the rule did not run'),
  violations: z.number().int().nonnegative(),
}).strict();

const violation = z.object({
  rule: z.string().describe('Id of the rule that failed'),
  file: z.string().describe('Tar path (package/...), the lockfile, or (archive)'),
  excerpt: z.string().optional().describe('The offending text with its location; secrets redacted'),
  message: z.string(),
  fix: z.string().describe('What to do about it'),
}).strict();

const rebuild = z.object({
  builds: z.array(z.object({ file: z.string(), integrity: z.string() }).strict()),
  identical: z.boolean().describe('Every clean build produced the same sha512 integrity'),
  matchesInput: z.boolean().optional().describe('The tarball given on the command line has that same integrity'),
}).strict();

export const VerifyReportSchema = z.object({
  schemaVersion: z.literal(1),
  tarball: z.object({
    file: z.string(),
    integrity: z.string().describe('sha512 SRI of the tarball bytes that were verified'),
    packedSize: z.number().int().nonnegative(),
    unpackedSize: z.number().int().nonnegative(),
    entries: z.number().int().nonnegative(),
    name: z.string().optional(),
    version: z.string().optional(),
  }).strict(),
  policy: z.enum(['external', 'internal', 'generic']),
  ok: z.boolean().describe('True only when every rule that ran passed (and a --rebuild was reproducible)'),
  summary: z.object({
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    violations: z.number().int().nonnegative(),
  }).strict(),
  rules: z.array(ruleResult),
  violations: z.array(violation),
  durationMs: z.number().nonnegative(),
  rebuild: rebuild.optional().describe('Present when --rebuild ran'),
}).strict().describe('wren release:verify --json');

/** The JSON Schema (draft 2020-12) of the report, as committed in report.schema.json. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(VerifyReportSchema, { target: 'draft-2020-12' });
}

// `node scripts/release/report-schema.ts` regenerates the committed report.schema.json.
if (import.meta.main) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('./report.schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
}
