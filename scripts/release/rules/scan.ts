import { excerpt, locate, type View } from '../content.ts';
import type { TarEntry } from '../tarball.ts';
import type { Finding, RuleContext } from './types.ts';

/** Past this many findings of one rule in one file, the rest are counted in one line. */
const MAX_PER_FILE = 5;

export interface ScanOptions {
  /** Scan only the raw bytes, not decoded views. @default false */
  readonly rawOnly?: boolean;
  /** Which files to scan. @default every regular file */
  readonly include?: (entry: TarEntry) => boolean;
}

/** What a match becomes; `undefined` drops it (a match the rule decides is fine). */
export type OnMatch = (match: RegExpExecArray, entry: TarEntry, view: View) => { message: string; fix?: string } | undefined;

/**
 * Runs a global regex over every view of every file and turns matches into
 * findings with a location and a redacted excerpt; one finding per distinct
 * matched text per file.
 */
export function scanFiles(ctx: RuleContext, regex: RegExp, onMatch: OnMatch, options: ScanOptions = {}): Finding[] {
  if (!regex.global) throw new Error(`scanFiles needs a global regex: ${regex}`);
  const findings: Finding[] = [];
  for (const entry of ctx.files) {
    if (options.include && !options.include(entry)) continue;
    const views = options.rawOnly ? ctx.views(entry).slice(0, 1) : ctx.views(entry);
    const seen = new Set<string>();
    // Matches the rule judged fine, with the few characters before them (rules may read
    // them): a URL repeated a thousand times is judged once per file.
    const dropped = new Set<string>();
    let extra = 0;
    for (const view of views) {
      regex.lastIndex = 0;
      for (let m = regex.exec(view.text); m; m = regex.exec(view.text)) {
        if (m[0] === '') { regex.lastIndex++; continue; }
        if (seen.has(m[0])) continue;
        const key = view.text.slice(Math.max(0, m.index - 8), m.index) + m[0];
        if (dropped.has(key)) continue;
        const verdict = onMatch(m, entry, view);
        if (!verdict) { dropped.add(key); continue; }
        seen.add(m[0]);
        if (seen.size > MAX_PER_FILE) { extra++; continue; }
        findings.push({
          file: entry.path,
          excerpt: `${locate(view, m.index)}: ${excerpt(view, m.index, m[0].length)}`,
          message: verdict.message,
          ...(verdict.fix ? { fix: verdict.fix } : {}),
        });
      }
    }
    if (extra) findings.push({ file: entry.path, message: `${extra} more distinct match(es) of this rule in the same file` });
  }
  return findings;
}

/**
 * Finds literal strings (case-sensitive) in every view: one alternation regex,
 * longest first, so each view is scanned once whatever the number of needles.
 */
export function scanLiterals(
  ctx: RuleContext,
  needles: readonly { readonly text: string; readonly message: string }[],
  options: ScanOptions = {},
): Finding[] {
  if (!needles.length) return [];
  const byText = new Map(needles.map((n) => [n.text, n.message]));
  const source = [...byText.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return scanFiles(ctx, new RegExp(source, 'g'), (m) => ({ message: byText.get(m[0])! }), options);
}

/** The last path segment. */
export function basename(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1] ?? path;
}
