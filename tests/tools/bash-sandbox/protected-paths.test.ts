import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protectedTargets, SandboxError, type ProtectedTarget } from '../../../src/tools/bash-sandbox/index.ts';
import { testdir, type Tree } from '../../support/testdir.ts';

const DIR = { kind: 'dir' } as const;
const real = (tree: Tree = {}): string => realpathSync(testdir(tree));
const paths = (targets: readonly ProtectedTarget[], root: string): string[] => targets.map((t) => t.path.replace(root, '<root>')).sort();

describe('which paths stay read-only inside writable folders', () => {
  it('the project control files, with placeholders where they are missing', () => {
    const root = real({ '.wren/settings.json': '{}' });
    const targets = protectedTargets({ writable: [root], configDir: '/nonexistent/wren-config' });
    expect(targets).toEqual(expect.arrayContaining([
      { path: join(root, '.wren'), placeholder: DIR },
      { path: join(root, '.mcp.json'), placeholder: DIR }, // an empty folder: invisible to git, so never committed
    ]));
    // The config dir is outside every writable folder: read-only already, nothing to mount.
    expect(paths(targets, root)).toEqual(['<root>/.mcp.json', '<root>/.wren']);
  });

  it("a repository's hooks, config and commondir, and those of its submodules and worktrees", () => {
    const root = real({ 'README.md': 'x' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    mkdirSync(join(root, '.git/modules/libs/one/hooks'), { recursive: true });
    writeFileSync(join(root, '.git/modules/libs/one/HEAD'), 'ref: refs/heads/main\n');
    mkdirSync(join(root, '.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(root, '.git/worktrees/wt/HEAD'), 'ref: refs/heads/wt\n');
    writeFileSync(join(root, '.git/worktrees/wt/commondir'), '../..\n');
    const targets = protectedTargets({ writable: [root], configDir: '/nonexistent' });
    expect(paths(targets, root)).toEqual([
      '<root>/.git/commondir', '<root>/.git/config', '<root>/.git/hooks',
      '<root>/.git/modules/libs/one/commondir', '<root>/.git/modules/libs/one/config', '<root>/.git/modules/libs/one/hooks',
      '<root>/.git/worktrees/wt/commondir',
      '<root>/.mcp.json', '<root>/.wren',
    ]);
    expect(targets.find((t) => t.path.endsWith('.git/commondir'))!.placeholder).toEqual({ kind: 'file', content: '.\n' });
  });

  it('a linked worktree: the .git file and the git directory it names', () => {
    const main = real();
    execFileSync('git', ['init', '-q'], { cwd: main });
    execFileSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'x'], { cwd: main });
    const wt = join(main, 'wt');
    execFileSync('git', ['worktree', 'add', '-q', wt], { cwd: main });
    const targets = protectedTargets({ writable: [wt], configDir: '/nonexistent' });
    expect(paths(targets, wt)).toEqual(['<root>/.git', '<root>/.mcp.json', '<root>/.wren']); // the rest is outside wt, read-only already
    const both = protectedTargets({ writable: [main, wt], configDir: '/nonexistent' });
    expect(paths(both, main)).toEqual(expect.arrayContaining(['<root>/.git/worktrees/wt/commondir', '<root>/.git/hooks', '<root>/.git/config', '<root>/wt/.git']));
    // git takes a worktree's hooks and config from the common directory: nothing to make in its own.
    expect(paths(both, main)).not.toContain('<root>/.git/worktrees/wt/hooks');
    expect(paths(both, main)).not.toContain('<root>/.git/worktrees/wt/config');
  });

  it('the user config dir when it sits inside a writable folder, at its first missing component', () => {
    const home = real({ 'dotfiles/': '' });
    expect(protectedTargets({ writable: [home], configDir: join(home, '.config/wren') }))
      .toEqual(expect.arrayContaining([{ path: join(home, '.config'), placeholder: DIR }]));
    mkdirSync(join(home, '.config'));
    expect(protectedTargets({ writable: [home], configDir: join(home, '.config/wren') }))
      .toEqual(expect.arrayContaining([{ path: join(home, '.config/wren'), placeholder: DIR }]));
  });

  it('refuses links it cannot keep in place, and covers what a git link points to', () => {
    const elsewhere = real();
    const linked = real({ '.mcp.json': { symlink: join(elsewhere, 'mcp.json') } });
    expect(() => protectedTargets({ writable: [linked], configDir: '/nonexistent' })).toThrow(SandboxError);
    const home = real({ 'dotfiles/wren/': '', '.wren': { symlink: 'dotfiles/wren' } });
    expect(() => protectedTargets({ writable: [home], configDir: join(home, '.wren') })).toThrow(/symbolic link/);

    const repo = real({ 'my-hooks/': '' });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('rm', ['-rf', join(repo, '.git/hooks')]);
    symlinkSync('../dangling-hooks', join(repo, '.git/hooks'));
    const targets = protectedTargets({ writable: [repo], configDir: '/nonexistent' });
    // The whole git directory (so the link stays), and the missing folder it points to (so it cannot be made).
    expect(targets).toEqual(expect.arrayContaining([{ path: join(repo, '.git') }, { path: join(repo, 'dangling-hooks'), placeholder: DIR }]));
  });

  it('protects a git directory whole past a sane number of submodules', () => {
    const root = real();
    execFileSync('git', ['init', '-q'], { cwd: root });
    for (let i = 0; i < 70; i++) {
      mkdirSync(join(root, `.git/modules/m${i}`), { recursive: true });
      writeFileSync(join(root, `.git/modules/m${i}/HEAD`), 'x');
    }
    expect(paths(protectedTargets({ writable: [root], configDir: '/nonexistent' }), root)).toContain('<root>/.git/modules');
  });
});

describe('writable folders inside a repository', () => {
  it("are covered by that repository's protections, down to allowWrite inside .git itself", () => {
    const repo = real({ 'packages/app/src/': '' });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const sub = join(repo, 'packages/app');
    // Only the subfolder is writable: the repository's .git is outside it, read-only already.
    expect(paths(protectedTargets({ writable: [sub], configDir: '/nonexistent' }), sub)).toEqual(['<root>/.mcp.json', '<root>/.wren']);
    // With the git directory writable too (allowWrite), its hooks and config still are not.
    const withGit = protectedTargets({ writable: [sub, join(repo, '.git')], configDir: '/nonexistent' });
    expect(paths(withGit, repo)).toEqual(expect.arrayContaining(['<root>/.git/hooks', '<root>/.git/config', '<root>/.git/commondir']));
    const hooksOnly = protectedTargets({ writable: [join(repo, '.git/hooks')], configDir: '/nonexistent' });
    expect(paths(hooksOnly, repo)).toContain('<root>/.git/hooks');
  });
});
