import { Box, Text, useWindowSize } from 'ink';
import { useState } from 'react';
import { Markdown } from '../components/Markdown.tsx';
import type { PlanApprovalAnswer, PlanApprovalRequest } from '../runtime.ts';
import { useTheme } from '../theme.ts';
import { GuardedSelect, type GuardedOption } from './GuardedSelect.tsx';
import { TextPrompt } from './TextPrompt.tsx';

export interface PlanApprovalDialogProps {
  readonly request: PlanApprovalRequest;
  readonly onAnswer: (answer: PlanApprovalAnswer) => void;
  readonly onInterrupt: () => void;
  readonly armDelayMs?: number;
}

const MODE_LABELS: Record<'default' | 'acceptEdits', string> = {
  acceptEdits: 'Yes, and accept edits without asking',
  default: 'Yes, and ask before each edit',
};

/** Plan mode: the model's plan, and whether to leave plan mode to carry it out (and how). */
export function PlanApprovalDialog({ request, onAnswer, onInterrupt, armDelayMs }: PlanApprovalDialogProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const [noting, setNoting] = useState(false);
  const options: GuardedOption[] = [
    ...request.choices.map((mode) => ({ value: mode, label: MODE_LABELS[mode] })),
    { value: 'no', label: 'No, keep planning (tell Wren what to change)' },
  ];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} marginTop={1}>
      <Text bold color={theme.accent}>Ready to code? Here is Wren's plan:</Text>
      <Box marginY={1}><Markdown text={request.plan} width={columns - 4} /></Box>
      {noting ? (
        <TextPrompt
          title="What should change in the plan?"
          onSubmit={(feedback) => onAnswer({ approved: false, ...(feedback.trim() ? { feedback: feedback.trim() } : {}) })}
          onCancel={() => setNoting(false)}
        />
      ) : (
        <GuardedSelect
          options={options}
          onSelect={(v) => (v === 'no' ? setNoting(true) : onAnswer({ approved: true, mode: v as 'default' | 'acceptEdits' }))}
          onCancel={onInterrupt}
          {...(armDelayMs !== undefined ? { armDelayMs } : {})}
        />
      )}
    </Box>
  );
}
