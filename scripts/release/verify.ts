import { fileViews, type View } from './content.ts';
import { ReleaseError } from './errors.ts';
import type { Policy } from './policy.ts';
import { RULE_FAMILIES, RULES, type Finding, type Rule, type RuleContext } from './rules/index.ts';
import type { Manifest } from './rules/types.ts';
import { redact } from './secret-patterns.ts';
import { isRegularFile, readTarball, type ParsedTarball, type TarEntry } from './tarball.ts';

/** One rule's outcome. */
export interface RuleResult {
  readonly id: string;
  readonly family: string;
  readonly title: string;
  readonly reason: string;
  readonly status: 'pass' | 'fail' | 'skip';
  /** Why a rule did not run (not part of the policy, not selected, no lockfile). */
  readonly skipped?: string;
  readonly violations: number;
}

/** One problem, ready to print: every string already redacted. */
export interface Violation {
  readonly rule: string;
  readonly file: string;
  readonly excerpt?: string;
  readonly message: string;
  readonly fix: string;
}

/** The verifier's result; `--json` prints it as is (schema: scripts/release/report.schema.json). */
export interface VerifyReport {
  readonly schemaVersion: 1;
  readonly tarball: {
    readonly file: string;
    readonly integrity: string;
    readonly packedSize: number;
    readonly unpackedSize: number;
    readonly entries: number;
    readonly name?: string;
    readonly version?: string;
  };
  readonly policy: string;
  readonly ok: boolean;
  readonly summary: { readonly passed: number; readonly failed: number; readonly skipped: number; readonly violations: number };
  readonly rules: readonly RuleResult[];
  readonly violations: readonly Violation[];
  readonly durationMs: number;
}

export interface VerifyOptions {
  readonly policy: Policy;
  /** Rule ids or family names to run; every applicable rule when absent. */
  readonly only?: readonly string[];
  /** How the report names the tarball. @default '(memory)' */
  readonly file?: string;
  /** @default RULES */
  readonly rules?: readonly Rule[];
}

/** Checks `--only` names against the rule list; unknown names are a usage error, not a silent no-op. */
export function resolveOnly(only: readonly string[], rules: readonly Rule[] = RULES): Set<string> {
  const selected = new Set<string>();
  for (const name of only) {
    const matched = rules.filter((r) => r.id === name || r.family === name);
    if (!matched.length) {
      throw new ReleaseError('USAGE', `--only: no rule or family '${name}' (families: ${RULE_FAMILIES.join(', ')}; rule ids like ${rules[0]?.id})`);
    }
    for (const r of matched) selected.add(r.id);
  }
  return selected;
}

/** Verifies a tarball held in memory: every rule reads these bytes and nothing else. */
export async function verifyTarball(bytes: Uint8Array, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const rules = options.rules ?? RULES;
  const selected = options.only?.length ? resolveOnly(options.only, rules) : undefined;
  const tarball = await readTarball(bytes);
  const ctx = context(tarball, options.policy);
  const results: RuleResult[] = [];
  const violations: Violation[] = [];
  for (const rule of rules) {
    const skipped = skipReason(rule, options.policy, selected);
    const base = { id: rule.id, family: rule.family, title: rule.title, reason: rule.reason };
    if (skipped) { results.push({ ...base, status: 'skip', skipped, violations: 0 }); continue; }
    let findings: Finding[];
    try {
      findings = await rule.run(ctx);
    } catch (error) {
      // A rule that crashes has not shown the package is clean: fail closed.
      findings = [{ file: '(verifier)', message: `rule crashed: ${(error as Error).message}`, fix: 'Report this verifier bug; the package is not verified.' }];
    }
    results.push({ ...base, status: findings.length ? 'fail' : 'pass', violations: findings.length });
    for (const f of findings) {
      violations.push({
        rule: rule.id,
        file: redact(f.file),
        ...(f.excerpt !== undefined ? { excerpt: redact(f.excerpt) } : {}),
        message: redact(f.message),
        fix: f.fix ?? rule.fix,
      });
    }
  }
  const count = (s: RuleResult['status']): number => results.filter((r) => r.status === s).length;
  return {
    schemaVersion: 1,
    tarball: {
      file: redact(options.file ?? '(memory)'),
      integrity: tarball.integrity,
      packedSize: tarball.packedSize,
      unpackedSize: tarball.unpackedSize,
      entries: tarball.entries.length,
      ...(typeof ctx.manifest?.name === 'string' ? { name: redact(ctx.manifest.name) } : {}),
      ...(typeof ctx.manifest?.version === 'string' ? { version: redact(ctx.manifest.version) } : {}),
    },
    policy: options.policy.name,
    ok: violations.length === 0 && count('fail') === 0,
    summary: { passed: count('pass'), failed: count('fail'), skipped: count('skip'), violations: violations.length },
    rules: results,
    violations,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

function skipReason(rule: Rule, policy: Policy, selected: Set<string> | undefined): string | undefined {
  if (selected && !selected.has(rule.id)) return 'not selected (--only)';
  if (rule.scope === 'project' && !policy.project) return `project rule; policy '${policy.name}' audits any package`;
  if (rule.needsLockfile && !policy.lockfile) return 'no lockfile given (--lockfile)';
  return undefined;
}

function context(tarball: ParsedTarball, policy: Policy): RuleContext {
  const files = tarball.entries.filter(isRegularFile);
  const firsts = new Set(tarball.entries.map((e) => e.path.split('/')[0]));
  const root = firsts.size === 1 ? [...firsts][0] : firsts.has('package') ? 'package' : undefined;
  const manifestPath = `${root ?? 'package'}/package.json`;
  const manifestEntry = files.find((e) => e.path === manifestPath);
  let manifest: Manifest | undefined;
  try {
    const parsed: unknown = manifestEntry ? JSON.parse(manifestEntry.data.toString('utf8')) : undefined;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) manifest = parsed as Manifest;
  } catch {
    manifest = undefined;
  }
  const cache = new Map<TarEntry, View[]>();
  return {
    tarball,
    policy,
    files,
    root,
    manifestPath,
    manifest,
    views: (entry) => {
      let views = cache.get(entry);
      if (!views) cache.set(entry, (views = fileViews(entry.data)));
      return views;
    },
    relative: (entry) => (root && entry.path.startsWith(`${root}/`) ? entry.path.slice(root.length + 1) : entry.path),
  };
}
