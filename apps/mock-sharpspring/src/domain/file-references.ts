import type { SharpSpringState } from './state.js'

/** A kept file's key in the URL a File Upload field or a product's `imageURL` holds. */
const FILE_KEY = /\/files\/([0-9a-f]{32})\//

/** The keys of every kept file a record points at: the files a restart must keep. */
export function referencedFileKeys(state: SharpSpringState): Set<string> {
  const keys = new Set<string>()
  for (const rows of Object.values(state.objects))
    for (const row of rows.values())
      for (const value of Object.values(row)) {
        const key = typeof value === 'string' ? FILE_KEY.exec(value)?.[1] : undefined
        if (key !== undefined) keys.add(key)
      }
  return keys
}
