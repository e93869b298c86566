import type { PostObjectFields } from '@crmkit/s3-post-policy'

/** An object as the emulator keeps it: what S3 answers on GET and HEAD. */
export interface StoredObject
  extends Omit<PostObjectFields, 'successActionStatus' | 'successActionRedirect'> {
  readonly bucket: string
  readonly size: number
  /** Quoted hex MD5 of the bytes, as S3 writes it: `"e80b5017098950fc58aad83c8c14978e"`. */
  readonly etag: string
  /** ISO 8601. */
  readonly lastModified: string
  /**
   * The additional checksum a PutObject sent and S3 verified (base64, as in `x-amz-checksum-*`); none for
   * a POST form, whose checksums the emulator does not compute.
   */
  readonly checksum?: ObjectChecksum | undefined
}

export interface ObjectChecksum {
  readonly algorithm: 'CRC32' | 'SHA1' | 'SHA256'
  readonly value: string
}

/** What a new object is stored with, besides its bytes. */
export type ObjectAttributes = Omit<StoredObject, 'size' | 'etag'>
