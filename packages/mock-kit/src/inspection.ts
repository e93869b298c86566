import type { Readable } from 'node:stream'

/** A file a service keeps, as the inspector (`GET /__admin/files`) lists it. */
export interface InspectedFile {
  /** The service's own id of the file, unique within it: what `openFile` takes. */
  readonly id: string
  readonly name: string
  readonly contentType: string
  readonly size: number
  /** When it was kept, ISO 8601 on the mocks' clock. */
  readonly created: string
  /** What holds it, when the service knows: `lead 12, field file_upload_ab12`. */
  readonly belongsTo?: string | undefined
  /**
   * The image type to show it as when `contentType` does not say (an S3 object stored as
   * `binary/octet-stream`, as OnePageCRM's upload form leaves them), told from its name or its bytes.
   */
  readonly preview?: string | undefined
}

/** A kept file's bytes, streamed: never read whole into memory. */
export interface OpenedFile {
  readonly name: string
  readonly contentType: string
  readonly size: number
  readonly body: Readable
  /** The image type its first bytes show it is, when `contentType` does not say (see `InspectedFile`). */
  readonly preview?: string | undefined
}

/** A record of one service that points at a file another service keeps (an attachment at its S3 object). */
export interface FileReference {
  /** The service keeping the file, and its id there. */
  readonly service: string
  readonly id: string
  readonly belongsTo: string
}

/** One kind of record (`leads`, `contacts`, `storage`), newest first and bounded. */
export interface RecordGroup {
  readonly name: string
  readonly title: string
  /** How many there are, of which `rows` holds the newest. */
  readonly total: number
  /** The fields a table shows; each row holds the whole record (secrets redacted). */
  readonly columns: readonly string[]
  readonly rows: readonly object[]
}

/**
 * What the inspector (`/__admin/`) may read of a service, each part optional: its records, its kept files
 * and their bytes, and the files of other services its records point at. It reads the service's state and
 * storage; it never changes them.
 */
export interface ServiceInspection {
  /** The newest `limit` records of each kind it keeps. */
  records?(limit: number): readonly RecordGroup[] | Promise<readonly RecordGroup[]>
  /** The newest `limit` files it keeps, and how many it keeps in all. */
  files?(limit: number): Promise<{ readonly total: number; readonly files: readonly InspectedFile[] }>
  /** A kept file's bytes by its id, or undefined when there is no such file. */
  openFile?(id: string): Promise<OpenedFile | undefined>
  /** Files of other services that its records point at. */
  fileReferences?(): readonly FileReference[] | Promise<readonly FileReference[]>
}
