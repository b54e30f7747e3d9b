import type { Word } from './types.ts';

/**
 * Bash rule specifiers, as users write them inside `Bash(...)`:
 * - `npm test:*`: prefix. The command's words start with `npm` `test` (whole words:
 *   `npm testify` does not match); any arguments may follow.
 * - `git status`: exact. The command's words are exactly these.
 * - `*` inside a word matches any characters within that one word (`npm run test-*`);
 *   a `*` standing alone as a word matches any number of words (`git * --help`).
 *   Words come from the parsed command, so no wildcard ever reaches past `;`, `&&`, `|`.
 * - An exact rule containing shell syntax (`npm ci && npm test`) matches only the whole
 *   command line, character for character (after trimming).
 * Quotes in a rule group words as in the shell (`git commit -m "wip":*`).
 */
export interface BashRule {
  /** The specifier as written. */
  readonly spec: string;
  readonly kind: 'prefix' | 'pattern' | 'text' | 'invalid';
  readonly tokens: readonly Token[];
  /** For `text` rules: the whole command line it matches. */
  readonly text?: string;
  /** For `invalid` rules: why. */
  readonly error?: string;
}

const STAR = Symbol('star');
type Part = string | typeof STAR;
export type Token = { readonly any: true } | { readonly any: false; readonly parts: readonly Part[]; readonly regex: RegExp | undefined };

/** The result of matching a rule: `maybe` when a word computed at run time could make it match. */
export type MatchResult = 'yes' | 'maybe' | 'no';

/** Characters that make a rule more than a list of words. */
const SHELL_SYNTAX = /[;&|<>()`$\n]/;

/** Parses one specifier. Never throws: a malformed rule is `invalid` and matches nothing. */
export function parseBashRule(spec: string): BashRule {
  const trimmed = spec.trim();
  const prefix = trimmed.endsWith(':*');
  const body = prefix ? trimmed.slice(0, -2).trim() : trimmed;
  if (body === '') return { spec, kind: 'invalid', tokens: [], error: 'the rule is empty' };
  const tokens = tokenize(body);
  if ('error' in tokens) {
    if (tokens.error === 'syntax' && !prefix) return { spec, kind: 'text', tokens: [], text: body };
    return {
      spec, kind: 'invalid', tokens: [],
      error: tokens.error === 'syntax' ? 'a prefix rule cannot contain shell operators; write one rule per command' : tokens.error,
    };
  }
  return { spec, kind: prefix ? 'prefix' : 'pattern', tokens };
}

function tokenize(body: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let parts: Part[] = [];
  let quotedAny = false;
  let inWord = false;
  const push = (part: Part) => {
    inWord = true;
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else parts.push(part);
  };
  const end = () => {
    if (!inWord) return;
    if (parts.length === 1 && parts[0] === STAR && !quotedAny) tokens.push({ any: true });
    else tokens.push({ any: false, parts, regex: parts.includes(STAR) ? toRegex(parts) : undefined });
    parts = [];
    quotedAny = false;
    inWord = false;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === ' ' || ch === '\t') end();
    else if (ch === '\\') {
      if (i + 1 >= body.length) return { error: 'the rule ends with a backslash' };
      push(body[++i]!);
      quotedAny = true;
    } else if (ch === "'") {
      const close = body.indexOf("'", i + 1);
      if (close === -1) return { error: 'the rule has an unclosed quote' };
      push(body.slice(i + 1, close));
      quotedAny = true;
      i = close;
    } else if (ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < body.length && body[j] !== '"'; j++) {
        if (body[j] === '$' || body[j] === '`') return { error: 'syntax' };
        if (body[j] === '\\' && /["\\$`]/.test(body[j + 1] ?? '')) j++;
        text += body[j];
      }
      if (j >= body.length) return { error: 'the rule has an unclosed quote' };
      push(text);
      quotedAny = true;
      i = j;
    } else if (ch === '*') push(STAR);
    else if (SHELL_SYNTAX.test(ch)) return { error: 'syntax' };
    else push(ch);
  }
  end();
  return tokens;
}

function toRegex(parts: readonly Part[]): RegExp {
  const source = parts.map((p) => (p === STAR ? '.*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}

function wordMatches(token: Exclude<Token, { any: true }>, word: Word): MatchResult {
  if (word.kind !== 'literal') return 'maybe';
  const value = word.value!;
  if (token.regex) return token.regex.test(value) ? 'yes' : 'no';
  return token.parts.length === 1 && token.parts[0] === value ? 'yes' : token.parts.length === 0 && value === '' ? 'yes' : 'no';
}

const RANK: Record<MatchResult, number> = { no: 0, maybe: 1, yes: 2 };
const worse = (a: MatchResult, b: MatchResult): MatchResult => (RANK[a] <= RANK[b] ? a : b);

/** The outcome of matching, and how many words the rule's own tokens consumed. */
export interface RuleMatch {
  readonly result: MatchResult;
  /** Words matched by the rule's written tokens (a prefix rule's open tail not counted). */
  readonly consumed: number;
}

/**
 * Matches a word rule against one argv. Words not known before the run (`$X`, globs)
 * never give `yes`; they give `maybe` (they might match, or vanish), which deny and
 * ask rules treat as a match to ask about.
 */
export function matchRule(rule: BashRule, argv: readonly Word[]): RuleMatch {
  if (rule.kind !== 'prefix' && rule.kind !== 'pattern') return { result: 'no', consumed: 0 };
  const tokens = rule.tokens;
  const prefix = rule.kind === 'prefix';
  const memo = new Map<number, RuleMatch>();
  const width = argv.length + 1;
  const best = (a: RuleMatch, b: RuleMatch): RuleMatch =>
    RANK[a.result] !== RANK[b.result] ? (RANK[a.result] > RANK[b.result] ? a : b) : a.consumed >= b.consumed ? a : b;
  const go = (ti: number, wi: number): RuleMatch => {
    const key = ti * width + wi;
    const cached = memo.get(key);
    if (cached) return cached;
    let out: RuleMatch;
    if (ti === tokens.length) {
      out = prefix || wi === argv.length ? { result: 'yes', consumed: wi } : { result: 'no', consumed: 0 };
      // Trailing words computed at run time may expand to nothing.
      if (out.result === 'no' && argv.slice(wi).every((w) => w.kind !== 'literal')) out = { result: 'maybe', consumed: wi };
    } else {
      const token = tokens[ti]!;
      out = { result: 'no', consumed: 0 };
      if (token.any) {
        for (let k = wi; k <= argv.length; k++) out = best(out, go(ti + 1, k));
      } else if (wi < argv.length) {
        const word = argv[wi]!;
        const here = wordMatches(token, word);
        if (here !== 'no') {
          const next = go(ti + 1, wi + 1);
          out = { result: worse(here, next.result), consumed: next.consumed };
        }
        // An unquoted `$X` or glob may expand to no word at all.
        if (word.kind !== 'literal') {
          const skipped = go(ti, wi + 1);
          out = best(out, { result: worse('maybe', skipped.result), consumed: skipped.consumed });
        }
      }
    }
    memo.set(key, out);
    return out;
  };
  return go(0, 0);
}

/** The rule as a user writes it in settings. */
export function formatRule(spec: string): string {
  return `Bash(${spec})`;
}
