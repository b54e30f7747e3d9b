import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_DIR, POLICY_NAMES, REPO_ROOT, type PolicyName } from './policy.ts';
import { expectedLine } from './rules/shape.ts';
import { readTarball } from './tarball.ts';

/*
 * `node scripts/release/update-expected.ts <file.tgz> [external|internal]`
 * Records the tarball's file list as the committed expected list (chunk hashes
 * written as [hash]). Run it when a file is added or removed on purpose, review
 * the diff, commit it: that review is the point of the list.
 */

const [file, policyArg = 'external'] = process.argv.slice(2);
if (!file || !POLICY_NAMES.includes(policyArg as PolicyName) || policyArg === 'generic') {
  process.stderr.write('usage: node scripts/release/update-expected.ts <file.tgz> [external|internal]\n');
  process.exit(2);
}
const tarball = await readTarball(readFileSync(file));
if (tarball.problems.length) {
  process.stderr.write(`refused: the archive itself is broken (${tarball.problems.map((p) => p.message).join('; ')})\n`);
  process.exit(1);
}
const lines = tarball.entries.filter((e) => e.type !== 'Directory').map((e) => expectedLine(e.path)).sort();
const target = join(REPO_ROOT, POLICY_DIR, `expected-files.${policyArg}.txt`);
const header = [
  `# Exactly the files of the ${policyArg} npm tarball (shape/allowlist). [hash] = an esbuild chunk hash.`,
  '# Regenerate: node scripts/release/update-expected.ts <file.tgz>; review the diff before committing.',
];
writeFileSync(target, `${[...header, ...lines].join('\n')}\n`);
process.stdout.write(`wrote ${lines.length} paths to ${POLICY_DIR}/expected-files.${policyArg}.txt\n`);
