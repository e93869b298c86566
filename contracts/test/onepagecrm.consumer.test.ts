import { createOnePageCrmClient, OnePageCrmApiError, OnePageCrmThrottledError } from '@crmkit/upload-client'
import { MatchersV3 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { ownConnections } from '../src/connections.js'
import { KEY_STAMP, ONEPAGECRM } from '../src/fixtures.js'
import { newPact } from '../src/pact.js'
import { settled } from '../src/settled.js'
import { signedForm } from '../src/signed-form.js'
import { ONEPAGECRM_STATES } from '../src/states.js'
import { textBody } from '../src/text-body.js'

const { equal, integer, like, regex, nullValue, timestamp } = MatchersV3

const pact = newPact('onepagecrm')
const { contactId, noteId } = ONEPAGECRM
const BASIC = `Basic ${Buffer.from(`${ONEPAGECRM.userId}:${ONEPAGECRM.apiKey}`).toString('base64')}`
const KEY = `${contactId}/${KEY_STAMP}/report.txt`
const SIZE = 41

const client = (url: string) =>
  createOnePageCrmClient({
    userId: ONEPAGECRM.userId,
    apiKey: ONEPAGECRM.apiKey,
    baseUrl: `${url}/api/v3`,
    retry: false,
    dispatcher: ownConnections(),
  })

// Pinned exactly: the HTTP Basic header (the recorded one must log in at verification); matched by pattern:
// the envelope's `timestamp`, which is the server's clock.
const authorized = (headers: Record<string, unknown> = {}) => ({
  Authorization: equal(BASIC),
  Accept: equal('application/json'),
  ...headers,
})
const json = { 'Content-Type': regex('^application/json', 'application/json') }
const envelope = (status: number, message: string, data: unknown) => ({
  status,
  message,
  timestamp: integer(1768467700),
  data,
})
const attachment = {
  // Not pinned: the attachment id, made by the server, and the signed link's query, which expires.
  id: regex('^[0-9a-f]{24}$', '6968b1f4a1b2c3d4e5f60718'),
  filename: 'report.txt',
  pinned: false,
  pinned_at: nullValue(),
  size: integer(SIZE),
  storage_provider: 'amazon',
  url: regex(
    '^https?://\\S+/report\\.txt\\?\\S*X-Amz-Signature=[0-9a-f]{64}',
    'http://127.0.0.1/onepagecrm-up-eu-central-1/5ae06ef9d55673108fe8877f/1768467700/report.txt?X-Amz-Signature=0000000000000000000000000000000000000000000000000000000000000000',
  ),
  url_expires_at: timestamp("yyyy-MM-dd'T'HH:mm:ssX", '2026-01-15T10:01:40Z'),
}

describe('crmkit-upload-client → OnePageCRM', () => {
  it('getUploadForm: the signed S3 form of a contact (s3_form)', async () => {
    const example = await signedForm('https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/')
    await pact
      .addInteraction()
      .given(ONEPAGECRM_STATES.contactWithNote, { contactId, noteId })
      .uponReceiving('a request for the upload form of a contact')
      .withRequest('GET', '/api/v3/attachments/s3_form', (request) =>
        request.query({ contact_id: contactId }).headers(authorized()),
      )
      .willRespondWith(200, (response) =>
        response.headers(json).jsonBody(
          envelope(0, 'OK', {
            quota: integer(example.quota),
            storage_left: integer(example.storage_left),
            display_quota: like(example.display_quota),
            // Not pinned: where the bucket is, and every value signed at request time (policy, date,
            // credential scope, signature); pinned: the field names, constant values and formats.
            url: regex('^https?://\\S+/$', example.url),
            fields: {
              acl: 'private',
              success_action_status: 201,
              policy: regex('^[A-Za-z0-9+/]+={0,2}$', example.fields.policy),
              'x-amz-credential': regex(
                '^[A-Z0-9]+/\\d{8}/[a-z0-9-]+/s3/aws4_request$',
                example.fields['x-amz-credential'],
              ),
              'x-amz-algorithm': 'AWS4-HMAC-SHA256',
              'x-amz-date': regex('^\\d{8}T\\d{6}Z$', example.fields['x-amz-date']),
              'x-amz-signature': regex('^[0-9a-f]{64}$', example.fields['x-amz-signature']),
              key: '',
              'x-ignore-pattern': `${contactId}/__timestamp__/\${filename}`,
            },
          }),
        ),
      )
      .executeTest(
        settled(async (server) => {
          const form = await client(server.url).getUploadForm({ contactId })
          expect(form.fields['x-ignore-pattern']).toBe(`${contactId}/__timestamp__/\${filename}`)
          expect(form.contactId).toBe(contactId)
        }),
      )
  })

  /** Step 3 through either route: the body the tutorial sends (the nested route takes the note from the path). */
  const attach = (route: 'flat' | 'nested', description: string) =>
    pact
      .addInteraction()
      .given(ONEPAGECRM_STATES.fileUploaded, { contactId, noteId, key: KEY, size: SIZE })
      .uponReceiving(description)
      .withRequest(
        'POST',
        route === 'flat' ? '/api/v3/attachments' : `/api/v3/notes/${noteId}/attachments`,
        (request) =>
          request.headers(authorized({ 'Content-Type': equal('application/json') })).jsonBody({
            ...(route === 'flat' ? { reference_id: noteId, reference_type: 'note' } : {}),
            contact_id: contactId,
            name: 'report.txt',
            // Pinned by form: the key's timestamp is the client's clock at upload time.
            key: regex(`^${contactId}/\\d+/report\\.txt$`, KEY),
            size: integer(SIZE),
          }),
      )
      .willRespondWith(201, (response) =>
        response.headers(json).jsonBody(envelope(0, 'Created', { attachment })),
      )
      .executeTest(
        settled(async (server) => {
          const created = await client(server.url).createAttachment({
            contactId,
            key: KEY,
            name: 'report.txt',
            size: SIZE,
            attachTo: { type: 'note', id: noteId },
            route,
          })
          expect(created).toMatchObject({ filename: 'report.txt', size: SIZE, storage_provider: 'amazon' })
        }),
      )

  it('createAttachment: POST /attachments registers the uploaded file on a note', () =>
    attach('flat', 'a request to attach an uploaded file to a note'))

  it('createAttachment: the nested route POST /notes/{id}/attachments', () =>
    attach('nested', 'a request to attach an uploaded file through the note'))

  it('getUploadForm: an unknown contact is 404 resource_not_found, raised as OnePageCrmApiError', async () => {
    await pact
      .addInteraction()
      .given(ONEPAGECRM_STATES.contactWithNote, { contactId, noteId })
      .uponReceiving('a request for the upload form of a contact that does not exist')
      .withRequest('GET', '/api/v3/attachments/s3_form', (request) =>
        request.query({ contact_id: ONEPAGECRM.missingContactId }).headers(authorized()),
      )
      .willRespondWith(404, (response) =>
        response.headers(json).jsonBody({
          status: 404,
          message: 'Resource not found',
          error_name: 'resource_not_found',
          // Not pinned: the wording, which names the id.
          error_message: like(`Couldn't find contact for id, ${ONEPAGECRM.missingContactId}.`),
        }),
      )
      .executeTest(
        settled(async (server) => {
          const error = await client(server.url)
            .getUploadForm({ contactId: ONEPAGECRM.missingContactId })
            .catch((e: unknown) => e)
          expect(error).toBeInstanceOf(OnePageCrmApiError)
          expect(error).toMatchObject({ status: 404, errorName: 'resource_not_found' })
        }),
      )
  })

  it('createAttachment: a key nothing was uploaded to is 400 invalid_request_data naming the field', async () => {
    await pact
      .addInteraction()
      .given(ONEPAGECRM_STATES.contactWithNote, { contactId, noteId })
      .uponReceiving('a request to attach a file that was never uploaded')
      .withRequest('POST', '/api/v3/attachments', (request) =>
        request.headers(authorized({ 'Content-Type': equal('application/json') })).jsonBody({
          reference_id: noteId,
          reference_type: 'note',
          contact_id: contactId,
          name: 'missing.txt',
          key: `${contactId}/${KEY_STAMP}/missing.txt`,
          size: integer(5),
        }),
      )
      .willRespondWith(400, (response) =>
        response.headers(json).jsonBody({
          status: 400,
          message: 'Invalid request data',
          error_name: 'invalid_request_data',
          error_message: like('A validation error has occurred'),
          // Pinned: which field is wrong; not pinned: how it is worded.
          errors: { key: like('no file has been uploaded with this key') },
        }),
      )
      .executeTest(
        settled(async (server) => {
          const error = await client(server.url)
            .createAttachment({
              contactId,
              key: `${contactId}/${KEY_STAMP}/missing.txt`,
              name: 'missing.txt',
              size: 5,
              attachTo: { type: 'note', id: noteId },
            })
            .catch((e: unknown) => e)
          expect(error).toBeInstanceOf(OnePageCrmApiError)
          expect(error).toMatchObject({ status: 400, errorName: 'invalid_request_data' })
          expect(Object.keys((error as OnePageCrmApiError).errors)).toEqual(['key'])
        }),
      )
  })

  it('a throttled request is the plain-text 403, raised as OnePageCrmThrottledError', async () => {
    await pact
      .addInteraction()
      .given(ONEPAGECRM_STATES.throttling)
      .uponReceiving('a request for the upload form while throttled')
      .withRequest('GET', '/api/v3/attachments/s3_form', (request) =>
        request.query({ contact_id: contactId }).headers(authorized()),
      )
      .willRespondWith(403, (response) =>
        textBody(
          response.headers({ 'Content-Type': 'text/plain; charset=UTF-8' }),
          'text/plain; charset=UTF-8',
          '403 Forbidden (Rate Limit Exceeded)\n',
        ),
      )
      .executeTest(
        settled(async (server) => {
          const error = await client(server.url)
            .getUploadForm({ contactId })
            .catch((e: unknown) => e)
          expect(error).toBeInstanceOf(OnePageCrmThrottledError)
        }),
      )
  })
})
