import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID, DEMO_DEAL_ID, DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

// Companies (https://github.com/OnePageCRM/swagger, the Companies operations; OnePageCRM's Ruby client,
// spec/companies_spec.rb).

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const FIELD_ID = '5aad9b039007ba28c9ebad56'

describe('companies', () => {
  let api: ApiApp
  let morgan: string
  beforeEach(() => {
    api = setupApi()
    morgan = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
  })

  it('reads a company with its roll-ups, contacts and pending deals', async () => {
    await api.call('POST', '/contacts', { last_name: 'Colleague', company_name: "morgan's forensic lab" })
    const answer = await api.call('GET', `/companies/${morgan}`)
    expect(answer.status).toBe(200)
    expect(answer.body.data.company).toMatchObject({
      id: morgan,
      name: "Morgan's Forensic Lab",
      contacts_count: 2,
      pending_deals_count: 1,
      total_pending_amount: 1200,
      won_deals_count: 0,
      total_won_amount: 0,
      syncing_status: false,
      photo_url: null,
      address: { address: '', city: '', state: '', zip_code: '', country_code: '' },
    })
    expect(
      answer.body.data.company.contacts.map(
        (entry: { contact: { last_name: string } }) => entry.contact.last_name,
      ),
    ).toEqual(['Bloggs', 'Colleague'])
    expect(answer.body.data.company.pending_deals).toEqual([
      { deal: expect.objectContaining({ id: DEMO_DEAL_ID }) },
    ])
    expect((await api.call('GET', '/companies/5aa0aaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
  })

  it('lists companies by name, filtered by name, phone and letter, sorted on request', async () => {
    for (const name of ['Zeta', 'alpha', '3M']) await api.call('POST', '/contacts', { company_name: name })
    const names = async (query: string) =>
      (await api.call('GET', `/companies${query}`)).body.data.companies.map(
        (entry: { company: { name: string } }) => entry.company.name,
      )
    expect(await names('')).toEqual(['3M', 'alpha', "Morgan's Forensic Lab", 'Zeta'])
    expect(await names('?name=ET')).toEqual(['Zeta'])
    expect(await names('?letter=1')).toEqual(['3M'])
    expect(await names('?sort_by=created_at&order=desc')).toEqual([
      '3M',
      'alpha',
      'Zeta',
      "Morgan's Forensic Lab",
    ])
    const zeta = api.deps.state.companies.get(
      [...api.deps.state.companies.values()].find((c) => c.name === 'Zeta')?.id ?? '',
    )
    await api.call('PUT', `/companies/${zeta?.id}?partial=1`, { phone: '(912) 644-1771' })
    expect(await names('?phone=6441771')).toEqual(['Zeta'])
    expect((await api.call('GET', '/companies?sort_by=size')).status).toBe(400)
  })

  it('renames a company for its contacts; a full update needs a name and clears the rest', async () => {
    const renamed = await api.call('PUT', `/companies/${morgan}`, {
      name: 'Morgan Labs',
      phone: '1',
      address: { city: 'Galway', country_code: 'ie' },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.data.company).toMatchObject({
      name: 'Morgan Labs',
      phone: '1',
      address: { city: 'Galway', country_code: 'IE' },
    })
    expect((await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data.contact.company_name).toBe(
      'Morgan Labs',
    )
    const partial = await api.call('PUT', `/companies/${morgan}?partial=1`, { description: 'Labs' })
    expect(partial.body.data.company).toMatchObject({ name: 'Morgan Labs', phone: '1', description: 'Labs' })
    const nameless = await api.call('PUT', `/companies/${morgan}`, { wrong_name: 'X' })
    expect(nameless.status).toBe(400)
    expect(nameless.body.errors).toEqual({ name: 'A new company name is needed to update the company' })
    const full = await api.call('PUT', `/companies/${morgan}`, { name: 'Morgan' })
    expect(full.body.data.company).toMatchObject({ name: 'Morgan', phone: '', description: '' })
    expect((await api.call('PUT', '/companies/5aa0aaaaaaaaaaaaaaaaaaaa', { name: 'X' })).status).toBe(404)
  })

  it('stores company field values', async () => {
    api.deps.state.company_fields.set(FIELD_ID, {
      id: FIELD_ID,
      name: 'Size',
      type: 'number',
      position: 1,
      choices: [],
    })
    const set = await api.call('PUT', `/companies/${morgan}?partial=1`, {
      company_fields: [{ company_field: { id: FIELD_ID }, value: 42 }],
    })
    expect(set.body.data.company.company_fields).toEqual([
      {
        company_field: { id: FIELD_ID, name: 'Size', type: 'number', position: 1, choices: [] },
        value: '42',
      },
    ])
    const refused = await api.call('PUT', `/companies/${morgan}?partial=1`, {
      company_fields: [{ id: FIELD_ID, value: 'big' }],
      description: 'no',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors).toEqual({ company_fields: 'company_fields[0]: Size must be a number' })
    expect(api.deps.state.companies.get(morgan)?.description).toBe('')
  })

  it('syncs its contacts’ status while sync is on', async () => {
    const colleague = (
      await api.call('POST', '/contacts', { last_name: 'Two', company_name: "Morgan's Forensic Lab" })
    ).body.data.contact
    const missing = await api.call('POST', `/companies/${morgan}/synced_status`, {})
    expect(missing.status).toBe(400)
    const synced = await api.call('POST', `/companies/${morgan}/synced_status`, {
      status_id: '5e31e030849d781e837b6b9e',
    })
    expect(synced.status).toBe(201)
    expect(synced.body.data.company).toMatchObject({
      syncing_status: true,
      synced_status_id: '5e31e030849d781e837b6b9e',
    })
    expect((await api.call('GET', `/contacts/${colleague.id}`)).body.data.contact.status).toBe('Customer')
    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}/change_status/5e31e030849d781e837b6ba1`)
    expect((await api.call('GET', `/contacts/${colleague.id}`)).body.data.contact.status).toBe('Prospect')
    const joiner = await api.call('POST', '/contacts', {
      last_name: 'Three',
      company_name: "Morgan's Forensic Lab",
    })
    expect(joiner.body.data.contact.status).toBe('Prospect')
    const off = await api.call('DELETE', `/companies/${morgan}/synced_status`)
    expect(off.body.data.company.syncing_status).toBe(false)
    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}/change_status/5e31e030849d781e837b6b9f`)
    expect((await api.call('GET', `/contacts/${colleague.id}`)).body.data.contact.status).toBe('Prospect')
  })

  it('links, lists and unlinks other companies’ contacts', async () => {
    const outsider = (await api.call('POST', '/contacts', { last_name: 'Out', company_name: 'Elsewhere' }))
      .body.data.contact
    const own = await api.call('POST', `/companies/${morgan}/linked_contacts`, {
      contact_id: DEMO_CONTACT_ID,
    })
    expect(own.status).toBe(400)
    expect(own.body.errors).toEqual({
      contact_id: 'Cannot link a contact to the company they already work at.',
    })
    const linked = await api.call('POST', `/companies/${morgan}/linked_contacts`, {
      contact_id: outsider.id,
      linked_with: DEMO_CONTACT_ID,
    })
    expect(linked.status).toBe(201)
    expect(linked.body.data.linked_contact).toMatchObject({
      contact: { id: outsider.id },
      linked_with: [DEMO_CONTACT_ID],
    })
    const again = await api.call('POST', `/companies/${morgan}/linked_contacts`, { contact_id: outsider.id })
    expect(again.status).toBe(409)
    expect(again.body.error_name).toBe('precondition_failed')
    const list = await api.call('GET', `/companies/${morgan}/linked_contacts`)
    expect(list.body.data.linked_contacts).toHaveLength(1)
    expect(list.body.data.linked_contacts[0].linked_contact.contact.id).toBe(outsider.id)
    expect((await api.call('DELETE', `/companies/${morgan}/linked_contacts/${outsider.id}`)).status).toBe(200)
    expect((await api.call('DELETE', `/companies/${morgan}/linked_contacts/${outsider.id}`)).status).toBe(404)
    expect((await api.call('GET', `/companies/${morgan}/linked_contacts`)).body.data.total_count).toBe(0)
  })

  it('refuses a 101st linked contact with 409', async () => {
    const company = api.deps.state.companies.get(morgan)
    if (company === undefined) throw new Error('no company')
    const links = Array.from({ length: 100 }, (_, index) => ({
      contact_id: index.toString(16).padStart(24, '0'),
      linked_with: [],
    }))
    api.deps.state.companies.set(morgan, { ...company, linked_contacts: links })
    const outsider = (await api.call('POST', '/contacts', { last_name: 'Out' })).body.data.contact
    const refused = await api.call('POST', `/companies/${morgan}/linked_contacts`, {
      contact_id: outsider.id,
    })
    expect(refused.status).toBe(409)
    expect(api.deps.state.companies.get(morgan)?.linked_contacts).toHaveLength(100)
  })

  it('lists its contacts’ notes, deals, calls, meetings and pinned files', async () => {
    await api.call('POST', '/calls', { contact_id: DEMO_CONTACT_ID, text: 'Called' })
    const notes = await api.call('GET', `/companies/${morgan}/notes`)
    expect(notes.body.data.notes.map((entry: { note: { id: string } }) => entry.note.id)).toEqual([
      DEMO_NOTE_ID,
    ])
    const deals = await api.call('GET', `/companies/${morgan}/deals?per_page=5`)
    expect(deals.body.data).toMatchObject({ total_count: 1, per_page: 5 })
    expect((await api.call('GET', `/companies/${morgan}/calls`)).body.data.calls).toHaveLength(1)
    expect((await api.call('GET', `/companies/${morgan}/meetings`)).body.data.meetings).toEqual([])
    expect(
      (await api.call('GET', `/companies/${morgan}/pinned_attachments`)).body.data.pinned_attachments,
    ).toEqual([])
    const sorted = await api.call('GET', `/companies/${morgan}/notes?sort_by=date`)
    expect(sorted.status).toBe(501)
    expect((await api.call('GET', `/companies/${morgan}/actions`)).status).toBe(501)
  })

  it('takes a logo as a data URI, 415 for another image type, 422 for what is not base64', async () => {
    const set = await api.call('PATCH', `/companies/${morgan}/logo`, {
      image: `data:image/png;base64,${PNG.toString('base64')}`,
    })
    expect(set.status).toBe(200)
    expect(set.body.data.company.photo_url).toMatch(
      new RegExp(`/companies/${morgan}/\\d+/[0-9a-f]{24}-logo\\.png\\?`),
    )
    const svg = await api.call('PATCH', `/companies/${morgan}/logo`, {
      image: Buffer.from('<svg/>').toString('base64'),
    })
    expect(svg.status).toBe(415)
    expect(svg.body.error_name).toBe('unsupported_media_type')
    const garbage = await api.call('PATCH', `/companies/${morgan}/logo`, { image: '%%%' })
    expect(garbage.status).toBe(422)
    expect(api.objects.size).toBe(1)
    const deleted = await api.call('DELETE', `/companies/${morgan}/logo`)
    expect(deleted.body.data.company.photo_url).toBeNull()
  })

  it('leaves the saved filters refused', async () => {
    for (const path of [
      '/filters',
      '/filters/5aa0aaaaaaaaaaaaaaaaaaaa',
      '/contacts/filters/5aa0aaaaaaaaaaaaaaaaaaaa',
    ]) {
      expect((await api.call('GET', path)).status).toBe(501)
    }
  })
})
