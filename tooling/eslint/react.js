import reactHooks from 'eslint-plugin-react-hooks';
import base from './base.js';

/** Base rules plus the rules of hooks for React packages. */
export default [
  ...base,
  {
    files: ['**/*.tsx', '**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
];
