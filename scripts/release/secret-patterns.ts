/**
 * Credential shapes the verifier refuses, and that every output redacts. One
 * table: the secrets rules scan with it and the redactor replaces with it, so a
 * secret the verifier can name is a secret it never prints.
 */
export interface SecretPattern {
  /** Rule id suffix: the rule is `secrets/<id>`. */
  readonly id: string;
  readonly title: string;
  /** Global regex; must not match another pattern's secrets (the corpus checks one rule per case). */
  readonly regex: RegExp;
  /** How many leading characters are a public prefix that may be shown (`sk-ant-`, `AKIA`). */
  readonly keep: number;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'anthropic',
    title: 'Anthropic API key',
    regex: /sk-ant-(?:api|admin|oat|sid)\d{0,2}-[A-Za-z0-9_-]{20,}|sk-ant-[A-Za-z0-9_-]{32,}/g,
    keep: 7,
  },
  {
    id: 'openai',
    title: 'OpenAI API key',
    // Project, service-account and admin keys, and the legacy 48-character form; never an sk-ant- key.
    regex: /\bsk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|\bsk-(?!ant-)[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b|\bsk-(?!ant-)[A-Za-z0-9]{48}\b/g,
    keep: 3,
  },
  {
    id: 'aws',
    title: 'AWS access key or secret access key',
    // Case-sensitive on purpose (an `i` flag makes the scan several times slower): key ids are upper case,
    // and the secret key is caught after its usual names in either case.
    regex: /\bA(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA|NPA|NVA|IPA)[A-Z2-7]{16}\b|(?:aws|AWS)_?(?:secret|SECRET)_?(?:access|ACCESS)_?(?:key|KEY)["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g,
    keep: 4,
  },
  {
    id: 'github',
    title: 'GitHub token',
    regex: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b/g,
    keep: 4,
  },
  {
    id: 'npm',
    title: 'npm token',
    // Granular and classic automation tokens, and an _authToken assignment that is not a ${VAR} reference.
    regex: /\bnpm_[A-Za-z0-9]{36}\b|_authToken\s*=\s*(?!\$\{)[^\s"'`]{16,}/g,
    keep: 4,
  },
  {
    id: 'private-key',
    title: 'private key',
    // The body (with raw or escaped newlines) is part of the match so redaction hides it too.
    regex: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,-]{0,16384}?-----END [A-Z ]{0,40}-----)?/g,
    keep: 0,
  },
];

/** Text that is safe to print: every secret shape replaced by its public prefix and a marker. */
export function redact(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    pattern.regex.lastIndex = 0;
    out = out.replace(pattern.regex, (match) => redactOne(match, pattern));
  }
  return out;
}

/** How one matched secret is shown. */
export function redactOne(match: string, pattern: SecretPattern): string {
  if (pattern.id === 'private-key') return `${/^-----BEGIN [A-Z ]+-----/.exec(match)?.[0] ?? ''}[REDACTED ${match.length} chars]`;
  return `${match.slice(0, pattern.keep)}[REDACTED ${match.length} chars]`;
}
