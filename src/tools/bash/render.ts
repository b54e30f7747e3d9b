/** What a Bash call produced, as the tool returns it. */
export interface BashResult {
  /** Standard output; if it was too long, its middle is replaced by a note. */
  readonly stdout: string;
  /** Standard error, capped the same way. */
  readonly stderr: string;
  /** The shell's exit code; null when a signal ended it. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Killed because it ran past its timeout. */
  readonly timedOut: boolean;
  /** Killed because the call was aborted (Esc, Ctrl-C, turn ended). */
  readonly interrupted: boolean;
  /** Working directory after the command (where the next call starts). */
  readonly cwd: string;
  readonly durationMs: number;
  /** Things the model should know that are not output (a reset working directory...). */
  readonly notes: readonly string[];
}

/** The tool_result text: output, then what happened to the process. */
export function renderBashResult(output: BashResult): string {
  const parts: string[] = [];
  for (const note of output.notes) parts.push(note);
  const stdout = trimTrailingNewline(output.stdout);
  const stderr = trimTrailingNewline(output.stderr);
  if (stdout) parts.push(stdout);
  if (stderr) parts.push(stderr);
  if (output.timedOut) {
    parts.push(`Command timed out after ${formatDuration(output.durationMs)} and was killed, with every process it started.`);
  } else if (output.interrupted) {
    parts.push('Command was interrupted (aborted by the user or the session) and was killed, with every process it started.');
  } else if (output.exitCode !== null && output.exitCode !== 0) {
    parts.push(`Exit code ${output.exitCode}`);
  } else if (output.exitCode === null && output.signal) {
    parts.push(`Command was killed by signal ${output.signal}`);
  }
  if (!stdout && !stderr && parts.length === output.notes.length) parts.push('(Command completed with no output)');
  return parts.join('\n');
}

function trimTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** 1500 -> "1.5s", 125000 -> "2m 5s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes}m ${seconds}s` : `${minutes}m`;
}
