import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { z } from 'zod';
import { createHookRunner, type HookRunner, type HookRunnerOptions, type HooksConfig } from '../../src/hooks/index.ts';
import { parseRule, PermissionEngine, type PermissionBehavior, type PermissionRule } from '../../src/permissions/index.ts';
import { writeTree } from '../support/testdir.ts';

/** A real temp folder: a workspace with a secret, a config dir, and room for hook scripts. */
export function hookFixture(): { root: string; ws: string; cfg: string; scripts: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wren-hooks-')));
  writeTree(root, { 'ws/src/a.ts': 'export {}', 'ws/secret/key.txt': 'k', 'cfg/': '', 'scripts/': '' });
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return { root, ws: join(root, 'ws'), cfg: join(root, 'cfg'), scripts: join(root, 'scripts') };
}

/** Writes an executable bash script and returns the command that runs it. */
export function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Hooks in the config layer's merged shape, from the user layer by default. */
export function hooksConfig(
  events: Record<string, readonly { matcher?: string; commands: readonly (string | { command: string; timeout: number })[] }[]>,
  layer: 'user' | 'project' | 'local' | 'managed' = 'user',
): HooksConfig {
  const out: Record<string, HooksConfig[string]> = {};
  for (const [event, matchers] of Object.entries(events)) {
    out[event] = matchers.map((m) => ({
      ...(m.matcher !== undefined ? { matcher: m.matcher } : {}),
      hooks: m.commands.map((c) => (typeof c === 'string' ? { type: 'command' as const, command: c } : { type: 'command' as const, ...c })),
      source: { layer, file: `${layer}-settings.json` },
    }));
  }
  return out;
}

export function runnerFor(ws: string, hooks: HooksConfig, extra: Partial<HookRunnerOptions> = {}): HookRunner {
  return createHookRunner({
    settings: { trusted: true, projectRoot: ws, settings: { hooks } },
    sessionId: 'session-1',
    transcriptPath: join(ws, 'transcript.jsonl'),
    cwd: () => ws,
    env: { PATH: process.env['PATH'] },
    ...extra,
  });
}

/** The real permission engine over the workspace, with `[behavior, rule]` rules from user settings. */
export function engineFor(ws: string, cfg: string, rules: readonly (readonly [PermissionBehavior, string])[] = []): PermissionEngine {
  const parsed: PermissionRule[] = rules.map(([behavior, text], i) => {
    const r = parseRule(text);
    if (!r.ok) throw new Error(r.message);
    return { ...r.rule, behavior, source: { layer: 'user', file: 'settings.json', keyPath: `permissions.${behavior}[${i}]`, root: ws } };
  });
  return new PermissionEngine({
    cwd: ws,
    rules: parsed,
    protectedLocations: { configDir: cfg, managedSettingsPath: join(cfg, 'managed-settings.json') },
    home: cfg,
    caseInsensitive: false,
  });
}

export const readTool = { name: 'Read', inputSchema: z.strictObject({ file_path: z.string().min(1) }) };
export const editTool = { name: 'Edit', inputSchema: z.strictObject({ file_path: z.string().min(1), old_string: z.string(), new_string: z.string() }) };

/** Whether a process is still alive (zombies count as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return true;
  }
}
