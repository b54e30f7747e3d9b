/**
 * A strict reader for the front matter of agent files: the small subset of
 * YAML that agent files use, and nothing else.
 *
 * ```md
 * ---
 * name: reviewer
 * description: "Reviews a diff: correctness first"
 * tools: Read, Grep, Glob
 * ---
 * You review code...
 * ```
 *
 * Accepted: `key: value` lines (plain, "double-quoted" or 'single-quoted'
 * scalars), a flow list `[a, b]`, a block list (`key:` then indented `- item`
 * lines), blank lines and `#` comments. Anything else (block scalars `|` `>`,
 * anchors, tags, nested maps, duplicate keys, tabs) is an error: an agent
 * file we cannot read exactly is refused, never half-understood.
 */

/** One front-matter value: a scalar, or a list of scalars. */
export type FrontMatterValue = string | readonly string[];

export type FrontMatterResult =
  | { readonly ok: true; readonly fields: ReadonlyMap<string, FrontMatterValue>; readonly body: string }
  | { readonly ok: false; readonly message: string };

const KEY = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ ]+(.*))?$/;
const LIST_ITEM = /^[ ]+-[ ]+(.*)$/;
/** Characters a plain YAML scalar may not start with (indicators of syntax we do not read). */
const UNSAFE_START = /^[|>&*!%@`{}]/;

/** Splits `text` into its front matter fields and its body. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return fail('the file must start with a "---" line (front matter with name and description)');
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close === -1) return fail('the front matter has no closing "---" line');
  const fields = new Map<string, FrontMatterValue>();
  let openList: { key: string; items: string[] } | undefined;
  for (let i = 1; i < close; i++) {
    const line = lines[i]!;
    const where = `line ${i + 1}`;
    if (line.includes('\t')) return fail(`${where}: tabs are not allowed in front matter`);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = LIST_ITEM.exec(line);
    if (item) {
      if (!openList) return fail(`${where}: a list item must follow a "key:" line with no value`);
      const value = scalar(item[1]!);
      if (!value.ok) return fail(`${where}: ${value.message}`);
      openList.items.push(value.value);
      continue;
    }
    if (line.startsWith(' ')) return fail(`${where}: unexpected indentation (nested values are not supported)`);
    if (openList) {
      const closed = closeList(openList);
      if (typeof closed === 'string') return fail(closed);
      fields.set(openList.key, closed);
      openList = undefined;
    }
    const match = KEY.exec(line);
    if (!match) return fail(`${where}: expected "key: value", got ${JSON.stringify(line)}`);
    const key = match[1]!;
    if (fields.has(key)) return fail(`${where}: "${key}" is given twice`);
    const raw = stripComment(match[2] ?? '');
    if (raw === '') {
      openList = { key, items: [] };
      continue;
    }
    const value = raw.startsWith('[') ? flowList(raw) : scalar(raw);
    if (!value.ok) return fail(`${where}: ${key}: ${value.message}`);
    fields.set(key, value.value);
  }
  if (openList) {
    const closed = closeList(openList);
    if (typeof closed === 'string') return fail(closed);
    fields.set(openList.key, closed);
  }
  return { ok: true, fields, body: lines.slice(close + 1).join('\n').trim() };
}

/** A `key:` with no value must have list items: YAML would read it as null, which no field accepts. */
function closeList(list: { key: string; items: string[] }): readonly string[] | string {
  return list.items.length ? list.items : `"${list.key}" has no value (use [] for an empty list)`;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function scalar(raw: string): Parsed<string> {
  const text = stripComment(raw);
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) return { ok: false, message: 'unterminated double-quoted string' };
    // A double-quoted YAML scalar with the escapes JSON shares; anything else is refused.
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' ? { ok: true, value } : { ok: false, message: 'invalid double-quoted string' };
    } catch {
      return { ok: false, message: 'invalid double-quoted string (use JSON-style escapes)' };
    }
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) return { ok: false, message: 'unterminated single-quoted string' };
    const inner = text.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ''))) return { ok: false, message: "a single quote inside '...' must be doubled ('')" };
    return { ok: true, value: inner.replace(/''/g, "'") };
  }
  if (UNSAFE_START.test(text)) return { ok: false, message: `unsupported YAML syntax ${JSON.stringify(text.slice(0, 20))} (block scalars, anchors, tags and maps are not read; quote the value)` };
  if (text.startsWith('[') || text.startsWith('- ')) return { ok: false, message: 'a list is not allowed here' };
  return { ok: true, value: text };
}

function flowList(raw: string): Parsed<readonly string[]> {
  if (!raw.endsWith(']')) return { ok: false, message: 'unterminated list' };
  const inner = raw.slice(1, -1).trim();
  if (inner === '') return { ok: true, value: [] };
  if (/[[\]{}"']/.test(inner)) return { ok: false, message: 'list items must be plain names' };
  const items = inner.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) return { ok: false, message: 'empty list item' };
  return { ok: true, value: items };
}

/** YAML comments start at a `#` after whitespace, outside quotes. */
function stripComment(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('"') || text.startsWith("'")) {
    const quote = text[0]!;
    let i = 1;
    while (i < text.length) {
      if (quote === '"' && text[i] === '\\') i += 2;
      else if (quote === "'" && text[i] === "'" && text[i + 1] === "'") i += 2;
      else if (text[i] === quote) break;
      else i++;
    }
    const rest = text.slice(i + 1).trim();
    return rest === '' || rest.startsWith('#') ? text.slice(0, i + 1) : text;
  }
  const hash = text.search(/\s#/);
  return hash === -1 ? text : text.slice(0, hash).trim();
}

function fail(message: string): FrontMatterResult {
  return { ok: false, message };
}
