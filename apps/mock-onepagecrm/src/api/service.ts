import { join } from 'node:path'
import type { MockService, ServiceRuntime } from '@crmkit/mock-kit'
import { createRenderedAnswers } from '@crmkit/mock-kit'
import { presignGetObjectUrl } from '../s3/domain/presign-url.js'
import { virtualHostedBucket } from '../s3/domain/virtual-host.js'
import type { S3Service } from '../s3/service.js'
import type { ApiDeps } from './api-deps.js'
import { API_FAULT_ANSWERS, createApiApp, ONEPAGECRM_SERVICE } from './app.js'
import { type ApiConfig, createApiConfig } from './domain/api-config.js'
import type { AttachmentStorage } from './domain/attachment-storage.js'
import { createObjectIdFactory } from './domain/object-id.js'
import { createSlidingWindowLimiter } from './domain/rate-limiter.js'
import { type CrmState, createEmptyState } from './domain/records.js'
import { applySeed, demoSeed, type SeedDocument } from './domain/seed.js'
import { inspectOnePageCrm } from './inspection.js'
import { createStateFile } from './storage/state-file.js'

export interface OnePageCrmServiceOptions {
  readonly config?: Partial<ApiConfig> | undefined
  /** Records survive restarts in `<dataDir>/onepagecrm/state.json`; default in memory only. */
  readonly dataDir?: string | undefined
  /** What exists on a first start and after a reset; default `demoSeed()`. */
  readonly seed?: SeedDocument | undefined
  /**
   * The S3 address the API gives out, in `s3_form`'s `action` and in attachment download links, instead of
   * the emulator's own URL: a bucket's virtual-hosted origin (`https://<bucket>.s3.<region>.amazonaws.com`,
   * where OnePageCRM's real forms post) or a path-style endpoint (`https://s3.<region>.amazonaws.com`). For
   * clients that reach the emulator at that address without a socket (`interceptVendors()` of
   * `@crmkit/mocks`). Default: the emulator's own URL, path-style.
   */
  readonly s3PublicUrl?: string | undefined
  /** Replace the first seeded user's id and API key. */
  readonly credentials?:
    | { readonly userId?: string | undefined; readonly apiKey?: string | undefined }
    | undefined
}

/** The S3 emulator as the API sees it: where attachment files are, served at `endpoint`. */
export interface AttachmentBucket {
  readonly service: S3Service
  /** The emulator's URL, `http://127.0.0.1:<port>`. */
  readonly endpoint: string
}

/** The OnePageCRM API as a service of a mock host. */
export interface OnePageCrmService extends MockService {
  /** To read: the API keeps rendered answers between changes it makes (a seed or a reset counts). */
  readonly state: CrmState
  readonly deps: ApiDeps
  /** The first user: the credentials a newcomer uses. */
  readonly auth: { readonly userId: string; readonly apiKey: string }
}

/** Builds the OnePageCRM API, its attachments stored in the S3 emulator `bucket`. */
export async function createOnePageCrmService(
  options: OnePageCrmServiceOptions,
  runtime: ServiceRuntime,
  bucket: AttachmentBucket,
): Promise<OnePageCrmService> {
  const clock = runtime.clock
  const newId = createObjectIdFactory(clock, runtime.random)
  const config = createApiConfig(options.config)
  const stateFile =
    options.dataDir === undefined
      ? undefined
      : createStateFile(join(options.dataDir, 'onepagecrm', 'state.json'))
  const initialSeed = withCredentials(options.seed ?? demoSeed(), options.credentials)
  const seedInto = (target: CrmState, seed: SeedDocument) =>
    applySeed(target, seed, { config, now: clock(), newId })
  let state = stateFile?.load()
  if (state === undefined) {
    state = createEmptyState()
    const seeded = seedInto(state, initialSeed)
    if (!seeded.ok) throw new Error(`The seed is not valid: ${seeded.error}`)
    await stateFile?.save(state)
  }
  const current = state
  const persist = stateFile === undefined ? async () => {} : (changed: CrmState) => stateFile.save(changed)
  const renderedAnswers = createRenderedAnswers()
  const deps: ApiDeps = {
    state,
    config,
    storage: attachmentStorage(bucket, options.s3PublicUrl),
    clock,
    newId,
    random: runtime.random,
    limiter: createSlidingWindowLimiter({ burst: 10, average: 5 }),
    persist,
    faults: runtime.faults,
    renderedAnswers,
  }
  const [first] = state.users.values()
  return {
    name: ONEPAGECRM_SERVICE,
    app: createApiApp(deps),
    faultAnswers: API_FAULT_ANSWERS,
    state,
    deps,
    auth: { userId: first?.id ?? '', apiKey: first?.api_key ?? '' },
    // The state the mock started from: the seed (not a --data-dir's saved state). The host resets the S3
    // emulator, and so the files, too.
    async reset() {
      renderedAnswers.changed()
      for (const map of Object.values(current)) (map as Map<string, unknown>).clear()
      seedInto(current, initialSeed)
      await persist(current)
    },
    async seed(body) {
      const { parseSeed } = await import('./domain/seed-document.js')
      const parsed = parseSeed(body)
      if (!parsed.ok) return parsed
      renderedAnswers.changed()
      const seeded = seedInto(current, parsed.seed)
      if (!seeded.ok) return { ok: false, error: seeded.error }
      await persist(current)
      return { ok: true, created: seeded.created }
    },
    close: async () => {},
    inspect: inspectOnePageCrm(state, config, deps.storage),
  }
}

function withCredentials(
  seed: SeedDocument,
  credentials: OnePageCrmServiceOptions['credentials'],
): SeedDocument {
  const [first, ...rest] = seed.users
  if (first === undefined || credentials === undefined) return seed
  const userId = credentials.userId ?? first.id
  const rewrite = <T extends Record<string, unknown>>(record: T): T =>
    Object.fromEntries(
      Object.entries(record).map(([name, value]) => [name, value === first.id ? userId : value]),
    ) as T
  return {
    users: [{ ...first, id: userId, api_key: credentials.apiKey ?? first.api_key }, ...rest],
    contacts: seed.contacts.map(rewrite),
    notes: seed.notes.map(rewrite),
    deals: seed.deals.map(rewrite),
    ...(seed.actions === undefined ? {} : { actions: seed.actions.map(rewrite) }),
  }
}

/**
 * The bucket behind attachments: the emulator's first bucket, signed with its first credential, given out
 * at `publicUrl` when there is one.
 */
function attachmentStorage(
  { service, endpoint: own }: AttachmentBucket,
  publicUrl?: string,
): AttachmentStorage {
  const s3Bucket = service.config.buckets[0] ?? ''
  const credentials = service.config.credentials[0] ?? { accessKeyId: '', secretAccessKey: '' }
  const endpoint = publicUrl === undefined ? own : new URL(publicUrl).origin
  const addressing = virtualHostedBucket(new URL(endpoint).host) === undefined ? 'path' : 'virtual-hosted'
  return {
    bucket: s3Bucket,
    bucketUrl: addressing === 'path' ? `${endpoint}/${s3Bucket}/` : `${endpoint}/`,
    region: service.config.region,
    credentials,
    head: async (key) => service.store.head(s3Bucket, key),
    put: async (key, bytes, contentType, now) => {
      const upload = await service.store.beginUpload({})
      try {
        // `commit` waits for the sink to finish, and fails if writing did.
        upload.sink.end(bytes)
        await upload.commit({
          bucket: s3Bucket,
          key,
          contentType,
          acl: 'private',
          storageClass: 'STANDARD',
          headers: {},
          metadata: {},
          tags: [],
          lastModified: now.toISOString(),
        })
      } catch (error) {
        await upload.discard()
        throw error
      }
    },
    downloadUrl: (key, now, expiresIn) =>
      presignGetObjectUrl({
        endpoint,
        addressing,
        bucket: s3Bucket,
        key,
        region: service.config.region,
        credentials,
        now,
        expiresIn,
      }),
  }
}
