/** How a text file's bytes were encoded; kept so a rewrite changes only what was edited. */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** Decoded text and how to encode it back. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/** The encoding announced by a byte-order mark; UTF-8 without a BOM otherwise. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/** The WHATWG label of an encoding, for TextDecoder. */
export function decoderLabel(encoding: TextEncoding): string {
  return encoding === 'utf16le' ? 'utf-16le' : encoding === 'utf16be' ? 'utf-16be' : 'utf-8';
}

/** Decodes bytes, dropping the BOM (it is restored by `encodeText`). */
export function decodeText(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  return { text: new TextDecoder(decoderLabel(encoding)).decode(bytes), encoding };
}

/** Encodes text back into `encoding`, BOM included. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
  }
}

/**
 * Whether bytes look binary: a NUL byte in the sample, as git and ripgrep decide.
 * UTF-16 text (with a BOM) is full of NULs and is not binary.
 */
export function looksBinary(sample: Uint8Array): boolean {
  const encoding = detectEncoding(sample);
  if (encoding === 'utf16le' || encoding === 'utf16be') return false;
  return sample.includes(0);
}

/** A file's line ending: CRLF only when every line break is CRLF (mixed files are edited as they are). */
export function detectLineEnding(text: string): 'crlf' | 'lf' {
  const lf = countOf(text, '\n');
  if (lf === 0) return 'lf';
  return countOf(text, '\r\n') === lf ? 'crlf' : 'lf';
}

/** Non-overlapping occurrences of `needle` in `haystack` (needle non-empty). */
export function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

/** Number of lines as an editor counts them: a final newline does not start another line. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const breaks = countOf(text, '\n');
  return text.endsWith('\n') ? breaks : breaks + 1;
}
