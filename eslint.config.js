// `npm run lint`: typescript-eslint's strict type-checked rules, no import
// cycles, lines of at most 200 characters, over all of src/, test/ and bench/.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export const LINTED = ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  {
    files: LINTED,
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers print the same in every locale; `${n}` is how the messages are written.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => queue.done(pod)` as a callback reads better than a block.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // CycleState.read<T>() is a typed read of untyped storage, as upstream's CycleState.Read: the pattern this rule forbids.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // A leading underscore names what a destructuring or a signature must mention but does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A plugin built before the scheduler that runs it reads it through a closure: the `let` is read before it is assigned.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Kubernetes objects keep labels and annotations as plain JSON maps; removing a label is deleting its key.
      '@typescript-eslint/no-dynamic-delete': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'max-len': ['error', { code: 200, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Tests read reports and manifests back with JSON.parse and YAML.parse and assert on the values: the assertion is the type check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
