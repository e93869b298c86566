import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_BUCKET } from '@crmkit/mock-onepagecrm'
import type { ServiceName } from '../mocks-info.js'
import { startMocks } from '../start-mocks.js'
import { interactionReports } from './interaction-reports.js'
import { type StatesExport, statesFor } from './load-states-module.js'
import { pactBuckets, pactCredentials } from './pact-credentials.js'
import { type PactCoreReport, readPactCoreReport } from './pact-report.js'
import type { PactSource } from './pact-source.js'
import { runPactWorker } from './run-pact-worker.js'
import { createStateRegistry } from './state-registry.js'
import { startStatesServer } from './states-server.js'
import type { PactReport } from './verify-report.js'
import { BUILT_IN_STATES } from './vocabulary.js'

export interface VerifySettings {
  readonly vocabulary: number
  readonly states: readonly StatesExport[]
  /** The child process's entry (`verify-worker.js` beside the built command). */
  readonly worker: URL
  readonly env: NodeJS.ProcessEnv
  readonly s3?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  /** Pact's timeout per request, in ms. */
  readonly timeoutMs?: number | undefined
}

/** How one pact's run ended, for the exit code: a failure (1), nothing verified (3), the verifier broke (70). */
export type PactOutcome = 'passed' | 'failed' | 'nothing-verified' | 'internal-error'

export interface PactRun {
  readonly report: PactReport
  readonly raw: PactCoreReport | null
  readonly outcome: PactOutcome
  /** Pact's human output (stdout of the verifier's process). */
  readonly output: string
}

/**
 * Verifies one pact against a fresh mock: started with the credentials the pact's requests carry, a state
 * endpoint over crmkit's vocabulary, and Pact's verifier in a child process. The mock's journal of each
 * failed interaction goes into the report.
 */
export async function verifyPact(
  source: PactSource,
  mock: ServiceName,
  settings: VerifySettings,
): Promise<PactRun> {
  const credentials = pactCredentials(source)
  const mocks = await startMocks({
    services: [mock],
    host: '127.0.0.1',
    sharpspring: credentials.sharpspring,
    onepagecrm: credentials.onepagecrm,
    s3: {
      ...settings.s3,
      ...(mock === 's3'
        ? { buckets: [DEFAULT_BUCKET, ...pactBuckets(source).filter((name) => name !== DEFAULT_BUCKET)] }
        : {}),
    },
  })
  let registry: ReturnType<typeof createStateRegistry>
  try {
    registry = createStateRegistry(
      BUILT_IN_STATES,
      settings.vocabulary,
      await statesFor(settings.states, mocks),
    )
  } catch (error) {
    await mocks.close()
    throw error
  }
  const states = await startStatesServer({ registry, mocks, provider: mock, consumer: source.consumer })
  const logDir = mkdtempSync(join(tmpdir(), 'crmkit-verify-'))
  const base = {
    source: source.source,
    consumer: source.consumer,
    provider: source.provider,
    mock,
    specification: source.specification,
    pending: false,
  }
  try {
    const run = await runPactWorker(
      settings.worker,
      {
        provider: source.provider,
        providerBaseUrl: (mocks.info[mock] as { url: string }).url,
        pactUrls: [source.location],
        providerStatesSetupUrl: states.url,
        failIfNoPactsFound: true,
        logLevel: 'error',
        logFile: join(logDir, 'pact.log'),
        ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
      },
      settings.env,
      false,
    )
    const raw = run.kind === 'crashed' ? undefined : readPactCoreReport(run.text)
    if (raw === undefined) {
      const log = readLog(join(logDir, 'pact.log'))
      return {
        report: {
          ...base,
          interactions: [],
          error: `Pact's verifier failed: ${run.text}${log === '' ? '' : `\n${log}`}`,
        },
        raw: null,
        outcome: 'internal-error',
        output: run.stdout,
      }
    }
    const loadError = raw.errors.find((error) => error.interaction === 'Failed to load pact')
    const interactions = interactionReports(source.interactions, raw, states.failures, states.captured)
    const notices = (raw.notices ?? []).map((notice) => notice.text)
    const report: PactReport = {
      ...base,
      interactions,
      ...(loadError === undefined
        ? {}
        : {
            error: loadError.mismatch.type === 'error' ? loadError.mismatch.message : 'Failed to load pact',
          }),
      ...(notices.length === 0 ? {} : { notices }),
    }
    const verified = (raw.interactionResults ?? []).length
    const outcome: PactOutcome =
      loadError !== undefined || verified === 0
        ? 'nothing-verified'
        : interactions.some(
              (interaction) => interaction.result === 'failed' || interaction.result === 'state-error',
            ) ||
            (!raw.result && raw.errors.length > 0)
          ? 'failed'
          : 'passed'
    return { report, raw, outcome, output: run.stdout }
  } finally {
    await states.close()
    await mocks.close()
    rmSync(logDir, { recursive: true, force: true })
  }
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-20).join('\n')
  } catch {
    return ''
  }
}
