import type { AuthenticatedPostForm } from './authenticate.js'
import { NO_TRACE, type PostCheckTrace } from './check-trace.js'
import { invalidAcl, invalidStorageClass, malformedXml } from './failures.js'
import { fail, ok, type PostPolicyResult } from './result.js'
import { parseTagging, type Tag } from './tagging.js'

/**
 * What S3 stores and answers for an accepted POST (docs/s3-post-policy-rules.md, "Form fields" and
 * "Success answers").
 */
export interface PostObjectFields {
  readonly key: string
  /** Default `binary/octet-stream` [LS]. */
  readonly contentType: string
  /** Canned ACL, default `private` [DOC]. */
  readonly acl: string
  readonly storageClass: string
  /** `Cache-Control`, `Content-Disposition`, `Content-Encoding`, `Expires`, when given. */
  readonly headers: Readonly<Record<string, string>>
  /** `x-amz-meta-*` names, lower-cased, without the prefix [LS]. */
  readonly metadata: Readonly<Record<string, string>>
  readonly tags: readonly Tag[]
  readonly successActionStatus: string | undefined
  readonly successActionRedirect: string | undefined
}

/** S3's canned ACLs: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl */
export const CANNED_ACLS: ReadonlySet<string> = new Set([
  'private',
  'public-read',
  'public-read-write',
  'aws-exec-read',
  'authenticated-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
  'log-delivery-write',
])

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#AmazonS3-PutObject-request-header-StorageClass */
export const STORAGE_CLASSES: ReadonlySet<string> = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'OUTPOSTS',
  'GLACIER_IR',
  'SNOW',
  'EXPRESS_ONEZONE',
])

const STORED_HEADERS = ['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Expires'] as const

/**
 * Step 11: the object-level fields, validated as PutObject validates them (rows 30, 31; ACL inferred), each
 * reported to `trace`.
 */
export function readObjectFields(
  form: AuthenticatedPostForm,
  trace: PostCheckTrace = NO_TRACE,
): PostPolicyResult<PostObjectFields> {
  const { fields } = form
  const storageClass = fields.get('x-amz-storage-class') ?? 'STANDARD'
  const storageClassCheck = {
    expected: 'a storage class of S3 (STANDARD, STANDARD_IA, GLACIER…)',
    got: fields.has('x-amz-storage-class') ? storageClass : 'none: STANDARD',
  }
  if (!STORAGE_CLASSES.has(storageClass)) {
    trace.failed('storage-class', storageClassCheck)
    return fail(invalidStorageClass(storageClass))
  }
  trace.passed('storage-class', storageClassCheck)
  const taggingXml = fields.get('tagging')
  const tags = taggingXml === undefined ? [] : parseTagging(taggingXml)
  const taggingCheck = { expected: 'none, or well-formed XML (a Tagging document)' }
  if (tags === undefined) {
    trace.failed('tagging', { ...taggingCheck, got: 'not well-formed XML' })
    return fail(malformedXml())
  }
  trace.passed('tagging', { ...taggingCheck, got: taggingXml === undefined ? 'none' : `${tags.length} tags` })
  const acl = fields.get('acl') ?? 'private'
  const aclCheck = { expected: 'a canned ACL', got: fields.has('acl') ? acl : 'none: private' }
  if (!CANNED_ACLS.has(acl)) {
    trace.failed('acl', aclCheck)
    return fail(invalidAcl(acl))
  }
  trace.passed('acl', aclCheck)

  const headers: Record<string, string> = {}
  for (const name of STORED_HEADERS) {
    const value = fields.get(name)
    if (value !== undefined) headers[name] = value
  }
  const metadata: Record<string, string> = {}
  for (const name of fields.names) {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = fields.get(name) ?? ''
  }
  return ok({
    key: form.key,
    contentType: fields.get('content-type') ?? 'binary/octet-stream',
    acl,
    storageClass,
    headers,
    metadata,
    tags,
    successActionStatus: fields.get('success_action_status'),
    successActionRedirect: fields.get('success_action_redirect') ?? fields.get('redirect'),
  })
}
