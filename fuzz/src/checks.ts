import { s3Disk, sharpSpringFiles } from './data-dir.js'
import { escapeBytes } from './dump.js'
import type { RawOutcome, RawResponse } from './raw-http.js'
import { header } from './raw-http.js'
import type { Violation, ViolationKind } from './runner.js'

export const violation = (kind: ViolationKind, key: string, detail: string): Violation => ({
  kind,
  key: `${kind}: ${key}`,
  detail,
})

/**
 * Node's own answer to bytes its HTTP parser refuses (`HTTP/1.1 400 Bad Request`, `Connection: close`, no
 * Date, no body): written by the server's clientError handler, never by the app, which answers with a Date.
 */
export function isNodeBadRequest(response: RawResponse): boolean {
  return (
    response.status === 400 &&
    response.body.length === 0 &&
    header(response, 'date') === undefined &&
    header(response, 'content-type') === undefined
  )
}

export function answerOf(outcome: RawOutcome): RawResponse | undefined {
  return outcome.kind === 'answer' ? outcome.response : undefined
}

export function parseJson(response: RawResponse): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(response.body.toString('utf8')) as unknown }
  } catch {
    return { ok: false }
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function sameKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value).sort()
  return own.length === keys.length && [...keys].sort().every((key, index) => own[index] === key)
}

export const show = (response: RawResponse) =>
  `HTTP ${response.status} ${header(response, 'content-type') ?? '(no content-type)'}: ${escapeBytes(response.body, 240)}`

/** Polls until `test` holds (or `ms` passed); the last value either way. */
export async function eventually<T>(read: () => T, test: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = read()
    if (test(value) || Date.now() >= until) return value
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export async function s3DiskSettled(dataDir: string, expectedObjects: number, ms: number) {
  return eventually(
    () => s3Disk(dataDir),
    (disk) => disk.objects === expectedObjects && disk.blobs === disk.objects,
    ms,
  )
}

export async function sharpSpringFilesSettled(dataDir: string, expected: number, ms: number) {
  return eventually(
    () => sharpSpringFiles(dataDir),
    (files) => files.length === expected,
    ms,
  )
}
