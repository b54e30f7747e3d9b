import { describe, expect, it } from 'vitest';
import { mcpJsonSchema, SettingsSchema, settingsJsonSchema } from '../../src/config/index.ts';

/*
 * What users may write in settings files, as JSON Schema generated from the
 * zod schema. A change here changes what people's files mean: review it.
 */
describe('settings JSON Schema', () => {
  it('matches the reviewed snapshot', async () => {
    await expect(`${JSON.stringify(settingsJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/settings.schema.json');
  });

  it('.mcp.json matches the reviewed snapshot', async () => {
    await expect(`${JSON.stringify(mcpJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/mcp.schema.json');
  });

  it('describes the keys Claude Code users already write', () => {
    const schema = settingsJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['permissions', 'env', 'hooks', 'statusLine', 'model', 'apiKeyHelper']));
    expect(Object.keys(schema.properties['permissions']!.properties!)).toEqual(
      expect.arrayContaining(['allow', 'ask', 'deny', 'defaultMode', 'additionalDirectories', 'disableBypassPermissionsMode']),
    );
  });

  it('accepts a typical Claude Code settings file unchanged', () => {
    const file = {
      $schema: 'https://json.schemastore.org/claude-code-settings.json',
      permissions: { allow: ['Bash(npm run lint)', 'Read(~/.zshrc)'], deny: ['Read(./.env)', 'Read(./secrets/**)'], defaultMode: 'acceptEdits' },
      env: { CLAUDE_CODE_ENABLE_TELEMETRY: '1' },
      hooks: { PostToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'npx prettier --write .', timeout: 30 }] }] },
      statusLine: { type: 'command', command: '~/.claude/statusline.sh', padding: 0 },
      model: 'claude-sonnet-4-5',
      apiKeyHelper: '/bin/generate_temp_api_key.sh',
      includeCoAuthoredBy: false,
    };
    expect(SettingsSchema.safeParse(file).success).toBe(true);
  });
});
