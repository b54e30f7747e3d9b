import { describe, expect, it } from 'vitest';
import { bwrapArgs, type SandboxPlan } from '../../../src/tools/bash-sandbox/index.ts';

const plan: SandboxPlan = {
  writable: ['/srv/project/inner', '/srv/project'],
  readOnly: ['/srv/project/.wren', '/srv/project/.git/hooks'],
  privateTmp: '/tmp/wren-sandbox-tmp-1',
  writableFiles: ['/tmp/wren-cwd-1'],
  network: 'allow',
  setEnv: {},
  cwd: '/srv/project',
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
    expect(at('--bind', '/tmp/wren-sandbox-tmp-1', '/tmp')).toBeLessThan(at('--bind', '/srv/project', '/srv/project'));
    expect(at('--bind', '/srv/project', '/srv/project')).toBeLessThan(at('--bind', '/srv/project/inner', '/srv/project/inner'));
    expect(at('--bind', '/srv/project/inner', '/srv/project/inner')).toBeLessThan(at('--ro-bind', '/srv/project/.wren', '/srv/project/.wren'));
    expect(at('--proc', '/proc')).toBeLessThan(at('--bind', '/tmp/wren-cwd-1', '/tmp/wren-cwd-1'));
    expect(args.slice(-5)).toEqual(['/srv/project', '--', '/bin/bash', '-c', 'echo hi']);
  });

  it('cuts the network only when asked', () => {
    expect(bwrapArgs({ ...plan, network: 'deny' })).toContain('--unshare-net');
  });
});
