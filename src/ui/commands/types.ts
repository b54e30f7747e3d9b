import type { InteractiveRuntime } from '../runtime.ts';
import type { SessionController } from '../state/controller.ts';
import type { UiStore } from '../state/store.ts';

/** One choice of a picker. */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/** An interactive step a command shows in place of the prompt; Esc cancels it. */
export type CommandView =
  | {
    readonly kind: 'select';
    readonly title: string;
    readonly hint?: string;
    readonly options: readonly SelectOption[];
    /** Called with the chosen value; may show another view. */
    onSelect(value: string): void | Promise<void>;
  }
  | {
    readonly kind: 'text';
    readonly title: string;
    readonly placeholder?: string;
    onSubmit(text: string): void | Promise<void>;
  };

/** What a slash command can reach. */
export interface CommandContext {
  readonly runtime: InteractiveRuntime;
  readonly controller: SessionController;
  readonly store: UiStore;
  /** Every command available now (built-in and user-defined), for /help. */
  readonly commands: () => readonly SlashCommand[];
  /** Shows a picker or a text input instead of the prompt until it is answered or cancelled. */
  show(view: CommandView): void;
  /** Ends the session. */
  exit(): void;
  /** Opens a file in the user's editor, the terminal handed over meanwhile. */
  openEditor(path: string): Promise<void>;
  /** Clears the terminal screen and scrollback (after /clear). */
  clearScreen(): void;
}

/** A slash command: a typed object literal in the registry (built-in) or made from a markdown file. */
export interface SlashCommand {
  /** Typed after the slash. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly description: string;
  /** Shown after the name in completion and /help: `[focus]`. */
  readonly argumentHint?: string;
  readonly source: 'builtin' | 'user' | 'project';
  /** Whether it may run while a turn is in progress (others wait for the turn to end). @default false */
  readonly whileRunning?: boolean;
  run(args: string, ctx: CommandContext): void | Promise<void>;
}
