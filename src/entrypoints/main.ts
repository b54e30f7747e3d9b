import { Command, CommanderError } from 'commander';
import { buildInfo } from '../build-info/index.ts';
import { runFlagsCommand } from './flags-command.ts';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/**
 * Parses argv and dispatches. Returns the exit code instead of exiting, so the
 * caller decides when the process ends (pending output is flushed first).
 */
export async function main(args: readonly string[]): Promise<number> {
  const info = buildInfo();
  let code: number = EXIT.ok;
  const program = new Command('wren')
    .description('Wren: a terminal coding agent')
    .version(`${info.version} (Wren)`, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run wren --help for usage)')
    .exitOverride()
    .configureOutput({
      // Commander already words its errors as one line; keep them on stderr.
      writeErr: (text) => process.stderr.write(text),
    });

  program
    .command('flags')
    .description('list the compile-time flags built into this artifact')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      code = await runFlagsCommand({ json: options.json === true, stdout: process.stdout });
    });

  program.action(() => {
    program.outputHelp();
  });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander that exit 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return code;
}
