import { describe, expect, it } from 'vitest';
import { isSensitiveEnvName } from '../../src/config/index.ts';

/*
 * Variables a project's settings `env` may not set without the trust dialog naming them:
 * each one makes git, npm, bash, python... run a program, trust a certificate, or read
 * configuration from somewhere the project chooses.
 */
describe('sensitive environment variables', () => {
  it.each([
    // The security review's list.
    'GIT_EXTERNAL_DIFF', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0',
    'GIT_ASKPASS', 'GIT_EXEC_PATH', 'GIT_SSL_NO_VERIFY', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'PS4', 'npm_config_script_shell',
    'npm_config_registry', 'PYTHONPATH', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'LD_LIBRARY_PATH', 'CURL_CA_BUNDLE', 'PIP_INDEX_URL',
    'XDG_CONFIG_HOME',
    // And their neighbours.
    'GIT_PAGER', 'GIT_DIR', 'PAGER', 'EDITOR', 'CDPATH', 'IFS', 'BASH_FUNC_ls%%', 'https_proxy', 'CLAUDE_CONFIG_DIR', 'SSLKEYLOGFILE',
    'ANTHROPIC_BASE_URL', 'NODE_OPTIONS', 'BASH_ENV', 'LD_PRELOAD', 'DYLD_INSERT_LIBRARIES',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveEnvName(name)).toBe(true);
  });

  it.each(['DEBUG', 'LOG_LEVEL', 'FOO', 'MY_APP_PORT', 'TZ', 'LANG'])('%s is not', (name) => {
    expect(isSensitiveEnvName(name)).toBe(false);
  });
});
