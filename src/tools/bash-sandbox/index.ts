import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * SANDBOX_BASH's gated module: run Bash inside an OS sandbox (bubblewrap,
 * `bwrap`, on Linux) when available. Reached only through
 * `if (feature('SANDBOX_BASH')) await import(...)` (src/tools/bash/load-bash-tools.ts);
 * nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'SANDBOX_BASH',
  status: 'ready',
  provides: ['bwrap'],
};

export { createBashSandbox, sandboxStatus, shutdownBashSandboxes, type BashSandbox, type BashSandboxInternals, type SandboxStatus } from './sandbox.ts';
export { probeBubblewrap, findOnPath, type Availability, type ProbeOptions } from './probe.ts';
export { protectedTargets, type Placeholder, type ProtectedTarget } from './protected-paths.ts';
export { createPlaceholderRegistry, type PlaceholderRegistry } from './placeholders.ts';
export { bwrapArgs, type SandboxPlan } from './bwrap-args.ts';
export { SandboxError, type SandboxErrorCode } from './errors.ts';
