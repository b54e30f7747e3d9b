import generalPurposePrompt from './general-purpose.md';
import type { FrontMatterValue } from './front-matter.ts';

/** Where an agent definition comes from; later sources override earlier ones by name. */
export type AgentSource = 'built-in' | 'user' | 'project';

/** One agent type the Task tool can start (`subagent_type`). */
export interface AgentDefinition {
  /** The `subagent_type` value that selects it. */
  readonly name: string;
  /** When to use it, as the parent model reads it in the Task tool's description. */
  readonly description: string;
  /**
   * Tool names (or `mcp__server` prefixes) it may use, among its parent's;
   * undefined: all of the parent's. Task itself is never among them.
   */
  readonly tools?: readonly string[];
  /** A model id or alias (sonnet, opus, haiku); undefined or `inherit`: the parent's model. */
  readonly model?: string;
  /** Its system prompt (the agent file's body). */
  readonly systemPrompt: string;
  readonly source: AgentSource;
  /** The agent file, for user and project agents. */
  readonly file?: string;
}

/** The built-in agent every session has. */
export function generalPurposeAgent(): AgentDefinition {
  return {
    name: 'general-purpose',
    description: 'General-purpose agent for researching complex questions, searching for code, and carrying out multi-step tasks. When you search for a keyword or a file and are not confident you will find the right match in the first few tries, use this agent to do the search for you.',
    systemPrompt: generalPurposePrompt.trim(),
    source: 'built-in',
  };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TOOL_ENTRY = /^(?:\*|[A-Za-z_][A-Za-z0-9_-]*)$/;
const MODEL = /^[A-Za-z0-9][A-Za-z0-9._:@/[\]-]{0,99}$/;
/** Keys an agent file may hold. `color` is cosmetic (Claude Code's agent picker) and ignored. */
const KNOWN_KEYS = new Set(['name', 'description', 'tools', 'model', 'color']);

export type DefinitionResult = { readonly ok: true; readonly agent: AgentDefinition } | { readonly ok: false; readonly message: string };

/**
 * Checks the parsed front matter of an agent file and builds its definition.
 * Unknown keys are refused rather than ignored: a key such as `hooks` or
 * `permissionMode` would promise behaviour this agent would not have.
 */
export function definitionFrom(fields: ReadonlyMap<string, FrontMatterValue>, body: string, source: Exclude<AgentSource, 'built-in'>, file: string): DefinitionResult {
  for (const key of fields.keys()) {
    if (!KNOWN_KEYS.has(key)) return fail(`unknown key "${key}" (an agent file may set name, description, tools, model)`);
  }
  const name = fields.get('name');
  if (typeof name !== 'string' || !NAME.test(name)) return fail('"name" is required: letters, digits, "-" and "_", at most 64 characters');
  const description = fields.get('description');
  if (typeof description !== 'string' || description.trim() === '') return fail('"description" is required: say when the agent should be used');
  if (body === '') return fail('the body (the agent\'s system prompt) is empty');
  const tools = toolList(fields.get('tools'));
  if (!tools.ok) return tools;
  const model = fields.get('model');
  if (model !== undefined && (typeof model !== 'string' || !MODEL.test(model))) return fail('"model" must be a model id, an alias (sonnet, opus, haiku) or "inherit"');
  return {
    ok: true,
    agent: {
      name,
      description: description.trim(),
      ...(tools.value !== undefined ? { tools: tools.value } : {}),
      ...(model !== undefined && model !== 'inherit' ? { model } : {}),
      systemPrompt: body,
      source,
      file,
    },
  };
}

function toolList(value: FrontMatterValue | undefined): { ok: true; value: readonly string[] | undefined } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: undefined };
  const entries = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (typeof value === 'string' && entries.some((s) => s === '')) return fail('"tools" is a comma-separated list of tool names; leave the key out to give the agent all of its parent\'s tools');
  const bad = entries.find((entry) => !TOOL_ENTRY.test(entry));
  // `Bash(git:*)` and the like are permission rules, which an agent file cannot set: refuse rather than widen to the whole tool.
  if (bad !== undefined) return fail(`"tools": ${JSON.stringify(bad)} is not a tool name (rules such as Bash(git:*) are not supported here)`);
  return { ok: true, value: entries.includes('*') ? undefined : [...new Set(entries)] };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
