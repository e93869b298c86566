import { methodNotAllowed, notImplemented, type S3Failure } from './s3-failures.js'

/** The S3 operations the emulator answers. */
export type EmulatedOperation =
  | 'PostObject'
  | 'GetObject'
  | 'HeadObject'
  | 'PutObject'
  | 'DeleteObject'
  | 'ListObjectsV2'

export interface OperationRequest {
  readonly method: string
  readonly bucket: string
  readonly key: string
  /** The decoded query parameters, in order. */
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly hasHeader: (name: string) => boolean
}

export type OperationResult =
  | { readonly ok: true; readonly operation: EmulatedOperation }
  | { readonly ok: false; readonly error: S3Failure }

// The subresources that make a request another operation, by method, as the S3 API reference names
// them (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).
// A subresource no table lists is not one S3 has: S3 ignores such a parameter, and so does the emulator.
const OBJECT_SUBRESOURCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  GET: {
    acl: 'GetObjectAcl',
    attributes: 'GetObjectAttributes',
    'legal-hold': 'GetObjectLegalHold',
    retention: 'GetObjectRetention',
    tagging: 'GetObjectTagging',
    torrent: 'GetObjectTorrent',
    uploadId: 'ListParts',
  },
  HEAD: {},
  PUT: {
    acl: 'PutObjectAcl',
    'legal-hold': 'PutObjectLegalHold',
    retention: 'PutObjectRetention',
    tagging: 'PutObjectTagging',
    uploadId: 'UploadPart',
    partNumber: 'UploadPart',
    renameObject: 'RenameObject',
  },
  DELETE: { tagging: 'DeleteObjectTagging', uploadId: 'AbortMultipartUpload' },
  POST: {
    uploads: 'CreateMultipartUpload',
    uploadId: 'CompleteMultipartUpload',
    restore: 'RestoreObject',
    select: 'SelectObjectContent',
  },
}

/** Bucket configuration subresources: `GetBucketX`, `PutBucketX`, `DeleteBucketX`. */
const BUCKET_CONFIGURATIONS: Readonly<Record<string, string>> = {
  accelerate: 'AccelerateConfiguration',
  acl: 'Acl',
  analytics: 'AnalyticsConfiguration',
  cors: 'Cors',
  encryption: 'Encryption',
  'intelligent-tiering': 'IntelligentTieringConfiguration',
  inventory: 'InventoryConfiguration',
  lifecycle: 'LifecycleConfiguration',
  location: 'Location',
  logging: 'Logging',
  metadataTable: 'MetadataTableConfiguration',
  metrics: 'MetricsConfiguration',
  notification: 'NotificationConfiguration',
  'object-lock': 'ObjectLockConfiguration',
  ownershipControls: 'OwnershipControls',
  policy: 'Policy',
  policyStatus: 'PolicyStatus',
  publicAccessBlock: 'PublicAccessBlock',
  replication: 'Replication',
  requestPayment: 'RequestPayment',
  tagging: 'Tagging',
  versioning: 'Versioning',
  website: 'Website',
}

const BUCKET_LISTINGS: Readonly<Record<string, string>> = {
  versions: 'ListObjectVersions',
  uploads: 'ListMultipartUploads',
  session: 'CreateSession',
}

/**
 * Which S3 operation a request is, by method, path and subresource. An operation the emulator does not
 * answer is 501 NotImplemented naming it, never an answer that ignores what was asked (S3's code for
 * "functionality that is not implemented", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
export function identifyOperation(request: OperationRequest): OperationResult {
  const { method, bucket, key } = request
  const names = new Set(request.query.map(([name]) => name))
  const subresource = (table: Readonly<Record<string, string>>) =>
    Object.keys(table).find((name) => names.has(name))
  if (bucket === '') {
    // The service itself has no POST operation: not one crmkit leaves out, so not NotImplemented.
    if (method === 'POST') return fail(methodNotAllowed('POST', 'SERVICE'))
    return fail(notImplemented(method === 'GET' ? 'ListBuckets' : `${method} on the service`))
  }
  if (key !== '') {
    const table = OBJECT_SUBRESOURCES[method]
    if (table === undefined) return fail(notImplemented(`${method} on an object`))
    const other = subresource(table)
    if (other !== undefined) {
      const copy = request.hasHeader('x-amz-copy-source') && other === 'UploadPart'
      return fail(notImplemented(copy ? 'UploadPartCopy' : (table[other] as string)))
    }
    switch (method) {
      case 'GET':
        return ok('GetObject')
      case 'HEAD':
        return ok('HeadObject')
      case 'PUT':
        return request.hasHeader('x-amz-copy-source') ? fail(notImplemented('CopyObject')) : ok('PutObject')
      case 'DELETE':
        return ok('DeleteObject')
      default:
        return fail(notImplemented('POST on an object without a subresource'))
    }
  }
  const configuration = subresource(BUCKET_CONFIGURATIONS)
  switch (method) {
    case 'GET': {
      const listing = subresource(BUCKET_LISTINGS)
      if (listing !== undefined) return fail(notImplemented(BUCKET_LISTINGS[listing] as string))
      if (configuration !== undefined)
        return fail(notImplemented(`GetBucket${BUCKET_CONFIGURATIONS[configuration]}`))
      // ListObjectsV2 is `list-type=2`; without it the request is the original ListObjects.
      const listType = request.query.find(([name]) => name === 'list-type')?.[1]
      return listType === '2' ? ok('ListObjectsV2') : fail(notImplemented('ListObjects (version 1)'))
    }
    case 'HEAD':
      return fail(notImplemented('HeadBucket'))
    case 'PUT':
      return fail(
        notImplemented(
          configuration === undefined ? 'CreateBucket' : `PutBucket${BUCKET_CONFIGURATIONS[configuration]}`,
        ),
      )
    case 'DELETE':
      return fail(
        notImplemented(
          configuration === undefined
            ? 'DeleteBucket'
            : `DeleteBucket${BUCKET_CONFIGURATIONS[configuration]}`,
        ),
      )
    case 'POST':
      if (names.has('delete')) return fail(notImplemented('DeleteObjects'))
      if (configuration !== undefined) return fail(notImplemented(`POST with ?${configuration}`))
      return ok('PostObject')
    default:
      return fail(notImplemented(`${method} on a bucket`))
  }
}

const ok = (operation: EmulatedOperation): OperationResult => ({ ok: true, operation })
const fail = (error: S3Failure): OperationResult => ({ ok: false, error })
