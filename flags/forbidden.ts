/*
 * Strings that must never appear in a public artifact, whatever its flags:
 * internal codenames, internal hosts, internal model names. Read by the build's
 * proof and the release verifier; never imported from src/ (a public bundle
 * that imported this list would contain it).
 *
 * Off flags' names and markers are forbidden per target too; they are derived
 * from the registry (flags/profiles.ts), not repeated here.
 */
export const FORBIDDEN_STRINGS: readonly string[] = [
  // Internal model codenames (the ANT_MODEL_OVERRIDE flag's table holds them).
  'ptarmigan',
  'lyrebird',
  // Internal hosts.
  'wren.internal',
];
