// The browser bundles import text files (the built-in template) as strings: esbuild's `text` loader.
declare module '*.md' {
  const text: string;
  export default text;
}
