import { S3Client } from '@aws-sdk/client-s3'
import type { Hono } from 'hono'
import type { S3Env } from '../src/s3/http/context.js'
import { ACCESS_KEY_ID, REGION, SECRET, T0 } from './helpers.js'
import { ENDPOINT } from './s3-app-harness.js'

/** A request exactly as the AWS SDK signed it, before it was sent. */
export interface CapturedRequest {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string | string[] | null>
  readonly headers: Record<string, string>
  readonly body: unknown
}

/**
 * An S3Client signing at `signedAt` for the harness's endpoint that sends nothing: each command's signed
 * request is captured, so a test can replay it through `app.request()`, altered or not. The client is
 * the real @aws-sdk/client-s3, so the signature is the SDK's, not the emulator's.
 */
export function capturingClient(
  options: { signedAt?: Date; secretAccessKey?: string; requestChecksumCalculation?: 'WHEN_REQUIRED' } = {},
) {
  const captured: CapturedRequest[] = []
  const client = new S3Client({
    region: REGION,
    endpoint: ENDPOINT,
    forcePathStyle: true,
    maxAttempts: 1,
    systemClockOffset: (options.signedAt ?? T0).getTime() - Date.now(),
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: options.secretAccessKey ?? SECRET },
    ...(options.requestChecksumCalculation === undefined
      ? {}
      : { requestChecksumCalculation: options.requestChecksumCalculation }),
    requestHandler: {
      handle: async (request: CapturedRequest) => {
        captured.push({ ...request, headers: { ...request.headers } })
        throw new CapturedError()
      },
    },
  })
  return {
    client,
    /** The signed request of `command`. */
    async capture(command: object): Promise<CapturedRequest> {
      // Any of the client's commands: their input and output types differ, which `send` keeps apart.
      await client.send(command as never).catch((error: unknown) => {
        if (!(error instanceof CapturedError)) throw error
      })
      const request = captured.pop()
      if (request === undefined) throw new Error('the SDK sent nothing')
      return request
    },
  }
}

class CapturedError extends Error {}

/** The captured request's URL on the harness endpoint, its query encoded as the SDK encodes it. */
export function urlOf(request: CapturedRequest): string {
  const search = Object.entries(request.query)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((one) =>
        one === null ? encode(name) : `${encode(name)}=${encode(one)}`,
      ),
    )
    .join('&')
  return `${ENDPOINT}${request.path}${search === '' ? '' : `?${search}`}`
}

const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Replays a captured request through the app, with `change` applied to its headers first. */
export function replay(
  app: Hono<S3Env>,
  request: CapturedRequest,
  change: (headers: Record<string, string>) => void = () => {},
  init: { url?: string; body?: Buffer | string | ReadableStream } = {},
): Promise<Response> {
  const headers = { ...request.headers }
  change(headers)
  // `fetch` sets Host itself; the SDK signed it as `s3.test`, which the app reads from the URL.
  delete headers.host
  return Promise.resolve(
    app.request(init.url ?? urlOf(request), {
      method: request.method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body, duplex: 'half' }),
    } as RequestInit),
  )
}
