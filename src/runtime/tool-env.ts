/**
 * Variables that hold the credentials Wren talks to the API with. They go to
 * the API client only: a command the model runs (Bash, background shells) or
 * a hook must not be able to print them, since whatever it prints goes back to
 * the model and into the transcript.
 */
export const API_CREDENTIAL_VARIABLES = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_CUSTOM_HEADERS'] as const;

/**
 * The environment tools and hooks run with: the session's environment without
 * the API credentials. (A key printed by apiKeyHelper is never in it: it is
 * added to the API connection's environment only.)
 */
export function toolEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const name of API_CREDENTIAL_VARIABLES) delete out[name];
  return out;
}
