import type { Node } from './parser.ts';
import { isSecretVariableName } from './secret-names.ts';
import type { CommandOrigin, FileWrite, Placement, Problem, RawCommand, Word } from './types.ts';
import { REDIRECTS, shellReadingStdin, stdinScripts, unescapeBackticks, walkRedirect, type RedirectWalker } from './walk-redirects.ts';
import { clip, evalWord, scanSubstitutions, type WordScope } from './words.ts';

/** What a walk over one parse tree found. */
export interface WalkOutput {
  readonly commands: RawCommand[];
  readonly problems: Problem[];
  readonly writes: FileWrite[];
  /** Files the shell opens for reading (`< file`, `<> file`): checked like a read-only command's operands. */
  readonly inputs: FileWrite[];
  /** Command strings found where the tree has none (backticks in here-documents): parse them too. */
  readonly scripts: { readonly text: string; readonly runner: string; readonly origin: CommandOrigin }[];
}

/** Nodes that only group statements: their named children are walked as statements. */
const STRUCTURAL = new Set([
  'program', 'list', 'pipeline', 'subshell', 'negated_command', 'do_group', 'if_statement',
  'elif_clause', 'else_clause', 'while_statement', 'until_statement', 'function_definition',
]);

/** Statement nodes that error recovery can leave among a command's words. */
const STATEMENT_IN_WORDS = new Set(['ERROR', 'subshell', 'compound_statement', 'command', 'list', 'pipeline', 'redirected_statement']);

/** Nodes whose body may run again, or later than it is written (a function runs when called). */
const REPEATING = new Set(['while_statement', 'until_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

/** `[[ ]]` operators that evaluate their operands as arithmetic (and so as code). */
const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

const literal = (value: string): Word => ({ kind: 'literal', value, text: value });

/**
 * Walks a bash parse tree and lists every simple command that can run, wherever it
 * sits: lists, pipelines, subshells, bodies of loops, conditionals and functions,
 * command and process substitutions, here-doc bodies. Whatever the walker does not
 * model becomes a problem (so the command is never auto-allowed), and it keeps
 * walking so deny rules still see every command it can find.
 *
 * Statements are walked with an explicit stack: a chain of 10,000 `&&` is as deep
 * as the tree, and must neither overflow nor be skipped.
 */
export class Walker implements RedirectWalker {
  readonly out: WalkOutput = { commands: [], problems: [], writes: [], inputs: [], scripts: [] };
  readonly #counter: { next: number };
  /** The statement being walked is inside a loop or a function body. */
  #repeated = false;
  /** The redirections being walked belong to a whole list or group: they may apply after any cd in it. */
  #late = false;

  /** `counter` numbers commands and redirections in the order met; share it across nested walks. */
  constructor(counter: { next: number } = { next: 0 }) {
    this.#counter = counter;
  }

  /** Where the construct being walked sits: its order, and whether a loop or function may run it again later. */
  place(): Placement {
    const order = this.#counter.next++;
    return { order: this.#late ? Number.MAX_SAFE_INTEGER : order, repeated: this.#repeated };
  }

  /** Walks `root` and everything below it as statements. */
  walk(root: Node, origin: CommandOrigin): void {
    if (root.type === 'program' && root.hasError) {
      this.problem(`the command could not be fully parsed as shell syntax (unsupported or malformed: zsh-only syntax, unbalanced quotes...)`);
    }
    // Each entry carries whether it sits in a loop or function body (tracked here: walking up
    // `parent` links from every command is quadratic on a chain of 2,000 commands).
    const outer = this.#repeated;
    const stack: [Node, boolean][] = [[root, outer]];
    while (stack.length > 0) {
      const [node, repeated] = stack.pop()!;
      this.#repeated = repeated || REPEATING.has(node.type);
      const pending: Node[] = [];
      this.statement(node, origin, pending);
      // Reversed, so statements are visited (and reported) in source order.
      for (let i = pending.length - 1; i >= 0; i--) stack.push([pending[i]!, this.#repeated]);
    }
    this.#repeated = outer;
  }

  private statement(node: Node, origin: CommandOrigin, pending: Node[]): void {
    if (node.isMissing) {
      this.problem(`the command is incomplete ('${node.type}' is missing)`);
      return;
    }
    const type = node.type;
    if (!node.isNamed || type === 'comment') return;
    if (STRUCTURAL.has(type)) {
      node.children.forEach((child, i) => {
        if (!child) return;
        if (REDIRECTS.has(child.type)) walkRedirect(this, child, node.text, pending);
        else if (type === 'function_definition' && node.fieldNameForChild(i) === 'name') return;
        else pending.push(child);
      });
      return;
    }
    switch (type) {
      case 'command':
        this.command(node, origin, pending);
        return;
      case 'redirected_statement': {
        const redirects = node.children.filter((c): c is Node => !!c && REDIRECTS.has(c.type));
        const body = node.childForFieldName('body');
        // tree-sitter-bash hangs `cd ~ && echo x >> .bashrc` as a redirection of the whole list,
        // but bash opens it for the last command, after the cd: such a target counts as after everything.
        this.#late = body?.type !== 'command';
        try {
          for (const child of redirects) walkRedirect(this, child, node.text, pending);
        } finally {
          this.#late = false;
        }
        // A command sees its redirections: `bash <<EOF` reads a script from the here-doc.
        if (body?.type === 'command') this.command(body, origin, pending, redirects);
        // Node objects are fresh per access: compare ids, not references.
        for (const child of node.children) if (child && child.id !== body?.id && !REDIRECTS.has(child.type)) pending.push(child);
        if (body && body.type !== 'command') pending.push(body);
        return;
      }
      case 'compound_statement':
        if (node.children[0]?.type === '((') {
          this.problem(`the arithmetic command '${clip(node.text)}' evaluates variables, which can run commands`);
          this.scan(node, node.text);
        } else {
          for (const child of node.children) if (child) pending.push(child);
        }
        return;
      case 'c_style_for_statement':
        this.problem(`the arithmetic loop '${clip(node.text)}' evaluates variables, which can run commands`);
        this.scan(node, node.text);
        for (const child of node.childrenForFieldName('body')) pending.push(child);
        return;
      case 'for_statement':
      case 'case_statement':
      case 'case_item':
        node.children.forEach((child, i) => {
          if (!child || !child.isNamed) return;
          const field = node.fieldNameForChild(i);
          if (field === 'value') this.word(child, node.text);
          else if (field !== 'variable') pending.push(child);
        });
        return;
      case 'test_command':
        this.test(node, origin);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(node, origin);
        return;
      case 'variable_assignment':
      case 'variable_assignments':
        this.problem(`the assignment '${clip(node.text)}' changes the shell's variables, which can change what later commands do`, node.text);
        this.assignments(node, node.text);
        return;
      case 'file_redirect':
      case 'heredoc_redirect':
      case 'herestring_redirect':
        walkRedirect(this, node, node.text, pending);
        return;
      case 'ERROR':
        this.problem(`the command could not be parsed near '${clip(node.text)}'`);
        for (const child of node.children) if (child) pending.push(child);
        return;
      default:
        this.problem(`the shell construct '${clip(node.text)}' (${type}) is not modelled`);
        this.scan(node, node.text);
    }
  }

  private command(node: Node, origin: CommandOrigin, pending: Node[], outer: readonly Node[] = []): void {
    const words: Word[] = [];
    const redirects: Node[] = [...outer];
    let assigned = false;
    node.children.forEach((child, i) => {
      if (!child) return;
      const field = node.fieldNameForChild(i);
      if (child.type === 'variable_assignment') {
        assigned = true;
        this.assignments(child, node.text);
      } else if (child.type === 'command_name') {
        const parts = child.children.filter((c): c is Node => !!c);
        if (parts.length === 1) words.push(this.word(parts[0]!, node.text));
        else {
          this.problem(`the command name '${clip(child.text)}' is not modelled`, node.text);
          words.push({ kind: 'dynamic', value: undefined, text: child.text });
        }
      } else if (REDIRECTS.has(child.type)) {
        walkRedirect(this, child, node.text, pending);
        redirects.push(child);
      } else if (child.type === 'comment') {
        // nothing runs
      } else if (STATEMENT_IN_WORDS.has(child.type)) {
        // Only in trees with errors (`cat =(rm x)`): not a word, but its commands may run.
        this.problem(`'${clip(child.text)}' in '${clip(node.text)}' is not modelled`, node.text);
        pending.push(child);
        if (child.type === 'ERROR') words.push({ kind: 'dynamic', value: undefined, text: child.text });
      } else if (field === 'argument' || child.isNamed) {
        words.push(this.word(child, node.text));
      } else {
        this.problem(`the token '${clip(child.text)}' in '${clip(node.text)}' is not modelled`, node.text);
      }
    });
    if (assigned) {
      this.problem(`'${clip(node.text)}' sets variables for the command it runs (VAR=value cmd), which can change what it does`, node.text);
    }
    if (words.length > 0) this.out.commands.push({ text: node.text, words, origin, placement: this.place() });
    const shell = shellReadingStdin(words);
    if (shell) {
      for (const script of stdinScripts(redirects, (n) => this.word(n, node.text))) {
        this.out.scripts.push({ text: script, runner: `${shell} reading a here-document`, origin: 'shell-string' });
      }
    }
  }

  private declaration(node: Node, origin: CommandOrigin): void {
    const words: Word[] = [];
    for (const child of node.children) {
      if (!child) continue;
      if (!child.isNamed) words.push(literal(child.type));
      else if (child.type === 'variable_name') words.push(literal(child.text));
      else if (child.type === 'variable_assignment') words.push(this.assignmentWord(child, node.text));
      else words.push(this.word(child, node.text));
    }
    this.out.commands.push({ text: node.text, words, origin, placement: this.place() });
  }

  /** `name=value` as one word of a declaration (`export A=1`). */
  private assignmentWord(node: Node, context: string): Word {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    const operator = node.children.find((c) => c && !c.isNamed)?.type ?? '=';
    if (name?.type !== 'variable_name') {
      this.problem(`the assignment '${clip(node.text)}' uses a subscript, which is evaluated as arithmetic and can run commands`, context);
      this.scan(node, context);
      return { kind: 'dynamic', value: undefined, text: node.text };
    }
    if (!value) return literal(`${name.text}${operator}`);
    const word = value.type === 'array' ? this.array(value, context) : this.word(value, context);
    return word.kind === 'literal'
      ? { kind: 'literal', value: `${name.text}${operator}${word.value}`, text: node.text }
      : { kind: 'dynamic', value: undefined, text: node.text };
  }

  private assignments(node: Node, context: string): void {
    const list = node.type === 'variable_assignments' ? node.children : [node];
    for (const assignment of list) if (assignment?.type === 'variable_assignment') this.assignmentWord(assignment, context);
  }

  private array(node: Node, context: string): Word {
    for (const element of node.children) if (element?.isNamed) this.word(element, context);
    return { kind: 'dynamic', value: undefined, text: node.text };
  }

  private test(node: Node, origin: CommandOrigin): void {
    const open = node.children[0]?.type ?? '[';
    const words: Word[] = [literal(open)];
    const operands: Word[] = [];
    const visit = (n: Node): void => {
      for (const child of n.children) {
        if (!child) continue;
        if (!child.isNamed) {
          if (n !== node) words.push(literal(child.type));
        } else if (child.type === 'binary_expression' || child.type === 'unary_expression' ||
          child.type === 'parenthesized_expression' || child.type === 'negated_expression') {
          visit(child);
        } else if (child.type === 'test_operator') {
          words.push(literal(child.text));
        } else if (child.type === 'regex') {
          this.problem(`the regex match '${clip(node.text)}' is not modelled`, node.text);
          this.scan(child, node.text);
        } else {
          const operand = this.word(child, node.text);
          words.push(operand);
          operands.push(operand);
        }
      }
    };
    visit(node);
    const operators = words.filter((w) => w.kind === 'literal').map((w) => w.value);
    if (operators.includes('-v')) {
      this.problem(`'${clip(node.text)}' uses -v, whose array subscripts are evaluated as arithmetic and can run commands`, node.text);
    }
    // In [[ ]] an arithmetic operand that is not a number is a variable name whose value is
    // evaluated in turn: `read a <<< 'x[$(cmd)]'; [[ a -eq 1 ]]` runs cmd.
    const numeric = (w: Word) => w.kind === 'literal' && /^[-+]?\d+$/.test(w.value!);
    if (open === '[[' && operators.some((o) => o !== undefined && ARITHMETIC_TESTS.has(o)) && !operands.every(numeric)) {
      this.problem(`the arithmetic test '${clip(node.text)}' evaluates variables, which can run commands`, node.text);
    }
    words.push(literal(open === '[[' ? ']]' : ']'));
    this.out.commands.push({ text: node.text, words, origin, placement: this.place() });
  }

  /** Evaluates a word, walking substitutions inside it. */
  word(node: Node, context: string): Word {
    return evalWord(node, this.scope(context));
  }

  /** Walks every substitution below `node` (for constructs that are otherwise refused). */
  private scan(node: Node, context: string): void {
    scanSubstitutions(node, this.scope(context));
  }

  private scope(context: string): WordScope {
    return {
      substitution: (body) => {
        // Bash unescapes \$, \` and \\ inside backticks before parsing them; the tree does not
        // (`echo \`rm x\`` inside backticks runs rm). Refuse, and parse what bash will parse.
        if (body.type === 'command_substitution' && body.text.startsWith('`') && body.text.includes('\\')) {
          this.problem('a backtick substitution containing backslashes is not modelled (bash unescapes it before parsing)', context);
          this.out.scripts.push({ text: unescapeBackticks(body.text.slice(1, -1)), runner: 'a backtick substitution', origin: 'substitution' });
        }
        for (const child of body.children) if (child?.isNamed) this.walk(child, 'substitution');
      },
      problem: (message) => this.problem(message, context),
      variable: (name) => {
        if (isSecretVariableName(name)) {
          this.problem(`'$${name}' looks like a secret (an API key, token or password): a command that expands it is never auto-allowed`, context);
        }
      },
    };
  }

  problem(message: string, command?: string): void {
    this.out.problems.push(command === undefined ? { message } : { message, command: clip(command, 200) });
  }
}
