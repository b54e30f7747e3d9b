/**
 * A matcher as Claude Code reads it, so users' files mean what they meant there:
 * - absent, empty or `*`: every value;
 * - letters, digits, `_`, `-` and `|` only (`Bash`, `Edit|Write`): exact names;
 * - anything else (`mcp__github__.*`, `Notebook.*`): a regular expression,
 *   tested unanchored, as Claude Code does. Over-matching only runs a hook more
 *   often; it can never loosen a permission (a hook can only add vetoes).
 */
export type CompiledMatcher =
  | { readonly ok: true; readonly test: (value: string) => boolean }
  | { readonly ok: false; readonly message: string };

const PLAIN = /^[A-Za-z0-9_|-]+$/;

export function compileMatcher(matcher: string | undefined): CompiledMatcher {
  const text = (matcher ?? '').trim();
  if (text === '' || text === '*') return { ok: true, test: () => true };
  if (PLAIN.test(text)) {
    const names = new Set(text.split('|').filter((n) => n !== ''));
    return { ok: true, test: (value) => names.has(value) };
  }
  let re: RegExp;
  try {
    re = new RegExp(text);
  } catch (error) {
    return { ok: false, message: `matcher "${text}" is not a valid regular expression (${(error as Error).message})` };
  }
  return { ok: true, test: (value) => re.test(value) };
}
