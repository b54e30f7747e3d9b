import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PermissionBehavior, PermissionDecision, PermissionMode, PermissionRule, RuleSource } from '../../src/permissions/index.ts';
import { parseRule, PermissionEngine } from '../../src/permissions/index.ts';
import type { Tool, ToolContext } from '../../src/tools/tool.ts';
import { writeTree } from '../support/testdir.ts';
import { fakeBashAnalyser } from './fake-bash-analyser.ts';

/**
 * One real folder tree shared by the table's rows (read-only for them): a
 * workspace with secrets, symlinks in and out, a sibling whose name extends the
 * workspace's, an extra working directory, a fake home and config dir.
 */
export interface Fixture {
  readonly tmp: string;
  readonly ws: string;
  readonly home: string;
  readonly cfg: string;
  readonly extra: string;
  cleanup(): void;
}

export function createFixture(): Fixture {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'wren-perm-')));
  writeTree(tmp, {
    'ws/src/a.ts': 'export {}',
    'ws/src/sub/b.ts': 'export {}',
    'ws/secrets/key.txt': 'k',
    'ws/docs/readme.md': '#',
    'ws/.env': 'A=1',
    'ws/nested/.env': 'B=1',
    'ws/.wren/settings.json': '{}',
    'ws/.mcp.json': '{}',
    'ws/.git/config': '[core]\n',
    'ws/.git/hooks/pre-commit.sample': '#!/bin/sh\n',
    'ws/gitlink': { symlink: '.git' },
    'ws/deeplink': { symlink: 'src/sub' },
    'ws/notebook.ipynb': '{}',
    'ws/link-to-secrets': { symlink: 'secrets' },
    'ws/link-out': { symlink: '../outside' },
    'ws/linked-src': { symlink: 'src' },
    'ws/dangling': { symlink: '../outside/new.txt' },
    'ws/vaultlink': { symlink: '../vault' },
    'ws/src/up': { symlink: '../../outside' },
    'ws/cfglink': { symlink: '.wren' },
    'ws/usercfg': { symlink: '../cfg' },
    'outside/file.txt': 'o',
    'vault/x.txt': 'v',
    'ws-evil/file.txt': 'e',
    'extra/e.txt': 'e',
    'extra-evil/e.txt': 'e',
    'home/x/notes.txt': 'n',
    'home/.ssh/id_rsa': 'r',
    'cfg/settings.json': '{}',
    'etc-wren/managed-settings.json': '{}',
  });
  return {
    tmp,
    ws: join(tmp, 'ws'),
    home: join(tmp, 'home'),
    cfg: join(tmp, 'cfg'),
    extra: join(tmp, 'extra'),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** `[behavior, rule text, layer?]` */
export type RuleSpec = readonly [PermissionBehavior, string, RuleSource['layer']?];

export function rulesFrom(specs: readonly RuleSpec[], root: string): PermissionRule[] {
  return specs.map(([behavior, text, layer = 'user'], index) => {
    const parsed = parseRule(text);
    if (!parsed.ok) throw new Error(`test rule ${text} is invalid: ${parsed.message}`);
    return { ...parsed.rule, behavior, source: { layer, file: `${layer}.json`, keyPath: `permissions.${behavior}[${index}]`, root } };
  });
}

const READ_ONLY_TOOLS = new Set(['Read', 'Glob', 'Grep', 'LS', 'WebFetch', 'WebSearch', 'ExitPlanMode', 'Lookup']);

/** A tool with the given read-only answer and own verdict (allow: no objection). */
export function fakeTool(name: string, options: { readOnly?: boolean; own?: PermissionBehavior } = {}): Tool {
  return {
    name,
    description: name,
    inputSchema: undefined as never,
    isReadOnly: () => options.readOnly ?? READ_ONLY_TOOLS.has(name),
    isConcurrencySafe: () => true,
    async checkPermissions(): Promise<PermissionDecision> {
      return { behavior: options.own ?? 'allow', reason: `${name}'s own check`, source: name };
    },
    // eslint-disable-next-line require-yield
    async *call() {
      throw new Error('not called in permission tests');
    },
    toModelContent: () => '',
  };
}

export function toolContext(cwd: string): ToolContext {
  return {
    cwd,
    signal: new AbortController().signal,
    additionalDirectories: [],
    readFiles: new Map(),
    now: () => 0,
    env: {},
  };
}

/** One row of the engine table. `$WS`, `$TMP`, `$HOME`, `$CFG` in inputs are replaced with fixture paths. */
export interface EngineRow {
  readonly name: string;
  readonly tool: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly rules?: readonly RuleSpec[];
  readonly mode?: PermissionMode;
  readonly bypassDisabled?: boolean;
  readonly additional?: readonly string[];
  readonly readOnly?: boolean;
  readonly own?: PermissionBehavior;
  readonly extra?: readonly PermissionBehavior[];
  readonly child?: { readonly rules?: readonly RuleSpec[]; readonly mode?: PermissionMode; readonly tools?: readonly string[] };
  /** Remove the Bash analyser (fail-closed case). */
  readonly noAnalyser?: boolean;
  /** Use the real Bash analyser (src/permissions/bash) instead of the small stand-in. */
  readonly realBash?: boolean;
  /** The ToolContext's cwd (the live session cwd, which a Bash `cd` moves). @default '$WS' */
  readonly cwd?: string;
  readonly expect: PermissionBehavior;
}

export function substitute(value: unknown, f: Fixture): unknown {
  if (typeof value === 'string') return value.replaceAll('$WS', f.ws).replaceAll('$TMP', f.tmp).replaceAll('$HOME', f.home).replaceAll('$CFG', f.cfg);
  if (Array.isArray(value)) return value.map((v) => substitute(v, f));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, f)]));
  return value;
}

export async function runRow(row: EngineRow, f: Fixture): Promise<PermissionDecision> {
  const sub = <T>(v: T) => substitute(v, f) as T;
  const engine = new PermissionEngine({
    cwd: f.ws,
    additionalDirectories: sub(row.additional ?? []),
    mode: row.mode ?? 'default',
    rules: rulesFrom(sub(row.rules ?? []), f.ws),
    bypassDisabled: row.bypassDisabled ?? false,
    protectedLocations: { configDir: f.cfg, managedSettingsPath: join(f.tmp, 'etc-wren', 'managed-settings.json') },
    ...(row.realBash ? {} : { bash: row.noAnalyser ? null : fakeBashAnalyser() }),
    home: f.home,
    caseInsensitive: false,
  });
  const gate = row.child
    ? engine.child({
        ...(row.child.rules ? { rules: rulesFrom(sub(row.child.rules), f.ws).map((r) => ({ ...r, source: { ...r.source, layer: 'subagent' as const } })) } : {}),
        ...(row.child.mode ? { mode: row.child.mode } : {}),
        ...(row.child.tools ? { tools: row.child.tools } : {}),
      })
    : engine;
  const tool = fakeTool(row.tool, { ...(row.readOnly !== undefined ? { readOnly: row.readOnly } : {}), ...(row.own ? { own: row.own } : {}) });
  const extra = (row.extra ?? []).map((behavior) => ({ behavior, reason: `hook says ${behavior}`, source: 'hook' }));
  return gate.decide(row.tool, sub(row.input), tool, toolContext(sub(row.cwd ?? '$WS')), { extra });
}
