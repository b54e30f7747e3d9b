/**
 * Git settings every shell command runs with, given through the environment
 * (`GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_<n>`, `GIT_CONFIG_VALUE_<n>`): they beat
 * every config file, the repository's `.git/config` included. A repository's
 * own config can name programs that plain reading commands run (`git status`
 * runs `core.fsmonitor`; `git log` runs `gpg.program` when
 * `log.showSignature` is on), and a folder from an archive or a committed bare
 * repository brings that config along. These turn those off.
 *
 * Deliberately absent:
 * - `core.hooksPath`: a commit the user approved should run the user's hooks.
 * - `diff.external` (an empty value, to cancel a repository's): git takes the
 *   empty string as a program to run, so every `git diff` with a change would
 *   fail ("external diff died"); there is no value that means "none".
 */
export const GIT_SAFETY_CONFIG: readonly (readonly [key: string, value: string])[] = [
  // The fsmonitor hook is a program `git status`, `git diff` and `git add` run.
  ['core.fsmonitor', 'false'],
  // A bare repository is used only when named (--git-dir, GIT_DIR), never found by walking into a folder.
  ['safe.bareRepository', 'explicit'],
  // Signature checks run gpg.program, which the repository's config may name.
  ['log.showSignature', 'false'],
];

/**
 * `env` plus the git safety settings, appended after any `GIT_CONFIG_*`
 * entries the environment already holds (theirs stay in force; ours come
 * later, so ours win where both set a key). A count that is not a number is
 * one git would refuse anyway: the entries start over at 0.
 */
export function withGitSafetyConfig(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const given = env['GIT_CONFIG_COUNT']?.trim();
  let next = given !== undefined && /^\d+$/.test(given) ? Number(given) : 0;
  const out: Record<string, string | undefined> = { ...env };
  for (const [key, value] of GIT_SAFETY_CONFIG) {
    out[`GIT_CONFIG_KEY_${next}`] = key;
    out[`GIT_CONFIG_VALUE_${next}`] = value;
    next++;
  }
  out['GIT_CONFIG_COUNT'] = String(next);
  return out;
}
