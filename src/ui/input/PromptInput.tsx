import { Box, Text, useInput, usePaste, type Key } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SlashCommand } from '../commands/types.ts';
import { sanitize } from '../markdown/ansi.ts';
import { useTheme } from '../theme.ts';
import { suggestionsFor } from './completion.ts';
import { editKey } from './edit-keys.ts';
import type { PromptHistory } from './history.ts';
import type { InputMode } from './input-mode.ts';
import { mentionAt } from './mentions.ts';
import { PasteRegistry, shouldCollapse } from './pastes.ts';
import { bufferOf, EMPTY_BUFFER, insert, onFirstLine, onLastLine, type TextBuffer } from './text-buffer.ts';

export interface PromptInputProps {
  readonly commands: readonly SlashCommand[];
  readonly history: PromptHistory;
  /** Files for @-mentions, loaded on the first `@`. */
  readonly loadFiles: () => Promise<readonly string[]>;
  /** `text` is what to send (pastes expanded), `shown` what was typed. */
  readonly onSubmit: (prompt: { text: string; shown: string }) => void;
  readonly isActive?: boolean;
  /** vim keybindings, when on. */
  readonly mode?: InputMode;
  readonly placeholder?: string;
  /** Shown after the prompt while a turn runs. */
  readonly queued?: readonly string[];
}

/** Two Esc presses this close together clear the prompt. */
const DOUBLE_ESC_MS = 800;

/**
 * The prompt: multi-line editing, history (↑/↓ at the first/last line,
 * Ctrl-R to search), large pastes collapsed to a placeholder, completion of
 * `/commands` and `@files` (Tab or Enter to accept), and an optional keymap.
 */
export function PromptInput({ commands, history, loadFiles, onSubmit, isActive = true, mode, placeholder, queued = [] }: PromptInputProps) {
  const theme = useTheme();
  // Keys read in one chunk are handled before React re-renders, so every handler reads refs (useLatest).
  const [buffer, setBuffer, bufferRef] = useLatest<TextBuffer>(EMPTY_BUFFER);
  const [files, setFiles] = useState<readonly string[] | undefined>(undefined);
  const [menuIndex, setMenuIndex, menuIndexRef] = useLatest(0);
  const [menuClosed, setMenuClosed, menuClosedRef] = useLatest(false);
  const [search, setSearch, searchRef] = useLatest<{ query: string; skip: number } | undefined>(undefined);
  const [, setTick] = useState(0);
  const pastes = useRef(new PasteRegistry()).current;
  const browse = useRef<{ index: number; draft: TextBuffer }>({ index: -1, draft: EMPTY_BUFFER });
  const lastEsc = useRef(0);
  const loading = useRef(false);

  const suggestions = useMemo(() => (menuClosed ? [] : suggestionsFor(buffer, commands, files)), [buffer, commands, files, menuClosed]);
  const match = search ? history.search(search.query, search.skip) : undefined;

  useEffect(() => {
    if (files === undefined && !loading.current && mentionAt(buffer.text, buffer.cursor)) {
      loading.current = true;
      loadFiles().then((list) => setFiles(list), () => setFiles([]));
    }
  }, [buffer, files, loadFiles]);

  const change = (next: TextBuffer) => {
    setBuffer(next);
    setMenuIndex(0);
    setMenuClosed(false);
  };

  const submit = (from: TextBuffer = bufferRef.current) => {
    const shown = from.text;
    if (shown.trim() === '') return;
    const text = pastes.expand(shown);
    void history.add({ text: shown, pastes: pastes.used(shown) });
    pastes.clear();
    browse.current = { index: -1, draft: EMPTY_BUFFER };
    mode?.reset();
    change(EMPTY_BUFFER);
    onSubmit({ text, shown });
  };

  const recall = (direction: 1 | -1): boolean => {
    const entries = history.list();
    const next = browse.current.index + direction;
    if (next < -1 || next >= entries.length) return false;
    if (browse.current.index === -1) browse.current.draft = bufferRef.current;
    browse.current.index = next;
    if (next === -1) change(browse.current.draft);
    else {
      const entry = entries[next]!;
      if (entry.pastes) pastes.restore(entry.pastes);
      change(bufferOf(entry.text));
    }
    return true;
  };

  const onSearchKey = (input: string, key: Key) => {
    const current = searchRef.current;
    if (!current) return;
    if (key.escape || (key.ctrl && input === 'g')) setSearch(undefined);
    else if (key.ctrl && input === 'r') setSearch({ ...current, skip: current.skip + 1 });
    else if (key.return || key.tab) {
      const found = history.search(current.query, current.skip);
      if (found) {
        if (found.pastes) pastes.restore(found.pastes);
        change(bufferOf(found.text));
      }
      setSearch(undefined);
    } else if (key.backspace) setSearch({ query: current.query.slice(0, -1), skip: 0 });
    else if (input && !key.ctrl && !key.meta) setSearch({ query: current.query + input, skip: 0 });
  };

  useInput((input, key) => {
    const b = bufferRef.current;
    if (searchRef.current) return onSearchKey(input, key);
    if (key.ctrl && input === 'r') {
      setSearch({ query: '', skip: 0 });
      return;
    }
    const menu = menuClosedRef.current ? [] : suggestionsFor(b, commands, files);
    if (menu.length > 0) {
      const chosen = menu[menuIndexRef.current % menu.length]!;
      if (key.upArrow || key.downArrow) {
        setMenuIndex((menuIndexRef.current + (key.upArrow ? menu.length - 1 : 1)) % menu.length);
        return;
      }
      if (key.tab || (key.return && !key.meta)) {
        const applied = chosen.apply();
        const next = bufferOf(applied.text, applied.cursor);
        if (key.return && chosen.runsOnEnter) {
          const text = next.text.trim();
          void history.add({ text });
          change(EMPTY_BUFFER);
          onSubmit({ text, shown: text });
          return;
        }
        change(next);
        setMenuClosed(true);
        return;
      }
      if (key.escape) {
        setMenuClosed(true);
        return;
      }
    }
    if (mode) {
      const handled = mode.handle(b, input, key);
      if (handled === 'consumed') {
        setTick((t) => t + 1);
        return;
      }
      if (handled) {
        if ('submit' in handled) submit();
        else change(handled.buffer);
        return;
      }
    }
    if (key.escape) {
      const now = Date.now();
      if (now - lastEsc.current < DOUBLE_ESC_MS && b.text !== '') change(EMPTY_BUFFER);
      lastEsc.current = now;
      return;
    }
    // Fast typing can reach us as one chunk ("fix it\rthanks"). Pastes arrive apart (bracketed
    // paste is on), so a CR in typed input is the Enter key: send at each one.
    if (input.length > 1 && input.includes('\r') && !key.meta) {
      let current = b;
      for (const part of input.split(/(\r)/)) {
        if (part === '\r') {
          submit(current);
          current = EMPTY_BUFFER;
        } else if (part !== '') current = insert(current, part);
      }
      if (current !== EMPTY_BUFFER) change(current);
      return;
    }
    if (key.upArrow && onFirstLine(b) && recall(1)) return;
    if (key.downArrow && onLastLine(b) && recall(-1)) return;
    const result = editKey(b, input, key);
    if (!result) return;
    if ('submit' in result) submit();
    else change(result.buffer);
  }, { isActive });

  usePaste((text) => {
    const clean = text.replace(/\r\n?/g, '\n');
    const current = searchRef.current;
    if (current) {
      setSearch({ query: current.query + clean.split('\n')[0], skip: 0 });
      return;
    }
    const b = bufferRef.current;
    const value = shouldCollapse(clean) ? pastes.add(clean) : clean;
    change(bufferOf(b.text.slice(0, b.cursor) + value + b.text.slice(b.cursor), b.cursor + value.length));
  }, { isActive });

  const indicator = mode?.indicator();
  return (
    <Box flexDirection="column">
      {queued.map((q, i) => <Text key={i} color={theme.muted}>⏵ queued: {sanitize(q.split('\n')[0] ?? '')}</Text>)}
      <Box borderStyle="round" borderColor={isActive ? theme.muted : undefined} borderDimColor paddingX={1} flexDirection="row">
        <Box width={2} flexShrink={0}><Text color={theme.user} bold>{search ? '↺' : '›'} </Text></Box>
        <Box flexGrow={1} flexShrink={1} flexDirection="column">
          {search
            ? <Text>(history search) <Text color={theme.accent}>{search.query}</Text>: {match ? sanitize(match.text.split('\n')[0] ?? '') : <Text color={theme.muted}>no match</Text>}</Text>
            : <BufferView buffer={buffer} placeholder={placeholder} showCursor={isActive} />}
        </Box>
      </Box>
      {suggestions.length > 0 && !search ? (
        <Box flexDirection="column" marginLeft={2}>
          {suggestions.map((s, i) => (
            <Text key={s.label} color={i === menuIndex % suggestions.length ? theme.accent : theme.muted} wrap="truncate-end">
              {i === menuIndex % suggestions.length ? '❯ ' : '  '}{sanitize(s.label)}{s.description ? `  ${sanitize(s.description)}` : ''}
            </Text>
          ))}
        </Box>
      ) : (
        <Box marginLeft={2}>
          <Text color={theme.muted}>{indicator ? <Text bold>{indicator} </Text> : null}{search ? 'Ctrl-R older · Enter accept · Esc cancel' : '/ commands · @ files · ! shell · Ctrl-R history'}</Text>
        </Box>
      )}
    </Box>
  );
}

function BufferView({ buffer, placeholder, showCursor }: { buffer: TextBuffer; placeholder: string | undefined; showCursor: boolean }) {
  const theme = useTheme();
  if (buffer.text === '') {
    return <Text>{showCursor ? <Text inverse> </Text> : null}<Text color={theme.muted}>{placeholder ?? ''}</Text></Text>;
  }
  const text = sanitizeKeepNewlines(buffer.text);
  const before = text.slice(0, buffer.cursor);
  const at = text[buffer.cursor];
  const after = text.slice(buffer.cursor + 1);
  if (!showCursor) return <Text>{text}</Text>;
  // At a line end the cursor is a space before the newline, so the line break stays where it is.
  return <Text>{before}<Text inverse>{at === undefined || at === '\n' ? ' ' : at}</Text>{at === '\n' ? '\n' : ''}{after}</Text>;
}

// Control characters would break the layout; the same number of characters keeps the cursor index valid.
function sanitizeKeepNewlines(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '·');
}

/** State that handlers can read at once (a ref) and that renders (a state). */
function useLatest<T>(initial: T): [T, (value: T) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = (next: T) => {
    ref.current = next;
    setValue(next);
  };
  return [value, set, ref];
}
