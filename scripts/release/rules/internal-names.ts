import type { Finding, Rule } from './types.ts';
import { scanLiterals } from './scan.ts';

export const INTERNAL_RULES: readonly Rule[] = [
  {
    id: 'internal/forbidden-strings', family: 'internal', scope: 'project',
    title: "No internal names for the policy's target",
    reason: 'Internal codenames, internal hosts and the names and markers of flags that are off for the target (flags/ via mustNotAppear) must not reach its artifact: not in code, strings, decoded data, README or file names.',
    fix: 'Gate the code behind its flag (its owned path, reached by a dynamic import in the gated branch) or remove the string; never write an off flag\'s marker in ungated code or docs that ship.',
    run: (ctx) => {
      const needles = ctx.policy.forbidden.map((f) => ({ text: f.text, message: `'${f.text}': ${f.reason}` }));
      const inNames: Finding[] = [];
      for (const entry of ctx.tarball.entries) {
        for (const needle of needles) {
          if (entry.path.includes(needle.text)) inNames.push({ file: entry.path, excerpt: 'in the file name', message: needle.message });
        }
      }
      return [...inNames, ...scanLiterals(ctx, needles)];
    },
  },
];
