/** The three services crmkit mocks, by the names the command line, the journal and the faults use. */
export type ServiceName = 'sharpspring' | 'onepagecrm' | 's3'

export const SERVICE_NAMES: readonly ServiceName[] = ['sharpspring', 'onepagecrm', 's3']

/** SharpSpring (Constant Contact Lead Gen & CRM): where it listens, how to authenticate, what exists. */
export interface SharpSpringInfo {
  /**
   * `http://127.0.0.1:<port>` (`https://api.sharpspring.com` under `interceptVendors()`): the admin API is
   * at `<url>/__admin`.
   */
  readonly url: string
  /** `<url>/pubapi`: the JSON-RPC endpoint is `<api>/v1/` (or `/v1.2/`), uploads `<api>/v1/uploadFiles`. */
  readonly api: string
  /** The query parameters every call carries: `accountID`, `secretKey`. */
  readonly credentials: { readonly accountId: string; readonly secretKey: string }
  /** Records that exist on every start (the same ids each time unless a seed says otherwise). */
  readonly demo: {
    readonly leadId: number
    readonly accountId: number
    readonly opportunityId: number
    readonly productId: number
    readonly dealStageId: string
    /** The systemName of the File Upload field of each object type, for `/uploadFiles`' `fieldSystemName`. */
    readonly fileFields: { readonly lead: string; readonly account: string; readonly opportunity: string }
  }
}

/** The OnePageCRM API v3. */
export interface OnePageCrmInfo {
  /**
   * `http://127.0.0.1:<port>` (`https://app.onepagecrm.com` under `interceptVendors()`): the admin API is
   * at `<url>/__admin`.
   */
  readonly url: string
  /** `<url>/api/v3` */
  readonly api: string
  /** HTTP Basic: username `userId`, password `apiKey`. */
  readonly credentials: { readonly userId: string; readonly apiKey: string }
  /** Records that exist on every start, unless a seed replaces them. */
  readonly demo: {
    readonly userId: string
    readonly contactId: string
    readonly dealId: string
    readonly noteId: string
    /** The demo contact's ASAP action. */
    readonly actionId: string
  }
}

/**
 * The S3 emulator that takes OnePageCRM's (or any) browser POST uploads, path-style or virtual-hosted (the
 * bucket in the Host: `<bucket>.s3.<region>.amazonaws.com`).
 */
export interface S3Info {
  /**
   * `http://127.0.0.1:<port>` (`https://s3.<region>.amazonaws.com` under `interceptVendors()`, where
   * `https://<bucket>.s3.<region>.amazonaws.com` answers too): a bucket's path-style URL is `<url>/<bucket>`.
   */
  readonly url: string
  readonly region: string
  /** The bucket OnePageCRM's upload form names (the first of `buckets`). */
  readonly bucket: string
  /**
   * The buckets hosted now: those it started with, then those `POST /__admin/seed` (`{"buckets": [...]}`)
   * added since the start or the last reset. Read live in the process that started the mocks; a copy
   * (`--json`, what a test runner's setup passes on) is the list when it was made.
   */
  readonly buckets: readonly string[]
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
}

/**
 * What started: one entry per service. Plain data (S3's `buckets` a getter): it is what `--json` prints and
 * what test runners pass on.
 */
export interface MocksInfo {
  readonly sharpspring?: SharpSpringInfo
  readonly onepagecrm?: OnePageCrmInfo
  readonly s3?: S3Info
}
