import { type CrmkitErrorCode, isCrmkitError } from '../errors/crmkit-error.js'

/** What `crmkit` exits with, so scripts can tell failure kinds apart. */
export const EXIT = {
  ok: 0,
  /** A bug in crmkit. */
  unexpected: 1,
  /** Wrong flags or options. */
  usage: 2,
  /** The CRM or S3 refused (an API error code, an S3 error, some objects failed). */
  refused: 3,
  /** The file: unreadable, or against the upload policy. */
  file: 4,
  /** Network, timeout, or an HTTP status the vendor's format does not explain. */
  network: 5,
  /** An answer that does not match the vendor's documented format. */
  invalidResponse: 6,
  /** Interrupted (Ctrl-C), as shells report SIGINT. */
  aborted: 130,
} as const

const BY_CODE: Readonly<Record<CrmkitErrorCode, number>> = {
  CRMKIT_INVALID_OPTIONS: EXIT.usage,
  CRMKIT_INVALID_FILE: EXIT.file,
  CRMKIT_POLICY_VIOLATION: EXIT.file,
  CRMKIT_SHARPSPRING_API: EXIT.refused,
  CRMKIT_SHARPSPRING_PARTIAL: EXIT.refused,
  CRMKIT_ONEPAGECRM_API: EXIT.refused,
  CRMKIT_ONEPAGECRM_THROTTLED: EXIT.refused,
  CRMKIT_S3: EXIT.refused,
  CRMKIT_HTTP_STATUS: EXIT.network,
  CRMKIT_NETWORK: EXIT.network,
  CRMKIT_TIMEOUT: EXIT.network,
  CRMKIT_INVALID_RESPONSE: EXIT.invalidResponse,
  CRMKIT_ABORTED: EXIT.aborted,
}

export const exitCodeOf = (error: unknown): number =>
  isCrmkitError(error) ? BY_CODE[error.code] : EXIT.unexpected
