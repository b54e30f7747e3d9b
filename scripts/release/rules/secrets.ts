import { redactOne, SECRET_PATTERNS } from '../secret-patterns.ts';
import type { Rule } from './types.ts';
import { basename, scanFiles } from './scan.ts';

/** File names that hold secrets or never belong in a package, by kind (the kind is the message). */
const DENIED_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^\.env(?:$|[.\-_])|^\.envrc$/i, 'environment file'],
  [/^(?:\.npmrc|\.yarnrc(?:\.yml)?|\.pypirc|\.netrc|_netrc|\.git-credentials|\.pgpass|\.htpasswd|\.dockercfg)$/i, 'credentials configuration'],
  [/^id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$|\.(?:pem|key|p12|pfx|jks|keystore|ppk|gpg|kdbx|ovpn)$/i, 'key material'],
  [/\.(?:crt|cer|der|csr|p7b)$/i, 'certificate'],
  [/^(?:credentials?|secrets?)(?:\.(?:json|ya?ml|xml|txt|ini|csv|toml))?$|\.credentials$|^(?:service[-_]?account|client[-_]secret).*\.json$/i, 'credentials file'],
  [/\.log$|^(?:npm-debug|yarn-error|lerna-debug)\.log/i, 'log file'],
  [/\.(?:sqlite3?|db|sql|mdb|dump|rdb)$/i, 'database'],
  [/\.(?:zip|tar|tgz|gz|7z|rar|bz2|tbz2?|xz|txz|zst)$/i, 'archive'],
  [/\.(?:test|spec)\.[cm]?[jt]sx?$|\.snap$/i, 'test file'],
  [/^(?:\.mcp\.json|\.DS_Store|\.(?:bash|zsh|node_repl|python|psql)_history)$/i, 'local tool state'],
];

/** Folder names that never belong in a package. */
const DENIED_DIRS: ReadonlyMap<string, string> = new Map([
  ...['.wren', '.ssh', '.aws', '.gnupg', '.docker', '.git', '.kube', '.azure', '.config'].map((d) => [d, 'local configuration or credentials folder'] as const),
  ...['__fixtures__', 'fixtures', '__tests__', 'test', 'tests', '__snapshots__', '__mocks__', 'coverage', '.nyc_output'].map((d) => [d, 'test fixtures or test output'] as const),
]);

/** Why a package-relative path is a file the package must not carry, or undefined. */
export function deniedFileName(relative: string): string | undefined {
  const parts = relative.split('/');
  for (const dir of parts.slice(0, -1)) {
    const why = DENIED_DIRS.get(dir);
    if (why) return `${why} (${dir}/)`;
  }
  const name = parts[parts.length - 1] ?? '';
  return DENIED_NAMES.find(([regex]) => regex.test(name))?.[1];
}

const filenameRule: Rule = {
  id: 'secrets/filename', family: 'secrets', scope: 'any',
  title: 'No secret-bearing or stray files by name',
  reason: 'npm packs `.env`, keys, `.npmrc`, logs and fixtures whenever `files` matches them; `.npmignore` does not override `files`.',
  fix: 'Remove the file from the package (narrow `files`); if it held a credential, rotate it.',
  run: (ctx) => ctx.files.flatMap((e) => {
    const why = deniedFileName(ctx.relative(e));
    return why ? [{ file: e.path, message: why }] : [];
  }),
};

/** One rule per credential shape, applied to raw and decoded content. */
const contentRules: Rule[] = SECRET_PATTERNS.map((pattern) => ({
  id: `secrets/${pattern.id}`,
  family: 'secrets',
  scope: 'any',
  title: `No ${pattern.title}`,
  reason: 'A credential in a published package is public forever; scanners miss keys hidden in inline base64 source maps, so decoded content is scanned too.',
  fix: `Revoke and rotate the ${pattern.title} now, then remove it from the source and rebuild.`,
  run: (ctx) => scanFiles(ctx, pattern.regex, (m) => ({ message: `${pattern.title} ${redactOne(m[0], pattern)}` })),
}));

export const SECRET_RULES: readonly Rule[] = [filenameRule, ...contentRules];
