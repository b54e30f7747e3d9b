import type { SlashCommand } from '../commands/types.ts';

/** /vim: switches the prompt between vim and normal editing for this session. */
export function vimCommand(toggle: () => boolean): SlashCommand {
  return {
    name: 'vim',
    description: 'Toggle vim keybindings in the prompt',
    source: 'builtin',
    whileRunning: true,
    run(_args, ctx) {
      const on = toggle();
      ctx.store.append({ kind: 'notice', tone: 'info', text: on ? 'vim keybindings on: Esc for normal mode.' : 'vim keybindings off.' });
    },
  };
}
