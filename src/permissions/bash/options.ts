/**
 * GNU getopt_long, git's parse-options and npm's nopt accept any unambiguous prefix of a
 * long option: `sort --out=f` is `sort --output=f`, `git config --ed` is `--edit`. A word
 * names `option` when it is the option, the option with `=value`, or such a prefix
 * (at least one letter after `--`, since a bare `--` ends the options).
 */
export function namesLongOption(word: string, option: string): boolean {
  if (!word.startsWith('--') || !option.startsWith('--')) return false;
  const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
  return name.length > 2 && option.startsWith(name);
}

/**
 * Whether `word` names `option`: long options with their abbreviations, single-dash
 * long options exactly (`-delete`), short options alone or with a value attached (`-ofile`).
 */
export function namesOption(word: string, option: string): boolean {
  if (option.startsWith('--')) return namesLongOption(word, option);
  if (/^-[a-zA-Z0-9]$/.test(option)) return word.startsWith(option) && !word.startsWith('--');
  return word === option;
}
