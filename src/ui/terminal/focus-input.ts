import { PassThrough } from 'node:stream';
import type { FocusState } from './notify.ts';

/*
 * ink drops focus reports (ESC [ I / ESC [ O) before they reach any hook, so
 * the UI reads the terminal through this thin proxy: it forwards everything
 * else to ink unchanged and tells the UI when focus changes. It reads the real
 * stdin only while ink holds raw mode, so a suspended terminal (an editor
 * opened from /memory) gets every key.
 */

const FOCUS = /\x1b\[(I|O)/g;

export interface FocusInput {
  /** The stream to give ink as stdin. */
  readonly stdin: NodeJS.ReadStream;
  focus(): FocusState;
  /** Stops reading the real stdin. */
  dispose(): void;
}

export function createFocusInput(real: NodeJS.ReadStream, onChange?: (focus: FocusState) => void): FocusInput {
  const proxy = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  let focus: FocusState = 'unknown';
  let reading = false;
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const rest = text.replace(FOCUS, (_m, which: string) => {
      focus = which === 'I' ? 'focused' : 'unfocused';
      onChange?.(focus);
      return '';
    });
    if (rest !== '') proxy.write(rest);
  };
  Object.assign(proxy, {
    isTTY: real.isTTY,
    setRawMode(mode: boolean) {
      real.setRawMode?.(mode);
      if (mode && !reading) {
        reading = true;
        real.on('data', onData);
        real.resume();
      } else if (!mode && reading) {
        reading = false;
        real.off('data', onData);
        real.pause();
      }
      return proxy;
    },
    ref() {
      real.ref?.();
      return proxy;
    },
    unref() {
      real.unref?.();
      return proxy;
    },
  });
  return {
    stdin: proxy,
    focus: () => focus,
    dispose() {
      if (reading) {
        reading = false;
        real.off('data', onData);
        real.pause();
      }
      proxy.end();
    },
  };
}
