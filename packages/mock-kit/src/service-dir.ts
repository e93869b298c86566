import { join } from 'node:path'
import { createTempDir } from './temp-dir.js'

/** Where a service keeps its files. */
export interface ServiceDir {
  readonly path: string
  /** True under a data directory: the files outlive the process. */
  readonly persistent: boolean
  /** Removes a temporary directory; leaves a data directory alone. Idempotent. */
  remove(): void
}

/**
 * `<dataDir>/<service>` when a data directory is given (`--data-dir`), else a fresh temporary directory
 * removed by `remove()` or at the latest when the process exits.
 */
export function openServiceDir(dataDir: string | undefined, service: string): ServiceDir {
  if (dataDir !== undefined) return { path: join(dataDir, service), persistent: true, remove: () => {} }
  const temp = createTempDir(`crmkit-${service}-`)
  return { path: temp.path, persistent: false, remove: () => temp.remove() }
}
