import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpServerEntry } from '../../../src/config/index.ts';
import type { ToolContext } from '../../../src/tools/tool.ts';

export { alive } from '../../hooks/hook-support.ts';

export const STDIO_SERVER = fileURLToPath(new URL('./fixtures/stdio-server.ts', import.meta.url));

/** A temp folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wren-mcp-')));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A `.mcp.json` stdio entry for the test server, writing its canary under `dir`. */
export function stdioEntry(dir: string, name: string, options: { approved?: boolean; env?: Record<string, string> } = {}): McpServerEntry {
  return {
    name,
    file: join(dir, '.mcp.json'),
    approved: options.approved ?? true,
    config: { command: process.execPath, args: [STDIO_SERVER], env: { MCP_CANARY: canaryOf(dir, name), MCP_NOTES: join(dir, `${name}.notes`), ...options.env } },
  };
}

export function canaryOf(dir: string, name: string): string {
  return join(dir, `${name}.started`);
}

export function started(dir: string, name: string): boolean {
  return existsSync(canaryOf(dir, name));
}

export function serverPid(dir: string, name: string): number {
  return Number(readFileSync(canaryOf(dir, name), 'utf8'));
}

export function context(cwd: string, signal: AbortSignal = new AbortController().signal): ToolContext {
  return { cwd, signal, additionalDirectories: [], readFiles: new Map(), now: () => Date.now(), env: process.env };
}

/** Waits (bounded) for a file another process writes. */
export async function waitForFile(path: string, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return existsSync(path);
}
