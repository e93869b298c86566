module.exports = {
  testEnvironment: 'node',
  // Start SharpSpring, OnePageCRM and the S3 emulator once for the run, on free ports.
  globalSetup: '@crmkit/mocks/jest-setup',
  globalTeardown: '@crmkit/mocks/jest-teardown',
}
