import { authenticationMode, V2_FIELDS, V4_FIELDS } from './auth-mode.js'
import { NO_TRACE, type PostCheckDetail, type PostCheckTrace } from './check-trace.js'
import { spacedHexBytes, timingSafeEqual, utf8Bytes } from './encoding.js'
import {
  accessDenied,
  invalidAccessKeyId,
  invalidSigningArgument,
  missingField,
  policyExpired,
  type S3PostFailure,
  signatureDoesNotMatch,
  wrongRegion,
} from './failures.js'
import { type FormFieldEntry, normalizeFormFields, type PostFormFields } from './form-fields.js'
import { type ParsedPolicy, readPolicy } from './policy-document.js'
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
  /** A server's own rule for object keys, checked right after the key is found (step 3). */
  readonly keyRule?: KeyRule | undefined
  /** Reports each check as it is made, for an explanation of the verdict (see `explainPostChecks`). */
  readonly trace?: PostCheckTrace | undefined
}

/** A rule a server holds object keys to (S3's 1,024 bytes, say), with its words for the explanation. */
export interface KeyRule {
  /** What the rule asks for, e.g. `1 to 1024 bytes of UTF-8`. */
  readonly expected: string
  /** The failure to answer for a key the server cannot store, else `undefined`. */
  readonly refuse: (key: string) => S3PostFailure | undefined
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

const ALGORITHM = 'AWS4-HMAC-SHA256'
const CREDENTIAL_FORMAT = 'expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'

/**
 * Steps 3-8 of the check order in docs/s3-post-policy-rules.md: key present, authentication mode,
 * credential, signature over the policy text as received, policy document, expiration. Call it when the
 * file part begins; everything it needs comes before the file. Each check is reported to `options.trace`
 * under its step of `planPostChecks`.
 */
export async function authenticatePostForm(
  input: PostFormInput,
  options: VerifyOptions,
): Promise<PostPolicyResult<AuthenticatedPostForm>> {
  const trace = options.trace ?? NO_TRACE
  const refuse = refuser(trace)
  const fields = normalizeFormFields(input.fields, input.filename)
  // 3. The key is required ("Bucket POST must contain a field named 'key'").
  const key = fields.get('key')
  if (key === undefined) {
    return refuse('key', { expected: 'a "key" field before the file', got: 'none' }, missingField('key'))
  }
  trace.passed('key', { got: key })
  if (options.keyRule !== undefined) {
    const { expected, refuse: refuseKey } = options.keyRule
    const got = `${utf8Bytes(key).length} bytes of UTF-8`
    const refused = refuseKey(key)
    if (refused !== undefined) return refuse('object-key', { expected, got }, refused)
    trace.passed('object-key', { expected, got })
  }

  // 4. Authentication mode (docs/s3-post-policy-rules.md, "Authentication modes").
  const policyText = fields.get('policy')
  const mode = authenticationMode(fields)
  const base = { bucket: input.bucket, key, fields }
  if (mode === 'unsigned') {
    const expected = 'a policy with X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date and X-Amz-Signature'
    if (policyText !== undefined)
      return refuse('signing-fields', { expected, got: 'a policy without signing fields' }, accessDenied())
    if (!options.allowAnonymous) {
      return refuse(
        'signing-fields',
        {
          expected: `${expected} (the bucket is not publicly writable)`,
          got: 'no policy, no signing fields',
        },
        accessDenied(),
      )
    }
    trace.passed('signing-fields', { got: 'none: an anonymous upload to a publicly writable bucket' })
    return ok({
      ...base,
      policy: undefined,
      signatureVersion: 'anonymous',
      accessKeyId: undefined,
      maxFileSize: undefined,
    })
  }
  const required = ['policy', ...(mode === 'v4' ? V4_FIELDS : V2_FIELDS)]
  const signingFields = {
    expected: required.join(', '),
    got: required.filter((name) => fields.has(name)).join(', ') || 'none',
  }
  if (policyText === undefined) return refuse('signing-fields', signingFields, missingField('policy'))
  const missing = (mode === 'v4' ? V4_FIELDS : V2_FIELDS).find((name) => !fields.has(name))
  if (missing !== undefined) return refuse('signing-fields', signingFields, missingField(missing))
  trace.passed('signing-fields', signingFields)

  // 5-6. Credential and signature.
  const signed =
    mode === 'v4'
      ? await checkSigV4(fields, policyText, options, trace)
      : await checkSigV2(fields, policyText, options, trace)
  if (!signed.ok) return signed

  // 7. The policy document.
  const document = readPolicy(policyText)
  const documentCheck = { expected: 'base64 of a JSON object with "expiration" and "conditions"' }
  if (!document.result.ok)
    return refuse('policy-document', { ...documentCheck, got: document.problem }, document.result.error)
  const policy = document.result.value
  trace.passed('policy-document', { ...documentCheck, got: `${policy.conditions.length} conditions` })

  // 8. Expiration: the policy is good strictly before its instant (the exact instant is unrecorded).
  const expiration = { expected: `before ${policy.expirationText}`, got: `now ${options.now.toISOString()}` }
  if (options.now.getTime() >= policy.expiration.getTime())
    return refuse('expiration', expiration, policyExpired())
  trace.passed('expiration', expiration)

  return ok({
    ...base,
    policy,
    signatureVersion: mode,
    accessKeyId: signed.value,
    maxFileSize: maxFileSize(policy),
  })
}

/** Reports a failed check, then answers with its failure. */
const refuser =
  (trace: PostCheckTrace) =>
  <T>(step: string, detail: PostCheckDetail, failure: S3PostFailure): PostPolicyResult<T> => {
    trace.failed(step, detail)
    return fail(failure)
  }

// A signature check never shows a signature: only whether the form's matched.
const SIGNATURE_MATCHES = 'signature matches'
const SIGNATURE_DIFFERS = "does not match the policy signed with the credential's key"

async function checkSigV4(
  fields: PostFormFields,
  policyText: string,
  options: VerifyOptions,
  trace: PostCheckTrace,
): Promise<PostPolicyResult<string>> {
  const refuse = refuser(trace)
  const algorithm = fields.get('x-amz-algorithm') ?? ''
  const credential = fields.get('x-amz-credential') ?? ''
  const amzDate = fields.get('x-amz-date') ?? ''
  const provided = fields.get('x-amz-signature') ?? ''
  const algorithmCheck = { expected: ALGORITHM, got: algorithm }
  if (algorithm !== ALGORITHM) {
    return refuse(
      'algorithm',
      algorithmCheck,
      invalidSigningArgument('X-Amz-Algorithm', algorithm, `X-Amz-Algorithm only supports "${ALGORITHM}"`),
    )
  }
  trace.passed('algorithm', algorithmCheck)
  const credentialCheck = {
    expected: `<access key id>/<YYYYMMDD>/${options.region}/s3/aws4_request`,
    got: credential,
  }
  const badCredential = (message: string) =>
    refuse<string>(
      'credential',
      credentialCheck,
      invalidSigningArgument('X-Amz-Credential', credential, message),
    )
  const scope = parseCredential(credential)
  if (scope === undefined || !/^\d{8}$/.test(scope.dateStamp)) {
    return badCredential(
      `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; ${CREDENTIAL_FORMAT}`,
    )
  }
  if (scope.region !== options.region) {
    return refuse('credential', credentialCheck, wrongRegion(credential, scope.region, options.region))
  }
  if (scope.service !== 's3') {
    return badCredential(
      `Error parsing the X-Amz-Credential parameter; incorrect service "${scope.service}". This endpoint belongs to "s3".`,
    )
  }
  if (scope.terminator !== 'aws4_request') {
    return badCredential(
      `Error parsing the X-Amz-Credential parameter; incorrect terminal "${scope.terminator}". This endpoint uses "aws4_request".`,
    )
  }
  trace.passed('credential', credentialCheck)
  const dateCheck = { expected: "ISO 8601 basic: yyyyMMdd'T'HHmmss'Z'", got: amzDate }
  if (parseAmzDate(amzDate) === undefined) {
    return refuse(
      'date',
      dateCheck,
      invalidSigningArgument(
        'X-Amz-Date',
        amzDate,
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
      ),
    )
  }
  trace.passed('date', dateCheck)
  const secret = lookup(scope.accessKeyId, options, trace)
  if (!secret.ok) return secret

  // The string to sign is the policy field exactly as received; there is no canonical request
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
  const expected = await signV4(secret.value, scope, policyText)
  const signatureCheck = { expected: "the policy signed with the credential's key (SigV4)" }
  if (!timingSafeEqual(expected, provided)) {
    return refuse(
      'signature',
      { ...signatureCheck, got: SIGNATURE_DIFFERS },
      mismatch(scope.accessKeyId, policyText, provided),
    )
  }
  trace.passed('signature', { ...signatureCheck, got: SIGNATURE_MATCHES })
  return ok(scope.accessKeyId)
}

async function checkSigV2(
  fields: PostFormFields,
  policyText: string,
  options: VerifyOptions,
  trace: PostCheckTrace,
): Promise<PostPolicyResult<string>> {
  const accessKeyId = fields.get('awsaccesskeyid') ?? ''
  const provided = fields.get('signature') ?? ''
  const secret = lookup(accessKeyId, options, trace)
  if (!secret.ok) return secret
  const expected = await signStringV2(secret.value, policyText)
  const signatureCheck = { expected: "the policy signed with the access key's secret (HMAC-SHA1)" }
  if (!timingSafeEqual(expected, provided)) {
    trace.failed('signature', { ...signatureCheck, got: SIGNATURE_DIFFERS })
    return fail(mismatch(accessKeyId, policyText, provided))
  }
  trace.passed('signature', { ...signatureCheck, got: SIGNATURE_MATCHES })
  return ok(accessKeyId)
}

/** The secret of the access key id (row 26), which never leaves this function but as the signing key. */
function lookup(
  accessKeyId: string,
  options: VerifyOptions,
  trace: PostCheckTrace,
): PostPolicyResult<string> {
  const detail = { expected: 'an access key id the server knows', got: accessKeyId }
  const secret = options.lookupSecret(accessKeyId)
  if (secret === undefined) {
    trace.failed('access-key', detail)
    return fail(invalidAccessKeyId(accessKeyId))
  }
  trace.passed('access-key', detail)
  return ok(secret)
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
