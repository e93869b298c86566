import { failures, type S3PostFailure, spacedHexBytes } from '@crmkit/s3-post-policy'

/** Every S3 error the emulator answers: status, Code, Message and extra elements (rendered as S3's XML). */
export type S3Failure = S3PostFailure

const failure = (
  status: number,
  code: string,
  message: string,
  details: ReadonlyArray<readonly [string, string]> = [],
): S3Failure => ({ status, code, message, details })

/** The POST-upload failures (the failure table of docs/s3-post-policy-rules.md), from the policy engine. */
export const postFailures = failures

// The rest follow AWS's error-code list, with texts as S3 sends them:
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
export const noSuchBucket = (bucket: string) =>
  failure(404, 'NoSuchBucket', 'The specified bucket does not exist', [['BucketName', bucket]])

export const noSuchKey = (key: string) =>
  failure(404, 'NoSuchKey', 'The specified key does not exist.', [['Key', key]])

export const accessDenied = () => failure(403, 'AccessDenied', 'Access Denied')

export const requestExpired = (expires: string, expiresAt: string, serverTime: string) =>
  failure(403, 'AccessDenied', 'Request has expired', [
    ['X-Amz-Expires', expires],
    ['Expires', expiresAt],
    ['ServerTime', serverTime],
  ])

export const requestNotYetValid = (amzDate: string, serverTime: string) =>
  failure(403, 'AccessDenied', 'Request is not valid yet', [
    ['X-Amz-Date', amzDate],
    ['ServerTime', serverTime],
  ])

export const authorizationQueryParametersError = (
  message: string,
  details: ReadonlyArray<readonly [string, string]> = [],
) => failure(400, 'AuthorizationQueryParametersError', message, details)

/** POST's `SignatureDoesNotMatch`, plus the canonical request that query authentication signs. */
export const querySignatureDoesNotMatch = (
  accessKeyId: string,
  stringToSign: string,
  signatureProvided: string,
  canonicalRequest: string,
): S3Failure => {
  const base = failures.signatureDoesNotMatch(
    accessKeyId,
    stringToSign,
    signatureProvided,
    spacedHexBytes(stringToSign),
  )
  return {
    ...base,
    details: [
      ...base.details,
      ['CanonicalRequest', canonicalRequest],
      ['CanonicalRequestBytes', spacedHexBytes(canonicalRequest)],
    ],
  }
}

export const invalidRange = (size: number) =>
  failure(416, 'InvalidRange', 'The requested range is not satisfiable', [
    ['RangeRequested', ''],
    ['ActualObjectSize', String(size)],
  ])

export const corsNotEnabled = () => failure(403, 'CORSResponse', 'CORS is not enabled for this bucket.')

export const corsOriginMissing = () =>
  failure(400, 'BadRequest', 'Insufficient information. Origin request header needed.')

export const notImplemented = (what: string) =>
  failure(
    501,
    'NotImplemented',
    `A header you provided implies functionality that is not implemented (${what} is not emulated by crmkit)`,
  )
