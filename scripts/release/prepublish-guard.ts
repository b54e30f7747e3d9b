/*
 * package.json `prepublishOnly`. A direct `npm publish` of the source folder
 * would pack and upload whatever the folder holds at that moment, unverified;
 * it is refused here. The release flow publishes a tarball
 * (`npm publish <file.tgz>`), for which npm never runs this script, and proves
 * what it published by comparing the registry's integrity with the verified one.
 *
 * `npm pack` does not run prepublishOnly, so packing keeps working. What this
 * cannot stop: `npm publish --ignore-scripts`, or publishing a tarball made by
 * hand; only registry-side controls (a publish token held by CI alone, trusted
 * publishing) close those.
 */

const command = process.env.npm_command;
const event = process.env.npm_lifecycle_event;
// npm sets npm_command; other clients that run prepublishOnly only do so for a publish.
const publishing = command === 'publish' || (command === undefined && event === 'prepublishOnly');

if (publishing) {
  process.stderr.write(
    [
      '',
      'npm publish of the source folder is refused.',
      'wren-code is published only by the release pipeline, which builds from a clean',
      'tree, packs, verifies the tarball and publishes exactly the bytes it verified:',
      '',
      '  npm run release -- --dry-run    build, pack, verify; no upload',
      '  npm run release                 ... then publish that tarball and confirm the registry serves it',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
