/*
 * Release versions: `MAJOR.MINOR.PATCH` with an optional `-prerelease`, as in
 * semver 2.0 (no build metadata: a version names one release). The installer
 * (scripts/install.sh) orders versions with the same rules; the tests run both
 * on one table so they cannot drift.
 */

/** A version string a release may carry. */
export const VERSION_PATTERN = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function isVersion(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

/** Negative when a < b, zero when equal, positive when a > b. Throws on a malformed version (a bug: callers validate first). */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = pa.core[i]! - pb.core[i]!;
    if (d !== 0) return Math.sign(d);
  }
  // A pre-release sorts before its release: 1.0.0-rc.1 < 1.0.0.
  if (!pa.pre.length || !pb.pre.length) return pb.pre.length - pa.pre.length === 0 ? 0 : pa.pre.length ? -1 : 1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (nx !== ny) {
      return nx ? -1 : 1; // numeric identifiers sort before alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

function parse(version: string): { core: number[]; pre: string[] } {
  const m = VERSION_PATTERN.exec(version);
  if (!m) throw new Error(`not a release version: '${version}'`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}
