import type { ManualClock } from '@crmkit/mock-kit'
import { admin } from './admin.js'
import { S3 } from './fixtures.js'
import { S3_STATES } from './states.js'
import type { StateHandlers } from './verify.js'

interface FormParams {
  readonly signedAt: string
}

/**
 * The recorded forms were signed with the emulator's credentials (the AWS documentation's example pair, the
 * emulator's default) at `signedAt`. A form stays valid for its policy's lifetime, so these states put the
 * emulator's clock inside it, or past it, rather than re-signing the recorded body: what the client sent
 * is verified byte for byte, signature included.
 */
/** `clock` is the emulator's: the provider test starts the mock with it. */
export function s3States(apiOrigin: () => string, clock: ManualClock): StateHandlers {
  const at = async (params: unknown, offsetSeconds: number) => {
    const { signedAt } = params as FormParams
    await admin(apiOrigin(), 'reset')
    clock.set(new Date(Date.parse(signedAt) + offsetSeconds * 1000))
    return undefined
  }
  return {
    // The client's own clock in the consumer tests, shortly after signing.
    [S3_STATES.formInDate]: (params: unknown) =>
      at(params, (Date.parse(S3.clientNow) - Date.parse(S3.signedAt)) / 1000),
    [S3_STATES.formExpired]: (params: unknown) => at(params, S3.lifetimeSeconds + 3600),
  }
}
