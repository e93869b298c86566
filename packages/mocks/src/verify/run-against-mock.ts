import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServiceName } from '../mocks-info.js'
import { type StartMocksOptions, startMocks } from '../start-mocks.js'
import { type StatesExport, statesFor } from './load-states-module.js'
import { type PactCoreReport, readPactCoreReport } from './pact-report.js'
import { runPactWorker } from './run-pact-worker.js'
import { createStateRegistry } from './state-registry.js'
import { type StatesServer, startStatesServer } from './states-server.js'
import { BUILT_IN_STATES } from './vocabulary.js'

export interface VerifySettings {
  readonly vocabulary: number
  readonly states: readonly StatesExport[]
  /** The child process's entry (`verify-worker.js` beside the built command). */
  readonly worker: URL
  readonly env: NodeJS.ProcessEnv
  /** Credentials given on the command line: they win over those read from a pact. */
  readonly credentials: {
    readonly sharpspring?: { readonly accountId: string; readonly secretKey: string } | undefined
    readonly onepagecrm?: { readonly userId: string; readonly apiKey: string } | undefined
    readonly s3?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  }
  /** `--s3-host` (sent as every S3 request's Host) and `--s3-bucket`s. */
  readonly s3?: { readonly host?: string | undefined; readonly buckets: readonly string[] } | undefined
  /** Pact's timeout per request, in ms. */
  readonly timeoutMs?: number | undefined
  readonly filters?: { readonly description?: string | undefined; readonly state?: string | undefined }
}

export interface MockRun {
  /** Pact's JSON report; undefined when the verifier could not give one. */
  readonly raw: PactCoreReport | undefined
  /** The worker's answer when there is no report (the error), else the report's text. */
  readonly text: string
  /** Pact's human output. */
  readonly output: string
  /** The last lines of Pact's log file (where a failed publication is reported). */
  readonly log: string
  readonly states: StatesServer
}

/**
 * Runs Pact's verifier against a fresh mock: the mock started with `start`, a state endpoint over
 * crmkit's vocabulary and the `--states` modules, and the verifier in a child process with `options`
 * (plus the provider's URL, the state endpoint and a log file).
 */
export async function runAgainstMock(
  mock: ServiceName,
  pact: { readonly consumer: string | undefined; readonly recordedSignedAt?: string | undefined },
  start: StartMocksOptions,
  options: Record<string, unknown>,
  settings: VerifySettings,
  keepPactEnv: boolean,
): Promise<MockRun> {
  const mocks = await startMocks({ ...start, services: [mock], host: '127.0.0.1' })
  let states: StatesServer
  try {
    const registry = createStateRegistry(
      BUILT_IN_STATES,
      settings.vocabulary,
      await statesFor(settings.states, mocks),
    )
    states = await startStatesServer({
      registry,
      mocks,
      provider: mock,
      consumer: pact.consumer,
      recordedSignedAt: pact.recordedSignedAt,
    })
  } catch (error) {
    await mocks.close()
    throw error
  }
  const logDir = mkdtempSync(join(tmpdir(), 'crmkit-verify-'))
  try {
    const run = await runPactWorker(
      settings.worker,
      {
        ...options,
        providerBaseUrl: (mocks.info[mock] as { url: string }).url,
        providerStatesSetupUrl: states.url,
        failIfNoPactsFound: true,
        logLevel: 'error',
        logFile: join(logDir, 'pact.log'),
        ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
        // A virtual-hosted bucket's address: the emulator reads the bucket from the Host, the key from the path.
        ...(mock === 's3' && settings.s3?.host !== undefined
          ? { customProviderHeaders: { Host: settings.s3.host } }
          : {}),
      },
      settings.env,
      keepPactEnv,
      {
        // Pact's verifier reads its interaction filters from these (regular expressions).
        ...(settings.filters?.description === undefined
          ? {}
          : { PACT_DESCRIPTION: settings.filters.description }),
        ...(settings.filters?.state === undefined ? {} : { PACT_PROVIDER_STATE: settings.filters.state }),
      },
    )
    const raw = run.kind === 'crashed' ? undefined : readPactCoreReport(run.text)
    return { raw, text: run.text, output: run.stdout, log: readLog(join(logDir, 'pact.log')), states }
  } finally {
    await states.close()
    await mocks.close()
    rmSync(logDir, { recursive: true, force: true })
  }
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-50).join('\n')
  } catch {
    return ''
  }
}
