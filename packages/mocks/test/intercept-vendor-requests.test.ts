import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InterceptedVendors, interceptVendors } from '../src/index.js'
import {
  axiosClient,
  BUCKET_URL,
  type Client,
  fetchClient,
  httpsClient,
  ONEPAGECRM_API,
  onePageCrmAuth,
  type Part,
  SHARPSPRING_API,
  sharpSpringQuery,
  undiciClient,
} from './intercept-helpers.js'

// The vendors' documented requests (SharpSpring's API and "Uploading Files" article, OnePageCRM's upload
// tutorial, https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/), with the vendors' real
// URLs as written, through each client style: every shape reaches its mock unchanged and answers as the
// vendor's would, with no port and no URL switch.

let mocks: InterceptedVendors
beforeAll(async () => {
  // Digests in the journal: each file part as received, to compare with the bytes sent.
  mocks = await interceptVendors({ journalDigests: true })
})
afterAll(() => mocks.restore())

const ss = () => {
  if (mocks.sharpspring === undefined) throw new Error('SharpSpring is not running')
  return mocks.sharpspring
}
const opc = () => {
  if (mocks.onepagecrm === undefined) throw new Error('OnePageCRM is not running')
  return mocks.onepagecrm
}
/** SharpSpring's JSON-RPC endpoint as its clients write it: the version's path, credentials in the query. */
const rpcUrl = () => `${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`
const rpc = async (client: Client, method: string, params: unknown, id: string) => {
  const answer = await client.send({ method: 'POST', url: rpcUrl(), json: { method, params, id } })
  // What the mock read is what was sent: the path and query as written, the JSON text unchanged.
  const received = mocks.requests({ service: 'sharpspring', method: 'POST' }).at(-1)
  expect(received?.path).toBe(`/pubapi/v1/?accountID=${ss().credentials.accountId}&secretKey=[redacted]`)
  expect(received?.body?.json).toBe(JSON.stringify({ method, params, id }))
  return answer
}

// A PNG's signature and some bytes: SharpSpring's uploadProductImage tells an image from its first bytes.
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(40_000),
])

/** The multipart body the mock received last from `service`, part by part, is the one sent: same order, same bytes. */
function expectReceivedAsSent(service: string, parts: readonly Part[]): void {
  const received = mocks.requests({ service, method: 'POST' }).at(-1)?.parts
  expect(received?.map((part) => part.name)).toEqual(parts.map((part) => part.name))
  parts.forEach((part, index) => {
    if ('value' in part) {
      if (received?.[index]?.value !== '[redacted]') expect(received?.[index]?.value).toBe(part.value)
      return
    }
    expect(received?.[index]).toMatchObject({
      filename: part.filename,
      contentType: part.type,
      size: part.content.length,
      sha256: createHash('sha256').update(part.content).digest('hex'),
    })
  })
}

/** One documented request shape, run through a client; it asserts the vendor's statuses and envelopes itself. */
type Shape = readonly [name: string, run: (client: Client) => Promise<void>]

const shapes: readonly Shape[] = [
  [
    'SharpSpring JSON-RPC getLeads',
    async (client) => {
      const leads = await rpc(client, 'getLeads', { where: {} }, `get-${client.name}`)
      expect(leads.status).toBe(200)
      expect(leads.headers['content-type']).toMatch(/^application\/json/)
      const body = leads.json()
      expect(body).toMatchObject({ error: null, id: `get-${client.name}` })
      expect(body.result.lead.map((lead: { id: string }) => Number(lead.id))).toContain(ss().demo.leadId)
    },
  ],
  [
    'SharpSpring JSON-RPC createLeads then updateLeads, read back with getLeads',
    async (client) => {
      const email = `${client.name.replace(/\W/g, '-')}@example.com`
      const created = await rpc(client, 'createLeads', { objects: [{ emailAddress: email }] }, 'create')
      expect(created.status).toBe(200)
      const creates = created.json()
      expect(creates).toMatchObject({ error: [], id: 'create' })
      expect(creates.result.creates).toEqual([{ success: true, error: null, id: expect.any(Number) }])
      const id = creates.result.creates[0].id as number

      const updated = await rpc(client, 'updateLeads', { objects: [{ id, firstName: 'Intercepted' }] }, 'u')
      expect(updated.status).toBe(200)
      expect(updated.json()).toMatchObject({ result: { updates: [{ success: true, error: null }] }, id: 'u' })

      const read = (await rpc(client, 'getLeads', { where: { id } }, 'read')).json()
      expect(read.result.lead).toEqual([
        expect.objectContaining({ id: String(id), emailAddress: email, firstName: 'Intercepted' }),
      ])
    },
  ],
  [
    'SharpSpring multipart uploadFiles, its link served at the real host',
    async (client) => {
      const content = randomBytes(150_000)
      const name = `${client.name.replace(/\W/g, '-')} report.bin`
      const parts: Part[] = [
        { name: 'id', value: '1' },
        { name: 'objectType', value: 'lead' },
        { name: 'fieldSystemName', value: ss().demo.fileFields.lead },
        { name: 'files[0]', filename: name, type: 'application/octet-stream', content },
        { name, value: String(ss().demo.leadId) },
      ]
      const uploaded = await client.send({
        method: 'POST',
        url: `${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`,
        multipart: parts,
      })
      expect(uploaded.status).toBe(200)
      expectReceivedAsSent('sharpspring', parts)
      const body = uploaded.json()
      expect(body).toMatchObject({ error: [], id: '1' })
      expect(body.result.uploads).toEqual([
        expect.objectContaining({ success: true, fileName: name, url: expect.any(String) }),
      ])
      const link = body.result.uploads[0].url as string
      expect(new URL(link).origin).toBe('https://api.sharpspring.com')
      const stored = await client.send({ method: 'GET', url: link })
      expect(stored.status).toBe(200)
      expect(stored.bytes.equals(content)).toBe(true)
    },
  ],
  [
    "SharpSpring multipart uploadProductImage, the product's imageURL served at the real host",
    async (client) => {
      const parts: Part[] = [
        { name: 'id', value: 'image-1' },
        { name: 'productID', value: String(ss().demo.productId) },
        { name: 'productImage', filename: 'rye-rove-raggy.png', type: 'image/png', content: PNG },
      ]
      const uploaded = await client.send({
        method: 'POST',
        url: `${SHARPSPRING_API}uploadProductImage?${sharpSpringQuery(mocks)}`,
        multipart: parts,
      })
      expect(uploaded.status).toBe(200)
      expectReceivedAsSent('sharpspring', parts)
      const body = uploaded.json()
      expect(body).toMatchObject({
        result: { success: true, error: null, id: ss().demo.productId },
        error: null,
        id: 'image-1',
      })
      const product = (await rpc(client, 'getProducts', { where: { id: ss().demo.productId } }, 'p')).json()
      expect(product.result.product[0].imageURL).toBe(body.result.imageURL)
      const image = await client.send({ method: 'GET', url: body.result.imageURL })
      expect(image.headers['content-type']).toBe('image/png')
      expect(image.bytes.equals(PNG)).toBe(true)
    },
  ],
  [
    "OnePageCRM's three steps: s3_form.json, the form posted to the bucket's own host, attachments.json",
    async (client) => {
      const authorization = onePageCrmAuth(mocks)
      const { contactId, noteId } = opc().demo
      const step1 = await client.send({
        method: 'GET',
        url: `${ONEPAGECRM_API}/attachments/s3_form.json?contact_id=${contactId}`,
        headers: { authorization },
      })
      expect(step1.status).toBe(200)
      const form = step1.json()
      expect(form).toMatchObject({ status: 0, message: 'OK', data: { url: BUCKET_URL } })
      const fields = form.data.fields as Record<string, string | number>

      const name = `${client.name.replace(/\W/g, '-')} contract.pdf`
      const key = String(fields['x-ignore-pattern'])
        .replace('__timestamp__', '1700000000')
        .replace('${filename}', name)
      const content = randomBytes(300_000)
      const parts: Part[] = [
        ...Object.entries(fields).map(([field, value]) => ({
          name: field,
          value: field === 'key' ? key : String(value),
        })),
        { name: 'filename', value: name },
        { name: 'file', filename: name, type: 'application/pdf', content },
      ]
      const step2 = await client.send({ method: 'POST', url: form.data.url, multipart: parts })
      expect(step2.status).toBe(201)
      expectReceivedAsSent('s3', parts)
      expect(step2.text).toContain(`<Key>${key}</Key>`)
      expect(step2.text).toContain('<Bucket>onepagecrm-up-eu-central-1</Bucket>')
      expect(mocks.requests({ service: 's3', method: 'POST' }).at(-1)?.headers?.host).toBe(
        new URL(BUCKET_URL).host,
      )

      const step3 = await client.send({
        method: 'POST',
        url: `${ONEPAGECRM_API}/attachments.json`,
        headers: { authorization },
        json: {
          reference_type: 'note',
          reference_id: noteId,
          contact_id: contactId,
          key,
          name,
          size: content.length,
        },
      })
      expect(step3.status).toBe(201)
      const attachment = step3.json().data.attachment
      expect(step3.json()).toMatchObject({ status: 0, message: 'Created' })
      expect(attachment).toMatchObject({ filename: name, size: content.length, storage_provider: 'amazon' })
      expect(attachment.url.startsWith(BUCKET_URL)).toBe(true)

      // The upload is now the note's attachment, and its link reads the bytes back from the bucket's host.
      const note = await client.send({
        method: 'GET',
        url: `${ONEPAGECRM_API}/notes/${noteId}.json`,
        headers: { authorization },
      })
      expect(note.status).toBe(200)
      expect(note.json().data.note.attachments).toContainEqual(attachment)
      const download = await client.send({ method: 'GET', url: attachment.url })
      expect(download.status).toBe(200)
      expect(download.bytes.equals(content)).toBe(true)
    },
  ],
]

describe.each([fetchClient, undiciClient, httpsClient, axiosClient])('with $name', (client) => {
  it.each(shapes)('%s', async (_name, run) => {
    const before = mocks.requests().length
    await run(client)
    // Every request went to a mock, at the host the code named: nothing was refused or sent elsewhere.
    const sent = mocks.requests().slice(before)
    expect(sent.length).toBeGreaterThan(0)
    for (const entry of sent) {
      // node:https's hand-written bodies went as written: streamed, chunked, never gathered first.
      if (client === httpsClient && entry.headers?.['content-type']?.startsWith('multipart/'))
        expect(entry.headers['transfer-encoding']).toBe('chunked')
      expect(entry.headers?.host).toMatch(
        /^(api\.sharpspring\.com|app\.onepagecrm\.com|[\w-]+\.s3\.[\w-]+\.amazonaws\.com)$/,
      )
    }
  })
})
