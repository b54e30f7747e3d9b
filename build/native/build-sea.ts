import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COMMITTED_PUBLIC_KEY, readPublicKey } from '../../scripts/release/native/keys.ts';
import { formatBytes } from '../report.ts';
import { buildNativeBinary, NativeBuildError } from './native-build.ts';
import { hostPlatform, NATIVE_PLATFORMS, platformById, type NativePlatform } from './platforms.ts';
import { RuntimeError } from './runtime.ts';

/*
 * `node build/native/build-sea.ts [--platform id,id|all] [--fetch] [--no-code-cache]`
 * The native step after `npm run build`: takes the verified dist/native/cli.js,
 * makes dist/bin/<platform>/wren (+ build.json), scans the binary's bytes.
 * Default: the host platform only. Other platforms are built when their
 * runtime package is present (or --fetch gets it from the npm registry), and
 * are reported as untested here; darwin rows are reported as unbuildable.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    platform: { type: 'string' },
    fetch: { type: 'boolean', default: false },
    'no-code-cache': { type: 'boolean', default: false },
    bundle: { type: 'string', default: join(root, 'dist', 'native', 'cli.js') },
    'out-dir': { type: 'string', default: join(root, 'dist', 'bin') },
    'public-key': { type: 'string', default: COMMITTED_PUBLIC_KEY },
  },
});

const host = hostPlatform();
const requested: NativePlatform[] = values.platform === 'all'
  ? [...NATIVE_PLATFORMS]
  : values.platform ? values.platform.split(',').map(platformById) : host ? [host] : [];
if (!existsSync(values.bundle)) {
  process.stderr.write(`native build refused: ${values.bundle} is missing: run npm run build first (the SEA takes the verified bundle)\n`);
  process.exit(1);
}
const publicKeyPem = readPublicKey(values['public-key']);
let failed = false;
const lines: string[] = [];
for (const platform of requested) {
  const out = join(values['out-dir'], platform.id, platform.exe);
  try {
    const info = await buildNativeBinary({
      root, bundle: values.bundle, platform, out, publicKeyPem, fetch: values.fetch,
      ...(values['no-code-cache'] ? { useCodeCache: false } : {}),
    });
    lines.push(`${platform.id.padEnd(13)} built ${info.tested ? 'and smoke-tested' : '(UNTESTED: cannot run on this machine)'}  ${formatBytes(info.size)}  node ${info.node}  code cache ${info.useCodeCache ? 'on' : 'off'}  scan pass (${info.scanChecks} checks)  ${Object.entries(info.timingsMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  } catch (error) {
    if (error instanceof RuntimeError && error.code === 'runtime-missing' && platform.id !== host?.id) {
      lines.push(`${platform.id.padEnd(13)} skipped: ${error.message}`);
    } else if (error instanceof NativeBuildError && platform.unbuildable) {
      lines.push(`${platform.id.padEnd(13)} UNBUILDABLE here: ${platform.unbuildable}; needs: ${platform.needs.join('; ')}`);
    } else {
      failed = true;
      lines.push(`${platform.id.padEnd(13)} FAILED: ${error instanceof Error ? error.message : String(error)}`);
      for (const v of error instanceof NativeBuildError ? error.violations : []) lines.push(`  [${v.rule}] ${v.message}`);
    }
  }
}
process.stdout.write(`native binaries (${values['out-dir']}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
