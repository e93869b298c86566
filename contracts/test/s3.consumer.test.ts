import { createOnePageCrmClient, S3Error, type UploadForm } from '@crmkit/upload-client'
import { MatchersV3, XmlBuilder } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { ownConnections } from '../src/connections.js'
import { KEY_STAMP, ONEPAGECRM, S3 } from '../src/fixtures.js'
import { recordedMultipart } from '../src/multipart.js'
import { newPact } from '../src/pact.js'
import { settled } from '../src/settled.js'
import { signedForm } from '../src/signed-form.js'
import { S3_STATES } from '../src/states.js'

const { equal, regex } = MatchersV3

const pact = newPact('s3')
const NO_ATTRIBUTES = new Map<string, string>()
const REPORT = Buffer.from('Quarterly report\nfor the contract tests\n')
const KEY = `${ONEPAGECRM.contactId}/${KEY_STAMP}/report.txt`
// The recorded form: signed as the test's own will be (same instant, same credentials), at a URL of no server.
const formExample = await signedForm(`https://s3.example/${S3.bucket}/`)

// The client's clock is fixed, so the key's timestamp and its own policy check are repeatable.
const client = () =>
  createOnePageCrmClient({
    userId: ONEPAGECRM.userId,
    apiKey: ONEPAGECRM.apiKey,
    clock: () => new Date(S3.clientNow),
    randomInt: () => S3.clientRandom,
    retry: false,
    dispatcher: ownConnections(),
  })

/**
 * The body the client sends for a form, fields in the tutorial's order and `file` last. Pinned exactly: the
 * constant fields and the filename; pinned by format only: what is signed at request time (policy, credential
 * scope, date, signature) and the key's timestamp. The recorded values are a real signature by the
 * emulator's credentials, which the provider states make valid again.
 */
const uploadBody = (form: UploadForm) =>
  recordedMultipart(
    [
      { name: 'acl', value: 'private' },
      { name: 'success_action_status', value: '201' },
      { name: 'policy', value: form.fields.policy },
      { name: 'x-amz-credential', value: form.fields['x-amz-credential'] },
      { name: 'x-amz-algorithm', value: 'AWS4-HMAC-SHA256' },
      { name: 'x-amz-date', value: form.fields['x-amz-date'] },
      { name: 'x-amz-signature', value: form.fields['x-amz-signature'] },
      { name: 'key', value: KEY },
      { name: 'filename', value: 'report.txt' },
      { name: 'file', filename: 'report.txt', type: 'text/plain', content: REPORT },
    ],
    {
      acl: equal('private'),
      success_action_status: equal('201'),
      policy: regex('^[A-Za-z0-9+/]+={0,2}$', form.fields.policy),
      'x-amz-credential': regex(
        '^[A-Z0-9]+/\\d{8}/[a-z0-9-]+/s3/aws4_request$',
        form.fields['x-amz-credential'],
      ),
      'x-amz-algorithm': equal('AWS4-HMAC-SHA256'),
      'x-amz-date': regex('^\\d{8}T\\d{6}Z$', form.fields['x-amz-date']),
      'x-amz-signature': regex('^[0-9a-f]{64}$', form.fields['x-amz-signature']),
      key: regex(`^${ONEPAGECRM.contactId}/\\d+/report\\.txt$`, KEY),
      filename: equal('report.txt'),
    },
  )

const xml = { 'Content-Type': regex('^application/xml', 'application/xml') }
// Not pinned: S3's request ids, new on every answer.
const requestIds = {
  'x-amz-request-id': regex('^[0-9A-Z]{16}$', '4442587FB7D0A2F9'),
  'x-amz-id-2': regex(
    '^\\S+$',
    'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=',
  ),
}

/** S3's `<Error>` document: Code and Message exactly, the extra elements given, the ids by format. */
const s3Error = (code: string, message: string, extra: Record<string, string> = {}) =>
  new XmlBuilder('1.0', 'UTF-8', 'Error').build((error) => {
    error.appendElement('Code', NO_ATTRIBUTES, code)
    error.appendElement('Message', NO_ATTRIBUTES, message)
    for (const [name, value] of Object.entries(extra)) error.appendElement(name, NO_ATTRIBUTES, value)
    error.appendElement('RequestId', NO_ATTRIBUTES, regex('^[0-9A-Z]{16}$', '4442587FB7D0A2F9'))
    error.appendElement(
      'HostId',
      NO_ATTRIBUTES,
      regex('^\\S+$', 'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo='),
    )
  })

describe('crmkit-upload-client → S3 (browser POST upload)', () => {
  it('uploadToS3: 201 with the PostResponse XML', async () => {
    await pact
      .addInteraction()
      .given(S3_STATES.formInDate, { signedAt: S3.signedAt, bucket: S3.bucket })
      .uponReceiving('a POST upload of a file with a valid form')
      .withRequest('POST', `/${S3.bucket}/`, (request) => uploadBody(formExample).describe(request))
      .willRespondWith(201, (response) =>
        response
          .headers({
            ...xml,
            ...requestIds,
            // Not pinned: the host in Location; pinned: the ETag is the quoted MD5 of the bytes.
            ETag: equal('"29274a5ef2e7c587b80cfcc55ac25aea"'),
            Location: regex(
              `^https?://\\S+/${S3.bucket}/\\S+report\\.txt$`,
              `https://s3.example/${S3.bucket}/${encodeURIComponent(KEY)}`,
            ),
          })
          .xmlBody(
            new XmlBuilder('1.0', 'UTF-8', 'PostResponse').build((post) => {
              post.appendElement(
                'Location',
                NO_ATTRIBUTES,
                regex(
                  `^https?://\\S+/${S3.bucket}/\\S+report\\.txt$`,
                  `https://s3.example/${S3.bucket}/${encodeURIComponent(KEY)}`,
                ),
              )
              post.appendElement('Bucket', NO_ATTRIBUTES, S3.bucket)
              post.appendElement(
                'Key',
                NO_ATTRIBUTES,
                regex(`^${ONEPAGECRM.contactId}/\\d+/report\\.txt$`, KEY),
              )
              post.appendElement('ETag', NO_ATTRIBUTES, '"29274a5ef2e7c587b80cfcc55ac25aea"')
            }),
          ),
      )
      .executeTest(
        settled(async (server) => {
          const upload = await client().uploadToS3({
            form: await signedForm(`${server.url}/${S3.bucket}/`),
            file: { source: REPORT, name: 'report.txt' },
          })
          expect(upload).toMatchObject({
            key: KEY,
            bucket: S3.bucket,
            etag: '"29274a5ef2e7c587b80cfcc55ac25aea"',
          })
        }),
      )
  })

  /** An upload S3 refuses: the request as the client sends it, S3's XML error, the client's S3Error. */
  const refusal = async (input: {
    readonly state: string
    readonly description: string
    readonly bucket: string
    readonly maxSize?: number
    readonly status: number
    readonly code: string
    readonly message: string
    readonly extra?: Record<string, string>
  }) => {
    const example = await signedForm(`https://s3.example/${input.bucket}/`, input.maxSize)
    const multipart = uploadBody(example)
    await pact
      .addInteraction()
      .given(input.state, { signedAt: S3.signedAt, bucket: S3.bucket })
      .uponReceiving(input.description)
      .withRequest('POST', `/${input.bucket}/`, (request) => multipart.describe(request))
      .willRespondWith(input.status, (response) =>
        response.headers({ ...xml, ...requestIds }).xmlBody(s3Error(input.code, input.message, input.extra)),
      )
      .executeTest(
        settled(async (server) => {
          const error = await client()
            .uploadToS3({
              form: await signedForm(`${server.url}/${input.bucket}/`, input.maxSize),
              file: { source: REPORT, name: 'report.txt' },
              // Only for the size: the client's own check would refuse the file before S3 sees it.
              checkPolicy: input.maxSize === undefined,
            })
            .catch((e: unknown) => e)
          expect(error).toBeInstanceOf(S3Error)
          expect(error).toMatchObject({
            status: input.status,
            s3Code: input.code,
            s3Message: input.message,
            details: input.extra ?? {},
          })
        }),
      )
  }

  it('uploadToS3: a file over the policy size range is 400 EntityTooLarge with the sizes', () =>
    refusal({
      state: S3_STATES.formInDate,
      description: 'a POST upload of a file larger than its policy allows',
      bucket: S3.bucket,
      maxSize: 16,
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      extra: { ProposedSize: String(REPORT.length), MaxSizeAllowed: '16' },
    }))

  it("uploadToS3: a form posted to another bucket than its policy's is 403 AccessDenied naming the condition", () =>
    refusal({
      state: S3_STATES.formInDate,
      description: 'a POST upload to a bucket its policy does not name',
      bucket: S3.otherBucket,
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "${S3.bucket}"]`,
    }))

  it('uploadToS3: a form past its expiration is 403 AccessDenied, Policy expired', () =>
    refusal({
      state: S3_STATES.formExpired,
      description: 'a POST upload with an expired policy',
      bucket: S3.bucket,
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    }))
})
