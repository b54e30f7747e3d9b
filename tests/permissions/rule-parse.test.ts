import { describe, expect, it } from 'vitest';
import { parseRule, splitRuleList, type RuleMatcher } from '../../src/permissions/index.ts';

/** Rule syntax: what each text parses to, or that it is refused (with a message that says why). */
const VALID: readonly (readonly [string, string, RuleMatcher])[] = [
  ['Bash', 'Bash', { kind: 'tool' }],
  ['  Bash  ', 'Bash', { kind: 'tool' }],
  ['Bash(*)', 'Bash', { kind: 'tool' }],
  ['Bash(npm test:*)', 'Bash', { kind: 'bash', specifier: 'npm test:*' }],
  ['Bash(git status)', 'Bash', { kind: 'bash', specifier: 'git status' }],
  ['Bash(echo (a))', 'Bash', { kind: 'bash', specifier: 'echo (a)' }],
  ['Read', 'Read', { kind: 'tool' }],
  ['Read(./src/**)', 'Read', { kind: 'path', family: 'read', pattern: './src/**' }],
  ['Read(~/x/**)', 'Read', { kind: 'path', family: 'read', pattern: '~/x/**' }],
  ['Read(.env)', 'Read', { kind: 'path', family: 'read', pattern: '.env' }],
  ['Grep(./src/**)', 'Grep', { kind: 'path', family: 'read', pattern: './src/**' }],
  ['Edit(/abs/**)', 'Edit', { kind: 'path', family: 'edit', pattern: '/abs/**' }],
  ['Edit(//etc/hosts)', 'Edit', { kind: 'path', family: 'edit', pattern: '//etc/hosts' }],
  ['Write(./out/**)', 'Write', { kind: 'path', family: 'edit', pattern: './out/**' }],
  ['NotebookEdit(*.ipynb)', 'NotebookEdit', { kind: 'path', family: 'edit', pattern: '*.ipynb' }],
  ['WebFetch(domain:example.com)', 'WebFetch', { kind: 'domain', domain: 'example.com' }],
  ['WebFetch(domain:Example.COM.)', 'WebFetch', { kind: 'domain', domain: 'example.com' }],
  ['WebFetch(domain:127.0.0.1)', 'WebFetch', { kind: 'domain', domain: '127.0.0.1' }],
  ['WebFetch', 'WebFetch', { kind: 'tool' }],
  ['mcp__github', 'mcp__github', { kind: 'mcp', server: 'github' }],
  ['mcp__github__*', 'mcp__github__*', { kind: 'mcp', server: 'github' }],
  ['mcp__github__create_issue', 'mcp__github__create_issue', { kind: 'mcp', server: 'github', tool: 'create_issue' }],
  ['mcp__my-server__do_it', 'mcp__my-server__do_it', { kind: 'mcp', server: 'my-server', tool: 'do_it' }],
  ['WebSearch', 'WebSearch', { kind: 'tool' }],
  ['TodoWrite', 'TodoWrite', { kind: 'tool' }],
];

const INVALID: readonly (readonly [string, RegExp])[] = [
  ['', /empty/],
  ['   ', /empty/],
  ['Bash(', /must end with "\)"/],
  ['Bash)', /unbalanced/],
  ['Bash()', /empty specifier/],
  ['Bash(  )', /empty specifier/],
  ['(npm test)', /not a tool name/],
  ['Ba sh', /not a tool name/],
  ['1Bash', /not a tool name/],
  ['Read(!./src/**)', /negated/],
  ['Read(~root/x)', /only "~\/"/],
  ['Edit(//)', /names no path/],
  ['WebFetch(example.com)', /domain:/],
  ['WebFetch(domain:)', /not a host name/],
  ['WebFetch(domain:*.example.com)', /already covers every subdomain/],
  ['WebFetch(domain:https://example.com)', /not a host name/],
  ['WebFetch(domain:example.com/path)', /not a host name/],
  ['WebFetch(domain:example.com:443)', /not a host name/],
  ['WebFetch(domain:-bad.com)', /not a host name/],
  ['mcp__', /mcp__server/],
  ['mcp__github__', /mcp__server/],
  ['mcp__github(x)', /MCP rules take no specifier/],
  ['WebSearch(query)', /take no specifier/],
  ['TodoWrite(x)', /take no specifier/],
  ['Bash(git commit -m "wip)', /unclosed quote/],
  ['Bash(:*)', /empty/],
];

describe('parseRule: valid', () => {
  it.each(VALID)('%s', (text, toolName, matcher) => {
    const result = parseRule(text);
    expect(result).toEqual({ ok: true, rule: { text: text.trim(), toolName, matcher } });
  });
});

describe('parseRule: invalid, with a reason', () => {
  it.each(INVALID)('%j', (text, message) => {
    const result = parseRule(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('splitRuleList (--allowedTools values)', () => {
  it.each([
    ['Read,Edit', ['Read', 'Edit']],
    ['Read Edit', ['Read', 'Edit']],
    ['Bash(git commit -m x),Read', ['Bash(git commit -m x)', 'Read']],
    ['  Bash(npm test:*)  WebFetch(domain:a.com) ', ['Bash(npm test:*)', 'WebFetch(domain:a.com)']],
    ['', []],
  ] as const)('%j', (value, expected) => {
    expect(splitRuleList(value)).toEqual(expected);
  });
});
