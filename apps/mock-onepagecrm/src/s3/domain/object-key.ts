import type { KeyRule } from '@crmkit/s3-post-policy'
import { emptyKey, keyTooLong, type S3Failure } from './s3-failures.js'

/** "The name for a key is a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long." */
export const MAX_KEY_BYTES = 1024

/**
 * The one check of an object key, for every request that names one: 1 to 1,024 bytes of UTF-8
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). Any such key is accepted, `.`
 * and `..` segments, control characters and all: the GET route reads the request path unnormalised, so
 * every stored key can be read back by percent-encoding it.
 */
export function checkObjectKey(key: string): S3Failure | undefined {
  if (key === '') return emptyKey()
  const size = Buffer.byteLength(key, 'utf8')
  return size > MAX_KEY_BYTES ? keyTooLong(size, MAX_KEY_BYTES) : undefined
}

/** {@link checkObjectKey} as the POST policy engine takes it, right after the form's key is found. */
export const OBJECT_KEY_RULE: KeyRule = {
  expected: `1 to ${MAX_KEY_BYTES} bytes of UTF-8`,
  refuse: checkObjectKey,
}
