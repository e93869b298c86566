import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Starts SharpSpring, OnePageCRM and the S3 emulator once for the run, on free ports.
    globalSetup: ['@crmkit/mocks/vitest-setup'],
  },
})
