import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PermissionBehavior } from '../../permissions/index.ts';

type SettingsJson = Record<string, unknown> & { permissions?: Record<string, unknown> };

/**
 * Adds or removes one permission rule in a settings file, keeping everything
 * else in it as it was. Refuses (with a message) a file that is not a JSON
 * object rather than overwrite it. Writes atomically; a new file is 0600.
 */
export function editSettingsRule(file: string, behavior: PermissionBehavior, rule: string, change: 'add' | 'remove'): { ok: true } | { ok: false; message: string } {
  let settings: SettingsJson = {};
  let existed = true;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, message: `${file} is not a JSON object; fix it by hand first` };
    settings = parsed as SettingsJson;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, message: `${file} could not be read as JSON (${(error as Error).message.split('\n')[0]}); fix it by hand first` };
    existed = false;
  }
  const permissions = (settings.permissions ??= {});
  if (typeof permissions !== 'object' || Array.isArray(permissions)) return { ok: false, message: `${file}: permissions is not an object` };
  const list = Array.isArray(permissions[behavior]) ? (permissions[behavior] as unknown[]) : [];
  const next = change === 'add' ? (list.includes(rule) ? list : [...list, rule]) : list.filter((r) => r !== rule);
  if (change === 'remove' && next.length === list.length) return { ok: false, message: `${rule} is not in ${file}` };
  permissions[behavior] = next;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: existed ? statSync(file).mode & 0o777 : 0o600 });
  renameSync(temp, file);
  return { ok: true };
}
