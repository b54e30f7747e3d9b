import { gzipSync } from 'node:zlib';
import { FORBIDDEN_STRINGS } from '../../flags/forbidden.ts';
import { REPO_ROOT, type Policy } from '../../scripts/release/policy.ts';
import { mustNotAppear } from '../../flags/profiles.ts';
import { makeTar, makeTgz, type TarSpec } from './release-tarball.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The dependency build path the policy allows (read from the policy, so the case follows it). */
const ALLOWED_BUILD_PATH = (JSON.parse(readFileSync(join(REPO_ROOT, 'scripts/release/policy/allowed-build-paths.json'), 'utf8')) as { text: string }[])[0]!.text;

/*
 * Fake credentials, assembled at run time so no scanner ever finds a
 * credential-shaped literal in this repository. Deterministic filler.
 */
const fill = (n: number, alphabet = 'AbCdEfGhJkMnPqRsTuVwXyZ23456789'): string =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
export const SECRETS = {
  anthropic: ['sk', 'ant', 'api03', `${fill(93)}AA`].join('-'),
  openai: ['sk', 'proj', fill(48)].join('-'),
  aws: `AKIA${fill(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  github: `ghp_${fill(36)}`,
  npm: `npm_${fill(36)}`,
  privateKey: ['-----BEGIN RSA PRIVATE KEY-----', fill(64), fill(64), '-----END RSA PRIVATE KEY-----'].join('\n'),
} as const;

/** One internal codename and one off-flag marker, read from flags/ (not repeated here). */
export const CODENAME = FORBIDDEN_STRINGS[0]!;
const OFF_MARKER = mustNotAppear('external').find((f) => f.reason.startsWith('marker'))!.text;

export const MAIN = 'package/dist/external/chunks/main-ABCDEFGH.js';
export const CLI = 'package/dist/external/cli.js';

export const BASE_MANIFEST = {
  name: 'wren-code',
  version: '1.0.0',
  description: 'fixture',
  license: 'MIT',
  type: 'module',
  bin: { wren: 'dist/external/cli.js' },
  files: ['dist/external/'],
  engines: { node: '>=22.12' },
};

/** A clean package shaped like the real one; every case is this plus one flaw. */
export function basePackage(manifest: object = BASE_MANIFEST): TarSpec[] {
  return [
    { path: 'package/package.json', content: JSON.stringify(manifest, null, 2) },
    { path: 'package/README.md', content: '# wren-code\n\nA terminal coding agent.\n' },
    { path: CLI, mode: 0o755, content: '#!/usr/bin/env node\nimport("./chunks/main-ABCDEFGH.js").then(m=>m.main(process.argv.slice(2)));\n' },
    { path: MAIN, content: 'export async function main(a){const t="wren";process.stdout.write(t+" "+a.join(" ")+"\\n");return 0}\n' },
  ];
}

/** The base package with extra files and replaced contents. */
function withFiles(extra: readonly TarSpec[], replace: Readonly<Record<string, string>> = {}): TarSpec[] {
  const base = basePackage().map((s) => (replace[s.path] !== undefined ? { ...s, content: replace[s.path]! } : s));
  return [...base, ...extra];
}

function withManifest(change: (m: Record<string, unknown>) => void): TarSpec[] {
  const manifest: Record<string, unknown> = structuredClone(BASE_MANIFEST);
  change(manifest);
  return basePackage(manifest);
}

/** The main chunk with some code spliced into a minified line. */
const mainWith = (code: string): Readonly<Record<string, string>> => ({ [MAIN]: `var a=1;${code};export async function main(){return 0}\n` });

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const inlineMap = (extra: object): string => `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${b64(JSON.stringify({ version: 3, sources: ['../src/a.ts'], names: [], mappings: 'AAAA', ...extra }))}`;
const MAP_JSON = JSON.stringify({ version: 3, file: 'cli.js', sources: ['../src/cli.ts'], names: [], mappings: 'AAAA;AACA' });

/** A lockfile (npm v3) whose entries are all fine. */
export const GOOD_LOCK = {
  '': { name: 'wren-code', version: '1.0.0' },
  'node_modules/zod': { version: '4.0.0', integrity: `sha512-${b64(fill(64))}`, dev: true },
};

/** One bad package and the rules that must (exactly) reject it. */
export interface CorpusCase {
  readonly name: string;
  /** The rule this case targets. */
  readonly rule: string;
  /** Other rules that rightly fire too (the set of failures must equal rule + also). */
  readonly also?: readonly string[];
  /** Entries of the tarball (the expected-files list is derived from them, `unlisted` ones excepted). */
  readonly entries?: readonly TarSpec[];
  /** Raw bytes instead of entries (broken archives). */
  readonly bytes?: () => Buffer;
  /** Expected files when they cannot be derived from entries. */
  readonly expected?: readonly string[];
  readonly policy?: (p: Policy) => Policy;
}

const lock = (packages: Record<string, object>) => (p: Policy): Policy => ({ ...p, lockfile: { file: 'package-lock.json', packages: { ...GOOD_LOCK, ...packages } } });
const basePaths = basePackage().map((s) => s.path);

export const CORPUS: readonly CorpusCase[] = [
  // shape
  { name: 'uncompressed tar', rule: 'shape/tar-format', bytes: () => makeTar(basePackage()), expected: basePaths },
  { name: 'corrupt gzip stream', rule: 'shape/tar-format', also: ['manifest/package-json'], bytes: () => makeTgz(basePackage()).subarray(0, 60), expected: [] },
  { name: 'entry with a bad header checksum (skipped by tar)', rule: 'shape/tar-format', entries: withFiles([{ path: 'package/dist/external/hidden.js', badChecksum: true, unlisted: true }]) },
  { name: 'archive cut inside an entry', rule: 'shape/tar-format', bytes: () => gzipSync(makeTar(withFiles([{ path: 'package/dist/external/big.js', content: 'x'.repeat(4000) }])).subarray(0, 4096 + 1024)), expected: [...basePaths, 'package/dist/external/big.js'] },
  { name: 'archive without its end marker', rule: 'shape/tar-format', bytes: () => gzipSync(makeTar(basePackage()).subarray(0, -1024)), expected: basePaths },
  { name: 'second root folder', rule: 'shape/single-root', entries: withFiles([{ path: 'other/evil.js', content: 'x' }]) },
  { name: 'file at the archive top level', rule: 'shape/single-root', entries: withFiles([{ path: 'evil.js', content: 'x' }]) },
  { name: 'root folder not package/', rule: 'shape/single-root', entries: basePackage().map((s) => ({ ...s, path: s.path.replace(/^package\//, 'pkg/') })) },
  { name: 'path with ..', rule: 'shape/path-safety', entries: withFiles([{ path: 'package/../../evil.js', content: 'x' }]) },
  { name: 'absolute path', rule: 'shape/path-safety', entries: withFiles([{ path: '/etc/cron.d/evil', content: 'x' }]) },
  { name: 'backslash path', rule: 'shape/path-safety', entries: withFiles([{ path: 'package\\..\\..\\evil.js', content: 'x' }]) },
  { name: 'pax header hiding .. behind a clean ustar name', rule: 'shape/path-safety', entries: withFiles([{ path: 'package/dist/external/ok.js', paxPath: 'package/../../../home/evil.js', content: 'x', unlisted: true }]), expected: [...basePaths, 'package/../../../home/evil.js'] },
  { name: 'same path twice (second copy differs)', rule: 'shape/duplicate-path', entries: withFiles([{ path: CLI, mode: 0o755, content: '#!/usr/bin/env node\nconsole.log(1)\n' }]) },
  { name: 'paths equal but for case', rule: 'shape/duplicate-path', entries: withFiles([{ path: 'package/readme.md', content: 'x' }]) },
  { name: 'symlink entry', rule: 'shape/entry-type', entries: withFiles([{ path: 'package/dist/external/link.js', type: 'SymbolicLink', linkpath: '../../../../etc/passwd' }]) },
  { name: 'hard link entry', rule: 'shape/entry-type', entries: withFiles([{ path: 'package/dist/external/hard.js', type: 'Link', linkpath: 'package/dist/external/cli.js' }]) },
  { name: 'FIFO entry', rule: 'shape/entry-type', entries: withFiles([{ path: 'package/dist/external/pipe', type: 'FIFO' }]) },
  { name: 'setuid bin', rule: 'shape/mode', entries: basePackage().map((s) => (s.path === CLI ? { ...s, mode: 0o4755 } : s)) },
  { name: 'world-writable file', rule: 'shape/mode', entries: basePackage().map((s) => (s.path === MAIN ? { ...s, mode: 0o666 } : s)) },
  { name: 'file not in the expected list', rule: 'shape/allowlist', entries: withFiles([{ path: 'package/dist/external/chunks/extra-ABCDEFGH.js', content: 'x', unlisted: true }]) },
  { name: 'expected file missing', rule: 'shape/allowlist', entries: basePackage(), expected: [...basePaths, 'package/dist/external/chunks/lost-[hash].js'] },
  { name: 'file over the per-file budget', rule: 'shape/file-size', entries: withFiles([{ path: 'package/dist/external/chunks/big-ABCDEFGH.js', content: 'x'.repeat(300) }]), policy: (p) => ({ ...p, budgets: { ...p.budgets, maxFileBytes: 256, maxUnpackedBytes: 1 << 20 } }) },
  { name: 'package over the total budget', rule: 'shape/total-size', entries: basePackage(), policy: (p) => ({ ...p, budgets: { ...p.budgets, maxUnpackedBytes: 300 } }) },
  { name: 'size drift against the previous release', rule: 'shape/size-drift', entries: withFiles([{ path: 'package/dist/external/chunks/more-ABCDEFGH.js', content: 'y'.repeat(2000) }]), policy: (p) => ({ ...p, previous: { ...p.previous!, version: '0.9.0', unpackedSize: 600 } }) },
  // maps and source
  { name: '.map file', rule: 'maps/map-file', entries: withFiles([{ path: 'package/dist/external/cli.js.map', content: 'not even json' }]) },
  { name: '.map renamed .json', rule: 'maps/sourcemap-json', entries: withFiles([{ path: 'package/dist/external/cli.js.json', content: MAP_JSON }]) },
  { name: 'map behind an XSSI prefix in a .txt', rule: 'maps/sourcemap-json', entries: withFiles([{ path: 'package/dist/external/notes.txt', content: `)]}'\n${MAP_JSON}` }]) },
  { name: 'sourcesContent embedded in code', rule: 'maps/sources-content', entries: withFiles([], mainWith('var m={version:3,sourcesContent:["x"]}')) },
  { name: '//# sourceMappingURL at the end', rule: 'maps/sourcemap-comment', entries: withFiles([], { [MAIN]: 'export async function main(){return 0}\n//# sourceMappingURL=main.js.map\n' }) },
  { name: '//@ sourceURL (old form)', rule: 'maps/sourcemap-comment', entries: withFiles([], mainWith('//@ sourceURL=src/entrypoints/cli.ts\n')) },
  { name: 'CSS map comment', rule: 'maps/sourcemap-comment', entries: withFiles([{ path: 'package/dist/external/app.css', content: 'a{color:red}\n/*# sourceMappingURL=app.css.map */\n' }]) },
  { name: 'map comment inside a minified line', rule: 'maps/sourcemap-comment', entries: withFiles([], mainWith('a();/*# sourceMappingURL=main.js.map */b()')) },
  { name: 'inline base64 map holding a key', rule: 'secrets/anthropic', also: ['maps/sourcemap-comment', 'maps/sources-content'], entries: withFiles([], { [MAIN]: `export async function main(){return 0}\n${inlineMap({ sourcesContent: [`const key = "${SECRETS.anthropic}";`] })}\n` }) },
  { name: 'remote map URL to an object store', rule: 'maps/remote-reference', also: ['maps/sourcemap-comment'], entries: withFiles([], mainWith('\n//# sourceMappingURL=https://wren-builds.s3.amazonaws.com/1.0.0/main.js.map\n')) },
  { name: 'archive URL in a string', rule: 'maps/remote-reference', entries: withFiles([], mainWith('const u="https://example.com/downloads/wren-src.tar.gz"')) },
  { name: 'gs:// bucket reference', rule: 'maps/remote-reference', entries: withFiles([], mainWith('const u="gs://wren-internal-builds/src"')) },
  { name: 'TypeScript source', rule: 'source/typescript', entries: withFiles([{ path: 'package/dist/external/index.ts', content: 'export const a: number = 1;\n' }]) },
  { name: 'src/ folder', rule: 'source/src-folder', entries: withFiles([{ path: 'package/src/util.js', content: 'export const a = 1;\n' }]) },
  { name: 'tsconfig', rule: 'source/tsconfig', entries: withFiles([{ path: 'package/tsconfig.build.json', content: '{}' }]) },
  { name: 'tsbuildinfo', rule: 'source/tsbuildinfo', entries: withFiles([{ path: 'package/dist/build.tsbuildinfo', content: '{}' }]) },
  { name: '/home/ path (a CI checkout that is not an allowed dependency path)', rule: 'source/build-paths', entries: withFiles([], mainWith('const f="/home/runner/build/wren/src/cli.ts"')) },
  { name: 'escaped C:\\Users\\ path', rule: 'source/build-paths', entries: withFiles([], mainWith('const f="C:\\\\Users\\\\dev\\\\wren\\\\src"')) },
  { name: 'webpack:// URL', rule: 'source/build-paths', entries: withFiles([], mainWith('const f="webpack://wren/./src/cli.ts"')) },
  { name: 'path of the machine running the verifier', rule: 'source/build-paths', entries: withFiles([], mainWith(`const f=${JSON.stringify(`${REPO_ROOT.replace(/\/$/, '')}/src/cli.ts`)}`)) },
  // secrets
  { name: '.env.production in a subfolder', rule: 'secrets/filename', entries: withFiles([{ path: 'package/dist/external/config/.env.production', content: 'API_URL=https://api.example.com\n' }]) },
  { name: '.npmrc', rule: 'secrets/filename', entries: withFiles([{ path: 'package/.npmrc', content: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }]) },
  { name: 'key file by extension', rule: 'secrets/filename', entries: withFiles([{ path: 'package/dist/server.pem', content: 'placeholder\n' }]) },
  { name: 'log file', rule: 'secrets/filename', entries: withFiles([{ path: 'package/npm-debug.log', content: 'verbose\n' }]) },
  { name: 'database', rule: 'secrets/filename', entries: withFiles([{ path: 'package/dist/cache.sqlite', content: 'SQLite format 3' }]) },
  { name: 'archive', rule: 'secrets/filename', entries: withFiles([{ path: 'package/dist/source.zip', content: 'PK' }]) },
  { name: 'test fixtures folder', rule: 'secrets/filename', entries: withFiles([{ path: 'package/dist/__fixtures__/session.json', content: '{}' }]) },
  { name: '.wren/ folder', rule: 'secrets/filename', entries: withFiles([{ path: 'package/.wren/settings.json', content: '{}' }]) },
  { name: '.mcp.json', rule: 'secrets/filename', entries: withFiles([{ path: 'package/.mcp.json', content: '{}' }]) },
  { name: 'Anthropic key in a string', rule: 'secrets/anthropic', entries: withFiles([], mainWith(`const k="${SECRETS.anthropic}"`)) },
  { name: 'Anthropic key base64-encoded in a string', rule: 'secrets/anthropic', entries: withFiles([], mainWith(`const k=atob("${b64(`key=${SECRETS.anthropic}`)}")`)) },
  { name: 'Anthropic key percent-encoded in a data: URI', rule: 'secrets/anthropic', entries: withFiles([], mainWith(`const u="data:text/plain,${[...`k=${SECRETS.anthropic}`].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}"`)) },
  { name: 'OpenAI key', rule: 'secrets/openai', entries: withFiles([], mainWith(`const k="${SECRETS.openai}"`)) },
  { name: 'AWS access key id', rule: 'secrets/aws', entries: withFiles([], mainWith(`const k="${SECRETS.aws}"`)) },
  { name: 'GitHub token', rule: 'secrets/github', entries: withFiles([], mainWith(`const k="${SECRETS.github}"`)) },
  { name: 'npm token', rule: 'secrets/npm', entries: withFiles([], mainWith(`const k="${SECRETS.npm}"`)) },
  { name: 'private key', rule: 'secrets/private-key', entries: withFiles([], mainWith(`const k=${JSON.stringify(SECRETS.privateKey)}`)) },
  // internal names
  { name: 'codename in a string', rule: 'internal/forbidden-strings', entries: withFiles([], mainWith(`const m="claude-${CODENAME}-1"`)) },
  { name: 'off-flag marker in code', rule: 'internal/forbidden-strings', entries: withFiles([], mainWith(`const t={name:"${OFF_MARKER}"}`)) },
  { name: 'codename only in base64', rule: 'internal/forbidden-strings', entries: withFiles([], mainWith(`const m=atob("${b64(`model: claude-${CODENAME}-1 with a long enough payload to decode`)}")`)) },
  { name: 'codename in a README that ships', rule: 'internal/forbidden-strings', entries: withFiles([], { 'package/README.md': `# wren\n\nTry the ${CODENAME} model.\n` }) },
  { name: 'codename in a file name', rule: 'internal/forbidden-strings', entries: withFiles([{ path: `package/dist/external/chunks/${CODENAME}-ABCDEFGH.js`, content: 'export{}' }]) },
  // manifest
  { name: 'no package.json', rule: 'manifest/package-json', entries: basePackage().filter((s) => s.path !== 'package/package.json') },
  { name: 'another package name', rule: 'manifest/package-json', entries: withManifest((m) => { m.name = 'wren-code-typo'; }) },
  { name: 'publint: main points at a missing file', rule: 'manifest/publint', entries: withManifest((m) => { m.main = 'dist/external/missing.js'; }) },
  { name: 'postinstall script', rule: 'manifest/install-scripts', entries: withManifest((m) => { m.scripts = { postinstall: 'node setup.js' }; }) },
  { name: 'binding.gyp (implicit node-gyp rebuild)', rule: 'manifest/install-scripts', entries: withFiles([{ path: 'package/binding.gyp', content: '{"targets":[]}' }]) },
  { name: 'bin target missing', rule: 'manifest/bin', also: ['manifest/publint'], entries: withManifest((m) => { m.bin = { wren: 'dist/external/wren.js' }; }) },
  { name: 'bin without a shebang', rule: 'manifest/bin', also: ['manifest/publint'], entries: withFiles([], { [CLI]: 'import("./chunks/main-ABCDEFGH.js");\n' }) },
  { name: 'bin with CRLF endings', rule: 'manifest/bin', entries: withFiles([], { [CLI]: '#!/usr/bin/env node\r\nimport("./chunks/main-ABCDEFGH.js");\r\n' }) },
  { name: 'file: dependency', rule: 'manifest/dependency-specs', entries: withManifest((m) => { m.devDependencies = { helper: 'file:../helper' }; }) },
  { name: 'git dependency (a new runtime one too)', rule: 'manifest/dependency-specs', also: ['manifest/new-runtime-dependency'], entries: withManifest((m) => { m.dependencies = { helper: 'github:someone/helper' }; }) },
  { name: 'no files field', rule: 'manifest/files-field', entries: withManifest((m) => { delete m.files; }) },
  { name: 'new runtime dependency', rule: 'manifest/new-runtime-dependency', entries: withManifest((m) => { m.dependencies = { 'left-pad': '^1.3.0' }; }) },
  // supply chain
  { name: 'compromised axios in the manifest', rule: 'supply-chain/compromised', entries: withManifest((m) => { m.devDependencies = { axios: '^1.14.0' }; }) },
  { name: 'plain-crypto-js locked', rule: 'supply-chain/compromised', entries: basePackage(), policy: lock({ 'node_modules/plain-crypto-js': { version: '4.2.1', integrity: `sha512-${b64(fill(64))}` } }) },
  { name: 'compromised package bundled in node_modules', rule: 'supply-chain/compromised', entries: withFiles([{ path: 'package/node_modules/plain-crypto-js/package.json', content: '{"name":"plain-crypto-js","version":"4.2.1"}' }]) },
  { name: 'locked package without integrity', rule: 'supply-chain/lockfile-integrity', entries: basePackage(), policy: lock({ 'node_modules/left-pad': { version: '1.3.0' } }) },
  { name: 'locked package with only sha1', rule: 'supply-chain/lockfile-integrity', entries: basePackage(), policy: lock({ 'node_modules/left-pad': { version: '1.3.0', integrity: 'sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=' } }) },
  { name: 'locked package from git', rule: 'supply-chain/lockfile-registry', entries: basePackage(), policy: lock({ 'node_modules/helper': { version: '1.0.0', resolved: 'git+ssh://git@github.com/someone/helper.git#abc', integrity: `sha512-${b64(fill(64))}` } }) },
  { name: 'locked package from another host', rule: 'supply-chain/lockfile-registry', entries: basePackage(), policy: lock({ 'node_modules/helper': { version: '1.0.0', resolved: 'https://evil.example.com/helper-1.0.0.tgz', integrity: `sha512-${b64(fill(64))}` } }) },
];

/** Packages that must pass: each guards a rule against over-reach. */
export const CLEAN_CASES: readonly CorpusCase[] = [
  { name: 'the base package', rule: '', entries: basePackage() },
  { name: 'a .d.ts file', rule: '', entries: withFiles([{ path: 'package/dist/external/index.d.ts', content: 'export declare const a: number;\n' }]) },
  { name: 'an approved runtime dependency', rule: '', entries: withManifest((m) => { m.dependencies = { 'left-pad': '1.3.0' }; }), policy: (p) => ({ ...p, approvedDependencies: [{ name: 'left-pad', spec: '1.3.0', reason: 'fixture' }] }) },
  { name: 'a dependency the previous release had', rule: '', entries: withManifest((m) => { m.dependencies = { 'left-pad': '1.3.0' }; }), policy: (p) => ({ ...p, previous: { ...p.previous!, dependencies: { 'left-pad': '1.3.0' } } }) },
  { name: 'an .npmrc-style ${VAR} reference in code', rule: '', entries: withFiles([], mainWith('const rc="//registry.npmjs.org/:_authToken=${NPM_TOKEN}"')) },
  { name: 'a URL path that contains /home/', rule: '', entries: withFiles([], mainWith('const u="https://docs.example.com/home/start"')) },
  { name: 'a plain https URL', rule: '', entries: withFiles([], mainWith('const u="https://api.anthropic.com/v1/messages"')) },
  { name: "a dependency's build path listed in allowed-build-paths.json", rule: '', entries: withFiles([], mainWith(`const a="${ALLOWED_BUILD_PATH}javascript/../yoga/style"`)) },
];
