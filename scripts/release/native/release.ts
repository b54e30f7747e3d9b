import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNELS, PLATFORM_IDS, type Channel, type PlatformId } from '../../../src/services/auto-update/index.ts';
import { createRelease, MINIMUM_UPDATER_VERSION, publishChannel, type ReleaseBinary } from './assets.ts';
import { stampInstaller } from './installer.ts';
import { COMMITTED_PUBLIC_KEY, loadSigningKey, readPublicKey, REPO_ROOT } from './keys.ts';

/*
 * The native release, after `npm run build` and `node build/native/build-sea.ts`:
 *
 *   node scripts/release/native/release.ts assets --base-url https://... [--channels stable,latest]
 *       dist/bin/<platform>/wren -> dist/release/<version>/<platform>/wren + signed manifest.json,
 *       optionally pointing channels at it, and dist/release/install.sh stamped with the key.
 *   node scripts/release/native/release.ts channel <stable|latest> <version> [--expires-days 30]
 *       (re-)signs a channel pointer; run it before the previous one expires.
 *
 * The private key comes from WREN_RELEASE_SIGNING_KEY or WREN_RELEASE_SIGNING_KEY_FILE.
 * Upload dist/release/ as is; the signatures, not the host, are what clients trust.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'bin-dir': { type: 'string', default: join(REPO_ROOT, 'dist', 'bin') },
    out: { type: 'string', default: join(REPO_ROOT, 'dist', 'release') },
    'base-url': { type: 'string' },
    channels: { type: 'string', default: '' },
    'min-updater': { type: 'string' },
    'expires-days': { type: 'string', default: '30' },
    // The committed key by default. Another one only makes a release for binaries built with it (tests).
    'public-key': { type: 'string', default: COMMITTED_PUBLIC_KEY },
  },
});

function fail(message: string): never {
  process.stderr.write(`native release refused: ${message}\n`);
  process.exit(1);
}

const publicKeyPem = readPublicKey(values['public-key']);
const expiresInMs = Number(values['expires-days']) * 24 * 60 * 60 * 1000;
if (!(expiresInMs > 0)) fail('--expires-days must be a positive number');
let key;
try {
  key = loadSigningKey(process.env, publicKeyPem);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const [command, ...rest] = positionals;
if (command === 'assets') {
  if (!values['base-url']) fail('--base-url is required (where dist/release/ will be served; it goes into install.sh)');
  const binaries: ReleaseBinary[] = [];
  const versions = new Set<string>();
  for (const platform of existsSync(values['bin-dir']) ? readdirSync(values['bin-dir']) : []) {
    if (!(PLATFORM_IDS as readonly string[]).includes(platform)) continue;
    const info = JSON.parse(readFileSync(join(values['bin-dir'], platform, 'build.json'), 'utf8')) as { version: string };
    versions.add(info.version);
    binaries.push({ platform: platform as PlatformId, path: join(values['bin-dir'], platform, platform.startsWith('win') ? 'wren.exe' : 'wren') });
  }
  if (versions.size !== 1) fail(`the binaries in ${values['bin-dir']} must share one version (found: ${[...versions].join(', ') || 'none'})`);
  const version = [...versions][0]!;
  try {
    const { dir, manifest } = createRelease({ outDir: values.out, version, binaries, key, minimumUpdaterVersion: values['min-updater'] ?? MINIMUM_UPDATER_VERSION });
    process.stdout.write(`released ${version}: ${dir} (${Object.keys(manifest.platforms).join(', ')})\n`);
    for (const channel of values.channels.split(',').filter(Boolean)) {
      if (!(CHANNELS as readonly string[]).includes(channel)) fail(`unknown channel '${channel}'`);
      const pointer = publishChannel({ outDir: values.out, channel: channel as Channel, version, key, expiresInMs });
      process.stdout.write(`channel ${channel} -> ${version} (expires ${pointer.expires})\n`);
    }
    writeFileSync(join(values.out, 'install.sh'), stampInstaller({ publicKeyPem, baseUrl: values['base-url'] }), { mode: 0o644 });
    process.stdout.write(`installer: ${join(values.out, 'install.sh')}\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
} else if (command === 'channel') {
  const [channel, version] = rest;
  if (!channel || !(CHANNELS as readonly string[]).includes(channel) || !version) fail('usage: release.ts channel <stable|latest> <version>');
  try {
    const pointer = publishChannel({ outDir: values.out, channel: channel as Channel, version, key, expiresInMs });
    process.stdout.write(`channel ${channel} -> ${version} (expires ${pointer.expires})\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
} else {
  fail('usage: release.ts assets --base-url URL [--channels stable,latest] | release.ts channel <stable|latest> <version>');
}
