import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { createMd5Hasher } from './md5-hasher.js'
import { StagingFileSink } from './staging-file-sink.js'

/** An upload being received into the staging directory, until it is moved to its place or discarded. */
export interface StagedUpload {
  /** Write the file's bytes here. Past the size limit it stops storing but keeps counting. */
  readonly sink: Writable
  /** Bytes received so far, stored or not. */
  readonly size: number
  /** False once more than `maxSize` bytes arrived: the bytes are gone and the upload can only be refused. */
  readonly stored: boolean
  /** Up to the first 16 bytes, so a type can be told from the content. */
  readonly head: Buffer
  /** Hex MD5 of the bytes, with `md5: true`, once the sink finished with every byte stored; else it throws. */
  md5(): string
  /**
   * Renames the finished file to `path` (atomic, so a reader sees it whole or not at all; on the staging
   * directory's file system). Fails, leaving the upload to discard, when it was not stored whole.
   */
  moveTo(path: string): Promise<void>
  /** Drops the upload and its bytes. Safe to call more than once, and after `moveTo`. */
  discard(): Promise<void>
}

export interface UploadStagingOptions {
  /** The staging directory, the store's alone: emptied at start, so a crash leaves nothing behind for long. */
  readonly dir: string
  /** Hash every upload with MD5 as it is written (on a worker thread), for `md5()`. Default false. */
  readonly md5?: boolean
}

export interface UploadStaging {
  /** Starts an upload; its file is created in the staging directory as the sink opens. */
  begin(options?: { readonly maxSize?: number | undefined }): StagedUpload
  /** Uploads neither moved nor discarded (for tests: none once a request is over). */
  pending(): number
  /** Discards every pending upload and stops the MD5 worker. */
  close(): Promise<void>
}

/**
 * Where uploads wait while their bytes arrive: each is streamed to its own file in `dir`, counted, limited
 * and (with `md5`) hashed, then moved to where its owner keeps it or discarded. The bytes a request can
 * leave on disk are bounded by its limit, and an upload refused, cut short or left pending at `close()`
 * leaves no file behind.
 */
export async function createUploadStaging(options: UploadStagingOptions): Promise<UploadStaging> {
  const { dir } = options
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const hasher = options.md5 === true ? createMd5Hasher() : undefined
  const pending = new Set<StagedUpload>()
  // Discards and moves still running, so close() returns only once they are done.
  const running = new Set<Promise<unknown>>()
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work)
    const forget = () => running.delete(work)
    work.then(forget, forget)
    return work
  }
  let closed = false
  // Names only need to be unique in a directory the store empties at start, so a counter will do (and
  // draws nothing from an injected random source, whose sequence the mocks' ids depend on).
  let count = 0

  return {
    begin({ maxSize } = {}) {
      if (closed) throw new Error('The upload staging store is closed.')
      count++
      const path = join(dir, String(count))
      const sink = new StagingFileSink(path, { maxSize, hasher })
      let state: 'open' | 'moving' | 'moved' | 'discarded' = 'open'
      let cutShort = false
      let discarding: Promise<void> | undefined
      let moving: Promise<void> | undefined

      const drop = async () => {
        if (moving !== undefined) await moving.catch(() => undefined)
        if (state !== 'open') return
        state = 'discarded'
        pending.delete(upload)
        if (!sink.destroyed) sink.destroy()
        await finished(sink).catch(() => undefined)
        await rm(path, { force: true })
      }

      const upload: StagedUpload = {
        sink,
        get size() {
          return sink.size
        },
        get stored() {
          return sink.stored
        },
        get head() {
          return sink.head
        },
        md5() {
          const md5 = sink.md5
          if (md5 === undefined)
            throw new Error('The upload is not complete, was not stored, or is not hashed.')
          return md5
        },
        async moveTo(target) {
          if (state !== 'open') throw new Error(`This upload was already ${state}.`)
          state = 'moving'
          moving = track(
            (async () => {
              await finished(sink)
              if (!sink.stored) throw new Error('An upload past its size limit cannot be kept.')
              await rename(path, target)
            })(),
          )
          try {
            await moving
            state = 'moved'
            pending.delete(upload)
          } catch (error) {
            state = 'open'
            // A sink cut short has removed its file already: nothing is left to discard.
            if (cutShort) {
              state = 'discarded'
              pending.delete(upload)
            }
            throw error
          } finally {
            moving = undefined
          }
        },
        discard() {
          discarding ??= track(drop())
          return discarding
        },
      }
      // Destroyed before it finished (the body broke), the sink removed its file: the upload is over,
      // whether or not its owner gets to discard it.
      sink.once('close', () => {
        if (sink.writableFinished) return
        cutShort = true
        if (state === 'open') {
          state = 'discarded'
          pending.delete(upload)
        }
      })
      pending.add(upload)
      return upload
    },

    pending: () => pending.size,

    async close() {
      closed = true
      await Promise.all([...pending].map((upload) => upload.discard()))
      // A move that fails has told its caller already; closing only waits for it.
      await Promise.allSettled(running)
      await hasher?.close()
    },
  }
}
