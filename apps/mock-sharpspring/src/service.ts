import { join } from 'node:path'
import {
  createRenderedAnswers,
  createSeededRandom,
  createSnapshotFile,
  type MockService,
  openServiceDir,
  type RandomBytes,
  type ServiceRuntime,
} from '@crmkit/mock-kit'
import { createSharpSpringApp, SHARPSPRING_SERVICE } from './app.js'
import { cloneState, restoreState } from './domain/clone-state.js'
import { createSharpSpringConfig, type SharpSpringConfig } from './domain/config.js'
import { type DemoIds, seedDemo } from './domain/demo.js'
import { referencedFileKeys } from './domain/file-references.js'
import { createIdFactory } from './domain/ids.js'
import { applySeed } from './domain/seed.js'
import {
  createState,
  type FieldRecord,
  type Row,
  type SharpSpringContext,
  type SharpSpringState,
} from './domain/state.js'
import { createTables, TABLE_NAMES, type TableName } from './domain/tables.js'
import { isTimeZone } from './domain/time-zone.js'
import { describeFailure } from './http/failure-table.js'
import { SHARPSPRING_FAULT_ANSWERS } from './http/fault-answers.js'
import type { KeptCall } from './http/rpc-route.js'
import { inspectSharpSpring } from './inspection.js'
import { createFileStore } from './storage/file-store.js'

export interface SharpSpringServiceOptions {
  readonly config?: Partial<SharpSpringConfig> | undefined
  /**
   * Records (`<dir>/sharpspring/state.json`) and files survive restarts here; default records in memory and
   * files in a temporary directory removed on close.
   */
  readonly dataDir?: string | undefined
  /** Added after the demo data (a parsed `--seed` document). */
  readonly seed?: unknown
  /**
   * Where object ids come from. Default a fixed-seed stream, so the demo records and a seed's records have
   * the same ids on every start (documentation and tests can write them in).
   */
  readonly ids?: RandomBytes | undefined
}

/** The SharpSpring API as a service of a mock host. */
export interface SharpSpringService extends MockService {
  readonly config: SharpSpringConfig
  readonly state: SharpSpringState
  readonly demo: DemoIds
  /** Where kept files live (`files/`) and arriving ones wait (`tmp/`). */
  readonly storageDir: string
}

/** The seed of the default id stream: any fixed number would do. */
const ID_SEED = 0x5eed

/**
 * When the demo data and the seed are made: a fixed time, so that what derives from it (a field's
 * systemName ends in a uniqid of the time, timestamps) is the same on every start, as the ids are.
 */
const START_TIME = new Date('2026-01-01T00:00:00Z')

/** Builds the SharpSpring mock with its demo data (and a seed). */
export async function createSharpSpringService(
  options: SharpSpringServiceOptions,
  runtime: ServiceRuntime,
): Promise<SharpSpringService> {
  const config = createSharpSpringConfig(options.config)
  if (!isTimeZone(config.timeZone)) throw new Error(`timeZone: '${config.timeZone}' is not an IANA time zone`)
  const random = options.ids ?? createSeededRandom(ID_SEED)
  // The start: demo data and seed, built the same way whether or not a data directory holds saved records,
  // so a reset means the same in both cases.
  const startIds = createIdFactory(random)
  const start = createState(startIds)
  const startContext = (): SharpSpringContext => ({
    state: start,
    now: START_TIME,
    newId: startIds,
    fileFieldType: config.fileFieldType,
  })
  const demo = seedDemo(startContext())
  if (options.seed !== undefined) {
    const seeded = applySeed(startContext(), options.seed, describeFailure)
    if (!seeded.ok) throw new Error(`The seed is not valid: ${seeded.error}`)
  }
  const snapshot =
    options.dataDir === undefined
      ? undefined
      : createSnapshotFile(join(options.dataDir, SHARPSPRING_SERVICE, 'state.json'), stateCodec)
  const saved = snapshot?.load()
  const state = saved?.state ?? cloneState(start)
  const demoIds = saved?.demo ?? demo
  // New ids never repeat one of the start's or the saved records'.
  const newId = createIdFactory(random, [...idsOf(start), ...idsOf(state)])
  const persist = snapshot === undefined ? undefined : () => snapshot.save({ state, demo: demoIds })
  if (saved === undefined) await persist?.()
  const dir = openServiceDir(options.dataDir, SHARPSPRING_SERVICE)
  const files = await createFileStore(dir.path, runtime.random, runtime.clock).catch((error: unknown) => {
    dir.remove()
    throw error
  })
  // Files kept just before a crash, whose records were never saved, are nobody's: removed at start.
  await files.retainOnly(referencedFileKeys(state))
  const context = (): SharpSpringContext => ({
    state,
    now: runtime.clock(),
    newId,
    fileFieldType: config.fileFieldType,
  })
  const renderedAnswers = createRenderedAnswers<KeptCall>()
  const app = createSharpSpringApp({
    renderedAnswers,
    config,
    state,
    newId,
    clock: runtime.clock,
    files,
    journalParts: { digests: true },
    persist,
    faults: runtime.faults,
  })
  return {
    name: SHARPSPRING_SERVICE,
    app,
    faultAnswers: SHARPSPRING_FAULT_ANSWERS,
    config,
    state,
    demo: demoIds,
    storageDir: dir.path,
    // Back to the demo data and seed, with no uploaded files.
    async reset() {
      renderedAnswers.changed()
      restoreState(state, start)
      await files.clear()
      await persist?.()
    },
    async seed(body) {
      renderedAnswers.changed()
      const seeded = applySeed(context(), body, describeFailure)
      if (seeded.ok) await persist?.()
      return seeded.ok ? { ok: true, created: seeded.created } : seeded
    },
    close: async () => {
      await files.close()
      dir.remove()
    },
    inspect: inspectSharpSpring(state, files, config.fileFieldType),
  }
}

interface Saved {
  readonly state: SharpSpringState
  readonly demo: DemoIds
}

/**
 * The snapshot's format: 2 keeps every table (`tables: {dealStage: [rows], campaign: [...], …}`); 1, which kept
 * only `dealStages` beside the objects and fields, is still read.
 */
const VERSION = 2

/** The snapshot: `{version, demo, objects: {lead: [rows], …}, fields: [{key, field}], tables: {dealStage: [rows], …}}`. */
const stateCodec = {
  encode: ({ state, demo }: Saved) => ({
    version: VERSION,
    demo,
    objects: Object.fromEntries(
      Object.entries(state.objects).map(([type, rows]) => [type, [...rows.values()]]),
    ),
    fields: [...state.fields.entries()].map(([key, field]) => ({ key, field })),
    tables: Object.fromEntries(TABLE_NAMES.map((name) => [name, [...state.tables[name].values()]])),
  }),
  decode(json: unknown): Saved {
    const saved = json as {
      version: number
      demo: DemoIds
      objects: Record<keyof SharpSpringState['objects'], Row[]>
      fields: Array<{ key: string; field: FieldRecord }>
      tables?: Partial<Record<TableName, Row[]>>
      dealStages?: Row[]
    }
    if (saved.version !== VERSION && saved.version !== 1)
      throw new Error(`unknown SharpSpring state version ${saved.version}`)
    const objects = Object.fromEntries(
      (['lead', 'account', 'opportunity', 'product'] as const).map((type) => [
        type,
        new Map((saved.objects[type] ?? []).map((row) => [String(row.id), row])),
      ]),
    ) as unknown as SharpSpringState['objects']
    const rows: Partial<Record<TableName, Row[]>> =
      saved.version === 1 ? { dealStage: saved.dealStages ?? [] } : (saved.tables ?? {})
    const tables = createTables()
    for (const name of TABLE_NAMES) for (const row of rows[name] ?? []) tables[name].set(String(row.id), row)
    return {
      demo: saved.demo,
      state: { objects, fields: new Map(saved.fields.map(({ key, field }) => [key, field])), tables },
    }
  },
}

/** Every id in use, so new ones never repeat them. */
function idsOf(state: SharpSpringState): number[] {
  return [
    ...Object.values(state.objects).flatMap((rows) => [...rows.keys()].map(Number)),
    ...[...state.fields.values()].map((field) => Number(field.id)),
    ...TABLE_NAMES.flatMap((name) => [...state.tables[name].keys()].map(Number)),
  ]
}
