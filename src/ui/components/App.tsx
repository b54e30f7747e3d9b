import { Box, Text } from 'ink';
import { useEffect, useState, type ComponentType } from 'react';
import type { SlashCommand } from '../commands/types.ts';
import { TrustDialog } from '../dialogs/TrustDialog.tsx';
import type { PromptHistory } from '../input/history.ts';
import type { InputMode } from '../input/input-mode.ts';
import type { InteractiveRuntime } from '../runtime.ts';
import type { SessionController } from '../state/controller.ts';
import type { UiStore } from '../state/store.ts';
import { useTheme } from '../theme.ts';
import { SessionScreen } from './SessionScreen.tsx';

export interface AppProps {
  readonly runtime: InteractiveRuntime;
  readonly store: UiStore;
  readonly controller: SessionController;
  readonly history: PromptHistory;
  /** Loads the commands that apply (project ones only once trusted). */
  readonly loadCommands: () => Promise<readonly SlashCommand[]>;
  /** Runs once the session is ready (trusted, commands loaded): the initial prompt. */
  readonly onReady: () => void;
  readonly onExit: (code: number, reason: 'exit' | 'interrupted' | 'untrusted') => void;
  readonly openEditor: (path: string) => Promise<void>;
  readonly clearScreen: () => void;
  readonly inputMode?: InputMode;
  readonly StatusLine?: ComponentType<{ store: UiStore; runtime: InteractiveRuntime }>;
  readonly armDelayMs?: number;
  readonly now?: () => number;
}

/** The whole UI: the trust question first (when the folder is not trusted), then the session. */
export function App(props: AppProps) {
  const { runtime, store } = props;
  const theme = useTheme();
  const [trust] = useState(() => runtime.trustState());
  const [phase, setPhase] = useState<'trust' | 'loading' | 'session'>(trust.trusted ? 'loading' : 'trust');
  const [commands, setCommands] = useState<readonly SlashCommand[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  // On exit the live region is cleared first, so the terminal is left with the conversation only.
  const [exiting, setExiting] = useState(false);
  const exit: AppProps['onExit'] = (code, reason) => {
    setExiting(true);
    props.onExit(code, reason);
  };

  useEffect(() => {
    if (phase !== 'loading') return;
    let live = true;
    props.loadCommands().then((list) => {
      if (!live) return;
      setCommands(list);
      setPhase('session');
    }, (e: unknown) => setError(String(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  useEffect(() => {
    if (phase === 'session') props.onReady();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  if (exiting) return null;
  if (!trust.trusted && phase === 'trust') {
    return (
      <Box flexDirection="column">
        <TrustDialog effects={trust.effects} {...(props.armDelayMs !== undefined ? { armDelayMs: props.armDelayMs } : {})}
          onAnswer={(yes) => {
            if (!yes) return exit(1, 'untrusted');
            void runtime.acceptTrust().then((outcome) => {
              if (!outcome.ok) setError(outcome.message);
              else {
                store.update({ info: runtime.info() });
                setPhase('loading');
              }
            });
          }} />
        {error ? <Text color={theme.error}>{error}</Text> : null}
      </Box>
    );
  }
  if (phase !== 'session') return error ? <Text color={theme.error}>{error}</Text> : <Text color={theme.muted}>Starting…</Text>;
  return (
    <SessionScreen store={store} controller={props.controller} runtime={runtime} history={props.history} commands={commands}
      onExit={(reason) => exit(0, reason)} openEditor={props.openEditor} clearScreen={props.clearScreen}
      {...(props.inputMode ? { inputMode: props.inputMode } : {})}
      {...(props.StatusLine ? { StatusLine: props.StatusLine } : {})}
      {...(props.armDelayMs !== undefined ? { armDelayMs: props.armDelayMs } : {})}
      {...(props.now ? { now: props.now } : {})} />
  );
}
