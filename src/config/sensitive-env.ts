/**
 * Environment variables that redirect where Wren sends the user's key or data,
 * what it trusts, or what it runs: a project setting them is the attack, so
 * the trust dialog names each one it would set.
 */
const SENSITIVE_EXACT = new Set([
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_CUSTOM_HEADERS',
  'WREN_CONFIG_DIR',
  'HOME',
  'PATH',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'LD_PRELOAD',
  'DYLD_INSERT_LIBRARIES',
  'BASH_ENV',
  'ENV',
  'GIT_SSH_COMMAND',
]);

const SENSITIVE_PREFIXES = ['OTEL_', 'ANTHROPIC_', 'WREN_', 'NODE_'];

/** Whether setting this variable could redirect the API, certificates, telemetry, config or code run. */
export function isSensitiveEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return SENSITIVE_EXACT.has(upper) || SENSITIVE_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
