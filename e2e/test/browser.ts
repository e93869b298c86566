import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's chromium (apt package `chromium`): the browser these tests drive. None is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium'

/** `.ci/run` sets it (and installs chromium): there a missing browser fails the tests instead of skipping them. */
export const browserRequired = process.env.CRMKIT_REQUIRE_BROWSER === '1' || process.env.CI === 'true'

export const browserFound = existsSync(CHROMIUM)

if (!browserFound && !browserRequired)
  console.warn(
    `\n*** SKIPPED: the inspector's browser tests did not run (no ${CHROMIUM}).\n` +
      "*** Install Debian's chromium (apt-get install chromium), or run .ci/run, to run them. ***\n",
  )

/**
 * A headless chromium with a fresh profile (Playwright makes one per launch): no GPU, no QUIC, none of the
 * background traffic a first run makes (component updates, sync, field trials).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
