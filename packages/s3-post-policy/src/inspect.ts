import type { AuthenticatedPostForm } from './authenticate.js'
import { checkPostConditions } from './check-conditions.js'
import type { PolicyCondition } from './conditions.js'
import { policyExpired, type S3PostFailure } from './failures.js'
import { type FormFieldEntry, normalizeFormFields } from './form-fields.js'
import { type ParsedPolicy, parsePolicy } from './policy-document.js'
import { ok, type PostPolicyResult } from './result.js'

export interface PolicyInspection {
  readonly expiration: Date
  readonly conditions: readonly PolicyCondition[]
  /** The tightest numeric size range of all `content-length-range` conditions, if any. */
  readonly contentLength: { readonly min: number; readonly max: number } | undefined
  /** The conditions on `key`: exact values and prefixes. */
  readonly key: { readonly equals: readonly string[]; readonly startsWith: readonly string[] }
}

/**
 * Reads a base64 policy for a client that wants to check a file before sending it.
 *
 * @example
 * const inspection = inspectPostPolicy(form.fields.policy)
 * if (inspection.ok && inspection.value.contentLength && size > inspection.value.contentLength.max) …
 */
export function inspectPostPolicy(policy: string): PostPolicyResult<PolicyInspection> {
  const parsed = parsePolicy(policy)
  if (!parsed.ok) return parsed
  return ok(describe(parsed.value))
}

function describe(policy: ParsedPolicy): PolicyInspection {
  let contentLength: { min: number; max: number } | undefined
  const equals: string[] = []
  const startsWith: string[] = []
  for (const condition of policy.conditions) {
    if (condition.kind === 'content-length-range') {
      if (condition.min === undefined || condition.max === undefined) continue
      contentLength = {
        min: Math.max(contentLength?.min ?? 0, condition.min),
        max: Math.min(contentLength?.max ?? Number.POSITIVE_INFINITY, condition.max),
      }
    } else if (condition.field === 'key' && condition.referencesField) {
      ;(condition.kind === 'eq' ? equals : startsWith).push(condition.value)
    }
  }
  return {
    expiration: policy.expiration,
    conditions: policy.conditions,
    contentLength,
    key: { equals, startsWith },
  }
}

export interface PrecheckInput {
  /** Every field that will be sent before `file`, including `policy` and `key`. */
  readonly fields: readonly FormFieldEntry[]
  /** The `filename` parameter the file part will carry. */
  readonly filename?: string | undefined
  readonly size: number
  /** The target bucket; when unknown, `bucket` conditions are taken as met. */
  readonly bucket?: string | undefined
  readonly now: Date
}

/**
 * Runs S3's checks that need no secret (policy document, expiry, conditions, extra fields) on a form
 * before it is sent, and returns the failure S3 would answer, or `undefined`. The signature is not checked.
 */
export function precheckPostForm(input: PrecheckInput): S3PostFailure | undefined {
  const fields = normalizeFormFields(input.fields, input.filename)
  const parsed = parsePolicy(fields.get('policy') ?? '')
  if (!parsed.ok) return parsed.error
  if (input.now.getTime() >= parsed.value.expiration.getTime()) return policyExpired()
  const bucket = input.bucket ?? bucketFromPolicy(parsed.value)
  const form: AuthenticatedPostForm = {
    bucket,
    key: fields.get('key') ?? '',
    fields,
    policy: parsed.value,
    signatureVersion: 'v4',
    accessKeyId: undefined,
    maxFileSize: undefined,
  }
  return checkPostConditions(form, input.size)
}

function bucketFromPolicy(policy: ParsedPolicy): string {
  const condition = policy.conditions.find((c) => c.kind === 'eq' && c.field === 'bucket')
  return condition?.kind === 'eq' ? condition.value : ''
}
