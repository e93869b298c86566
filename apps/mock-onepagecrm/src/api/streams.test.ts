import { beforeEach, describe, expect, it } from 'vitest'
import { type ApiApp, addUser, setupApi } from '../../test/api-app.js'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from './domain/seed.js'

// The Action Stream and the Team Stream through the app (the spec's getActionStream and getTeamStream,
// https://github.com/OnePageCRM/swagger). Today is 2026-03-01.

const SAM = '5aba31e99007ba0f570c12f8'

interface Fixture {
  readonly brown: string
  readonly clark: string
  readonly doyle: string
  readonly overdue: string
  readonly samsAction: string
}

/**
 * Jane (the caller) has the demo ASAP action on Joe Bloggs, an overdue and a waiting action on Brown, an
 * action on Sam's contact Clark; Sam has the only next action on Doyle; Evans has a queued action only,
 * Fox none.
 */
async function fixture(api: ApiApp): Promise<Fixture> {
  addUser(api, {
    id: SAM,
    api_key: 'sam-key',
    first_name: 'Sam',
    last_name: 'Smith',
    email: 'sam@example.com',
  })
  const contact = async (body: Record<string, unknown>) =>
    (await api.call('POST', '/contacts', body)).body.data.contact.id as string
  const action = async (contactId: string, body: Record<string, unknown>) => {
    const answer = await api.call('POST', `/contacts/${contactId}/actions`, body)
    expect(answer.status).toBe(201)
    return answer.body.data.action.id as string
  }
  const brown = await contact({ first_name: 'Bo', last_name: 'Brown' })
  const clark = await contact({ last_name: 'Clark', owner_id: SAM })
  const doyle = await contact({ last_name: 'Doyle' })
  const evans = await contact({ last_name: 'Evans' })
  await contact({ last_name: 'Fox' })
  const overdue = await action(brown, { text: 'Overdue', date: '2026-02-20' })
  await action(brown, { text: 'Waiting', status: 'waiting' })
  await action(clark, { text: 'On Sam’s contact', date: '2026-03-05' })
  const samsAction = await action(doyle, { text: 'Sam’s', date: '2026-03-01', assignee_id: SAM })
  await action(evans, { text: 'Queued', status: 'queued' })
  return { brown, clark, doyle, overdue, samsAction }
}

describe('OnePageCRM streams', () => {
  let api: ApiApp
  let f: Fixture
  beforeEach(async () => {
    api = setupApi()
    f = await fixture(api)
  })

  const ids = async (path: string) => {
    const answer = await api.call('GET', path)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body.data.contacts.map((entry: { contact: { id: string } }) => entry.contact.id)
  }

  it('lists the caller’s contacts with a next action of theirs, by that action', async () => {
    expect(await ids('/action_stream')).toEqual([DEMO_CONTACT_ID, f.brown, f.clark])
    const stream = await api.call('GET', '/action_stream?per_page=1&page=2')
    expect(stream.body.data).toMatchObject({ total_count: 3, page: 2, per_page: 1, max_page: 3 })
    const [entry] = stream.body.data.contacts
    expect(entry.contact).toMatchObject({ id: f.brown, last_name: 'Brown' })
    expect(entry.next_action).toMatchObject({ id: f.overdue, text: 'Overdue', assignee_id: DEFAULT_USER_ID })
    expect(entry.next_actions.map((action: { text: string }) => action.text)).toEqual(['Overdue', 'Waiting'])
    expect(entry.queued_actions).toEqual([])
    expect(entry.next_action_conflicts).toEqual([])
  })

  it('honours team, waiting, sort_by and order', async () => {
    expect(await ids('/action_stream?team=false')).toEqual([DEMO_CONTACT_ID, f.brown])
    expect(await ids('/action_stream?team=true')).toEqual([DEMO_CONTACT_ID, f.brown, f.clark])
    expect(await ids('/action_stream?waiting=true')).toEqual([f.brown])
    // The portal's `waiting=false`: "Only return contacts which don't have a 'waiting' next action".
    expect(await ids('/action_stream?waiting=false')).toEqual([DEMO_CONTACT_ID, f.clark])
    expect(await ids('/action_stream?order=desc')).toEqual([f.clark, f.brown, DEMO_CONTACT_ID])
    expect(await ids('/action_stream?sort_by=last_name&order=desc')).toEqual([
      f.clark,
      f.brown,
      DEMO_CONTACT_ID,
    ])
    expect(await ids('/action_stream?sort_by=first_name')).toEqual([f.clark, f.brown, DEMO_CONTACT_ID])
    const bad = await api.call('GET', '/action_stream?team=maybe&waiting=2&sort_by=email&order=up')
    expect(bad.status).toBe(400)
    // The same 400s as GET /contacts gives: one filter implementation.
    expect(bad.body.errors).toEqual({
      team: 'team must be true or false',
      waiting: 'waiting must be true or false',
      sort_by: 'sort_by must be one of created_at, modified_at, first_name, last_name, company_name, name',
      order: 'order must be asc or desc',
    })
  })

  it('refuses saved filters, by name, and fields', async () => {
    for (const [path, name] of [
      ['/action_stream?filter_id=5ae9cc2a9007ba5b856c7bb8', 'filter_id'],
      ['/team_stream?filter_id=5ae9cc2a9007ba5b856c7bb8', 'filter_id'],
      ['/team_stream?fields=all', 'fields'],
    ] as const) {
      const answer = await api.call('GET', path)
      expect(answer.status, path).toBe(501)
      expect(answer.body.errors, path).toEqual({ [name]: `${name} is not emulated by crmkit` })
    }
  })

  it('lists the whole account’s stream, or one user’s', async () => {
    expect(await ids('/team_stream')).toEqual([DEMO_CONTACT_ID, f.brown, f.doyle, f.clark])
    const doyle = (await api.call('GET', '/team_stream?per_page=100')).body.data.contacts[2]
    expect(doyle.next_action).toMatchObject({ id: f.samsAction, assignee_id: SAM })
    expect(await ids('/team_stream?team=false')).toEqual([DEMO_CONTACT_ID, f.brown, f.doyle])
    expect(await ids(`/team_stream?user_id=${SAM}`)).toEqual([f.doyle])
    expect(await ids(`/team_stream?user_id=${DEFAULT_USER_ID}`)).toEqual(await ids('/action_stream'))
    const unknown = await api.call('GET', '/team_stream?user_id=5aaaaaaaaaaaaaaaaaaaaaaa')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error_message).toMatch(/^Couldn't find user for id, 5aaaaaaaaaaaaaaaaaaaaaaa\./)
  })

  it('leaves a contact once its next actions are done, and brings it back on undo', async () => {
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    expect(await ids('/action_stream')).toEqual([f.brown, f.clark])
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/undo_completion`)
    expect(await ids('/action_stream')).toEqual([DEMO_CONTACT_ID, f.brown, f.clark])
  })
})
