import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished, vi } from 'vitest';
import { createBashTool } from '../../../src/tools/bash/index.ts';
import { testdir } from '../../support/testdir.ts';
import { makeSession, ok, runTool } from '../shell-web-support.ts';
import { describeWithBwrap, processesRunning, sandboxFixture } from './support.ts';

describeWithBwrap('the Bash sandbox: processes, output and network', () => {
  it('gives the same output and exit codes as an unsandboxed run', async () => {
    const root = realpathSync(testdir({ 'data.txt': 'b\na\nc\n' }));
    const plain = createBashTool();
    const f = sandboxFixture({ 'data.txt': 'b\na\nc\n' });
    const commands = [
      'echo hello; echo oops >&2',
      'sort data.txt; exit 3',
      'printf "no newline"',
      'for i in $(seq 1 2000); do echo "line $i"; done',
      'cat',
      'false',
      'echo "unclosed',
    ];
    for (const command of commands) {
      const expected = ok((await runTool(plain, { command }, makeSession(root).ctx)).output);
      const actual = ok(await f.run(command));
      expect({ command, stdout: actual.stdout, stderr: actual.stderr, exitCode: actual.exitCode, signal: actual.signal })
        .toEqual({ command, stdout: expected.stdout, stderr: expected.stderr.replaceAll(root, f.root), exitCode: expected.exitCode, signal: expected.signal });
    }
  });

  it('keeps the working directory across calls (the cwd trailer is writable inside)', async () => {
    const f = sandboxFixture({ 'sub/deeper/file.txt': 'x' });
    ok(await f.run('cd sub/deeper'));
    expect(f.session.ctx.cwd).toBe(join(f.root, 'sub/deeper'));
    expect(ok(await f.run('pwd; ls')).stdout).toBe(`${join(f.root, 'sub/deeper')}\nfile.txt\n`);
    // Moving to / does not make / writable: the writable places were fixed when the session started.
    const out = ok(await f.run('cd / && touch /wren-root-probe'));
    expect(out.stderr).toMatch(/Read-only file system/);
  });

  it('a timeout kills everything the command started inside the sandbox', async () => {
    const f = sandboxFixture();
    const marker = `${process.pid}${Date.now() % 100_000}.5`;
    const pending = f.run(`sleep ${marker} & (sleep ${marker}; echo never) & sleep ${marker}`, { timeout: 1500 });
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`).length).toBe(3), { timeout: 5000, interval: 20 });
    const out = ok(await pending);
    expect(out.timedOut).toBe(true);
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`)).toEqual([]), { timeout: 3000, interval: 20 });
  });

  it('an abort kills the sandboxed process tree too', async () => {
    const f = sandboxFixture();
    const marker = `${process.pid}${Date.now() % 100_000}.7`;
    const controller = new AbortController();
    const pending = f.run(`setsid sleep ${marker} & nohup sleep ${marker} >/dev/null 2>&1 & wait`, { signal: controller.signal });
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`).length).toBe(2), { timeout: 5000, interval: 20 });
    controller.abort();
    const out = ok(await pending);
    expect(out.interrupted).toBe(true);
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`)).toEqual([]), { timeout: 3000, interval: 20 });
  });

  it('what a command leaves running in the background ends with it', async () => {
    const f = sandboxFixture();
    const marker = `${process.pid}${Date.now() % 100_000}.9`;
    // The pause lets the orphan start for sure: unsandboxed, it would still be running afterwards.
    const out = ok(await f.run(`(sleep ${marker} &) ; sleep 0.3; echo started`));
    expect(out.stdout).toBe('started\n');
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`)).toEqual([]), { timeout: 3000, interval: 20 });
  });

  it('isolates processes: own pid namespace, own session (no TIOCSTI), no capabilities, read-only /proc/sys', async () => {
    const f = sandboxFixture();
    const domainBefore = readFileSync('/proc/sys/kernel/domainname', 'utf8');
    const out = ok(await f.run([
      'ls /proc | grep -cE "^[0-9]+$"',
      'cut -d" " -f6 /proc/self/stat',
      'grep CapEff /proc/self/status',
      'echo wren-sandbox > /proc/sys/kernel/domainname',
      'mount -o remount,rw / 2>/dev/null; touch /usr/wren-remount-probe',
    ].join('; ')));
    const [processes, sessionId, caps] = out.stdout.split('\n');
    expect(Number(processes)).toBeLessThan(10); // the host has many more
    expect(Number(sessionId)).toBeGreaterThan(0); // a session of its own: 0 means the leader is outside
    expect(caps).toMatch(/CapEff:\s+0+$/);
    expect(out.stderr).toMatch(/domainname: (Read-only file system|Permission denied)/);
    expect(out.stderr).toMatch(/wren-remount-probe': Read-only file system/);
    expect(readFileSync('/proc/sys/kernel/domainname', 'utf8')).toBe(domainBefore);
  });

  it('allows the network by default, and cuts it (host loopback included) with network: deny', async () => {
    const server = createServer((_req, res) => res.end('pong from host'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const fetch = `exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET / HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n' >&3 && tail -n 1 <&3`;

    const open = sandboxFixture();
    const allowed = ok(await open.run(fetch));
    expect(allowed.stdout).toBe('pong from host');
    expect(open.sandbox.status().network).toBe('allow');

    const closed = sandboxFixture({}, { network: 'deny' });
    const denied = ok(await closed.run(fetch));
    expect(denied.stdout).toBe('');
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stderr).toMatch(/Connection refused|Network is unreachable|connect/);
    expect(closed.sandbox.status()).toMatchObject({ state: 'active', network: 'deny' });
  });

  it('keeps the ssh-agent socket reachable in the private /tmp while the network is allowed', async () => {
    // Where ssh-agent puts it: under /tmp itself, whatever TMPDIR says.
    const dir = mkdtempSync('/tmp/wren-agent-');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const socket = join(dir, 'agent.sock');
    const server = createNetServer((connection) => connection.end('agent says hi'));
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const env = { ...process.env, SSH_AUTH_SOCK: socket };
    // Python from the system, not this test's Node: when the checkout itself lives under /tmp,
    // its node_modules are hidden by the sandbox's private /tmp (as they should be).
    const probe = `python3 -c "
import os, socket
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(os.environ['SSH_AUTH_SOCK']); print(s.recv(100).decode())
except FileNotFoundError:
    print('ENOENT')
"`;
    expect(ok(await sandboxFixture({}, { env }).run(probe)).stdout).toBe('agent says hi\n');
    expect(ok(await sandboxFixture({}, { env, network: 'deny' }).run(probe)).stdout).toBe('ENOENT\n');
  });

  it('a Wren that dies takes its sandboxed commands with it (--die-with-parent)', async () => {
    const root = realpathSync(testdir());
    const marker = `${process.pid}${Date.now() % 100_000}.3`;
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const script = `
      const { createBashTool } = await import(${JSON.stringify(join(repo, 'src/tools/bash/index.ts'))});
      const { createBashSandbox } = await import(${JSON.stringify(join(repo, 'src/tools/bash-sandbox/index.ts'))});
      const sandbox = createBashSandbox({ workingDirectories: [${JSON.stringify(root)}], configDir: ${JSON.stringify(join(root, '.cfg'))} });
      const ctx = { cwd: ${JSON.stringify(root)}, signal: new AbortController().signal, additionalDirectories: [], readFiles: new Map(), now: Date.now, env: process.env };
      for await (const event of createBashTool({ launcher: sandbox.launcher }).call({ command: 'sleep ${marker}' }, ctx)) {}
    `;
    // Its private /tmp would outlive it (nothing runs at a SIGKILL): keep it in a folder the test removes.
    const env = { ...process.env, TMPDIR: realpathSync(testdir()) };
    const wren = spawn(process.execPath, ['--import', join(repo, 'scripts/dev-hooks.ts'), '--input-type=module', '-e', script], { stdio: 'ignore', env });
    onTestFinished(() => { wren.kill('SIGKILL'); });
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`)).toHaveLength(1), { timeout: 10_000, interval: 20 });
    wren.kill('SIGKILL'); // no cleanup code runs: only the kernel can end the sandbox now
    await vi.waitFor(() => expect(processesRunning(`sleep ${marker}`)).toEqual([]), { timeout: 3000, interval: 20 });
  });
});
