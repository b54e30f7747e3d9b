import { parseBashRule } from './bash/index.ts';
import type { PermissionBehavior } from './decision.ts';
import { fileFamilyOf, type FileFamily } from './tool-families.ts';

/** What a rule matches, decided once when its text is parsed. */
export type RuleMatcher =
  /** The whole tool (`Bash`, `Read`, `Bash(*)`); file tools match their whole family. */
  | { readonly kind: 'tool' }
  /** A Bash specifier (`npm test:*`, `git status`), judged by the Bash analyser. */
  | { readonly kind: 'bash'; readonly specifier: string }
  /** A gitignore-style path pattern for a file family (`./src/**`, `//etc/**`, `~/x/**`). */
  | { readonly kind: 'path'; readonly family: FileFamily; readonly pattern: string }
  /** A host and all its subdomains (`domain:example.com`). */
  | { readonly kind: 'domain'; readonly domain: string }
  /** An MCP server (`mcp__server`) or one of its tools (`mcp__server__tool`). */
  | { readonly kind: 'mcp'; readonly server: string; readonly tool?: string };

/** A rule's text, parsed. */
export interface ParsedRule {
  /** The rule as written, trimmed. */
  readonly text: string;
  readonly toolName: string;
  readonly matcher: RuleMatcher;
}

/** Where a rule came from: enough to name it in a prompt and to resolve its relative paths. */
export interface RuleSource {
  /** managed, cli, local, project, user; session for answers given in this session; subagent for a child's own rules. */
  readonly layer: 'managed' | 'cli' | 'local' | 'project' | 'user' | 'session' | 'subagent';
  /** The settings file (or `--allowedTools`, ...) that holds the rule. */
  readonly file?: string;
  /** Key path inside that file (`permissions.allow[2]`). */
  readonly keyPath?: string;
  /** Directory that relative path patterns (`./x`, `/x`, `x`) are resolved against. */
  readonly root: string;
}

/** A parsed rule with its behavior and origin: what the engine works with. */
export interface PermissionRule extends ParsedRule {
  readonly behavior: PermissionBehavior;
  readonly source: RuleSource;
}

export type RuleParseResult = { readonly ok: true; readonly rule: ParsedRule } | { readonly ok: false; readonly message: string };

const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Parses `Tool` or `Tool(specifier)`. Never throws: an invalid rule comes back
 * with a message that says how to write it, so settings can report it.
 */
export function parseRule(raw: string): RuleParseResult {
  const text = raw.trim();
  if (text === '') return fail('a rule cannot be empty');
  const open = text.indexOf('(');
  if (open === -1) {
    if (text.includes(')')) return fail(`unbalanced ")" in rule "${text}"`);
    return nameOnly(text);
  }
  if (!text.endsWith(')')) return fail(`rule "${text}" must end with ")": write Tool(specifier)`);
  const toolName = text.slice(0, open).trim();
  const specifier = text.slice(open + 1, -1).trim();
  if (specifier === '') return fail(`rule "${text}" has an empty specifier: write ${toolName || 'Tool'} for the whole tool`);
  const named = nameOnly(toolName);
  if (!named.ok) return named;
  // `Tool(*)` is the whole tool, as people write it.
  if (specifier === '*') return named.ok ? ok(text, named.rule.toolName, named.rule.matcher) : named;
  if (toolName.startsWith('mcp__')) return fail(`MCP rules take no specifier: write mcp__server or mcp__server__tool, not "${text}"`);
  if (toolName === 'Bash') {
    // The analyser owns the specifier syntax; a rule it cannot read is reported here, once.
    const bash = parseBashRule(specifier);
    return bash.kind === 'invalid' ? fail(`${bash.error ?? 'invalid Bash specifier'} in rule "${text}"`) : ok(text, toolName, { kind: 'bash', specifier });
  }
  const family = fileFamilyOf(toolName);
  if (family) {
    const problem = pathPatternProblem(specifier);
    return problem ? fail(`${problem} in rule "${text}"`) : ok(text, toolName, { kind: 'path', family, pattern: specifier });
  }
  if (toolName === 'WebFetch') {
    const domain = parseDomainSpecifier(specifier);
    return typeof domain === 'string' ? ok(text, toolName, { kind: 'domain', domain }) : fail(`${domain.message} in rule "${text}"`);
  }
  return fail(`${toolName} rules take no specifier ("${text}"): write ${toolName} for the whole tool`);
}

function nameOnly(name: string): RuleParseResult {
  // `mcp__server__*` is the whole server, as Claude Code users write it.
  if (name.startsWith('mcp__') && name.endsWith('__*')) {
    const server = nameOnly(name.slice(0, -3));
    return server.ok && server.rule.matcher.kind === 'mcp' && server.rule.matcher.tool === undefined ? ok(name, name, server.rule.matcher) : fail(`"${name}" must be mcp__server__*`);
  }
  if (!TOOL_NAME.test(name)) return fail(`"${name}" is not a tool name (letters, digits, "_" and "-", starting with a letter)`);
  if (name.startsWith('mcp__')) {
    const rest = name.slice('mcp__'.length);
    const cut = rest.indexOf('__');
    const server = cut === -1 ? rest : rest.slice(0, cut);
    const tool = cut === -1 ? undefined : rest.slice(cut + 2);
    if (server === '' || tool === '') return fail(`"${name}" must be mcp__server or mcp__server__tool`);
    return ok(name, name, tool === undefined ? { kind: 'mcp', server } : { kind: 'mcp', server, tool });
  }
  return ok(name, name, { kind: 'tool' });
}

function pathPatternProblem(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return 'negated patterns ("!") are not rules: put the path in another list instead';
  if (pattern.startsWith('~') && pattern !== '~' && !pattern.startsWith('~/')) return 'only "~/" is expanded ("~user" is not)';
  if (pattern === '//') return '"//" alone names no path: write //** for the whole filesystem';
  if (pattern.includes('\0')) return 'a path cannot contain NUL';
  return undefined;
}

/** `domain:example.com` -> `example.com`, normalised; or why it is not a domain rule. */
function parseDomainSpecifier(specifier: string): string | { message: string } {
  if (!specifier.startsWith('domain:')) return { message: 'WebFetch rules are written WebFetch(domain:example.com)' };
  const host = specifier.slice('domain:'.length).trim().toLowerCase().replace(/\.$/, '');
  if (host.startsWith('*.')) return { message: `write domain:${host.slice(2)}: it already covers every subdomain` };
  const labels = host.split('.');
  if (host === '' || !labels.every((label) => HOST_LABEL.test(label))) {
    return { message: `"${host}" is not a host name (no scheme, port, path or wildcard)` };
  }
  return host;
}

function ok(text: string, toolName: string, matcher: RuleMatcher): RuleParseResult {
  return { ok: true, rule: { text, toolName, matcher } };
}

function fail(message: string): RuleParseResult {
  return { ok: false, message };
}

/**
 * Splits a `--allowedTools` / `--disallowedTools` value into rules: entries are
 * separated by commas or whitespace outside parentheses, so
 * `"Bash(git commit -m x),Read Edit"` gives three rules.
 */
export function splitRuleList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (current.trim() !== '') out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}
