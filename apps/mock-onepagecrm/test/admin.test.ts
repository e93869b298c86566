import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JournalEntry } from '@crmkit/mock-kit'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ApiHarness,
  curlUpload,
  DEMO_CONTACT_ID,
  DEMO_NOTE_ID,
  SEED_FIELD_ORDER,
  startApiHarness,
} from './api-helpers.js'

/** What the admin API answers, all routes together. */
interface AdminAnswer {
  readonly requests: JournalEntry[]
  readonly dropped: number
  readonly created: { readonly contacts: string[] }
  readonly error: string
}
const json = async (response: Response | Promise<Response>) => (await (await response).json()) as AdminAnswer

const dir = mkdtempSync(join(tmpdir(), 'crmkit-admin-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('admin API and request journal', () => {
  let harness: ApiHarness
  let admin: string
  beforeEach(async () => {
    harness = await startApiHarness()
    admin = harness.api.replace(/\/api\/v3$/, '/__admin')
  })
  afterEach(() => harness.close())

  it('records API and S3 requests, each multipart part with its size and SHA-256, never its bytes', async () => {
    const form = (await harness.call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body
      .data
    const content = Buffer.from('journal me')
    writeFileSync(join(dir, 'j.txt'), content)
    const key = `${DEMO_CONTACT_ID}/7/j.txt`
    expect((await curlUpload(form.url, form.fields, key, join(dir, 'j.txt'))).status).toBe(201)
    await harness.call('POST', '/attachments', { reference_type: 'note', reference_id: DEMO_NOTE_ID, key })

    const { requests, dropped } = await json(fetch(`${admin}/requests`))
    expect(dropped).toBe(0)
    expect(
      requests.map((r: { service: string; method: string; status: number }) => [
        r.service,
        r.method,
        r.status,
      ]),
    ).toEqual([
      ['onepagecrm', 'GET', 200],
      ['s3', 'POST', 201],
      ['onepagecrm', 'POST', 201],
    ])
    expect(requests[0]?.path).toBe(`/api/v3/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)
    const upload = requests[1]
    expect(upload?.parts?.map((part) => part.name)).toEqual(SEED_FIELD_ORDER)
    expect(upload?.parts?.at(-1)).toEqual({
      name: 'file',
      filename: 'j.txt',
      contentType: 'text/plain',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    })
    expect(upload?.parts?.[7]).toEqual({
      name: 'key',
      size: key.length,
      sha256: createHash('sha256').update(key).digest('hex'),
      value: key,
    })
    // The form's signature is a credential: the journal shows that it came, never its value.
    expect(upload?.parts?.find((part) => part.name === 'x-amz-signature')?.value).toBe('[redacted]')
    expect(JSON.stringify(requests)).not.toContain(String(form.fields['x-amz-signature']))
    expect(JSON.stringify(requests)).not.toContain('journal me')
    const filtered = await json(fetch(`${admin}/requests?service=onepagecrm&method=post`))
    expect(filtered.requests).toHaveLength(1)
  })

  it("keeps each API request's JSON body and headers, and OnePageCRM's error name and message", async () => {
    expect((await harness.call('POST', '/contacts', { first_name: 'No last name' })).status).toBe(400)
    expect((await harness.call('GET', '/contacts/000000000000000000000000')).status).toBe(404)
    expect((await harness.call('GET', '/contacts?fields=next_action(all)')).status).toBe(501)
    const { requests } = await json(fetch(`${admin}/requests?service=onepagecrm`))
    expect(requests.map((entry) => entry.error?.code)).toEqual([
      'invalid_request_data',
      'resource_not_found',
      'not_emulated',
    ])
    expect(JSON.parse(requests[0]?.body?.json ?? '')).toEqual({ first_name: 'No last name' })
    expect(requests[0]?.error?.message).toBe('A validation error has occurred')
    expect(requests[0]?.headers?.authorization).toBe('[redacted]')
    const notFound = await json(fetch(`${admin}/requests?code=resource_not_found`))
    expect(notFound.requests.map((entry) => entry.path)).toEqual([
      '/api/v3/contacts/000000000000000000000000',
    ])
  })

  it('reset goes back to the seed: records, stored files and the journal', async () => {
    await harness.call('POST', '/contacts', { last_name: 'Temporary' })
    const form = (await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)).body.data
    writeFileSync(join(dir, 'r.txt'), 'x')
    const key = `${DEMO_CONTACT_ID}/8/r.txt`
    await curlUpload(form.url, form.fields, key, join(dir, 'r.txt'))
    expect((await fetch(`${admin}/reset`, { method: 'POST' })).status).toBe(200)
    expect((await harness.call('GET', '/contacts')).body.data.total_count).toBe(1)
    expect(await harness.mock.s3.store.head('onepagecrm-up-eu-central-1', key)).toBeUndefined()
    const { requests } = await json(fetch(`${admin}/requests`))
    expect(requests.map((r) => r.path)).toEqual(['/api/v3/contacts'])
  })

  it('seeds more records, and refuses a seed the API would refuse, adding nothing', async () => {
    const seed = (body: unknown) =>
      fetch(`${admin}/seed`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      })
    const added = await seed({
      contacts: [{ id: '64b000000000000000000009', last_name: 'Added' }],
      notes: [{ contact_id: '64b000000000000000000009', text: 'hi' }],
    })
    expect(added.status).toBe(201)
    expect((await json(added)).created.contacts).toEqual(['64b000000000000000000009'])
    const refused = await seed({ contacts: [{ last_name: 'Fine' }, { first_name: 'No last name' }] })
    expect(refused.status).toBe(400)
    expect((await json(refused)).error).toContain('contacts[1]: company: Either last name or company name')
    expect((await harness.call('GET', '/contacts')).body.data.total_count).toBe(2)
    expect((await fetch(`${admin}/nope`)).status).toBe(404)
  })

  it('seeds storage used outside the API, so a test sets the storage left; a reset gives it back', async () => {
    const left = async () =>
      (await harness.call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body.data
        .storage_left as number
    const before = await left()
    const seed = (body: unknown) =>
      fetch(`${admin}/seed`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      })
    expect((await seed({ storage_used_elsewhere: before - 4096 })).status).toBe(201)
    expect(await left()).toBe(4096)
    // Seeds add up.
    expect((await seed({ storage_used_elsewhere: 96 })).status).toBe(201)
    expect(await left()).toBe(4000)
    expect((await seed({ storage_used_elsewhere: -1 })).status).toBe(400)
    await fetch(`${admin}/reset`, { method: 'POST' })
    expect(await left()).toBe(before)
  })
})
