import react from '@tessera/eslint-config/react';

const featureMessage =
  'Features never import each other: move shared code to src/lib or a package (routes compose features in src/app/router.tsx).';

export default [
  { ignores: ['dist/**', 'public/**', 'e2e/.artifacts/**'] },
  ...react,
  // Feature boundaries: a relative import that leaves the feature's folder lands in another feature.
  {
    files: ['src/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!\\.)', message: featureMessage }] }],
    },
  },
  {
    files: ['src/features/*/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./(?!\\.)', message: featureMessage }] }],
    },
  },
  // lib is the bottom layer: it knows neither the app shell nor any feature.
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(app|features)(/|$)', message: 'src/lib must not import app or features.' }] },
      ],
    },
  },
];
