import { type Clock, createMockHost, type MockHost, type RandomBytes } from '@crmkit/mock-kit'
import type { ApiDeps } from './api/api-deps.js'
import { API_BASE_PATH } from './api/app.js'
import type { ApiConfig } from './api/domain/api-config.js'
import type { CrmState } from './api/domain/records.js'
import type { SeedDocument } from './api/domain/seed.js'
import type { S3Config } from './s3/domain/config.js'
import type { RunningS3 } from './s3/start.js'
import { serveOnePageCrm } from './serve-services.js'

export interface StartOnePageCrmOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Port of the OnePageCRM API; default 0 (a free port). */
  readonly port?: number | undefined
  /** Port of the S3 emulator; default 0 (a free port). */
  readonly s3Port?: number | undefined
  readonly s3?: Partial<S3Config> | undefined
  readonly api?: Partial<ApiConfig> | undefined
  /** Users, contacts, deals and notes of a first start; default one demo user, contact, deal and note. */
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
  readonly clock?: Clock | undefined
  readonly random?: RandomBytes | undefined
}

/** What a started mock tells its user. */
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

/** The OnePageCRM API of a started mock. */
export interface RunningApi {
  /** `http://127.0.0.1:<port>/api/v3` */
  readonly baseUrl: string
  readonly state: CrmState
  readonly deps: ApiDeps
  /** The first user: the credentials a newcomer uses. */
  readonly auth: { readonly userId: string; readonly apiKey: string }
}

export interface RunningOnePageCrmMock {
  readonly info: ReadyInfo
  readonly s3: RunningS3
  readonly api: RunningApi
  /** The journal, faults and reset both servers share. */
  readonly host: MockHost
  close(): Promise<void>
}

/** Starts the API and its S3 emulator, each on its own port, in one mock host; resolves once both listen. */
export async function startOnePageCrmMock(
  options: StartOnePageCrmOptions = {},
): Promise<RunningOnePageCrmMock> {
  const host = createMockHost({
    clock: options.clock,
    random: options.random,
    journalLimit: options.journalLimit,
  })
  try {
    const served = await serveOnePageCrm(host, {
      s3: { config: options.s3, dataDir: options.dataDir, journalDigests: options.journalDigests },
      api: {
        config: options.api,
        dataDir: options.dataDir,
        seed: options.seed,
        credentials: { userId: options.userId, apiKey: options.apiKey },
      },
      listen: {
        s3: { host: options.host, port: options.s3Port ?? 0 },
        api: { host: options.host, port: options.port ?? 0 },
      },
    })
    const { service: s3, url: s3Url } = served.s3
    const { service: api, url: apiUrl } = served.api
    const close = () => host.close()
    const [credential] = s3.config.credentials
    return {
      info: {
        service: 'onepagecrm',
        api: `${apiUrl}${API_BASE_PATH}`,
        s3: {
          endpoint: s3Url,
          region: s3.config.region,
          bucket: s3.config.buckets[0] ?? '',
          buckets: s3.config.buckets,
          accessKeyId: credential?.accessKeyId ?? '',
        },
        auth: api.auth,
      },
      s3: {
        endpoint: s3Url,
        config: s3.config,
        store: s3.store,
        storageDir: s3.storageDir,
        host,
        close,
      },
      api: { baseUrl: `${apiUrl}${API_BASE_PATH}`, state: api.state, deps: api.deps, auth: api.auth },
      host,
      close,
    }
  } catch (error) {
    await host.close()
    throw error
  }
}
