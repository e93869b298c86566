import type { ServiceName } from '../mocks-info.js'
import { inDateSigningTime } from './in-date-signing-time.js'
import { interactionReports } from './interaction-reports.js'
import { pactCredentials } from './pact-credentials.js'
import type { PactCoreReport } from './pact-report.js'
import type { PactSource } from './pact-source.js'
import { runAgainstMock, type VerifySettings } from './run-against-mock.js'
import { bucketlessNotices, s3Addressing } from './s3-addressing.js'
import { createStateRegistry } from './state-registry.js'
import type { PactReport } from './verify-report.js'
import { BUILT_IN_STATES } from './vocabulary.js'

/** How one run ended, for the exit code: a failure (1), nothing verified (3), publishing failed (4), the verifier broke (70). */
export type PactOutcome = 'passed' | 'failed' | 'nothing-verified' | 'publish-failed' | 'internal-error'

export interface PactRun {
  readonly report: PactReport
  readonly raw: PactCoreReport | null
  readonly outcome: PactOutcome
  /** Pact's human output (stdout of the verifier's process). */
  readonly output: string
}

/** A run's outcome from its interactions and Pact's report. */
export function outcomeOf(report: PactReport, raw: PactCoreReport): PactOutcome {
  if (report.error !== undefined || (raw.interactionResults ?? []).length === 0) return 'nothing-verified'
  const failed = report.interactions.some(
    (interaction) => interaction.result === 'failed' || interaction.result === 'state-error',
  )
  return failed || (!raw.result && raw.errors.length > 0) ? 'failed' : 'passed'
}

/** The message of Pact's "Failed to load pact" error, when it could not load the pact. */
export function loadError(raw: PactCoreReport): string | undefined {
  const error = raw.errors.find((item) => item.interaction === 'Failed to load pact')
  if (error === undefined) return undefined
  return error.mismatch.type === 'error' ? error.mismatch.message : 'Failed to load pact'
}

/**
 * Verifies one pact file or URL against a fresh mock, started with the credentials the pact's requests
 * carry (unless given on the command line) and, for S3, the buckets its paths name. The mock's journal of
 * each failed interaction goes into the report.
 */
export async function verifyPact(
  source: PactSource,
  mock: ServiceName,
  settings: VerifySettings,
): Promise<PactRun> {
  const found = pactCredentials(source)
  const { credentials } = settings
  const run = await runAgainstMock(
    mock,
    { consumer: source.consumer, recordedSignedAt: inDateSigningTime(source) },
    {
      sharpspring: credentials.sharpspring ?? found.sharpspring,
      onepagecrm: credentials.onepagecrm ?? found.onepagecrm,
      s3: {
        ...credentials.s3,
        ...(mock === 's3'
          ? s3Addressing({
              pact: source,
              host: settings.s3?.host,
              buckets: settings.s3?.buckets,
              registry: createStateRegistry(BUILT_IN_STATES, settings.vocabulary),
            })
          : {}),
      },
    },
    { provider: source.provider, pactUrls: [source.location] },
    settings,
    false,
  )
  const base = {
    source: source.source,
    consumer: source.consumer,
    provider: source.provider,
    mock,
    specification: source.specification,
    pending: false,
  }
  if (run.raw === undefined)
    return {
      report: {
        ...base,
        interactions: [],
        error: `Pact's verifier failed: ${run.text}${run.log === '' ? '' : `\n${run.log}`}`,
      },
      raw: null,
      outcome: 'internal-error',
      output: run.output,
    }
  const error = loadError(run.raw)
  const notices = [
    ...(mock === 's3' ? bucketlessNotices(source, settings.s3?.host) : []),
    ...(run.raw.notices ?? []).map((notice) => notice.text),
  ]
  const report: PactReport = {
    ...base,
    interactions: interactionReports(source.interactions, run.raw, run.states.failures, run.states.captured),
    ...(error === undefined ? {} : { error }),
    ...(notices.length === 0 ? {} : { notices }),
  }
  return { report, raw: run.raw, outcome: outcomeOf(report, run.raw), output: run.output }
}
