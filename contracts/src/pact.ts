import { PactV4 } from '@pact-foundation/pact'
import { CONSUMER, PACT_DIR, type Provider } from './parties.js'

/** A PactV4 writing `pacts/crmkit-upload-client-<provider>.json`, merged across the file's interactions. */
export const newPact = (provider: Provider): PactV4 =>
  new PactV4({ consumer: CONSUMER, provider, dir: PACT_DIR, logLevel: 'warn' })
