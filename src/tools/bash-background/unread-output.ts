/**
 * Output of a background shell that the model has not read yet. Reading
 * drains it; a shell that prints faster than it is read loses its oldest
 * unread text past `maxChars`, and the next read says how much.
 */
export interface UnreadOutput {
  push(chunk: Uint8Array): void;
  /** Flushes a character split across chunks; call when the stream ends. */
  end(): void;
  /**
   * Takes what is unread. With `filter`, only matching lines are returned
   * (the others are consumed too), and while the stream is open an unfinished
   * last line stays for the next read, so the filter never sees half a line.
   */
  take(filter?: RegExp): { readonly text: string; readonly droppedChars: number };
}

export function createUnreadOutput(maxChars: number): UnreadOutput {
  const decoder = new TextDecoder();
  let pending = '';
  let dropped = 0;
  let ended = false;

  const append = (text: string): void => {
    pending += text;
    if (pending.length > maxChars) {
      dropped += pending.length - maxChars;
      pending = pending.slice(pending.length - maxChars);
    }
  };

  return {
    push(chunk) {
      append(decoder.decode(chunk, { stream: true }));
    },
    end() {
      if (ended) return;
      ended = true;
      append(decoder.decode());
    },
    take(filter) {
      const cut = ended || !filter ? pending.length : pending.lastIndexOf('\n') + 1;
      let text = pending.slice(0, cut);
      pending = pending.slice(cut);
      const droppedChars = dropped;
      dropped = 0;
      if (filter) {
        const lines = text.split('\n');
        if (lines.at(-1) === '') lines.pop();
        text = lines.filter((line) => {
          filter.lastIndex = 0; // a /g or /y filter is stateful across test() calls
          return filter.test(line);
        }).map((line) => `${line}\n`).join('');
      }
      return { text, droppedChars };
    },
  };
}
