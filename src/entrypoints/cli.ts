#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { buildInfo } from '../build-info/index.ts';

/*
 * The process entry. Kept tiny on purpose: `--version` answers before anything
 * else is loaded, and the compile cache is switched on before the rest of the
 * program is compiled (calling it from inside one big bundle would be too late).
 */
const args = process.argv.slice(2);

// `wren flags | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${buildInfo().version} (Wren)\n`);
} else {
  enableCompileCache?.();
  import('./main.ts')
    .then(({ main }) => main(args))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      // Reaching here is a bug: user errors are turned into messages inside main().
      process.stderr.write(`wren: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    });
}
