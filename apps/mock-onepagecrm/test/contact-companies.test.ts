import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

// How a contact's company_name and company_id place it in a company (the spec's createContact and
// updateContact descriptions, https://github.com/OnePageCRM/swagger).

describe('company linking', () => {
  let api: ApiApp
  const create = async (body: object) => (await api.call('POST', '/contacts', body)).body.data
  beforeEach(() => {
    api = setupApi()
  })

  it('makes a company for a new name and links the next contact of that name, case-insensitively', async () => {
    const first = await create({ last_name: 'One', company_name: 'Acme Ltd' })
    expect(first.contact.company_id).toMatch(/^[0-9a-f]{24}$/)
    expect(first.company).toMatchObject({ id: first.contact.company_id, name: 'Acme Ltd', contacts_count: 1 })
    const second = await create({ last_name: 'Two', company_name: 'ACME LTD', company_id: DEMO_CONTACT_ID })
    // company_id is ignored on create.
    expect(second.contact).toMatchObject({
      company_id: first.contact.company_id,
      company_name: 'Acme Ltd',
      company_size: 2,
    })
    const none = await create({ last_name: 'Three' })
    expect(none.contact.company_id).toBeUndefined()
    expect(none.company).toBeUndefined()
    expect(none.contact.company_name).toBe('')
  })

  it('renames the company with company_name, for all its contacts', async () => {
    const one = await create({ last_name: 'One', company_name: 'Acme' })
    const two = await create({ last_name: 'Two', company_name: 'Acme' })
    const renamed = await api.call('PUT', `/contacts/${one.contact.id}?partial=1`, {
      company_name: 'Acme Inc',
    })
    expect(renamed.body.data.contact).toMatchObject({
      company_id: one.contact.company_id,
      company_name: 'Acme Inc',
    })
    const other = await api.call('GET', `/contacts/${two.contact.id}`)
    expect(other.body.data.contact.company_name).toBe('Acme Inc')
  })

  it('moves to the company of an existing name, or of company_id; the left company goes when empty', async () => {
    const acme = await create({ last_name: 'One', company_name: 'Acme' })
    const globex = await create({ last_name: 'Two', company_name: 'Globex' })
    const moved = await api.call('PUT', `/contacts/${acme.contact.id}?partial=1`, { company_name: 'globex' })
    expect(moved.body.data.contact).toMatchObject({
      company_id: globex.contact.company_id,
      company_name: 'Globex',
    })
    expect(api.deps.state.companies.has(acme.contact.company_id)).toBe(false)
    const back = await create({ last_name: 'Three', company_name: 'Initech' })
    const byId = await api.call('PUT', `/contacts/${back.contact.id}?partial=1`, {
      company_id: globex.contact.company_id,
    })
    expect(byId.body.data.contact).toMatchObject({
      company_id: globex.contact.company_id,
      company_name: 'Globex',
    })
    expect(byId.body.data.company.contacts_count).toBe(3)
    const unknown = await api.call('PUT', `/contacts/${back.contact.id}?partial=1`, {
      company_id: DEMO_CONTACT_ID,
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error_message).toContain("Couldn't find company for id, 5ae06ef9d55673108fe8877f.")
  })

  it('removes the company in a full update that sends neither, and keeps it in a partial one', async () => {
    const one = await create({ last_name: 'One', company_name: 'Acme' })
    const kept = await api.call('PUT', `/contacts/${one.contact.id}?partial=1`, { job_title: 'Boss' })
    expect(kept.body.data.contact.company_id).toBe(one.contact.company_id)
    const full = await api.call('PUT', `/contacts/${one.contact.id}`, { last_name: 'One' })
    expect(full.body.data.contact.company_name).toBe('')
    expect(full.body.data.contact.company_id).toBeUndefined()
    expect(api.deps.state.companies.size).toBe(1) // the demo contact's
    const nameless = await api.call('PUT', `/contacts/${one.contact.id}`, { first_name: 'X' })
    expect(nameless.status).toBe(400)
    expect(Object.keys(nameless.body.errors)).toEqual(['company', 'lastname'])
  })

  it('splits a contact off to a new, an existing or no company; the last one out takes its company along', async () => {
    const one = await create({ last_name: 'One', company_name: 'Acme' })
    const two = await create({ last_name: 'Two', company_name: 'Acme' })
    const split = await api.call('PUT', `/contacts/${one.contact.id}/split`, { company_name: 'Spinoff' })
    expect(split.status).toBe(200)
    expect(split.body.data.contact.company_name).toBe('Spinoff')
    expect(split.body.data.contact.company_id).not.toBe(two.contact.company_id)
    const alone = await api.call('PUT', `/contacts/${two.contact.id}/split`, {})
    expect(alone.body.data.contact.company_name).toBe('')
    expect(api.deps.state.companies.has(two.contact.company_id)).toBe(false)
    const same = await api.call('PUT', `/contacts/${one.contact.id}/split`, { company_name: 'spinoff' })
    expect(same.status).toBe(400)
    expect(same.body.errors).toEqual({ company_name: 'The contact already works at this company.' })
    const nameless = await create({ company_name: 'Solo' })
    const refused = await api.call('PUT', `/contacts/${nameless.contact.id}/split`, {})
    expect(refused.status).toBe(400)
    expect(api.deps.state.contacts.get(nameless.contact.id)?.company_name).toBe('Solo')
  })
})
