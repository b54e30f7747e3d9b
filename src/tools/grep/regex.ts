/**
 * Grep patterns use ripgrep's (Rust) regex syntax. The pure-JS fallback must
 * match exactly what `rg` matches, so one pass over the pattern yields a
 * JavaScript `RegExp` with Rust semantics and a normalised pattern for `rg`,
 * and refuses what only one of the two engines understands (look-around and
 * backreferences are JavaScript-only; set operations in classes are Rust-only).
 */

/** A pattern both engines accept, in each one's dialect. */
export interface CompiledPattern {
  /** For `rg -e`. */
  readonly rust: string;
  /** For the fallback: `new RegExp(js.source, js.flags)`. */
  readonly js: { readonly source: string; readonly flags: string };
}

/** Thrown for a pattern outside the supported syntax; its message is shown to the model. */
export class PatternError extends Error {
  readonly code = 'WREN_GREP_PATTERN';
}

// Rust's \w, \d and \b are Unicode-aware; JavaScript's are ASCII even with the `u` flag.
const WORD = String.raw`\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`;
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: String.raw`\x00-\x7F`, blank: String.raw`\t `,
  cntrl: String.raw`\x00-\x1F\x7F`, digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~',
  punct: String.raw`!-\/:-@\[-\x60\{-~`, space: String.raw`\t\n\v\f\r `, upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
// Characters that must stay escaped in a `u`-flag RegExp, outside and inside classes.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
// Characters Rust's regex lets you escape (older rg refuses an escape of anything else).
const RUST_META = new Set('\\.+*?()|[]{}^$#&-~');

/** Compiles `pattern` for both engines; `ignoreCase` is `-i`. Throws PatternError. */
export function compilePattern(pattern: string, ignoreCase: boolean): CompiledPattern {
  let rest = pattern;
  let flags = 's'; // Rust's `.` matches everything but \n (and \n too in multiline-dotall mode)
  let rust = '';
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === 'i') flags += flags.includes('i') ? '' : 'i';
      else if (f !== 's' && f !== 'm') throw new PatternError(`The inline flag (?${f}) is not supported; only i, s and m are.`);
    }
    rust = lead[0];
    rest = rest.slice(lead[0].length);
  }
  if (ignoreCase && !flags.includes('i')) flags += 'i';
  const out = translate(rest);
  const js = { source: out.js, flags: `${flags}u` };
  try {
    new RegExp(js.source, js.flags);
  } catch (err) {
    throw new PatternError(`Invalid regular expression: ${(err as Error).message}`);
  }
  return { rust: rust + out.rust, js };
}

function translate(p: string): { js: string; rust: string } {
  let js = '';
  let rust = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const esc = escape(p, i, false);
      js += esc.js;
      rust += esc.rust;
      i = esc.end;
    } else if (c === '[') {
      const cls = charClass(p, i);
      js += cls.js;
      rust += cls.rust;
      i = cls.end;
    } else if (c === '(') {
      const group = groupOpen(p, i);
      js += group.js;
      rust += group.rust;
      i = group.end;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (!m) throw new PatternError(`Unclosed or invalid counted repetition at offset ${i}: escape a literal { as \\{.`);
      js += m[0];
      rust += m[0];
      i += m[0].length;
    } else if (c === '}') {
      js += '\\}';
      rust += '}';
      i++;
    } else if (c === '^') {
      // Start of a line, as Rust's multi-line ^. (Not `(?<![^\n])`: V8 tries that inside surrogate pairs.)
      js += String.raw`(?:^|(?<=\n))`;
      rust += c;
      i++;
    } else if (c === '$') {
      js += String.raw`(?:$|(?=\n))`; // end of a line; unlike JS's m flag, a \r is not a line end in Rust
      rust += c;
      i++;
    } else {
      js += c;
      rust += c;
      i++;
    }
  }
  return { js, rust };
}

function escape(p: string, i: number, inClass: boolean): { js: string; rust: string; end: number } {
  const c = p[i + 1];
  if (c === undefined) throw new PatternError('The pattern ends with a lone backslash.');
  const two = `\\${c}`;
  const same = (js: string) => ({ js, rust: two, end: i + 2 });
  if (!/[0-9A-Za-z]/.test(c)) {
    // An escaped punctuation character is that character.
    const js = JS_SYNTAX.has(c) || (inClass && c === '-') ? two : c;
    return { js, rust: RUST_META.has(c) ? two : c, end: i + 2 };
  }
  switch (c) {
    case 'n': case 't': case 'r': case 'f': case 'v':
      return same(two);
    case 'd': return same(String.raw`\p{Nd}`);
    case 'D': return same(String.raw`\P{Nd}`);
    case 'w': return same(inClass ? WORD : `[${WORD}]`);
    case 'W':
      if (inClass) throw new PatternError('\\W inside a character class is not supported; use [^...] instead.');
      return same(`[^${WORD}]`);
    case 's': return same(String.raw`\s`);
    case 'S': return same(String.raw`\S`);
    case 'b':
      if (inClass) throw new PatternError('\\b inside a character class is not supported.');
      return same(`(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`);
    case 'B':
      if (inClass) throw new PatternError('\\B inside a character class is not supported.');
      return same(`(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`);
    case 'A':
      if (inClass) throw new PatternError('\\A inside a character class is not supported.');
      return same('^');
    case 'z':
      if (inClass) throw new PatternError('\\z inside a character class is not supported.');
      return same('$');
    case 'p': case 'P': {
      const braced = /^\\[pP]\{([A-Za-z_=]+)\}/.exec(p.slice(i));
      if (braced) return { js: braced[0], rust: braced[0], end: i + braced[0].length };
      const short = p[i + 2];
      if (short === undefined || !/[A-Za-z]/.test(short)) throw new PatternError(`Invalid Unicode class escape at offset ${i}.`);
      return { js: `\\${c}{${short}}`, rust: p.slice(i, i + 3), end: i + 3 };
    }
    case 'x': case 'u': case 'U': {
      const braced = /^\\[xuU]\{([0-9A-Fa-f]{1,6})\}/.exec(p.slice(i));
      if (braced) return { js: `\\u{${braced[1]}}`, rust: braced[0], end: i + braced[0].length };
      const width = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = p.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) throw new PatternError(`Invalid \\${c} escape at offset ${i}.`);
      return { js: `\\u{${hex.replace(/^0+(?=.)/, '')}}`, rust: p.slice(i, i + 2 + width), end: i + 2 + width };
    }
    default:
      if (/[1-9]/.test(c) || c === 'k') {
        throw new PatternError('Backreferences are not supported (ripgrep\'s regex engine has none).');
      }
      throw new PatternError(`Unsupported escape sequence \\${c} at offset ${i}.`);
  }
}

function charClass(p: string, start: number): { js: string; rust: string; end: number } {
  let i = start + 1;
  let js = '[';
  if (p[i] === '^') {
    js += '^';
    i++;
  }
  // A ] right after [ or [^ is a literal, in Rust as in POSIX.
  if (p[i] === ']') {
    js += '\\]';
    i++;
  }
  while (i < p.length && p[i] !== ']') {
    const c = p[i]!;
    if (c === '[') {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
      if (!posix || POSIX[posix[2]!] === undefined) throw new PatternError('Nested character classes are not supported.');
      if (posix[1]) throw new PatternError('Negated POSIX classes ([:^name:]) are not supported.');
      js += POSIX[posix[2]!];
      i += posix[0].length;
    } else if (c === '\\') {
      const esc = escape(p, i, true);
      js += esc.js;
      i = esc.end;
    } else if ((c === '&' || c === '-' || c === '~') && p[i + 1] === c) {
      throw new PatternError('Character class set operations (&&, --, ~~) are not supported.');
    } else {
      js += c; // in a `u`-flag class only \, ] and - are special, and those are handled above
      i++;
    }
  }
  if (i >= p.length) throw new PatternError(`Unclosed character class starting at offset ${start}.`);
  return { js: `${js}]`, rust: p.slice(start, i + 1), end: i + 1 };
}

function groupOpen(p: string, i: number): { js: string; rust: string; end: number } {
  const rest = p.slice(i);
  if (/^\(\?(=|!|<=|<!)/.test(rest)) throw new PatternError('Look-around ((?=, (?!, (?<=, (?<!) is not supported (ripgrep\'s regex engine has none).');
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { js: `(?<${named[1]}>`, rust: `(?P<${named[1]}>`, end: i + named[0].length };
  if (rest.startsWith('(?:')) return { js: '(?:', rust: '(?:', end: i + 3 };
  const flagGroup = /^\(\?([a-zA-Z-]*)(:|\))/.exec(rest);
  if (flagGroup) {
    if (flagGroup[2] === ')') throw new PatternError('Inline flags are supported only at the very start of the pattern, like (?i)foo.');
    const letters = flagGroup[1]!.replace('-', '');
    if (!/^[ims]*$/.test(letters) || letters === '') throw new PatternError(`Unsupported flag group (?${flagGroup[1]}:...).`);
    // `m` and `s` are always on (see compilePattern); only `i` changes anything.
    const on = flagGroup[1]!.split('-')[0]!.includes('i') ? 'i' : '';
    const off = flagGroup[1]!.split('-')[1]?.includes('i') ? '-i' : '';
    return { js: on || off ? `(?${on}${off}:` : '(?:', rust: flagGroup[0], end: i + flagGroup[0].length };
  }
  if (rest.startsWith('(?')) throw new PatternError(`Unsupported group syntax at offset ${i}.`);
  return { js: '(', rust: '(', end: i + 1 };
}
