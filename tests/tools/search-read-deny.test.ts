import { dirname, join } from 'node:path';
import { realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermissionEngine, parseRule, type PermissionRule } from '../../src/permissions/index.ts';
import { globTool, type GlobOutput } from '../../src/tools/glob/tool.ts';
import { findRipgrep } from '../../src/tools/grep/ripgrep.ts';
import { grepTool, type GrepOutput } from '../../src/tools/grep/tool.ts';
import { lsTool, type LsOutput } from '../../src/tools/ls/tool.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { testdir } from '../support/testdir.ts';
import { call, fileToolContext, modelText, ok } from './file-tools-support.ts';

/*
 * Finding 4: the gate checks only where a search starts. Grep, Glob and LS
 * over an allowed folder must not hand back the names or contents of files
 * a Read deny rule covers (`--disallowedTools 'Read(./secret/**)' 'Read(.env)'`).
 * `ctx.canRead` is the runtime's engine.checkPath('read', ...) !== deny; here
 * it is wired the same way to a real engine.
 */

const TREE = {
  '.env': 'TOKEN=abc\n',
  'secret/creds.txt': 'DB_PASSWORD=hunter2\n',
  'secret/deeper/more.txt': 'TOKEN=nested\n',
  'src/app.txt': 'PASSWORD_HINT=ask the admin\nTOKEN_NAME=public\n',
  'src/other.txt': 'nothing here\n',
};

function setup(denies: string[] = ['Read(./secret/**)', 'Read(.env)']) {
  const dir = realpathSync(testdir(TREE));
  const rules: PermissionRule[] = denies.map((text) => {
    const parsed = parseRule(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return { ...parsed.rule, behavior: 'deny', source: { layer: 'cli', root: dir } };
  });
  const engine = new PermissionEngine({ cwd: dir, rules, protectedLocations: { configDir: join(dir, '.wren-config') } });
  const checked: string[] = [];
  const canRead = async (path: string) => {
    checked.push(path);
    return (await engine.checkPath('read', path)).behavior !== 'deny';
  };
  return { dir, engine, checked, ctx: (env: Record<string, string | undefined>) => fileToolContext(dir, { env, canRead, projectRoot: dir }) };
}

const rg = await findRipgrep(process.env['PATH']);
const engines = [
  { name: 'javascript', env: { PATH: '' } },
  ...(rg ? [{ name: 'ripgrep', env: { PATH: dirname(rg) } }] : []),
];

for (const { name, env } of engines) {
  describe(`Grep (${name}) drops files a Read deny rule covers`, () => {
    it("the reviewer's case: content mode over the whole project shows only readable files", async () => {
      const { dir, ctx } = setup();
      // The gate's view of the call itself: the project root is readable.
      const out = ok(await call(grepTool, { pattern: 'PASSWORD|TOKEN', output_mode: 'content', glob: '**' }, ctx(env)));
      const text = modelText(grepTool as Tool<unknown, GrepOutput>, out);
      expect(text).not.toMatch(/abc|hunter2|nested/);
      expect(out.lines).toEqual([`${join(dir, 'src/app.txt')}:1:PASSWORD_HINT=ask the admin`, `${join(dir, 'src/app.txt')}:2:TOKEN_NAME=public`]);
      expect(out.numFiles).toBe(1);
    });

    it('file lists and counts are recounted without the denied files', async () => {
      const { dir, ctx } = setup();
      const files = ok(await call(grepTool, { pattern: 'TOKEN' }, ctx(env)));
      expect(files.filenames).toEqual([join(dir, 'src/app.txt')]);
      expect(files.numFiles).toBe(1);
      const counts = ok(await call(grepTool, { pattern: 'PASSWORD|TOKEN', output_mode: 'count' }, ctx(env)));
      expect(counts.lines).toEqual([`${join(dir, 'src/app.txt')}:2`]);
      expect(counts.numMatches).toBe(2);
      expect(counts.numFiles).toBe(1);
    });

    it('without deny rules everything is found, as before', async () => {
      const { ctx } = setup([]);
      const out = ok(await call(grepTool, { pattern: 'TOKEN', output_mode: 'count' }, ctx(env)));
      expect(out.numFiles).toBe(3);
    });
  });
}

describe('Glob and LS drop what a Read deny rule covers', () => {
  it('Glob neither lists nor counts denied files', async () => {
    const { dir, ctx } = setup();
    const out = ok(await call(globTool, { pattern: '**/*' }, ctx({})));
    const rel = out.filenames.map((f) => f.slice(dir.length + 1)).sort();
    expect(rel).toEqual(['src/app.txt', 'src/other.txt']);
    expect(out.numFiles).toBe(2);
    expect(modelText(globTool as Tool<unknown, GlobOutput>, out)).not.toMatch(/creds|more\.txt|\.env/);
    // Named explicitly below the allowed root, still dropped.
    expect(ok(await call(globTool, { pattern: 'secret/**/*.txt' }, ctx({}))).filenames).toEqual([]);
  });

  it('LS lists no denied entry (and does not walk into what it drops)', async () => {
    const { dir, ctx, checked } = setup(['Read(./secret/**)', 'Read(./src/other.txt)']);
    const out = ok(await call(lsTool, { path: dir }, ctx({})));
    const text = modelText(lsTool as Tool<unknown, LsOutput>, out);
    expect(text).not.toMatch(/creds|deeper|more\.txt|other\.txt/);
    expect(text).toContain('app.txt');
    expect(checked).not.toContain(join(dir, 'secret/deeper/more.txt'));
  });

  it('a context without canRead (bare callers) filters nothing', async () => {
    const dir = realpathSync(testdir(TREE));
    const out = ok(await call(globTool, { pattern: '**/*' }, fileToolContext(dir)));
    expect(out.numFiles).toBe(5);
  });
});
