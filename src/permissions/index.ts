export { strictest, type PermissionBehavior, type PermissionDecision } from './decision.ts';
