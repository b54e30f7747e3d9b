import type { Node } from './parser.ts';
import type { Word } from './types.ts';

/** What word evaluation reports back to the walker. */
export interface WordScope {
  /** A `$(...)`, backtick or `<(...)`/`>(...)` body: its commands will run and must be checked. */
  substitution(node: Node): void;
  /** A construct that must keep the command from being auto-allowed. */
  problem(message: string): void;
  /** A variable whose value the word expands (`$HOME`, `${AWS_KEY:-x}`). */
  variable?(name: string): void;
}

interface Piece {
  readonly text: string;
  readonly quoted: boolean;
}

interface Builder {
  pieces: Piece[];
  dynamic: boolean;
  glob: boolean;
}

/** Parameter-expansion operators whose operand is only a word (no arithmetic, no indirection). */
const PLAIN_EXPANSION_OPERATORS = new Set([':-', '-', ':+', '+', '%', '%%', '#', '##']);

/**
 * The run-time value of a word node, as far as it is known statically. Quotes and
 * escapes are removed (so `\-exec` is `-exec` and `"rm"` is `rm`); substitutions are
 * reported to the scope and make the word dynamic; anything not modelled is a problem.
 */
export function evalWord(node: Node, scope: WordScope): Word {
  const builder: Builder = { pieces: [], dynamic: false, glob: false };
  collect(node, builder, scope);
  const value = builder.pieces.map((p) => p.text).join('');
  if (node.type === 'process_substitution') return { kind: 'dynamic', value: undefined, text: node.text, processSubstitution: true };
  if (builder.dynamic) return { kind: 'dynamic', value: undefined, text: node.text };
  if (builder.glob || hasUnquotedGlob(builder.pieces) || hasBraceExpansion(builder.pieces)) {
    return { kind: 'glob', value, text: node.text };
  }
  return { kind: 'literal', value, text: node.text };
}

function collect(node: Node, b: Builder, scope: WordScope): void {
  switch (node.type) {
    case 'word':
      // One piece per character: a spread of a 200,000-character word overflows the call stack.
      for (const piece of unquotedPieces(node.text)) b.pieces.push(piece);
      return;
    case 'number':
      b.pieces.push({ text: node.text, quoted: false });
      return;
    case 'raw_string':
      b.pieces.push({ text: node.text.slice(1, -1), quoted: true });
      return;
    case 'ansi_c_string': {
      const decoded = decodeAnsiC(node.text.slice(2, -1));
      if (decoded === undefined) b.dynamic = true;
      else b.pieces.push({ text: decoded, quoted: true });
      return;
    }
    case 'string':
      collectDoubleQuoted(node, b, scope);
      return;
    case 'concatenation':
      collectChildren(node, b, scope, (child) => collect(child, b, scope));
      return;
    case 'simple_expansion':
      b.dynamic = true;
      scope.variable?.(node.text.slice(1));
      return;
    case 'expansion': {
      b.dynamic = true;
      const name = /^\$\{[#!]?([A-Za-z_][A-Za-z0-9_]*)/.exec(node.text)?.[1];
      if (name) scope.variable?.(name);
      checkExpansion(node, scope);
      return;
    }
    case 'command_substitution':
    case 'process_substitution':
      b.dynamic = true;
      scope.substitution(node);
      return;
    case 'arithmetic_expansion':
      b.dynamic = true;
      checkArithmetic(node, scope);
      return;
    case 'brace_expression':
    case 'extglob_pattern':
      b.glob = true;
      b.pieces.push({ text: node.text, quoted: false });
      return;
    case 'regex':
      b.pieces.push({ text: node.text, quoted: false });
      return;
    case '$':
      // A lone `$` before a string is `$"..."`: a translated string, whose value is unknown.
      b.dynamic = true;
      return;
    default:
      b.dynamic = true;
      scope.problem(`the shell syntax '${clip(node.text)}' (${node.type}) is not modelled`);
      scanSubstitutions(node, scope);
  }
}

function collectDoubleQuoted(node: Node, b: Builder, scope: WordScope): void {
  collectChildren(node, b, scope, (child) => {
    switch (child.type) {
      case '"':
        return;
      case 'string_content':
        b.pieces.push({ text: unescapeDoubleQuoted(child.text), quoted: true });
        return;
      case '$':
        b.pieces.push({ text: '$', quoted: true });
        return;
      default:
        collect(child, b, scope);
    }
  });
}

/**
 * Visits the children of a compound word. Text between children that no child covers
 * means the tree does not describe the word fully: its value is then unknown.
 */
function collectChildren(node: Node, b: Builder, scope: WordScope, visit: (child: Node) => void): void {
  let at = node.startIndex;
  for (const child of node.children) {
    if (!child) continue;
    if (child.startIndex !== at) b.dynamic = true;
    visit(child);
    at = child.endIndex;
  }
  if (at !== node.endIndex) b.dynamic = true;
  void scope;
}

/** `${name}`, `${#name}` and `${name<op>word}` for plain operators; anything else is a problem. */
function checkExpansion(node: Node, scope: WordScope): void {
  const inner = node.children.filter((c): c is Node => !!c && c.type !== '${' && c.type !== '}');
  const first = inner[0];
  // A subscript is only safe when it cannot be arithmetic: `a[@]`, `a[*]`, `a[0]`.
  const safeSubscript = (n: Node) => {
    const index = n.childForFieldName('index');
    return n.childForFieldName('name')?.type === 'variable_name' && !!index &&
      ((index.type === 'word' && (index.text === '@' || index.text === '*')) || (index.type === 'number' && /^\d+$/.test(index.text)));
  };
  const isName = (n: Node | undefined) =>
    n?.type === 'variable_name' || n?.type === 'special_variable_name' || (n?.type === 'subscript' && safeSubscript(n));
  let plain = false;
  if (inner.length === 1 && isName(first)) plain = true;
  else if (inner.length === 2 && first?.type === '#' && isName(inner[1])) plain = true;
  else if (isName(first) && inner[1] && PLAIN_EXPANSION_OPERATORS.has(inner[1].type)) {
    plain = true;
    const sink: Builder = { pieces: [], dynamic: false, glob: false };
    for (const operand of inner.slice(2)) collect(operand, sink, scope);
  }
  if (!plain) {
    scope.problem(`the parameter expansion '${clip(node.text)}' is not modelled (indirection, subscripts, @P and substitutions can run code)`);
    scanSubstitutions(node, scope);
  }
}

const CONSTANT_ARITHMETIC = new Set(['number', 'binary_expression', 'unary_expression', 'parenthesized_expression']);

/** `$(( ))` of constants only; `$[ ]` and anything with variables or substitutions is a problem. */
function checkArithmetic(node: Node, scope: WordScope): void {
  if (node.text.startsWith('$[')) {
    scope.problem(`the legacy arithmetic '${clip(node.text)}' is not modelled`);
    scanSubstitutions(node, scope);
    return;
  }
  const constant = (n: Node): boolean =>
    n.children.every((c) => !c || (c.isNamed ? CONSTANT_ARITHMETIC.has(c.type) && constant(c) : true));
  if (!constant(node)) {
    scope.problem(`the arithmetic expansion '${clip(node.text)}' evaluates variables or substitutions, which can run commands`);
    scanSubstitutions(node, scope);
  }
}

/** Reports every substitution below `node` so its commands are still checked (deny rules). */
export function scanSubstitutions(node: Node, scope: WordScope): void {
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'command_substitution' || child.type === 'process_substitution') scope.substitution(child);
    else scanSubstitutions(child, scope);
  }
}

/** An unquoted word: `\x` is a quoted `x`, backslash-newline is a line continuation. */
function unquotedPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      if (next !== '\n') pieces.push({ text: next, quoted: true });
    } else {
      pieces.push({ text: ch, quoted: false });
    }
  }
  return pieces;
}

/** Inside double quotes a backslash only escapes `$`, backtick, `"`, `\` and newline. */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, ch: string) => (ch === '\n' ? '' : ch));
}

function hasUnquotedGlob(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => !p.quoted && /[*?[]/.test(p.text));
}

/** `{a,b}` or `{1..3}` outside quotes: one word may become several. */
function hasBraceExpansion(pieces: readonly Piece[]): boolean {
  if (!pieces.some((p) => !p.quoted && p.text.includes('{'))) return false;
  const chars: Piece[] = pieces.flatMap((p) => [...p.text].map((text) => ({ text, quoted: p.quoted })));
  for (let i = 0; i < chars.length; i++) {
    if (chars[i]!.quoted || chars[i]!.text !== '{') continue;
    let separated = false;
    for (let j = i + 1; j < chars.length; j++) {
      const c = chars[j]!;
      if (c.quoted) continue;
      if (c.text === ',' || (c.text === '.' && chars[j + 1]?.text === '.' && !chars[j + 1]!.quoted)) separated = true;
      if (c.text === '}' && separated) return true;
    }
  }
  return false;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/**
 * Decodes the body of `$'...'` as bash does (`$'\x72m'` is `rm`). Returns undefined
 * for a construct it does not model, so the word is treated as unknown.
 */
export function decodeAnsiC(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return undefined;
    i++;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += digits.length - 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const max = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(body.slice(i + 1))?.[0];
      if (!digits) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += digits.length;
    } else if (next === 'c') {
      const control = body[i + 1];
      if (control === undefined) return undefined;
      out += String.fromCharCode(control.toUpperCase().charCodeAt(0) ^ 0x40);
      i++;
    } else {
      out += `\\${next}`;
    }
  }
  // A NUL ends the string in bash; the rest is dropped.
  const nul = out.indexOf('\0');
  return nul === -1 ? out : out.slice(0, nul);
}

/** Shortens source text for messages. */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
