import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TempDir {
  readonly path: string
  /** Removes the directory and everything in it. Idempotent. */
  remove(): void
}

export interface TempDirOptions {
  /** Where crmkit keeps its temporary directories; default the OS temporary directory. For tests. */
  readonly root?: string | undefined
}

/** The file naming a process directory's owner: its pid and start time (ms since 1970), on this host. */
const OWNER_FILE = 'owner.json'

interface Owner {
  readonly pid: number
  readonly started: number
  readonly hostname: string
}

/** When this process started; the same in each of its worker threads. */
const processStarted = () => Math.round(Date.now() - process.uptime() * 1000)

/** This process's directory under each root, and the temporary directories still in it. */
const processDirs = new Map<string, { path: string; pending: Set<string> }>()
/** Directories made outside a process directory (see `standalone`). */
const standaloneDirs = new Set<string>()

function removeAll(): void {
  for (const { path } of processDirs.values()) rmSync(path, { recursive: true, force: true })
  for (const path of standaloneDirs) rmSync(path, { recursive: true, force: true })
  processDirs.clear()
  standaloneDirs.clear()
}

let hooked = false
function removeAllAtExit(): void {
  if (hooked) return
  hooked = true
  process.once('exit', removeAll)
}

/**
 * A fresh directory for one service's files, removed by `remove()` or, at the latest, when the process
 * exits (including on SIGINT and SIGTERM handled by the caller's shutdown).
 *
 * A process killed outright (SIGKILL, a crash, a closed terminal) cannot remove anything, so directories
 * live in a directory of their process, `<tmp>/crmkit-mocks-<uid>/<pid>-<random>/`, with an `owner.json`
 * naming its pid and host. Making a process directory removes its dead siblings: those whose process, on
 * this host, is gone. The process directory goes with the last directory in it.
 */
export function createTempDir(prefix: string, options: TempDirOptions = {}): TempDir {
  const root = options.root ?? tmpdir()
  let owned = processDir(root)
  if (owned === undefined) return standalone(prefix, root)
  let path: string
  try {
    path = mkdtempSync(join(owned.path, prefix))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    // The process directory went away under us (a temporary-directory cleaner): start a new one, once.
    processDirs.delete(root)
    owned = processDir(root)
    if (owned === undefined) return standalone(prefix, root)
    path = mkdtempSync(join(owned.path, prefix))
  }
  const entry = owned
  entry.pending.add(path)
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true })
      if (!entry.pending.delete(path) || entry.pending.size > 0) return
      if (processDirs.get(root) === entry) processDirs.delete(root)
      rmSync(entry.path, { recursive: true, force: true })
    },
  }
}

/**
 * This process's directory under `root`, made (and its dead siblings removed) on first use; undefined when
 * crmkit's parent directory cannot be trusted (not ours, a link, writable by others).
 */
function processDir(root: string): { path: string; pending: Set<string> } | undefined {
  const existing = processDirs.get(root)
  if (existing !== undefined) return existing
  const parent = ownParentDir(root)
  if (parent === undefined) return undefined
  const path = mkdtempSync(join(parent, `${process.pid}-`))
  const owner: Owner = { pid: process.pid, started: processStarted(), hostname: hostname() }
  writeFileSync(join(path, OWNER_FILE), JSON.stringify(owner))
  const entry = { path, pending: new Set<string>() }
  processDirs.set(root, entry)
  removeAllAtExit()
  removeLeftovers(parent, path)
  return entry
}

/** `<root>/crmkit-mocks-<uid>` (`crmkit-mocks` where there are no uids), made private to this user. */
function ownParentDir(root: string): string | undefined {
  const uid = process.getuid?.()
  const parent = join(root, uid === undefined ? 'crmkit-mocks' : `crmkit-mocks-${uid}`)
  try {
    mkdirSync(parent, { recursive: true, mode: 0o700 })
    const stat = lstatSync(parent)
    if (!stat.isDirectory()) return undefined
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined
    return parent
  } catch {
    return undefined
  }
}

/**
 * Removes the process directories under `parent` left by processes that are gone: on this host (another
 * host or container may share the directory, its pids meaning other processes), and not running. One
 * without a readable owner file is being made right now, or is not crmkit's: it stays. A pid reused by
 * another running process keeps its leftover until that process is gone too.
 */
function removeLeftovers(parent: string, own: string): void {
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  const host = hostname()
  for (const name of names) {
    const path = join(parent, name)
    if (path === own || !/^\d+-/.test(name)) continue
    const owner = readOwner(path)
    if (owner === undefined || owner.hostname !== host) continue
    if (owner.pid === process.pid) {
      // Another worker thread of this process, or a process that had our pid before us (and is gone).
      if (Math.abs(owner.started - processStarted()) < 2_000) continue
    } else if (isRunning(owner.pid)) continue
    try {
      rmSync(path, { recursive: true, force: true })
    } catch {
      // In use (Windows) or not ours to remove: left for a later start.
    }
  }
}

function readOwner(path: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(path, OWNER_FILE), 'utf8')) as Partial<Owner>
    return Number.isSafeInteger(owner.pid) &&
      Number.isFinite(owner.started) &&
      typeof owner.hostname === 'string'
      ? (owner as Owner)
      : undefined
  } catch {
    return undefined
  }
}

/** Signal 0 tests for a process without touching it; EPERM means it runs under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Where crmkit's own directory cannot be used: a directory of its own, removed at exit at the latest. */
function standalone(prefix: string, root: string): TempDir {
  const path = mkdtempSync(join(root, prefix))
  standaloneDirs.add(path)
  removeAllAtExit()
  return {
    path,
    remove: () => {
      standaloneDirs.delete(path)
      rmSync(path, { recursive: true, force: true })
    },
  }
}
