import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileStorage } from '../domain/file-storage.js'
import { LimitedFileSink } from './limited-file-sink.js'

/**
 * Uploaded files on disk: `tmp/` while they arrive, `files/<key>/<filename>` once kept, where `key` is 16
 * random bytes so URLs cannot be guessed (as a CDN URL cannot).
 */
export async function createFileStore(root: string): Promise<FileStorage> {
  const tmp = join(root, 'tmp')
  const files = join(root, 'files')
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  await mkdir(files, { recursive: true })
  let pending = 0
  return {
    async begin(maxSize) {
      const tmpPath = join(tmp, randomBytes(12).toString('hex'))
      const sink = new LimitedFileSink(tmpPath, maxSize)
      pending++
      let settled = false
      const settle = () => {
        if (!settled) pending--
        settled = true
      }
      return {
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
        async keep(filename) {
          settle()
          const key = randomBytes(16).toString('hex')
          await mkdir(join(files, key))
          await rename(tmpPath, join(files, key, filename))
          return `${key}/${encodeURIComponent(filename)}`
        },
        async discard() {
          settle()
          if (!sink.destroyed) sink.destroy()
          await rm(tmpPath, { force: true })
        },
      }
    },
    async open(path) {
      const [key, name, extra] = path.split('/')
      if (key === undefined || name === undefined || extra !== undefined || !/^[0-9a-f]{32}$/.test(key))
        return undefined
      try {
        const full = join(files, key, decodeURIComponent(name))
        if (!full.startsWith(join(files, key, ''))) return undefined
        const { size } = await stat(full)
        return { size, body: createReadStream(full) }
      } catch {
        return undefined
      }
    },
    pending: () => pending,
    async clear() {
      await rm(files, { recursive: true, force: true })
      await mkdir(files, { recursive: true })
    },
  }
}
