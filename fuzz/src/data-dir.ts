import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

// The data directory's layout (`--data-dir <dir>`), as the services keep it:
//   s3/tmp/<id>                       uploads in progress
//   s3/blobs/<id>                     object bytes
//   s3/objects/<sha256>.json          object records (metadata, naming the blob); `*.json.<id>.tmp` mid-write
//   sharpspring/tmp/<id>              file parts in progress
//   sharpspring/files/<key>/<name>    kept files (URL /files/<key>/<name>)
//   sharpspring/state.json            records; `state.json.<pid>.<n>.tmp` mid-write
//   onepagecrm/state.json             records (attachments name S3 keys)

function list(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** Files that must not outlive a request: temporary uploads and half-written records. */
export function leftovers(dataDir: string): string[] {
  const found: string[] = []
  for (const dir of ['s3/tmp', 'sharpspring/tmp']) {
    for (const name of list(join(dataDir, dir))) found.push(`${dir}/${name}`)
  }
  for (const dir of ['sharpspring', 'onepagecrm', 's3/objects']) {
    for (const name of list(join(dataDir, dir))) if (name.endsWith('.tmp')) found.push(`${dir}/${name}`)
  }
  return found
}

/** Polls until no leftover but `known` ones is there (or `ms` passed): what is still there then. */
export async function settledLeftovers(
  dataDir: string,
  ms: number,
  known: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const until = Date.now() + ms
  for (;;) {
    const found = leftovers(dataDir)
    if (found.every((path) => known.has(path)) || Date.now() >= until) return found
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export interface S3Disk {
  /** Record files (`objects/*.json`). */
  readonly objects: number
  readonly blobs: number
}

export function s3Disk(dataDir: string): S3Disk {
  return {
    objects: list(join(dataDir, 's3/objects')).filter((name) => name.endsWith('.json')).length,
    blobs: list(join(dataDir, 's3/blobs')).length,
  }
}

/** The S3 records on disk: key → blob, and the blobs no record names. */
export function s3Records(dataDir: string): {
  records: Array<{ bucket: string; key: string; blob: string; size: number; etag?: string; file: string }>
  unreadable: string[]
  orphanBlobs: string[]
  missingBlobs: string[]
} {
  const records: Array<{
    bucket: string
    key: string
    blob: string
    size: number
    etag?: string
    file: string
  }> = []
  const unreadable: string[] = []
  for (const name of list(join(dataDir, 's3/objects'))) {
    if (!name.endsWith('.json')) continue
    try {
      const record = JSON.parse(readFileSync(join(dataDir, 's3/objects', name), 'utf8')) as {
        bucket: string
        key: string
        blob: string
        size: number
        etag?: string
      }
      records.push({ ...record, file: name })
    } catch {
      unreadable.push(name)
    }
  }
  const blobs = new Set(list(join(dataDir, 's3/blobs')))
  const named = new Set(records.map((record) => record.blob))
  return {
    records,
    unreadable,
    orphanBlobs: [...blobs].filter((blob) => !named.has(blob)),
    missingBlobs: records.filter((record) => !blobs.has(record.blob)).map((record) => record.key),
  }
}

/** SharpSpring's kept files, as `<key>/<name>` paths under `files/`. */
export function sharpSpringFiles(dataDir: string): string[] {
  const root = join(dataDir, 'sharpspring/files')
  const found: string[] = []
  const walk = (dir: string) => {
    for (const name of list(dir)) {
      const path = join(dir, name)
      let isDir = false
      try {
        isDir = statSync(path).isDirectory()
      } catch {
        continue
      }
      if (isDir) {
        const inside = list(path)
        // An empty key directory is a leftover too (a keep that stopped half-way).
        if (inside.length === 0) found.push(`${relative(root, path)}/`)
        walk(path)
      } else found.push(relative(root, path))
    }
  }
  walk(root)
  return found
}

export function readState(dataDir: string, service: 'sharpspring' | 'onepagecrm'): string | undefined {
  const path = join(dataDir, service, 'state.json')
  if (!existsSync(path)) return undefined
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}
