import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { medianMs, row } from './measure.ts';

/*
 * Start-up cost of the light commands, as ratios to `node -e 0` measured in
 * the same run (the machine is shared and noisy; absolute figures mean little).
 * Budget (DESIGN.md): `wren --version` within 1.2x of `node -e 0`.
 */
export function benchStartup(): string[] {
  const node = process.execPath;
  const cli = (target: string) => fileURLToPath(new URL(`../../dist/${target}/cli.js`, import.meta.url));
  if (!existsSync(cli('external'))) throw new Error('dist/external/cli.js is missing: run `npm run build` first');
  const baseline = medianMs(node, ['-e', '0']);
  return [
    row('node -e 0 (baseline)', baseline, baseline),
    row('external: wren --version', medianMs(node, [cli('external'), '--version']), baseline),
    row('external: wren --help', medianMs(node, [cli('external'), '--help']), baseline),
    row('external: wren flags', medianMs(node, [cli('external'), 'flags']), baseline),
    row('native bundle: wren --version', medianMs(node, [cli('native'), '--version']), baseline),
  ];
}
