import fc from 'fast-check'
import type { WritePlan } from './raw-http.js'

/**
 * How a request body is framed and written: honest Content-Length, lies either way, chunked (well or badly),
 * no length at all, both headers; written whole, split, or dripped; possibly closed early.
 */
export interface Transport {
  readonly framing:
    | 'length'
    | 'chunked'
    | 'chunked-bad'
    | 'no-length'
    | 'length-short'
    | 'length-long'
    | 'length-and-chunked'
  /** Bytes the Content-Length lies by (length-short, length-long). */
  readonly lie: number
  /** Chunk sizes of a chunked body (the last repeats). */
  readonly chunks: readonly number[]
  readonly write: 'whole' | 'split' | 'drip'
  /** Write sizes for split and drip (the last repeats; drip writes these, then the rest at once). */
  readonly writeSizes: readonly number[]
  readonly delayMs: number
  /** Close the connection after this share of the bytes (per 10,000), without waiting for an answer. */
  readonly earlyClose: number | null
}

export const HONEST: Transport = {
  framing: 'length',
  lie: 0,
  chunks: [],
  write: 'whole',
  writeSizes: [],
  delayMs: 0,
  earlyClose: null,
}

export function transportArbitrary(options: { maxDelayMs: number }): fc.Arbitrary<Transport> {
  const framing = fc.oneof(
    { weight: 14, arbitrary: fc.constant('length' as const) },
    { weight: 2, arbitrary: fc.constant('chunked' as const) },
    { weight: 1, arbitrary: fc.constant('chunked-bad' as const) },
    { weight: 1, arbitrary: fc.constant('no-length' as const) },
    { weight: 1, arbitrary: fc.constant('length-short' as const) },
    { weight: 1, arbitrary: fc.constant('length-long' as const) },
    { weight: 1, arbitrary: fc.constant('length-and-chunked' as const) },
  )
  const write = fc.oneof(
    { weight: 12, arbitrary: fc.constant('whole' as const) },
    { weight: 3, arbitrary: fc.constant('split' as const) },
    { weight: 1, arbitrary: fc.constant('drip' as const) },
  )
  return fc.record({
    framing,
    lie: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 5000 })),
    chunks: fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 4 }),
    write,
    writeSizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 9000 })), {
      minLength: 1,
      maxLength: 4,
    }),
    delayMs: fc.integer({ min: 0, max: options.maxDelayMs }),
    earlyClose: fc.oneof(
      { weight: 15, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) },
    ),
  })
}

/** A body framed for the wire, with what the framing means for the answer. */
export interface Framed {
  /** Headers to add to the request (Content-Length / Transfer-Encoding). */
  readonly headers: Array<readonly [string, string]>
  /** The bytes after the head. */
  readonly wire: Buffer
  /**
   * The server may legitimately never answer: it was promised more than it got, the framing is broken, or
   * bytes follow the declared body (an answer then may be lost to the connection reset).
   */
  readonly cutShort: boolean
  /** The HTTP framing itself is invalid: node's own bare `400 Bad Request` is then acceptable. */
  readonly framingBroken: boolean
  /** How many body bytes the server sees as the body (undefined: unknowable). */
  readonly bodySeen: number | undefined
  /**
   * The server never gets the whole body it was promised (a longer Content-Length, a broken chunk stream):
   * the request must then store nothing, and the client half-closes to say that no more is coming.
   */
  readonly bodyIncomplete: boolean
}

export function frame(body: Buffer, transport: Transport): Framed {
  switch (transport.framing) {
    case 'length':
      return plain(body, body.length, false)
    case 'length-short': {
      // The bytes past the declared length are a malformed next request: the server may close on them,
      // and a close with unread bytes resets the connection, which can swallow the answer.
      const declared = Math.max(0, body.length - transport.lie)
      return { ...plain(body, declared, false), cutShort: true, framingBroken: true, bodyIncomplete: false }
    }
    case 'length-long':
      // Half-closed after the body: node's parser sees the end of the stream inside the body.
      return {
        ...plain(body, body.length + transport.lie, true),
        framingBroken: true,
        bodySeen: undefined,
        bodyIncomplete: true,
      }
    case 'no-length':
      // An empty body as far as HTTP goes; the bytes sent after it are as in length-short.
      return {
        headers: [],
        wire: body,
        cutShort: true,
        framingBroken: true,
        bodySeen: 0,
        bodyIncomplete: false,
      }
    case 'chunked':
      return {
        headers: [['Transfer-Encoding', 'chunked']],
        wire: chunked(body, transport.chunks, false),
        cutShort: false,
        framingBroken: false,
        bodySeen: body.length,
        bodyIncomplete: false,
      }
    case 'chunked-bad':
      return {
        headers: [['Transfer-Encoding', 'chunked']],
        wire: chunked(body, transport.chunks, true),
        cutShort: true,
        framingBroken: true,
        bodySeen: undefined,
        bodyIncomplete: true,
      }
    case 'length-and-chunked':
      return {
        headers: [
          ['Content-Length', String(body.length)],
          ['Transfer-Encoding', 'chunked'],
        ],
        wire: chunked(body, transport.chunks, false),
        cutShort: true,
        framingBroken: true,
        bodySeen: undefined,
        bodyIncomplete: true,
      }
  }
}

function plain(body: Buffer, declared: number, cutShort: boolean): Framed {
  return {
    headers: [['Content-Length', String(declared)]],
    wire: body,
    cutShort,
    framingBroken: false,
    bodySeen: Math.min(declared, body.length),
    bodyIncomplete: false,
  }
}

function chunked(body: Buffer, sizes: readonly number[], broken: boolean): Buffer {
  const out: Buffer[] = []
  let offset = 0
  let index = 0
  while (offset < body.length) {
    const size = Math.max(1, sizes[Math.min(index, sizes.length - 1)] ?? body.length)
    index++
    const chunk = body.subarray(offset, offset + size)
    offset += chunk.length
    // A broken stream: a chunk size that is not hex, in the middle.
    const sizeText = broken && index === 2 ? 'zz' : chunk.length.toString(16)
    out.push(Buffer.from(`${sizeText}\r\n`), chunk, Buffer.from('\r\n'))
  }
  // A broken stream with only one chunk: the last-chunk line lies instead.
  out.push(Buffer.from(broken && index < 2 ? 'g\r\n\r\n' : '0\r\n\r\n'))
  return Buffer.concat(out)
}

/** The write plan: whole, split or dripped, and the early close point over the whole request. */
export function writePlan(transport: Transport, total: number, headLength: number): WritePlan {
  const closeAfter =
    transport.earlyClose === null
      ? undefined
      : // Somewhere in the request, never after its last byte (the server must never see it whole).
        Math.min(total - 1, Math.floor((transport.earlyClose / 10_000) * total))
  const base = { delayMs: 0, closeAfter, halfClose: false }
  if (transport.write === 'whole') return { ...base, chunkSizes: [Number.MAX_SAFE_INTEGER] }
  if (transport.write === 'split') return { ...base, chunkSizes: [...transport.writeSizes] }
  // Drip: the head and then a few small writes with pauses, then the rest at once (bounded time).
  const small = Math.max(1, Math.min(64, transport.writeSizes[0] ?? 8))
  return {
    ...base,
    delayMs: transport.delayMs,
    chunkSizes: [headLength, ...Array.from({ length: 12 }, () => small), Number.MAX_SAFE_INTEGER],
  }
}

/**
 * Whether the server can have had the whole body it was promised before the client went away: no early
 * close, or one after the declared body (a Content-Length shorter than the bytes sent). Such a request may
 * have been carried out without an answer.
 */
export function wholeBodyBeforeClose(
  plan: WritePlan,
  headLength: number,
  bodySeen: number | undefined,
): boolean {
  return plan.closeAfter === undefined || (bodySeen !== undefined && plan.closeAfter >= headLength + bodySeen)
}

export function describeTransport(transport: Transport): string {
  const parts: string[] = [transport.framing]
  if (transport.framing === 'length-short' || transport.framing === 'length-long')
    parts.push(`lie=${transport.lie}`)
  if (transport.framing.includes('chunked')) parts.push(`chunks=${transport.chunks.join('/')}`)
  if (transport.write !== 'whole')
    parts.push(
      `${transport.write}=${transport.writeSizes.join('/')}${transport.write === 'drip' ? `@${transport.delayMs}ms` : ''}`,
    )
  if (transport.earlyClose !== null) parts.push(`early-close@${transport.earlyClose / 100}%`)
  return parts.join(' ')
}
