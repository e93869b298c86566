import { join } from 'node:path'
import {
  type Clock,
  createTempDir,
  cryptoRandomBytes,
  type FaultInjector,
  type RandomBytes,
  type RequestJournal,
  startServer,
} from '@crmkit/mock-kit'
import { createS3App } from './app.js'
import { createS3Config, type S3Config } from './domain/config.js'
import type { ObjectStore } from './domain/object-store.js'
import { createFileObjectStore } from './storage/file-object-store.js'

export interface StartS3Options {
  readonly host?: string
  /** Default 0: a free port. */
  readonly port?: number
  readonly config?: Partial<S3Config>
  /** Keep objects here across restarts; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  readonly clock?: Clock
  readonly random?: RandomBytes
  readonly journal?: RequestJournal | undefined
  readonly journalDigests?: boolean | undefined
  readonly faults?: FaultInjector | undefined
}

export interface RunningS3 {
  /** `http://127.0.0.1:<port>`: path-style bucket URLs are `<endpoint>/<bucket>`. */
  readonly endpoint: string
  readonly config: S3Config
  readonly store: ObjectStore
  /** Where objects are kept on disk (`tmp/` holds uploads in progress). */
  readonly storageDir: string
  close(): Promise<void>
}

/** Starts the S3 emulator on its own port. Objects go to disk, so memory stays flat whatever their size. */
export async function startS3Emulator(options: StartS3Options = {}): Promise<RunningS3> {
  const config = createS3Config(options.config)
  const random = options.random ?? cryptoRandomBytes
  const temp = options.dataDir === undefined ? createTempDir('crmkit-s3-') : undefined
  const root = temp?.path ?? join(options.dataDir as string, 's3')
  const store = await createFileObjectStore({ root, random, persistMetadata: temp === undefined })
  const app = createS3App({
    config,
    store,
    random,
    clock: options.clock,
    journal: options.journal,
    journalDigests: options.journalDigests,
    faults: options.faults,
  })
  const server = await startServer(app, { host: options.host, port: options.port ?? 0 }).catch(
    async (error) => {
      await store.close()
      temp?.remove()
      throw error
    },
  )
  let closing: Promise<void> | undefined
  return {
    endpoint: server.url,
    config,
    store,
    storageDir: root,
    close: () => {
      closing ??= (async () => {
        await server.close()
        await store.close()
        temp?.remove()
      })()
      return closing
    },
  }
}
