import { join } from 'node:path';
import { runServer } from 'verdaccio';

/*
 * A Verdaccio registry for tests, run as its own process by tests/support/verdaccio.ts:
 * `node verdaccio-server.ts <dir>`; storage and users live in <dir>; no uplinks,
 * so it never reaches the network; listens on 127.0.0.1 on a free port, which
 * it prints as one JSON line once it is ready.
 */

const dir = process.argv[2];
if (!dir) throw new Error('usage: verdaccio-server.ts <dir>');
const server = await runServer({
  self_path: join(dir, 'config.yaml'),
  storage: join(dir, 'storage'),
  auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
  uplinks: {},
  packages: { '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' } },
  log: { type: 'stdout', format: 'json', level: 'error' },
  web: { enable: false },
} as unknown as Parameters<typeof runServer>[0]);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
