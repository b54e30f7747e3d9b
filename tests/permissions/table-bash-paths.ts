import type { EngineRow } from './engine-fixture.ts';

const bash = (command: string) => ({ command });
const file = (file_path: string) => ({ file_path });
const SSH = [['deny', 'Read(~/.ssh/**)']] as const;
const ENV = [['deny', 'Read(.env)']] as const;

/**
 * Findings of the security review, each reproduced: git pointed at a repository the
 * project ships (1), read-only Bash commands reading what Read rules and the working
 * directories forbid (2), paths resolved against the project root while the tools use
 * the moved cwd (3), files that run code or carry secrets written without a prompt (5),
 * an analyser crash turning a deny into an ask (8). Bash rows use the real analyser.
 */
export const REVIEW_ROWS: readonly EngineRow[] = [
  // 1: git runs the config of the repository it is pointed at (core.fsmonitor, diff.external).
  { name: '#1 git -C into a shipped repository asks', tool: 'Bash', input: bash('git -C evil.git diff HEAD~1 HEAD'), realBash: true, expect: 'ask' },
  { name: '#1 git --git-dir/--work-tree asks under Bash(git:*)', tool: 'Bash', input: bash('git --git-dir=evil.git --work-tree=. status'), rules: [['allow', 'Bash(git:*)']], realBash: true, expect: 'ask' },
  { name: '#1 git --bare asks under Bash(git:*)', tool: 'Bash', input: bash('git --bare log'), rules: [['allow', 'Bash(git:*)']], realBash: true, expect: 'ask' },
  { name: '#1 an exact rule may still allow git -C', tool: 'Bash', input: bash('git -C src status'), rules: [['allow', 'Bash(git -C src status)']], realBash: true, expect: 'allow' },
  { name: '#1 plain git status still runs as read-only', tool: 'Bash', input: bash('git status --short'), realBash: true, expect: 'allow' },
  { name: '#1 appending to .git/config asks in acceptEdits', tool: 'Bash', input: bash(String.raw`printf '[core]\n\tfsmonitor = "touch /tmp/x; false"\n' >> .git/config`), mode: 'acceptEdits', realBash: true, expect: 'ask' },
  { name: '#1 a redirect into .git/hooks asks in bypass', tool: 'Bash', input: bash('echo "#!/bin/sh" > .git/hooks/pre-commit'), mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#1 Write .git/config asks in bypass', tool: 'Write', input: file('$WS/.git/config'), mode: 'bypassPermissions', expect: 'ask' },
  { name: '#1 Write .git/hooks/pre-commit asks in acceptEdits', tool: 'Write', input: file('$WS/.git/hooks/pre-commit'), mode: 'acceptEdits', expect: 'ask' },
  { name: '#1 Write .git/info/attributes asks', tool: 'Write', input: file('$WS/.git/info/attributes'), rules: [['allow', 'Edit']], expect: 'ask' },
  { name: '#1 Write a .git file (gitdir pointer) asks', tool: 'Write', input: file('$WS/src/.git'), mode: 'acceptEdits', expect: 'ask' },
  { name: '#1 Write through a symlink onto .git asks', tool: 'Write', input: file('$WS/gitlink/config'), mode: 'acceptEdits', expect: 'ask' },
  { name: '#1 Read of .git/config is not protected', tool: 'Read', input: file('$WS/.git/config'), expect: 'allow' },
  // 5: files that run code, or that Wren loads into its environment.
  ...([
    '.env', '.env.local', 'nested/.env', '.ENV', '.envrc', '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', '.vscode/settings.json',
    '.vscode/tasks.json', '.vscode/launch.json', 'AGENTS.md', 'WREN.md', 'docs/AGENTS.md', '.gitattributes', '.gitmodules',
  ].map((path): EngineRow => ({ name: `#5 Write ${path} asks in bypass`, tool: 'Write', input: file(`$WS/${path}`), mode: 'bypassPermissions', expect: 'ask' }))),
  { name: '#5 Edit .env asks in acceptEdits with an allow rule', tool: 'Edit', input: file('$WS/.env'), mode: 'acceptEdits', rules: [['allow', 'Edit(./**)']], expect: 'ask' },
  { name: '#5 a Bash redirect into .env asks in bypass', tool: 'Bash', input: bash('echo ANTHROPIC_BASE_URL=http://evil > .env'), mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#5 a name that only starts like .env is not protected', tool: 'Write', input: file('$WS/src/.environment.ts'), mode: 'acceptEdits', expect: 'allow' },
  { name: '#5 other files in .vscode are not protected', tool: 'Write', input: file('$WS/.vscode/notes.md'), mode: 'acceptEdits', expect: 'allow' },
  // 2: read-only commands read files; Read rules and the working directories apply to them.
  { name: '#2 cat of a Read-denied key is denied, whatever follows', tool: 'Bash', input: bash('cat ~/.ssh/id_rsa; echo $ANTHROPIC_API_KEY'), rules: SSH, realBash: true, expect: 'deny' },
  { name: '#2 cat of a Read-denied key is denied in bypass', tool: 'Bash', input: bash('cat $HOME/.ssh/id_rsa'), rules: SSH, mode: 'bypassPermissions', realBash: true, expect: 'deny' },
  { name: '#2 cd into a Read-denied folder is denied', tool: 'Bash', input: bash('cd ~/.ssh'), rules: SSH, realBash: true, expect: 'deny' },
  { name: '#2 a glob into a Read-denied folder is denied', tool: 'Bash', input: bash('cat ~/.ssh/*'), rules: SSH, realBash: true, expect: 'deny' },
  { name: '#2 cat outside the working directories asks', tool: 'Bash', input: bash('cat ~/.ssh/id_rsa'), realBash: true, expect: 'ask' },
  { name: '#2 echo of a secret variable asks in bypass', tool: 'Bash', input: bash('echo $ANTHROPIC_API_KEY'), mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#2 cat /proc/self/environ asks', tool: 'Bash', input: bash('cat /proc/self/environ'), realBash: true, expect: 'ask' },
  { name: '#2 cat /proc/self/environ asks in bypass', tool: 'Bash', input: bash('cat /proc/self/environ'), mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#2 Read of /proc/self/environ asks in bypass', tool: 'Read', input: file('/proc/self/environ'), mode: 'bypassPermissions', expect: 'ask' },
  { name: '#2 a /dev/tcp read asks in bypass', tool: 'Bash', input: bash('cat < /dev/tcp/127.0.0.1/9'), mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#2 jq -n env asks', tool: 'Bash', input: bash('jq -n env'), realBash: true, expect: 'ask' },
  { name: '#2 grep -r outside asks', tool: 'Bash', input: bash('grep -r KEY ~/x'), realBash: true, expect: 'ask' },
  { name: '#2 git diff --no-index of an outside file asks', tool: 'Bash', input: bash('git diff --no-index /etc/shadow /dev/null'), realBash: true, expect: 'ask' },
  { name: '#2 cat .env with Read(.env) denied is denied', tool: 'Bash', input: bash('cat .env'), rules: ENV, realBash: true, expect: 'deny' },
  { name: '#2 Read(.env) covers a nested .env read by cat', tool: 'Bash', input: bash('cat nested/.env'), rules: ENV, realBash: true, expect: 'deny' },
  { name: '#2 Read(.env) covers a glob that matches it', tool: 'Bash', input: bash('cat .e*'), rules: ENV, realBash: true, expect: 'deny' },
  { name: '#2 Read(.env) covers an input redirection', tool: 'Bash', input: bash('sort < .env'), rules: ENV, realBash: true, expect: 'deny' },
  { name: '#2 Read(.env) makes a recursive grep over it ask', tool: 'Bash', input: bash('grep -r TOKEN .'), rules: ENV, realBash: true, expect: 'ask' },
  { name: '#2 Read(.env) leaves a recursive grep of src alone', tool: 'Bash', input: bash('grep -r TOKEN src'), rules: ENV, realBash: true, expect: 'allow' },
  { name: '#2 Read(.env) makes a path computed at run time ask', tool: 'Bash', input: bash('cat "$(printf .env)"'), rules: ENV, mode: 'bypassPermissions', realBash: true, expect: 'ask' },
  { name: '#2 Read(./secrets/**) covers cat through a symlink', tool: 'Bash', input: bash('cat link-to-secrets/key.txt'), rules: [['deny', 'Read(./secrets/**)']], realBash: true, expect: 'deny' },
  { name: '#2 Read(./secrets/**) covers ls of the folder', tool: 'Bash', input: bash('ls secrets'), rules: [['deny', 'Read(./secrets/**)']], realBash: true, expect: 'deny' },
  { name: '#2 a prefix rule does not cover a read outside', tool: 'Bash', input: bash('cat $TMP/outside/file.txt'), rules: [['allow', 'Bash(cat:*)']], realBash: true, expect: 'ask' },
  { name: '#2 a Read allow rule covers a read outside', tool: 'Bash', input: bash('cat $TMP/outside/file.txt'), rules: [['allow', 'Read(/$TMP/outside/**)']], realBash: true, expect: 'allow' },
  { name: '#2 the whole Bash tool covers a read outside', tool: 'Bash', input: bash('cat $TMP/outside/file.txt'), rules: [['allow', 'Bash']], realBash: true, expect: 'allow' },
  { name: '#2 the whole Bash tool does not beat a Read deny', tool: 'Bash', input: bash('cat $TMP/outside/file.txt'), rules: [['allow', 'Bash'], ['deny', 'Read(/$TMP/outside/**)']], realBash: true, expect: 'deny' },
  { name: '#2 reads inside the working directories run', tool: 'Bash', input: bash('cat src/a.ts docs/readme.md | wc -l && grep -rn x src'), realBash: true, expect: 'allow' },
  { name: '#2 a path computed at run time asks', tool: 'Bash', input: bash('cat $F'), realBash: true, expect: 'ask' },
  // 3: relative paths resolve against the live cwd, and a cd in the line moves them.
  { name: '#3 a relative redirect after cd asks in acceptEdits', tool: 'Bash', input: bash('cd src && echo x >> a.ts'), mode: 'acceptEdits', realBash: true, expect: 'ask' },
  { name: '#3 cd ~ then a write to .bashrc asks in acceptEdits', tool: 'Bash', input: bash('cd ~ && echo PWNED >> .bashrc'), mode: 'acceptEdits', realBash: true, expect: 'ask' },
  { name: '#3 cd outside the working directories asks', tool: 'Bash', input: bash('cd $TMP/outside'), realBash: true, expect: 'ask' },
  { name: '#3 cd .. out of the project asks', tool: 'Bash', input: bash('cd ..'), realBash: true, expect: 'ask' },
  { name: '#3 cd with no operand (home) asks', tool: 'Bash', input: bash('cd'), realBash: true, expect: 'ask' },
  { name: '#3 cd through a link out of the project then .. asks', tool: 'Bash', input: bash('cd src/up/..'), realBash: true, expect: 'ask' },
  // deeplink -> src/sub: the kernel lands in the project, bash's logical cd in its parent.
  { name: '#3 cd that resolves .. lexically out of the project asks', tool: 'Bash', input: bash('cd deeplink/../..'), realBash: true, expect: 'ask' },
  { name: '#3 cd through an internal link runs', tool: 'Bash', input: bash('cd deeplink'), realBash: true, expect: 'allow' },
  { name: '#3 cd into the project and list runs', tool: 'Bash', input: bash('cd src && ls'), realBash: true, expect: 'allow' },
  { name: '#3 a relative read after cd asks', tool: 'Bash', input: bash('cd src && cat a.ts'), realBash: true, expect: 'ask' },
  { name: '#3 Read resolves against the live cwd', tool: 'Read', input: file('key.txt'), cwd: '$WS/secrets', rules: [['deny', 'Read(./secrets/**)']], expect: 'deny' },
  { name: '#3 Grep with no path searches the live cwd', tool: 'Grep', input: { pattern: 'PRIVATE' }, cwd: '$HOME/.ssh', rules: SSH, expect: 'deny' },
  { name: '#3 Grep with no path in a live cwd outside asks', tool: 'Grep', input: { pattern: 'PRIVATE' }, cwd: '$HOME/.ssh', expect: 'ask' },
  { name: '#3 Edit of a relative path resolves against the live cwd', tool: 'Edit', input: file('a.ts'), cwd: '$WS/src', mode: 'acceptEdits', rules: [['deny', 'Edit(./src/**)']], expect: 'deny' },
  { name: '#3 a Bash redirect resolves against the live cwd', tool: 'Bash', input: bash('echo PWNED >> .bashrc'), cwd: '$HOME', mode: 'acceptEdits', realBash: true, expect: 'ask' },
  { name: '#3 a Bash read resolves against the live cwd', tool: 'Bash', input: bash('cat id_rsa'), cwd: '$HOME/.ssh', rules: SSH, realBash: true, expect: 'deny' },
  // 8: an analyser crash fails towards the deny rule.
  { name: '#8 a 200,000-character word does not turn a deny into an ask', tool: 'Bash', input: bash(`${'x'.repeat(200_000)}; rm -rf ~`), rules: [['deny', 'Bash(rm:*)']], realBash: true, expect: 'deny' },
];
