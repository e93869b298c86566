import { createSnapshotFile, type SnapshotFile } from '@crmkit/mock-kit'
import { type CrmState, createEmptyState } from '../domain/records.js'

const VERSION = 1

/** The API's records as one JSON snapshot (`{version, users: [...], contacts: [...], ...}`). */
export type StateFile = SnapshotFile<CrmState>

export function createStateFile(path: string): StateFile {
  return createSnapshotFile<CrmState>(path, {
    encode(state) {
      const snapshot: Record<string, unknown> = { version: VERSION }
      for (const [key, map] of Object.entries(state))
        snapshot[key] = [...(map as Map<string, unknown>).values()]
      return snapshot
    },
    decode(json) {
      const snapshot = json as { version: number } & Record<string, unknown[]>
      if (snapshot.version !== VERSION) throw new Error(`${path}: unknown state version ${snapshot.version}`)
      const state = createEmptyState()
      for (const key of Object.keys(state) as Array<keyof CrmState>) {
        const map = state[key] as Map<string, { id: string }>
        for (const record of (snapshot[key] ?? []) as Array<{ id: string }>) map.set(record.id, record)
      }
      return state
    },
  })
}
