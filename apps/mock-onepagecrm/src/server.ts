import type { Clock, RandomBytes } from '@crmkit/mock-kit'
import type { S3Config } from './s3/domain/config.js'
import { type RunningS3, startS3Emulator } from './s3/start.js'

export interface StartOnePageCrmOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Port of the S3 emulator; default 0 (a free port). */
  readonly s3Port?: number
  readonly s3?: Partial<S3Config>
  /** Keep state here across restarts; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  readonly clock?: Clock
  readonly random?: RandomBytes
}

/** What a started mock tells its user: the `--json` ready line is exactly this, less `close`. */
export interface ReadyInfo {
  readonly service: 'onepagecrm'
  /** Base URL of the OnePageCRM API; `null` until the API is served (it arrives with the OnePageCRM mock). */
  readonly api: string | null
  readonly s3: {
    readonly endpoint: string
    readonly region: string
    readonly bucket: string
    readonly buckets: readonly string[]
    readonly accessKeyId: string
  }
  readonly auth: null
}

export interface RunningOnePageCrmMock {
  readonly info: ReadyInfo
  readonly s3: RunningS3
  close(): Promise<void>
}

/** Starts the mock (today: its S3 emulator) and resolves once it listens. Tests use port 0. */
export async function startOnePageCrmMock(
  options: StartOnePageCrmOptions = {},
): Promise<RunningOnePageCrmMock> {
  const s3 = await startS3Emulator({
    host: options.host,
    port: options.s3Port ?? 0,
    config: options.s3,
    dataDir: options.dataDir,
    clock: options.clock,
    random: options.random,
  })
  const [credential] = s3.config.credentials
  return {
    info: {
      service: 'onepagecrm',
      api: null,
      s3: {
        endpoint: s3.endpoint,
        region: s3.config.region,
        bucket: s3.config.buckets[0] ?? '',
        buckets: s3.config.buckets,
        accessKeyId: credential?.accessKeyId ?? '',
      },
      auth: null,
    },
    s3,
    close: () => s3.close(),
  }
}
