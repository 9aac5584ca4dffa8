import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'bench/results/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The engine is pure: text in, results out. No editor API, no Node built-ins,
    // so the same code serves the server, the CLI and any other host.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.map((name) => ({ name, message: 'The engine must not use Node built-ins; pass data in from the adapter.' })),
        patterns: [
          { group: ['node:*'], message: 'The engine must not use Node built-ins; pass data in from the adapter.' },
          { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'The engine must not depend on editor or LSP packages.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'setTimeout', 'setInterval'],
    },
  },
  {
    // The browser host runs in a web worker: no Node built-ins (the build fails on them too).
    files: ['server/src/browser/**/*.ts', 'server/src/entries/server-browser.ts', 'client/src/browser.ts', 'client/src/start.ts', 'client/src/fsBridge.ts', 'client/src/test-web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.filter((name) => name !== 'assert').map((name) => ({ name, message: 'This code runs in a browser: no Node built-ins.' })),
        patterns: [{ group: ['node:*', '!node:assert'], message: 'This code runs in a browser: no Node built-ins.' }],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'setImmediate'],
    },
  },
  {
    // Layers (see ARCHITECTURE.md): engine < node (the Node host) < lsp, cli < entries;
    // protocol.ts and version.ts are leaves both sides use. No import runs back up,
    // and no module imports itself through others.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          {
            target: './server/src/engine',
            from: ['./server/src/lsp', './server/src/node', './server/src/cli', './server/src/mcp', './server/src/entries', './client', './server/src/protocol.ts', './server/src/version.ts'],
            message: 'The engine is pure and below every host: pass what it needs in.',
          },
          { target: './server/src/node', from: ['./server/src/lsp', './server/src/cli', './server/src/mcp', './server/src/entries', './server/src/browser', './client'], message: 'The Node host serves the adapters; it does not import them.' },
          { target: './server/src/browser', from: ['./server/src/lsp', './server/src/cli', './server/src/mcp', './server/src/entries', './client'], message: 'The browser host serves the LSP adapter; it does not import it.' },
          { target: './server/src/lsp', from: ['./server/src/cli', './server/src/entries', './server/src/browser', './client'], message: 'The LSP adapter does not import the CLI, the entry points, the browser host (the build swaps its twins in) or the client.' },
          { target: './server/src/cli', from: ['./server/src/lsp', './server/src/entries', './client'], message: 'The CLI does not import the LSP adapter, the entry points or the client.' },
          { target: './server/src/mcp', from: ['./server/src/lsp', './server/src/entries', './client'], message: 'The MCP server does not import the LSP adapter, the entry points or the client.' },
          { target: './server/src/protocol.ts', from: ['./server/src/lsp', './server/src/node', './server/src/cli', './server/src/entries', './client'], message: 'The protocol module is shared: it imports nothing but the rules\' data types.' },
          { target: './client', from: ['./server/src/lsp', './server/src/node', './server/src/cli', './server/src/entries', './server/src/browser'], message: 'The client talks to the server over the protocol (server/src/protocol.ts) only.' },
        ],
      }],
    },
  },
);
