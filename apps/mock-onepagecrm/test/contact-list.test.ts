import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, addUser, setupApi } from './api-app.js'

// GET /contacts: its filters, sort orders and `fields` (the spec's listContacts and its parameters,
// https://github.com/OnePageCRM/swagger; the portal's listing parameters; OnePageCRM's Ruby client,
// spec/search_spec.rb).

const OTHER_USER = '5aba31e99007ba0f570c1300'
const names = (answer: { body: { data: { contacts: { contact: { last_name: string } }[] } } }) =>
  answer.body.data.contacts.map((entry) => entry.contact.last_name)

describe('GET /contacts', () => {
  let api: ApiApp
  beforeEach(async () => {
    api = setupApi()
    addUser(api, { id: OTHER_USER, api_key: 'other', first_name: 'Bob', last_name: 'Other' })
    const add = (body: object) => api.call('POST', '/contacts', body)
    api.clock.advance(60_000)
    await add({
      first_name: 'Search',
      last_name: 'Alpha',
      company_name: 'Action',
      emails: [{ type: 'work', value: 'Search1@Email.com' }],
      phones: [{ type: 'work', value: '(000) 333-53' }],
      urls: [{ type: 'website', value: 'lsdkiteboarding.com' }],
    })
    api.clock.advance(60_000)
    await add({
      first_name: 'Search',
      last_name: 'Beta',
      company_name: 'Action',
      urls: [{ type: 'website', value: 'rossespointguesthouse.com' }],
      tags: ['a', 'B'],
      lead_source_id: 'advertisement',
    })
    api.clock.advance(60_000)
    await add({
      first_name: 'Zed',
      last_name: 'Gamma',
      starred: true,
      tags: ['b', 'c'],
      status_id: '5e31e030849d781e837b6ba1',
      urls: [{ type: 'website', value: 'rossespointguesthouse.com' }],
    })
    api.clock.advance(60_000)
    await add({ last_name: '9 Lives', owner_id: OTHER_USER })
  })

  it('lists the caller’s contacts by name; team=true or owner_id for others’', async () => {
    expect(names(await api.call('GET', '/contacts'))).toEqual(['Alpha', 'Beta', 'Bloggs', 'Gamma'])
    expect(names(await api.call('GET', '/contacts?team=true&per_page=100'))).toEqual([
      '9 Lives',
      'Alpha',
      'Beta',
      'Bloggs',
      'Gamma',
    ])
    expect(names(await api.call('GET', `/contacts?owner_id=${OTHER_USER}`))).toEqual(['9 Lives'])
  })

  it('searches names, company names and phone numbers; matches email and url exactly, case aside', async () => {
    expect(names(await api.call('GET', '/contacts?search=search'))).toEqual(['Alpha', 'Beta'])
    expect(names(await api.call('GET', '/contacts?search=ACTION'))).toEqual(['Alpha', 'Beta'])
    expect(names(await api.call('GET', '/contacts?search=33353'))).toEqual(['Alpha'])
    expect(names(await api.call('GET', '/contacts?phone=000-33353'))).toEqual(['Alpha'])
    expect(names(await api.call('GET', '/contacts?email=search1@email.com'))).toEqual(['Alpha'])
    expect(names(await api.call('GET', '/contacts?email=search1@email'))).toEqual([])
    expect(names(await api.call('GET', '/contacts?url=RossesPointGuestHouse.com'))).toEqual(['Beta', 'Gamma'])
  })

  it('filters by tag, star, status, lead source, letter and pending deal', async () => {
    expect(names(await api.call('GET', '/contacts?tag=b'))).toEqual(['Beta', 'Gamma'])
    for (const flag of ['TRUE', 'true', '1']) {
      expect(names(await api.call('GET', `/contacts?starred=${flag}`))).toEqual(['Gamma'])
    }
    expect(names(await api.call('GET', '/contacts?starred=false'))).toEqual(['Alpha', 'Beta', 'Bloggs'])
    expect(names(await api.call('GET', '/contacts?status_id=5e31e030849d781e837b6ba1'))).toEqual(['Gamma'])
    expect(names(await api.call('GET', '/contacts?lead_source_id=advertisement'))).toEqual(['Beta'])
    expect(names(await api.call('GET', '/contacts?lead_source=Advertisement'))).toEqual(['Beta'])
    expect(names(await api.call('GET', '/contacts?letter=G'))).toEqual(['Gamma'])
    expect(names(await api.call('GET', '/contacts?letter=1&team=1'))).toEqual(['9 Lives'])
    expect(names(await api.call('GET', '/contacts?pending_deal=true'))).toEqual(['Bloggs'])
  })

  it('filters by company, and leaves out a company’s own and linked contacts with not_linked_with', async () => {
    const alpha = (await api.call('GET', '/contacts?search=alpha')).body.data.contacts[0].contact
    expect(names(await api.call('GET', `/contacts?company_id=${alpha.company_id}`))).toEqual([
      'Alpha',
      'Beta',
    ])
    await api.call('POST', `/companies/${alpha.company_id}/linked_contacts`, { contact_id: DEMO_CONTACT_ID })
    expect(names(await api.call('GET', `/contacts?not_linked_with=${alpha.company_id}`))).toEqual(['Gamma'])
  })

  it('filters by creation or modification time, newest first without sort_by', async () => {
    const since = (minutes: number) =>
      Math.floor(new Date('2026-03-01T12:00:00Z').getTime() / 1000) + minutes * 60
    expect(names(await api.call('GET', `/contacts?date_filter=created_at&since=${since(2)}`))).toEqual([
      'Gamma',
      'Beta',
    ])
    expect(names(await api.call('GET', `/contacts?since=${since(2)}&until=${since(2)}`))).toEqual(['Beta'])
    expect(names(await api.call('GET', `/contacts?modified_since=${since(3)}`))).toEqual(['Gamma'])
    expect(names(await api.call('GET', `/contacts?unmodified_since=${since(1)}`))).toEqual(['Bloggs'])
    expect(names(await api.call('GET', '/contacts?since=2026-03-01&until=2026-03-01'))).toHaveLength(4)
    expect(names(await api.call('GET', '/contacts?until=2026-02-28'))).toEqual([])
    const mixed = await api.call('GET', '/contacts?date_filter=created_at&modified_since=2026-03-01')
    expect(mixed.status).toBe(400)
    expect(mixed.body.errors).toEqual({
      date_filter: 'date_filter cannot be used with modified_since or unmodified_since',
    })
    const badDate = await api.call('GET', '/contacts?since=yesterday')
    expect(badDate.body.errors).toEqual({ since: 'since must be a date (YYYY-MM-DD) or a UNIX timestamp' })
  })

  it('sorts by sort_by and order', async () => {
    expect(names(await api.call('GET', '/contacts?sort_by=created_at&order=desc'))).toEqual([
      'Gamma',
      'Beta',
      'Alpha',
      'Bloggs',
    ])
    expect(names(await api.call('GET', '/contacts?sort_by=first_name'))).toEqual([
      'Bloggs',
      'Alpha',
      'Beta',
      'Gamma',
    ])
    expect(names(await api.call('GET', '/contacts?sort_by=name&order=desc'))).toEqual([
      'Gamma',
      'Bloggs',
      'Beta',
      'Alpha',
    ])
    const bad = await api.call('GET', '/contacts?sort_by=age&order=up')
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.errors)).toEqual(['sort_by', 'order'])
  })

  it('refuses parameters that cannot go together, and flags that are not flags', async () => {
    const both = await api.call('GET', '/contacts?lead_source=x&lead_source_id=x')
    expect(both.status).toBe(400)
    expect(both.body.errors).toEqual({
      lead_source: 'lead_source and lead_source_id cannot be used together',
      lead_source_id: 'lead_source and lead_source_id cannot be used together',
    })
    expect((await api.call('GET', `/contacts?company_id=${DEMO_CONTACT_ID}&tag=a`)).status).toBe(400)
    expect((await api.call('GET', '/contacts?starred=yes')).body.errors).toEqual({
      starred: 'starred must be true or false',
    })
    expect((await api.call('GET', '/contacts?letter=ab')).status).toBe(400)
  })

  it('refuses saved filters as not emulated', async () => {
    const refused = await api.call('GET', '/contacts?filter_id=5ae9cc2a9007ba5b856c7bb8')
    expect(refused.status).toBe(501)
    expect(refused.body.errors).toEqual({ filter_id: 'filter_id is not emulated by crmkit' })
  })

  it('adds related records with fields=…(all), and refuses the fields forms it does not emulate', async () => {
    const expanded = await api.call(
      'GET',
      `/contacts/${DEMO_CONTACT_ID}?fields=all,deals(all),notes(all),calls(all),meetings(all),pinned_attachments(all)`,
    )
    expect(expanded.status).toBe(200)
    expect(expanded.body.data.deals.map((deal: { name: string }) => deal.name)).toEqual(['XYZ licence'])
    expect(expanded.body.data.notes).toHaveLength(1)
    expect(expanded.body.data).toMatchObject({ calls: [], meetings: [], pinned_attachments: [] })
    const listed = await api.call('GET', '/contacts?fields=notes(all)&search=bloggs')
    expect(listed.body.data.contacts[0].notes).toHaveLength(1)
    expect(listed.body.data.contacts[0].deals).toBeUndefined()
    const plain = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)
    expect(plain.body.data.notes).toBeUndefined()
    // Every entry carries its company already: asking for it changes nothing.
    const withCompany = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}?fields=company(all),company`)
    expect(withCompany.status).toBe(200)
    expect(withCompany.body.data).toEqual(plain.body.data)
    expect(plain.body.data.company.name).toBe("Morgan's Forensic Lab")
    for (const fields of ['first_name,last_name', 'deals(name,amount)', 'actions(all)']) {
      const refused = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}?fields=${fields}`)
      expect(refused.status, fields).toBe(501)
      expect(Object.keys(refused.body.errors)).toEqual(['fields'])
    }
    // OnePageCRM's Java client asks for them on updates too; a refused form changes nothing.
    const before = api.deps.state.contacts.get(DEMO_CONTACT_ID)
    const refusedUpdate = await api.call(
      'PUT',
      `/contacts/${DEMO_CONTACT_ID}?partial=1&fields=next_action()`,
      {
        job_title: 'x',
      },
    )
    expect(refusedUpdate.status).toBe(501)
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)).toBe(before)
    const update = await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=1&fields=all,deals(all)`, {
      job_title: 'x',
    })
    expect(update.body.data.deals).toHaveLength(1)
  })

  it('gives the caller’s contacts 100 at a time by name through /contacts/cascade', async () => {
    for (let index = 0; index < 100; index++)
      await api.call('POST', '/contacts', { last_name: `Z${String(index).padStart(3, '0')}` })
    const first = await api.call('GET', '/contacts/cascade')
    expect(first.status).toBe(200)
    expect(first.body.data.contacts).toHaveLength(100)
    expect(first.body.data.items_left).toBe(4)
    const last = first.body.data.contacts[99].contact.id
    expect(first.body.data.next_set_url).toBe(`http://localhost/api/v3/contacts/cascade/${last}`)
    const next = await api.call('GET', `/contacts/cascade/${last}`)
    expect(
      next.body.data.contacts.map((entry: { contact: { last_name: string } }) => entry.contact.last_name),
    ).toEqual(['Z096', 'Z097', 'Z098', 'Z099'])
    expect(next.body.data.items_left).toBe(0)
    expect(next.body.data.next_set_url).toBeUndefined()
    expect((await api.call('GET', `/contacts/cascade/${DEFAULT_USER_ID}`)).status).toBe(404)
  })
})
