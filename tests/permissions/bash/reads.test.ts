import { describe, expect, it } from 'vitest';
import { analyseBashCommand, decideBashCommand, type BashRead, type BashRules } from '../../../src/permissions/bash/index.ts';
import type { PermissionDecision } from '../../../src/permissions/index.ts';

/*
 * What read-only commands read (Analysis.reads): the analyser finds the operands, the
 * engine checks them (tests/permissions/table-bash-paths.ts). A relative path after a
 * `cd` in the same line cannot be checked against the session's cwd: it is dynamic.
 */

/** `value` for literal and glob targets, `?text` for dynamic ones; `*` marks recursive, `@` a cd, `.` an implicit cwd. */
async function reads(command: string): Promise<string[]> {
  const a = await analyseBashCommand(command);
  return a.reads.map((r) => {
    const t = r.target.kind === 'dynamic' ? `?${r.target.text}` : r.target.value!;
    return `${t}${r.recursive ? '*' : ''}${r.changesDirectory ? '@' : ''}${r.implicit ? '.' : ''}`;
  });
}

describe('Bash analyser: what read-only commands read', () => {
  it.each([
    ['cat a b', ['a', 'b']],
    ['head -n 20 README.md', ['README.md']],
    ['tail -5 log.txt', ['log.txt']],
    ['grep -rn TODO src', ['src*']],
    ['grep -r TODO', ['.*.']],
    ['grep -e p -f pats.txt f', ['f', 'pats.txt']],
    ['grep -f/etc/pats f', ['f', '/etc/pats']],
    ["sed -n '/x/p' f", ['f']],
    ["sed -ne '/x/p' f", ['f']],
    ["jq -n --arg a /x '$a'", []],
    ['jq --rawfile k /etc/key .x f.json', ['f.json', '/etc/key']],
    ['find a b -name x', ['a*', 'b*']],
    ['find -name x', ['.*.']],
    ['ls', ['..']],
    ['ls -R src', ['src*']],
    ['rg foo', ['.*.']],
    ['echo /etc/passwd', []],
    ['diff <(ls a) b', ['a', 'b']],
    ['git log -p -- src', ['src']],
    ['git diff --no-index /etc/shadow /dev/null', ['/etc/shadow', '/dev/null']],
    ['git commit -m /etc/x', []],
    ['wc -l src/*.ts', ['src/*.ts']],
    ['cat --file=/etc/x', ['/etc/x']],
    ['cat $F', ['?$F']],
    ['ls | xargs cat', ['..', '?<arguments read from stdin>']],
    ['cd src', ['src@']],
    ['cd', ['~@']],
    ['cd -', ['?-@']],
    ['cat < in.txt', ['in.txt']],
    ['npm test < in.txt', ['in.txt']],
    [String.raw`find src -name '*.log' -exec cat {} \;`, ['src*']],
  ] as const)('%s', async (command, expected) => {
    expect(await reads(command)).toEqual(expected);
  });

  it('does not crash on a 200,000-character word', async () => {
    const a = await analyseBashCommand(`cat ${'x'.repeat(200_000)}`);
    expect(a.reads).toHaveLength(1);
  });
});

describe('Bash analyser: relative paths after a cd are dynamic', () => {
  it.each([
    ['cd src && cat a.ts', ['src@', '?a.ts']],
    ['cat a.ts && cd src', ['a.ts', 'src@']],
    ['cd /tmp && cat /etc/x ~/y', ['/tmp@', '/etc/x', '~/y']],
    // The listing of the cwd is of '.' or of where the cd went: both are checked.
    ['cd src && ls', ['src@', '..', 'src']],
    ['cd src && cd .. && ls', ['src@', '?..@', '..', 'src', '?..']],
    ['for d in a b; do cd $d; done; cat x', ['?$d@', '?x']],
    ['f() { cat x; }; cd src; f', ['?x', 'src@']],
    ['while true; do cat x; cd ..; done', ['?x', '?..@']],
    ['env -C /tmp cat x', ['?x']],
    ['builtin cd src && cat x', ['src@', '?x']],
    ['pushd src && cat x', ['?x']],
    ['cd src && cat < x', ['src@', '?x']],
    ['cd src && cat x | grep y', ['src@', '?x']],
    ['cat < x && cd src', ['src@', 'x']],
  ] as const)('%s', async (command, expected) => {
    expect(await reads(command)).toEqual(expected);
  });

  it('makes a relative redirection target after a cd dynamic, not one before it', async () => {
    const after = await analyseBashCommand('cd ~ && echo PWNED >> .bashrc');
    expect(after.writes.map((w) => w.target.kind)).toEqual(['dynamic']);
    const before = await analyseBashCommand('echo hi > out.txt; cd src; echo x > /tmp/abs.txt');
    expect(before.writes.map((w) => w.target.kind)).toEqual(['literal', 'literal']);
    // tree-sitter hangs the redirection on the whole `&&` list; bash opens it after the cd.
    for (const command of ['cd src && echo x > out.txt', 'cd src && ls | cat > out.txt', 'cd src || echo x >> out.txt']) {
      expect((await analyseBashCommand(command)).writes.map((w) => w.target.kind), command).toEqual(['dynamic']);
    }
  });
});

describe('Bash analyser: variables that hold secrets', () => {
  it.each(['echo $ANTHROPIC_API_KEY', 'echo "${ANTHROPIC_AUTH_TOKEN}"', 'echo ${AWS_PROFILE:-x}', 'echo "$MY_TOKEN"',
    'curl -H "x: $GITHUB_TOKEN" x', 'cat <<EOF\n$DB_PASSWORD\nEOF', 'echo $(echo $NPM_SECRET)', 'ls "$SSH_PRIVATE_KEY_PATH"'])('%s is a problem', async (command) => {
    const a = await analyseBashCommand(command);
    expect(a.problems.map((p) => p.message).join('\n')).toContain('looks like a secret');
  });

  it.each(['echo $HOME $PATH $USER', 'echo "${PWD}" ${#x} $1 $@', 'for f in *; do echo "$f"; done'])('%s is not', async (command) => {
    const a = await analyseBashCommand(command);
    expect(a.problems.map((p) => p.message).join('\n')).not.toContain('secret');
  });
});

describe('Bash gate: reads go to checkRead', () => {
  const NONE: BashRules = { allow: [], ask: [], deny: [] };
  /** A stand-in for the engine: denies anything under /secret, asks outside /ws, allows the rest. */
  const seen: BashRead[] = [];
  const checkRead = (read: BashRead): PermissionDecision => {
    seen.push(read);
    if (read.path === undefined) return { behavior: 'ask', reason: 'computed at run time' };
    if (read.path.startsWith('/secret')) return { behavior: 'deny', reason: 'Read(//secret/**) denies it' };
    if (read.path.startsWith('/')) return { behavior: 'ask', reason: 'outside the working directories' };
    return { behavior: 'allow', reason: 'inside' };
  };

  it('a denied read denies the command, wherever it hides', async () => {
    for (const command of ['cat /secret/k', 'ls && cat /secret/k', 'echo $(cat /secret/k)', 'cat < /secret/k', 'npm test < /secret/k']) {
      const d = await decideBashCommand(command, { allow: ['npm test:*'], ask: [], deny: [] }, { checkRead });
      expect(d.behavior, command).toBe('deny');
      expect(d.reason).toContain('Read(//secret/**)');
    }
  });

  it('a read that is not allowed makes a read-only or rule-allowed command ask', async () => {
    expect((await decideBashCommand('cat /etc/x', NONE, { checkRead })).behavior).toBe('ask');
    const byRule = await decideBashCommand('cat /etc/x', { allow: ['cat:*'], ask: [], deny: [] }, { checkRead });
    expect(byRule.behavior).toBe('ask');
    expect(byRule.reason).toContain("is allowed by Bash(cat:*), but it reads '/etc/x'");
    expect((await decideBashCommand('cat $F', NONE, { checkRead })).behavior).toBe('ask');
    expect((await decideBashCommand('npm test < /etc/x', { allow: ['npm test:*'], ask: [], deny: [] }, { checkRead })).behavior).toBe('ask');
  });

  it('reads inside are allowed, and non-read-only commands allowed by a rule are not second-guessed', async () => {
    expect((await decideBashCommand('cat a b && grep -r x src', NONE, { checkRead })).behavior).toBe('allow');
    expect((await decideBashCommand('npm test /etc/x', { allow: ['npm test:*'], ask: [], deny: [] }, { checkRead })).behavior).toBe('allow');
  });

  it('tells the engine what kind of read it is', async () => {
    seen.length = 0;
    await decideBashCommand('cd src && grep -r x . && wc -l *.ts', NONE, { checkRead });
    expect(seen).toEqual([
      { path: 'src', glob: false, recursive: false, changesDirectory: true, implicit: false, text: 'src' },
      { path: undefined, glob: false, recursive: true, changesDirectory: false, implicit: false, text: '.' },
      { path: undefined, glob: false, recursive: false, changesDirectory: false, implicit: false, text: '*.ts' },
    ]);
  });

  it('without checkRead, reads are not checked (the analyser alone knows no working directory)', async () => {
    expect((await decideBashCommand('cat /etc/x', NONE)).behavior).toBe('allow');
  });
});
