import { join } from 'node:path'
import {
  type Clock,
  createFaultInjector,
  createRequestJournal,
  createSnapshotFile,
  createTempDir,
  cryptoRandomBytes,
  type RandomBytes,
  startServer,
  systemClock,
} from '@crmkit/mock-kit'
import { createSharpSpringApp, SHARPSPRING_FAULT_ANSWERS } from './app.js'
import { cloneState, restoreState } from './domain/clone-state.js'
import { createSharpSpringConfig, type SharpSpringConfig } from './domain/config.js'
import { type DemoIds, seedDemo } from './domain/demo.js'
import { createIdFactory } from './domain/ids.js'
import { applySeed } from './domain/seed.js'
import {
  createState,
  type DealStage,
  type FieldRecord,
  type Row,
  type SharpSpringContext,
  type SharpSpringState,
} from './domain/state.js'
import { createFileStore } from './storage/file-store.js'

export interface StartSharpSpringOptions {
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  readonly config?: Partial<SharpSpringConfig> | undefined
  /**
   * Records (`<dir>/sharpspring/state.json`) and files survive restarts here; default records in memory and
   * files in a temporary directory removed on close. The demo data and seed apply on a first start only.
   */
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
  const snapshot =
    options.dataDir === undefined
      ? undefined
      : createSnapshotFile(join(options.dataDir, 'sharpspring', 'state.json'), stateCodec)
  const saved = snapshot?.load()
  const newId = createIdFactory(
    options.random ?? cryptoRandomBytes,
    saved === undefined ? [] : idsOf(saved.state),
  )
  const state = saved?.state ?? createState(newId)
  const context = (): SharpSpringContext => ({
    state,
    now: clock(),
    newId,
    fileFieldType: config.fileFieldType,
  })
  let demo = saved?.demo
  if (demo === undefined) {
    demo = seedDemo(context())
    if (options.seed !== undefined) {
      const seeded = applySeed(context(), options.seed)
      if (!seeded.ok) throw new Error(`The seed is not valid: ${seeded.error}`)
    }
    await snapshot?.save({ state, demo })
  }
  const demoIds = demo
  const persist = snapshot === undefined ? undefined : () => snapshot.save({ state, demo: demoIds })
  const initial = cloneState(state)
  const temp = options.dataDir === undefined ? createTempDir('crmkit-sharpspring-') : undefined
  const root = temp?.path ?? join(options.dataDir as string, 'sharpspring')
  const files = await createFileStore(root)
  const journal = createRequestJournal()
  const faults = createFaultInjector()
  const app = createSharpSpringApp({
    config,
    state,
    newId,
    clock,
    files,
    journal,
    persist,
    faults,
    admin: {
      journal,
      faults: { injector: faults, answers: { api: Object.keys(SHARPSPRING_FAULT_ANSWERS) } },
      // Back to the demo data and seed, with no uploaded files and an empty journal.
      async reset() {
        restoreState(state, initial)
        await files.clear()
        journal.clear()
        await persist?.()
      },
      async seed(body) {
        const seeded = applySeed(context(), body)
        if (seeded.ok) await persist?.()
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
    demo: demoIds,
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

interface Saved {
  readonly state: SharpSpringState
  readonly demo: DemoIds
}

const VERSION = 1

/** The snapshot: `{version, demo, objects: {lead: [rows], …}, fields: [...], dealStages: [...]}`. */
const stateCodec = {
  encode: ({ state, demo }: Saved) => ({
    version: VERSION,
    demo,
    objects: Object.fromEntries(
      Object.entries(state.objects).map(([type, rows]) => [type, [...rows.values()]]),
    ),
    fields: [...state.fields.entries()].map(([key, field]) => ({ key, field })),
    dealStages: [...state.dealStages.values()],
  }),
  decode(json: unknown): Saved {
    const saved = json as {
      version: number
      demo: DemoIds
      objects: Record<keyof SharpSpringState['objects'], Row[]>
      fields: Array<{ key: string; field: FieldRecord }>
      dealStages: DealStage[]
    }
    if (saved.version !== VERSION) throw new Error(`unknown SharpSpring state version ${saved.version}`)
    const objects = Object.fromEntries(
      (['lead', 'account', 'opportunity', 'product'] as const).map((type) => [
        type,
        new Map((saved.objects[type] ?? []).map((row) => [String(row.id), row])),
      ]),
    ) as unknown as SharpSpringState['objects']
    return {
      demo: saved.demo,
      state: {
        objects,
        fields: new Map(saved.fields.map(({ key, field }) => [key, field])),
        dealStages: new Map(saved.dealStages.map((stage) => [stage.id, stage])),
      },
    }
  },
}

/** Every id in use, so new ones never repeat them. */
function idsOf(state: SharpSpringState): number[] {
  return [
    ...Object.values(state.objects).flatMap((rows) => [...rows.keys()].map(Number)),
    ...[...state.fields.values()].map((field) => Number(field.id)),
    ...[...state.dealStages.keys()].map(Number),
  ]
}
