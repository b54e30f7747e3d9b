import { historyItems } from '../state/history-items.ts';
import type { PanelLine } from '../state/types.ts';
import { formatCost, formatTokens } from '../format.ts';
import { permissionsCommand } from './permissions-command.ts';
import type { CommandContext, SlashCommand } from './types.ts';

/*
 * The built-in slash commands: one registry of typed object literals. Names
 * are derived from it (completion, /help); user-defined commands are added
 * beside these at run time (user-commands.ts).
 */

const help: SlashCommand = {
  name: 'help',
  description: 'Show commands and keys',
  source: 'builtin',
  whileRunning: true,
  run(_args, ctx) {
    const lines: PanelLine[] = ctx.commands().map((c) => ({
      label: `/${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ''}`,
      text: `${c.description}${c.source === 'builtin' ? '' : ` (${c.source})`}`,
    }));
    lines.push(
      { text: '' },
      { label: 'Enter', text: 'send · \\ then Enter, Alt-Enter or Ctrl-J: new line' },
      { label: 'Esc', text: 'interrupt the running turn' },
      { label: 'Ctrl-C twice', text: 'exit' },
      { label: 'Ctrl-R', text: 'search prompt history · ↑/↓ browse it' },
      { label: '@', text: 'mention a file · ! run a shell command · / a command' },
    );
    ctx.store.append({ kind: 'panel', title: 'Commands', lines });
  },
};

const clear: SlashCommand = {
  name: 'clear',
  aliases: ['reset'],
  description: 'Start a new conversation (clears the screen and the context)',
  source: 'builtin',
  async run(_args, ctx) {
    const outcome = await ctx.runtime.clear();
    if (!outcome.ok) {
      ctx.store.append({ kind: 'notice', tone: 'error', text: outcome.message });
      return;
    }
    ctx.clearScreen();
    ctx.store.resetTranscript();
    ctx.store.update({ info: ctx.runtime.info() });
    ctx.store.append({ kind: 'notice', tone: 'info', text: 'New conversation. The previous one is kept: /resume brings it back.' });
  },
};

const compact: SlashCommand = {
  name: 'compact',
  description: 'Summarise the conversation to free context',
  argumentHint: '[focus]',
  source: 'builtin',
  async run(args, ctx) {
    const focus = args.trim() === '' ? undefined : args.trim();
    await ctx.controller.run((o) => ctx.runtime.compact(focus, o), 'compacting');
  },
};

const cost: SlashCommand = {
  name: 'cost',
  description: 'Show tokens and cost of this session',
  source: 'builtin',
  whileRunning: true,
  async run(_args, ctx) {
    const c = await ctx.runtime.costs();
    const lines: PanelLine[] = [
      { label: 'Total cost', text: formatCost(c.totalCostUsd) },
      { label: 'API time', text: `${(c.apiDurationMs / 1000).toFixed(1)}s` },
      { label: 'Tokens', text: `${formatTokens(c.usage.input_tokens)} in, ${formatTokens(c.usage.output_tokens)} out, ${formatTokens(c.usage.cache_read_input_tokens)} cache read, ${formatTokens(c.usage.cache_creation_input_tokens)} cache write` },
      ...c.byModel.map((m) => ({ label: m.model, text: `${m.costUsd === null ? 'unpriced' : formatCost(m.costUsd)} · ${formatTokens(m.usage.input_tokens)} in, ${formatTokens(m.usage.output_tokens)} out`, tone: 'muted' as const })),
    ];
    ctx.store.append({ kind: 'panel', title: 'Cost', lines });
  },
};

const model: SlashCommand = {
  name: 'model',
  description: 'Show or change the model',
  argumentHint: '[model]',
  source: 'builtin',
  async run(args, ctx) {
    const set = async (id: string) => {
      const outcome = await ctx.runtime.setModel(id);
      ctx.store.update({ info: ctx.runtime.info() });
      ctx.store.append(outcome.ok
        ? { kind: 'notice', tone: 'success', text: outcome.message ?? `Model set to ${ctx.runtime.info().model}.` }
        : { kind: 'notice', tone: 'error', text: outcome.message });
    };
    if (args.trim() !== '') return set(args.trim());
    const current = ctx.runtime.info().model;
    ctx.show({
      kind: 'select',
      title: `Model (now ${current})`,
      options: ctx.runtime.models().map((m) => ({ value: m.id, label: `${m.label}${m.id === current ? ' ✓' : ''}`, ...(m.description ? { description: m.description } : {}) })),
      onSelect: set,
    });
  },
};

const memory: SlashCommand = {
  name: 'memory',
  description: 'Edit memory and instruction files (MEMORY.md, AGENTS.md)',
  source: 'builtin',
  async run(_args, ctx) {
    const files = await ctx.runtime.memoryFiles();
    ctx.show({
      kind: 'select',
      title: 'Open which file in your editor?',
      options: files.map((f) => ({ value: f.path, label: f.label, description: `${f.path}${f.exists ? '' : ' (new)'}` })),
      async onSelect(path) {
        await ctx.openEditor(path);
        ctx.store.append({ kind: 'notice', tone: 'info', text: `Edited ${path}.` });
      },
    });
  },
};

const resume: SlashCommand = {
  name: 'resume',
  description: 'Resume a past session of this project',
  source: 'builtin',
  async run(_args, ctx) {
    const sessions = (await ctx.runtime.listSessions()).filter((s) => s.id !== ctx.runtime.info().sessionId);
    if (sessions.length === 0) {
      ctx.store.append({ kind: 'notice', tone: 'info', text: 'No other session of this project to resume.' });
      return;
    }
    ctx.show({
      kind: 'select',
      title: 'Resume which session?',
      options: sessions.map((s) => ({
        value: s.id,
        label: (s.firstPrompt ?? '(no prompt)').replace(/\s+/g, ' ').slice(0, 60),
        description: `${s.modifiedAt.toLocaleString()} · ${s.messageCount} messages · ${s.model}`,
      })),
      async onSelect(id) {
        const resumed = await ctx.runtime.resumeSession(id);
        if (!resumed.ok) {
          ctx.store.append({ kind: 'notice', tone: 'error', text: resumed.message });
          return;
        }
        ctx.clearScreen();
        ctx.store.resetTranscript();
        ctx.store.update({ info: ctx.runtime.info() });
        ctx.store.append({ kind: 'notice', tone: 'info', text: `Resumed session ${id}.` }, ...historyItems(resumed.messages));
      },
    });
  },
};

const status: SlashCommand = {
  name: 'status',
  description: 'Show the session, model, account and settings status',
  source: 'builtin',
  whileRunning: true,
  async run(_args, ctx) {
    for (const section of await ctx.runtime.status()) {
      ctx.store.append({ kind: 'panel', title: section.title, lines: section.items.map((i) => ({ label: i.label, text: i.value })) });
    }
  },
};

const init: SlashCommand = {
  name: 'init',
  description: 'Write an AGENTS.md for this repository (asks the model)',
  source: 'builtin',
  async run(_args, ctx) {
    ctx.store.append({ kind: 'user', text: '/init', mode: 'command' });
    await ctx.controller.run((o) => ctx.runtime.init(o));
  },
};

const config: SlashCommand = {
  name: 'config',
  description: 'Show the effective settings and where each comes from',
  source: 'builtin',
  whileRunning: true,
  async run(_args, ctx) {
    const entries = await ctx.runtime.config();
    ctx.store.append({
      kind: 'panel', title: 'Settings',
      lines: entries.length === 0 ? [{ text: 'No settings: every default applies.', tone: 'muted' }] : entries.map((e) => ({ label: e.key, text: `${e.value}  ← ${e.source}` })),
    });
  },
};

const doctor: SlashCommand = {
  name: 'doctor',
  description: 'Check the installation, API access, settings, ripgrep and tmux',
  source: 'builtin',
  whileRunning: true,
  async run(_args, ctx) {
    const checks = await ctx.runtime.doctor();
    ctx.store.append({
      kind: 'panel', title: 'Doctor',
      lines: checks.map((c) => ({ label: `${c.status === 'ok' ? '✓' : c.status === 'warn' ? '!' : '✗'} ${c.name}`, text: c.detail, tone: c.status })),
    });
  },
};

const exit: SlashCommand = {
  name: 'exit',
  aliases: ['quit'],
  description: 'Exit Wren',
  source: 'builtin',
  whileRunning: true,
  run(_args, ctx: CommandContext) {
    ctx.exit();
  },
};

/** The built-in commands, in the order /help lists them. */
export const BUILTIN_COMMANDS = [help, clear, compact, cost, model, permissionsCommand, memory, resume, status, init, config, doctor, exit] as const satisfies readonly SlashCommand[];
