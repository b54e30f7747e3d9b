import { Box, Text } from 'ink';
import type { TrustEffects } from '../../config/index.ts';
import { Panel } from '../components/Panel.tsx';
import { sanitize } from '../markdown/ansi.ts';
import { useTheme } from '../theme.ts';
import { GuardedSelect } from './GuardedSelect.tsx';
import { trustSections } from './trust-lines.ts';

export interface TrustDialogProps {
  readonly effects: TrustEffects;
  readonly onAnswer: (trusted: boolean) => void;
  readonly armDelayMs?: number;
}

/**
 * First entry to a folder: before any of the project's files take effect,
 * list exactly what trusting it would enable, and ask.
 */
export function TrustDialog({ effects, onAnswer, armDelayMs }: TrustDialogProps) {
  const theme = useTheme();
  const sections = trustSections(effects);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text bold color={theme.warning}>Do you trust the files in this folder?</Text>
      <Text>{sanitize(effects.folder)}</Text>
      <Box marginTop={1}>
        <Text color={theme.muted}>
          Wren reads and edits files here and runs commands you approve. Trusting the folder also lets its own
          files change how Wren behaves. Until you trust it, none of this applies:
        </Text>
      </Box>
      {sections.length === 0
        ? <Box marginTop={1}><Text color={theme.success}>This folder has no project settings, hooks, MCP servers, status line or instruction files.</Text></Box>
        : sections.map((s) => <Panel key={s.title} title={s.title} lines={s.lines} />)}
      <Box marginTop={1}>
        <GuardedSelect
          options={[{ value: 'yes', label: 'Yes, trust this folder' }, { value: 'no', label: 'No, exit' }]}
          onSelect={(v) => onAnswer(v === 'yes')}
          onCancel={() => onAnswer(false)}
          {...(armDelayMs !== undefined ? { armDelayMs } : {})}
        />
      </Box>
    </Box>
  );
}
