/**
 * S3's answers to a refused POST upload, as values. Status, Code, Message and the extra XML elements
 * (in the order S3 writes them between `Message` and `RequestId`) follow the failure table of
 * docs/s3-post-policy-rules.md; the row numbers below are that table's.
 */
export interface S3PostFailure {
  readonly status: number
  readonly code: string
  readonly message: string
  /** Extra elements of the `<Error>` document, in order. */
  readonly details: ReadonlyArray<readonly [name: string, value: string]>
}

const failure = (
  status: number,
  code: string,
  message: string,
  details: ReadonlyArray<readonly [string, string]> = [],
): S3PostFailure => ({ status, code, message, details })

const POLICY_PREFIX = 'Invalid according to Policy: '

/** Rows 4, 5, 6, 23: a required field is missing. Note S3's two spaces after the first sentence. */
export const missingField = (argumentName: string): S3PostFailure =>
  failure(
    400,
    'InvalidArgument',
    `Bucket POST must contain a field named '${argumentName}'.  If it is specified, please check the order of the fields.`,
    [
      ['ArgumentName', argumentName],
      ['ArgumentValue', ''],
    ],
  )

/** Rows 3 and 7. */
export const accessDenied = (): S3PostFailure => failure(403, 'AccessDenied', 'Access Denied')

/** Row 1. */
export const policyExpired = (): S3PostFailure =>
  failure(403, 'AccessDenied', `${POLICY_PREFIX}Policy expired.`)

/** Row 2. `StringToSignBytes` is the policy text's bytes as two-digit lowercase hex, space separated. */
export const signatureDoesNotMatch = (
  accessKeyId: string,
  stringToSign: string,
  signatureProvided: string,
  stringToSignBytes: string,
): S3PostFailure =>
  failure(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    [
      ['AWSAccessKeyId', accessKeyId],
      ['StringToSign', stringToSign],
      ['SignatureProvided', signatureProvided],
      ['StringToSignBytes', stringToSignBytes],
    ],
  )

/** Rows 8-12: the policy document cannot be used. */
export const invalidPolicyDocument = (reason: string): S3PostFailure =>
  failure(400, 'InvalidPolicyDocument', `Invalid Policy: ${reason}`)

/** Rows 13 and 14. */
export const extraInputField = (name: string): S3PostFailure =>
  failure(403, 'AccessDenied', `${POLICY_PREFIX}Extra input fields: ${name}`)

/** Rows 15-19 and 24: `condition` is the failing condition printed as S3 prints it. */
export const conditionFailed = (condition: string): S3PostFailure =>
  failure(403, 'AccessDenied', `${POLICY_PREFIX}Policy Condition failed: ${condition}`)

/** Row 20. */
export const entityTooLarge = (proposedSize: number, maxSizeAllowed: number): S3PostFailure =>
  failure(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', [
    ['ProposedSize', String(proposedSize)],
    ['MaxSizeAllowed', String(maxSizeAllowed)],
  ])

/** Row 21 (element order inferred). */
export const entityTooSmall = (proposedSize: number, minSizeAllowed: number): S3PostFailure =>
  failure(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', [
    ['ProposedSize', String(proposedSize)],
    ['MinSizeAllowed', String(minSizeAllowed)],
  ])

/** Row 22. */
export const missingFile = (): S3PostFailure =>
  failure(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', [
    ['ArgumentName', 'file'],
    ['ArgumentValue', '0'],
  ])

/** Row 26. */
export const invalidAccessKeyId = (accessKeyId: string): S3PostFailure =>
  failure(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', [
    ['AWSAccessKeyId', accessKeyId],
  ])

/** Row 27. */
export const wrongRegion = (credential: string, given: string, expected: string): S3PostFailure =>
  failure(400, 'InvalidArgument', `the region '${given}' is wrong; expecting '${expected}'`, [
    ['ArgumentName', 'X-Amz-Credential'],
    ['ArgumentValue', credential],
    ['Region', expected],
  ])

/**
 * A malformed `x-amz-credential`, `x-amz-algorithm` or `x-amz-date`. S3's POST answer is unrecorded;
 * these are the texts S3 gives for the same query-string parameters (inferred, see FIDELITY.md).
 */
export const invalidSigningArgument = (argumentName: string, value: string, message: string): S3PostFailure =>
  failure(400, 'InvalidArgument', message, [
    ['ArgumentName', argumentName],
    ['ArgumentValue', value],
  ])

/** Row 28. "preceeding" is S3's spelling. */
export const maxPostPreDataLengthExceeded = (limit: number): S3PostFailure =>
  failure(
    400,
    'MaxPostPreDataLengthExceeded',
    'Your POST request fields preceeding the upload file was too large.',
    [['MaxPostPreDataLengthBytes', String(limit)]],
  )

/** Row 25. */
export const notMultipart = (): S3PostFailure =>
  failure(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', [
    ['Condition', 'Bucket POST must be of the enclosure-type multipart/form-data'],
  ])

/** Row 29. */
export const malformedPostRequest = (): S3PostFailure =>
  failure(
    400,
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
  )

/** Row 30. */
export const invalidStorageClass = (requested: string): S3PostFailure =>
  failure(400, 'InvalidStorageClass', 'The storage class you specified is not valid', [
    ['StorageClassRequested', requested],
  ])

/** Row 31. */
export const malformedXml = (): S3PostFailure =>
  failure(
    400,
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  )

/** An `acl` that is not a canned ACL (status and code from AWS docs; message inferred). */
export const invalidAcl = (acl: string): S3PostFailure =>
  failure(400, 'InvalidArgument', `Invalid canned ACL: ${acl}`, [
    ['ArgumentName', 'x-amz-acl'],
    ['ArgumentValue', acl],
  ])
