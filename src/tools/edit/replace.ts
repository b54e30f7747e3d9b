import { countOf } from '../shared/text.ts';

/** The outcome of looking for old_string in the file. */
export type ReplaceResult =
  | { readonly ok: true; readonly text: string; readonly replacements: number; readonly firstIndex: number; readonly matched: string }
  | { readonly ok: false; readonly reason: 'no_match' }
  | { readonly ok: false; readonly reason: 'multiple_matches'; readonly count: number };

// Typographic quotes the model tends to turn into straight ones (and back).
const QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };

function straighten(text: string): string {
  return text.replace(/[\u2018\u2019\u201c\u201d]/g, (q) => QUOTES[q]!);
}

/**
 * The text of the file that `search` stands for: itself when present, else the
 * one span that differs from it only by curly vs straight quotes (the
 * substitution keeps lengths, so offsets map one to one).
 */
function actualString(content: string, search: string): string | undefined {
  if (content.includes(search)) return search;
  const straight = straighten(search);
  const index = straighten(content).indexOf(straight);
  return index === -1 ? undefined : content.slice(index, index + search.length);
}

/**
 * Exact string replacement. Must match once unless `replaceAll`. Uses slicing,
 * not String.replace, so `$&` and friends in new_string stay literal.
 */
export function replaceExact(content: string, oldString: string, newString: string, replaceAll: boolean): ReplaceResult {
  const matched = actualString(content, oldString);
  if (matched === undefined) return { ok: false, reason: 'no_match' };
  const count = countOf(content, matched);
  if (count > 1 && !replaceAll) return { ok: false, reason: 'multiple_matches', count };
  const firstIndex = content.indexOf(matched);
  const text = replaceAll
    ? content.split(matched).join(newString)
    : content.slice(0, firstIndex) + newString + content.slice(firstIndex + matched.length);
  return { ok: true, text, replacements: replaceAll ? count : 1, firstIndex, matched };
}
