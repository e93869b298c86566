import type { Readable } from 'node:stream'
import type { StagedUpload } from '@crmkit/mock-kit'

/**
 * A file part being received (`sink`, `size`, `stored` and `head` as mock-kit's upload staging has them);
 * once the body is read it is kept or dropped.
 */
export interface StagedFile extends Pick<StagedUpload, 'sink' | 'size' | 'stored' | 'head'> {
  /**
   * Keeps the file under a new unguessable key as `<key>/<filename>` (a name `fileNameProblem` accepts);
   * returns that URL path, the name percent-encoded.
   */
  keep(filename: string): Promise<string>
  /** Drops the file and its bytes. Safe to call more than once, and after `keep`. */
  discard(): Promise<void>
}

/**
 * The port the upload methods need: somewhere to stage files while a body arrives and to keep the ones a
 * call accepts. Nothing is kept unless `keep` is called.
 */
export interface FileStorage {
  begin(maxSize: number): Promise<StagedFile>
  /** A kept file's bytes by its key and its (decoded) name, or undefined. */
  open(key: string, name: string): Promise<{ size: number; body: Readable } | undefined>
  /** Removes a kept file by the URL path `keep` returned (a call that kept it failed after all). */
  remove(path: string): Promise<void>
  /** Removes every kept file whose key is not in `keys` (files kept just before a crash, never recorded). */
  retainOnly(keys: ReadonlySet<string>): Promise<void>
  /** Files still arriving (for tests: none once a request is over). */
  pending(): number
  /** Removes every kept file (reset). */
  clear(): Promise<void>
}
