/**
 * Conformance suite for the mongod emulator. It talks to ONE server started in
 * test/global-setup.ts: the emulator (bin/mongod) by default, a real mongod when
 * MONGOMS_SYSTEM_BINARY points at one, or any server given by MONGODB_TEST_URI.
 * The assertions encode mongod 7.0's behaviour, so the same suite must pass on a real server.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  // Two cores: one worker for the tests, the other core for the server under test.
  maxWorkers: 2,
};
