/*
 * Streaming markdown is committed block by block: everything before the last
 * complete block boundary is final (it is rendered once and written to the
 * scrollback); only the block still growing is re-rendered on each chunk. So
 * the cost of a chunk depends on the size of one block, never on the length
 * of the answer or of the conversation.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The length of the prefix of `text` made of complete blocks: it ends after a
 * blank line that is outside any code fence and is followed by a line starting
 * with a non-blank character (an indented line may continue a list item, so it
 * is not a boundary). 0 when there is none.
 */
export function stableBoundary(text: string): number {
  let boundary = 0;
  let fence: string | undefined;
  let previousBlank = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const end = text.indexOf('\n', lineStart);
    // The last line is still streaming unless it ends with a newline: it can start a boundary, not end one.
    const complete = end !== -1;
    const line = text.slice(lineStart, complete ? end : text.length);
    if (fence === undefined && previousBlank && line.length > 0 && !/^\s/.test(line)) boundary = lineStart;
    const marker = FENCE.exec(line)?.[1];
    if (complete && marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim().length === marker.length) fence = undefined;
    }
    previousBlank = complete && line.trim() === '';
    if (!complete) break;
    lineStart = end + 1;
  }
  return boundary;
}
