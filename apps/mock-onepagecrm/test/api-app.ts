import { createManualClock, createSeededRandom } from '@crmkit/mock-kit'
import { expect } from 'vitest'
import type { ApiDeps } from '../src/api/api-deps.js'
import { createApiApp } from '../src/api/app.js'
import { createApiConfig } from '../src/api/domain/api-config.js'
import type { AttachmentStorage } from '../src/api/domain/attachment-storage.js'
import { createObjectIdFactory } from '../src/api/domain/object-id.js'
import { createSlidingWindowLimiter } from '../src/api/domain/rate-limiter.js'
import { type CrmState, createEmptyState, type UserRecord } from '../src/api/domain/records.js'
import { applySeed, DEFAULT_API_KEY, DEFAULT_USER_ID, demoSeed } from '../src/api/domain/seed.js'
import { documentProblems } from './openapi.js'

export const T0 = new Date('2026-03-01T12:00:00Z')
export const AUTH = `Basic ${Buffer.from(`${DEFAULT_USER_ID}:${DEFAULT_API_KEY}`).toString('base64')}`

/** The S3 side, faked: uploaded keys and sizes, and links that name the key and expiry. */
export function fakeStorage(objects: Map<string, number>): AttachmentStorage {
  return {
    bucket: 'onepagecrm-up-eu-central-1',
    bucketUrl: 'http://s3.test/onepagecrm-up-eu-central-1/',
    region: 'eu-central-1',
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    head: async (key) => (objects.has(key) ? { size: objects.get(key) as number } : undefined),
    put: async (key, bytes) => {
      objects.set(key, bytes.length)
    },
    downloadUrl: async (key, now, expiresIn) =>
      `http://s3.test/onepagecrm-up-eu-central-1/${encodeURI(key)}?expires=${now.getTime() / 1000 + expiresIn}`,
  }
}

export interface ApiAppAnswer {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field, and against the vendor's schemas.
  readonly body: any
  readonly headers: Headers
}

/**
 * The API app on the demo data with a manual clock and seeded ids, called through `app.request()`. Every
 * JSON answer is checked against the schema the vendor's OpenAPI document gives for its operation and
 * status (`openapi.ts`), so a test fails on an answer the document does not allow.
 */
export function setupApi(overrides: Partial<ApiDeps> = {}) {
  const clock = createManualClock(T0)
  const newId = createObjectIdFactory(clock, createSeededRandom(3))
  const state = createEmptyState()
  const config = createApiConfig(overrides.config)
  const seeded = applySeed(state, demoSeed(), { config, now: clock(), newId })
  if (!seeded.ok) throw new Error(seeded.error)
  const objects = new Map<string, number>()
  let saves = 0
  const deps: ApiDeps = {
    state,
    config,
    storage: fakeStorage(objects),
    clock,
    newId,
    limiter: createSlidingWindowLimiter({ burst: 10, average: 5 }),
    persist: async () => {
      saves++
    },
    ...overrides,
  }
  const app = createApiApp(deps)
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    auth: string | null = AUTH,
  ): Promise<ApiAppAnswer> => {
    const headers: Record<string, string> = {}
    if (auth !== null) headers.Authorization = auth
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await app.request(`/api/v3${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text
    if (typeof json === 'object') {
      expect(documentProblems(method, path, response.status, json), `${method} ${path}`).toEqual([])
    }
    return { status: response.status, body: json, headers: response.headers }
  }
  return { app, deps, clock, objects, call, saves: () => saves }
}

export type ApiApp = ReturnType<typeof setupApi>

/** Another user of the account (a team mate); answers the HTTP Basic header that calls as them. */
export function addUser(api: ApiApp, user: Pick<UserRecord, 'id' | 'api_key'> & Partial<UserRecord>): string {
  api.deps.state.users.set(user.id, { first_name: '', last_name: '', email: '', company_name: '', ...user })
  return `Basic ${Buffer.from(`${user.id}:${user.api_key}`).toString('base64')}`
}

/** Every record the API keeps, as JSON: equal before and after a refusal that changed nothing. */
export const stateSnapshot = (state: CrmState): string =>
  JSON.stringify(
    Object.entries(state).map(([name, map]) => [name, [...(map as Map<string, unknown>).entries()]]),
  )
