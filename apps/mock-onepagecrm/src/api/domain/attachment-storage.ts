/** The S3 bucket behind attachments, as the API sees it: where forms point, and what was uploaded. */
export interface AttachmentStorage {
  readonly bucket: string
  /** The bucket's URL that `s3_form` gives out, ending in `/` like the vendor's. */
  readonly bucketUrl: string
  readonly region: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** The uploaded object's size, or undefined when nothing is stored under `key`. */
  head(key: string): Promise<{ readonly size: number } | undefined>
  /**
   * Stores `bytes` under `key`, replacing what is there: images the API receives in a JSON body (a contact's
   * photo, a company's logo), which S3 serves like any uploaded file.
   */
  put(key: string, bytes: Uint8Array, contentType: string, now: Date): Promise<void>
  /** A SigV4 pre-signed GET link to `key`, valid `expiresIn` seconds from `now`. */
  downloadUrl(key: string, now: Date, expiresIn: number): Promise<string>
}
