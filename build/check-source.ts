import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseFile, toRepoPath, type UsageContext, type UsageProblem } from './flag-usage.ts';

/**
 * Checks every .ts/.tsx file under src/, reachable from an entry or not, so an
 * unknown flag name or a leaking pattern is refused wherever it sits.
 * `replaced` lists the files a build swaps for generated modules; they never
 * reach a bundle and are not checked.
 */
export function checkSourceTree(ctx: UsageContext, replaced: ReadonlySet<string>): UsageProblem[] {
  const problems: UsageProblem[] = [];
  for (const file of listSources(join(ctx.root, 'src'))) {
    if (replaced.has(toRepoPath(ctx.root, file))) continue;
    problems.push(...analyseFile(file, readFileSync(file, 'utf8'), ctx).problems);
  }
  return problems;
}

export function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

export function formatUsageProblem(p: UsageProblem): string {
  return `${p.file}:${p.line}: [${p.code}]${p.flag ? ` ${p.flag}:` : ''} ${p.message}`;
}
