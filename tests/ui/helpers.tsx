import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { App } from '../../src/ui/components/App.tsx';
import { loadCommands } from '../../src/ui/commands/registry.ts';
import type { SlashCommand } from '../../src/ui/commands/types.ts';
import { PromptHistory } from '../../src/ui/input/history.ts';
import type { InputMode } from '../../src/ui/input/input-mode.ts';
import { stripAnsi } from '../../src/ui/markdown/ansi.ts';
import type { InteractiveRuntime } from '../../src/ui/runtime.ts';
import { SessionController } from '../../src/ui/state/controller.ts';
import { UiStore } from '../../src/ui/state/store.ts';
import { createTheme, ThemeContext } from '../../src/ui/theme.ts';

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlR: '\x12',
  ctrlJ: '\n',
  altEnter: '\x1b\r',
  paste: (text: string) => `\x1b[200~${text}\x1b[201~`,
} as const;

/** Renders inside the theme (colour off, so frames are plain text). */
export function renderThemed(node: ReactElement, color = false) {
  return render(<ThemeContext value={createTheme(color)}>{node}</ThemeContext>);
}

/** The last frame without styling. */
export function frameOf(r: { lastFrame: () => string | undefined }): string {
  return stripAnsi(r.lastFrame() ?? '');
}

/** Waits until the frame contains `text` (ink renders asynchronously). */
export async function waitForFrame(r: { lastFrame: () => string | undefined }, text: string | RegExp, timeout = 3000): Promise<string> {
  return vi.waitFor(() => {
    const frame = frameOf(r);
    const ok = typeof text === 'string' ? frame.includes(text) : text.test(frame);
    if (!ok) throw new Error(`frame does not contain ${String(text)}:\n${frame}`);
    return frame;
  }, { timeout, interval: 10 });
}

/** Writes keys one event at a time, letting ink process each. */
export async function press(stdin: { write: (s: string) => void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    // Let React flush effects first: an input hook attaches its listener in one.
    await new Promise((r) => setTimeout(r, 1));
    stdin.write(key);
  }
  await new Promise((r) => setTimeout(r, 1));
}

/** Types text character by character. */
export async function type(stdin: { write: (s: string) => void }, text: string): Promise<void> {
  await press(stdin, ...[...text]);
}

export interface AppHarness {
  /** Files opened in the editor (/memory). */
  readonly edited: string[];
  readonly store: UiStore;
  readonly controller: SessionController;
  readonly exits: { code: number; reason: string }[];
  readonly r: ReturnType<typeof render>;
}

/** The whole App over a (fake) runtime, keys unguarded (armDelayMs 0) unless given. */
export function renderApp(runtime: InteractiveRuntime, options: { armDelayMs?: number; inputMode?: InputMode; extraCommands?: SlashCommand[]; history?: PromptHistory } = {}): AppHarness {
  const store = new UiStore(runtime.info());
  const controller = new SessionController({ runtime, store });
  const exits: { code: number; reason: string }[] = [];
  const edited: string[] = [];
  const r = renderThemed(
    <App runtime={runtime} store={store} controller={controller} history={options.history ?? new PromptHistory(undefined)}
      loadCommands={async () => [...await loadCommands(runtime.info()), ...(options.extraCommands ?? [])]}
      onReady={() => store.append({ kind: 'welcome', info: runtime.info() })}
      onExit={(code, reason) => exits.push({ code, reason })}
      openEditor={async (path) => {
        edited.push(path);
      }} clearScreen={() => {}}
      armDelayMs={options.armDelayMs ?? 0}
      {...(options.inputMode ? { inputMode: options.inputMode } : {})} />,
  );
  return { store, controller, exits, edited, r };
}
