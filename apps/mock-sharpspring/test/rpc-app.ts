import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createManualClock, createSeededRandom, cryptoRandomBytes } from '@crmkit/mock-kit'
import { createSharpSpringApp } from '../src/app.js'
import { cloneState } from '../src/domain/clone-state.js'
import { createSharpSpringConfig, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from '../src/domain/config.js'
import { seedDemo } from '../src/domain/demo.js'
import { createIdFactory } from '../src/domain/ids.js'
import { createState } from '../src/domain/state.js'
import { createFileStore } from '../src/storage/file-store.js'

/** 2026-03-01 12:00:00 UTC: 07:00:00 in New York, the default account zone. */
export const T0 = new Date('2026-03-01T12:00:00Z')

const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`

/**
 * The SharpSpring app with its demo data, called through `app.request()`: `call(method, params)` answers the
 * envelope; `snapshot()` is a copy of every record, to show a refusal changed nothing.
 */
export async function rpcApp(overrides: Parameters<typeof createSharpSpringConfig>[0] = {}) {
  const clock = createManualClock(T0)
  const newId = createIdFactory(createSeededRandom(11))
  const state = createState(newId)
  const config = createSharpSpringConfig(overrides)
  const demo = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
  const files = await createFileStore(
    mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-rpc-')),
    cryptoRandomBytes,
  )
  const app = createSharpSpringApp({ config, state, newId, clock, files })
  const call = async (method: string, params: unknown, version = 'v1.2') => {
    const response = await app.request(`/pubapi/${version}/?${AUTH}`, {
      method: 'POST',
      body: JSON.stringify({ method, params, id: `call-${method}` }),
      headers: { 'Content-Type': 'application/json' },
    })
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
    // biome-ignore lint/suspicious/noExplicitAny: envelopes are checked field by field.
    return (await response.json()) as any
  }
  const snapshot = () =>
    JSON.stringify([...Object.entries(cloneState(state))].map(([k, v]) => [k, serialise(v)]))
  return { app, state, clock, demo, call, snapshot }
}

function serialise(value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [k, serialise(v)])
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serialise(v)]))
  return value
}
