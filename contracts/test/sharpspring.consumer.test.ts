import {
  createSharpSpringClient,
  SharpSpringApiError,
  SharpSpringPartialFailureError,
} from '@crmkit/upload-client'
import { MatchersV3 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { ownConnections } from '../src/connections.js'
import { SHARPSPRING } from '../src/fixtures.js'
import { recordedMultipart } from '../src/multipart.js'
import { newPact } from '../src/pact.js'
import { settled } from '../src/settled.js'
import { SHARPSPRING_STATES } from '../src/states.js'

const { equal, integer, like, eachLike, regex, nullValue } = MatchersV3

const pact = newPact('sharpspring')
const REPORT = Buffer.from('Quarterly report\nfor the contract tests\n')
// A 1×1 PNG: binary, with NUL bytes, so a body handled as text would be caught.
const PIXEL = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4a40000000049454e44ae426082',
  'hex',
)
const [LEAD_A, LEAD_B] = SHARPSPRING.leadIds
const credentials = { accountID: SHARPSPRING.accountId, secretKey: SHARPSPRING.secretKey }
const json = { 'Content-Type': regex('^application/json', 'application/json') }

/** The client as a user makes it, pointed at Pact's mock server; request ids fixed so answers echo them. */
const client = (url: string, requestId: string, secretKey: string = SHARPSPRING.secretKey) =>
  createSharpSpringClient({
    accountId: SHARPSPRING.accountId,
    secretKey,
    baseUrl: `${url}/pubapi`,
    requestId: () => requestId,
    retry: false,
    dispatcher: ownConnections(),
  })

/** The client's `uploadFiles` body for two files, laid out as SharpSpring's Uploading Files article does. */
const uploadFilesBody = (leads: readonly [number, number]) =>
  recordedMultipart(
    [
      { name: 'id', value: 'contract-upload-files' },
      { name: 'objectType', value: 'lead' },
      { name: 'fieldSystemName', value: SHARPSPRING.leadFileField },
      { name: 'files[0]', filename: 'report.txt', type: 'text/plain', content: REPORT },
      { name: 'report.txt', value: String(leads[0]) },
      { name: 'files[1]', filename: 'pixel.png', type: 'image/png', content: PIXEL },
      { name: 'pixel.png', value: String(leads[1]) },
    ],
    {
      // Not pinned: the JSON-RPC request id, which clients make afresh per call (a UUID by default).
      id: regex('^\\S+$', 'contract-upload-files'),
      objectType: equal('lead'),
      fieldSystemName: equal(SHARPSPRING.leadFileField),
      // Pinned as integers, not values: which object each file goes to is the state's business.
      'report.txt': integer(leads[0]),
      'pixel.png': integer(leads[1]),
    },
  )

describe('crmkit-upload-client → SharpSpring', () => {
  /** An item of `uploads` for a stored file. Not pinned: its URL's host and path, per server and upload. */
  const stored = (leadId: number, fileName: string) => ({
    success: true,
    error: nullValue(),
    id: integer(leadId),
    fileName,
    url: regex(`^https?://\\S+/${fileName.replace('.', '\\.')}$`, `http://127.0.0.1/files/0a/${fileName}`),
  })

  /** `uploadFiles` of report.txt and pixel.png to `targets`, leads `existing` seeded, answered `uploads`. */
  const uploadFiles = (input: {
    readonly description: string
    readonly existing: readonly number[]
    readonly targets: readonly [number, number]
    readonly uploads: readonly unknown[]
    readonly errors: readonly unknown[]
  }) => {
    const multipart = uploadFilesBody(input.targets)
    return pact
      .addInteraction()
      .given(SHARPSPRING_STATES.leadsWithFileField, {
        leadIds: [...input.existing],
        fieldSystemName: SHARPSPRING.leadFileField,
      })
      .uponReceiving(input.description)
      .withRequest('POST', '/pubapi/v1.2/uploadFiles', (request) =>
        multipart.describe(request.query(credentials)),
      )
      .willRespondWith(200, (response) =>
        response.headers(json).jsonBody({
          result: { uploads: input.uploads },
          error: input.errors,
          id: 'contract-upload-files',
        }),
      )
  }

  const sendBoth = (url: string, targets: readonly [number, number]) =>
    client(url, 'contract-upload-files').uploadFiles({
      objectType: 'lead',
      fieldSystemName: SHARPSPRING.leadFileField,
      files: [
        { objectId: targets[0], file: { source: REPORT, name: 'report.txt' } },
        { objectId: targets[1], file: { source: PIXEL, name: 'pixel.png' } },
      ],
    })

  it('uploadFiles: two files to two leads, every text part and both files matched', () =>
    uploadFiles({
      description: 'uploadFiles with two files, each to its own lead',
      existing: [LEAD_A, LEAD_B],
      targets: [LEAD_A, LEAD_B],
      uploads: [stored(LEAD_A, 'report.txt'), stored(LEAD_B, 'pixel.png')],
      errors: [],
    }).executeTest(
      settled(async (server) => {
        const uploads = await sendBoth(server.url, [LEAD_A, LEAD_B])
        expect(uploads.map((upload) => [upload.id, upload.fileName])).toEqual([
          [LEAD_A, 'report.txt'],
          [LEAD_B, 'pixel.png'],
        ])
      }),
    ))

  it('uploadFiles: a file for a lead that does not exist is its own failure', () => {
    // Not pinned: `data`, which names the missing object in a shape SharpSpring does not document.
    const notFound = { code: 404, message: 'Not found', data: like({ lead: SHARPSPRING.missingLeadId }) }
    return uploadFiles({
      description: 'uploadFiles with one file for a lead that does not exist',
      existing: [LEAD_A],
      targets: [LEAD_A, SHARPSPRING.missingLeadId],
      uploads: [stored(LEAD_A, 'report.txt'), { success: false, error: notFound, fileName: 'pixel.png' }],
      errors: [notFound],
    }).executeTest(
      settled(async (server) => {
        const error = await sendBoth(server.url, [LEAD_A, SHARPSPRING.missingLeadId]).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(SharpSpringPartialFailureError)
        expect((error as SharpSpringPartialFailureError).results).toMatchObject([
          { success: true, fileName: 'report.txt' },
          { success: false, error: { code: 404 }, fileName: 'pixel.png' },
        ])
      }),
    )
  })

  it("uploadProductImage: a product's image", async () => {
    const multipart = recordedMultipart(
      [
        { name: 'id', value: 'contract-product-image' },
        { name: 'productID', value: String(SHARPSPRING.productId) },
        { name: 'productImage', filename: 'pixel.png', type: 'image/png', content: PIXEL },
      ],
      { id: regex('^\\S+$', 'contract-product-image'), productID: integer(SHARPSPRING.productId) },
    )
    await pact
      .addInteraction()
      .given(SHARPSPRING_STATES.productExists, { productId: SHARPSPRING.productId })
      .uponReceiving('uploadProductImage with a PNG')
      .withRequest('POST', '/pubapi/v1.2/uploadProductImage', (request) =>
        multipart.describe(request.query(credentials)),
      )
      .willRespondWith(200, (response) =>
        response.headers(json).jsonBody({
          result: {
            success: true,
            error: nullValue(),
            id: integer(SHARPSPRING.productId),
            imageURL: regex('^https?://\\S+/pixel\\.png$', 'http://127.0.0.1/files/0c/pixel.png'),
          },
          error: nullValue(),
          id: 'contract-product-image',
        }),
      )
      .executeTest(
        settled(async (server) => {
          const image = await client(server.url, 'contract-product-image').uploadProductImage({
            productId: SHARPSPRING.productId,
            image: { source: PIXEL, name: 'pixel.png' },
          })
          expect(image).toMatchObject({ success: true, id: SHARPSPRING.productId })
        }),
      )
  })

  it('call: getFields finds the File Upload field of leads', async () => {
    await pact
      .addInteraction()
      .given(SHARPSPRING_STATES.leadsWithFileField, {
        leadIds: [LEAD_A],
        fieldSystemName: SHARPSPRING.leadFileField,
      })
      .uponReceiving('getFields for the custom fields of leads')
      .withRequest('POST', '/pubapi/v1.2/', (request) =>
        request
          .query(credentials)
          .headers({ 'Content-Type': regex('^application/json', 'application/json') })
          .jsonBody({
            method: 'getFields',
            params: { where: { relationship: 'lead', isCustom: '1' } },
            id: regex('^\\S+$', 'contract-get-fields'),
          }),
      )
      .willRespondWith(200, (response) =>
        response.headers(json).jsonBody({
          // Not pinned: how many fields there are and their ids; every one has these keys and types.
          result: {
            field: eachLike({
              id: regex('^\\d+$', '411100001'),
              relationship: 'lead',
              systemName: like(SHARPSPRING.leadFileField),
              label: like('Documents'),
              dataType: like('file'),
              isCustom: '1',
            }),
          },
          error: nullValue(),
          id: 'contract-get-fields',
        }),
      )
      .executeTest(
        settled(async (server) => {
          const result = await client(server.url, 'contract-get-fields').call<{
            field: Array<{ systemName: string; dataType: string }>
          }>('getFields', { where: { relationship: 'lead', isCustom: '1' } })
          expect(result.field.find((field) => field.dataType === 'file')?.systemName).toBe(
            SHARPSPRING.leadFileField,
          )
        }),
      )
  })

  it('call: a wrong secret key is error 105, raised as SharpSpringApiError', async () => {
    await pact
      .addInteraction()
      .given(SHARPSPRING_STATES.account)
      .uponReceiving('getLead with a wrong secret key')
      .withRequest('POST', '/pubapi/v1.2/', (request) =>
        request
          .query({ accountID: SHARPSPRING.accountId, secretKey: 'not-the-secret-key' })
          .headers({ 'Content-Type': regex('^application/json', 'application/json') })
          .jsonBody({ method: 'getLead', params: { id: LEAD_A }, id: regex('^\\S+$', 'contract-bad-key') }),
      )
      .willRespondWith(200, (response) =>
        response.headers(json).jsonBody({
          result: nullValue(),
          error: { code: 105, message: 'User authentication failed.', data: [] },
          id: 'contract-bad-key',
        }),
      )
      .executeTest(
        settled(async (server) => {
          const error = await client(server.url, 'contract-bad-key', 'not-the-secret-key')
            .call('getLead', { id: LEAD_A })
            .catch((e: unknown) => e)
          expect(error).toBeInstanceOf(SharpSpringApiError)
          expect(error).toMatchObject({ apiCode: 105, apiMessage: 'User authentication failed.' })
          // The key is in the query string; the error must not carry it.
          expect(String((error as Error).message)).not.toContain('not-the-secret-key')
        }),
      )
  })
})
