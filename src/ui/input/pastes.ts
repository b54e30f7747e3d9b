/*
 * Large pastes are shown in the prompt as a placeholder and expanded on
 * submit, so a 2,000-line log does not turn the prompt into a wall of text.
 */

/** A paste with more lines than this, or more characters, is collapsed. */
export const PASTE_MAX_LINES = 8;
export const PASTE_MAX_CHARS = 800;

const PLACEHOLDER = /\[Pasted text #(\d+)(?: \+\d+ lines)?\]/g;

export function shouldCollapse(text: string): boolean {
  return text.length > PASTE_MAX_CHARS || lineCount(text) > PASTE_MAX_LINES;
}

export function lineCount(text: string): number {
  return text.split('\n').length;
}

/** The pastes of the prompt being written, by number. */
export class PasteRegistry {
  private readonly pastes = new Map<number, string>();
  private next = 1;

  /** Stores a paste; returns the placeholder to insert. */
  add(text: string): string {
    const id = this.next++;
    this.pastes.set(id, text);
    return placeholder(id, text);
  }

  /** The prompt with every placeholder replaced by its paste (unknown numbers stay as typed). */
  expand(prompt: string): string {
    return prompt.replace(PLACEHOLDER, (match, id: string) => this.pastes.get(Number(id)) ?? match);
  }

  /** Pastes whose placeholder is still in `prompt` (for history). */
  used(prompt: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const m of prompt.matchAll(PLACEHOLDER)) {
      const text = this.pastes.get(Number(m[1]));
      if (text !== undefined) out[m[1]!] = text;
    }
    return out;
  }

  /** Restores pastes recalled from history. */
  restore(pastes: Readonly<Record<string, string>>): void {
    for (const [id, text] of Object.entries(pastes)) {
      this.pastes.set(Number(id), text);
      this.next = Math.max(this.next, Number(id) + 1);
    }
  }

  clear(): void {
    this.pastes.clear();
    this.next = 1;
  }
}

export function placeholder(id: number, text: string): string {
  const lines = lineCount(text);
  return lines > 1 ? `[Pasted text #${id} +${lines} lines]` : `[Pasted text #${id}]`;
}
