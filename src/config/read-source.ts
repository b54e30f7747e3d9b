import { lstatSync, readFileSync, statSync } from 'node:fs';
import type { SettingsProblem } from './problems.ts';

/** Settings files are small; anything bigger is a mistake or an attack (a FIFO, /dev/zero). */
const MAX_BYTES = 1024 * 1024;

export type SourceText =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly text: string }
  | { readonly status: 'invalid'; readonly problem: SettingsProblem };

/**
 * Reads a config source without trusting it: only regular files, at most 1 MiB.
 * `label` is how problems name the file.
 */
export function readSource(path: string, label: string = path): SourceText {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return invalid(label, 'not a regular file');
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return { status: 'missing' };
    return invalid(label, `cannot be read: ${(error as Error).message}`);
  }
  if (size > MAX_BYTES) return invalid(label, `is ${size} bytes; settings files are at most ${MAX_BYTES}`);
  try {
    return { status: 'ok', text: readFileSync(path, 'utf8') };
  } catch (error) {
    return invalid(label, `cannot be read: ${(error as Error).message}`);
  }
}

/** Parses JSON text; a syntax error is one problem for the whole file. */
export function parseJson(text: string, label: string): { ok: true; value: unknown } | { ok: false; problem: SettingsProblem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: { file: label, keyPath: '', message: `invalid JSON: ${(error as Error).message}`, severity: 'error' } };
  }
}

function invalid(file: string, message: string): SourceText {
  return { status: 'invalid', problem: { file, keyPath: '', message, severity: 'error' } };
}

/** Whether anything is at `path`, without reading it (lstat: a dangling link counts). */
export function sourceExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
