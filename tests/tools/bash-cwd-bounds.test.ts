import { mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBashTool } from '../../src/tools/bash/index.ts';
import { grepTool } from '../../src/tools/grep/tool.ts';
import { readPermission } from '../../src/tools/shared/permissions.ts';
import { workingRoots } from '../../src/tools/shared/paths.ts';
import { testdir } from '../support/testdir.ts';
import { failed, makeSession, ok, runTool } from './shell-web-support.ts';

/*
 * Finding 3: the permission engine judges paths by the session's working
 * directories, so the shell's cwd must never be left outside them (`cd ~`
 * then `echo x >> .bashrc`; `cd ~/.ssh` then Grep with no path). A command
 * may cd anywhere the gate let it; the NEXT one starts back at the project
 * root, and the model is told.
 */

const bash = createBashTool({ killGraceMs: 300 });

function project(tree: Record<string, string> = {}) {
  const root = realpathSync(testdir({ 'sub/file.txt': 'x', ...tree }));
  const outside = realpathSync(testdir({ 'id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----\n' }));
  return { root, outside };
}

describe('the Bash tool keeps the session cwd inside the working directories', () => {
  it('a cd outside the project is undone after the command, and the model is told', async () => {
    const { root, outside } = project();
    const session = makeSession(root, { projectRoot: root });
    const first = ok((await runTool(bash, { command: `cd '${outside}' && pwd` }, session.ctx)).output);
    expect(first.stdout).toBe(`${outside}\n`);
    expect(first.cwd).toBe(root);
    expect(session.ctx.cwd).toBe(root);
    expect(bash.toModelContent(first)).toContain(`Shell cwd was reset to ${root}`);
    const next = ok((await runTool(bash, { command: 'pwd' }, session.ctx)).output);
    expect(next.stdout).toBe(`${root}\n`);
    expect(bash.toModelContent(next)).not.toContain('reset');
  });

  it('a cd inside the project or an additional directory is kept, as before', async () => {
    const { root, outside } = project();
    const session = makeSession(root, { projectRoot: root, additionalDirectories: [outside] });
    await runTool(bash, { command: 'cd sub' }, session.ctx);
    expect(session.ctx.cwd).toBe(join(root, 'sub'));
    const out = ok((await runTool(bash, { command: `cd '${outside}'` }, session.ctx)).output);
    expect(session.ctx.cwd).toBe(outside);
    expect(bash.toModelContent(out)).not.toContain('reset');
  });

  it('a symlink out of the project counts as outside (the real path decides)', async () => {
    const { root, outside } = project();
    symlinkSync(outside, join(root, 'escape'));
    const session = makeSession(root, { projectRoot: root });
    const out = ok((await runTool(bash, { command: 'cd escape' }, session.ctx)).output);
    expect(session.ctx.cwd).toBe(root);
    expect(bash.toModelContent(out)).toContain(`Shell cwd was reset to ${root}`);
  });

  it('a session cwd found outside runs the command at the project root and says so', async () => {
    const { root, outside } = project();
    const session = makeSession(outside, { projectRoot: root });
    const out = ok((await runTool(bash, { command: 'pwd' }, session.ctx)).output);
    expect(out.stdout).toBe(`${root}\n`);
    expect(session.ctx.cwd).toBe(root);
    expect(bash.toModelContent(out)).toContain(`Shell cwd was reset to ${root}`);
  });

  it('a deleted folder falls back to its nearest parent, never above the project root', async () => {
    const { root } = project({ 'gone/deep/': '' });
    const session = makeSession(join(root, 'gone/deep'), { projectRoot: root });
    rmSync(join(root, 'gone'), { recursive: true });
    const out = ok((await runTool(bash, { command: 'pwd' }, session.ctx)).output);
    expect(out.stdout).toBe(`${root}\n`);
    expect(bash.toModelContent(out)).toMatch(/no longer exists; the command ran in/);

    const doomed = realpathSync(testdir({ 'a/': '' }));
    const lost = makeSession(join(doomed, 'a'), { projectRoot: doomed });
    rmSync(doomed, { recursive: true });
    expect(failed((await runTool(bash, { command: 'pwd' }, lost.ctx)).output).kind).toBe('cwd_missing');
    mkdirSync(doomed); // testdir's cleanup expects it
  });
});

describe('working roots are the session roots, not the live cwd', () => {
  it('workingRoots ignores where the cwd went', async () => {
    const { root, outside } = project();
    const ctx = makeSession(outside, { projectRoot: root }).ctx;
    expect(await workingRoots(ctx)).toEqual([root]);
  });

  it('a search with no path from a cwd outside the project is outside the workspace (asks)', async () => {
    const { root, outside } = project();
    const ctx = makeSession(outside, { projectRoot: root }).ctx;
    const decision = await readPermission('Grep', outside, ctx);
    expect(decision.behavior).toBe('ask');
    expect((await grepTool.checkPermissions({ pattern: 'PRIVATE' }, ctx)).behavior).toBe('ask');
    // Inside the project it is still the tool's "no objection".
    expect((await readPermission('Grep', join(root, 'sub'), ctx)).behavior).toBe('allow');
  });
});
