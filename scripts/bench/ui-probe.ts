import type { QueryEvent } from '../../src/query/index.ts';
import { runInteractive, type InteractiveRuntime, type TurnOptions } from '../../src/ui/index.ts';
import { createFakeRuntime, type FakeTurn } from '../../tests/ui/fake-runtime.ts';
import { FakeTerminal, fakeStdin } from '../../tests/ui/fake-terminal.ts';

/*
 * The UI bench's program (bundled by scripts/bench/ui.ts, run in a child
 * process with --expose-gc): the real runInteractive on a fake terminal and
 * a scripted runtime. Modes:
 *   launch  - ms from process start to the first frame showing the prompt
 *   session - a 500-turn scripted session: the cost of one streamed chunk at
 *             turn 10 and turn 500, and the heap after turn 50 and turn 500
 * Prints one JSON object.
 */

const mode = process.argv[2] ?? 'session';
const TURNS = Number(process.argv[3] ?? 500);
const CHUNKS = 200;
const PARAGRAPH = 'Here is a paragraph of the answer with `code`, **bold** words and a [link](https://example.com). ';

/** Chunks of a measured turn arrive this far apart: more than the store's notify interval, so each one renders. */
const MEASURED_CHUNK_DELAY_MS = 20;

function turn(i: number, chunks: number, chunkDelayMs = 0): FakeTurn {
  // `chunks` text_delta events of 8 characters, a few paragraphs and a code block.
  const body = `${PARAGRAPH.repeat(4)}\n\n\`\`\`ts\nconst answer${i} = ${i};\n\`\`\`\n\n${PARAGRAPH.repeat(20)}`;
  return [{ text: body.slice(0, chunks * 8).padEnd(chunks * 8, '.'), chunk: 8, chunkDelayMs }];
}

async function main(): Promise<void> {
  const stdout = new FakeTerminal({ keep: 20_000 });
  const stdin = fakeStdin();
  const turns = Array.from({ length: TURNS }, (_, i) => turn(i, 40));
  const base = createFakeRuntime(turns);
  let finished: (() => void) | undefined;
  let deltas = 0;
  const runtime: InteractiveRuntime = {
    ...base,
    submit(prompt: string, options: TurnOptions): AsyncIterable<QueryEvent> {
      const inner = base.submit(prompt, options);
      return (async function* () {
        for await (const e of inner) {
          if (e.type === 'text_delta') deltas++;
          yield e;
        }
        finished?.();
      })();
    },
  };
  const run = runInteractive(runtime as InteractiveRuntime, { stdin, stdout: stdout as unknown as NodeJS.WriteStream, env: { NO_COLOR: '' } });
  await stdout.waitFor('Ask Wren');
  // performance.now() counts from the start of the process.
  const launchMs = performance.now();
  if (mode === 'launch') {
    process.stdout.write(JSON.stringify({ launchMs }));
    stdin.write('\x03');
    stdin.write('\x03');
    await run;
    return;
  }
  const sendTurn = async (i: number) => {
    const done = new Promise<void>((resolve) => (finished = resolve));
    stdin.write(`prompt ${i}\r`);
    await done;
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  /**
   * CPU time per streamed chunk of one long turn: the store update, the React
   * render of the live region, ink's layout and frame. Chunks are spaced so
   * that each one is rendered (none is coalesced with the next).
   */
  const chunkCost = async (i: number) => {
    base.turns.unshift(turn(i, CHUNKS, MEASURED_CHUNK_DELAY_MS));
    const before = deltas;
    const cpu = process.cpuUsage();
    await sendTurn(i);
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / (deltas - before);
  };
  const results: Record<string, number> = { launchMs };
  for (let i = 0; i < TURNS; i++) {
    // The least of three samples: the machine is shared, the figure is the work, not the noise.
    if (i === 10) results['chunkMsAt10'] = Math.min(await chunkCost(i), await chunkCost(i), await chunkCost(i));
    if (i === 50) results['heapAt50'] = heap();
    await sendTurn(i);
  }
  results['chunkMsAtEnd'] = Math.min(await chunkCost(TURNS), await chunkCost(TURNS), await chunkCost(TURNS));
  results['heapAtEnd'] = heap();
  results['turns'] = TURNS;
  results['outputBytes'] = stdout.bytes;
  process.stdout.write(JSON.stringify(results));
  stdin.write('\x03');
  await new Promise((r) => setTimeout(r, 5));
  stdin.write('\x03');
  await run;
}

await main();
