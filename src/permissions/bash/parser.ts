import type { Node, Parser, Tree } from 'web-tree-sitter';

/**
 * The shell parser (tree-sitter-bash on web-tree-sitter), loaded once, lazily.
 *
 * Both wasm modules are imported as bytes (the build's binary loader, the test and
 * dev loaders do the same), so nothing is read from disk at run time and the
 * artifact stays one folder. The imports are dynamic: the 1.5 MB of wasm is only
 * decoded the first time a Bash command is analysed, never at start-up.
 */

/** Why a parse produced no tree. */
export type ParseFailureCode = 'PARSE_TIMEOUT' | 'PARSER_FAILED';

/** Thrown when the parser cannot be loaded or a parse cannot complete. */
export class BashParseError extends Error {
  readonly code: ParseFailureCode;
  constructor(code: ParseFailureCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BashParseError';
    this.code = code;
  }
}

/** Options for one parse. */
export interface ParseOptions {
  /** Time budget for one parse, in milliseconds. @default 1000 */
  readonly timeoutMs?: number;
  /** Clock used for the budget (tests inject one). @default performance.now */
  readonly now?: () => number;
}

/** A loaded parser; `parse` is synchronous. */
export interface ShellParser {
  /** Parses `source`; the caller must `delete()` the tree. Throws BashParseError. */
  parse(source: string, options?: ParseOptions): Tree;
}

const DEFAULT_TIMEOUT_MS = 1000;

let loading: Promise<ShellParser> | undefined;
let loaded: ShellParser | undefined;

/** Loads the parser once; later calls share the same promise. A failed load is retried next time. */
export function loadShellParser(): Promise<ShellParser> {
  loading ??= createParser().then(
    (parser) => (loaded = parser),
    (error: unknown) => {
      loading = undefined;
      throw new BashParseError('PARSER_FAILED', `the shell parser could not be loaded: ${describe(error)}`, { cause: error });
    },
  );
  return loading;
}

/** The parser if it has finished loading, else undefined (synchronous callers fail closed). */
export function loadedShellParser(): ShellParser | undefined {
  return loaded;
}

async function createParser(): Promise<ShellParser> {
  const [treeSitter, runtimeWasm, bashWasm] = await Promise.all([
    import('web-tree-sitter'),
    import('web-tree-sitter/web-tree-sitter.wasm'),
    import('tree-sitter-bash/tree-sitter-bash.wasm'),
  ]);
  const runtimeBytes = runtimeWasm.default;
  await treeSitter.Parser.init({
    wasmBinary: runtimeBytes,
    // With wasmBinary set the file is never fetched; locateFile only keeps the runtime
    // from resolving a URL against import.meta.url, which a CommonJS bundle lacks.
    locateFile: (path: string) => path,
  } as Parameters<typeof treeSitter.Parser.init>[0]);
  const language = await treeSitter.Language.load(bashWasm.default);
  const parser: Parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return { parse: (source, options) => parseWith(parser, source, options) };
}

function parseWith(parser: Parser, source: string, options: ParseOptions = {}): Tree {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let tree: Tree | null;
  try {
    tree = parser.parse(source, null, {
      // Returning true cancels the parse; tree-sitter calls this periodically on long input.
      progressCallback: (() => now() > deadline) as unknown as (state: unknown) => void,
    });
  } catch (error) {
    parser.reset();
    throw new BashParseError('PARSER_FAILED', `the shell parser failed: ${describe(error)}`, { cause: error });
  }
  if (!tree) {
    // A cancelled parse would otherwise resume where it stopped on the next call.
    parser.reset();
    throw new BashParseError('PARSE_TIMEOUT', 'the command took too long to parse');
  }
  return tree;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Node, Tree };
