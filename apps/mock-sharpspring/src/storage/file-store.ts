import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createUploadStaging } from '@crmkit/mock-kit'
import type { FileStorage } from '../domain/file-storage.js'

/** The file storage, and what its service does with it on the way out. */
export interface FileStore extends FileStorage {
  /** Discards the files still arriving. */
  close(): Promise<void>
}

/**
 * Uploaded files on disk: `tmp/` while they arrive (mock-kit's upload staging: counted, limited, removed if
 * refused or cut short), `files/<key>/<filename>` once kept, where `key` is 16 random bytes so URLs cannot
 * be guessed (as a CDN URL cannot).
 */
export async function createFileStore(root: string): Promise<FileStore> {
  const files = join(root, 'files')
  const staging = await createUploadStaging({ dir: join(root, 'tmp') })
  await mkdir(files, { recursive: true })
  return {
    async begin(maxSize) {
      const upload = staging.begin({ maxSize })
      return {
        sink: upload.sink,
        get size() {
          return upload.size
        },
        get stored() {
          return upload.stored
        },
        get head() {
          return upload.head
        },
        async keep(filename) {
          const key = randomBytes(16).toString('hex')
          await mkdir(join(files, key))
          try {
            await upload.moveTo(join(files, key, filename))
          } catch (error) {
            // No empty key directory is left for a file that could not be kept.
            await rm(join(files, key), { recursive: true, force: true })
            throw error
          }
          return `${key}/${encodeURIComponent(filename)}`
        },
        discard: () => upload.discard(),
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
    pending: () => staging.pending(),
    async clear() {
      await rm(files, { recursive: true, force: true })
      await mkdir(files, { recursive: true })
    },
    close: () => staging.close(),
  }
}
