import { spacedHexBytes, timingSafeEqual } from './encoding.js'
import {
  accessDenied,
  invalidAccessKeyId,
  invalidSigningArgument,
  missingField,
  policyExpired,
  signatureDoesNotMatch,
  wrongRegion,
} from './failures.js'
import { type FormFieldEntry, normalizeFormFields, type PostFormFields } from './form-fields.js'
import { type ParsedPolicy, parsePolicy } from './policy-document.js'
import { fail, ok, type PostPolicyResult } from './result.js'
import { parseAmzDate, parseCredential, signStringV2, signV4 } from './sigv4.js'

export interface VerifyOptions {
  /** The instant the request is judged at (inject a clock for deterministic expiry). */
  readonly now: Date
  /** The bucket's region: a credential scoped to another region is refused (failure table row 27). */
  readonly region: string
  /** The secret of an access key id, or `undefined` when the id is unknown (row 26). */
  readonly lookupSecret: (accessKeyId: string) => string | undefined
  /** Accept forms with no policy and no signature, as a publicly writable bucket does. Default `false` (row 3). */
  readonly allowAnonymous?: boolean
}

export interface PostFormInput {
  /** The bucket the request was sent to: `bucket` conditions compare against it, not against a form field. */
  readonly bucket: string
  /** The fields before the file part, in order, as received. Fields after `file` must not be included. */
  readonly fields: readonly FormFieldEntry[]
  /** The file part's `filename` parameter; `undefined` when the part has none. */
  readonly filename?: string | undefined
}

export type SignatureVersion = 'v4' | 'v2' | 'anonymous'

/** A form whose signature and policy are good (steps 3-8); its conditions are still to be checked. */
export interface AuthenticatedPostForm {
  readonly bucket: string
  /** The object key, `${filename}` expanded. */
  readonly key: string
  readonly fields: PostFormFields
  /** `undefined` for an anonymous upload. */
  readonly policy: ParsedPolicy | undefined
  readonly signatureVersion: SignatureVersion
  readonly accessKeyId: string | undefined
  /**
   * The largest file the policy can accept (the smallest numeric `content-length-range` maximum), so a
   * server can stop storing bytes as soon as an upload passes it. `undefined` when unbounded.
   */
  readonly maxFileSize: number | undefined
}

const V4_FIELDS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature'] as const
const V2_FIELDS = ['AWSAccessKeyId', 'Signature'] as const
const ALGORITHM = 'AWS4-HMAC-SHA256'
const CREDENTIAL_FORMAT = 'expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'

/**
 * Steps 3-8 of the check order in docs/s3-post-policy-rules.md: key present, authentication mode,
 * credential, signature over the policy text as received, policy document, expiration. Call it when the
 * file part begins; everything it needs comes before the file.
 */
export async function authenticatePostForm(
  input: PostFormInput,
  options: VerifyOptions,
): Promise<PostPolicyResult<AuthenticatedPostForm>> {
  const fields = normalizeFormFields(input.fields, input.filename)
  // 3. The key is required ("Bucket POST must contain a field named 'key'").
  const key = fields.get('key')
  if (key === undefined) return fail(missingField('key'))

  // 4. Authentication mode (docs/s3-post-policy-rules.md, "Authentication modes").
  const policyText = fields.get('policy')
  const usesV4 = V4_FIELDS.some((name) => fields.has(name))
  const usesV2 = !usesV4 && V2_FIELDS.some((name) => fields.has(name))
  const base = { bucket: input.bucket, key, fields }
  if (!usesV4 && !usesV2) {
    if (policyText !== undefined) return fail(accessDenied())
    if (!options.allowAnonymous) return fail(accessDenied())
    return ok({
      ...base,
      policy: undefined,
      signatureVersion: 'anonymous',
      accessKeyId: undefined,
      maxFileSize: undefined,
    })
  }
  if (policyText === undefined) return fail(missingField('policy'))
  const missing = (usesV4 ? V4_FIELDS : V2_FIELDS).find((name) => !fields.has(name))
  if (missing !== undefined) return fail(missingField(missing))

  // 5-6. Credential and signature.
  const signed = usesV4
    ? await checkSigV4(fields, policyText, options)
    : await checkSigV2(fields, policyText, options)
  if (!signed.ok) return signed

  // 7. The policy document.
  const parsed = parsePolicy(policyText)
  if (!parsed.ok) return parsed
  const policy = parsed.value

  // 8. Expiration: the policy is good strictly before its instant (the exact instant is unrecorded).
  if (options.now.getTime() >= policy.expiration.getTime()) return fail(policyExpired())

  return ok({
    ...base,
    policy,
    signatureVersion: usesV4 ? 'v4' : 'v2',
    accessKeyId: signed.value,
    maxFileSize: maxFileSize(policy),
  })
}

async function checkSigV4(
  fields: PostFormFields,
  policyText: string,
  options: VerifyOptions,
): Promise<PostPolicyResult<string>> {
  const algorithm = fields.get('x-amz-algorithm') ?? ''
  const credential = fields.get('x-amz-credential') ?? ''
  const amzDate = fields.get('x-amz-date') ?? ''
  const provided = fields.get('x-amz-signature') ?? ''
  if (algorithm !== ALGORITHM) {
    return fail(
      invalidSigningArgument('X-Amz-Algorithm', algorithm, `X-Amz-Algorithm only supports "${ALGORITHM}"`),
    )
  }
  const scope = parseCredential(credential)
  if (scope === undefined || !/^\d{8}$/.test(scope.dateStamp)) {
    return fail(
      invalidSigningArgument(
        'X-Amz-Credential',
        credential,
        `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; ${CREDENTIAL_FORMAT}`,
      ),
    )
  }
  if (scope.region !== options.region) return fail(wrongRegion(credential, scope.region, options.region))
  if (scope.service !== 's3') {
    return fail(
      invalidSigningArgument(
        'X-Amz-Credential',
        credential,
        `Error parsing the X-Amz-Credential parameter; incorrect service "${scope.service}". This endpoint belongs to "s3".`,
      ),
    )
  }
  if (scope.terminator !== 'aws4_request') {
    return fail(
      invalidSigningArgument(
        'X-Amz-Credential',
        credential,
        `Error parsing the X-Amz-Credential parameter; incorrect terminal "${scope.terminator}". This endpoint uses "aws4_request".`,
      ),
    )
  }
  if (parseAmzDate(amzDate) === undefined) {
    return fail(
      invalidSigningArgument(
        'X-Amz-Date',
        amzDate,
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
      ),
    )
  }
  const secret = options.lookupSecret(scope.accessKeyId)
  if (secret === undefined) return fail(invalidAccessKeyId(scope.accessKeyId))

  // The string to sign is the policy field exactly as received; there is no canonical request
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
  const expected = await signV4(secret, scope, policyText)
  if (!timingSafeEqual(expected, provided)) return fail(mismatch(scope.accessKeyId, policyText, provided))
  return ok(scope.accessKeyId)
}

async function checkSigV2(
  fields: PostFormFields,
  policyText: string,
  options: VerifyOptions,
): Promise<PostPolicyResult<string>> {
  const accessKeyId = fields.get('awsaccesskeyid') ?? ''
  const provided = fields.get('signature') ?? ''
  const secret = options.lookupSecret(accessKeyId)
  if (secret === undefined) return fail(invalidAccessKeyId(accessKeyId))
  const expected = await signStringV2(secret, policyText)
  if (!timingSafeEqual(expected, provided)) return fail(mismatch(accessKeyId, policyText, provided))
  return ok(accessKeyId)
}

function mismatch(accessKeyId: string, policyText: string, provided: string) {
  return signatureDoesNotMatch(accessKeyId, policyText, provided, spacedHexBytes(policyText))
}

function maxFileSize(policy: ParsedPolicy): number | undefined {
  let max: number | undefined
  for (const condition of policy.conditions) {
    if (condition.kind !== 'content-length-range' || condition.max === undefined) continue
    max = max === undefined ? condition.max : Math.min(max, condition.max)
  }
  return max
}
