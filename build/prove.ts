import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import type { FlagDefinition } from '../flags/types.ts';
import { mustNotAppear } from '../flags/profiles.ts';
import type { BuildTarget } from './targets.ts';

/*
 * The dead-code proof: for a built target, show from its metafile and its
 * bytes that every off flag is absent, and from the same bytes that every on
 * flag is present, so the proof cannot pass on an empty bundle.
 */

export type ProofRule =
  | 'owned-path-in-bundle'
  | 'off-string-in-output'
  | 'sourcemap-in-public-output'
  | 'gate-missing'
  | 'marker-missing';

export interface Violation {
  readonly target: string;
  readonly rule: ProofRule;
  readonly flag?: string;
  /** Output file (or metafile input) where it was found, relative to the repository. */
  readonly file: string;
  /** The leaking or missing string. */
  readonly text: string;
  readonly message: string;
}

export interface ProofInput {
  readonly root: string;
  readonly target: BuildTarget;
  readonly outdir: string;
  readonly metafile: Metafile;
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly forbidden: readonly string[];
}

export interface ProofResult {
  readonly violations: Violation[];
  /** How many separate facts were checked, for the report. */
  readonly checks: number;
}

export function proveTarget(input: ProofInput): ProofResult {
  const { root, target, outdir, metafile, flags } = input;
  const violations: Violation[] = [];
  let checks = 0;
  const inputs = Object.keys(metafile.inputs);
  const files = listFiles(outdir).map((path) => ({ path, rel: rel(root, path), bytes: readFileSync(path) }));
  const code = files.filter((f) => !f.path.endsWith('.map'));

  for (const [name, def] of Object.entries(flags)) {
    const on = def.targets[target.name];
    for (const owned of def.ownedPaths) {
      checks++;
      const hits = inputs.filter((i) => isUnder(i, owned));
      if (!on && hits.length) {
        for (const hit of hits) {
          violations.push({ target: target.name, rule: 'owned-path-in-bundle', flag: name, file: hit, text: owned,
            message: `${name} is off but ${hit} (owned by it) is in the bundle: something imports it outside a feature('${name}') branch` });
        }
      }
      if (on && !hits.length) {
        violations.push({ target: target.name, rule: 'gate-missing', flag: name, file: owned, text: owned,
          message: `${name} is on but nothing under ${owned} was bundled: its gate point is missing` });
      }
    }
    if (!on) continue;
    for (const marker of def.markers) {
      checks++;
      if (!code.some((f) => f.bytes.includes(marker))) {
        violations.push({ target: target.name, rule: 'marker-missing', flag: name, file: rel(root, outdir), text: marker,
          message: `${name} is on but its marker '${marker}' is in no emitted file: the proof of its absence elsewhere would be vacuous` });
      }
    }
  }

  for (const item of mustNotAppear(target.name, flags, input.forbidden, target.public)) {
    for (const file of files) {
      checks++;
      const at = file.bytes.indexOf(item.text);
      if (at < 0) continue;
      violations.push({ target: target.name, rule: 'off-string-in-output', ...(item.flag ? { flag: item.flag } : {}), file: file.rel, text: item.text,
        message: `${item.reason}: '${item.text}' found in ${file.rel} near "${excerpt(file.bytes, at, item.text.length)}"` });
    }
  }

  if (target.public) {
    for (const file of files) {
      checks++;
      if (file.path.endsWith('.map')) {
        violations.push({ target: target.name, rule: 'sourcemap-in-public-output', file: file.rel, text: '.map',
          message: `source map ${file.rel} in a public target: set sourcemap: false for ${target.name}` });
      }
      for (const found of sourceReferences(file.bytes)) {
        violations.push({ target: target.name, rule: 'sourcemap-in-public-output', file: file.rel, text: found.text,
          message: `'${found.text}' in ${file.rel} near "${excerpt(file.bytes, found.at, found.text.length)}": public targets carry no source-map references` });
      }
    }
  }
  return { violations, checks };
}

/**
 * Source-map and source-URL references: any `sourceMappingURL`, and any
 * `sourceURL=` comment (`//#`, `//@`, `/*#`) naming a URL. A library's code
 * generator that writes such a comment around a template placeholder
 * (`/*# sourceURL=${name} *\/`, ajv) names no file of ours and is not one.
 */
export function sourceReferences(bytes: Buffer): { text: string; at: number }[] {
  const found: { text: string; at: number }[] = [];
  const mapAt = bytes.indexOf('sourceMappingURL');
  if (mapAt >= 0) found.push({ text: 'sourceMappingURL', at: mapAt });
  const text = bytes.toString('latin1');
  const sourceUrl = /(?:\/\/|\/\*)\s*[#@]\s*sourceURL=(?!\$\{)/g;
  const match = sourceUrl.exec(text);
  if (match) found.push({ text: match[0], at: match.index });
  return found;
}

/** Bytes each flag's owned code takes in the output. */
export function gatedBytes(metafile: Metafile, flags: Readonly<Record<string, FlagDefinition>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      for (const [name, def] of Object.entries(flags)) {
        if (def.ownedPaths.some((owned) => isUnder(path, owned))) out[name] = (out[name] ?? 0) + bytesInOutput;
      }
    }
  }
  return out;
}

function isUnder(path: string, owned: string): boolean {
  const o = owned.replace(/\/+$/, '');
  return path === o || path.startsWith(`${o}/`) || path.replace(/\.[cm]?[jt]sx?$/, '') === o.replace(/\.[cm]?[jt]sx?$/, '');
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function excerpt(bytes: Buffer, at: number, length: number): string {
  return bytes.subarray(Math.max(0, at - 30), at + length + 30).toString('utf8').replace(/\s+/g, ' ');
}
