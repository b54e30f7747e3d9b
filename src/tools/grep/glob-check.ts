/**
 * Why ripgrep would refuse `glob` (an unclosed `[` class or `{` group), or
 * undefined when it is fine. Checked before either engine runs, so both refuse
 * the same globs with the same message.
 */
export function globProblem(glob: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      let j = i + 1;
      if (glob[j] === '!' || glob[j] === '^') j++;
      if (glob[j] === ']') j++; // a ] first in the class is literal
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) return `unclosed character class in glob '${glob}': missing ']'`;
      i = j;
    } else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
  }
  return depth > 0 ? `unclosed alternate group in glob '${glob}': missing '}' (escape a literal { as [{])` : undefined;
}
