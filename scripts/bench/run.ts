import { benchHeadless } from './headless.ts';
import { benchNative } from './native.ts';
import { benchReleaseVerify } from './release-verify.ts';
import { benchStartup } from './startup.ts';
import { benchUi } from './ui.ts';

/*
 * `npm run bench`: every benchmark, each reporting ratios against a baseline
 * measured in the same run. Record the current figures in the README.
 */
const benches: { name: string; run: () => string[] | Promise<string[]> }[] = [
  { name: 'start-up', run: benchStartup },
  { name: 'headless', run: benchHeadless },
  { name: 'native binary', run: benchNative },
  { name: 'release verify', run: benchReleaseVerify },
  { name: 'interactive UI', run: () => benchUi() },
];

// The Bash analyser's micro-benchmark runs on its own: node scripts/bench/bash-analyser.ts
for (const bench of benches) {
  process.stdout.write(`\n## ${bench.name}\n`);
  for (const line of await bench.run()) process.stdout.write(`${line}\n`);
}
