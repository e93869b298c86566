import { describe, expect, it } from 'vitest'
import { attachment, errorEnvelope, pageOf, s3FormData, successEnvelope } from './index.js'

// Examples from the vendor's OpenAPI document (https://github.com/OnePageCRM/swagger) and its 2024 upload
// tutorial (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/).
const documentedAttachment = {
  id: '5afc1ea9d556730b780096db',
  filename: 'mario.jpg',
  custom_filename: 'another_mario.jpg',
  pinned: false,
  pinned_at: null,
  size: 3841,
  storage_provider: 'amazon',
  url: 'https://example.com/mario.jpg',
  url_expires_at: '2018-05-16T13:06:53Z',
  thumbnail: { url: 'https://example.com/mario-thumbnail.jpg' },
}

const tutorialForm = {
  quota: 214748364800,
  storage_left: 214692599468,
  display_quota: '200 GB',
  url: 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/',
  fields: {
    acl: 'private',
    success_action_status: 201,
    policy: 'eyJjb25kaXRpb25zIjpbXX0=',
    'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20231013/eu-central-1/s3/aws4_request',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-date': '20231013T155300Z',
    'x-amz-signature': 'a'.repeat(64),
    key: '',
    'x-ignore-pattern': '5ae06ef9d55673108fe8877f/__timestamp__/${filename}',
  },
}

describe('onepagecrm schemas', () => {
  it('accept the documented Attachment and s3_form examples', () => {
    expect(attachment.parse(documentedAttachment)).toEqual(documentedAttachment)
    const envelope = { status: 0, message: 'OK', timestamp: 1697212380, data: tutorialForm }
    expect(successEnvelope(s3FormData).parse(envelope)).toEqual(envelope)
  })

  it('refuse an undocumented property and a status sent as a string', () => {
    expect(attachment.safeParse({ ...documentedAttachment, reference_id: 'x' }).success).toBe(false)
    const stringStatus = { ...tutorialForm, fields: { ...tutorialForm.fields, success_action_status: '201' } }
    expect(s3FormData.safeParse(stringStatus).success).toBe(false)
  })

  it('accept the documented 401 and refuse a body status of 200 on success', () => {
    expect(
      errorEnvelope.parse({
        status: 401,
        message: 'Authorization data not found',
        error_name: 'authorization_data_not_found',
        error_message: 'Cannot find suitable authorization data or data provided is not complete.',
        errors: {},
      }).status,
    ).toBe(401)
    expect(
      successEnvelope(s3FormData).safeParse({ status: 200, message: 'OK', timestamp: 1, data: tutorialForm })
        .success,
    ).toBe(false)
  })

  it('check a page: items wrapped under their singular name beside the paging fields', () => {
    const page = pageOf('attachments', attachment)
    const data = { attachments: [documentedAttachment], total_count: 1, page: 1, per_page: 10, max_page: 1 }
    expect(page.parse(data)).toEqual(data)
    expect(page.safeParse({ ...data, per_page: 101 }).success).toBe(false)
  })
})
