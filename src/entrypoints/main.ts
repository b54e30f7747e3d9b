import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildInfo } from '../build-info/index.ts';
import { feature } from '../feature/index.ts';
import { describeFailure, EXIT } from './cli-errors.ts';
import { runFlagsCommand } from './flags-command.ts';
import { readPrompt } from './read-prompt.ts';

export { EXIT } from './cli-errors.ts';

/** Options of the root command, as commander parses them. */
interface RootOptions {
  print?: boolean;
  outputFormat: 'text' | 'json' | 'stream-json';
  model?: string;
  maxTurns?: number;
  systemPrompt?: string;
  appendSystemPrompt?: string;
  verbose?: boolean;
  continue?: boolean;
  resume?: string;
  permissionMode?: string;
  allowedTools: string[];
  disallowedTools: string[];
  settings?: string;
  addDir: string[];
  trust?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/** What headless and interactive runs take from the same flags. */
function common(options: RootOptions) {
  return {
    verbose: options.verbose === true,
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
    ...(options.appendSystemPrompt !== undefined ? { appendSystemPrompt: options.appendSystemPrompt } : {}),
    session: options.continue ? { kind: 'continue' as const } : options.resume ? { kind: 'resume' as const, id: options.resume } : { kind: 'new' as const },
    cli: {
      allowedTools: options.allowedTools,
      disallowedTools: options.disallowedTools,
      addDirs: options.addDir,
      ...(options.permissionMode !== undefined ? { permissionMode: options.permissionMode } : {}),
      ...(options.settings !== undefined ? { settings: options.settings } : {}),
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Parses argv and dispatches. Returns the exit code instead of exiting, so the
 * caller decides when the process ends (pending output is flushed first).
 * Heavy parts (the agent runtime, the SDK) load only for the commands that use them.
 */
export async function main(args: readonly string[]): Promise<number> {
  const info = buildInfo();
  let code: number = EXIT.ok;
  const program = new Command('wren')
    .description('Wren: a terminal coding agent')
    .argument('[prompt]', 'what to ask; with -p, read from stdin when omitted')
    .version(`${info.version} (Wren)`, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('-p, --print', 'run headless: answer the prompt and exit')
    .addOption(new Option('--output-format <format>', 'headless output format').choices(['text', 'json', 'stream-json']).default('text'))
    .option('--model <model>', 'model to use')
    .option('--max-turns <n>', 'stop after this many model turns', positiveInt)
    .option('--system-prompt <text>', 'replace the system prompt')
    .option('--append-system-prompt <text>', 'append to the system prompt')
    .option('--verbose', 'show tool activity (text) or retries and permissions (stream-json)')
    .option('-c, --continue', 'continue the latest session in this folder')
    .option('-r, --resume <id>', 'resume a session by id (or a unique prefix)')
    .addOption(new Option('--permission-mode <mode>', 'permission mode').choices(['default', 'acceptEdits', 'plan', 'bypassPermissions']))
    .option('--allowedTools <rules>', 'allow rules, e.g. "Bash(npm test:*) Edit" (repeatable)', collect, [])
    .option('--disallowedTools <rules>', 'deny rules (repeatable)', collect, [])
    .option('--settings <file-or-json>', 'extra settings file or inline JSON')
    .option('--add-dir <dir>', 'another folder the agent may work in (repeatable)', collect, [])
    .option('--trust', 'trust this folder for this run (project settings, hooks and .env apply)')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run wren --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('flags')
    .description('list the compile-time flags built into this artifact')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      code = await runFlagsCommand({ json: options.json === true, stdout: process.stdout });
    });

  if (feature('NATIVE_AUTO_UPDATE')) {
    const m = await import('../services/auto-update/index.ts');
    m.registerUpdateCommands(program, (c) => {
      code = c;
    });
    // Returns at once; at most daily it starts a detached `wren update --background`.
    if (args[0] !== 'update' && args[0] !== 'rollback') m.startBackgroundUpdateCheck();
  }

  program.action(async (promptArg: string | undefined, options: RootOptions) => {
    if (options.continue && options.resume) {
      process.stderr.write('wren: --continue and --resume cannot be used together\n');
      code = EXIT.usage;
      return;
    }
    if (!options.print) {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        process.stderr.write('wren: the interactive session needs a terminal; for scripts and pipes use wren -p "..."\n');
        code = EXIT.usage;
        return;
      }
      const { runInteractiveSession } = await import('./interactive/index.ts');
      code = await runInteractiveSession({
        ...(promptArg !== undefined ? { initialPrompt: promptArg } : {}),
        ...common(options),
      });
      return;
    }
    const prompt = promptArg ?? (await readPrompt(process.stdin));
    if (!prompt?.trim()) {
      process.stderr.write('wren: no prompt: pass it as an argument (wren -p "...") or on stdin (echo "..." | wren -p)\n');
      code = EXIT.usage;
      return;
    }
    const { runHeadless } = await import('./headless/run-headless.ts');
    code = await runHeadless({
      prompt,
      format: options.outputFormat,
      trust: options.trust === true,
      stdout: process.stdout,
      stderr: process.stderr,
      ...common(options),
    });
  });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = describeFailure(error);
    if (!failure) throw error;
    process.stderr.write(`${failure.line}\n`);
    return failure.code;
  }
  return code;
}
