import { join } from 'node:path'
import {
  type Clock,
  createRequestJournal,
  createTempDir,
  cryptoRandomBytes,
  type RandomBytes,
  startServer,
  systemClock,
} from '@crmkit/mock-kit'
import { createSharpSpringApp } from './app.js'
import { cloneState, restoreState } from './domain/clone-state.js'
import { createSharpSpringConfig, type SharpSpringConfig } from './domain/config.js'
import { type DemoIds, seedDemo } from './domain/demo.js'
import { createIdFactory } from './domain/ids.js'
import { applySeed } from './domain/seed.js'
import { createState, type SharpSpringContext, type SharpSpringState } from './domain/state.js'
import { createFileStore } from './storage/file-store.js'

export interface StartSharpSpringOptions {
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  readonly config?: Partial<SharpSpringConfig> | undefined
  /** Where uploaded files are kept; default a temporary directory removed on close. */
  readonly dataDir?: string | undefined
  /** Added after the demo data (a parsed `--seed` file). */
  readonly seed?: unknown
  readonly clock?: Clock | undefined
  readonly random?: RandomBytes | undefined
}

/** What a started mock tells its user: the `--json` ready line is exactly this. */
export interface SharpSpringReadyInfo {
  readonly service: 'sharpspring'
  /** `http://127.0.0.1:<port>/pubapi`: versions and endpoints go below it (`/v1/`, `/v1/uploadFiles`). */
  readonly api: string
  readonly auth: { readonly accountId: string; readonly secretKey: string }
}

export interface RunningSharpSpringMock {
  readonly info: SharpSpringReadyInfo
  readonly state: SharpSpringState
  readonly demo: DemoIds
  /** Where kept files live (`files/`) and arriving ones wait (`tmp/`). */
  readonly storageDir: string
  close(): Promise<void>
}

/** Starts the SharpSpring mock on its port, with demo data (and a seed), and resolves once it listens. */
export async function startSharpSpringMock(
  options: StartSharpSpringOptions = {},
): Promise<RunningSharpSpringMock> {
  const config = createSharpSpringConfig(options.config)
  const clock = options.clock ?? systemClock
  const newId = createIdFactory(options.random ?? cryptoRandomBytes)
  const state = createState(newId)
  const context = (): SharpSpringContext => ({
    state,
    now: clock(),
    newId,
    fileFieldType: config.fileFieldType,
  })
  const demo = seedDemo(context())
  if (options.seed !== undefined) {
    const seeded = applySeed(context(), options.seed)
    if (!seeded.ok) throw new Error(`The seed is not valid: ${seeded.error}`)
  }
  const initial = cloneState(state)
  const temp = options.dataDir === undefined ? createTempDir('crmkit-sharpspring-') : undefined
  const root = temp?.path ?? join(options.dataDir as string, 'sharpspring')
  const files = await createFileStore(root)
  const journal = createRequestJournal()
  const app = createSharpSpringApp({
    config,
    state,
    newId,
    clock,
    files,
    journal,
    admin: {
      journal,
      // Back to the demo data and seed, with no uploaded files and an empty journal.
      async reset() {
        restoreState(state, initial)
        await files.clear()
        journal.clear()
      },
      async seed(body) {
        const seeded = applySeed(context(), body)
        return seeded.ok ? { ok: true, created: seeded.created } : seeded
      },
    },
  })
  const server = await startServer(app, { host: options.host, port: options.port ?? 0 }).catch(
    (error: unknown) => {
      temp?.remove()
      throw error
    },
  )
  let closing: Promise<void> | undefined
  return {
    info: {
      service: 'sharpspring',
      api: `${server.url}/pubapi`,
      auth: { accountId: config.accountId, secretKey: config.secretKey },
    },
    state,
    demo,
    storageDir: root,
    close: () => {
      closing ??= (async () => {
        await server.close()
        temp?.remove()
      })()
      return closing
    },
  }
}
