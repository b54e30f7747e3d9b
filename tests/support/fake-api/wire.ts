import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeEvent, type SseEvent } from './sse.ts';

/*
 * The fake API's wire: writing SSE streams (with delays, stalls, cuts and
 * error events), JSON bodies in the API's error shape, and reading requests.
 */

export interface StreamPlan {
  readonly chunkDelayMs: number;
  readonly stallAfter?: number;
  readonly cutAfter?: number;
  readonly errorAfter?: number;
  readonly error?: unknown;
}

export async function streamEvents(res: ServerResponse, events: readonly SseEvent[], plan: StreamPlan): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return;
    if (plan.stallAfter === i) return closed(res);
    if (plan.errorAfter === i) {
      await write(res, encodeEvent({ event: 'error', data: plan.error }));
      res.end();
      return;
    }
    if (i > 0 && plan.chunkDelayMs > 0) await delay(plan.chunkDelayMs, res);
    const encoded = encodeEvent(events[i]!);
    if (plan.cutAfter === i) {
      // Half an event, then the connection drops: the client sees a truncated chunked body.
      await write(res, encoded.slice(0, Math.ceil(encoded.length / 2)));
      res.socket?.destroy();
      return;
    }
    await write(res, encoded);
  }
  res.end();
}

export function cutJson(res: ServerResponse, json: string): void {
  const bytes = Buffer.from(json);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, Math.ceil(bytes.length / 2)), () => res.socket?.destroy());
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** The API's error body: `{ type: 'error', error: { type, message } }`. */
export function sendError(res: ServerResponse, status: number, type: string, message: string, headers?: Readonly<Record<string, string>>): void {
  sendJson(res, status, { type: 'error', error: { type, message } }, headers);
}

export function write(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((ok) => {
    if (res.destroyed) return ok();
    res.write(chunk, () => ok());
  });
}

/** Waits `ms`, or less if the client goes away meanwhile. */
export function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((ok) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      res.off('close', done);
      ok();
    }
  });
}

export function closed(res: ServerResponse): Promise<void> {
  return new Promise((ok) => {
    if (res.destroyed) return ok();
    res.once('close', () => ok());
  });
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
