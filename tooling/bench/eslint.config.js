import base from '@tessera/eslint-config/base';

// .build: benchmark servers compiled by src/lib/compile.ts.
export default [...base, { ignores: ['.build/**'] }];
