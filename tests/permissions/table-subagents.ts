import type { EngineRow } from './engine-fixture.ts';

const file = (file_path: string) => ({ file_path });
const bash = (command: string) => ({ command });

/** A subagent's gate is a subset of its parent's: it can add denies and asks, never loosen. */
export const SUBAGENT_ROWS: readonly EngineRow[] = [
  { name: 'child: inherits a parent allow', tool: 'Bash', input: bash('npm test'), rules: [['allow', 'Bash(npm test:*)']], child: {}, expect: 'allow' },
  { name: 'child: inherits a parent deny', tool: 'Bash', input: bash('rm x'), rules: [['deny', 'Bash(rm:*)']], child: {}, expect: 'deny' },
  { name: 'child: its deny narrows a parent allow', tool: 'Bash', input: bash('npm test'), rules: [['allow', 'Bash(npm test:*)']], child: { rules: [['deny', 'Bash(npm test:*)']] }, expect: 'deny' },
  { name: 'child: its ask narrows a parent allow', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit']], child: { rules: [['ask', 'Edit']] }, expect: 'ask' },
  { name: 'child: its allow cannot loosen a parent ask (no rule)', tool: 'Edit', input: file('$WS/src/a.ts'), child: { rules: [['allow', 'Edit']] }, expect: 'ask' },
  { name: 'child: its allow cannot loosen a parent ask rule', tool: 'Bash', input: bash('git push'), rules: [['ask', 'Bash(git push:*)']], child: { rules: [['allow', 'Bash(git push:*)']] }, expect: 'ask' },
  { name: 'child: its allow cannot loosen a parent deny', tool: 'Read', input: file('$WS/secrets/key.txt'), rules: [['deny', 'Read(./secrets/**)']], child: { rules: [['allow', 'Read']] }, expect: 'deny' },
  { name: 'child: its allow cannot loosen a parent domain deny', tool: 'WebFetch', input: { url: 'https://evil.net' }, rules: [['deny', 'WebFetch(domain:evil.net)']], child: { rules: [['allow', 'WebFetch']] }, expect: 'deny' },
  { name: 'child: its allow cannot open an MCP tool', tool: 'mcp__db__drop', input: {}, child: { rules: [['allow', 'mcp__db']] }, expect: 'ask' },
  { name: 'child: a tool outside its tool list is denied', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit']], child: { tools: ['Read', 'Grep'] }, expect: 'deny' },
  { name: 'child: a tool outside its list is denied even in parent bypass', tool: 'Bash', input: bash('ls'), mode: 'bypassPermissions', child: { tools: ['Read'] }, expect: 'deny' },
  { name: 'child: a tool in its list keeps the parent verdict', tool: 'Read', input: file('$WS/src/a.ts'), child: { tools: ['Read'] }, expect: 'allow' },
  { name: 'child: an mcp__server entry covers that server', tool: 'mcp__gh__list', input: {}, rules: [['allow', 'mcp__gh']], child: { tools: ['mcp__gh'] }, expect: 'allow' },
  { name: 'child: an mcp__server entry does not cover another server', tool: 'mcp__fs__read', input: {}, rules: [['allow', 'mcp__fs']], child: { tools: ['mcp__gh'] }, expect: 'deny' },
  { name: 'child: cannot request bypass under a default parent', tool: 'Edit', input: file('$TMP/outside/file.txt'), child: { mode: 'bypassPermissions' }, expect: 'ask' },
  { name: 'child: cannot request acceptEdits under a default parent', tool: 'Edit', input: file('$WS/src/a.ts'), child: { mode: 'acceptEdits' }, expect: 'ask' },
  { name: 'child: a stricter mode than an acceptEdits parent holds', tool: 'Edit', input: file('$WS/src/a.ts'), mode: 'acceptEdits', child: { mode: 'default' }, expect: 'ask' },
  { name: 'child: a stricter mode than a bypass parent holds', tool: 'Bash', input: bash('make'), mode: 'bypassPermissions', child: { mode: 'default' }, expect: 'ask' },
  { name: 'child: plan under an acceptEdits parent denies edits', tool: 'Edit', input: file('$WS/src/a.ts'), mode: 'acceptEdits', child: { mode: 'plan' }, expect: 'deny' },
  { name: 'child: inherits the parent acceptEdits by default', tool: 'Edit', input: file('$WS/src/a.ts'), mode: 'acceptEdits', child: {}, expect: 'allow' },
  { name: 'child: inherits the parent plan mode', tool: 'Write', input: file('$WS/src/a.ts'), mode: 'plan', child: {}, expect: 'deny' },
  { name: "child: the parent's protected files stay protected", tool: 'Write', input: file('$WS/.wren/settings.json'), mode: 'bypassPermissions', child: {}, expect: 'ask' },
  { name: 'child: a hook allow cannot beat its deny', tool: 'Bash', input: bash('curl x'), rules: [['allow', 'Bash']], child: { rules: [['deny', 'Bash(curl:*)']] }, extra: ['allow'], expect: 'deny' },
];
