import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID, DEMO_DEAL_ID, DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

// DELETE /contacts/{id}, its undo (`?undo=1`, the portal's "Undoing a Delete" and the spec's deleteContact)
// and DELETE /contacts/delete?ids=… (the spec's deleteContacts).

describe('deleting contacts', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('deletes a contact with its records, and undo=1 brings them all back', async () => {
    const company = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
    const deleted = await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body.data).toEqual({})
    expect((await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).status).toBe(404)
    expect((await api.call('GET', `/notes/${DEMO_NOTE_ID}`)).status).toBe(404)
    expect((await api.call('GET', `/companies/${company}`)).status).toBe(404)

    const undone = await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}?undo=1`)
    expect(undone.status).toBe(200)
    expect(undone.body.data.contact).toMatchObject({
      id: DEMO_CONTACT_ID,
      last_name: 'Bloggs',
      company_id: company,
    })
    expect((await api.call('GET', `/notes/${DEMO_NOTE_ID}`)).status).toBe(200)
    expect((await api.call('GET', `/deals/${DEMO_DEAL_ID}`)).status).toBe(200)
    expect((await api.call('GET', `/companies/${company}`)).body.data.company.name).toBe(
      "Morgan's Forensic Lab",
    )
    // Nothing left to undo.
    expect((await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}?undo=true`)).status).toBe(404)
  })

  it('undoes only within a day of the deletion', async () => {
    await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}`)
    api.clock.advance(24 * 60 * 60 * 1000 + 1000)
    const late = await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}?undo=1`)
    expect(late.status).toBe(404)
    expect(api.deps.state.deleted_contacts.size).toBe(0)
  })

  it('restores the company name a colleague’s rename gave it meanwhile', async () => {
    const other = await api.call('POST', '/contacts', {
      last_name: 'Colleague',
      company_name: "Morgan's Forensic Lab",
    })
    await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}`)
    await api.call('PUT', `/contacts/${other.body.data.contact.id}?partial=1`, {
      company_name: 'Morgan Labs',
    })
    const undone = await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}?undo=1`)
    expect(undone.body.data.contact.company_name).toBe('Morgan Labs')
  })

  it('deletes several by ids, all or nothing, and undoes them the same way', async () => {
    const ids: string[] = []
    for (const last_name of ['One', 'Two']) {
      ids.push((await api.call('POST', '/contacts', { last_name })).body.data.contact.id)
    }
    const count = async () => (await api.call('GET', '/contacts')).body.data.total_count
    expect(await count()).toBe(3)
    const unknown = await api.call('DELETE', `/contacts/delete?ids=${ids[0]},5aa0aaaaaaaaaaaaaaaaaaaa`)
    expect(unknown.status).toBe(404)
    expect(await count()).toBe(3)
    const deleted = await api.call('DELETE', `/contacts/delete?ids=${ids.join(',')}`)
    expect(deleted.status).toBe(200)
    expect(await count()).toBe(1)
    const undone = await api.call('DELETE', `/contacts/delete?ids=${ids.join(',')}&undo=1`)
    expect(undone.status).toBe(200)
    expect(await count()).toBe(3)
    expect((await api.call('DELETE', '/contacts/delete?ids=')).body.errors).toEqual({
      ids: 'ids is invalid or missing',
    })
    const tooMany = Array.from({ length: 101 }, () => DEMO_CONTACT_ID).join(',')
    expect((await api.call('DELETE', `/contacts/delete?ids=${tooMany}`)).body.errors).toEqual({
      ids: 'ids can name at most 100 contacts',
    })
  })
})
