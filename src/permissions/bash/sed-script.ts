import type { Word } from './types.ts';

/** What a sed invocation can do beyond reading its input and printing. */
export interface SedFacts {
  /** Runs commands (`e`, `s///e`), or its script is unknown (`-f file`, computed at run time). */
  readonly exec: string | undefined;
  /** Writes files (`-i`, `w file`, `s///w file`). */
  readonly write: string | undefined;
}

const FLAG_OPTIONS = new Set(['-n', '-E', '-r', '-s', '-u', '-z', '--quiet', '--silent', '--regexp-extended', '--separate',
  '--unbuffered', '--null-data', '--posix', '--debug', '--sandbox', '--follow-symlinks', '-b', '--binary', '--help', '--version']);

/**
 * Reads sed's options and script. GNU sed can run shell commands (`e`, the `e` flag of
 * `s`) and write files (`-i`, `w`); the script is parsed conservatively: any command
 * it does not know counts as running code.
 */
export function sedFacts(args: readonly Word[]): SedFacts {
  const scripts: string[] = [];
  let exec: string | undefined;
  let write: string | undefined;
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.kind === 'literal' ? w.value! : undefined;
    if (v === undefined) {
      exec ??= `the sed argument '${w.text}' is computed at run time (it could be a script that runs commands)`;
      continue;
    }
    // GNU sed permutes its arguments: options may follow the script and files.
    if (afterDashDash || !v.startsWith('-') || v === '-') continue;
    if (v === '--') { afterDashDash = true; continue; }
    if (v.startsWith('--')) {
      const [name, inline] = splitLong(v);
      if (name === '--expression') scripts.push(inline ?? valueAt(args, ++i) ?? '');
      else if (name === '--file') exec ??= 'sed -f runs a script file the analyser cannot see (it may use the e command)';
      else if (name === '--in-place') write ??= `sed ${v} edits files in place`;
      else if (name === '--line-length') { if (inline === undefined) i++; }
      else if (!FLAG_OPTIONS.has(name)) exec ??= `the sed option '${v}' is not modelled`;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const opt = v[j]!;
      if (opt === 'e' || opt === 'f' || opt === 'l') {
        const arg = j + 1 < v.length ? v.slice(j + 1) : valueAt(args, ++i);
        if (opt === 'e') scripts.push(arg ?? '');
        if (opt === 'f') exec ??= 'sed -f runs a script file the analyser cannot see (it may use the e command)';
        break;
      }
      if (opt === 'i') {
        write ??= `sed ${v} edits files in place`;
        break; // the rest of the cluster is the backup suffix
      }
      if (!FLAG_OPTIONS.has(`-${opt}`)) {
        exec ??= `the sed option '${v}' is not modelled`;
        break;
      }
    }
  }
  // Without -e/-f the first operand is the script.
  if (scripts.length === 0 && exec === undefined) {
    const first = firstOperand(args);
    if (first !== undefined) scripts.push(first);
  }
  for (const script of scripts) {
    const facts = scanScript(script);
    exec ??= facts.exec;
    write ??= facts.write;
  }
  return { exec, write };
}

function splitLong(v: string): [string, string | undefined] {
  const at = v.indexOf('=');
  return at === -1 ? [v, undefined] : [v.slice(0, at), v.slice(at + 1)];
}

function valueAt(args: readonly Word[], i: number): string | undefined {
  const w = args[i];
  return w?.kind === 'literal' ? w.value : undefined;
}

function firstOperand(args: readonly Word[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = valueAt(args, i);
    if (v === undefined) return undefined;
    if (v === '--') return valueAt(args, i + 1);
    if (v.startsWith('--line-length') && !v.includes('=')) { i++; continue; }
    if (/^-[^-]*l$/.test(v)) { i++; continue; }
    if (!v.startsWith('-') || v === '-') return v;
  }
  return undefined;
}

const NO_ARG = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F', '{', '}']);

/** Scans one sed script; unknown commands count as running code (fail closed). */
export function scanScript(script: string): SedFacts {
  let exec: string | undefined;
  let write: string | undefined;
  let i = 0;
  const s = script;
  const restOfLine = () => {
    const end = s.indexOf('\n', i);
    const text = s.slice(i, end === -1 ? s.length : end);
    i = end === -1 ? s.length : end + 1;
    return text;
  };
  const skipRegex = (delim: string): boolean => {
    for (; i < s.length; i++) {
      if (s[i] === '\\') { i++; continue; }
      if (s[i] === delim) { i++; return true; }
      if (s[i] === '\n') return false;
    }
    return false;
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (/[\s;]/.test(ch)) { i++; continue; }
    // Addresses: numbers, $, /re/, \cREc, first~step, addr,+N, then an optional !.
    if (/[0-9$,~+!]/.test(ch)) { i++; continue; }
    if (ch === '/' || ch === '\\') {
      const delim = ch === '/' ? '/' : s[++i];
      i++;
      if (delim === undefined || !skipRegex(delim)) return { exec: exec ?? 'the sed script could not be parsed', write };
      while (s[i] === 'I' || s[i] === 'M') i++;
      continue;
    }
    i++;
    if (NO_ARG.has(ch)) continue;
    switch (ch) {
      case '#':
      case ':':
        restOfLine();
        break;
      case 'a':
      case 'i':
      case 'c':
        // Text up to the end of the line; a trailing backslash continues it.
        while (i < s.length) {
          const line = restOfLine();
          if (!line.endsWith('\\')) break;
        }
        break;
      case 'b':
      case 't':
      case 'T':
      case 'v':
        while (i < s.length && s[i] !== ';' && s[i] !== '\n' && s[i] !== '}') i++;
        break;
      case 'q':
      case 'Q':
      case 'l':
      case 'L':
        while (i < s.length && /[\s0-9]/.test(s[i]!) && s[i] !== '\n') i++;
        break;
      case 'r':
      case 'R':
        restOfLine();
        break;
      case 'w':
      case 'W':
        write ??= `the sed script writes a file ('${ch} ${restOfLine().trim()}')`;
        break;
      case 'e':
        exec ??= `the sed script runs a shell command (the 'e' command)`;
        restOfLine();
        break;
      case 's':
      case 'y': {
        const delim = s[i];
        if (delim === undefined || delim === '\n' || delim === '\\') return { exec: exec ?? 'the sed script could not be parsed', write };
        i++;
        if (!skipRegex(delim) || !skipRegex(delim)) return { exec: exec ?? 'the sed script could not be parsed', write };
        if (ch === 'y') break;
        while (i < s.length && /[gpiImMe0-9w]/.test(s[i]!)) {
          const flag = s[i++]!;
          if (flag === 'e') exec ??= `the sed script runs a shell command (the 'e' flag of s///)`;
          if (flag === 'w') {
            write ??= `the sed script writes a file ('s///w ${restOfLine().trim()}')`;
            break;
          }
        }
        break;
      }
      default:
        return { exec: exec ?? `the sed command '${ch}' is not modelled`, write };
    }
  }
  return { exec, write };
}
