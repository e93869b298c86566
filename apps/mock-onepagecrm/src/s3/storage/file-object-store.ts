import { createHash } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { createUploadStaging, type RandomBytes } from '@crmkit/mock-kit'
import type { CommitPrecondition, CommitResult, ObjectRange, ObjectStore } from '../domain/object-store.js'
import type { ObjectAttributes, StoredObject } from '../domain/stored-object.js'

interface ObjectRecord extends StoredObject {
  /** The file under `blobs/` that holds the bytes. */
  readonly blob: string
}

/**
 * Objects on disk under `root`: bytes in `blobs/<id>`, metadata in `objects/<sha256(bucket, key)>.json`.
 * An upload is staged in `tmp/` (mock-kit's upload staging, which hashes it with MD5 for the ETag as it is
 * written) and becomes an object by two renames (bytes, then metadata), so a reader sees the old object or
 * the new one, never a part; a crash leaves at worst an unreferenced blob, removed at the next start along
 * with anything left in `tmp/`. The metadata is read once, at start, and then
 * kept in memory as well (so one process owns a data directory at a time).
 */
export async function createFileObjectStore(options: {
  root: string
  random: RandomBytes
  /**
   * Default true. False for a store whose directory dies with the process: the metadata then lives in
   * memory only, which spares each upload writing and renaming a JSON file before it is answered.
   */
  persistMetadata?: boolean
}): Promise<ObjectStore> {
  const { root, random, persistMetadata = true } = options
  const dirs = { blobs: join(root, 'blobs'), objects: join(root, 'objects') }
  const staging = await createUploadStaging({ dir: join(root, 'tmp'), md5: true })
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })))
  const records = await loadRecords(dirs.objects)
  await pruneOrphanBlobs(records, dirs.blobs)

  // Removing a replaced blob need not delay the answer; close() waits for what is still running.
  const cleanups = new Set<Promise<unknown>>()
  const removeLater = (blob: string) => {
    const cleanup = unlink(join(dirs.blobs, blob))
      .catch(() => undefined)
      .finally(() => {
        cleanups.delete(cleanup)
        ids.delete(blob)
      })
    cleanups.add(cleanup)
  }
  const locks = new Map<string, Promise<unknown>>()
  // Ids of blobs and of uploads in progress (each becomes the blob of its id): a new id never names a file that
  // is still in use, even when the injected randomness repeats itself (a seeded generator restarted on the
  // same data directory).
  const ids = new Set([...records.values()].map((record) => record.blob))
  const newId = () => {
    let id: string
    do id = Buffer.from(random(16)).toString('hex')
    while (ids.has(id))
    ids.add(id)
    return id
  }
  const recordPath = (bucket: string, key: string) =>
    join(dirs.objects, `${createHash('sha256').update(bucket).update('\n').update(key).digest('hex')}.json`)

  // Commits and deletes of one key run one after another, so each sees the blob it replaces.
  const withLock = async <T>(path: string, task: () => Promise<T>): Promise<T> => {
    const previous = locks.get(path) ?? Promise.resolve()
    const run = previous.then(task, task)
    const tail = run.catch(() => undefined)
    locks.set(path, tail)
    try {
      return await run
    } finally {
      if (locks.get(path) === tail) locks.delete(path)
    }
  }

  const readRecord = (bucket: string, key: string): ObjectRecord | undefined =>
    records.get(recordPath(bucket, key))

  const publicView = ({ blob: _blob, ...object }: ObjectRecord): StoredObject => object

  return {
    async beginUpload({ maxSize }) {
      const id = newId()
      const staged = staging.begin({ maxSize })
      let settled = false
      let committed = false
      let discarded = false
      return {
        sink: staged.sink,
        get size() {
          return staged.size
        },
        get stored() {
          return staged.stored
        },
        md5: () => staged.md5(),
        commit: async (
          attributes: ObjectAttributes,
          precondition?: CommitPrecondition,
        ): Promise<CommitResult> => {
          if (settled) throw new Error('This upload was already committed or discarded.')
          await finished(staged.sink)
          if (!staged.stored) throw new Error('An upload past its size limit cannot be committed.')
          settled = true
          const record: ObjectRecord = {
            ...attributes,
            size: staged.size,
            etag: `"${staged.md5()}"`,
            blob: id,
          }
          const path = recordPath(attributes.bucket, attributes.key)
          return withLock(path, async (): Promise<CommitResult> => {
            const previous = records.get(path)
            const refusal = precondition?.(previous === undefined ? undefined : publicView(previous))
            if (refusal !== undefined) {
              settled = false
              return { ok: false, error: refusal }
            }
            await staged.moveTo(join(dirs.blobs, id))
            committed = true
            if (persistMetadata) {
              await writeFile(`${path}.${id}.tmp`, JSON.stringify(record))
              await rename(`${path}.${id}.tmp`, path)
            }
            records.set(path, record)
            if (previous !== undefined) removeLater(previous.blob)
            return { ok: true, object: publicView(record) }
          })
        },
        // After a commit that failed before its blob was in place, this still removes the staged bytes.
        discard: async () => {
          if (committed || discarded) return
          discarded = true
          settled = true
          await staged.discard()
          ids.delete(id)
        },
      }
    },

    async head(bucket, key) {
      const record = readRecord(bucket, key)
      return record === undefined ? undefined : publicView(record)
    },

    async open(bucket, key, range?: ObjectRange) {
      // Retry once: an overwrite may remove the blob between reading the record and opening it.
      for (let attempt = 0; attempt < 2; attempt++) {
        const record = readRecord(bucket, key)
        if (record === undefined) return undefined
        try {
          const handle = await open(join(dirs.blobs, record.blob), 'r')
          const body = handle.createReadStream(
            range === undefined ? {} : { start: range.start, end: range.end },
          )
          return { object: publicView(record), body }
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        }
      }
      return undefined
    },

    *list(bucket, { prefix, after }) {
      // The metadata is in memory already: a listing sorts the bucket's keys that match. What it keeps
      // past that is bounded by its page (at most 1,000 keys).
      const afterBytes = after === undefined ? undefined : Buffer.from(after)
      const matching = [...records.values()]
        .filter((record) => record.bucket === bucket && record.key.startsWith(prefix))
        .map((record) => ({ record, bytes: Buffer.from(record.key) }))
        .filter(({ bytes }) => afterBytes === undefined || Buffer.compare(bytes, afterBytes) > 0)
        .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      for (const { record } of matching) yield publicView(record)
    },

    async delete(bucket, key) {
      const path = recordPath(bucket, key)
      return withLock(path, async () => {
        const record = records.get(path)
        if (record === undefined) return false
        if (persistMetadata) await unlink(path)
        records.delete(path)
        await unlink(join(dirs.blobs, record.blob)).catch(() => undefined)
        ids.delete(record.blob)
        return true
      })
    },

    async clear() {
      for (const path of [...records.keys()]) {
        await withLock(path, async () => {
          const record = records.get(path)
          if (record === undefined) return
          if (persistMetadata) await unlink(path).catch(() => undefined)
          records.delete(path)
          await unlink(join(dirs.blobs, record.blob)).catch(() => undefined)
          ids.delete(record.blob)
        })
      }
    },

    pendingUploads: () => staging.pending(),

    async close() {
      await staging.close()
      await Promise.all(cleanups)
    },
  }
}

/** Every object's metadata, by record path; a record that cannot be read is removed. */
async function loadRecords(objectsDir: string): Promise<Map<string, ObjectRecord>> {
  const records = new Map<string, ObjectRecord>()
  for (const name of await readdir(objectsDir)) {
    const path = join(objectsDir, name)
    if (!name.endsWith('.json')) {
      await rm(path, { force: true })
      continue
    }
    try {
      records.set(path, JSON.parse(await readFile(path, 'utf8')) as ObjectRecord)
    } catch {
      await rm(path, { force: true })
    }
  }
  return records
}

async function pruneOrphanBlobs(records: Map<string, ObjectRecord>, blobsDir: string): Promise<void> {
  const referenced = new Set([...records.values()].map((record) => record.blob))
  for (const name of await readdir(blobsDir)) {
    if (!referenced.has(name)) await rm(join(blobsDir, name), { force: true })
  }
}
