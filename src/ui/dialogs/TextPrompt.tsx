import { Box, Text, useInput, usePaste } from 'ink';
import { useState } from 'react';
import { backspace, bufferOf, insert, left, right, type TextBuffer } from '../input/text-buffer.ts';
import { useTheme } from '../theme.ts';

export interface TextPromptProps {
  readonly title: string;
  readonly placeholder?: string;
  readonly onSubmit: (text: string) => void;
  readonly onCancel: () => void;
  readonly isActive?: boolean;
}

/** A one-line text input for a dialog or a command step (a note to the model, a rule to add). */
export function TextPrompt({ title, placeholder, onSubmit, onCancel, isActive = true }: TextPromptProps) {
  const theme = useTheme();
  const [buffer, setBuffer] = useState<TextBuffer>(bufferOf(''));
  useInput((input, key) => {
    if (key.escape) onCancel();
    else if (key.return) onSubmit(buffer.text);
    else if (key.backspace || key.delete) setBuffer(backspace);
    else if (key.leftArrow) setBuffer(left);
    else if (key.rightArrow) setBuffer(right);
    else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.tab) setBuffer((b) => insert(b, input.replace(/[\r\n]/g, ' ')));
  }, { isActive });
  usePaste((text) => setBuffer((b) => insert(b, text.replace(/[\r\n]+/g, ' '))), { isActive });
  const before = buffer.text.slice(0, buffer.cursor);
  const at = buffer.text[buffer.cursor] ?? ' ';
  const after = buffer.text.slice(buffer.cursor + 1);
  return (
    <Box flexDirection="column">
      <Text>{title}</Text>
      <Box borderStyle="round" borderColor={theme.muted} paddingX={1}>
        {buffer.text === '' && placeholder ? <Text><Text inverse> </Text><Text color={theme.muted}>{placeholder}</Text></Text> : <Text>{before}<Text inverse>{at}</Text>{after}</Text>}
      </Box>
      <Text color={theme.muted}>Enter to submit · Esc to cancel</Text>
    </Box>
  );
}
