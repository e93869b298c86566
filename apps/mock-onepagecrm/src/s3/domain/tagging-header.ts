import type { Tag } from '@crmkit/s3-post-policy'
import { invalidTag as invalidTagFailure, type S3Failure } from './s3-failures.js'

/** "You can associate up to 10 tags with an object." (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html) */
const MAX_TAGS = 10
/** "A tag key can be up to 128 Unicode characters in length, and tag values can be up to 256." */
const MAX_KEY = 128
const MAX_VALUE = 256

/**
 * PutObject's `x-amz-tagging`: "The tag-set must be encoded as URL Query parameters. (For example,
 * "Key1=Value1")" (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html), within the limits
 * above and with distinct keys; a refusal is 400 InvalidTag (texts inferred).
 */
export function readTaggingHeader(
  header: string | undefined,
): { readonly ok: true; readonly tags: Tag[] } | { readonly ok: false; readonly error: S3Failure } {
  if (header === undefined || header === '') return { ok: true, tags: [] }
  const tags: Tag[] = []
  for (const [key, value] of new URLSearchParams(header)) {
    if (key === '' || [...key].length > MAX_KEY) return invalidTag('The TagKey you have provided is invalid')
    if ([...value].length > MAX_VALUE) return invalidTag('The TagValue you have provided is invalid')
    if (tags.some((tag) => tag.key === key))
      return invalidTag('Cannot provide multiple Tags with the same key')
    tags.push({ key, value })
  }
  if (tags.length > MAX_TAGS) return invalidTag('Object tags cannot be greater than 10')
  return { ok: true, tags }
}

const invalidTag = (message: string) => ({ ok: false as const, error: invalidTagFailure(message) })
