import { createReadStream } from 'node:fs'
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { type Clock, createUploadStaging, type RandomBytes, systemClock } from '@crmkit/mock-kit'
import { fileNameProblem } from '../domain/file-name.js'
import type { FileStorage } from '../domain/file-storage.js'

/** A kept file as a listing gives it. */
export interface KeptFile {
  readonly key: string
  /** Its name, decoded (as `open` takes it). */
  readonly name: string
  readonly size: number
  /** When it was kept, on the mocks' clock. */
  readonly kept: Date
}

/** The file storage, and what its service does with it on the way out. */
export interface FileStore extends FileStorage {
  /** Every kept file, in no particular order (for the inspector). */
  list(): Promise<KeptFile[]>
  /** Discards the files still arriving. */
  close(): Promise<void>
}

const KEY = /^[0-9a-f]{32}$/

/**
 * Uploaded files on disk: `tmp/` while they arrive (mock-kit's upload staging: counted, limited, removed if
 * refused or cut short), `files/<key>/<filename>` once kept, where `key` is 16 random bytes so URLs cannot
 * be guessed (as a CDN URL cannot). Names reach here checked (domain/file-name.ts); a name is decoded once,
 * by the route, and never again. A kept file's modification time is when `clock` says it was kept, so that
 * a listing agrees with the records and the journal however the mocks' clock was moved.
 */
export async function createFileStore(
  root: string,
  random: RandomBytes,
  clock: Clock = systemClock,
): Promise<FileStore> {
  const files = join(root, 'files')
  const staging = await createUploadStaging({ dir: join(root, 'tmp') })
  await mkdir(files, { recursive: true })
  const newKey = async () => {
    for (;;) {
      const key = Buffer.from(random(16)).toString('hex')
      // A repeated key (a seeded random restarted on the same directory) would mix two uploads' files.
      const made = await mkdir(join(files, key)).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false
          throw error
        },
      )
      if (made) return key
    }
  }
  return {
    async begin(maxSize) {
      const upload = staging.begin({ maxSize })
      // The staged upload is the port's StagedFile already (sink, size, stored, head, discard); keeping is
      // moving it under a new key.
      return Object.assign(upload, {
        async keep(filename: string) {
          const key = await newKey()
          try {
            const path = join(files, key, filename)
            await upload.moveTo(path)
            const now = clock()
            await utimes(path, now, now)
          } catch (error) {
            // No empty key directory is left for a file that could not be kept.
            await rm(join(files, key), { recursive: true, force: true })
            throw error
          }
          return `${key}/${encodeURIComponent(filename)}`
        },
      })
    },
    async open(key, name) {
      // Only a name a kept file can have (the one check of domain/file-name.ts), one path segment.
      if (!KEY.test(key) || fileNameProblem(name) !== undefined || /[/\\]/.test(name)) return undefined
      const path = join(files, key, name)
      try {
        const stats = await stat(path)
        // Only a regular file: a directory would answer a length, then fail the stream mid-answer.
        return stats.isFile() ? { size: stats.size, body: createReadStream(path) } : undefined
      } catch {
        return undefined
      }
    },
    async remove(path) {
      const key = path.split('/')[0] ?? ''
      if (KEY.test(key)) await rm(join(files, key), { recursive: true, force: true })
    },
    async retainOnly(keys) {
      for (const entry of await readdir(files)) {
        if (!keys.has(entry)) await rm(join(files, entry), { recursive: true, force: true })
      }
    },
    async list() {
      const kept: KeptFile[] = []
      for (const key of await readdir(files)) {
        if (!KEY.test(key)) continue
        // A key directory holds one file; one being removed meanwhile is skipped.
        const names = await readdir(join(files, key)).catch(() => [])
        for (const name of names) {
          const stats = await stat(join(files, key, name)).catch(() => undefined)
          if (stats?.isFile()) kept.push({ key, name, size: stats.size, kept: stats.mtime })
        }
      }
      return kept
    },
    pending: () => staging.pending(),
    async clear() {
      await rm(files, { recursive: true, force: true })
      await mkdir(files, { recursive: true })
    },
    close: () => staging.close(),
  }
}
