import { createPresignedPost } from '@crmkit/s3-post-policy'
import type { UploadForm } from '@crmkit/upload-client'
import { ONEPAGECRM, S3 } from './fixtures.js'

const TEN_MB = 10 * 1024 * 1024

/**
 * An upload form like OnePageCRM's `s3_form` (the fields of its upload tutorial, the conditions of the mock's
 * form: FIDELITY.md, OnePageCRM "Attachments"), signed with the emulator's credentials at `S3.signedAt`, so
 * the pact records a real signature that the emulator accepts whenever its clock is put back to that hour.
 * `maxSize` narrows the size range.
 */
export async function signedForm(url: string, maxSize = TEN_MB): Promise<UploadForm> {
  const { fields } = await createPresignedPost({
    bucket: S3.bucket,
    key: `${ONEPAGECRM.contactId}/\${filename}`,
    region: S3.region,
    credentials: { accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey },
    now: new Date(S3.signedAt),
    expiresIn: S3.lifetimeSeconds,
    fields: { acl: 'private', success_action_status: '201' },
    conditions: [
      ['starts-with', '$filename', ''],
      ['content-length-range', 0, maxSize],
    ],
  })
  const field = (name: string) => {
    const value = fields[name]
    if (value === undefined) throw new Error(`createPresignedPost gave no ${name}`)
    return value
  }
  return {
    contactId: ONEPAGECRM.contactId,
    quota: 1073741824,
    storage_left: 1073741824,
    display_quota: '1024MB',
    url,
    fields: {
      acl: 'private',
      success_action_status: 201,
      policy: field('policy'),
      'x-amz-credential': field('x-amz-credential'),
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-date': field('x-amz-date'),
      'x-amz-signature': field('x-amz-signature'),
      key: '',
      'x-ignore-pattern': `${ONEPAGECRM.contactId}/__timestamp__/\${filename}`,
    },
  }
}
