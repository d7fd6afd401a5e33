/** The app's tests. The MongoDB emulator package runs its own suite (see packages/mongod-emulator). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Generous: on a loaded 2-core CI box a test's setup alone can take tens of seconds; a hang still fails.
  testTimeout: 60000,
};
