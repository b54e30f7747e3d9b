/**
 * How much is known about a shell word before it runs.
 * - `literal`: its exact value (quotes and escapes removed).
 * - `glob`: an unquoted pattern (`*`, `?`, `[...]`, braces) that the shell may expand
 *   into any number of words, file names included (a file may be called `-delete`).
 * - `dynamic`: computed at run time (`$VAR`, `$(...)`, `$'...'` we could not decode...).
 */
export type WordKind = 'literal' | 'glob' | 'dynamic';

/** One word of a simple command. */
export interface Word {
  readonly kind: WordKind;
  /** The value for a literal, the pattern for a glob, undefined when dynamic. */
  readonly value: string | undefined;
  /** The source text, for messages. */
  readonly text: string;
  /**
   * For a word that `xargs -I {}` fills in from its input: the word with the placeholder
   * still in it. Deny rules read a `sh -c` string from it; nothing is ever allowed from it.
   */
  readonly template?: string;
  /** The word is exactly a process substitution (`<(cmd)`): a `/dev/fd` pipe, not a file name. */
  readonly processSubstitution?: boolean;
}

/** Something that keeps a command from being auto-allowed whatever the rules say. */
export interface Problem {
  /** A sentence a user can act on. */
  readonly message: string;
  /** The source text of the simple command it belongs to, when there is one. */
  readonly command?: string;
}

/** Where a command or redirection sits in the command line, for "after a cd" questions. */
export interface Placement {
  /** Position in the order the walker met it (0, 1, 2...), across nested shell strings. */
  readonly order: number;
  /** Inside a loop or a function body: it may run again after any later command. */
  readonly repeated: boolean;
}

/** A redirection that writes to a file. */
export interface FileWrite {
  /**
   * The target: a literal path, or a dynamic word (always asks). A relative target after
   * a `cd`/`pushd` in the same command line is dynamic: where it lands depends on the cd.
   */
  readonly target: Word;
  /** The redirection as written (`> out.txt`). */
  readonly text: string;
  /** Where it sits (set by the walker). */
  readonly placement?: Placement;
}

/**
 * A word that a read-only command reads as a file or directory (`cat x`, `grep -r p dir`,
 * `cd dir`), or the cwd it reads when it names none (`ls`, `grep -r p`, `find`). The
 * analyser only finds them; the engine checks each against Read rules and the working
 * directories, as the Read tool would be.
 */
export interface FileRead {
  /**
   * A literal (any word: the engine decides which look like paths), a glob, or a dynamic word
   * (computed at run time: cannot be checked). Relative targets after a `cd` are dynamic.
   */
  readonly target: Word;
  /** The command reads everything below a directory target (`grep -r`, `find`, `rg`, `ls -R`). */
  readonly recursive: boolean;
  /** The target is where the command moves to (`cd`): containment is checked lexically too, as cd -L resolves `..`. */
  readonly changesDirectory: boolean;
  /** No operand named it: the command reads the cwd (`ls`, `find`). */
  readonly implicit: boolean;
  /** Index in `Analysis.commands` of the command that reads it; undefined when the shell opens it (`< file`). */
  readonly command?: number;
}

/** Where a simple command was found, for messages. */
export type CommandOrigin =
  | 'top'
  | 'substitution'
  | 'shell-string'
  | 'find-exec'
  | 'heredoc';

/** A simple command as written, before wrappers are seen through. */
export interface RawCommand {
  /** Source text of the command (its words, not its redirections). */
  readonly text: string;
  /** argv: the command name first. Assignments and redirections are not words. */
  readonly words: readonly Word[];
  readonly origin: CommandOrigin;
  /** Where it sits (set by the walker). */
  readonly placement?: Placement;
}

/** One way to read a command for rule matching: the whole argv, or what a wrapper runs. */
export interface CommandView {
  readonly argv: readonly Word[];
  /** Index in `argv` of the innermost command's name (the command that really runs). */
  readonly innerIndex: number;
  /** True when every wrapper skipped to reach this view is transparent (`timeout`, not `sudo`). */
  readonly transparent: boolean;
}

/** A simple command after wrappers, shell strings and `find -exec` have been seen through. */
export interface AnalysedCommand {
  readonly text: string;
  readonly origin: CommandOrigin;
  /** views[0] is the whole argv; later views are what wrappers run. */
  readonly views: readonly CommandView[];
  /** The innermost argv (the command that really runs). */
  readonly inner: readonly Word[];
  /**
   * Ways this command runs code the analyser cannot see (`git -c core.pager=...`, `sed e`,
   * `sudo -s`). A prefix or wildcard rule never covers them; only an exact rule does.
   */
  readonly hazards: readonly string[];
  /** Why the innermost command is not read-only, or undefined when it is. */
  readonly notReadOnly: string | undefined;
  /** The innermost command is in the read-only list (though its arguments may disqualify it). */
  readonly readOnlyListed: boolean;
  /** When this command's own words need no rule (a transparent `bash -c`: what it runs is checked). */
  readonly selfTransparent: boolean;
  /** Index of the command that ran this one (bash -c, eval, find -exec), if any. */
  readonly parent: number | undefined;
  /** Words of a wrapper that could not be seen through: deny rules are tried on every suffix. */
  readonly opaqueTail: readonly Word[] | undefined;
  /** Where it sits in the command line. */
  readonly placement?: Placement;
}

/** Everything the analyser learned about one command line. */
export interface Analysis {
  readonly source: string;
  readonly commands: readonly AnalysedCommand[];
  readonly problems: readonly Problem[];
  readonly writes: readonly FileWrite[];
  /** What the read-only commands read (for the engine's Read rules and workspace check). */
  readonly reads: readonly FileRead[];
}
