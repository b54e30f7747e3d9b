import type { EngineRow } from './engine-fixture.ts';

const fetch = (url: string) => ({ url });
const bash = (command: string) => ({ command });
const file = (file_path: string) => ({ file_path });
const EX = [['allow', 'WebFetch(domain:example.com)']] as const;

/** Domain rules: exact host or a subdomain, label-aligned, never a prefix. */
export const DOMAIN_ROWS: readonly EngineRow[] = [
  { name: 'domain: the host itself', tool: 'WebFetch', input: fetch('https://example.com/'), rules: EX, expect: 'allow' },
  { name: 'domain: a subdomain', tool: 'WebFetch', input: fetch('https://api.example.com/v1'), rules: EX, expect: 'allow' },
  { name: 'domain: a deep subdomain', tool: 'WebFetch', input: fetch('https://a.b.example.com/'), rules: EX, expect: 'allow' },
  { name: 'domain: example.com.evil.net is not example.com', tool: 'WebFetch', input: fetch('https://example.com.evil.net/'), rules: EX, expect: 'ask' },
  { name: 'domain: notexample.com is not example.com', tool: 'WebFetch', input: fetch('https://notexample.com/'), rules: EX, expect: 'ask' },
  { name: 'domain: example.co is not example.com', tool: 'WebFetch', input: fetch('https://example.co/'), rules: EX, expect: 'ask' },
  { name: 'domain: case does not matter', tool: 'WebFetch', input: fetch('https://EXAMPLE.com/'), rules: EX, expect: 'allow' },
  { name: 'domain: a port does not matter', tool: 'WebFetch', input: fetch('https://example.com:8443/'), rules: EX, expect: 'allow' },
  { name: 'domain: http too', tool: 'WebFetch', input: fetch('http://example.com/'), rules: EX, expect: 'allow' },
  { name: 'domain: a trailing dot is the same host', tool: 'WebFetch', input: fetch('https://example.com./'), rules: EX, expect: 'allow' },
  { name: 'domain: credentials naming the domain do not count', tool: 'WebFetch', input: fetch('https://example.com@evil.net/'), rules: EX, expect: 'ask' },
  { name: 'domain: the domain in the path does not count', tool: 'WebFetch', input: fetch('https://evil.net/example.com'), rules: EX, expect: 'ask' },
  { name: 'domain: the domain in the query does not count', tool: 'WebFetch', input: fetch('https://evil.net/?u=https://example.com'), rules: EX, expect: 'ask' },
  { name: 'domain: a non-http scheme asks', tool: 'WebFetch', input: fetch('file:///etc/passwd'), rules: EX, expect: 'ask' },
  { name: 'domain: an unparseable URL asks', tool: 'WebFetch', input: fetch('not a url'), rules: EX, expect: 'ask' },
  { name: 'domain: a missing URL asks', tool: 'WebFetch', input: {}, rules: EX, expect: 'ask' },
  { name: 'domain: deny a subdomain under an allowed domain', tool: 'WebFetch', input: fetch('https://uploads.example.com/'), rules: [...EX, ['deny', 'WebFetch(domain:uploads.example.com)']], expect: 'deny' },
  { name: 'domain: a sibling subdomain still allowed', tool: 'WebFetch', input: fetch('https://api.example.com/'), rules: [...EX, ['deny', 'WebFetch(domain:uploads.example.com)']], expect: 'allow' },
  { name: 'domain: deny the parent beats allow of a subdomain', tool: 'WebFetch', input: fetch('https://api.example.com/'), rules: [['allow', 'WebFetch(domain:api.example.com)'], ['deny', 'WebFetch(domain:example.com)']], expect: 'deny' },
  { name: 'domain: an IP rule matches the IP', tool: 'WebFetch', input: fetch('http://127.0.0.1:8080/'), rules: [['allow', 'WebFetch(domain:127.0.0.1)']], expect: 'allow' },
  { name: 'domain: an IP rule is not a suffix', tool: 'WebFetch', input: fetch('http://127.0.0.1.nip.io/'), rules: [['allow', 'WebFetch(domain:127.0.0.1)']], expect: 'ask' },
  { name: 'domain: an IP rule does not match another IP ending alike', tool: 'WebFetch', input: fetch('http://10.127.0.0.1/'), rules: [['allow', 'WebFetch(domain:0.0.1)']], expect: 'ask' },
  { name: 'domain: punycode hosts compare in ASCII form', tool: 'WebFetch', input: fetch('https://bücher.example/'), rules: [['allow', 'WebFetch(domain:xn--bcher-kva.example)']], expect: 'allow' },
  { name: 'domain: whole-tool WebFetch allow', tool: 'WebFetch', input: fetch('https://anything.org/'), rules: [['allow', 'WebFetch']], expect: 'allow' },
  { name: 'domain: whole-tool allow loses to a domain deny', tool: 'WebFetch', input: fetch('https://evil.net/'), rules: [['allow', 'WebFetch'], ['deny', 'WebFetch(domain:evil.net)']], expect: 'deny' },
  { name: 'domain: an ask rule asks', tool: 'WebFetch', input: fetch('https://example.com/'), rules: [...EX, ['ask', 'WebFetch(domain:example.com)']], expect: 'ask' },
];

/** MCP rules: a server, one tool, or the server wildcard. */
export const MCP_ROWS: readonly EngineRow[] = [
  { name: 'mcp: a server rule allows its tools', tool: 'mcp__github__create_issue', input: {}, rules: [['allow', 'mcp__github']], expect: 'allow' },
  { name: 'mcp: a server rule does not cover a server with a longer name', tool: 'mcp__githubx__create_issue', input: {}, rules: [['allow', 'mcp__github']], expect: 'ask' },
  { name: 'mcp: mcp__server__* is the server', tool: 'mcp__github__list', input: {}, rules: [['allow', 'mcp__github__*']], expect: 'allow' },
  { name: 'mcp: a tool rule allows that tool', tool: 'mcp__github__list', input: {}, rules: [['allow', 'mcp__github__list']], expect: 'allow' },
  { name: 'mcp: a tool rule does not allow another tool', tool: 'mcp__github__delete_repo', input: {}, rules: [['allow', 'mcp__github__list']], expect: 'ask' },
  { name: 'mcp: a tool rule does not allow a tool whose name extends it', tool: 'mcp__github__list_all', input: {}, rules: [['allow', 'mcp__github__list']], expect: 'ask' },
  { name: 'mcp: deny one tool of an allowed server', tool: 'mcp__github__delete_repo', input: {}, rules: [['allow', 'mcp__github'], ['deny', 'mcp__github__delete_repo']], expect: 'deny' },
  { name: 'mcp: the other tools stay allowed', tool: 'mcp__github__list', input: {}, rules: [['allow', 'mcp__github'], ['deny', 'mcp__github__delete_repo']], expect: 'allow' },
  { name: 'mcp: ask one tool of an allowed server', tool: 'mcp__github__merge', input: {}, rules: [['allow', 'mcp__github'], ['ask', 'mcp__github__merge']], expect: 'ask' },
  { name: 'mcp: deny a server beats a tool allow', tool: 'mcp__fs__read', input: {}, rules: [['allow', 'mcp__fs__read'], ['deny', 'mcp__fs']], expect: 'deny' },
  { name: 'mcp: another server is unaffected by a deny', tool: 'mcp__gh__read', input: {}, rules: [['deny', 'mcp__fs']], readOnly: true, expect: 'ask' },
  { name: 'mcp: read-only is not enough for an MCP tool', tool: 'mcp__fs__read', input: {}, readOnly: true, expect: 'ask' },
];

/** Bash rules reach the analyser; its verdict combines with everything else. */
export const BASH_ROWS: readonly EngineRow[] = [
  { name: 'bash: prefix rule allows the command', tool: 'Bash', input: bash('npm test'), rules: [['allow', 'Bash(npm test:*)']], expect: 'allow' },
  { name: 'bash: prefix rule allows arguments', tool: 'Bash', input: bash('npm test -- --watch'), rules: [['allow', 'Bash(npm test:*)']], expect: 'allow' },
  { name: 'bash: prefix rule is word-aligned', tool: 'Bash', input: bash('npm testx'), rules: [['allow', 'Bash(npm test:*)']], expect: 'ask' },
  { name: 'bash: prefix rule does not cover a chained command', tool: 'Bash', input: bash('npm test && rm -rf ~'), rules: [['allow', 'Bash(npm test:*)']], expect: 'ask' },
  { name: 'bash: prefix rule does not cover a piped command', tool: 'Bash', input: bash('npm test | sh'), rules: [['allow', 'Bash(npm test:*)']], expect: 'ask' },
  { name: 'bash: exact rule allows exactly', tool: 'Bash', input: bash('git status'), rules: [['allow', 'Bash(git status)']], expect: 'allow' },
  { name: 'bash: exact rule does not allow more arguments', tool: 'Bash', input: bash('git status --short'), rules: [['allow', 'Bash(git status)']], expect: 'ask' },
  { name: 'bash: deny prefix denies', tool: 'Bash', input: bash('rm -rf build'), rules: [['deny', 'Bash(rm:*)']], expect: 'deny' },
  { name: 'bash: deny prefix denies inside a chain', tool: 'Bash', input: bash('ls && rm -rf build'), rules: [['allow', 'Bash(ls:*)'], ['deny', 'Bash(rm:*)']], expect: 'deny' },
  { name: 'bash: ask prefix beats a broader allow', tool: 'Bash', input: bash('git push origin main'), rules: [['allow', 'Bash(git:*)'], ['ask', 'Bash(git push:*)']], expect: 'ask' },
  { name: 'bash: whole-tool allow allows an understood command', tool: 'Bash', input: bash('make build'), rules: [['allow', 'Bash']], expect: 'allow' },
  { name: 'bash: Bash(*) is the whole tool', tool: 'Bash', input: bash('make build'), rules: [['allow', 'Bash(*)']], expect: 'allow' },
  { name: 'bash: whole-tool allow still asks for what is not understood', tool: 'Bash', input: bash('echo `id`'), rules: [['allow', 'Bash']], expect: 'ask' },
  { name: 'bash: whole-tool allow loses to a deny specifier', tool: 'Bash', input: bash('rm -rf /'), rules: [['allow', 'Bash'], ['deny', 'Bash(rm:*)']], expect: 'deny' },
  { name: 'bash: whole-tool deny denies everything', tool: 'Bash', input: bash('ls'), rules: [['allow', 'Bash(ls:*)'], ['deny', 'Bash']], expect: 'deny' },
  { name: 'bash: whole-tool ask asks', tool: 'Bash', input: bash('ls'), rules: [['allow', 'Bash(ls:*)'], ['ask', 'Bash']], expect: 'ask' },
  { name: 'bash: substitution inside an allowed prefix asks', tool: 'Bash', input: bash('npm test $(curl evil)'), rules: [['allow', 'Bash(npm test:*)']], expect: 'ask' },
  { name: 'bash: no analyser means ask (fail closed)', tool: 'Bash', input: bash('ls'), rules: [['allow', 'Bash(ls:*)']], noAnalyser: true, expect: 'ask' },
  { name: 'bash: no analyser, deny rules still deny', tool: 'Bash', input: bash('rm x'), rules: [['deny', 'Bash']], noAnalyser: true, expect: 'deny' },
  { name: 'bash: a call without a command asks', tool: 'Bash', input: {}, rules: [['allow', 'Bash']], expect: 'ask' },
  { name: "bash: an allow rule settles the tool's own ask", tool: 'Bash', input: bash('npm test'), rules: [['allow', 'Bash(npm test:*)']], own: 'ask', expect: 'allow' },
  { name: "bash: the tool's own deny beats an allow rule", tool: 'Bash', input: bash('npm test'), rules: [['allow', 'Bash(npm test:*)']], own: 'deny', expect: 'deny' },
  { name: 'bash: allow from user and deny from project are both seen', tool: 'Bash', input: bash('curl x'), rules: [['allow', 'Bash(curl:*)', 'user'], ['deny', 'Bash(curl:*)', 'project']], expect: 'deny' },
];

/** Precedence across layers and sources: deny > ask > allow, wherever each comes from. */
export const PRECEDENCE_ROWS: readonly EngineRow[] = [
  { name: 'layers: user allow, project deny -> deny', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit', 'user'], ['deny', 'Edit(./src/**)', 'project']], expect: 'deny' },
  { name: 'layers: managed allow, user deny -> deny', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit', 'managed'], ['deny', 'Edit', 'user']], expect: 'deny' },
  { name: 'layers: cli allow, local deny -> deny', tool: 'WebSearch', input: {}, rules: [['allow', 'WebSearch', 'cli'], ['deny', 'WebSearch', 'local']], expect: 'deny' },
  { name: 'layers: project ask, cli allow -> ask', tool: 'Bash', input: bash('npm publish'), rules: [['ask', 'Bash(npm publish:*)', 'project'], ['allow', 'Bash(npm:*)', 'cli']], expect: 'ask' },
  { name: 'layers: session allow cannot beat a settings deny', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['deny', 'Edit(./src/**)', 'project'], ['allow', 'Edit(./src/a.ts)', 'session']], expect: 'deny' },
  { name: 'layers: session allow works where nothing objects', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit(./src/a.ts)', 'session']], expect: 'allow' },
  { name: 'layers: managed deny beats everything', tool: 'WebFetch', input: fetch('https://example.com'), rules: [['deny', 'WebFetch', 'managed'], ...EX], mode: 'bypassPermissions', expect: 'deny' },
  { name: 'layers: user allow alone allows', tool: 'WebSearch', input: {}, rules: [['allow', 'WebSearch', 'user']], expect: 'allow' },
  { name: 'layers: local ask alone asks even in acceptEdits', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['ask', 'Edit', 'local']], mode: 'acceptEdits', expect: 'ask' },
  { name: 'hooks: a hook allow cannot beat a deny rule', tool: 'Bash', input: bash('rm -rf x'), rules: [['deny', 'Bash(rm:*)']], extra: ['allow'], expect: 'deny' },
  { name: 'hooks: a hook allow cannot beat an ask rule', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['ask', 'Edit']], extra: ['allow'], expect: 'ask' },
  { name: 'hooks: a hook allow grants what nothing objects to', tool: 'Edit', input: file('$WS/src/a.ts'), extra: ['allow'], expect: 'allow' },
  { name: 'hooks: a hook deny beats an allow rule', tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit']], extra: ['deny'], expect: 'deny' },
  { name: 'hooks: a hook deny beats bypass', tool: 'Bash', input: bash('ls'), mode: 'bypassPermissions', extra: ['deny'], expect: 'deny' },
  { name: 'hooks: a hook ask beats acceptEdits', tool: 'Write', input: file('$WS/src/a.ts'), mode: 'acceptEdits', extra: ['ask'], expect: 'ask' },
  { name: 'hooks: allow and deny hooks together -> deny', tool: 'Read', input: file('$WS/src/a.ts'), extra: ['allow', 'deny'], expect: 'deny' },
  { name: "tool: its own deny beats an allow rule", tool: 'Edit', input: file('$WS/src/a.ts'), rules: [['allow', 'Edit']], own: 'deny', expect: 'deny' },
  { name: "tool: a read inside the workspace settles its own ask", tool: 'Read', input: file('$WS/src/a.ts'), own: 'ask', expect: 'allow' },
  { name: "tool: its own deny beats a read inside the workspace", tool: 'Read', input: file('$WS/src/a.ts'), own: 'deny', expect: 'deny' },
  { name: "tool: its own ask stands when nothing settles it", tool: 'Read', input: file('$TMP/outside/file.txt'), own: 'ask', expect: 'ask' },
  { name: "tool: its own allow grants nothing by itself", tool: 'Edit', input: file('$WS/src/a.ts'), own: 'allow', expect: 'ask' },
  { name: "tool: its own allow does not beat a deny rule", tool: 'Read', input: file('$WS/secrets/key.txt'), rules: [['deny', 'Read(./secrets/**)']], own: 'allow', expect: 'deny' },
];
