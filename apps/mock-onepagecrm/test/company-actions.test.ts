import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

// A company's actions: `GET /companies/{company_id}/actions` (the spec's listCompanyActions: "actions across
// the contacts that belong to this company, with the same paging, sorting and date filters as GET
// /actions … not contacts merely linked to it") and `GET /actions?company_id=` (the spec's
// query_actions_company_id: "only use one of `contact_id` or `company_id` at a time",
// https://github.com/OnePageCRM/swagger). Today is 2026-03-01.

const UNKNOWN = '5aaaaaaaaaaaaaaaaaaaaaaa'
const texts = (answer: { body: { data: { actions: { action: { text: string } }[] } } }) =>
  answer.body.data.actions.map((entry) => entry.action.text)

describe('a company’s actions', () => {
  let api: ApiApp
  let morgan: string
  let colleague: string
  beforeEach(async () => {
    api = setupApi()
    morgan = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
    const contact = async (body: Record<string, unknown>) =>
      (await api.call('POST', '/contacts', body)).body.data.contact.id as string
    colleague = await contact({ last_name: 'Colleague', company_name: "Morgan's Forensic Lab" })
    const outsider = await contact({ last_name: 'Outsider', company_name: 'Elsewhere Ltd' })
    const linked = await api.call('POST', `/companies/${morgan}/linked_contacts`, { contact_id: outsider })
    expect(linked.status).toBe(201)
    const action = async (contactId: string, body: Record<string, unknown>) => {
      api.clock.advance(1000)
      const answer = await api.call('POST', `/contacts/${contactId}/actions`, body)
      expect(answer.status).toBe(201)
      return answer.body.data.action.id as string
    }
    await action(colleague, { text: 'Tomorrow', date: '2026-03-02' })
    await action(colleague, { text: 'Waiting', status: 'waiting' })
    await action(DEMO_CONTACT_ID, { text: 'Overdue', date: '2026-02-20' })
    // Linked, not one of the company's own: left out.
    await action(outsider, { text: 'Linked contact’s' })
  })

  it('lists its own contacts’ actions in Action Stream order, paged', async () => {
    const answer = await api.call('GET', `/companies/${morgan}/actions`)
    expect(answer.status).toBe(200)
    expect(texts(answer)).toEqual(['Send Joe the XYZ licence quote', 'Overdue', 'Tomorrow', 'Waiting'])
    expect(answer.body.data).toMatchObject({ total_count: 4, page: 1, per_page: 10, max_page: 1 })
    expect(answer.body.data.actions[0].action).toMatchObject({
      id: DEMO_ACTION_ID,
      contact_id: DEMO_CONTACT_ID,
      assignee_id: DEFAULT_USER_ID,
      status: 'asap',
    })
    const second = await api.call('GET', `/companies/${morgan}/actions?per_page=3&page=2`)
    expect(texts(second)).toEqual(['Waiting'])
    expect(second.body.data).toMatchObject({ total_count: 4, page: 2, per_page: 3, max_page: 2 })
  })

  it('takes the filters and sorting of GET /actions', async () => {
    const path = `/companies/${morgan}/actions`
    expect(texts(await api.call('GET', `${path}?status=waiting`))).toEqual(['Waiting'])
    expect(texts(await api.call('GET', `${path}?date_filter=date&since=2026-03-01`))).toEqual(['Tomorrow'])
    expect(texts(await api.call('GET', `${path}?sort_by=created_at&order=desc`))).toEqual([
      'Overdue',
      'Waiting',
      'Tomorrow',
      'Send Joe the XYZ licence quote',
    ])
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    expect(texts(await api.call('GET', `${path}?done=true`))).toEqual(['Send Joe the XYZ licence quote'])
    expect(texts(await api.call('GET', `${path}?assignee_id=${UNKNOWN}`))).toEqual([])
    // `contact_id` is not one of its parameters: ignored, as the vendor's Rails app ignores one.
    expect(texts(await api.call('GET', `${path}?contact_id=${colleague}&status=waiting`))).toEqual([
      'Waiting',
    ])
    const bad = await api.call('GET', `${path}?status=later`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual({ status: 'status is invalid or missing' })
  })

  it('is the same list as GET /actions?company_id=', async () => {
    const own = await api.call('GET', `/companies/${morgan}/actions?per_page=100`)
    const filtered = await api.call('GET', `/actions?company_id=${morgan}&per_page=100`)
    expect(filtered.status).toBe(200)
    expect(filtered.body.data).toEqual(own.body.data)
    const all = await api.call('GET', '/actions?per_page=100')
    expect(all.body.data.total_count).toBe(5)
  })

  it('is a 404 for an unknown company, and a 400 for company_id with contact_id', async () => {
    for (const path of [`/companies/${UNKNOWN}/actions`, `/actions?company_id=${UNKNOWN}`]) {
      const answer = await api.call('GET', path)
      expect(answer.status, path).toBe(404)
      expect(answer.body.error_message, path).toMatch(
        new RegExp(`^Couldn't find company for id, ${UNKNOWN}\\.`),
      )
    }
    const both = await api.call('GET', `/actions?company_id=${morgan}&contact_id=${colleague}`)
    expect(both.status).toBe(400)
    expect(both.body.errors).toEqual({
      contact_id: 'contact_id and company_id cannot be used together',
      company_id: 'contact_id and company_id cannot be used together',
    })
  })

  it('follows a contact that moves to another company', async () => {
    await api.call('PUT', `/contacts/${colleague}?partial=1`, { company_name: 'Elsewhere Ltd' })
    expect(texts(await api.call('GET', `/companies/${morgan}/actions`))).toEqual([
      'Send Joe the XYZ licence quote',
      'Overdue',
    ])
  })
})
