import { type MockService, openServiceDir, type ServiceRuntime } from '@crmkit/mock-kit'
import { createS3App, S3_SERVICE } from './app.js'
import { readBucketsSeed } from './domain/buckets-seed.js'
import { createS3Config, type S3Config } from './domain/config.js'
import { createHostedBuckets, type HostedBuckets } from './domain/hosted-buckets.js'
import type { ObjectStore } from './domain/object-store.js'
import { S3_FAULT_ANSWERS } from './http/fault-answers.js'
import { inspectS3 } from './inspection.js'
import { createFileObjectStore } from './storage/file-object-store.js'

export interface S3ServiceOptions {
  readonly config?: Partial<S3Config> | undefined
  /** Objects survive restarts in `<dataDir>/s3`; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  /** SHA-256 of each multipart part in the request journal (default true; sizes are always kept). */
  readonly journalDigests?: boolean | undefined
}

/** The S3 emulator as a service of a mock host, with what the OnePageCRM API needs of it. */
export interface S3Service extends MockService {
  /** As configured at the start: `buckets` are the buckets a reset goes back to. */
  readonly config: S3Config
  /** The buckets hosted now: `config.buckets`, then those `seed` added since the start or the last reset. */
  readonly buckets: Pick<HostedBuckets, 'has' | 'list'>
  readonly store: ObjectStore
  /** Where objects are kept on disk (`tmp/` holds uploads in progress). */
  readonly storageDir: string
}

/** Builds the S3 emulator. Objects go to disk, so memory stays flat whatever their size. */
export async function createS3Service(
  options: S3ServiceOptions,
  runtime: ServiceRuntime,
): Promise<S3Service> {
  const config = createS3Config(options.config)
  const buckets = createHostedBuckets(config.buckets)
  const dir = openServiceDir(options.dataDir, S3_SERVICE)
  const store = await createFileObjectStore({
    root: dir.path,
    random: runtime.random,
    persistMetadata: dir.persistent,
  }).catch((error: unknown) => {
    dir.remove()
    throw error
  })
  const app = createS3App({
    config,
    buckets,
    store,
    random: runtime.random,
    clock: runtime.clock,
    journalParts: { digests: options.journalDigests ?? true },
    faults: runtime.faults,
  })
  let closing: Promise<void> | undefined
  return {
    name: S3_SERVICE,
    app,
    faultAnswers: S3_FAULT_ANSWERS,
    config,
    buckets: { has: (bucket) => buckets.has(bucket), list: () => buckets.list() },
    store,
    storageDir: dir.path,
    // S3 starts empty: the configured buckets, no objects, with or without a data directory.
    async reset() {
      buckets.reset()
      await store.clear()
    },
    // A seed names buckets to host: crmkit's way to add one while the emulator runs (it answers no
    // CreateBucket). All of them or none.
    async seed(body) {
      const seed = readBucketsSeed(body)
      if (!seed.ok) return seed
      const added = buckets.add(seed.buckets)
      return added.ok ? { ok: true, created: { buckets: added.added } } : added
    },
    close() {
      closing ??= (async () => {
        await store.close()
        dir.remove()
      })()
      return closing
    },
    inspect: inspectS3(buckets, store),
  }
}
