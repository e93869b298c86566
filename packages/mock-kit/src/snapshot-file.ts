import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * A mock's records on disk as one JSON document, replaced by rename so that a crash mid-write leaves the
 * previous one whole (and at worst a `.tmp` file, removed by the next `load`). Records are small (file
 * bytes live elsewhere), so rewriting the document per change is cheap and keeps it readable.
 */
export interface SnapshotFile<T> {
  /** The saved value, or undefined when there is none yet. */
  load(): T | undefined
  /** Writes `value` as it is now; resolves once it is on disk. Saves run one at a time, in order. */
  save(value: T): Promise<void>
}

export function createSnapshotFile<T>(
  path: string,
  codec: { encode(value: T): unknown; decode(json: unknown): T },
): SnapshotFile<T> {
  let queue: Promise<void> = Promise.resolve()
  let sequence = 0
  return {
    load() {
      removeLeftovers(path)
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      return codec.decode(JSON.parse(text))
    },
    save(value) {
      // Encoded now, so the file holds the value of this moment whatever happens before it is written.
      const text = `${JSON.stringify(codec.encode(value), null, 1)}\n`
      const temporary = `${path}.${process.pid}.${sequence++}.tmp`
      const write = async () => {
        await mkdir(dirname(path), { recursive: true })
        await writeFile(temporary, text)
        await rename(temporary, path)
      }
      const run = queue.then(write, write)
      queue = run.catch(() => undefined)
      return run
    },
  }
}

function removeLeftovers(path: string): void {
  let names: string[]
  try {
    names = readdirSync(dirname(path))
  } catch {
    return
  }
  const prefix = `${basename(path)}.`
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(path), name), { force: true })
  }
}
