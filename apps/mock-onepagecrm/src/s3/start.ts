import { type Clock, createMockHost, type MockHost, type RandomBytes } from '@crmkit/mock-kit'
import type { S3Config } from './domain/config.js'
import type { ObjectStore } from './domain/object-store.js'
import { createS3Service } from './service.js'

export interface StartS3Options {
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  readonly config?: Partial<S3Config> | undefined
  /** Keep objects here across restarts; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  readonly clock?: Clock | undefined
  readonly random?: RandomBytes | undefined
  readonly journalDigests?: boolean | undefined
}

export interface RunningS3 {
  /** `http://127.0.0.1:<port>`: path-style bucket URLs are `<endpoint>/<bucket>`. */
  readonly endpoint: string
  readonly config: S3Config
  readonly store: ObjectStore
  /** Where objects are kept on disk (`tmp/` holds uploads in progress). */
  readonly storageDir: string
  /** Its journal, faults and reset. */
  readonly host: MockHost
  close(): Promise<void>
}

/** Starts the S3 emulator alone, on its own port, with the admin API beside it. */
export async function startS3Emulator(options: StartS3Options = {}): Promise<RunningS3> {
  const host = createMockHost({ clock: options.clock, random: options.random })
  const s3 = await createS3Service(
    { config: options.config, dataDir: options.dataDir, journalDigests: options.journalDigests },
    host.runtime,
  )
  const served = await host.serve(s3, { host: options.host, port: options.port ?? 0 })
  return {
    endpoint: served.url,
    config: s3.config,
    store: s3.store,
    storageDir: s3.storageDir,
    host,
    close: () => host.close(),
  }
}
