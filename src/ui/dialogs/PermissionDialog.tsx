import { Box, Text } from 'ink';
import { useState } from 'react';
import { hunksOf, renderDiff } from '../components/diff-lines.ts';
import { toolSummary } from '../components/tool-summary.ts';
import { sanitize } from '../markdown/ansi.ts';
import type { PermissionAnswer, PermissionRequest } from '../runtime.ts';
import { useTheme } from '../theme.ts';
import { GuardedSelect, type GuardedOption } from './GuardedSelect.tsx';
import { TextPrompt } from './TextPrompt.tsx';

export interface PermissionDialogProps {
  readonly request: PermissionRequest;
  readonly cwd: string;
  readonly onAnswer: (answer: PermissionAnswer) => void;
  /** Esc: deny and interrupt the turn. */
  readonly onInterrupt: () => void;
  readonly armDelayMs?: number;
}

/** Lines of a preview (diff, command, input) shown in the dialog. */
const PREVIEW_LINES = 20;

/**
 * The gate asks: may this call run? Shows exactly what would run (the whole
 * command, the diff, the input), why it is asked, and the three answers:
 * once; always, with the exact rule and the file it is written to; no, with
 * an optional note for the model.
 */
export function PermissionDialog({ request, cwd, onAnswer, onInterrupt, armDelayMs }: PermissionDialogProps) {
  const theme = useTheme();
  const [destination, setDestination] = useState(0);
  const [noting, setNoting] = useState(false);
  const suggestion = request.suggestion;
  const target = suggestion?.destinations[destination % Math.max(1, suggestion.destinations.length)];
  const options: GuardedOption[] = [{ value: 'once', label: 'Yes, allow once' }];
  if (suggestion && target) {
    options.push({
      value: 'always',
      label: `Yes, and always allow ${sanitize(suggestion.rule)}`,
      description: `adds "${sanitize(suggestion.rule)}" to permissions.allow in ${sanitize(target.file)}${suggestion.destinations.length > 1 ? ' · Tab: save elsewhere' : ''}`,
    });
  }
  options.push({ value: 'deny', label: 'No, and tell Wren what to do instead' });
  const select = (value: string) => {
    if (value === 'once') onAnswer({ kind: 'allow_once' });
    else if (value === 'always' && suggestion && target) onAnswer({ kind: 'allow_always', rule: suggestion.rule, destination: target });
    else setNoting(true);
  };
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.permission} paddingX={1} marginTop={1}>
      <Text bold color={theme.permission}>Allow {sanitize(request.toolName)}?</Text>
      <Box marginLeft={2} marginY={1} flexDirection="column"><Preview request={request} cwd={cwd} /></Box>
      <Text color={theme.muted}>Asked because: {sanitize(request.reason)}</Text>
      <Box marginTop={1} flexDirection="column">
        {noting ? (
          <TextPrompt
            title="Tell Wren what to do instead (optional), then Enter:"
            placeholder="e.g. use the test script instead"
            onSubmit={(note) => onAnswer({ kind: 'deny', ...(note.trim() ? { note: note.trim() } : {}) })}
            onCancel={() => setNoting(false)}
          />
        ) : (
          <GuardedSelect
            options={options}
            onSelect={select}
            onCancel={onInterrupt}
            onTab={(value) => (value === 'always' ? setDestination((d) => d + 1) : undefined)}
            {...(armDelayMs !== undefined ? { armDelayMs } : {})}
          />
        )}
      </Box>
    </Box>
  );
}

function Preview({ request, cwd }: { request: PermissionRequest; cwd: string }) {
  const theme = useTheme();
  const input = request.input as Record<string, unknown> | undefined;
  if (typeof input?.['command'] === 'string') {
    const lines = sanitize(input['command']).split('\n');
    return (
      <Box flexDirection="column">
        {lines.slice(0, PREVIEW_LINES).map((l, i) => <Text key={i}>{i === 0 ? '$ ' : '  '}{l}</Text>)}
        {lines.length > PREVIEW_LINES ? <Text color={theme.muted}>… {lines.length - PREVIEW_LINES} more lines</Text> : null}
        {typeof input['description'] === 'string' ? <Text color={theme.muted}>{sanitize(input['description'])}</Text> : null}
      </Box>
    );
  }
  const diff = hunksOf(request.toolName, request.input, undefined);
  if (diff) {
    return (
      <Box flexDirection="column">
        <Text>{sanitize(toolSummary(request.input, cwd))}</Text>
        <Text>{renderDiff(diff.hunks, diff.numbered, theme.styler, PREVIEW_LINES).join('\n')}</Text>
      </Box>
    );
  }
  const json = sanitize(JSON.stringify(request.input, null, 2) ?? '').split('\n');
  return (
    <Box flexDirection="column">
      <Text>{sanitize(toolSummary(request.input, cwd))}</Text>
      <Text color={theme.muted}>{json.slice(0, PREVIEW_LINES).join('\n')}{json.length > PREVIEW_LINES ? `\n… ${json.length - PREVIEW_LINES} more lines` : ''}</Text>
    </Box>
  );
}
