/**
 * Environment variables that redirect where Wren sends the user's key or data,
 * what it trusts, or what it (or a program it starts: git, npm, bash, python...)
 * runs: a project setting them is the attack, so the trust dialog names each one
 * it would set.
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
  'SSLKEYLOGFILE',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'CURL_HOME',
  'WGETRC',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'FTP_PROXY',
  'BASH_ENV',
  'ENV',
  // bash: options, code run before every prompt or traced command, how words split and cd searches.
  'SHELLOPTS',
  'BASHOPTS',
  'PROMPT_COMMAND',
  'PS0',
  'PS1',
  'PS4',
  'IFS',
  'CDPATH',
  'GLOBIGNORE',
  'INPUTRC',
  'ZDOTDIR',
  // Programs other programs run for them.
  'PAGER',
  'MANPAGER',
  'EDITOR',
  'VISUAL',
  'BROWSER',
  'LESSOPEN',
  'LESSCLOSE',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'DOTNET_STARTUP_HOOKS',
  'GCONV_PATH',
  'HOSTALIASES',
  // Where every XDG program (git included) reads its configuration.
  'XDG_CONFIG_HOME',
  'XDG_CONFIG_DIRS',
  'XDG_DATA_HOME',
]);

/**
 * Prefixes matched case-insensitively. GIT_: GIT_EXTERNAL_DIFF, GIT_CONFIG_* (GIT_CONFIG_COUNT/KEY_n/VALUE_n
 * set any key), GIT_ASKPASS, GIT_EXEC_PATH, GIT_SSH_COMMAND, GIT_DIR, GIT_SSL_NO_VERIFY... npm_config_*
 * (script-shell, registry), PYTHONPATH/PYTHONSTARTUP, PERL5OPT/PERL5LIB, RUBYOPT/RUBYLIB, LD_PRELOAD and
 * LD_LIBRARY_PATH, DYLD_*, exported bash functions (BASH_FUNC_name%%), PIP_INDEX_URL.
 */
const SENSITIVE_PREFIXES = ['OTEL_', 'ANTHROPIC_', 'WREN_', 'NODE_', 'CLAUDE_', 'GIT_', 'NPM_CONFIG_', 'YARN_', 'PNPM_', 'PIP_',
  'PYTHON', 'PERL5', 'PERL_', 'RUBY', 'GEM_', 'BUNDLE_', 'LD_', 'DYLD_', 'BASH_FUNC_', 'CARGO_', 'RUSTC', 'GOFLAGS', 'GOPROXY'];

/** Whether setting this variable could redirect the API, certificates, telemetry, config or code run. */
export function isSensitiveEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return SENSITIVE_EXACT.has(upper) || SENSITIVE_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
