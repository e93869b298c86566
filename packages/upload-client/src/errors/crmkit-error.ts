/** Every code a crmkit error can carry; stable across versions, so match on these, not on messages. */
export type CrmkitErrorCode =
  | 'CRMKIT_INVALID_OPTIONS'
  | 'CRMKIT_INVALID_FILE'
  | 'CRMKIT_POLICY_VIOLATION'
  | 'CRMKIT_SHARPSPRING_API'
  | 'CRMKIT_SHARPSPRING_PARTIAL'
  | 'CRMKIT_ONEPAGECRM_API'
  | 'CRMKIT_ONEPAGECRM_THROTTLED'
  | 'CRMKIT_S3'
  | 'CRMKIT_HTTP_STATUS'
  | 'CRMKIT_INVALID_RESPONSE'
  | 'CRMKIT_NETWORK'
  | 'CRMKIT_TIMEOUT'
  | 'CRMKIT_ABORTED'

/** The request an error belongs to; `url` has its secrets redacted. */
export interface ErrorRequest {
  readonly method: string
  readonly url: string
}

export interface CrmkitErrorOptions {
  readonly cause?: unknown
  readonly request?: ErrorRequest | undefined
  /**
   * False for a request refused before it was sent (a policy check): it stays on `request` but the
   * message does not name it, so no one reads it as a request that failed. Default true.
   */
  readonly sent?: boolean
}

/**
 * Shared by every copy of this package loaded in one process (undici's approach), so `instanceof` and
 * `isCrmkitError` work even when two versions of the client sit in `node_modules`.
 */
const BRANDS = Symbol.for('@crmkit/upload-client.error-brands')

interface Branded {
  readonly [BRANDS]?: readonly string[]
}

/**
 * The base of every error the client throws. `code` is stable; `request` names the failed request
 * (secrets redacted), and the message ends with it unless it was never sent; `attempts` says how many
 * times it was sent (0: refused before sending).
 */
export class CrmkitError extends Error {
  /** The class's identity across package copies; each subclass sets its own. */
  static readonly brand: string = 'CrmkitError'

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false
    const brands = (value as Branded)[BRANDS]
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about, a subclass too.
    return Array.isArray(brands) && brands.includes((this as typeof CrmkitError).brand)
  }

  readonly code: CrmkitErrorCode
  readonly request: ErrorRequest | undefined
  /** Attempts made before giving up; set by the retry loop. */
  attempts = 0
  declare readonly [BRANDS]: readonly string[]

  constructor(code: CrmkitErrorCode, message: string, options: CrmkitErrorOptions = {}) {
    const where =
      options.request === undefined || options.sent === false
        ? ''
        : `: ${options.request.method} ${options.request.url}`
    super(`${message}${where}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.request = options.request
    const brands: string[] = []
    for (let type = new.target; type !== undefined && 'brand' in type; type = Object.getPrototypeOf(type)) {
      brands.push((type as typeof CrmkitError).brand)
    }
    Object.defineProperty(this, BRANDS, { value: brands })
    this.name = brands[0] ?? 'CrmkitError'
  }
}

/**
 * Whether `value` is an error of this client (of any installed copy), optionally with the given code.
 *
 * @example
 * if (isCrmkitError(error, 'CRMKIT_POLICY_VIOLATION')) console.warn(error.s3Code)
 */
export function isCrmkitError(value: unknown, code?: CrmkitErrorCode): value is CrmkitError {
  if (typeof value !== 'object' || value === null) return false
  const brands = (value as Branded)[BRANDS]
  if (!Array.isArray(brands) || !brands.includes('CrmkitError')) return false
  return code === undefined || (value as CrmkitError).code === code
}
