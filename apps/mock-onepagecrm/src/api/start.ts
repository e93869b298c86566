import { join } from 'node:path'
import {
  type AdminHandlers,
  type Clock,
  cryptoRandomBytes,
  type RandomBytes,
  type RequestJournal,
  type RunningServer,
  startServer,
  systemClock,
} from '@crmkit/mock-kit'
import { presignGetObjectUrl } from '../s3/domain/presign-url.js'
import type { RunningS3 } from '../s3/start.js'
import type { ApiDeps } from './api-deps.js'
import { API_BASE_PATH, createApiApp } from './app.js'
import { type ApiConfig, createApiConfig } from './domain/api-config.js'
import type { AttachmentStorage } from './domain/attachment-storage.js'
import { createObjectIdFactory } from './domain/object-id.js'
import { createSlidingWindowLimiter } from './domain/rate-limiter.js'
import { type CrmState, createEmptyState } from './domain/records.js'
import { applySeed, demoSeed, parseSeed, type SeedDocument } from './domain/seed.js'
import { createStateFile } from './storage/state-file.js'

export interface StartApiOptions {
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  readonly config?: Partial<ApiConfig> | undefined
  /** The S3 emulator that holds attachment files. */
  readonly s3: RunningS3
  /** Records survive restarts in `<dataDir>/api/state.json`; default in memory only. */
  readonly dataDir?: string | undefined
  /** What exists on a first start; default `demoSeed()`. Ignored when `dataDir` already holds state. */
  readonly seed?: SeedDocument | undefined
  /** Replace the first seeded user's id and API key. */
  readonly credentials?:
    | { readonly userId?: string | undefined; readonly apiKey?: string | undefined }
    | undefined
  readonly clock?: Clock | undefined
  readonly random?: RandomBytes | undefined
  /** Shared with the S3 emulator, so `GET /__admin/requests` shows both. */
  readonly journal?: RequestJournal | undefined
  /** Shared with the S3 emulator too: `/__admin/faults` arms faults on either. */
  readonly faults?: AdminHandlers['faults']
}

export interface RunningApi {
  /** `http://127.0.0.1:<port>/api/v3` */
  readonly baseUrl: string
  readonly state: CrmState
  readonly deps: ApiDeps
  /** The first user: the credentials a newcomer uses. */
  readonly auth: { readonly userId: string; readonly apiKey: string }
  close(): Promise<void>
}

/** Starts the OnePageCRM API on its own port, its attachments stored in `options.s3`. */
export async function startOnePageCrmApi(options: StartApiOptions): Promise<RunningApi> {
  const clock = options.clock ?? systemClock
  const newId = createObjectIdFactory(clock, options.random ?? cryptoRandomBytes)
  const config = createApiConfig(options.config)
  const stateFile =
    options.dataDir === undefined ? undefined : createStateFile(join(options.dataDir, 'api', 'state.json'))
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
  const admin: AdminHandlers | undefined =
    options.journal === undefined
      ? undefined
      : {
          journal: options.journal,
          faults: options.faults,
          // The state the mock started from: the seed (not a --data-dir's saved state), no files, no requests.
          async reset() {
            for (const map of Object.values(current)) (map as Map<string, unknown>).clear()
            seedInto(current, initialSeed)
            await options.s3.store.clear()
            options.journal?.clear()
            await persist(current)
          },
          async seed(body) {
            const parsed = parseSeed(body)
            if (!parsed.ok) return parsed
            const seeded = seedInto(current, parsed.seed)
            if (!seeded.ok) return { ok: false, error: seeded.error }
            await persist(current)
            return { ok: true, created: seeded.created }
          },
        }
  const deps: ApiDeps = {
    state,
    config,
    storage: s3Storage(options.s3),
    clock,
    newId,
    limiter: createSlidingWindowLimiter({ burst: 10, average: 5 }),
    persist,
    journal: options.journal,
    admin,
    faults: options.faults?.injector,
  }
  const server: RunningServer = await startServer(createApiApp(deps), {
    host: options.host,
    port: options.port ?? 0,
  })
  const [first] = state.users.values()
  return {
    baseUrl: `${server.url}${API_BASE_PATH}`,
    state,
    deps,
    auth: { userId: first?.id ?? '', apiKey: first?.api_key ?? '' },
    close: () => server.close(),
  }
}

function withCredentials(seed: SeedDocument, credentials: StartApiOptions['credentials']): SeedDocument {
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
  }
}

/** The bucket behind attachments: the emulator's first bucket, signed with its first credential. */
function s3Storage(s3: RunningS3): AttachmentStorage {
  const bucket = s3.config.buckets[0] ?? ''
  const credentials = s3.config.credentials[0] ?? { accessKeyId: '', secretAccessKey: '' }
  return {
    bucket,
    bucketUrl: `${s3.endpoint}/${bucket}/`,
    region: s3.config.region,
    credentials,
    head: async (key) => s3.store.head(bucket, key),
    downloadUrl: (key, now, expiresIn) =>
      presignGetObjectUrl({
        endpoint: s3.endpoint,
        bucket,
        key,
        region: s3.config.region,
        credentials,
        now,
        expiresIn,
      }),
  }
}
