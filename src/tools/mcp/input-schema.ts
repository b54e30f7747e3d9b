import { Validator, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { z } from 'zod';

/**
 * The zod input schema of an MCP tool, built from the server's JSON Schema.
 *
 * Why not convert the JSON Schema to zod: a conversion (z.fromJSONSchema)
 * refuses or reshapes what it does not model ($ref, draft differences), and
 * the model would then see our re-rendering, not the server's schema. Instead:
 * - validation is done by @cfworker/json-schema, a complete validator (drafts
 *   4, 7, 2019-09, 2020-12) without code generation, the MCP SDK's own
 *   alternative to Ajv;
 * - the JSON Schema the API receives is the server's own, attached as zod
 *   metadata, which `z.toJSONSchema` emits as is (the query engine derives the
 *   API schema from the zod schema, as for every tool).
 * A schema the validator cannot take still validates "an object" and says so
 * in `problem`: the server validates its own input too, and refusing the tool
 * would help no one.
 */
export function inputSchemaFor(jsonSchema: Record<string, unknown>): { schema: z.ZodType<Record<string, unknown>>; problem?: string } {
  // `id` would register the schema in zod's global id map (kept forever; a duplicate throws);
  // `$schema` is dropped by the API schema step anyway, but chooses the draft here.
  const { id: _id, $schema, ...shown } = jsonSchema;
  const apiSchema = { ...shown, type: 'object' };
  let validator: Validator | undefined;
  let problem: string | undefined;
  try {
    validator = new Validator(apiSchema as Schema, draftOf($schema), false);
  } catch (error) {
    problem = `its input schema cannot be used (${(error as Error).message}); inputs are checked only for being objects`;
  }
  const schema = z
    .looseObject({})
    .superRefine((input, ctx) => {
      if (!validator) return;
      let result;
      try {
        result = validator.validate(input);
      } catch (error) {
        // A schema can be broken in ways only validation finds (a $ref to nowhere).
        ctx.addIssue({ code: 'custom', message: `the server's input schema cannot be checked: ${(error as Error).message}` });
        return;
      }
      // Leaf errors say what is wrong; the wrappers above them ("a property is invalid") add nothing.
      const leaves = result.errors.filter((e) => !WRAPPERS.test(e.error));
      for (const e of leaves.length > 0 ? leaves : result.errors) ctx.addIssue({ code: 'custom', message: `${e.instanceLocation}: ${e.error}` });
    })
    .meta(apiSchema);
  return { schema: schema as z.ZodType<Record<string, unknown>>, ...(problem ? { problem } : {}) };
}

/** The validator's summary errors, which only repeat that a nested error exists. */
const WRAPPERS = /^(A subschema had errors|False boolean schema|(Property|Items|Item at index) .* does not match schema)\.?$/;

function draftOf(uri: unknown): SchemaDraft {
  const s = typeof uri === 'string' ? uri : '';
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-07') || s.includes('draft-06')) return '7';
  if (s.includes('2019-09')) return '2019-09';
  return '2020-12';
}
