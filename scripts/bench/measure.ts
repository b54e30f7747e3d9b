import { spawnSync } from 'node:child_process';

/** Median wall time in ms of running a command `runs` times (after one warm-up). */
export function medianMs(command: string, args: readonly string[], runs = 15, env: NodeJS.ProcessEnv = process.env): number {
  spawnSync(command, args, { stdio: 'ignore', env });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(command, args, { stdio: 'ignore', env });
    times.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** One line of a bench report: a figure and its ratio to the run's own baseline. */
export function row(name: string, ms: number, baselineMs: number): string {
  return `${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baselineMs).toFixed(2)}x`;
}
