import type { StoredObject } from './stored-object.js'

/** What the conditional headers of a GET or HEAD make of an existing object. */
export type ConditionOutcome =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'precondition-failed'; readonly condition: 'If-Match' | 'If-Unmodified-Since' }

export interface ConditionalHeaders {
  readonly ifMatch?: string | undefined
  readonly ifNoneMatch?: string | undefined
  readonly ifModifiedSince?: string | undefined
  readonly ifUnmodifiedSince?: string | undefined
}

/**
 * Evaluates GetObject's and HeadObject's conditional headers in RFC 9110's order (§13.2.2, as RFC 7232 §6
 * before it): If-Match, else If-Unmodified-Since (412); then If-None-Match, else If-Modified-Since (304). A
 * date condition is ignored when its entity-tag partner is present, which gives the pairs AWS documents
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): If-Match true with
 * If-Unmodified-Since false is 200; If-None-Match false with If-Modified-Since true is 304. A date that is
 * not an HTTP-date is ignored (RFC 9110 §13.1.3, §13.1.4).
 */
export function evaluateConditions(object: StoredObject, headers: ConditionalHeaders): ConditionOutcome {
  // Last-Modified is sent with whole seconds, so a client's copy of it compares equal.
  const modifiedAt = Math.floor(Date.parse(object.lastModified) / 1000)
  if (headers.ifMatch !== undefined) {
    if (!matchesAny(headers.ifMatch, object.etag, 'strong'))
      return { kind: 'precondition-failed', condition: 'If-Match' }
  } else {
    const since = httpDateSeconds(headers.ifUnmodifiedSince)
    if (since !== undefined && modifiedAt > since)
      return { kind: 'precondition-failed', condition: 'If-Unmodified-Since' }
  }
  if (headers.ifNoneMatch !== undefined) {
    if (matchesAny(headers.ifNoneMatch, object.etag, 'weak')) return { kind: 'not-modified' }
  } else {
    const since = httpDateSeconds(headers.ifModifiedSince)
    if (since !== undefined && modifiedAt <= since) return { kind: 'not-modified' }
  }
  return { kind: 'proceed' }
}

/**
 * Whether a list of entity tags (`"a", W/"b"`, or `*`) names `etag`. S3's ETags are strong; If-Match
 * compares strongly, so a weak tag never matches (RFC 9110 §8.8.3.2), If-None-Match weakly. A tag sent
 * without quotes is read as the quoted one: S3 accepts `If-Match: <md5>` too [inferred].
 */
export function matchesAny(list: string, etag: string, comparison: 'strong' | 'weak'): boolean {
  const wanted = unquote(etag)
  for (const raw of list.split(',')) {
    const tag = raw.trim()
    if (tag === '*') return true
    const weak = tag.startsWith('W/')
    if (weak && comparison === 'strong') continue
    if (unquote(weak ? tag.slice(2) : tag) === wanted) return true
  }
  return false
}

const unquote = (tag: string) =>
  tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"') ? tag.slice(1, -1) : tag

/**
 * An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, or the obsolete RFC 850 and asctime forms) as whole seconds
 * since the epoch; `undefined` when absent or not a date.
 */
export function httpDateSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^[A-Za-z]{3,9},? /.test(value.trim())) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000)
}
