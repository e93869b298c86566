import { createHash } from 'node:crypto'
import { close, open, unlink, writev } from 'node:fs'
import { Writable } from 'node:stream'

type WritevChunks = Array<{ chunk: Buffer; encoding: BufferEncoding }>

/**
 * Writes an upload to a new file and hashes it with MD5 (S3's ETag) in one pass. Each batch of chunks is
 * handed to the thread pool first and hashed while the kernel copies it, so hashing and writing overlap.
 * Past `maxSize` bytes the file is removed at once and the rest is only counted, so an oversized upload
 * never fills the disk and can still be refused with its exact size.
 */
export class HashingFileSink extends Writable {
  #fd: number | undefined
  readonly #hash = createHash('md5')
  readonly #path: string
  readonly #maxSize: number
  #size = 0
  #stored = true

  constructor(path: string, maxSize: number | undefined) {
    // A large buffer lets writes batch into one writev while the previous one is in flight.
    super({ highWaterMark: 1024 * 1024 })
    this.#path = path
    this.#maxSize = maxSize ?? Number.POSITIVE_INFINITY
  }

  get size(): number {
    return this.#size
  }

  get stored(): boolean {
    return this.#stored
  }

  /** Hex MD5 of the bytes; only once the sink has finished and only if they were stored. */
  digest(): string {
    return this.#hash.digest('hex')
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.#path, 'wx', (error, fd) => {
      this.#fd = fd
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
      this.#release(() => unlink(this.#path, () => callback()))
      return
    }
    writev(this.#fd as number, buffers, (error, written) => {
      if (error) {
        callback(error)
        return
      }
      callback(
        written === total ? null : new Error(`Short write to ${this.#path}: ${written} of ${total} bytes`),
      )
    })
    for (const buffer of buffers) this.#hash.update(buffer)
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#release(callback)
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
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
