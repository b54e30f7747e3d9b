/**
 * File types for Grep's `type` option, defined here rather than taken from the
 * installed ripgrep (whose table changes between versions) and handed to `rg`
 * with --type-add, so both engines select exactly the same files.
 * Each glob matches a file's name.
 */
export const FILE_TYPES: Readonly<Record<string, readonly string[]>> = {
  c: ['*.[chH]', '*.[chH].in', '*.cats'],
  clojure: ['*.clj', '*.cljc', '*.cljs', '*.cljx', '*.edn'],
  cmake: ['*.cmake', 'CMakeLists.txt'],
  cpp: ['*.[ChH]', '*.[ChH].in', '*.[ch]pp', '*.[ch]pp.in', '*.[ch]xx', '*.[ch]xx.in', '*.cc', '*.cc.in', '*.hh', '*.hh.in', '*.inl'],
  cs: ['*.cs'],
  css: ['*.css', '*.scss'],
  dart: ['*.dart'],
  docker: ['*Dockerfile*'],
  elixir: ['*.eex', '*.ex', '*.exs', '*.heex', '*.leex'],
  elm: ['*.elm'],
  erlang: ['*.erl', '*.hrl'],
  fsharp: ['*.fs', '*.fsi', '*.fsx'],
  go: ['*.go'],
  gradle: ['*.gradle', '*.gradle.kts'],
  graphql: ['*.graphql', '*.graphqls', '*.gql'],
  haskell: ['*.hs', '*.hsc', '*.lhs'],
  html: ['*.ejs', '*.htm', '*.html'],
  java: ['*.java', '*.jsp', '*.jspx', '*.properties'],
  js: ['*.js', '*.jsx', '*.cjs', '*.mjs', '*.vue'],
  json: ['*.json', '*.jsonc', 'composer.lock'],
  jsonl: ['*.jsonl'],
  julia: ['*.jl'],
  kotlin: ['*.kt', '*.kts'],
  less: ['*.less'],
  lua: ['*.lua'],
  make: ['*.mak', '*.mk', '[Gg][Nn][Uu]makefile', '[Mm]akefile', '[Mm]akefile.am', '[Mm]akefile.in'],
  markdown: ['*.markdown', '*.md', '*.mdown', '*.mdx', '*.mkdn'],
  md: ['*.markdown', '*.md', '*.mdown', '*.mdx', '*.mkdn'],
  nix: ['*.nix'],
  objc: ['*.h', '*.m'],
  ocaml: ['*.ml', '*.mli', '*.mll', '*.mly'],
  perl: ['*.PL', '*.perl', '*.pl', '*.plh', '*.plx', '*.pm', '*.t'],
  php: ['*.php', '*.php3', '*.php4', '*.php5', '*.phtml'],
  protobuf: ['*.proto'],
  py: ['*.py', '*.pyi'],
  r: ['*.R', '*.Rmd', '*.Rnw', '*.r'],
  rst: ['*.rst'],
  ruby: ['*.gemspec', '*.rb', '*.rbw', '*.rake', 'Gemfile', 'Rakefile', 'config.ru'],
  rust: ['*.rs'],
  sass: ['*.sass', '*.scss'],
  scala: ['*.sbt', '*.sc', '*.scala'],
  sh: ['*.bash', '*.bashrc', '*.csh', '*.ksh', '*.sh', '*.zsh', '.bash_profile', '.bashrc', '.profile', '.zshrc', '.zprofile', '.zshenv'],
  sql: ['*.psql', '*.sql'],
  svelte: ['*.svelte'],
  swift: ['*.swift'],
  tex: ['*.bib', '*.cls', '*.dtx', '*.ins', '*.ltx', '*.sty', '*.tex'],
  tf: ['*.tf', '*.tfvars'],
  toml: ['*.toml', 'Cargo.lock'],
  ts: ['*.ts', '*.tsx', '*.cts', '*.mts'],
  txt: ['*.txt'],
  vim: ['*.vim'],
  vue: ['*.vue'],
  xml: ['*.dtd', '*.rng', '*.sch', '*.xhtml', '*.xml', '*.xsd', '*.xsl', '*.xslt'],
  yaml: ['*.yaml', '*.yml'],
  zig: ['*.zig'],
};

/** The globs of a type name, or undefined when the name is unknown. */
export function typeGlobs(name: string): readonly string[] | undefined {
  return Object.hasOwn(FILE_TYPES, name) ? FILE_TYPES[name] : undefined;
}
