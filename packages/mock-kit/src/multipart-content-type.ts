import { parseHeaderParams } from './header-params.js'

/** Whether a Content-Type is `multipart/form-data` (boundary or not). */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? '')
}

/**
 * The boundary of a multipart Content-Type, read as busboy reads it (quoted or not, first one kept);
 * `undefined` when there is none, it is empty (RFC 2046 wants 1 to 70 characters) or the parameters are
 * malformed.
 */
export function multipartBoundary(contentType: string): string | undefined {
  const boundary = parseHeaderParams(contentType)?.get('boundary')
  return boundary === '' ? undefined : boundary
}
