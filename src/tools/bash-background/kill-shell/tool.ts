import { z } from 'zod';
import type { Tool } from '../../tool.ts';
import type { BackgroundShells } from '../shell-registry.ts';
import description from './prompt.md';

export const killShellInputSchema = z.strictObject({
  shell_id: z.string().min(1).describe('The ID of the background shell to kill'),
});

export type KillShellInput = z.infer<typeof killShellInputSchema>;

export interface KillShellOutput {
  readonly shellId: string;
  readonly command: string;
}

export function createKillShellTool(shells: BackgroundShells): Tool<KillShellInput, KillShellOutput> {
  return {
    name: 'KillShell',
    description,
    inputSchema: killShellInputSchema,
    isReadOnly: () => false,
    isConcurrencySafe: () => false,
    // Only shells this session started can be named, and stopping one is always safe.
    async checkPermissions() {
      return { behavior: 'allow', reason: "stopping the session's own background shell", source: 'KillShell' };
    },
    async *call(input) {
      const outcome = await shells.kill(input.shell_id);
      if (outcome.ok) {
        yield { type: 'result', output: { shellId: outcome.info.id, command: outcome.info.command } };
      } else if (outcome.reason === 'not_found') {
        yield { type: 'result', output: { error: { kind: 'not_found', message: `No background shell with id "${input.shell_id}".` } } };
      } else {
        const status = outcome.info?.status ?? 'ended';
        yield { type: 'result', output: { error: { kind: 'not_running', message: `Shell ${input.shell_id} is not running, so it cannot be killed (status: ${status}).` } } };
      }
    },
    toModelContent(output) {
      return `Killed shell ${output.shellId} (${output.command}) and every process it started.`;
    },
  };
}
