import { close, open, unlink, writev } from 'node:fs'
import { Writable } from 'node:stream'
import type { Md5Hasher, Md5Session } from './md5-hasher.js'

type WritevChunks = Array<{ chunk: Buffer; encoding: BufferEncoding }>

/**
 * Writes an upload to a new file and has it hashed with MD5 (S3's ETag) as it goes: each batch of chunks
 * is one `writev` on the thread pool, and once it is written the MD5 worker reads it back from the page
 * cache, so the event loop only receives, parses and hands bytes on. Past `maxSize` bytes the file is
 * removed at once and the rest is only counted, so an oversized upload never fills the disk and can still
 * be refused with its exact size.
 */
export class HashingFileSink extends Writable {
  #fd: number | undefined
  #session: Md5Session | undefined
  #md5: string | undefined
  readonly #path: string
  readonly #maxSize: number
  readonly #hasher: Md5Hasher
  #size = 0
  #written = 0
  #stored = true

  constructor(path: string, maxSize: number | undefined, hasher: Md5Hasher) {
    // A large buffer lets writes batch into one writev while the previous one is in flight.
    super({ highWaterMark: 1024 * 1024 })
    this.#path = path
    this.#maxSize = maxSize ?? Number.POSITIVE_INFINITY
    this.#hasher = hasher
  }

  get size(): number {
    return this.#size
  }

  get stored(): boolean {
    return this.#stored
  }

  /** Hex MD5 of the bytes, once the sink has finished with every byte stored. */
  digest(): string {
    if (this.#md5 === undefined) throw new Error('The upload is not complete, or was not stored.')
    return this.#md5
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.#path, 'wx', (error, fd) => {
      this.#fd = fd
      if (!error) this.#session = this.#hasher.begin(this.#path)
      callback(error)
    })
  }

  override _writev(chunks: WritevChunks, callback: (error?: Error | null) => void): void {
    const buffers = chunks.map(({ chunk }) => chunk)
    let total = 0
    for (const buffer of buffers) total += buffer.length
    this.#size += total
    if (!this.#stored) {
      callback()
      return
    }
    if (this.#size > this.#maxSize) {
      this.#stored = false
      this.#session?.cancel()
      this.#release(() => unlink(this.#path, () => callback()))
      return
    }
    writev(this.#fd as number, buffers, (error, written) => {
      if (error) {
        callback(error)
        return
      }
      if (written !== total) {
        callback(new Error(`Short write to ${this.#path}: ${written} of ${total} bytes`))
        return
      }
      this.#written += written
      this.#session?.advance(this.#written)
      callback()
    })
  }

  override _final(callback: (error?: Error | null) => void): void {
    const session = this.#stored ? this.#session : undefined
    if (session === undefined) {
      this.#release(callback)
      return
    }
    session.finish(this.#written).then(
      (md5) => {
        this.#md5 = md5
        this.#release(callback)
      },
      (error: Error) => this.#release(() => callback(error)),
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#session?.cancel()
    this.#release(() => callback(error))
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
