import { type Clock, createFaultInjector, createRequestJournal, type RandomBytes } from '@crmkit/mock-kit'
import { API_FAULT_ANSWERS } from './api/app.js'
import type { ApiConfig } from './api/domain/api-config.js'
import type { SeedDocument } from './api/domain/seed.js'
import { type RunningApi, startOnePageCrmApi } from './api/start.js'
import type { S3Config } from './s3/domain/config.js'
import { S3_FAULT_ANSWERS } from './s3/http/fault-answers.js'
import { type RunningS3, startS3Emulator } from './s3/start.js'

export interface StartOnePageCrmOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Port of the OnePageCRM API; default 0 (a free port). */
  readonly port?: number
  /** Port of the S3 emulator; default 0 (a free port). */
  readonly s3Port?: number
  readonly s3?: Partial<S3Config>
  readonly api?: Partial<ApiConfig>
  /** Users, contacts and notes of a first start; default one demo user, contact and note. */
  readonly seed?: SeedDocument | undefined
  /** Replace the first seeded user's id (`--user-id`) and API key (`--api-key`). */
  readonly userId?: string | undefined
  readonly apiKey?: string | undefined
  /** SHA-256 of each multipart part in the request journal (default true; `--no-journal-digests`). */
  readonly journalDigests?: boolean | undefined
  /** Requests the journal keeps (default 1000). */
  readonly journalLimit?: number | undefined
  /** Keep state here across restarts; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  readonly clock?: Clock
  readonly random?: RandomBytes
}

/** What a started mock tells its user: the `--json` ready line is exactly this, less `close`. */
export interface ReadyInfo {
  readonly service: 'onepagecrm'
  /** Base URL of the OnePageCRM API, `http://127.0.0.1:<port>/api/v3`. */
  readonly api: string
  readonly s3: {
    readonly endpoint: string
    readonly region: string
    readonly bucket: string
    readonly buckets: readonly string[]
    readonly accessKeyId: string
  }
  /** HTTP Basic credentials of the first user: username `userId`, password `apiKey`. */
  readonly auth: { readonly userId: string; readonly apiKey: string }
}

export interface RunningOnePageCrmMock {
  readonly info: ReadyInfo
  readonly s3: RunningS3
  readonly api: RunningApi
  close(): Promise<void>
}

/** Starts the mock, the API and its S3 emulator each on its own port, and resolves once both listen. */
export async function startOnePageCrmMock(
  options: StartOnePageCrmOptions = {},
): Promise<RunningOnePageCrmMock> {
  const journal = createRequestJournal({ limit: options.journalLimit })
  const faults = createFaultInjector()
  const s3 = await startS3Emulator({
    journal,
    journalDigests: options.journalDigests,
    host: options.host,
    port: options.s3Port ?? 0,
    config: options.s3,
    dataDir: options.dataDir,
    clock: options.clock,
    random: options.random,
    faults,
  })
  const api = await startOnePageCrmApi({
    host: options.host,
    port: options.port,
    config: options.api,
    s3,
    dataDir: options.dataDir,
    seed: options.seed,
    credentials: { userId: options.userId, apiKey: options.apiKey },
    clock: options.clock,
    random: options.random,
    journal,
    faults: {
      injector: faults,
      answers: { api: Object.keys(API_FAULT_ANSWERS), s3: Object.keys(S3_FAULT_ANSWERS) },
    },
  }).catch(async (error: unknown) => {
    await s3.close()
    throw error
  })
  const [credential] = s3.config.credentials
  return {
    info: {
      service: 'onepagecrm',
      api: api.baseUrl,
      s3: {
        endpoint: s3.endpoint,
        region: s3.config.region,
        bucket: s3.config.buckets[0] ?? '',
        buckets: s3.config.buckets,
        accessKeyId: credential?.accessKeyId ?? '',
      },
      auth: api.auth,
    },
    s3,
    api,
    close: async () => {
      await api.close()
      await s3.close()
    },
  }
}
