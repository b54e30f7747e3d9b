import { spawn } from 'node:child_process';
import { render, type Instance } from 'ink';
import type { ComponentType } from 'react';
import { feature } from '../feature/index.ts';
import { loadCommands } from './commands/registry.ts';
import type { SlashCommand } from './commands/types.ts';
import { App } from './components/App.tsx';
import { PromptHistory } from './input/history.ts';
import type { InputMode } from './input/input-mode.ts';
import type { InteractiveRuntime, RunInteractiveOptions } from './runtime.ts';
import { SessionController, type AttentionReason } from './state/controller.ts';
import { historyItems } from './state/history-items.ts';
import { UiStore } from './state/store.ts';
import { createFocusInput, type FocusInput } from './terminal/focus-input.ts';
import { attentionSequence, FOCUS_REPORTING_OFF, FOCUS_REPORTING_ON, shouldNotify } from './terminal/notify.ts';
import { colorEnabled, createTheme, ThemeContext } from './theme.ts';

/** A resize is acted on once the window has kept its size this long. */
const RESIZE_DEBOUNCE_MS = 80;

/** Extra options for tests and the bench: not part of the entry point's contract. */
export interface RunInteractiveInternals {
  /** Keys are ignored this long after a dialog opens (see dialogs/use-armed.ts). */
  readonly armDelayMs?: number;
  /** Called with the ink instance once rendering started. */
  readonly onRender?: (instance: Instance) => void;
  /** Route console output through ink so stray logs do not break the frame. @default true */
  readonly patchConsole?: boolean;
}

/**
 * Runs the interactive session until the user exits; resolves to the exit
 * code (0, or 1 when the folder was not trusted). Renders on `stdout` without
 * the alternate screen, so the conversation stays in the scrollback.
 */
export async function runInteractive(runtime: InteractiveRuntime, options: RunInteractiveOptions & RunInteractiveInternals): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout;
  const tty = stdout.isTTY === true;
  const theme = createTheme(colorEnabled(env));
  const store = new UiStore(runtime.info());
  const focus: FocusInput | undefined = options.stdin.isTTY ? createFocusInput(options.stdin) : undefined;
  const notify = (reason: AttentionReason, message: string, turnMs: number) => {
    if (!tty) return;
    if (shouldNotify({ focus: focus?.focus() ?? 'unknown', reason, turnMs, longTurnMs: options.notifyAfterMs ?? 15_000 })) {
      stdout.write(attentionSequence(env, message));
    }
  };
  const controller = new SessionController({ runtime, store, onAttention: notify });
  const history = new PromptHistory(runtime.info().paths.history);
  await history.load();

  let inputMode: InputMode | undefined;
  const gatedCommands: SlashCommand[] = [];
  if (feature('VIM_MODE')) {
    const vim = await import('./vim-mode/index.ts');
    let keymap: InputMode | undefined = runtime.info().editorMode === 'vim' ? vim.createVimKeymap() : undefined;
    // The prompt reads the current keymap on each key, so /vim switches it at once.
    inputMode = {
      handle: (b, input, key) => keymap?.handle(b, input, key),
      indicator: () => keymap?.indicator(),
      reset: () => keymap?.reset(),
    };
    gatedCommands.push(vim.vimCommand(() => {
      keymap = keymap ? undefined : vim.createVimKeymap();
      return keymap !== undefined;
    }));
  }
  let StatusLine: ComponentType<{ store: UiStore; runtime: InteractiveRuntime }> | undefined;
  if (feature('STATUSLINE')) {
    const m = await import('./status-line/index.ts');
    StatusLine = await m.loadStatusLine();
  }

  let finish: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let instance: Instance | undefined;
  const onExit = (code: number, reason: 'exit' | 'interrupted' | 'untrusted') => {
    controller.interrupt();
    if (reason === 'untrusted') finish(code);
    else void runtime.close(reason).finally(() => finish(code));
  };
  const clearScreen = () => {
    if (!tty) return;
    instance?.clear();
    stdout.write('\x1b[2J\x1b[3J\x1b[H');
  };
  const openEditor = options.openEditor ?? ((path: string) => spawnEditor(path, env));
  const onReady = () => {
    // Asked only now that ink holds raw mode: a terminal that answers at once must not echo the reply.
    if (tty) stdout.write(FOCUS_REPORTING_ON);
    const info = runtime.info();
    store.update({ info });
    store.append({ kind: 'welcome', info }, ...historyItems(options.history ?? []));
    if (options.initialPrompt && options.initialPrompt.trim() !== '') controller.submitPrompt(options.initialPrompt);
  };

  // A width change makes the terminal reflow what is on screen, which ink cannot erase exactly:
  // clear the screen and the scrollback and draw the conversation again (debounced while dragging).
  let lastColumns = stdout.columns;
  let resizeTimer: NodeJS.Timeout | undefined;
  const onResize = () => {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (stdout.columns === lastColumns) return;
      lastColumns = stdout.columns;
      instance?.clear();
      stdout.write('\x1b[2J\x1b[3J\x1b[H');
      store.redraw();
    }, RESIZE_DEBOUNCE_MS);
  };
  if (tty) stdout.on('resize', onResize);
  try {
    instance = render(
      <ThemeContext value={theme}>
        <App runtime={runtime} store={store} controller={controller} history={history}
          loadCommands={async () => [...await loadCommands(runtime.info()), ...gatedCommands]}
          onReady={onReady} onExit={onExit} clearScreen={clearScreen}
          openEditor={openEditor}
          {...(inputMode ? { inputMode } : {})}
          {...(StatusLine ? { StatusLine } : {})}
          {...(options.armDelayMs !== undefined ? { armDelayMs: options.armDelayMs } : {})} />
      </ThemeContext>,
      {
        stdin: focus?.stdin ?? options.stdin,
        stdout,
        ...(options.stderr ? { stderr: options.stderr } : {}),
        exitOnCtrlC: false,
        patchConsole: options.patchConsole ?? true,
        // A real terminal renders live even when CI is set (the tmux tests run in CI).
        interactive: tty,
        incrementalRendering: true,
      },
    );
    options.onRender?.(instance);
    const code = await exited;
    await controller.idle();
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    return code;
  } finally {
    if (resizeTimer) clearTimeout(resizeTimer);
    stdout.off('resize', onResize);
    focus?.dispose();
    if (tty) stdout.write(FOCUS_REPORTING_OFF);
  }
}

/** Opens `path` in $VISUAL / $EDITOR (vi by default) and waits for it to exit. */
function spawnEditor(path: string, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const editor = env['VISUAL'] || env['EDITOR'] || 'vi';
  return new Promise((resolve, reject) => {
    // The editor setting may carry arguments ("code -w"): run it through the shell, the path quoted.
    const child = spawn(`${editor} "$WREN_EDIT_FILE"`, { shell: true, stdio: 'inherit', env: { ...process.env, ...env, WREN_EDIT_FILE: path } });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}
