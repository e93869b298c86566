import type { ServiceName } from '../mocks-info.js'
import type { BrokerSettings } from './broker-env.js'
import { brokerInteractionReports, consumersInOutput, publicationError } from './broker-reports.js'
import { runAgainstMock, type VerifySettings } from './run-against-mock.js'
import { s3Addressing } from './s3-addressing.js'
import { createStateRegistry } from './state-registry.js'
import { loadError, outcomeOf, type PactRun } from './verify-pact.js'
import type { PactReport } from './verify-report.js'
import { BUILT_IN_STATES } from './vocabulary.js'

export interface BrokerRun {
  readonly broker: BrokerSettings
  readonly consumers: readonly string[]
  /** Pact's consumer version selectors (default: the main branch, the matching branch, deployed or released). */
  readonly selectors: readonly Record<string, unknown>[]
  readonly includePending: boolean
  readonly includeWipSince?: string | undefined
  readonly publish?:
    | {
        readonly version: string
        readonly branch?: string | undefined
        readonly buildUrl?: string | undefined
      }
    | undefined
}

export const DEFAULT_SELECTORS = [
  { mainBranch: true },
  { matchingBranch: true },
  { deployedOrReleased: true },
]

/**
 * Verifies the broker's pacts for one provider name against a fresh mock, and publishes the results when
 * asked. The credentials are the command line's (the pacts arrive only in the verifier).
 */
export async function verifyBroker(
  provider: string,
  mock: ServiceName,
  run: BrokerRun,
  settings: VerifySettings,
): Promise<PactRun & { publication?: { attempted: boolean; ok: boolean; error?: string } }> {
  const { broker } = run
  const result = await runAgainstMock(
    mock,
    { consumer: run.consumers[0] },
    {
      sharpspring: settings.credentials.sharpspring,
      onepagecrm: settings.credentials.onepagecrm,
      s3: {
        ...settings.credentials.s3,
        ...(mock === 's3'
          ? s3Addressing({
              host: settings.s3?.host,
              buckets: settings.s3?.buckets,
              registry: createStateRegistry(BUILT_IN_STATES, settings.vocabulary),
            })
          : {}),
      },
    },
    {
      provider,
      pactBrokerUrl: broker.baseUrl,
      ...(broker.token === undefined ? {} : { pactBrokerToken: broker.token }),
      ...(broker.username === undefined
        ? {}
        : { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password ?? '' }),
      ...(run.consumers.length === 0 ? {} : { consumerFilters: [...run.consumers] }),
      consumerVersionSelectors: run.selectors,
      enablePending: run.includePending,
      ...(run.includeWipSince === undefined ? {} : { includeWipPactsSince: run.includeWipSince }),
      ...(run.publish === undefined
        ? {}
        : {
            publishVerificationResult: true,
            providerVersion: run.publish.version,
            ...(run.publish.branch === undefined ? {} : { providerVersionBranch: run.publish.branch }),
            ...(run.publish.buildUrl === undefined ? {} : { buildUrl: run.publish.buildUrl }),
          }),
    },
    settings,
    true,
  )
  const consumers = consumersInOutput(result.output)
  const base = {
    source: `${broker.baseUrl} (provider ${provider})`,
    consumer: consumers.join(', ') || run.consumers.join(', ') || '(the broker’s consumers)',
    provider,
    mock,
    specification: 'broker',
  }
  if (result.raw === undefined)
    return {
      report: { ...base, pending: false, interactions: [], error: `Pact's verifier failed: ${result.text}` },
      raw: null,
      outcome: 'internal-error',
      output: result.output,
    }
  const error = loadError(result.raw)
  const notices = (result.raw.notices ?? []).map((notice) => notice.text)
  const report: PactReport = {
    ...base,
    pending: (result.raw.pendingErrors ?? []).length > 0,
    interactions: brokerInteractionReports(result.raw, result.states.failures, result.states.captured),
    ...(error === undefined ? {} : { error }),
    ...(notices.length === 0 ? {} : { notices }),
  }
  const outcome = outcomeOf(report, result.raw)
  if (run.publish === undefined) return { report, raw: result.raw, outcome, output: result.output }
  const failedPublication = publicationError(result.log)
  return {
    report,
    raw: result.raw,
    outcome: outcome === 'passed' && failedPublication !== undefined ? 'publish-failed' : outcome,
    output: result.output,
    publication:
      failedPublication === undefined
        ? { attempted: true, ok: error === undefined }
        : { attempted: true, ok: false, error: failedPublication },
  }
}
