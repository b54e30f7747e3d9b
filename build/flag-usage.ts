import { dirname, extname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import type { FlagDefinition } from '../flags/types.ts';

/*
 * Reads how src/ uses flags, and rewrites it for a build.
 *
 * esbuild drops a branch whose condition is the literal `false`, and with it
 * the modules imported only there. It cannot see through anything else: a flag
 * stored in a variable, negated into an early return, exported, or a gated
 * module reached by a static import or a barrel. So the build accepts flags
 * only in the shapes it can prove, and refuses the rest by name.
 */

/** The module that exports `feature()`; it is never bundled. */
export const FEATURE_MODULE = 'src/feature/index.ts';

export type UsageCode =
  | 'unknown-flag'
  | 'flag-name-not-literal'
  | 'flag-outside-condition'
  | 'feature-aliased'
  | 'feature-module-import'
  | 'static-import-of-gated-module'
  | 'ungated-dynamic-import';

export interface UsageProblem {
  readonly code: UsageCode;
  /** The flag concerned, when one is known. */
  readonly flag?: string;
  /** Repository-relative path. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface UsageContext {
  /** Repository root; paths in the registry are relative to it. */
  readonly root: string;
  readonly flags: Readonly<Record<string, FlagDefinition>>;
}

interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface FileAnalysis {
  readonly problems: UsageProblem[];
  /** Each valid `feature('X')` call with its flag, and the feature import to delete. */
  readonly calls: { readonly start: number; readonly end: number; readonly flag: string }[];
  readonly featureImports: { readonly start: number; readonly end: number }[];
}

/** Analyses one source file. `file` is absolute. */
export function analyseFile(file: string, text: string, ctx: UsageContext): FileAnalysis {
  const rel = toRepoPath(ctx.root, file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const problems: UsageProblem[] = [];
  const calls: FileAnalysis['calls'] = [];
  const featureImports: FileAnalysis['featureImports'] = [];
  const importerFlag = owningFlag(rel, ctx.flags);
  const localNames = new Set<string>();

  const report = (node: ts.Node, code: UsageCode, message: string, flag?: string): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    problems.push({ code, file: rel, line, message, ...(flag ? { flag } : {}) });
  };

  const resolveSpecifier = (spec: string): string | undefined =>
    spec.startsWith('.') ? toRepoPath(ctx.root, resolve(dirname(file), spec)) : undefined;

  // Pass 1: imports of the feature module, and static imports of gated modules.
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const target = resolveSpecifier(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (target && stripExt(target) === stripExt(FEATURE_MODULE)) {
        if (clause?.isTypeOnly) continue;
        const bindings = clause?.namedBindings;
        if (clause?.name || (bindings && ts.isNamespaceImport(bindings))) {
          report(statement, 'feature-aliased', 'import feature() by name: `import { feature } from ...`; default and namespace imports hide it from the build');
          continue;
        }
        for (const el of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
          if (el.isTypeOnly) continue;
          const imported = (el.propertyName ?? el.name).text;
          if (imported !== 'feature') {
            report(el, 'feature-module-import', `only feature() may be imported from the flag module, not '${imported}'`);
          } else if (el.propertyName) {
            report(el, 'feature-aliased', `feature() imported as '${el.name.text}': use the name feature so the build can find every flag`);
          } else {
            localNames.add('feature');
          }
        }
        featureImports.push({ start: statement.getStart(source), end: statement.getEnd() });
        continue;
      }
      if (clause?.isTypeOnly) continue; // erased: no module is loaded
      checkStaticImport(statement, target);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const target = resolveSpecifier(statement.moduleSpecifier.text);
      if (target && stripExt(target) === stripExt(FEATURE_MODULE)) {
        report(statement, 'feature-aliased', 'feature() must not be re-exported: import it from src/feature/index.ts where it is used');
        continue;
      }
      checkStaticImport(statement, target);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expr = statement.moduleReference.expression;
      if (ts.isStringLiteral(expr)) checkStaticImport(statement, resolveSpecifier(expr.text));
    }
  }

  function checkStaticImport(node: ts.Node, target: string | undefined): void {
    if (!target) return;
    const flag = owningFlag(target, ctx.flags);
    if (!flag || impliesFlag(importerFlag, flag, ctx.flags)) return;
    report(node, 'static-import-of-gated-module',
      `static import of ${target}, owned by ${flag}: reach it only through \`if (feature('${flag}')) await import(...)\``, flag);
  }

  // Pass 2: every use of feature(), and every dynamic import of a gated module.
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && localNames.has(node.text) && isReference(node)) checkFeatureReference(node);
    if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const arg = node.arguments[0];
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword
        || (ts.isIdentifier(node.expression) && node.expression.text === 'require');
      if (isDynamic && arg && ts.isStringLiteralLike(arg)) checkDynamicImport(node, resolveSpecifier(arg.text));
    }
    ts.forEachChild(node, visit);
  };

  function checkFeatureReference(id: ts.Identifier): void {
    const call = id.parent;
    if (!ts.isCallExpression(call) || call.expression !== id) {
      report(id, 'feature-aliased', 'feature is used as a value (aliased, passed or stored): call it directly, as feature(\'NAME\'), in a condition');
      return;
    }
    const arg = call.arguments[0];
    if (call.arguments.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) {
      report(call, 'flag-name-not-literal', 'feature() takes exactly one string literal: the flag name');
      return;
    }
    const flag = arg.text;
    if (!Object.hasOwn(ctx.flags, flag)) {
      report(call, 'unknown-flag', `unknown flag '${flag}': it is not in flags/registry.ts`, flag);
      return;
    }
    const misuse = conditionMisuse(call);
    if (misuse) {
      report(call, 'flag-outside-condition', `feature('${flag}') ${misuse}; use it only as the whole condition of an if, a ternary or an &&`, flag);
      return;
    }
    calls.push({ start: call.getStart(source), end: call.getEnd(), flag });
  }

  function checkDynamicImport(call: ts.CallExpression, target: string | undefined): void {
    if (!target) return;
    const flag = owningFlag(target, ctx.flags);
    if (!flag || impliesFlag(importerFlag, flag, ctx.flags)) return;
    if (isGatedBy(call, flag)) return;
    report(call, 'ungated-dynamic-import',
      `import of ${target}, owned by ${flag}, is not inside a feature('${flag}') branch`, flag);
  }

  /** True when `node` only runs if a flag that implies `flag` is on. */
  function isGatedBy(node: ts.Node, flag: string): boolean {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && parent.thenStatement === child && conditionImplies(parent.expression, flag)) return true;
      if (ts.isConditionalExpression(parent) && parent.whenTrue === child && conditionImplies(parent.condition, flag)) return true;
      if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
        && parent.right === child && conditionImplies(parent.left, flag)) return true;
    }
    return false;
  }

  function conditionImplies(expr: ts.Expression, flag: string): boolean {
    const e = skipParens(expr);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      return conditionImplies(e.left, flag) || conditionImplies(e.right, flag);
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && localNames.has(e.expression.text)) {
      const arg = e.arguments[0];
      return !!arg && ts.isStringLiteralLike(arg) && impliesFlag(arg.text, flag, ctx.flags);
    }
    return false;
  }

  visit(source);
  return { problems, calls, featureImports };
}

/** Why a feature() call is not in a position the build can prove, or undefined when it is. */
function conditionMisuse(expr: ts.Expression): string | undefined {
  let node: ts.Node = expr;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isIfStatement(parent) && parent.expression === node) return undefined;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return undefined;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    if (parent.left === node) return undefined;
    // `a && feature('X')` is a condition only when the whole && is one.
    return conditionMisuse(parent) === undefined ? undefined : 'is the right side of an && that is not itself a condition';
  }
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
    return 'is negated (early-return gating leaves the gated code in the bundle)';
  }
  if (ts.isVariableDeclaration(parent) || ts.isBinaryExpression(parent)) return 'is stored or combined into a value';
  if (ts.isExportAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return 'is exported or stored in an object';
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return 'is passed as an argument';
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) return 'is returned as a value';
  return 'is used as a value';
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p)) return false;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return false;
  if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) && p.name === id) return false;
  return true;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** The flag that owns a repository-relative path, if any. */
export function owningFlag(repoPath: string, flags: Readonly<Record<string, FlagDefinition>>): string | undefined {
  const bare = stripExt(repoPath);
  for (const [name, def] of Object.entries(flags)) {
    for (const owned of def.ownedPaths) {
      const o = owned.replace(/\/+$/, '');
      if (repoPath === o || bare === stripExt(o) || repoPath.startsWith(`${o}/`)) return name;
    }
  }
  return undefined;
}

/** True when `flag` being on guarantees `required` is on: the same flag, or one it requires (transitively). */
function impliesFlag(flag: string | undefined, required: string, flags: Readonly<Record<string, FlagDefinition>>, seen = new Set<string>()): boolean {
  if (!flag || seen.has(flag)) return false;
  if (flag === required) return true;
  seen.add(flag);
  return (flags[flag]?.requires ?? []).some((r) => impliesFlag(r, required, flags, seen));
}

function stripExt(p: string): string {
  const ext = extname(p);
  return ['.ts', '.tsx', '.js', '.mjs', '.cjs'].includes(ext) ? p.slice(0, -ext.length) : p;
}

export function toRepoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Applies an analysis: each feature() call becomes a literal, the feature import disappears. */
export function rewriteFlags(text: string, analysis: FileAnalysis, profile: Readonly<Record<string, boolean>>): string {
  const edits: Replacement[] = [
    ...analysis.calls.map((c) => ({ start: c.start, end: c.end, text: String(profile[c.flag] === true) })),
    ...analysis.featureImports.map((i) => ({ start: i.start, end: i.end, text: '' })),
  ].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
