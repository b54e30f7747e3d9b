import { describe, expect, it } from 'vitest';
import { bwrapArgs, type SandboxPlan } from '../../../src/tools/bash-sandbox/index.ts';

const plan: SandboxPlan = {
  writable: ['/work/project/inner', '/work/project'],
  readOnly: ['/work/project/.wren', '/work/project/.git/hooks'],
  privateTmp: '/tmp/wren-sandbox-tmp-1',
  writableFiles: ['/tmp/wren-cwd-1'],
  network: 'allow',
  setEnv: {},
  cwd: '/work/project',
  command: ['/bin/bash', '-c', 'echo hi'],
};

describe('the bwrap command line', () => {
  it('isolates, then mounts in an order where protection wins', () => {
    const args = bwrapArgs(plan);
    for (const flag of ['--die-with-parent', '--new-session', '--unshare-pid', '--unshare-ipc']) expect(args).toContain(flag);
    expect(args.join(' ')).toContain('--cap-drop ALL');
    expect(args).not.toContain('--unshare-net');
    const at = (...seq: string[]) => args.join('\0').indexOf(seq.join('\0'));
    expect(at('--ro-bind', '/', '/')).toBeLessThan(at('--bind', '/tmp/wren-sandbox-tmp-1', '/tmp'));
    expect(at('--bind', '/tmp/wren-sandbox-tmp-1', '/tmp')).toBeLessThan(at('--bind', '/work/project', '/work/project'));
    expect(at('--bind', '/work/project', '/work/project')).toBeLessThan(at('--bind', '/work/project/inner', '/work/project/inner'));
    expect(at('--bind', '/work/project/inner', '/work/project/inner')).toBeLessThan(at('--ro-bind', '/work/project/.wren', '/work/project/.wren'));
    expect(at('--proc', '/proc')).toBeLessThan(at('--bind', '/tmp/wren-cwd-1', '/tmp/wren-cwd-1'));
    expect(args.slice(-5)).toEqual(['/work/project', '--', '/bin/bash', '-c', 'echo hi']);
  });

  it('cuts the network only when asked', () => {
    expect(bwrapArgs({ ...plan, network: 'deny' })).toContain('--unshare-net');
  });
});
