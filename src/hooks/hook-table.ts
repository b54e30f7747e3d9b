import { resolve } from 'node:path';
import { canonicalDir, isInside } from '../permissions/index.ts';
import { compileMatcher } from './matcher.ts';
import { HOOK_EVENT_NAMES, type HookCommand, type HookEventName, type HookMatcherConfig, type HookSource, type HooksConfig } from './types.ts';

/** One runnable hook: its command, when it applies, where it was declared. */
export interface HookEntry {
  readonly event: HookEventName;
  readonly test: (value: string | undefined) => boolean;
  readonly command: HookCommand;
  readonly source: HookSource;
}

export interface HookTable {
  readonly entries: readonly HookEntry[];
  /** Hooks that will not run, and why (untrusted source, bad matcher, unknown event). */
  readonly problems: readonly string[];
}

/** Layers that live inside the project folder: they only count once the folder is trusted. */
const PROJECT_LAYERS: ReadonlySet<HookSource['layer']> = new Set(['project', 'local', 'dotenv']);

/**
 * Builds the table from hooks the config layer returned. The config layer does
 * not even read project files before trust; this refuses project-layer hooks of
 * an untrusted folder once more, so a wiring mistake cannot run them.
 */
export function buildHookTable(hooks: HooksConfig, trusted: boolean): HookTable {
  const entries: HookEntry[] = [];
  const problems: string[] = [];
  for (const [event, matchers] of Object.entries(hooks)) {
    if (!isHookEvent(event)) {
      if (matchers.length > 0) problems.push(`hooks.${event} (${matchers.map((m) => m.source.file).join(', ')}): Wren runs no ${event} event; ignored`);
      continue;
    }
    for (const m of matchers) {
      if (!trusted && PROJECT_LAYERS.has(m.source.layer)) {
        problems.push(`hooks.${event} from ${m.source.file} ignored: the folder is not trusted`);
        continue;
      }
      addMatcher(event, m, entries, problems);
    }
  }
  return { entries, problems };
}

/** A subagent's own hooks (from its agent file), and where that file lives. */
export interface AgentHooks {
  /** The agent file that declares them. */
  readonly file: string;
  /** project: the repository's agents folder; user: the user's config folder. A file inside the project counts as project whatever this says. */
  readonly scope: 'project' | 'user';
  readonly hooks: Readonly<Record<string, readonly { readonly matcher?: string | undefined; readonly hooks: readonly HookCommand[] }[]>>;
}

/**
 * The table with an agent file's hooks added. An agent file from the project
 * (by scope or by where it really is) adds nothing unless the folder is trusted.
 */
export function withAgentHooks(table: HookTable, agent: AgentHooks, project: { readonly trusted: boolean; readonly projectRoot: string }): HookTable {
  if (!project.trusted && (agent.scope === 'project' || insideProject(agent.file, project.projectRoot))) {
    const count = Object.values(agent.hooks).reduce((n, ms) => n + ms.length, 0);
    return count === 0 ? table : { entries: table.entries, problems: [...table.problems, `hooks in agent file ${agent.file} ignored: the folder is not trusted`] };
  }
  const source: HookSource = { layer: 'agent', file: agent.file };
  const config: Record<string, HookMatcherConfig[]> = {};
  for (const [event, matchers] of Object.entries(agent.hooks)) config[event] = matchers.map((m) => ({ ...m, source }));
  const added = buildHookTable(config, true);
  return { entries: [...table.entries, ...added.entries], problems: [...table.problems, ...added.problems] };
}

function addMatcher(event: HookEventName, m: HookMatcherConfig, entries: HookEntry[], problems: string[]): void {
  const compiled = compileMatcher(m.matcher);
  if (!compiled.ok) {
    problems.push(`hooks.${event} in ${m.source.file}: ${compiled.message}; its hooks will not run`);
    return;
  }
  const matchAll = (m.matcher ?? '').trim() === '' || m.matcher?.trim() === '*';
  // Events with nothing to match (a missing tool name, source...) run only match-all hooks.
  const test = (value: string | undefined) => (value === undefined ? matchAll : compiled.test(value));
  for (const command of m.hooks) {
    if (command.type !== 'command') {
      problems.push(`hooks.${event} in ${m.source.file}: hook type "${String(command.type)}" is not supported; ignored`);
      continue;
    }
    entries.push({ event, test, command, source: m.source });
  }
}

function isHookEvent(name: string): name is HookEventName {
  return (HOOK_EVENT_NAMES as readonly string[]).includes(name);
}

function insideProject(file: string, root: string): boolean {
  const ci = process.platform === 'darwin' || process.platform === 'win32';
  // As written and as resolved: a link from the repo to elsewhere, or from elsewhere into the repo, counts as the repo's.
  return isInside(resolve(file), resolve(root), ci) || isInside(canonicalDir(file), canonicalDir(root), ci);
}
