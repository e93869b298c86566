import type { Readable, Writable } from 'node:stream'

/** A file part being received: its bytes go to `sink`; once the body is read it is kept or dropped. */
export interface StagedFile {
  /** Write the file part here. Past the size limit it stops storing but keeps counting. */
  readonly sink: Writable
  /** Bytes received so far, stored or not. */
  readonly size: number
  /** False once the file went past its size limit: its bytes are gone and it can only be refused. */
  readonly stored: boolean
  /** Up to the first 16 bytes, so a type can be told from the content. */
  readonly head: Buffer
  /** Keeps the file under a new unguessable key as `<key>/<filename>`; returns that URL path. */
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
  /** A kept file's bytes by its URL path, or undefined. */
  open(path: string): Promise<{ size: number; body: Readable } | undefined>
  /** Files still arriving (for tests: none once a request is over). */
  pending(): number
  /** Removes every kept file (reset). */
  clear(): Promise<void>
}
