import type { Readable } from 'node:stream'
import { type Dispatcher, request } from 'undici'
import { CrmkitError, type ErrorRequest } from './errors/crmkit-error.js'
import { AbortError, NetworkError, TimeoutError } from './errors/transport-errors.js'
import { redactUrl } from './redact.js'

export interface SendInput {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /**
   * A string (JSON), or a body of known length opened for this attempt; the opener gets a callback to
   * call as bytes go out, which restarts the idle timer.
   */
  readonly body?: string | { readonly length: number; open(activity: () => void): Readable } | undefined
  readonly signal?: AbortSignal | undefined
  /** Longest time without a byte sent or received, in milliseconds. */
  readonly timeout: number
  readonly dispatcher?: Dispatcher | undefined
}

/** A whole answer: vendor answers are small (JSON envelopes, S3 XML), so the body is read as text. */
export interface SendOutput {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  readonly request: ErrorRequest
}

/** Answers larger than this are not read further: no vendor answer of these APIs comes near it. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024

/** Connection failures after which the server certainly saw nothing, so any request may be sent again. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
])

/**
 * Sends one request with undici's `request` (a streamed body, unlike `fetch` + `FormData`, which keeps
 * the whole upload in memory: https://github.com/nodejs/undici/issues/963). Every byte out or in restarts
 * the idle timer.
 */
export async function send(input: SendInput): Promise<SendOutput> {
  const described: ErrorRequest = { method: input.method, url: redactUrl(input.url) }
  if (input.signal?.aborted) throw new AbortError(described, input.signal.reason)
  const controller = new AbortController()
  let timedOut = false
  let timer: NodeJS.Timeout | undefined
  const touch = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timedOut = true
      controller.abort(new Error('idle timeout'))
    }, input.timeout)
  }
  const onAbort = () => controller.abort(input.signal?.reason)
  input.signal?.addEventListener('abort', onAbort, { once: true })
  const body = input.body
  const stream = body === undefined || typeof body === 'string' ? undefined : body.open(touch)
  let bodyError: unknown
  // Keep the body's own failure (a stream shorter than its size) to rethrow it rather than undici's.
  stream?.on('error', (error) => {
    bodyError = error
  })
  touch()
  try {
    const headers: Record<string, string> = { ...input.headers }
    if (body !== undefined)
      headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length)
    const response = await request(input.url, {
      method: input.method,
      headers,
      body: typeof body === 'string' ? body : stream,
      signal: controller.signal,
      dispatcher: input.dispatcher,
    })
    touch()
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      touch()
      size += (chunk as Buffer).length
      if (size <= MAX_ANSWER_BYTES) chunks.push(chunk as Buffer)
    }
    return {
      status: response.statusCode,
      headers: flatHeaders(response.headers),
      text: Buffer.concat(chunks).toString('utf8'),
      request: described,
    }
  } catch (error) {
    if (bodyError instanceof CrmkitError) throw bodyError
    if (error instanceof CrmkitError) throw error
    if (input.signal?.aborted) throw new AbortError(described, input.signal.reason)
    if (timedOut) throw new TimeoutError(described, input.timeout)
    const code = (error as { code?: unknown }).code
    throw new NetworkError(described, error, typeof code === 'string' && NOT_SENT.has(code))
  } finally {
    clearTimeout(timer)
    input.signal?.removeEventListener('abort', onAbort)
    stream?.destroy()
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}
