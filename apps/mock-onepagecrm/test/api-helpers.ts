import { createManualClock, createSeededRandom, type ManualClock } from '@crmkit/mock-kit'
import { DEFAULT_API_KEY, DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { type RunningOnePageCrmMock, type StartOnePageCrmOptions, startOnePageCrmMock } from '../src/index.js'
import { T0 } from './helpers.js'

export { DEFAULT_API_KEY, DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_NOTE_ID }

export interface ApiHarness {
  readonly mock: RunningOnePageCrmMock
  readonly clock: ManualClock
  /** `http://127.0.0.1:<port>/api/v3` */
  readonly api: string
  /** A request to the API as the demo user (or `auth`), JSON in and out. */
  call(method: string, path: string, body?: unknown, auth?: string | null): Promise<ApiAnswer>
  close(): Promise<void>
}

export interface ApiAnswer {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field or against the schemas.
  readonly body: any
}

export const basicAuth = (userId: string, apiKey: string) =>
  `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`

export const DEMO_AUTH = basicAuth(DEFAULT_USER_ID, DEFAULT_API_KEY)

/** The whole mock (API and S3 emulator) on free ports, with a manual clock and seeded ids. */
export async function startApiHarness(options: StartOnePageCrmOptions = {}): Promise<ApiHarness> {
  const clock = createManualClock(T0)
  const mock = await startOnePageCrmMock({ clock, random: createSeededRandom(11), ...options })
  const api = mock.info.api
  return {
    mock,
    clock,
    api,
    async call(method, path, body, auth = DEMO_AUTH) {
      const headers: Record<string, string> = {}
      if (auth !== null) headers.Authorization = auth
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      const response = await fetch(`${api}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const text = await response.text()
      const type = response.headers.get('content-type') ?? ''
      return {
        status: response.status,
        headers: response.headers,
        body: type.includes('json') ? JSON.parse(text) : text,
      }
    },
    close: () => mock.close(),
  }
}
