import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

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
);
