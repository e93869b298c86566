import { Verifier, type VerifierOptions } from '@pact-foundation/pact'
import { brokerFromEnv, buildVersion } from '../scripts/broker.mjs'
import { CONSUMER, type Provider, pactFile } from './parties.js'

/** State sentences to functions that set them up: Pact's `stateHandlers`. */
export type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>

export interface VerifyInput {
  readonly provider: Provider
  /** The mock's origin: recorded paths carry the rest (`/pubapi/…`, `/api/v3/…`, `/{bucket}`). */
  readonly providerBaseUrl: string
  readonly stateHandlers: StateHandlers
  /** Verify this pact file whatever the environment says (the drift guard). */
  readonly pactUrl?: string
}

/**
 * Replays a provider's pact against the running mock. With PACT_BROKER_BASE_URL set, the pacts come from
 * the broker (the main branch's, the matching branch's, and what is deployed or released; pending and WIP
 * pacts included so a new consumer expectation cannot break the provider's build before it is met) and the
 * results are published under the git commit; otherwise the local file the consumer run just wrote.
 * Resolves Pact's JSON report; a failure rejects with it as the message, naming each interaction.
 */
export async function verifyPact(input: VerifyInput): Promise<string> {
  const broker = input.pactUrl === undefined ? brokerFromEnv() : undefined
  const common: VerifierOptions = {
    provider: input.provider,
    providerBaseUrl: input.providerBaseUrl,
    stateHandlers: input.stateHandlers,
    logLevel: 'error',
    failIfNoPactsFound: true,
  }
  if (broker === undefined) {
    return new Verifier({ ...common, pactUrls: [input.pactUrl ?? pactFile(input.provider)] }).verifyProvider()
  }
  const { version, branch, buildUrl } = buildVersion()
  return new Verifier({
    ...common,
    pactBrokerUrl: broker.baseUrl,
    ...(broker.token === undefined ? {} : { pactBrokerToken: broker.token }),
    ...(broker.username === undefined
      ? {}
      : { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password ?? '' }),
    consumerFilters: [CONSUMER],
    consumerVersionSelectors: [{ mainBranch: true }, { matchingBranch: true }, { deployedOrReleased: true }],
    enablePending: true,
    includeWipPactsSince: '2026-01-01',
    publishVerificationResult: true,
    providerVersion: version,
    ...(branch === undefined ? {} : { providerVersionBranch: branch }),
    ...(buildUrl === undefined ? {} : { buildUrl }),
  }).verifyProvider()
}
