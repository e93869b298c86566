/** How the OnePageCRM API behaves where the vendor lets an account differ. Defaults in `createApiConfig`. */
export interface ApiConfig {
  /** Storage per user of the account: "each account has 1 GB of storage per user" (spec, s3_form). */
  readonly quotaPerUserBytes: number
  /** Largest file the upload form allows: 10 MB = 10485760 bytes (spec; Java SDK MAX_SIZE_BYTES). */
  readonly maxFileBytes: number
  /** Seconds an s3_form policy stays valid (undocumented; about an hour is inferred). */
  readonly formTtlSeconds: number
  /** Seconds an attachment's download `url` stays valid (the spec's example: about an hour). */
  readonly attachmentUrlTtlSeconds: number
  /** Answer like the vendor's rate limiter: about 5 requests a second, bursts of 10, per client. */
  readonly throttle: boolean
  /**
   * Largest JSON request body read, in bytes; a longer one is refused with 413 before any of it is kept.
   * The vendor documents no limit: 1 MiB (inferred, FIDELITY.md) holds any record its fields allow.
   */
  readonly maxJsonBodyBytes: number
}

export function createApiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    quotaPerUserBytes: 1024 * 1024 * 1024,
    maxFileBytes: 10 * 1024 * 1024,
    formTtlSeconds: 3600,
    attachmentUrlTtlSeconds: 3600,
    throttle: false,
    maxJsonBodyBytes: 1024 * 1024,
    ...overrides,
  }
}
