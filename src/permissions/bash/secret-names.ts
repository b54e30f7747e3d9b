/**
 * Names of environment variables that hold credentials. A command that expands one
 * (`echo $ANTHROPIC_API_KEY`, `curl -H "x: ${GITHUB_TOKEN}"`) prints or sends the
 * secret, whatever the command: it is never auto-allowed. Over-matching only asks.
 */
const SECRET_PARTS = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i;
const SECRET_PREFIXES = /^(ANTHROPIC_|AWS_)/i;

/** Whether a variable of this name looks like it holds a secret. */
export function isSecretVariableName(name: string): boolean {
  return SECRET_PARTS.test(name) || SECRET_PREFIXES.test(name);
}
