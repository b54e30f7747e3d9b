import { spawnSync } from 'node:child_process';
import type { LoadedSettings } from '../../config/index.ts';
import type { DoctorCheck } from '../../ui/runtime.ts';

export interface DoctorInputs {
  readonly version: string;
  readonly target: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly loaded?: LoadedSettings;
  readonly fetch?: typeof fetch;
}

/** /doctor: installation, credentials, API reachability, settings validity, ripgrep and tmux. */
export async function doctorChecks(inputs: DoctorInputs): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [
    { name: 'installation', status: 'ok', detail: `wren ${inputs.version} (${inputs.target}) on Node ${process.version}` },
  ];
  const hasKey = Boolean(inputs.env['ANTHROPIC_API_KEY'] || inputs.env['ANTHROPIC_AUTH_TOKEN'] || inputs.loaded?.settings.apiKeyHelper);
  checks.push(hasKey
    ? { name: 'credentials', status: 'ok', detail: inputs.env['ANTHROPIC_API_KEY'] ? 'ANTHROPIC_API_KEY is set' : 'a token or apiKeyHelper is configured' }
    : { name: 'credentials', status: 'fail', detail: 'no API key: set ANTHROPIC_API_KEY' });
  checks.push(await reachability(inputs.env['ANTHROPIC_BASE_URL'] || 'https://api.anthropic.com', inputs.fetch ?? fetch));
  const problems = inputs.loaded?.problems ?? [];
  const errors = problems.filter((p) => p.severity === 'error');
  checks.push(errors.length
    ? { name: 'settings', status: 'fail', detail: errors.map((p) => `${p.file}: ${p.keyPath}: ${p.message}`).join('; ') }
    : problems.length
      ? { name: 'settings', status: 'warn', detail: problems.map((p) => `${p.file}: ${p.keyPath}: ${p.message}`).join('; ') }
      : { name: 'settings', status: 'ok', detail: 'every settings file is valid' });
  checks.push(tool('ripgrep', 'rg', ['--version'], 'Grep uses its slower built-in search'));
  checks.push(tool('tmux', 'tmux', ['-V'], 'only needed for tmux-based teammates and the terminal tests'));
  return checks;
}

async function reachability(baseUrl: string, doFetch: typeof fetch): Promise<DoctorCheck> {
  try {
    const response = await doFetch(baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return { name: 'API reachability', status: 'ok', detail: `${baseUrl} answered (HTTP ${response.status})` };
  } catch (error) {
    return { name: 'API reachability', status: 'fail', detail: `${baseUrl} did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function tool(name: string, command: string, args: string[], missing: string): DoctorCheck {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
  if (r.status === 0) return { name, status: 'ok', detail: r.stdout.split('\n')[0]!.trim() };
  return { name, status: 'warn', detail: `not found: ${missing}` };
}
