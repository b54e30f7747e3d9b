import { Box, Text } from 'ink';
import type { CommandView } from '../commands/types.ts';
import { GuardedSelect } from '../dialogs/GuardedSelect.tsx';
import { TextPrompt } from '../dialogs/TextPrompt.tsx';
import { sanitize } from '../markdown/ansi.ts';
import { useTheme } from '../theme.ts';

export interface CommandViewHostProps {
  readonly view: CommandView;
  /** Closes the view (Esc, or before its answer runs). */
  readonly onClose: () => void;
}

/** A command's picker or text input, shown in place of the prompt. */
export function CommandViewHost({ view, onClose }: CommandViewHostProps) {
  const theme = useTheme();
  if (view.kind === 'text') {
    return (
      <Box marginTop={1}>
        <TextPrompt title={view.title} {...(view.placeholder ? { placeholder: view.placeholder } : {})}
          onSubmit={(text) => { onClose(); void view.onSubmit(text); }} onCancel={onClose} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>{sanitize(view.title)}</Text>
      {view.hint ? <Text color={theme.muted}>{view.hint}</Text> : null}
      {view.options.length === 0 ? <Text color={theme.muted}>Nothing to choose from.</Text> : null}
      <GuardedSelect
        key={view.title}
        options={view.options.map((o) => ({ value: o.value, label: sanitize(o.label), ...(o.description ? { description: sanitize(o.description) } : {}) }))}
        onSelect={(value) => { onClose(); void view.onSelect(value); }}
        onCancel={onClose}
        armDelayMs={0}
      />
    </Box>
  );
}
