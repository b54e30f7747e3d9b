import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toApiTool } from '../../src/query/index.ts';
import { fakeTool } from './helpers.ts';

describe('toApiTool', () => {
  it('derives the input JSON Schema from the zod schema', () => {
    const tool = fakeTool({
      name: 'Read',
      schema: z.object({
        file_path: z.string().describe('Absolute path'),
        offset: z.number().int().min(1).optional(),
        limit: z.number().int().default(2000),
      }),
      run: () => '',
    });
    expect(toApiTool(tool)).toEqual({
      name: 'Read',
      description: 'Read: a tool for tests.',
      input_schema: {
        type: 'object',
        properties: {
          file_path: { type: 'string', description: 'Absolute path' },
          offset: { type: 'integer', minimum: 1 },
          limit: { type: 'integer', default: 2000 },
        },
        required: ['file_path'],
      },
    });
  });

  it('refuses a schema that is not an object', () => {
    expect(() => toApiTool(fakeTool({ name: 'Bad', schema: z.string() as never, run: () => '' }))).toThrow(/zod object/);
  });
});
