import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PermissionEngine } from '../../src/permissions/index.ts';
import {
  approvePlan,
  exitPlanModeTool,
  featureModule,
  headlessPlanResult,
  planExitRequest,
  rejectPlanMessage,
} from '../../src/permissions/plan-mode/index.ts';
import { fakeBashAnalyser } from './fake-bash-analyser.ts';
import { toolContext } from './engine-fixture.ts';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wren-plan-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function planEngine(bypassDisabled = false) {
  return new PermissionEngine({ cwd: dir, mode: 'plan', protectedLocations: { configDir: join(dir, 'cfg') }, bash: fakeBashAnalyser(), bypassDisabled });
}

describe('plan mode', () => {
  it('is a ready feature module', () => {
    expect(featureModule).toMatchObject({ flag: 'PLAN_MODE', status: 'ready', provides: ['ExitPlanMode'] });
  });

  it('asks for approval of the plan, showing it, and leaves plan mode once approved', async () => {
    const gate = planEngine();
    const input = { plan: '1. Fix the bug\n2. Run the tests' };
    const decision = await gate.decide('ExitPlanMode', input, exitPlanModeTool, toolContext(dir));
    expect(decision.behavior).toBe('ask');
    expect(decision.reason).toContain('2. Run the tests');
    expect(planExitRequest(input)).toEqual({ plan: input.plan, choices: ['default', 'acceptEdits'] });
    expect((await gate.decide('Edit', { file_path: join(dir, 'a.ts') })).behavior).toBe('deny');
    expect(approvePlan(gate, 'acceptEdits')).toEqual({ ok: true, mode: 'acceptEdits' });
    expect(gate.mode).toBe('acceptEdits');
    expect((await gate.decide('Edit', { file_path: join(dir, 'a.ts') })).behavior).toBe('allow');
    expect(approvePlan(gate)).toMatchObject({ ok: false });
  });

  it('never offers bypassPermissions on leaving', () => {
    expect(planExitRequest({ plan: 'x' })!.choices).not.toContain('bypassPermissions');
    expect(planExitRequest({ plan: '  ' })).toBeUndefined();
  });

  it('tells the model what happened when the plan is rejected or cannot be approved', () => {
    expect(rejectPlanMessage('use a map instead')).toMatch(/did not approve[\s\S]*Feedback: use a map instead/);
    expect(rejectPlanMessage()).not.toContain('Feedback');
    expect(headlessPlanResult()).toMatch(/non-interactive/);
  });

  it('the ExitPlanMode tool is read-only, validates its input, and reports approval', async () => {
    expect(exitPlanModeTool.isReadOnly({ plan: 'x' })).toBe(true);
    expect(exitPlanModeTool.inputSchema.safeParse({}).success).toBe(false);
    expect(exitPlanModeTool.description).toMatch(/plan mode/);
    const events = [];
    for await (const event of exitPlanModeTool.call({ plan: 'x' }, toolContext(dir))) events.push(event);
    expect(events).toEqual([{ type: 'result', output: { approved: true } }]);
    expect(exitPlanModeTool.toModelContent({ approved: true })).toMatch(/approved/);
  });

  it('denies a writing Bash command and names the way out', async () => {
    const d = await planEngine().decide('Bash', { command: 'rm -rf build' });
    expect(d).toMatchObject({ behavior: 'deny', source: 'mode:plan' });
    expect(d.reason).toContain('ExitPlanMode');
  });
});
