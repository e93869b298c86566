import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { type CrmState, createEmptyState } from '../domain/records.js'

const VERSION = 1

/**
 * The API's records on disk as one JSON snapshot, replaced by rename so that a crash mid-write leaves the
 * previous snapshot whole. Records are small (attachment bytes live in the S3 emulator), so rewriting
 * the file per change is cheap and keeps the format obvious to a user reading it.
 */
export interface StateFile {
  /** The saved state, or undefined when there is none yet. */
  load(): CrmState | undefined
  /** Writes `state` as it is now; resolves once it is on disk. Saves run one at a time, in order. */
  save(state: CrmState): Promise<void>
}

export function createStateFile(path: string): StateFile {
  let queue: Promise<void> = Promise.resolve()
  let sequence = 0
  return {
    load() {
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      const snapshot = JSON.parse(text) as { version: number } & Record<string, unknown[]>
      if (snapshot.version !== VERSION) throw new Error(`${path}: unknown state version ${snapshot.version}`)
      const state = createEmptyState()
      for (const key of Object.keys(state) as Array<keyof CrmState>) {
        const map = state[key] as Map<string, { id: string }>
        for (const record of (snapshot[key] ?? []) as Array<{ id: string }>) map.set(record.id, record)
      }
      return state
    },
    save(state) {
      // Serialised now, so the file holds the state of this moment whatever happens before it is written.
      const snapshot: Record<string, unknown> = { version: VERSION }
      for (const [key, map] of Object.entries(state))
        snapshot[key] = [...(map as Map<string, unknown>).values()]
      const text = `${JSON.stringify(snapshot, null, 1)}\n`
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
