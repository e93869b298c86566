import { connect, type Socket } from 'node:net'

/** How the bytes of a request go on the wire. */
export interface WritePlan {
  /** Sizes of the successive writes; the last one is repeated until everything is sent. */
  readonly chunkSizes: readonly number[]
  /** Pause between two writes, in milliseconds (0: write back to back). */
  readonly delayMs: number
  /** Destroy the socket once this many bytes are written (an early close), never waiting for an answer. */
  readonly closeAfter?: number | undefined
  /** Half-close (FIN) once everything is written. */
  readonly halfClose: boolean
}

export const WHOLE: WritePlan = { chunkSizes: [Number.MAX_SAFE_INTEGER], delayMs: 0, halfClose: false }

export interface RawResponse {
  readonly status: number
  readonly reason: string
  /** Header names lower-cased, values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>
  readonly body: Buffer
}

export type RawOutcome =
  | { readonly kind: 'answer'; readonly response: RawResponse; readonly ms: number }
  | {
      readonly kind: 'no-answer'
      /**
       * `timeout`: nothing (complete) came back in time; `closed`: the server closed or reset without one;
       * `early-close`: the client went away first; `parser-400`: node's HTTP parser refused the bytes with its
       * own bare 400 before the app could answer.
       */
      readonly reason: 'timeout' | 'closed' | 'early-close' | 'parser-400'
      /** Whatever came back, if anything (a partial answer). */
      readonly received: Buffer
      readonly error?: string | undefined
      readonly ms: number
    }

export const header = (response: RawResponse, name: string): string | undefined =>
  response.headers.get(name.toLowerCase())?.[0]

/**
 * Sends raw bytes over a TCP socket and reads one HTTP/1.1 answer, so that a request can lie about its
 * length, be truncated, chunked by hand, dripped or cut off. The answer is complete once its framing says so
 * (Content-Length, chunked, or the server closing).
 */
export function sendRaw(
  port: number,
  bytes: Buffer,
  plan: WritePlan,
  timeoutMs: number,
  host = '127.0.0.1',
): Promise<RawOutcome> {
  const started = performance.now()
  // The answer to HEAD has no body, whatever its headers say.
  const head = bytes.subarray(0, 5).toString('latin1') === 'HEAD '
  return new Promise((resolve) => {
    const socket: Socket = connect({ port, host })
    socket.setNoDelay(true)
    const received: Buffer[] = []
    let done = false
    let socketError: string | undefined
    const finish = (outcome: RawOutcome) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    const ms = () => Math.round(performance.now() - started)
    const timer = setTimeout(() => {
      const all = Buffer.concat(received)
      const parsed = parseResponse(all, true, head)
      if (parsed !== undefined && parsed !== 'incomplete')
        finish({ kind: 'answer', response: parsed, ms: ms() })
      else finish({ kind: 'no-answer', reason: 'timeout', received: all, ms: ms() })
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk)
      const parsed = parseResponse(Buffer.concat(received), false, head)
      if (parsed !== undefined && parsed !== 'incomplete')
        finish({ kind: 'answer', response: parsed, ms: ms() })
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      socketError = error.code ?? error.message
    })
    socket.on('close', () => {
      const all = Buffer.concat(received)
      const parsed = parseResponse(all, true, head)
      if (parsed !== undefined && parsed !== 'incomplete')
        finish({ kind: 'answer', response: parsed, ms: ms() })
      else finish({ kind: 'no-answer', reason: 'closed', received: all, error: socketError, ms: ms() })
    })
    socket.once('connect', () => {
      void write()
    })

    const write = async () => {
      let offset = 0
      let index = 0
      const limit = plan.closeAfter === undefined ? bytes.length : Math.min(plan.closeAfter, bytes.length)
      while (offset < limit && !done && !socket.destroyed) {
        // The last size repeats; at most about 4,096 writes in all, so that a body of megabytes written a byte
        // at a time does not keep this client's own event loop busy past its timeout.
        const planned = plan.chunkSizes[Math.min(index, plan.chunkSizes.length - 1)] ?? limit
        const size = Math.max(
          1,
          index >= plan.chunkSizes.length - 1 ? Math.max(planned, limit >> 12) : planned,
        )
        index++
        const chunk = bytes.subarray(offset, Math.min(limit, offset + size))
        offset += chunk.length
        const flushed = socket.write(chunk)
        if (!flushed) await new Promise<void>((r) => socket.once('drain', r).once('close', r))
        if (plan.delayMs > 0 && offset < limit) await new Promise((r) => setTimeout(r, plan.delayMs))
      }
      if (done) return
      if (plan.closeAfter !== undefined) {
        // Give the bytes a moment to leave, then go away without waiting for an answer.
        await new Promise((r) => setTimeout(r, 2))
        finish({
          kind: 'no-answer',
          reason: 'early-close',
          received: Buffer.concat(received),
          ms: ms(),
        })
        return
      }
      if (plan.halfClose && !socket.destroyed) socket.end()
    }
  })
}

/**
 * Parses one HTTP/1.1 response from `bytes`: undefined when there is not even a status line yet,
 * 'incomplete' when the framing says more is to come (unless `closed`, where a close-delimited body ends).
 */
export function parseResponse(
  bytes: Buffer,
  closed: boolean,
  headOnly = false,
): RawResponse | 'incomplete' | undefined {
  const end = bytes.indexOf('\r\n\r\n')
  if (end < 0) return closed && bytes.length > 0 ? undefined : bytes.length === 0 ? undefined : 'incomplete'
  const head = bytes.subarray(0, end).toString('latin1').split('\r\n')
  const statusLine = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(head[0] ?? '')
  if (statusLine === null) return undefined
  const headers = new Map<string, string[]>()
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const list = headers.get(name) ?? []
    list.push(line.slice(colon + 1).trim())
    headers.set(name, list)
  }
  const status = Number(statusLine[1])
  const rest = bytes.subarray(end + 4)
  // An interim answer (`100 Continue` to `Expect: 100-continue`) comes before the final one.
  if (status >= 100 && status < 200 && status !== 101) {
    const next = parseResponse(rest, closed, headOnly)
    return next === undefined && !closed ? 'incomplete' : next
  }
  const base = { status, reason: statusLine[2] ?? '', headers }
  if (headOnly || status === 204 || status === 304 || (status >= 100 && status < 200))
    return { ...base, body: Buffer.alloc(0) }
  const length = headers.get('content-length')?.[0]
  if (length !== undefined) {
    const n = Number(length)
    if (rest.length >= n) return { ...base, body: rest.subarray(0, n) }
    return closed ? undefined : 'incomplete'
  }
  if ((headers.get('transfer-encoding')?.[0] ?? '').toLowerCase().includes('chunked')) {
    const body = dechunk(rest)
    if (body !== undefined) return { ...base, body }
    return closed ? undefined : 'incomplete'
  }
  return closed ? { ...base, body: rest } : 'incomplete'
}

function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset)
    if (lineEnd < 0) return undefined
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size)) return undefined
    offset = lineEnd + 2
    if (size === 0) return Buffer.concat(parts)
    if (bytes.length < offset + size + 2) return undefined
    parts.push(bytes.subarray(offset, offset + size))
    offset += size + 2
  }
}

/** A request head: request line, headers, blank line. */
export function requestHead(
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string]>,
): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)]
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')
}

/** A plain request with a body and Content-Length (for setup calls and read-backs). */
export async function simpleRequest(
  port: number,
  method: string,
  target: string,
  options: {
    headers?: ReadonlyArray<readonly [string, string]>
    body?: Buffer | string
    timeoutMs?: number
  } = {},
): Promise<RawResponse> {
  const body =
    typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0))
  const headers: Array<readonly [string, string]> = [
    ['Host', `127.0.0.1:${port}`],
    ['Connection', 'close'],
    ...(options.headers ?? []),
  ]
  if (body.length > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH')
    headers.push(['Content-Length', String(body.length)])
  const outcome = await sendRaw(
    port,
    Buffer.concat([requestHead(method, target, headers), body]),
    WHOLE,
    options.timeoutMs ?? 10_000,
  )
  if (outcome.kind !== 'answer')
    throw new Error(
      `${method} ${target}: no answer (${outcome.reason}${outcome.error ? `, ${outcome.error}` : ''})`,
    )
  return outcome.response
}
