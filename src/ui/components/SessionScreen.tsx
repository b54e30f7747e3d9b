import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { parseCommand } from '../commands/registry.ts';
import type { CommandContext, CommandView, SlashCommand } from '../commands/types.ts';
import { PermissionDialog } from '../dialogs/PermissionDialog.tsx';
import { PlanApprovalDialog } from '../dialogs/PlanApprovalDialog.tsx';
import type { PromptHistory } from '../input/history.ts';
import type { InputMode } from '../input/input-mode.ts';
import { PromptInput } from '../input/PromptInput.tsx';
import type { InteractiveRuntime } from '../runtime.ts';
import type { SessionController } from '../state/controller.ts';
import type { UiStore } from '../state/store.ts';
import { useTheme } from '../theme.ts';
import { useUiState } from '../use-store.ts';
import { CommandViewHost } from './CommandViewHost.tsx';
import { LiveTurnView } from './LiveTurnView.tsx';
import { TodoList } from './TodoList.tsx';
import { Transcript } from './Transcript.tsx';

/** A second Ctrl-C within this time exits. */
export const EXIT_WINDOW_MS = 2000;

export interface SessionScreenProps {
  readonly store: UiStore;
  readonly controller: SessionController;
  readonly runtime: InteractiveRuntime;
  readonly history: PromptHistory;
  readonly commands: readonly SlashCommand[];
  readonly onExit: (reason: 'exit' | 'interrupted') => void;
  readonly openEditor: (path: string) => Promise<void>;
  readonly clearScreen: () => void;
  readonly inputMode?: InputMode;
  /** The status line (STATUSLINE), shown under the prompt. */
  readonly StatusLine?: ComponentType<{ store: UiStore; runtime: InteractiveRuntime }>;
  readonly armDelayMs?: number;
  readonly now?: () => number;
}

/**
 * The session: the transcript in the scrollback, the live turn under it, then
 * whichever has the keyboard: a dialog, a command's picker, or the prompt.
 */
export function SessionScreen(props: SessionScreenProps) {
  const { store, controller, runtime, history, commands, onExit } = props;
  const theme = useTheme();
  const running = useUiState(store, (s) => s.live !== undefined);
  const todos = useUiState(store, (s) => s.todos);
  const dialog = useUiState(store, (s) => s.dialogs[0]);
  const queued = useUiState(store, (s) => s.queued);
  const info = useUiState(store, (s) => s.info);
  const [view, setView] = useState<CommandView | undefined>(undefined);
  const [exitArmedAt, setExitArmedAt] = useState<number | undefined>(undefined);
  const exitTimer = useRef<NodeJS.Timeout | undefined>(undefined);
  const exitArmed = useRef<number | undefined>(undefined);
  // The hint's timer must not keep the process alive after the session ends.
  useEffect(() => () => {
    if (exitTimer.current) clearTimeout(exitTimer.current);
  }, []);
  const now = props.now ?? Date.now;
  const { suspendTerminal } = useApp();
  // The editor gets the terminal while it runs; ink redraws when it comes back.
  const openEditor = (path: string) => suspendTerminal(() => props.openEditor(path));

  const report = (error: unknown) => store.append({ kind: 'notice', tone: 'error', text: `Error: ${error instanceof Error ? error.message : String(error)}` });

  const context: CommandContext = useMemo(() => ({
    runtime, controller, store,
    commands: () => commands,
    show: (next) => setView(next.kind === 'select'
      ? { ...next, onSelect: (v) => Promise.resolve(next.onSelect(v)).catch(report) }
      : { ...next, onSubmit: (t) => Promise.resolve(next.onSubmit(t)).catch(report) }),
    exit: () => onExit('exit'),
    openEditor,
    clearScreen: props.clearScreen,
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [runtime, controller, store, commands, onExit, props.openEditor, props.clearScreen]);

  const submit = ({ text, shown }: { text: string; shown: string }) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('/')) {
      const parsed = parseCommand(trimmed, commands);
      if (parsed && 'unknown' in parsed) {
        store.append({ kind: 'notice', tone: 'warning', text: `Unknown command /${parsed.unknown}. /help lists the commands.` });
        return;
      }
      if (parsed) {
        if (controller.isRunning() && !parsed.command.whileRunning) {
          store.append({ kind: 'notice', tone: 'warning', text: `/${parsed.command.name} waits for the turn to end (Esc interrupts it).` });
          return;
        }
        if (parsed.command.source === 'builtin' && parsed.command.name !== 'init') store.append({ kind: 'user', text: trimmed, mode: 'command' });
        Promise.resolve().then(() => parsed.command.run(parsed.args, context)).catch(report);
        return;
      }
    }
    if (trimmed.startsWith('!') && trimmed.length > 1) {
      if (controller.isRunning()) store.append({ kind: 'notice', tone: 'warning', text: 'A shell command waits for the turn to end (Esc interrupts it).' });
      else controller.runShell(trimmed.slice(1).trim());
      return;
    }
    controller.submitPrompt(text, shown);
  };

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      const t = now();
      // A ref, not the state: two Ctrl-C read in one chunk arrive before the re-render.
      if (exitArmed.current !== undefined && t - exitArmed.current < EXIT_WINDOW_MS) {
        onExit('interrupted');
        return;
      }
      controller.interrupt();
      exitArmed.current = t;
      setExitArmedAt(t);
      if (exitTimer.current) clearTimeout(exitTimer.current);
      exitTimer.current = setTimeout(() => {
        exitArmed.current = undefined;
        setExitArmedAt(undefined);
      }, EXIT_WINDOW_MS);
      return;
    }
    // Esc interrupts a running turn; a dialog or a picker handles its own Esc.
    if (key.escape && !dialog && !view && controller.isRunning()) controller.interrupt();
  });

  const interruptFromDialog = () => controller.interrupt();
  return (
    <Box flexDirection="column">
      <Transcript store={store} />
      <LiveRegion store={store} waiting={dialog !== undefined} {...(props.now ? { now: props.now } : {})} />
      {todos.length > 0 ? <Box marginTop={1} marginLeft={2}><TodoList todos={todos} /></Box> : null}
      {dialog?.kind === 'permission' ? (
        <PermissionDialog key={dialog.id} request={dialog.request} cwd={info.cwd} onAnswer={dialog.resolve}
          onInterrupt={interruptFromDialog} {...(props.armDelayMs !== undefined ? { armDelayMs: props.armDelayMs } : {})} />
      ) : dialog?.kind === 'plan' ? (
        <PlanApprovalDialog key={dialog.id} request={dialog.request} onAnswer={dialog.resolve}
          onInterrupt={interruptFromDialog} {...(props.armDelayMs !== undefined ? { armDelayMs: props.armDelayMs } : {})} />
      ) : view ? (
        <CommandViewHost view={view} onClose={() => setView(undefined)} />
      ) : null}
      <Box marginTop={1} flexDirection="column" display={dialog || view ? 'none' : 'flex'}>
        <PromptInput commands={commands} history={history} loadFiles={() => runtime.listFiles(new AbortController().signal)}
          onSubmit={submit} isActive={!dialog && !view} queued={queued}
          placeholder={running ? 'Type to queue a message…' : 'Ask Wren to do something, or /help'}
          {...(props.inputMode ? { mode: props.inputMode } : {})} />
      </Box>
      {props.StatusLine && !dialog && !view ? <props.StatusLine store={store} runtime={runtime} /> : null}
      {exitArmedAt !== undefined ? <Text color={theme.warning}>Press Ctrl-C again to exit</Text> : null}
    </Box>
  );
}

/** The live turn, in its own component: a streamed chunk re-renders this, not the whole screen. */
function LiveRegion({ store, waiting, now }: { store: UiStore; waiting: boolean; now?: () => number }) {
  const live = useUiState(store, (s) => s.live);
  const cwd = useUiState(store, (s) => s.info.cwd);
  const verbose = useUiState(store, (s) => s.info.verbose);
  if (!live) return null;
  return <LiveTurnView live={live} cwd={cwd} verbose={verbose} waiting={waiting} {...(now ? { now } : {})} />;
}
