import type { PostFormFields } from './form-fields.js'

export const V4_FIELDS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature'] as const
export const V2_FIELDS = ['AWSAccessKeyId', 'Signature'] as const

/**
 * How a form authenticates (docs/s3-post-policy-rules.md, "Authentication modes"): any SigV4 field makes it
 * SigV4, else any SigV2 field SigV2, else it is unsigned.
 */
export function authenticationMode(fields: PostFormFields): 'v4' | 'v2' | 'unsigned' {
  if (V4_FIELDS.some((name) => fields.has(name))) return 'v4'
  if (V2_FIELDS.some((name) => fields.has(name))) return 'v2'
  return 'unsigned'
}
