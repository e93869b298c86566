import type { Readable } from 'node:stream'
import type { StagedUpload } from '@crmkit/mock-kit'
import type { S3Failure } from './s3-failures.js'
import type { ObjectAttributes, StoredObject } from './stored-object.js'

/**
 * A condition on the object an upload would replace (`undefined`: there is none), checked while no other
 * commit or delete of that key runs; a failure leaves the object as it was and the upload to discard.
 */
export type CommitPrecondition = (current: StoredObject | undefined) => S3Failure | undefined

export type CommitResult =
  | { readonly ok: true; readonly object: StoredObject }
  | { readonly ok: false; readonly error: S3Failure }

/**
 * The bytes of an upload as they are received (`sink`, `size`, `stored` as mock-kit's upload staging has
 * them): written to a temporary place, then committed or discarded.
 */
export interface PendingUpload extends Pick<StagedUpload, 'sink' | 'size' | 'stored' | 'md5'> {
  /**
   * Makes the upload an object, atomically replacing an object with the same key, unless `precondition`
   * refuses the object it would replace. Needs the sink finished.
   */
  commit(attributes: ObjectAttributes, precondition?: CommitPrecondition): Promise<CommitResult>
  /** Drops the upload and its temporary bytes. Safe to call more than once, and after `commit`. */
  discard(): Promise<void>
}

export interface ObjectRange {
  readonly start: number
  /** Inclusive. */
  readonly end: number
}

/** Where the emulator keeps objects. Objects appear whole or not at all. */
export interface ObjectStore {
  beginUpload(options: { readonly maxSize?: number | undefined }): Promise<PendingUpload>
  head(bucket: string, key: string): Promise<StoredObject | undefined>
  /** The object and a stream of its bytes (or of a range), or `undefined` when there is no such object. */
  open(
    bucket: string,
    key: string,
    range?: ObjectRange,
  ): Promise<{ object: StoredObject; body: Readable } | undefined>
  /**
   * The bucket's objects whose keys start with `prefix` and sort after `after`, in ascending order of
   * their keys' UTF-8 bytes (the order S3 lists in), lazily: a listing stops reading where it stops.
   */
  list(
    bucket: string,
    options: { readonly prefix: string; readonly after?: string | undefined },
  ): Iterable<StoredObject>
  delete(bucket: string, key: string): Promise<boolean>
  /** Removes every object (the admin API's reset); uploads in progress are not touched. */
  clear(): Promise<void>
  /** How many uploads are in progress (for tests and the admin view). */
  pendingUploads(): number
  close(): Promise<void>
}
