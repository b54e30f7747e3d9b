/** Small formatters shared by the spinner, the status line and the panels. */

/** 0.0123 -> "$0.0123", 1.5 -> "$1.50". */
export function formatCost(usd: number): string {
  return usd < 0.5 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** 950 -> "950", 12_300 -> "12.3k", 2_400_000 -> "2.4M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** 4200 -> "4s", 125000 -> "2m 5s". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}

/** The first line of `text`, cut to `max` columns with an ellipsis. */
export function firstLine(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, Math.max(0, max - 1))}…` : line;
}
