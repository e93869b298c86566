import { close, open, unlink, writevSync } from 'node:fs'
import { Writable } from 'node:stream'
import type { Md5Hasher, Md5Session } from './md5-hasher.js'

type WritevChunks = Array<{ chunk: Buffer; encoding: BufferEncoding }>

/**
 * Bytes gathered before one write. Socket reads arrive 64 KiB at a time; written one by one, each would cost
 * a write call and a message to the MD5 worker. The chunks are kept, not copied: they are the parser's own
 * slices of socket reads. Larger batches measured slower (the worker starts hashing later), smaller ones too.
 */
const BATCH_BYTES = 1024 * 1024

/** How many leading bytes `head` keeps: enough for any file signature the mocks look for. */
const HEAD_BYTES = 16

export interface StagingFileSinkOptions {
  /** Past this many bytes the file is removed and the rest only counted. Default: no limit. */
  readonly maxSize?: number | undefined
  /** Hashes the bytes with MD5 as they are written (S3's ETag); without it nothing is hashed. */
  readonly hasher?: Md5Hasher | undefined
}

/**
 * Writes an upload to a new file (which must not exist), counting its bytes and keeping the first 16
 * (`head`, so a type can be told from the content); with a hasher, it has the file hashed with MD5 as it
 * goes: each batch of chunks is one `writev`, and once it is written the MD5 worker reads it back from the
 * page cache, so the event loop only receives, parses and writes. Past `maxSize` bytes the file is removed
 * at once and the rest is only counted, so an oversized upload never fills the disk and can still be
 * refused with its exact size. Destroyed before it finishes (a client gone mid-file), it removes its file;
 * once finished whole, the file is the caller's.
 *
 * The write is synchronous, on purpose. A 1 MiB write into the page cache takes a fraction of a millisecond,
 * and on the thread pool it ran beside the event loop, the client and the MD5 worker, which then got less of
 * the CPU; MD5 is what every upload waits for at its end. Measured on two cores, alternating the two
 * builds over 12 rounds: a median 5% more throughput (bench/README.md). The event loop is held for one
 * batch at a time.
 */
export class StagingFileSink extends Writable {
  #fd: number | undefined
  #session: Md5Session | undefined
  #md5: string | undefined
  readonly #path: string
  readonly #maxSize: number
  readonly #hasher: Md5Hasher | undefined
  #size = 0
  #written = 0
  #stored = true
  /** Set once the file exists, so a sink that failed to create it never removes somebody else's. */
  #created = false
  /** Set once every byte is written: from then on the file is the caller's to keep or remove. */
  #complete = false
  #head: Buffer = Buffer.alloc(0)
  #batch: Buffer[] = []
  #batchBytes = 0

  constructor(path: string, options: StagingFileSinkOptions = {}) {
    // Chunks that arrive while the file is being opened wait here rather than pause the body.
    super({ highWaterMark: 1024 * 1024 })
    this.#path = path
    this.#maxSize = options.maxSize ?? Number.POSITIVE_INFINITY
    this.#hasher = options.hasher
  }

  /** Bytes received so far, stored or not. */
  get size(): number {
    return this.#size
  }

  /** False once the body went past `maxSize` (its bytes are gone). */
  get stored(): boolean {
    return this.#stored
  }

  /** Up to the first 16 bytes received. */
  get head(): Buffer {
    return this.#head
  }

  /** Hex MD5 of the bytes, once the sink has finished with every byte stored; undefined without a hasher. */
  get md5(): string | undefined {
    return this.#md5
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.#path, 'wx', (error, fd) => {
      if (error) {
        callback(error)
        return
      }
      this.#fd = fd
      this.#created = true
      this.#session = this.#hasher?.begin(this.#path)
      callback()
    })
  }

  override _writev(chunks: WritevChunks, callback: (error?: Error | null) => void): void {
    let total = 0
    for (const { chunk } of chunks) total += chunk.length
    if (this.#head.length < HEAD_BYTES) this.#keepHead(chunks)
    this.#size += total
    if (!this.#stored) {
      callback()
      return
    }
    if (this.#size > this.#maxSize) {
      this.#stored = false
      this.#batch = []
      this.#session?.cancel()
      this.#release(() => unlink(this.#path, () => callback()))
      return
    }
    for (const { chunk } of chunks) this.#batch.push(chunk)
    this.#batchBytes += total
    if (this.#batchBytes < BATCH_BYTES) callback()
    else this.#flush(callback)
  }

  #keepHead(chunks: WritevChunks): void {
    const parts: Buffer[] = [this.#head]
    let length = this.#head.length
    for (const { chunk } of chunks) {
      if (length >= HEAD_BYTES) break
      const part = chunk.subarray(0, HEAD_BYTES - length)
      parts.push(part)
      length += part.length
    }
    // A copy: the chunks are the parser's buffers, and the head outlives them.
    this.#head = Buffer.concat(parts, length)
  }

  /** Writes the gathered chunks as one `writev`, then lets the MD5 worker hash them. */
  #flush(callback: (error?: Error | null) => void): void {
    const buffers = this.#batch
    const total = this.#batchBytes
    this.#batch = []
    this.#batchBytes = 0
    if (total === 0) {
      callback()
      return
    }
    let written: number
    try {
      written = writevSync(this.#fd as number, buffers)
    } catch (error) {
      callback(error as Error)
      return
    }
    if (written !== total) {
      callback(new Error(`Short write to ${this.#path}: ${written} of ${total} bytes`))
      return
    }
    this.#written += written
    this.#session?.advance(this.#written)
    callback()
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.#stored) {
      this.#release(callback)
      return
    }
    this.#flush((error) => {
      const session = this.#session
      if (error) {
        this.#release(() => callback(error))
        return
      }
      if (session === undefined) {
        this.#complete = true
        this.#release(callback)
        return
      }
      session.finish(this.#written).then(
        (md5) => {
          // Destroyed while the worker finished: the file is gone, and so is any digest of it.
          if (!this.destroyed) {
            this.#md5 = md5
            this.#complete = true
          }
          this.#release(callback)
        },
        (failure: Error) => this.#release(() => callback(failure)),
      )
    })
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#batch = []
    this.#session?.cancel()
    this.#release(() => {
      // Cut short: nobody can keep a part of a file, so its bytes go at once.
      if (this.#created && !this.#complete) unlink(this.#path, () => callback(error))
      else callback(error)
    })
  }

  #release(callback: (error?: Error | null) => void): void {
    const fd = this.#fd
    this.#fd = undefined
    if (fd === undefined) {
      callback()
      return
    }
    close(fd, (error) => callback(error))
  }
}
