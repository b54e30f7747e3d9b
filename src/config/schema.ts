import { z } from 'zod';
import { PERMISSION_MODES } from '../permissions/index.ts';

/*
 * The settings file, in the shape Claude Code users already write
 * (.claude/settings.json -> .wren/settings.json): people bring their files and
 * their habits. Objects are loose at the top and in `permissions` so keys this
 * version does not know are reported as warnings, not fatal; everything Wren
 * does read is typed strictly.
 */

/** Hook events Wren runs; an unknown event is a warning (a newer file may name one). */
export const HOOK_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'SessionStart',
  'SessionEnd',
  'PreCompact',
  'Notification',
] as const;

const ruleList = z.array(z.string()).describe('Permission rules: Tool or Tool(specifier), e.g. Bash(npm test:*), Read(./src/**), WebFetch(domain:example.com)');

export const PermissionsSettingsSchema = z.looseObject({
  allow: ruleList.optional(),
  ask: ruleList.optional(),
  deny: ruleList.optional(),
  defaultMode: z.enum(PERMISSION_MODES).optional().describe('The permission mode a session starts in.'),
  additionalDirectories: z.array(z.string().min(1)).optional().describe('Folders besides the project the session may work in.'),
  disableBypassPermissionsMode: z.literal('disable').optional().describe('Set to "disable" to refuse bypassPermissions mode.'),
});

export const HookCommandSchema = z.strictObject({
  type: z.literal('command'),
  command: z.string().min(1),
  timeout: z.number().positive().max(3600).optional().describe('Seconds before the hook is killed.'),
});

export const HookMatcherSchema = z.strictObject({
  matcher: z.string().optional().describe('Tool name pattern the hooks apply to (PreToolUse/PostToolUse); empty or absent for all.'),
  hooks: z.array(HookCommandSchema),
});

export const StatusLineSchema = z.looseObject({
  type: z.literal('command'),
  command: z.string().min(1),
  padding: z.number().int().min(0).optional(),
});

/**
 * The OS sandbox for Bash commands (bubblewrap on Linux). The network is
 * allowed by default: installing packages, fetching and running tests against
 * services are most of what coding commands do, and the sandbox is there for
 * the filesystem (nothing planted outside the project or in Wren's own
 * control files); what a command may do on the network is still a matter of
 * permission rules and of `network: "deny"` for those who want it cut.
 */
export const SandboxSettingsSchema = z.strictObject({
  enabled: z.boolean().optional()
    .describe('Run Bash commands inside an OS sandbox (bubblewrap on Linux) when one works on this machine. Default true. Project settings cannot turn it off.'),
  allowWrite: z.array(z.string().min(1)).optional()
    .describe('Paths Bash commands may write besides the project and additionalDirectories, e.g. "~/.npm" or "~/.cache". Wren\'s own files stay read-only even there. Ignored in project settings.'),
  network: z.enum(['allow', 'deny']).optional()
    .describe('"deny" cuts sandboxed commands off every network, loopback to the host included. Default "allow". "deny" in any settings file wins.'),
});

const envValue = z.union([z.string(), z.number(), z.boolean()], { error: 'environment values must be strings (numbers and booleans are converted)' });

export const SettingsSchema = z.looseObject({
  $schema: z.string().optional(),
  permissions: PermissionsSettingsSchema.optional(),
  env: z.record(z.string().min(1), envValue).optional().describe('Environment variables for the session, its tools and hooks.'),
  hooks: z.record(z.string(), z.array(HookMatcherSchema)).optional(),
  statusLine: StatusLineSchema.optional(),
  sandbox: SandboxSettingsSchema.optional(),
  model: z.string().min(1).optional(),
  apiKeyHelper: z.string().min(1).optional().describe('A command whose output is the API key.'),
  enableAllProjectMcpServers: z.boolean().optional().describe("Approve every server in a project's .mcp.json (user or managed settings only)."),
  enabledMcpjsonServers: z.array(z.string()).optional().describe('Approved .mcp.json servers (user or managed settings only).'),
  disabledMcpjsonServers: z.array(z.string()).optional().describe('Rejected .mcp.json servers.'),
});

export type SettingsFile = z.infer<typeof SettingsSchema>;
export type HookMatcher = z.infer<typeof HookMatcherSchema>;
export type StatusLine = z.infer<typeof StatusLineSchema>;
export type SandboxSettings = z.infer<typeof SandboxSettingsSchema>;

/** Keys this version reads; others draw a warning. */
export const KNOWN_SETTINGS_KEYS: readonly string[] = Object.keys(SettingsSchema.shape);
export const KNOWN_PERMISSION_KEYS: readonly string[] = Object.keys(PermissionsSettingsSchema.shape);

const stdioServer = z.looseObject({
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
});

const remoteServer = z.looseObject({
  type: z.enum(['http', 'sse']),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
});

/** One `.mcp.json` server: stdio (type may be omitted) or remote. */
export const McpServerSchema = z.discriminatedUnion('type', [stdioServer, remoteServer]);

export const McpFileSchema = z.looseObject({
  mcpServers: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'server names use letters, digits, "_" and "-"'), McpServerSchema),
});

export type McpServerConfig = z.infer<typeof McpServerSchema>;
