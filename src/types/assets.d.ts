// Model-facing prompts live in .md files beside their code; the build inlines
// them as strings (esbuild text loader), tests and dev runs load them the same way.
declare module '*.md' {
  const text: string;
  export default text;
}

declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
