import type { BashRules } from '../../../src/permissions/bash/index.ts';

/** Realistic broad allow rules, the kind users grant after a few "allow always" clicks. */
export const BROAD: BashRules = {
  allow: ['git:*', 'npm test:*', 'ls:*', 'cat:*', 'find:*', 'echo:*'],
  ask: [],
  deny: [],
};

/**
 * Narrow rules: everything else rests on the built-in read-only list. The technique
 * "read-only commands with writing flags" is about that list, so it runs under these.
 */
export const NARROW: BashRules = {
  allow: ['npm test:*', 'echo:*'],
  ask: [],
  deny: [],
};

/** Deny rules a cautious user writes, with broad allows that would otherwise cover them. */
export const DENY: BashRules = {
  allow: ['git:*', 'ls:*', 'cat:*', 'echo:*', 'find:*', 'rm:*'],
  ask: [],
  deny: ['rm:*', 'curl:*', 'git push:*', 'cat /etc/shadow'],
};

/** `count` copies of `command` joined by `joiner`. */
export function repeat(command: string, count: number, joiner = ' && '): string {
  return Array.from({ length: count }, () => command).join(joiner);
}
