import { onepagecrm } from '@crmkit/schemas'
import { beforeEach, describe, expect, it } from 'vitest'
import { type ApiApp, AUTH, setupApi as setup, T0 } from '../../test/api-app.js'
import { createApiConfig } from './domain/api-config.js'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_NOTE_ID } from './domain/seed.js'

const { successEnvelope, errorEnvelope } = onepagecrm

describe('OnePageCRM API app', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setup()
  })

  it('answers every path with and without .json, in the documented envelopes', async () => {
    const plain = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)
    const suffixed = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}.json`)
    expect(suffixed.body).toEqual(plain.body)
    expect(plain.status).toBe(200)
    expect(successEnvelope(onepagecrm.contactEntry).parse(plain.body).data.contact.last_name).toBe('Bloggs')
    expect(plain.body.timestamp).toBe(T0.getTime() / 1000)
    const bootstrap = await api.call('GET', '/bootstrap.json')
    expect(successEnvelope(onepagecrm.bootstrapData).parse(bootstrap.body).data.user.user).toMatchObject({
      id: DEFAULT_USER_ID,
      first_name: 'Jane',
    })
  })

  it('creates, reads, lists, updates and deletes contacts, with the documented 400', async () => {
    const missing = await api.call('POST', '/contacts', { first_name: 'Only' })
    expect(missing.status).toBe(400)
    expect(errorEnvelope.parse(missing.body)).toEqual({
      status: 400,
      message: 'Invalid request data',
      error_name: 'invalid_request_data',
      error_message: 'A validation error has occurred',
      errors: {
        company: 'Either last name or company name are required to create a Contact.',
        lastname: 'Either last name or company name are required to create a Contact.',
      },
    })
    const created = await api.call('POST', '/contacts', {
      first_name: 'Ada',
      company_name: 'Analytical Engines',
    })
    expect(created.status).toBe(201)
    expect(created.body.message).toBe('Created')
    const contact = successEnvelope(onepagecrm.contactEntry).parse(created.body).data.contact
    expect(contact).toMatchObject({ owner_id: DEFAULT_USER_ID, created_at: '2026-03-01T12:00:00Z' })

    api.clock.advance(60_000)
    const partial = await api.call('PUT', `/contacts/${contact.id}?partial=true`, { job_title: 'Engineer' })
    expect(partial.body.data.contact).toMatchObject({
      first_name: 'Ada',
      job_title: 'Engineer',
      modified_at: '2026-03-01T12:01:00Z',
    })
    const full = await api.call('PUT', `/contacts/${contact.id}`, { last_name: 'Lovelace' })
    expect(full.body.data.contact).toMatchObject({ first_name: '', company_name: '', last_name: 'Lovelace' })

    const page = await api.call('GET', '/contacts?per_page=1&page=2')
    const data = successEnvelope(onepagecrm.pageOf('contacts', onepagecrm.contactEntry)).parse(page.body).data
    expect(data).toMatchObject({ total_count: 2, page: 2, per_page: 1, max_page: 2 })
    expect(await api.call('DELETE', `/contacts/${contact.id}`)).toMatchObject({
      status: 200,
      body: { status: 0, data: {} },
    })
    const gone = await api.call('GET', `/contacts/${contact.id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual({
      status: 404,
      message: 'Resource not found',
      error_name: 'resource_not_found',
      error_message: `Couldn't find contact for id, ${contact.id}.\nThe contact may have been deleted or you may have used the wrong id`,
    })
  })

  it('keeps per_page between 1 and 100, 10 by default', async () => {
    expect((await api.call('GET', '/contacts')).body.data.per_page).toBe(10)
    expect((await api.call('GET', '/contacts?per_page=500')).body.data.per_page).toBe(100)
    expect((await api.call('GET', '/contacts?per_page=0&page=-3')).body.data).toMatchObject({
      per_page: 1,
      page: 1,
    })
  })

  it('creates, lists, updates and deletes notes, deals, calls and meetings', async () => {
    const bodies = {
      notes: { text: 'Met at the fair' },
      deals: { name: 'Big order', amount: 1200 },
      calls: { call_result: 'interested', phone_number: '(912) 644-1770' },
      meetings: { place: 'Room 1' },
    } as const
    const schemas = {
      notes: onepagecrm.note,
      deals: onepagecrm.deal,
      calls: onepagecrm.call,
      meetings: onepagecrm.meeting,
    }
    for (const [plural, body] of Object.entries(bodies) as Array<[keyof typeof bodies, object]>) {
      const singular = plural.slice(0, -1)
      const schema = schemas[plural]
      const missing = await api.call('POST', `/${plural}`, body)
      expect(missing.body.errors, plural).toMatchObject({ contact_id: 'contact_id is invalid or missing' })
      const created = await api.call('POST', `/${plural}`, { ...body, contact_id: DEMO_CONTACT_ID })
      expect(created.status, plural).toBe(201)
      const record = schema.parse(created.body.data[singular])
      expect(record).toMatchObject({ contact_id: DEMO_CONTACT_ID, author: 'Jane D.', attachments: [] })
      const listed = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/${plural}.json`)
      const page = successEnvelope(onepagecrm.pageOf(plural, onepagecrm.pageEntry(singular, schema))).parse(
        listed.body,
      )
      expect(page.data.total_count).toBeGreaterThanOrEqual(1)
      const updated = await api.call('PUT', `/${plural}/${record.id}?partial=1`, { text: 'Changed' })
      expect(updated.body.data[singular]).toMatchObject({ id: record.id, text: 'Changed' })
      expect((await api.call('DELETE', `/${plural}/${record.id}`)).status).toBe(200)
      expect((await api.call('GET', `/${plural}/${record.id}`)).status).toBe(404)
    }
    const noText = await api.call('POST', `/contacts/${DEMO_CONTACT_ID}/notes`, {})
    expect(noText.body.errors).toEqual({ text: 'text is invalid or missing' })
    const unknownContact = await api.call('POST', '/deals', {
      contact_id: '5aba31ea9007ba0f570c92d4',
      name: 'x',
    })
    expect(unknownContact.status).toBe(404)
  })

  it('attaches through the flat and nested routes, renames, pins and lists pinned files, and deletes', async () => {
    const form = await api.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    successEnvelope(onepagecrm.s3FormData).parse(form.body)
    const deal = await api.call('POST', '/deals', { contact_id: DEMO_CONTACT_ID, name: 'Order' })
    const dealId = deal.body.data.deal.id
    api.objects.set(`${DEMO_CONTACT_ID}/1/a.pdf`, 10)
    api.objects.set(`${DEMO_CONTACT_ID}/2/b.pdf`, 20)
    const flat = await api.call('POST', '/attachments', {
      reference_id: DEMO_NOTE_ID,
      reference_type: 'note',
      contact_id: DEMO_CONTACT_ID,
      name: 'a.pdf',
      key: `${DEMO_CONTACT_ID}/1/a.pdf`,
      size: 10,
    })
    expect(flat.status).toBe(201)
    expect(successEnvelope(onepagecrm.createAttachmentData).parse(flat.body).data.attachment).toMatchObject({
      filename: 'a.pdf',
      pinned: false,
      pinned_at: null,
      url_expires_at: '2026-03-01T13:00:00Z',
    })
    const nested = await api.call('POST', `/deals/${dealId}/attachments`, {
      reference_type: 'deal',
      key: `${DEMO_CONTACT_ID}/2/b.pdf`,
    })
    expect(nested.status).toBe(201)
    expect(nested.body.data.attachment).toMatchObject({ filename: 'b.pdf', size: 20 })
    const id = flat.body.data.attachment.id

    const renamed = await api.call('PATCH', `/attachments/${id}`, {
      attachment: { custom_filename: 'contract.pdf' },
    })
    expect(onepagecrm.attachment.parse(renamed.body.data)).toMatchObject({ custom_filename: 'contract.pdf' })
    expect(
      (await api.call('PATCH', `/attachments/${id}`, { attachment: { custom_filename: '' } })).status,
    ).toBe(400)

    api.clock.advance(1000)
    const pinned = await api.call('PATCH', `/attachments/${id}/pin`)
    expect(pinned.body.data).toMatchObject({ pinned: true, pinned_at: '2026-03-01T12:00:01Z' })
    const list = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/pinned_attachments`)
    const page = successEnvelope(onepagecrm.pageOf('pinned_attachments', onepagecrm.attachment)).parse(
      list.body,
    )
    expect(page.data.pinned_attachments.map((a) => a.id)).toEqual([id])
    expect((await api.call('PATCH', `/attachments/${id}/unpin`)).body.data).toMatchObject({
      pinned: false,
      pinned_at: null,
    })

    // Deleting the note deletes its attachment, and gives the storage back.
    const before = (await api.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)).body.data
      .storage_left
    expect((await api.call('DELETE', `/notes/${DEMO_NOTE_ID}`)).status).toBe(200)
    expect(api.deps.state.attachments.has(id)).toBe(false)
    const after = (await api.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)).body.data
      .storage_left
    expect(after).toBe(before + 10)
    expect((await api.call('DELETE', `/attachments/${id}`)).status).toBe(404)
  })

  it('checks reference_type and key, and names the field at fault', async () => {
    const attach = (body: object) => api.call('POST', '/attachments', body)
    expect((await attach({ key: 'x' })).body.errors).toMatchObject({
      reference_type: 'reference_type is invalid or missing',
    })
    expect((await attach({ reference_type: 'email', key: 'x' })).body.errors).toMatchObject({
      reference_type: 'reference_type is invalid or missing',
    })
    expect((await attach({ reference_type: 'note', key: 'x' })).body.errors).toEqual({
      reference_id: 'reference_id is invalid or missing',
    })
    const missingNote = await attach({
      reference_type: 'note',
      reference_id: '5aba31ea9007ba0f570c92d4',
      key: 'x',
    })
    expect(missingNote.status).toBe(404)
    const badKey = await attach({
      reference_type: 'note',
      reference_id: DEMO_NOTE_ID,
      key: `${DEMO_CONTACT_ID}/abc/a.pdf`,
    })
    expect(badKey.body.errors).toEqual({
      key: `key must have the form ${DEMO_CONTACT_ID}/{timestamp}/{filename}`,
    })
    const notJson = await api.call('POST', '/attachments', '{"reference_type":')
    expect(notJson.body.errors).toEqual({ body: 'the request body must be a JSON object' })
    api.objects.set(`${DEMO_CONTACT_ID}/1/a.pdf`, 1)
    const twice = { reference_type: 'note', reference_id: DEMO_NOTE_ID, key: `${DEMO_CONTACT_ID}/1/a.pdf` }
    expect((await attach(twice)).status).toBe(201)
    expect((await attach(twice)).body.errors).toEqual({ key: 'this file is already attached' })
  })

  it('photo sets the contact photo, avatar the caller’s, account_document hangs on the account', async () => {
    for (const [index, name] of ['p.jpg', 'v.jpg', 'd.pdf'].entries())
      api.objects.set(`${DEMO_CONTACT_ID}/${index}/${name}`, 5)
    const photo = await api.call('POST', '/attachments', {
      reference_type: 'photo',
      contact_id: DEMO_CONTACT_ID,
      key: `${DEMO_CONTACT_ID}/0/p.jpg`,
    })
    expect(photo.status).toBe(201)
    const contact = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)
    expect(contact.body.data.contact.photo_url).toContain(`/${DEMO_CONTACT_ID}/0/p.jpg?`)
    const avatar = await api.call('POST', '/attachments', {
      reference_type: 'avatar',
      contact_id: DEMO_CONTACT_ID,
      key: `${DEMO_CONTACT_ID}/1/v.jpg`,
    })
    expect(avatar.status).toBe(201)
    expect((await api.call('GET', '/bootstrap')).body.data.user.user.photo_url).toContain('/v.jpg?')
    const document = await api.call('POST', '/attachments', {
      reference_type: 'account_document',
      contact_id: DEMO_CONTACT_ID,
      key: `${DEMO_CONTACT_ID}/2/d.pdf`,
    })
    expect(document.status).toBe(201)
    expect(api.deps.state.attachments.get(document.body.data.attachment.id)).toMatchObject({
      reference_id: null,
    })
    expect((await api.call('DELETE', `/attachments/${photo.body.data.attachment.id}`)).status).toBe(200)
    expect((await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data.contact.photo_url).toBe('')
  })

  it('persists after each change and not after a refusal', async () => {
    await api.call('POST', '/contacts', { last_name: 'Saved' })
    await api.call('POST', '/contacts', { first_name: 'Refused' })
    await api.call('GET', '/contacts')
    expect(api.saves()).toBe(1)
  })

  it('moves the real status into the body with suppress_http_status=1', async () => {
    const answer = await api.call('GET', '/contacts/5aba31ea9007ba0f570c92d4?suppress_http_status=1')
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ status: 404, error_name: 'resource_not_found' })
  })
})

describe('throttling', () => {
  it('is off by default, and when on answers the plain-text 403 past the burst', async () => {
    const off = setup()
    for (let i = 0; i < 20; i++) expect((await off.call('GET', '/bootstrap')).status).toBe(200)

    const on = setup({ config: createApiConfig({ throttle: true }) })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await on.call('GET', '/bootstrap', undefined, null)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 403, 403, 403])
    const throttled = await on.call('GET', '/bootstrap')
    expect(throttled.headers.get('content-type')).toBe('text/plain; charset=UTF-8')
    expect(throttled.body).toBe('403 Forbidden (Rate Limit Exceeded)\n')
    on.clock.advance(2000)
    expect((await on.call('GET', '/bootstrap')).status).toBe(200)
  })
})

describe('request bodies', () => {
  /** A JSON body of about `total` bytes in 1 KiB chunks, counting what the API pulled from it. */
  function countedJson(total: number) {
    const counter = { pulled: 0 }
    const head = Buffer.from('{"last_name":"')
    // highWaterMark 0: nothing is pulled before the API reads.
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (counter.pulled >= total) {
            controller.enqueue(Buffer.from('"}'))
            return controller.close()
          }
          const chunk = counter.pulled === 0 ? head : Buffer.alloc(1024, 120)
          counter.pulled += chunk.length
          controller.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
    return { stream, counter }
  }
  const send = (
    api: ReturnType<typeof setup>,
    path: string,
    body: ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
  ) =>
    api.app.request(`/api/v3${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit)

  it('checks credentials before reading a byte of the body', async () => {
    const api = setup()
    const { stream, counter } = countedJson(50 * 1024 * 1024)
    const answer = await send(api, '/contacts', stream)
    expect(answer.status).toBe(401)
    expect(counter.pulled).toBe(0)
  })

  it('refuses a body over the limit with 413 in the error envelope, keeping nothing', async () => {
    const api = setup()
    const limit = api.deps.config.maxJsonBodyBytes
    expect(limit).toBe(1024 * 1024)
    const before = api.deps.state.contacts.size
    const { stream, counter } = countedJson(20 * 1024 * 1024)
    const answer = await send(api, '/contacts', stream, { Authorization: AUTH })
    expect(answer.status).toBe(413)
    const body = await answer.json()
    expect(errorEnvelope.parse(body)).toEqual({
      status: 413,
      message: 'Request entity too large',
      error_name: 'request_entity_too_large',
      error_message: 'The request body is larger than 1048576 bytes, the most the API reads.',
      errors: {},
    })
    expect(counter.pulled).toBeLessThan(limit + 64 * 1024)
    expect(api.deps.state.contacts.size).toBe(before)
    expect(api.saves()).toBe(0)
  })

  it('refuses a declared Content-Length over the limit without reading, on every JSON route', async () => {
    const api = setup()
    const limit = api.deps.config.maxJsonBodyBytes
    for (const [method, path] of [
      ['POST', '/contacts'],
      ['PUT', `/contacts/${DEMO_CONTACT_ID}`],
      ['POST', '/notes'],
      ['PUT', `/notes/${DEMO_NOTE_ID}`],
      ['PATCH', '/attachments/5afc1ea9d556730b780096db'],
      ['POST', '/attachments'],
    ] as const) {
      const { stream, counter } = countedJson(limit + 1)
      const answer = await api.app.request(`/api/v3${path}`, {
        method,
        headers: {
          Authorization: AUTH,
          'Content-Type': 'application/json',
          'Content-Length': String(limit + 1),
        },
        body: stream,
        duplex: 'half',
      } as RequestInit)
      expect([method, path, answer.status]).toEqual([method, path, 413])
      expect(counter.pulled).toBe(0)
    }
  })

  it('reads a body of exactly the limit, and answers 413 inside suppress_http_status=1 as 200', async () => {
    const api = setup({ config: createApiConfig({ maxJsonBodyBytes: 64 }) })
    const fits = '{"last_name":"Fits"}'.padEnd(64, ' ')
    expect((await api.call('POST', '/contacts', fits)).status).toBe(201)
    const over = await api.call('POST', '/contacts?suppress_http_status=1', `${fits} `)
    expect(over.status).toBe(200)
    expect(over.body).toMatchObject({ status: 413, error_name: 'request_entity_too_large' })
  })
})
