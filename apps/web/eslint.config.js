import react from '@tessera/eslint-config/react';

export default [{ ignores: ['dist/**', 'public/**', 'e2e/.artifacts/**'] }, ...react];
