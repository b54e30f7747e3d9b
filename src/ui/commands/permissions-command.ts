import type { RuleEntry } from '../runtime.ts';
import type { CommandContext, SlashCommand } from './types.ts';

/*
 * /permissions: the rules in force, by source, and editing them: pick a rule
 * to remove it (managed and CLI rules are shown but cannot be removed), or
 * add one, choosing its behaviour and the settings file it goes to.
 */

const ADD = '+add';

export const permissionsCommand: SlashCommand = {
  name: 'permissions',
  aliases: ['allowed-tools'],
  description: 'View and edit permission rules (allow, ask, deny)',
  source: 'builtin',
  async run(_args, ctx) {
    await showRules(ctx);
  },
};

async function showRules(ctx: CommandContext): Promise<void> {
  const rules = await ctx.runtime.permissionRules();
  const key = (r: RuleEntry, i: number) => `${i}`;
  ctx.show({
    kind: 'select',
    title: `Permission rules (mode: ${ctx.runtime.info().permissionMode})`,
    hint: 'Enter on a rule removes it · Esc closes',
    options: [
      { value: ADD, label: 'Add a rule…' },
      ...rules.map((r, i) => ({
        value: key(r, i),
        label: `${r.behavior.padEnd(5)} ${r.rule}`,
        description: `${r.scope}${r.file ? `: ${r.file}` : ''}${r.editable ? '' : ' (read-only)'}`,
      })),
    ],
    async onSelect(value) {
      if (value === ADD) return addRule(ctx);
      const rule = rules[Number(value)];
      if (!rule) return;
      if (!rule.editable) {
        ctx.store.append({ kind: 'notice', tone: 'warning', text: `${rule.rule} comes from ${rule.scope} settings and cannot be removed here.` });
        return;
      }
      ctx.show({
        kind: 'select',
        title: `Remove ${rule.behavior} rule ${rule.rule} from ${rule.file ?? rule.scope}?`,
        options: [{ value: 'keep', label: 'No, keep it' }, { value: 'remove', label: 'Yes, remove it' }],
        async onSelect(answer) {
          if (answer !== 'remove') return;
          const outcome = await ctx.runtime.removePermissionRule(rule);
          ctx.store.append(outcome.ok
            ? { kind: 'notice', tone: 'success', text: outcome.message ?? `Removed ${rule.behavior} rule ${rule.rule}.` }
            : { kind: 'notice', tone: 'error', text: outcome.message });
        },
      });
    },
  });
}

function addRule(ctx: CommandContext): void {
  ctx.show({
    kind: 'text',
    title: 'Rule to add, e.g. Bash(npm test), Read(./src/**), WebFetch(domain:example.com)',
    placeholder: 'Tool(specifier)',
    onSubmit(rule) {
      const text = rule.trim();
      if (text === '') return;
      ctx.show({
        kind: 'select',
        title: `What should ${text} do?`,
        options: [
          { value: 'allow', label: 'allow', description: 'run without asking' },
          { value: 'ask', label: 'ask', description: 'always ask first' },
          { value: 'deny', label: 'deny', description: 'never run' },
        ],
        onSelect(behavior) {
          const destinations = ctx.runtime.ruleDestinations();
          ctx.show({
            kind: 'select',
            title: `Write "${behavior} ${text}" to which settings file?`,
            options: destinations.map((d, i) => ({ value: String(i), label: d.scope, description: d.file })),
            async onSelect(index) {
              const destination = destinations[Number(index)];
              if (!destination) return;
              const outcome = await ctx.runtime.addPermissionRule(text, behavior as RuleEntry['behavior'], destination);
              ctx.store.append(outcome.ok
                ? { kind: 'notice', tone: 'success', text: outcome.message ?? `Added ${behavior} rule ${text} to ${destination.file}.` }
                : { kind: 'notice', tone: 'error', text: outcome.message });
            },
          });
        },
      });
    },
  });
}
