import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { definitionFrom, generalPurposeAgent, type AgentDefinition } from './agent-definition.ts';
import { parseFrontMatter } from './front-matter.ts';

/** Where to look for agent files. */
export interface LoadAgentsOptions {
  /** The user config dir: agents in `<configDir>/agents/*.md`. */
  readonly configDir: string;
  /** The project root: agents in `<projectRoot>/.wren/agents/*.md`, read only when `trusted`. */
  readonly projectRoot: string;
  /** Whether the workspace is trusted. An untrusted project's agent files are never read. */
  readonly trusted: boolean;
}

/** An agent file that was refused, and why. */
export interface AgentFileProblem {
  readonly file: string;
  readonly message: string;
}

export interface LoadedAgents {
  /** Every usable agent, built-in first, by name (a user agent overrides a built-in, a project agent both). */
  readonly agents: readonly AgentDefinition[];
  /** Agent files that were skipped; each should be shown to the user. */
  readonly problems: readonly AgentFileProblem[];
}

/** Agent files past this size are refused: a system prompt, not a data dump. */
const MAX_AGENT_FILE_BYTES = 256 * 1024;

/**
 * The agents a session offers: the built-in general-purpose agent, the
 * user's (`<configDir>/agents/*.md`) and, only in a trusted workspace, the
 * project's (`<projectRoot>/.wren/agents/*.md`). An invalid file is reported
 * in `problems` and skipped; it never half-loads.
 */
export async function loadAgentDefinitions(options: LoadAgentsOptions): Promise<LoadedAgents> {
  const byName = new Map<string, AgentDefinition>();
  const general = generalPurposeAgent();
  byName.set(general.name, general);
  const problems: AgentFileProblem[] = [];
  const sources: [dir: string, source: 'user' | 'project'][] = [[join(options.configDir, 'agents'), 'user']];
  // Nothing from the project is read before trust: not even the list of its agent files.
  if (options.trusted) sources.push([join(options.projectRoot, '.wren', 'agents'), 'project']);
  for (const [dir, source] of sources) {
    const seen = new Set<string>();
    for (const file of await agentFiles(dir, problems)) {
      const result = await readAgentFile(file, source);
      if (!result.ok) {
        problems.push({ file, message: result.message });
        continue;
      }
      const { agent } = result;
      if (seen.has(agent.name)) {
        problems.push({ file, message: `another agent file in ${dir} is already named "${agent.name}"` });
        continue;
      }
      seen.add(agent.name);
      byName.set(agent.name, agent);
    }
  }
  return { agents: [...byName.values()], problems };
}

/** The `.md` files of `dir`, sorted; none when it does not exist. */
async function agentFiles(dir: string, problems: AgentFileProblem[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push({ file: dir, message: `cannot list agent files: ${(error as Error).message}` });
    return [];
  }
  return names.filter((n) => n.endsWith('.md')).sort().map((n) => join(dir, n));
}

async function readAgentFile(file: string, source: 'user' | 'project'): Promise<{ ok: true; agent: AgentDefinition } | { ok: false; message: string }> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, message: 'not a regular file' };
    if (info.size > MAX_AGENT_FILE_BYTES) return { ok: false, message: `larger than ${MAX_AGENT_FILE_BYTES} bytes` };
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read: ${(error as Error).message}` };
  }
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return parsed;
  return definitionFrom(parsed.fields, parsed.body, source, file);
}

/** A problem as one line for the user. */
export function formatAgentProblem(problem: AgentFileProblem): string {
  return `agent file ${problem.file} skipped: ${problem.message}`;
}
