import { readFileSync } from 'node:fs';
import { mustNotAppear, onFlags } from '../../flags/profiles.ts';
import { FLAGS } from '../../flags/registry.ts';
import { SECRET_PATTERNS } from '../../scripts/release/secret-patterns.ts';

/*
 * The finished binary's bytes get the same proof as the bundle: no off flag's
 * name or marker and no forbidden string anywhere (absolute: the runtime has
 * none of them), the on flags' markers present (so the proof is not vacuous),
 * no source map or secret. Node's own embedded JavaScript legitimately says
 * `sourceMappingURL` and `sourcesContent` (its source-map support), so those
 * are counted against the stripped runtime the binary was made from: any
 * occurrence beyond the runtime's own was added by us. The injected blob is
 * also scanned on its own, where none may appear at all.
 */

export type BinaryRule = 'off-string-in-binary' | 'marker-missing-in-binary' | 'sourcemap-in-binary' | 'secret-in-binary' | 'release-key-missing' | 'private-key-in-binary';

export interface BinaryViolation {
  readonly rule: BinaryRule;
  readonly text: string;
  readonly message: string;
}

export interface BinaryScanInput {
  /** The finished binary. */
  readonly binary: string;
  /** The stripped runtime before injection. */
  readonly baseline: string;
  /** The injected blob. */
  readonly blob: Buffer;
  /** The public key the updater must find in the blob. */
  readonly publicKeyPem: string;
  /** Private key material that must not be anywhere (release time: the signing key, as PEM and raw). */
  readonly privateMaterial?: readonly string[];
}

/** Source-map references; a `//# sourceURL=` names a source file just as well. */
const MAP_NEEDLES = ['sourceMappingURL', 'sourceURL=', 'sourcesContent', '"mappings"'];

export function scanBinary(input: BinaryScanInput): { violations: BinaryViolation[]; checks: number } {
  const binary = readFileSync(input.binary).toString('latin1');
  const baseline = readFileSync(input.baseline).toString('latin1');
  const blob = input.blob.toString('latin1');
  const violations: BinaryViolation[] = [];
  let checks = 0;

  const forbidden = mustNotAppear('native');
  const hits = countAll(binary, forbidden.map((f) => f.text));
  for (const item of forbidden) {
    checks++;
    const n = hits.get(item.text) ?? 0;
    if (n) violations.push({ rule: 'off-string-in-binary', text: item.text, message: `${item.reason}: '${item.text}' occurs ${n} time(s) in the binary` });
  }
  const markers = onFlags('native').flatMap((flag) => FLAGS[flag].markers);
  const present = countAll(blob, markers);
  for (const marker of markers) {
    checks++;
    if (!present.get(marker)) violations.push({ rule: 'marker-missing-in-binary', text: marker, message: `on-flag marker '${marker}' is not in the injected bundle: the scan would prove nothing` });
  }

  const inBinary = countAll(binary, MAP_NEEDLES);
  const inBaseline = countAll(baseline, MAP_NEEDLES);
  const inBlob = countAll(blob, MAP_NEEDLES);
  for (const needle of MAP_NEEDLES) {
    checks += 2;
    const added = (inBinary.get(needle) ?? 0) - (inBaseline.get(needle) ?? 0);
    if (added > 0 || inBlob.get(needle)) {
      violations.push({ rule: 'sourcemap-in-binary', text: needle, message: `'${needle}' added by the bundle (${inBlob.get(needle) ?? 0} in the blob, ${added} beyond the runtime's own): public binaries carry no source maps` });
    }
  }

  for (const pattern of SECRET_PATTERNS) {
    checks += 2;
    const found = matches(binary, pattern.regex) - matches(baseline, pattern.regex);
    const foundInBlob = matches(blob, pattern.regex);
    if (found > 0 || foundInBlob > 0) {
      violations.push({ rule: 'secret-in-binary', text: pattern.id, message: `${pattern.title} in the binary (${foundInBlob} in the blob): remove it from the source and rotate it` });
    }
  }

  checks++;
  if (!blob.includes(input.publicKeyPem.trim())) {
    violations.push({ rule: 'release-key-missing', text: 'release key', message: 'the release public key is not in the injected blob: the updater could verify nothing' });
  }
  for (const secret of input.privateMaterial ?? []) {
    checks++;
    if (secret && binary.includes(secret)) violations.push({ rule: 'private-key-in-binary', text: '[private key]', message: 'the release PRIVATE key is inside the binary: do not ship it; rotate the key' });
  }
  return { violations, checks };
}

/** Occurrences of each literal, in one pass (longest first, so a name inside a longer one is still attributed). */
function countAll(text: string, needles: readonly string[]): Map<string, number> {
  const base = new Map<string, number>();
  if (!needles.length) return base;
  const sorted = [...new Set(needles)].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (const m of text.matchAll(re)) base.set(m[0], (base.get(m[0]) ?? 0) + 1);
  // A needle inside a longer matched one (KAIROS inside KAIROS_BRIEF) occurs there too.
  const counts = new Map<string, number>();
  for (const needle of sorted) {
    let n = base.get(needle) ?? 0;
    for (const [long, k] of base) if (long !== needle && long.includes(needle)) n += k;
    if (n) counts.set(needle, n);
  }
  return counts;
}

function matches(text: string, regex: RegExp): number {
  const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
  let n = 0;
  for (const _ of text.matchAll(global)) n++;
  return n;
}
