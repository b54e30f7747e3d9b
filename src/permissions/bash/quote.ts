/**
 * Quotes a value so the shell reads it back as exactly one word with exactly this
 * value: no expansion, no splitting, no command separators. Use it for every untrusted
 * value put into a command line (a branch name, `git config user.email`, a file name).
 * A value starting with `-` is still one word, but the program may read it as an
 * option: put `--` before it where the program supports that.
 */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_\-+=.,/:@%]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
