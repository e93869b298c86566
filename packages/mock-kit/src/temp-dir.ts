import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const pending = new Set<string>()
let hooked = false

function removeAll(): void {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true })
  pending.clear()
}

export interface TempDir {
  readonly path: string
  /** Removes the directory and everything in it. Idempotent. */
  remove(): void
}

/**
 * A fresh directory under the OS temporary directory, removed by `remove()` or, at the latest, when the
 * process exits (including on SIGINT and SIGTERM handled by the caller's shutdown).
 */
export function createTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix))
  pending.add(path)
  if (!hooked) {
    hooked = true
    process.once('exit', removeAll)
  }
  return {
    path,
    remove: () => {
      pending.delete(path)
      rmSync(path, { recursive: true, force: true })
    },
  }
}
