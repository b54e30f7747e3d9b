import { describe, expect, it } from 'vitest';
import { analyseBashCommand, type Analysis } from '../../../src/permissions/bash/index.ts';
import { decodeAnsiC } from '../../../src/permissions/bash/words.ts';

/** Every command's innermost argv, literal values or null for unknown words. */
const argvs = (a: Analysis) => a.commands.map((c) => c.inner.map((w) => (w.kind === 'literal' ? w.value : null)));

describe('Bash analyser: splitting into simple commands', () => {
  it('finds every command of lists, pipelines, subshells and bodies, in order', async () => {
    const a = await analyseBashCommand('a 1 && b | c; (d) || { e; }\nif f; then g; fi; while h; do i; done; k &');
    expect(argvs(a)).toEqual([['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'], ['i'], ['k']]);
    expect(a.problems).toEqual([]);
  });

  it('finds commands inside substitutions, here-docs and function bodies', async () => {
    const a = await analyseBashCommand('f() { x; }; echo "$(y)" `z` <(p) >(q)\ncat <<EOF\n$(r)\nEOF');
    expect(argvs(a).map((v) => v[0]).sort()).toEqual(['cat', 'echo', 'p', 'q', 'r', 'x', 'y', 'z']);
    expect(a.commands.find((c) => c.inner[0]?.value === 'y')?.origin).toBe('substitution');
  });

  it('parses bash -c, eval and find -exec into their own commands', async () => {
    const a = await analyseBashCommand(String.raw`bash -c 'a; b' && eval c d && find . -exec e {} \;`);
    const names = argvs(a).map((v) => v[0]);
    expect(names).toEqual(['bash', 'a', 'b', 'eval', 'c', 'find', 'e']);
    const e = a.commands.find((c) => c.inner[0]?.value === 'e')!;
    expect(e.origin).toBe('find-exec');
    expect(e.inner[1]!.kind).toBe('dynamic'); // {} is a file name
    expect(a.commands[e.parent!]!.inner[0]!.value).toBe('find');
  });

  it('sees through wrappers to the command that runs', async () => {
    const cases: [string, string[]][] = [
      ['env -u HOME -i npm test', ['npm', 'test']],
      ['timeout -k 5 --signal=TERM 30 npm test', ['npm', 'test']],
      ['nice -n 5 nohup time -p command builtin exec npm test', ['npm', 'test']],
      ['sudo -u root -E stdbuf -oL npm test', ['npm', 'test']],
      ['xargs -0 -n 1 grep -l foo', ['grep', '-l', 'foo', null as unknown as string]],
    ];
    for (const [command, inner] of cases) {
      const a = await analyseBashCommand(command);
      expect(argvs(a)[0], command).toEqual(inner);
    }
  });

  it('marks privilege wrappers as not transparent', async () => {
    const [c] = (await analyseBashCommand('timeout 5 sudo ls')).commands;
    expect(c!.views.map((v) => v.transparent)).toEqual([true, true, false]);
    expect(c!.views.map((v) => v.innerIndex)).toEqual([3, 1, 0]);
  });

  it('lists file writes by redirection, but not fd dups or /dev/null', async () => {
    const a = await analyseBashCommand('a > out 2>&1 >> log &> both >| clobber 2>/dev/null >&2 <in; { b; } > grouped; c >& file');
    expect(a.writes.map((w) => w.target.value)).toEqual(['out', 'log', 'both', 'clobber', 'grouped', 'file']);
  });
});

describe('Bash analyser: words', () => {
  /** The words of the last command found (substitutions are listed before the command using them). */
  const words = async (command: string) => (await analyseBashCommand(command)).commands.at(-1)!.views[0]!.argv;

  it('removes quotes and escapes', async () => {
    expect((await words(String.raw`\-exec a"b"'c' "d\"e" 'f\g' h\ i`)).map((w) => w.value)).toEqual(['-exec', 'abc', 'd"e', 'f\\g', 'h i']);
  });

  it('joins line continuations between words, refuses them inside words (bash and the tree disagree)', async () => {
    expect((await words('echo \\\n  a \\\nb')).map((w) => w.value)).toEqual(['echo', 'a', 'b']);
    expect((await words('echo "a\\\nb"')).map((w) => w.value)).toEqual(['echo', 'ab']);
    const split = await analyseBashCommand('ec\\\nho a\\\nb');
    expect(split.problems[0]?.message).toContain('line continuation');
    // What bash really runs is analysed too, so deny rules see it.
    expect(argvs(split)).toContainEqual(['echo', 'ab']);
  });

  it('decodes $\'...\' strings', async () => {
    expect((await words(String.raw`echo $'\x72\x6d' $'\162m' $'a\tb' $'\u00e9' $'\cA'`)).map((w) => w.value))
      .toEqual(['echo', 'rm', 'rm', 'a\tb', 'é', '\x01']);
    expect(decodeAnsiC(String.raw`\x`)).toBeUndefined();
    expect(decodeAnsiC(String.raw`a\0b`)).toBe('a');
  });

  it('knows which words are computed, globbed or literal', async () => {
    const kinds = (await words('x $a "$b" ${c} $(d) *.ts {a,b} {} ~/x "*" a[1] "${e}"')).map((w) => w.kind);
    expect(kinds).toEqual(['literal', 'dynamic', 'dynamic', 'dynamic', 'dynamic', 'glob', 'glob', 'literal', 'literal', 'literal',
      'glob', 'dynamic']);
  });
});

describe('Bash analyser: problems', () => {
  const problems = async (command: string) => (await analyseBashCommand(command)).problems.map((p) => p.message).join('\n');

  it('flags what no rule may allow', async () => {
    expect(await problems('X=1 ls')).toContain('VAR=value cmd');
    expect(await problems('env X=1 ls')).toContain('env VAR=value cmd');
    expect(await problems('eval ls')).toContain('eval');
    expect(await problems('$cmd x')).toContain('computed at run time');
    expect(await problems('l? x')).toContain('glob pattern');
    expect(await problems('echo ${x@P}')).toContain('parameter expansion');
    expect(await problems('echo $[1]')).toContain('legacy arithmetic');
    expect(await problems('echo $((y))')).toContain('arithmetic expansion');
    expect(await problems('cat =(ls)')).toContain('could not be fully parsed');
    expect(await problems('echo ${a[i]}')).toContain('parameter expansion');
    expect(await problems('echo ${x:-default} ${#x} ${x%.ts} $((1+2)) "${arr[@]}" ${a[0]} ${#arr[*]}')).toBe('');
  });
});
