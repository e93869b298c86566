import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CANNED_ACLS, failures, STORAGE_CLASSES } from '@crmkit/s3-post-policy'
import { authenticateRequest } from './authenticate-request.js'
import { AwsChunkedDecoder, ChunkedBodyError } from './aws-chunked.js'
import type { SignedRequest } from './canonical-request.js'
import { matchesAny } from './conditional-request.js'
import type { S3Config } from './config.js'
import type { HostedBuckets } from './hosted-buckets.js'
import { checkMetadataSize } from './object-headers.js'
import { checkObjectKey } from './object-key.js'
import type { CommitPrecondition, ObjectStore, PendingUpload } from './object-store.js'
import { type ChecksumRequest, isDigest, PayloadHasher, readChecksumRequest } from './payload-checks.js'
import { readRequestMetadata } from './request-metadata.js'
import {
  badDigest,
  checksumMismatch,
  contentSha256Mismatch,
  incompleteBody,
  invalidDigest,
  malformedChunkedBody,
  malformedTrailer,
  missingContentLength,
  noSuchBucket,
  noSuchKey,
  notImplemented,
  preconditionFailed,
  putEntityTooLarge,
  type S3Failure,
} from './s3-failures.js'
import type { ObjectAttributes, StoredObject } from './stored-object.js'
import { readTaggingHeader } from './tagging-header.js'
import { operationHeader, unsupportedParameter } from './unsupported-parameters.js'

export interface PutObjectDeps {
  readonly config: S3Config
  /** The buckets hosted now (configured, or added while it runs). */
  readonly buckets: HostedBuckets
  readonly store: ObjectStore
  readonly now: () => Date
}

export interface PutObjectInput {
  readonly request: SignedRequest
  /** The request body as it arrives (never read whole). */
  readonly body: Readable
}

export type PutObjectResult =
  | { readonly ok: true; readonly object: StoredObject }
  | { readonly ok: false; readonly error: S3Failure }
  /** The client went away mid-body: nothing is stored and there is nobody to answer. */
  | { readonly ok: false; readonly aborted: true }

/** "Upload an object in a single operation by using the AWS SDKs, REST API, or AWS CLI – … up to 5 GB in size." */
export const MAX_PUT_BYTES = 5 * 1024 ** 3

/** The headers PutObject stores and GET answers with (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html). */
const STORED_HEADERS = [
  'Cache-Control',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Expires',
]

/** How the body comes, by `x-amz-content-sha256` (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html). */
type PayloadMode =
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'signed'; readonly sha256: string }
  | { readonly kind: 'chunked-trailer' }

/**
 * PutObject, streamed: the body goes to mock-kit's upload staging as it arrives (MD5 for the ETag on a
 * worker), through the `aws-chunked` decoder when the SDK streams it, hashed on the way when a SHA-256 or
 * an additional checksum must be verified. The object appears only once every check has passed; a refused,
 * short or broken upload leaves no object and no temporary file. Checked in this order (inferred): bucket,
 * key, signature, unsupported parameters, payload mode, length, headers; then, once the body is in, its
 * length, SHA-256, Content-MD5, checksum, and the conditional headers as the object is replaced.
 */
export async function putObject(input: PutObjectInput, deps: PutObjectDeps): Promise<PutObjectResult> {
  const { request } = input
  const { bucket, key } = request.path
  if (!deps.buckets.has(bucket)) return refuse(noSuchBucket(bucket))
  const keyRefusal = checkObjectKey(key)
  if (keyRefusal !== undefined) return refuse(keyRefusal)
  const auth = await authenticateRequest(request, deps.config, deps.now())
  if (!auth.ok) return auth
  const unsupported = unsupportedParameter('PutObject', request)
  if (unsupported !== undefined) return refuse(unsupported)
  const mode = payloadMode(auth.payloadHash)
  if (!('kind' in mode)) return refuse(mode.error)

  const declared = declaredLength(request, mode)
  if (typeof declared !== 'number') return refuse(declared.error)
  if (declared > MAX_PUT_BYTES) return refuse(putEntityTooLarge(declared, MAX_PUT_BYTES))
  const checked = readHeaders(request, mode)
  if (!checked.ok) return checked

  const { attributes, checksum, contentMd5, precondition } = checked
  const upload = await deps.store.beginUpload({ maxSize: declared })
  const hasher = new PayloadHasher({ sha256: mode.kind === 'signed', checksum: checksum?.algorithm })
  const decoder = mode.kind === 'chunked-trailer' ? new AwsChunkedDecoder(declared) : undefined
  try {
    await (decoder === undefined
      ? pipeline(input.body, hasher, upload.sink)
      : pipeline(input.body, decoder, hasher, upload.sink))
  } catch (error) {
    await upload.discard()
    // A framing error is the body's; anything else is the connection going away.
    return error instanceof ChunkedBodyError ? refuse(malformedChunkedBody()) : { ok: false, aborted: true }
  }
  const refusal = checkPayload(upload, declared, {
    mode,
    hasher,
    checksum,
    contentMd5,
    trailers: decoder?.trailers,
  })
  if (refusal !== undefined) {
    await upload.discard()
    return refuse(refusal)
  }
  const storedChecksum =
    checksum === undefined
      ? undefined
      : { algorithm: checksum.algorithm, value: checksum.value ?? decoder?.trailers.get(checksum.name) ?? '' }
  try {
    const committed = await upload.commit(
      { ...attributes, bucket, key, lastModified: deps.now().toISOString(), checksum: storedChecksum },
      precondition,
    )
    if (!committed.ok) await upload.discard()
    return committed
  } catch (error) {
    await upload.discard()
    throw error
  }
}

function payloadMode(payloadHash: string): PayloadMode | { readonly error: S3Failure } {
  if (payloadHash === 'UNSIGNED-PAYLOAD') return { kind: 'unsigned' }
  if (payloadHash === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') return { kind: 'chunked-trailer' }
  if (/^[0-9a-f]{64}$/i.test(payloadHash)) return { kind: 'signed', sha256: payloadHash.toLowerCase() }
  // STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) and the ECDSA modes sign every chunk.
  return {
    error: notImplemented(`x-amz-content-sha256: ${payloadHash} (signed chunks)`, 'x-amz-content-sha256'),
  }
}

/**
 * The object's length: `x-amz-decoded-content-length` for an `aws-chunked` body, else Content-Length.
 * S3 takes no body of unknown length: 411 MissingContentLength.
 */
function declaredLength(request: SignedRequest, mode: PayloadMode): number | { readonly error: S3Failure } {
  const text =
    mode.kind === 'chunked-trailer'
      ? request.header('x-amz-decoded-content-length')
      : request.header('content-length')
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return { error: missingContentLength() }
  return Number(text.trim())
}

interface CheckedHeaders {
  readonly ok: true
  readonly attributes: Omit<ObjectAttributes, 'bucket' | 'key' | 'lastModified' | 'checksum'>
  readonly checksum: ChecksumRequest | undefined
  readonly contentMd5: string | undefined
  readonly precondition: CommitPrecondition | undefined
}

/** Everything the headers say of the object, or the first refusal among them. */
function readHeaders(
  request: SignedRequest,
  mode: PayloadMode,
): CheckedHeaders | { readonly ok: false; readonly error: S3Failure } {
  const contentMd5 = request.header('content-md5')?.trim()
  if (contentMd5 !== undefined && !isMd5(contentMd5)) return refuse(invalidDigest(contentMd5))
  const checksum = readChecksumRequest(request, mode.kind === 'chunked-trailer')
  if (!checksum.ok) return checksum
  const acl = operationHeader(request, 'x-amz-acl') ?? 'private'
  if (!CANNED_ACLS.has(acl)) return refuse(failures.invalidAcl(acl))
  const storageClass = operationHeader(request, 'x-amz-storage-class') ?? 'STANDARD'
  if (!STORAGE_CLASSES.has(storageClass)) return refuse(failures.invalidStorageClass(storageClass))
  const tagging = readTaggingHeader(operationHeader(request, 'x-amz-tagging'))
  if (!tagging.ok) return tagging
  const metadata = readRequestMetadata(request)
  const metadataRefusal = checkMetadataSize(metadata)
  if (metadataRefusal !== undefined) return refuse(metadataRefusal)
  const precondition = readPrecondition(request)
  if (precondition !== undefined && 'error' in precondition) return refuse(precondition.error)

  const headers: Record<string, string> = {}
  for (const name of STORED_HEADERS) {
    let value = request.header(name)
    // `aws-chunked` describes how this request's body came, not the object: S3 does not keep it.
    if (name === 'Content-Encoding' && value !== undefined) {
      value = value
        .split(',')
        .map((coding) => coding.trim())
        .filter((coding) => coding !== '' && coding.toLowerCase() !== 'aws-chunked')
        .join(', ')
      if (value === '') value = undefined
    }
    if (value !== undefined) headers[name] = value
  }
  return {
    ok: true,
    attributes: {
      contentType: request.header('content-type') ?? 'binary/octet-stream',
      acl,
      storageClass,
      headers,
      metadata,
      tags: tagging.tags,
    },
    checksum: checksum.checksum,
    contentMd5,
    precondition,
  }
}

/**
 * Conditional writes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html):
 * `If-None-Match: *` stores only a new key, `If-Match` only over the object with that ETag (404 NoSuchKey
 * when there is none); checked as the object is replaced, so two racing uploads cannot both pass. S3 takes
 * only `*` in If-None-Match: another value is NotImplemented here.
 */
function readPrecondition(
  request: SignedRequest,
): CommitPrecondition | { readonly error: S3Failure } | undefined {
  const ifNoneMatch = request.header('if-none-match')?.trim()
  const ifMatch = request.header('if-match')
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*')
    return {
      error: notImplemented(`If-None-Match: ${ifNoneMatch} on PutObject (only * is)`, 'If-None-Match'),
    }
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined
  return (current) => {
    if (ifNoneMatch !== undefined && current !== undefined) return preconditionFailed('If-None-Match')
    if (ifMatch === undefined) return undefined
    if (current === undefined) return noSuchKey(request.path.key)
    return matchesAny(ifMatch, current.etag, 'strong') ? undefined : preconditionFailed('If-Match')
  }
}

/** The checks only the whole body can answer, in order: length, SHA-256, Content-MD5, checksum. */
function checkPayload(
  upload: PendingUpload,
  declared: number,
  received: {
    readonly mode: PayloadMode
    readonly hasher: PayloadHasher
    readonly checksum: ChecksumRequest | undefined
    readonly contentMd5: string | undefined
    readonly trailers: ReadonlyMap<string, string> | undefined
  },
): S3Failure | undefined {
  if (!upload.stored || upload.size !== declared) return incompleteBody(declared, upload.size)
  const { mode, hasher, checksum, contentMd5, trailers } = received
  const sha256 = hasher.sha256()
  if (mode.kind === 'signed' && sha256 !== mode.sha256)
    return contentSha256Mismatch(mode.sha256, sha256 ?? '')
  if (contentMd5 !== undefined) {
    const calculated = Buffer.from(upload.md5(), 'hex').toString('base64')
    if (calculated !== contentMd5) return badDigest(contentMd5, calculated)
  }
  if (checksum !== undefined) {
    const expected = checksum.value ?? trailers?.get(checksum.name)
    if (expected === undefined || !isDigest(expected, checksum.algorithm)) return malformedTrailer()
    if (hasher.checksum() !== expected) return checksumMismatch(checksum.algorithm)
  }
  return undefined
}

const isMd5 = (value: string) =>
  /^[A-Za-z0-9+/]{22}==$/.test(value) && Buffer.from(value, 'base64').length === 16

const refuse = (error: S3Failure) => ({ ok: false as const, error })
