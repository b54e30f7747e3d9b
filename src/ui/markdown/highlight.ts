import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import type { ColorName, Styler } from './ansi.ts';

/*
 * Code highlighting for fenced blocks: lowlight (highlight.js grammars, a hast
 * tree out) with a fixed set of common languages, so the bundle carries only
 * those. No auto-detection: an unknown or missing language is shown plain,
 * which is cheap and never wrong.
 */

type Lowlight = ReturnType<typeof createLowlight>;
type HastNode = ReturnType<Lowlight['highlight']>['children'][number];

let instance: Lowlight | undefined;

function lowlight(): Lowlight {
  // Created on first use: registering grammars is work, and nothing runs at module load.
  if (!instance) {
    instance = createLowlight({ bash, c, cpp, css, diff, go, java, javascript, json, python, ruby, rust, shell, sql, typescript, xml, yaml });
    for (const [alias, name] of Object.entries(ALIASES)) instance.registerAlias(name, [alias]);
  }
  return instance;
}

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  sh: 'bash', zsh: 'bash', console: 'shell', py: 'python', rb: 'ruby', rs: 'rust', yml: 'yaml', html: 'xml',
  jsonc: 'json', 'c++': 'cpp', h: 'c', hpp: 'cpp', patch: 'diff',
};

/** Token classes (without the `hljs-` prefix) to colours. */
const CLASS_COLORS: Record<string, ColorName> = {
  keyword: 'magenta', built_in: 'cyan', type: 'cyan', literal: 'blue', number: 'yellow', string: 'green',
  regexp: 'red', title: 'blue', 'title.function': 'blue', 'title.class': 'yellow', params: 'white', comment: 'gray',
  meta: 'gray', attr: 'yellow', attribute: 'yellow', variable: 'red', 'template-variable': 'red', tag: 'red', name: 'red',
  selector: 'magenta', 'selector-class': 'yellow', 'selector-tag': 'red', addition: 'green', deletion: 'red',
  symbol: 'cyan', property: 'cyan', subst: 'white', section: 'blue', bullet: 'cyan', link: 'blue',
};

/** Whether a fenced block's language is one we highlight. */
export function isKnownLanguage(lang: string): boolean {
  return lang !== '' && lowlight().registered(lang.toLowerCase());
}

/** The code with ANSI colours; plain when colour is off or the language is unknown. */
export function highlightCode(code: string, lang: string | undefined, styler: Styler): string {
  const name = lang?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!styler.color || name === '' || !isKnownLanguage(name)) return code;
  try {
    const tree = lowlight().highlight(name, code);
    return tree.children.map((node) => paint(node, undefined, styler)).join('');
  } catch {
    // A grammar bug must not break the answer: show it plain.
    return code;
  }
}

function paint(node: HastNode, inherited: ColorName | undefined, styler: Styler): string {
  if (node.type === 'text') return inherited ? colorLines(node.value, inherited, styler) : node.value;
  if (node.type !== 'element') return '';
  const classes = (node.properties?.['className'] as string[] | undefined) ?? [];
  let color = inherited;
  for (const cls of classes) {
    const key = cls.replace(/^hljs-/, '').replace(/_$/, '');
    color = CLASS_COLORS[key] ?? CLASS_COLORS[key.split('.')[0] ?? ''] ?? color;
  }
  return node.children.map((child) => paint(child as HastNode, color, styler)).join('');
}

// Each line styled on its own, so a multi-line token (a comment) survives line wrapping and splitting.
function colorLines(text: string, color: ColorName, styler: Styler): string {
  return text.split('\n').map((line) => styler.fg(color, line)).join('\n');
}
