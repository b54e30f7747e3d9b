/** One listed entry; `path` is relative to the listed folder, `/`-separated. */
export interface TreeEntry {
  readonly path: string;
  readonly isDir: boolean;
}

interface Node {
  readonly children: Map<string, Node>;
  isDir: boolean;
}

/**
 * An indented tree, folders with a trailing slash, names sorted:
 *   - /repo/
 *     - src/
 *       - a.ts
 */
export function renderTree(root: string, entries: readonly TreeEntry[]): string {
  const top: Node = { children: new Map(), isDir: true };
  for (const entry of entries) {
    let node = top;
    for (const part of entry.path.split('/')) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map(), isDir: true };
        node.children.set(part, child);
      }
      node = child;
    }
    node.isDir = entry.isDir;
  }
  const lines = [`- ${root.endsWith('/') ? root : `${root}/`}`];
  const walk = (node: Node, depth: number) => {
    const names = [...node.children.keys()].sort();
    for (const name of names) {
      const child = node.children.get(name)!;
      lines.push(`${'  '.repeat(depth)}- ${name}${child.isDir ? '/' : ''}`);
      walk(child, depth + 1);
    }
  };
  walk(top, 1);
  return lines.join('\n');
}
