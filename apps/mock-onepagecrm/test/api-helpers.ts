import { execFile } from 'node:child_process'
import { closeSync, openSync, writeSync } from 'node:fs'
import { promisify } from 'node:util'
import { createManualClock, createSeededRandom, type ManualClock } from '@crmkit/mock-kit'
import { expect } from 'vitest'
import { DEFAULT_API_KEY, DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { type RunningOnePageCrmMock, type StartOnePageCrmOptions, startOnePageCrmMock } from '../src/index.js'
import { T0 } from './helpers.js'
import { documentProblems } from './openapi.js'

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
      const json = type.includes('json') ? JSON.parse(text) : text
      // Every answer as the vendor's OpenAPI document describes its operation and status.
      if (typeof json === 'object') {
        expect(documentProblems(method, path, response.status, json), `${method} ${path}`).toEqual([])
      }
      return { status: response.status, headers: response.headers, body: json }
    },
    close: () => mock.close(),
  }
}

/** The fields of step 2 in the order OnePageCRM's upload tutorial lists them, `file` last. */
export const SEED_FIELD_ORDER = [
  'acl',
  'success_action_status',
  'policy',
  'x-amz-credential',
  'x-amz-algorithm',
  'x-amz-date',
  'x-amz-signature',
  'key',
  'filename',
  'file',
] as const

/** The tutorial's form fields in its order, then `key`, `filename` and the file (the tutorial's step 2). */
export function seedOrderFields(fields: Record<string, string | number>, key: string, filename: string) {
  const names = SEED_FIELD_ORDER.slice(0, 7)
  return [
    ...names.map((name): [string, string] => [name, String(fields[name])]),
    ['key', key],
    ['filename', filename],
  ] as [string, string][]
}

const runFile = promisify(execFile)

/** Step 2 with the real curl binary, the file streamed from disk: the status and body S3 answered. */
export async function curlUpload(
  url: string,
  fields: Record<string, string | number>,
  key: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const filename = path.split('/').pop() ?? ''
  const args = seedOrderFields(fields, key, filename).flatMap(([name, value]) => [
    '--form-string',
    `${name}=${value}`,
  ])
  const { stdout } = await runFile('curl', [
    '--silent',
    '--write-out',
    '\n%{http_code}',
    ...args,
    '--form',
    `file=@${path}`,
    url,
  ])
  const cut = stdout.lastIndexOf('\n')
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) }
}

/** A file of `size` bytes written in 1 MiB blocks, so a large one never sits in memory whole. */
export function writeSizedFile(path: string, size: number): void {
  const block = Buffer.alloc(Math.min(size, 1024 * 1024), 0x61)
  const fd = openSync(path, 'w')
  for (let written = 0; written < size; written += block.length)
    writeSync(fd, block, 0, Math.min(block.length, size - written))
  closeSync(fd)
}
