import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { TrustEffects } from '../../src/config/index.ts';
import { CommandViewHost } from '../../src/ui/components/CommandViewHost.tsx';
import { GuardedSelect } from '../../src/ui/dialogs/GuardedSelect.tsx';
import { PermissionDialog } from '../../src/ui/dialogs/PermissionDialog.tsx';
import { PlanApprovalDialog } from '../../src/ui/dialogs/PlanApprovalDialog.tsx';
import { TextPrompt } from '../../src/ui/dialogs/TextPrompt.tsx';
import { TrustDialog } from '../../src/ui/dialogs/TrustDialog.tsx';
import type { PermissionAnswer, PermissionRequest, PlanApprovalAnswer } from '../../src/ui/runtime.ts';
import { KEY, frameOf, press, renderThemed, type, waitForFrame } from './helpers.tsx';

afterEach(() => cleanup());

const request: PermissionRequest = {
  toolUseId: 't1', toolName: 'Bash', input: { command: 'npm run deploy', description: 'Deploy' }, reason: 'Bash commands need approval',
  suggestion: { rule: 'Bash(npm run deploy)', destinations: [{ scope: 'local', file: '/p/.wren/settings.local.json' }, { scope: 'user', file: '/home/u/.wren/settings.json' }] },
};

function permission(armDelayMs = 0, req: PermissionRequest = request) {
  const answers: PermissionAnswer[] = [];
  let interrupted = 0;
  const r = renderThemed(<PermissionDialog request={req} cwd="/p" onAnswer={(a) => answers.push(a)} onInterrupt={() => interrupted++} armDelayMs={armDelayMs} />);
  return { r, answers, interrupted: () => interrupted };
}

describe('PermissionDialog', () => {
  test('shows the whole command, why it is asked, and the exact rule and file allow-always writes', () => {
    const frame = frameOf(permission().r);
    expect(frame).toContain('Allow Bash?');
    expect(frame).toContain('$ npm run deploy');
    expect(frame).toContain('Asked because: Bash commands need approval');
    expect(frame).toContain('Yes, and always allow Bash(npm run deploy)');
    expect(frame).toContain('adds "Bash(npm run deploy)" to permissions.allow in /p/.wren/settings.local.json');
  });

  test('allow once', async () => {
    const { r, answers } = permission();
    await press(r.stdin, KEY.enter);
    expect(answers).toEqual([{ kind: 'allow_once' }]);
  });

  test('allow always, with Tab choosing where the rule is written', async () => {
    const { r, answers } = permission();
    await press(r.stdin, KEY.down, KEY.tab);
    await waitForFrame(r, 'in /home/u/.wren/settings.json');
    await press(r.stdin, KEY.enter);
    expect(answers).toEqual([{ kind: 'allow_always', rule: 'Bash(npm run deploy)', destination: { scope: 'user', file: '/home/u/.wren/settings.json' } }]);
  });

  test('deny with a note to the model', async () => {
    const { r, answers } = permission();
    await press(r.stdin, KEY.up, KEY.enter);
    await waitForFrame(r, 'Tell Wren what to do instead');
    await type(r.stdin, 'use staging');
    await press(r.stdin, KEY.enter);
    expect(answers).toEqual([{ kind: 'deny', note: 'use staging' }]);
  });

  test('Esc denies by interrupting the turn', async () => {
    const { r, interrupted, answers } = permission();
    await press(r.stdin, KEY.esc);
    await new Promise((res) => setTimeout(res, 50));
    expect(interrupted()).toBe(1);
    expect(answers).toEqual([]);
  });

  test('cannot be confirmed by typing: keys are swallowed until the keyboard is still', async () => {
    const { r, answers } = permission(150);
    expect(frameOf(r)).toContain('waiting for the keyboard to be still');
    // Typing that was meant for the prompt, Enter included, keeps arriving...
    for (let i = 0; i < 6; i++) {
      await press(r.stdin, 'x', KEY.enter);
      await new Promise((res) => setTimeout(res, 40));
    }
    expect(answers).toEqual([]);
    // ...then a pause arms it, and only a deliberate Enter answers.
    await waitForFrame(r, 'Enter to confirm');
    await press(r.stdin, 'y', 'Y', '1');
    expect(answers).toEqual([]);
    await press(r.stdin, KEY.enter);
    expect(answers).toEqual([{ kind: 'allow_once' }]);
  });

  test('no allow-always when no rule can be suggested; an Edit shows its diff', () => {
    const frame = frameOf(permission(0, { toolUseId: 't', toolName: 'Edit', input: { file_path: '/p/a.ts', old_string: 'let a = 1;', new_string: 'const a = 1;' }, reason: 'edits need approval' }).r);
    expect(frame).not.toContain('always allow');
    expect(frame).toContain('a.ts');
    expect(frame).toContain('- let a = 1;');
    expect(frame).toContain('+ const a = 1;');
  });
});

const effects: TrustEffects = {
  folder: '/home/u/repo', alreadyTrusted: false,
  files: [{ file: '/home/u/repo/.wren/settings.json', kind: 'project settings', valid: true }],
  permissions: { allow: ['Bash(npm:*)'], ask: [], deny: ['Read(./.env)'], defaultMode: { mode: 'acceptEdits', file: '/home/u/repo/.wren/settings.json' }, additionalDirectories: [] },
  hooks: [{ event: 'PostToolUse', matcher: 'Edit', command: 'npm run lint', file: '/home/u/repo/.wren/settings.json' }],
  mcpServers: [{ name: 'db', launches: 'npx db-server', file: '/home/u/repo/.mcp.json', approved: false }],
  statusLine: { command: './status.sh', file: '/home/u/repo/.wren/settings.json' },
  env: [{ name: 'ANTHROPIC_BASE_URL', file: '/home/u/repo/.wren/settings.json', sensitive: true }],
  instructionFiles: ['/home/u/repo/AGENTS.md'],
  problems: [],
};

describe('TrustDialog', () => {
  test('lists exactly what trusting would enable', () => {
    const frame = frameOf(renderThemed(<TrustDialog effects={effects} onAnswer={() => {}} armDelayMs={0} />));
    for (const text of ['/home/u/repo', 'Bash(npm:*)', 'Read(./.env)', 'acceptEdits', 'PostToolUse [Edit]', 'npm run lint', 'npx db-server', 'not started by trusting', './status.sh', 'ANTHROPIC_BASE_URL', 'redirects the API', '/home/u/repo/AGENTS.md']) {
      expect(frame).toContain(text);
    }
  });

  test('an empty folder says there is nothing to enable; No exits', async () => {
    const answers: boolean[] = [];
    const empty: TrustEffects = { ...effects, files: [], permissions: { allow: [], ask: [], deny: [], additionalDirectories: [] }, hooks: [], mcpServers: [], env: [], instructionFiles: [] };
    delete (empty as { statusLine?: unknown }).statusLine;
    const r = renderThemed(<TrustDialog effects={empty} onAnswer={(a) => answers.push(a)} armDelayMs={0} />);
    expect(frameOf(r)).toContain('has no project settings, hooks, MCP servers');
    await press(r.stdin, KEY.down, KEY.enter);
    expect(answers).toEqual([false]);
  });
});

describe('PlanApprovalDialog', () => {
  test('shows the plan; approves into the chosen mode or returns feedback', async () => {
    const answers: PlanApprovalAnswer[] = [];
    const r = renderThemed(<PlanApprovalDialog request={{ toolUseId: 'p', plan: '1. **Read** the code\n2. Fix it', choices: ['acceptEdits', 'default'] }}
      onAnswer={(a) => answers.push(a)} onInterrupt={() => {}} armDelayMs={0} />);
    expect(frameOf(r)).toContain('1. Read the code');
    await press(r.stdin, KEY.down, KEY.enter);
    expect(answers).toEqual([{ approved: true, mode: 'default' }]);
    const r2 = renderThemed(<PlanApprovalDialog request={{ toolUseId: 'p', plan: 'x', choices: ['default'] }} onAnswer={(a) => answers.push(a)} onInterrupt={() => {}} armDelayMs={0} />);
    await press(r2.stdin, KEY.down, KEY.enter);
    await waitForFrame(r2, 'What should change');
    await type(r2.stdin, 'add tests');
    await press(r2.stdin, KEY.enter);
    expect(answers[1]).toEqual({ approved: false, feedback: 'add tests' });
  });
});

describe('GuardedSelect, TextPrompt and CommandViewHost', () => {
  test('GuardedSelect moves with arrows and j/k and wraps around', async () => {
    const picked: string[] = [];
    const r = renderThemed(<GuardedSelect options={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} onSelect={(v) => picked.push(v)} armDelayMs={0} />);
    await press(r.stdin, 'j', 'j', KEY.enter, 'k', KEY.enter);
    expect(picked).toEqual(['a', 'b']);
  });

  test('TextPrompt edits and submits one line; Esc cancels', async () => {
    const got: string[] = [];
    let cancelled = false;
    const r = renderThemed(<TextPrompt title="Rule?" onSubmit={(t) => got.push(t)} onCancel={() => (cancelled = true)} />);
    await type(r.stdin, 'Bash(ls)x');
    await press(r.stdin, KEY.backspace, KEY.enter, KEY.esc);
    expect(got).toEqual(['Bash(ls)']);
    await new Promise((res) => setTimeout(res, 40));
    expect(cancelled).toBe(true);
  });

  test('CommandViewHost shows a command picker and hands back the choice', async () => {
    const chosen: string[] = [];
    let closed = 0;
    const r = renderThemed(<CommandViewHost view={{ kind: 'select', title: 'Model', options: [{ value: 'x', label: 'Sonnet' }, { value: 'y', label: 'Opus', description: 'the big one' }], onSelect: (v) => { chosen.push(v); } }} onClose={() => closed++} />);
    expect(frameOf(r)).toContain('the big one');
    await press(r.stdin, KEY.down, KEY.enter);
    expect(chosen).toEqual(['y']);
    expect(closed).toBe(1);
  });
});
