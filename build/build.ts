import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAGS } from '../flags/registry.ts';
import { FORBIDDEN_STRINGS } from '../flags/forbidden.ts';
import { runBuild } from './run-build.ts';
import { TARGETS } from './targets.ts';

// `npm run build`: every target from the one table, proven, with the report printed.
const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const { code } = await runBuild({
  root, flags: FLAGS, forbidden: FORBIDDEN_STRINGS, targets: TARGETS, version, smoke: true,
  stdout: process.stdout, stderr: process.stderr,
});
process.exitCode = code;
