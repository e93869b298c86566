import { createWriteStream, rmSync, type WriteStream } from 'node:fs'
import { Writable } from 'node:stream'

/**
 * Streams a file part to `path`, counting its bytes. Past `maxSize` the file is removed at once and the
 * rest only counted, so an oversized file never fills the disk and its exact size is still known. The
 * first bytes are kept (`head`) so the file's type can be told from its content.
 */
export class LimitedFileSink extends Writable {
  readonly #path: string
  readonly #maxSize: number
  #file: WriteStream | undefined
  #size = 0
  #head = Buffer.alloc(0)

  constructor(path: string, maxSize: number) {
    super({ highWaterMark: 256 * 1024 })
    this.#path = path
    this.#maxSize = maxSize
    const file = createWriteStream(path, { flags: 'wx' })
    // A failure of the file fails the sink; once the file is being dropped (the sink destroyed, or past
    // its limit), what its pending writes report is of no interest, and must not go unhandled.
    file.on('error', (error) => {
      if (this.#file === file) this.destroy(error)
    })
    this.#file = file
  }

  get size(): number {
    return this.#size
  }

  /** False once the file went past `maxSize` (its bytes are gone). */
  get stored(): boolean {
    return this.#size <= this.#maxSize
  }

  /** Up to the first 16 bytes. */
  get head(): Buffer {
    return this.#head
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#head.length < 16)
      this.#head = Buffer.concat([this.#head, chunk.subarray(0, 16 - this.#head.length)])
    this.#size += chunk.length
    const file = this.#file
    if (file === undefined) {
      callback()
      return
    }
    if (this.#size > this.#maxSize) {
      this.#drop(callback)
      return
    }
    if (file.write(chunk)) callback()
    else file.once('drain', () => callback())
  }

  override _final(callback: (error?: Error | null) => void): void {
    const file = this.#file
    if (file === undefined) {
      callback()
      return
    }
    // Finished whole: the file is the store's now, so destroying the sink (autoDestroy) must leave it.
    this.#file = undefined
    file.end((error?: Error | null) => callback(error))
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#drop(() => callback(error))
  }

  /** Stops storing: closes and removes the file. */
  #drop(callback: () => void): void {
    const file = this.#file
    this.#file = undefined
    if (file === undefined) {
      callback()
      return
    }
    file.destroy()
    file.once('close', () => {
      rmSync(this.#path, { force: true })
      callback()
    })
  }
}
