import {
  encodePolicy,
  formatCredential,
  type PolicyDocument,
  signPolicy,
  toAmzDate,
} from '@crmkit/s3-post-policy'
import { type ApiResult, invalid, invalidOrMissing, notFound, ok, quotaExceeded } from './api-failures.js'
import type { AttachmentStorage } from './attachment-storage.js'
import type { CrmContext } from './crm-context.js'
import { storageQuota } from './storage-quota.js'

export interface S3Form {
  readonly quota: number
  readonly storage_left: number
  readonly display_quota: string
  readonly url: string
  /**
   * In the order the upload tutorial lists and sends them
   * (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/).
   */
  readonly fields: {
    readonly acl: 'private'
    readonly success_action_status: 201
    readonly policy: string
    readonly 'x-amz-credential': string
    readonly 'x-amz-algorithm': 'AWS4-HMAC-SHA256'
    readonly 'x-amz-date': string
    readonly 'x-amz-signature': string
    readonly key: ''
    readonly 'x-ignore-pattern': string
  }
  /** The signed policy, for tests and the journal; not part of the answer. */
  readonly policyDocument: PolicyDocument
}

/**
 * `GET /attachments/s3_form?contact_id=…`: a real SigV4 POST form on the emulator's bucket. Its conditions
 * make S3 enforce what OnePageCRM promises (FIDELITY.md, OnePageCRM "Attachments"): the bucket, a key under
 * `<contact_id>/`, the ACL, the success status, a `filename` field, at most 10 MB and never more than the
 * storage left, and the signing fields. `x-ignore-pattern` needs no condition: S3 ignores `x-ignore-*`
 * fields.
 */
export async function createS3Form(
  ctx: CrmContext,
  contactId: string | undefined,
  storage: AttachmentStorage,
): Promise<ApiResult<S3Form>> {
  if (contactId === undefined || contactId === '')
    return invalid({ contact_id: invalidOrMissing('contact_id') })
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const quota = storageQuota(ctx.state, ctx.config)
  if (quota.storage_left <= 0) return quotaExceeded(0, 0)
  const signedAt = ctx.now
  const credential = formatCredential(storage.credentials.accessKeyId, signedAt, storage.region)
  const amzDate = toAmzDate(signedAt)
  const policyDocument: PolicyDocument = {
    expiration: new Date(signedAt.getTime() + ctx.config.formTtlSeconds * 1000).toISOString(),
    conditions: [
      { bucket: storage.bucket },
      ['starts-with', '$key', `${contactId}/`],
      { acl: 'private' },
      { success_action_status: '201' },
      ['starts-with', '$filename', ''],
      ['content-length-range', 0, Math.min(ctx.config.maxFileBytes, quota.storage_left)],
      { 'x-amz-credential': credential },
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-date': amzDate },
    ],
  }
  const policy = encodePolicy(policyDocument)
  const signature = await signPolicy(policy, {
    secretAccessKey: storage.credentials.secretAccessKey,
    region: storage.region,
    date: signedAt,
  })
  return ok({
    quota: quota.quota,
    storage_left: quota.storage_left,
    display_quota: quota.display_quota,
    url: storage.bucketUrl,
    fields: {
      acl: 'private',
      success_action_status: 201,
      policy,
      'x-amz-credential': credential,
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-date': amzDate,
      'x-amz-signature': signature,
      key: '',
      'x-ignore-pattern': `${contactId}/__timestamp__/\${filename}`,
    },
    policyDocument,
  })
}
