/**
 * Which built-in tools touch files, and how. Rules are written against a
 * family, as Claude Code users write them: an `Edit(...)` rule covers every
 * tool that edits files, a `Read(...)` rule every tool that reads them.
 */
export type FileFamily = 'read' | 'edit';

interface FileToolSpec {
  readonly family: FileFamily;
  /** Input keys holding the path, first present wins. */
  readonly pathKeys: readonly string[];
  /** With no path in the input, the tool works on the cwd (Glob, Grep, LS). */
  readonly defaultsToCwd: boolean;
}

const FILE_TOOLS: Readonly<Record<string, FileToolSpec>> = {
  Read: { family: 'read', pathKeys: ['file_path', 'path'], defaultsToCwd: false },
  Glob: { family: 'read', pathKeys: ['path'], defaultsToCwd: true },
  Grep: { family: 'read', pathKeys: ['path'], defaultsToCwd: true },
  LS: { family: 'read', pathKeys: ['path'], defaultsToCwd: true },
  Edit: { family: 'edit', pathKeys: ['file_path', 'path'], defaultsToCwd: false },
  Write: { family: 'edit', pathKeys: ['file_path', 'path'], defaultsToCwd: false },
  NotebookEdit: { family: 'edit', pathKeys: ['notebook_path', 'file_path'], defaultsToCwd: false },
};

/** The family a file tool belongs to, or undefined for other tools. */
export function fileFamilyOf(toolName: string): FileFamily | undefined {
  return Object.hasOwn(FILE_TOOLS, toolName) ? FILE_TOOLS[toolName]!.family : undefined;
}

/**
 * The path a file tool's input names, or '.' for a directory tool given none.
 * Undefined when the input has no usable path (the engine then fails closed).
 */
export function filePathOf(toolName: string, input: unknown): string | undefined {
  const spec = Object.hasOwn(FILE_TOOLS, toolName) ? FILE_TOOLS[toolName] : undefined;
  if (!spec) return undefined;
  if (typeof input === 'object' && input !== null) {
    for (const key of spec.pathKeys) {
      const value = (input as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  // An absolute Glob pattern reaches wherever its literal prefix points.
  if (toolName === 'Glob' && typeof input === 'object' && input !== null) {
    const pattern = (input as Record<string, unknown>)['pattern'];
    if (typeof pattern === 'string' && (pattern.startsWith('/') || pattern.startsWith('~/'))) return literalPrefix(pattern);
  }
  return spec.defaultsToCwd ? '.' : undefined;
}

/** The leading segments of a glob that hold no glob syntax (`/etc/*.conf` -> `/etc`). */
export function literalPrefix(pattern: string): string {
  const parts = pattern.split('/');
  const literal: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}!()\\]/.test(part)) break;
    literal.push(part);
  }
  const joined = literal.join('/');
  return joined === '' ? '/' : joined;
}

/** Tools whose reach is the network or another process: never auto-allowed for being read-only. */
export function reachesOutside(toolName: string): boolean {
  return toolName === 'WebFetch' || toolName === 'WebSearch' || toolName.startsWith('mcp__');
}
