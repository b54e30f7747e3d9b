import { redact } from './secret-patterns.ts';

/** Where one decoded piece sits inside a combined view. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  /** Where the decoded text came from (`base64 at offset 120`). */
  readonly origin: string;
}

/**
 * A readable form of a file's bytes: the raw text, or everything decoded from it
 * at one level (inline `data:` URIs, long base64 runs) joined in one string.
 * Content rules scan every view, so a key hidden in a base64 source map is
 * found like a key in plain text. Joining keeps the number of scans per file
 * constant however many blobs a file holds.
 */
export interface View {
  readonly text: string;
  /** Empty for the raw bytes; for a decoded view, its pieces in order. */
  readonly segments: readonly Segment[];
}

/** Base64 runs shorter than this are not decoded (identifiers, hashes). */
const MIN_BASE64_RUN = 64;
/** Decoded text is decoded again this many times (a base64 map inside a base64 map). */
const MAX_DEPTH = 2;
/** Between decoded pieces: no pattern the rules look for spans a NUL. */
const SEPARATOR = '\n\0\n';

const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') BASE64_CHAR[c.charCodeAt(0)] = 1;

/**
 * Every view of a file: raw text first (latin1: one char per byte, so offsets
 * are byte offsets and binary files scan safely), then one view per decoding level.
 */
export function fileViews(data: Buffer): View[] {
  const views: View[] = [{ text: data.toString('latin1'), segments: [] }];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const pieces = decodeOnce(views[views.length - 1]!);
    if (!pieces.length) break;
    const segments: Segment[] = [];
    let at = 0;
    for (const piece of pieces) {
      segments.push({ start: at, end: at + piece.text.length, origin: piece.origin });
      at += piece.text.length + SEPARATOR.length;
    }
    views.push({ text: pieces.map((p) => p.text).join(SEPARATOR), segments });
  }
  return views;
}

/** The decoded piece holding `index`, found by binary search. */
export function segmentAt(view: View, index: number): Segment | undefined {
  let lo = 0;
  let hi = view.segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = view.segments[mid]!;
    if (index < s.start) hi = mid - 1;
    else if (index >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Where a piece of a view came from, as the report says it (`base64 at offset 9, then data: URI at offset 3`). */
function originOf(view: View, index: number): string {
  const segment = segmentAt(view, index);
  return segment ? segment.origin : '';
}

const isBase64 = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i);
  return code < 128 && BASE64_CHAR[code] === 1;
};

/**
 * The [start, end) ranges of base64-alphabet runs of at least MIN_BASE64_RUN
 * characters. A run that long covers at least one multiple of MIN_BASE64_RUN,
 * so only those positions are probed and grown both ways: linear, and about
 * a tenth of the character reads of a plain scan on minified code.
 */
export function* base64Runs(text: string): Generator<[number, number]> {
  let floor = 0;
  for (let probe = MIN_BASE64_RUN - 1; probe < text.length; probe += MIN_BASE64_RUN) {
    if (probe < floor || !isBase64(text, probe)) continue;
    let start = probe;
    while (start > floor && isBase64(text, start - 1)) start--;
    let end = probe + 1;
    while (end < text.length && isBase64(text, end)) end++;
    floor = end;
    if (end - start >= MIN_BASE64_RUN) yield [start, end];
  }
}

/** What one level of decoding yields from a view: data: URIs first, then other long base64 runs. */
function decodeOnce(view: View): { text: string; origin: string }[] {
  const out: { text: string; origin: string }[] = [];
  const text = view.text;
  const covered: [number, number][] = [];
  const where = (at: number, what: string): string => {
    const parent = view.segments.length ? segmentAt(view, at) : undefined;
    return parent ? `${parent.origin}, then ${what} at offset ${at - parent.start}` : `${what} at offset ${at}`;
  };
  for (let at = text.indexOf('data:'); at !== -1; at = text.indexOf('data:', at + 5)) {
    const uri = parseDataUri(text, at);
    if (!uri) continue;
    covered.push([uri.start, uri.end]);
    out.push({ text: uri.decoded, origin: where(at, 'data: URI') });
  }
  let c = 0;
  for (const [i, j] of base64Runs(text)) {
    while (c < covered.length && covered[c]![1] <= i) c++;
    const inside = c < covered.length && covered[c]![0] <= i;
    if (!inside) out.push({ text: Buffer.from(text.slice(i, j), 'base64').toString('latin1'), origin: where(i, 'base64') });
  }
  return out;
}

const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[\w.+-]+)*)(;base64)?,/i;
const BASE64_PAYLOAD = /[A-Za-z0-9+/_-]*={0,2}/y;
const URL_PAYLOAD = /[A-Za-z0-9%._~!$&*+,;=:@/?-]*/y;

function parseDataUri(text: string, at: number): { start: number; end: number; decoded: string } | undefined {
  const head = DATA_URI.exec(text.slice(at, at + 200));
  if (!head) return undefined;
  const start = at + head[0].length;
  const payload = head[3] ? BASE64_PAYLOAD : URL_PAYLOAD;
  payload.lastIndex = start;
  const body = payload.exec(text)?.[0] ?? '';
  if (body.length < 16) return undefined;
  let decoded: string;
  if (head[3]) decoded = Buffer.from(body, 'base64').toString('latin1');
  else {
    try {
      decoded = Buffer.from(decodeURIComponent(body), 'utf8').toString('latin1');
    } catch {
      return undefined;
    }
  }
  return { start, end: start + body.length, decoded };
}

/** Where a match sits in a view, for the report: `line 3` in raw text, the decoding path otherwise. */
export function locate(view: View, index: number): string {
  if (view.segments.length) return `in ${originOf(view, index) || 'decoded content'}`;
  let line = 1;
  for (let i = view.text.indexOf('\n'); i !== -1 && i < index; i = view.text.indexOf('\n', i + 1)) line++;
  return `line ${line}`;
}

const LONG_RUN = /[A-Za-z0-9+/=_-]{40,}/g;

/**
 * A short, printable excerpt around a match, with secrets redacted. Redaction
 * runs on a wider window than is shown, so a key cut at the excerpt's edge is
 * still recognised; long base64-like runs are elided for the same reason.
 */
export function excerpt(view: View, index: number, length: number, width = 40): string {
  // A decoded view is many pieces end to end; an excerpt stays inside its own piece.
  const segment = view.segments.length ? segmentAt(view, index) : undefined;
  const text = segment ? view.text.slice(segment.start, segment.end) : view.text;
  if (segment) index -= segment.start;
  // Wide enough to hold a whole PEM key, so its END marker is seen and its body redacted.
  const margin = 4096;
  const left = redact(text.slice(Math.max(0, index - width - margin), index)).slice(-width);
  const middle = redact(text.slice(index, index + Math.min(length, 200)));
  const right = redact(text.slice(index + length, index + length + width + margin)).slice(0, width);
  const shown = `${index - width > 0 ? '…' : ''}${left}${middle}${right}${index + length + width < text.length ? '…' : ''}`;
  return printable(shown.replace(LONG_RUN, (run) => (run.includes('[REDACTED') ? run : `${run.slice(0, 12)}…[${run.length} chars]`)));
}

/** Latin1 text back to UTF-8 where it decodes, control characters made visible. */
function printable(text: string): string {
  const utf8 = Buffer.from(text, 'latin1').toString('utf8');
  // eslint-disable-next-line no-control-regex
  return utf8.replace(/\r?\n/g, '⏎').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '�');
}
