import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createManualClock, createSeededRandom, createTempDir, type ManualClock } from '@crmkit/mock-kit'
import type { Hono } from 'hono'
import { createS3App } from '../src/s3/app.js'
import { createS3Config, type S3Config } from '../src/s3/domain/config.js'
import type { ObjectStore } from '../src/s3/domain/object-store.js'
import { presignGetObjectUrl } from '../src/s3/domain/presign-url.js'
import type { ObjectAttributes, StoredObject } from '../src/s3/domain/stored-object.js'
import type { S3Env } from '../src/s3/http/context.js'
import { createFileObjectStore } from '../src/s3/storage/file-object-store.js'
import { ACCESS_KEY_ID, BUCKET, REGION, SECRET, T0 } from './helpers.js'

/** Where `app.request()` pretends the emulator is: the host the links below are signed for. */
export const ENDPOINT = 'http://s3.test'

/** The S3 app without a socket (`app.request()`), its store in a temporary directory, on a manual clock. */
export interface S3AppHarness {
  readonly app: Hono<S3Env>
  readonly store: ObjectStore
  readonly clock: ManualClock
  readonly config: S3Config
  /** Stores `content` under `key` as an upload would (at the clock's time). */
  put(key: string, content: string | Buffer, attributes?: Partial<ObjectAttributes>): Promise<StoredObject>
  /** A pre-signed GET link for `key` made by the emulator's own signer, valid for ten minutes. */
  link(key: string): Promise<string>
  close(): Promise<void>
}

export async function createS3AppHarness(config: Partial<S3Config> = {}): Promise<S3AppHarness> {
  const dir = createTempDir('crmkit-s3-harness-')
  const clock = createManualClock(T0)
  const store = await createFileObjectStore({ root: dir.path, random: createSeededRandom(3) })
  const resolved = createS3Config(config)
  const app = createS3App({ config: resolved, store, clock, random: createSeededRandom(4) })
  return {
    app,
    store,
    clock,
    config: resolved,
    async put(key, content, attributes = {}) {
      const upload = await store.beginUpload({})
      await pipeline(Readable.from([Buffer.from(content)]), upload.sink)
      const committed = await upload.commit({
        bucket: BUCKET,
        key,
        contentType: 'text/plain',
        acl: 'private',
        storageClass: 'STANDARD',
        headers: {},
        metadata: {},
        tags: [],
        lastModified: clock().toISOString(),
        ...attributes,
      })
      if (!committed.ok) throw new Error(`not stored: ${committed.error.code}`)
      return committed.object
    },
    link(key) {
      return presignGetObjectUrl({
        endpoint: ENDPOINT,
        bucket: BUCKET,
        key,
        region: REGION,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
        now: clock(),
        expiresIn: 600,
      })
    },
    async close() {
      await store.close()
      dir.remove()
    },
  }
}
