import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, addUser, setupApi } from './api-app.js'

// The contact filters that need actions, on GET /contacts, and every contact filter on the two streams
// (the spec's listContacts, getActionStream and getTeamStream and their parameters,
// https://github.com/OnePageCRM/swagger; the portal's listing parameters and Action Stream page; OnePageCRM's
// Ruby client, spec/search_spec.rb). The clock starts at 2026-03-01T12:00:00Z: today is 2026-03-01.

const SAM = '5aba31e99007ba0f570c12f8'
const SAM_AUTH = `Basic ${Buffer.from(`${SAM}:sam-key`).toString('base64')}`

interface Fixture {
  readonly able: string
  readonly baker: string
  readonly cole: string
  readonly dunn: string
  readonly ellis: string
  readonly ford: string
}

/**
 * Jane (the caller) owns Joe Bloggs (the demo contact: her ASAP action), Able (Sam's action for today),
 * Baker (hers for today), Cole (hers, waiting; tagged VIP), Dunn (a queued one of hers only) and Ellis (a
 * completed one only). Sam owns Ford, on which Jane has an action for tomorrow.
 */
async function fixture(api: ApiApp): Promise<Fixture> {
  addUser(api, {
    id: SAM,
    api_key: 'sam-key',
    first_name: 'Sam',
    last_name: 'Smith',
    email: 'sam@example.com',
  })
  const contact = async (body: Record<string, unknown>) => {
    const answer = await api.call('POST', '/contacts', body)
    expect(answer.status).toBe(201)
    return answer.body.data.contact.id as string
  }
  const action = async (contactId: string, body: Record<string, unknown>) => {
    // A second apart, so that actions due the same day are in the order they were made.
    api.clock.advance(1000)
    const answer = await api.call('POST', `/contacts/${contactId}/actions`, body)
    expect(answer.status).toBe(201)
    return answer.body.data.action.id as string
  }
  api.clock.advance(60_000)
  const able = await contact({ last_name: 'Able' })
  const baker = await contact({ last_name: 'Baker' })
  const cole = await contact({ last_name: 'Cole', tags: ['VIP'] })
  const dunn = await contact({ last_name: 'Dunn' })
  const ellis = await contact({ last_name: 'Ellis' })
  const ford = await contact({ last_name: 'Ford', owner_id: SAM })
  await action(able, { text: 'Sam’s', assignee_id: SAM })
  await action(baker, { text: 'Today' })
  await action(cole, { text: 'Waiting', status: 'waiting' })
  await action(dunn, { text: 'Queued', status: 'queued' })
  const done = await action(ellis, { text: 'Done' })
  expect((await api.call('PUT', `/actions/${done}/mark_as_done`)).status).toBe(200)
  await action(ford, { text: 'Tomorrow', date: '2026-03-02' })
  return { able, baker, cole, dunn, ellis, ford }
}

describe('the contact filters that need actions', () => {
  let api: ApiApp
  let f: Fixture
  beforeEach(async () => {
    api = setupApi()
    f = await fixture(api)
  })

  const ids = async (path: string, auth?: string) => {
    const answer = await api.call('GET', path, undefined, auth)
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200)
    return answer.body.data.contacts.map((entry: { contact: { id: string } }) => entry.contact.id)
  }

  describe('GET /contacts', () => {
    it('has_actions: the caller’s contacts with an open action of anyone’s (the Ruby client’s search_spec)', async () => {
      const own = [DEMO_CONTACT_ID, f.able, f.baker, f.cole, f.dunn, f.ellis]
      expect(new Set(await ids('/contacts?per_page=100'))).toEqual(new Set(own))
      const withActions = [f.able, f.baker, DEMO_CONTACT_ID, f.cole, f.dunn]
      expect(await ids('/contacts?has_actions=true')).toEqual(withActions)
      // Owned by the caller, whatever `team` says: Ford, Sam's, stays out.
      expect(await ids('/contacts?has_actions=TRUE&team=true')).toEqual(withActions)
      expect(await ids('/contacts?has_actions=1&search=b')).toEqual([f.able, f.baker, DEMO_CONTACT_ID])
      // `false` is no restriction (the portal: `has_actions=false` "Returns all contacts").
      expect(await ids('/contacts?has_actions=false&per_page=100')).toEqual(
        await ids('/contacts?per_page=100'),
      )
    })

    it('has_actions_for_me and has_actions_today: the caller’s contacts with actions of the caller’s', async () => {
      expect(await ids('/contacts?has_actions_for_me=true')).toEqual([
        f.baker,
        DEMO_CONTACT_ID,
        f.cole,
        f.dunn,
      ])
      expect(await ids('/contacts?has_actions_today=true')).toEqual([f.baker])
      // Sam's own view: Able's action is his and for today, but Able is Jane's contact.
      expect(await ids('/contacts?has_actions_today=true&team=true', SAM_AUTH)).toEqual([])
      const tomorrow = await api.call('POST', `/contacts/${f.able}/actions`, {
        text: 'Mine',
        date: '2026-03-02',
      })
      expect(tomorrow.status).toBe(201)
      expect(await ids('/contacts?has_actions_today=true')).toEqual([f.baker])
      api.clock.advance(24 * 60 * 60 * 1000)
      expect(await ids('/contacts?has_actions_today=true')).toEqual([f.able])
    })

    it('waiting and action_stream look at the caller’s next actions', async () => {
      expect(await ids('/contacts?waiting=true')).toEqual([f.cole])
      expect(await ids('/contacts?waiting=false')).toEqual([
        f.able,
        f.baker,
        DEMO_CONTACT_ID,
        f.dunn,
        f.ellis,
      ])
      expect(await ids('/contacts?action_stream=true')).toEqual([f.baker, DEMO_CONTACT_ID, f.cole])
      expect(await ids('/contacts?action_stream=true&team=true')).toEqual([
        f.baker,
        DEMO_CONTACT_ID,
        f.cole,
        f.ford,
      ])
      // Sam's Action Stream holds Able only: his one next action is there.
      expect(await ids('/contacts?action_stream=true&team=true', SAM_AUTH)).toEqual([f.able])
    })

    it('refuses has_actions with has_actions_for_me, and malformed flags, with a 400 naming each', async () => {
      const both = await api.call('GET', '/contacts?has_actions=true&has_actions_for_me=true')
      expect(both.status).toBe(400)
      expect(both.body).toEqual({
        status: 400,
        message: 'Invalid request data',
        error_name: 'invalid_request_data',
        error_message: 'A validation error has occurred',
        errors: {
          has_actions: 'has_actions and has_actions_for_me cannot be used together',
          has_actions_for_me: 'has_actions and has_actions_for_me cannot be used together',
        },
      })
      const bad = await api.call('GET', '/contacts?has_actions_today=soon&waiting=maybe&action_stream=yes')
      expect(bad.status).toBe(400)
      expect(bad.body.errors).toEqual({
        has_actions_today: 'has_actions_today must be true or false',
        waiting: 'waiting must be true or false',
        action_stream: 'action_stream must be true or false',
      })
    })
  })

  describe('the streams', () => {
    /** Jane's Action Stream: ASAP, today, tomorrow, waiting. */
    const stream = () => [DEMO_CONTACT_ID, f.baker, f.ford, f.cole]

    it('order the caller’s next actions as before: ASAP, today, tomorrow, waiting', async () => {
      expect(await ids('/action_stream')).toEqual(stream())
    })

    it('honour the contact filters as GET /contacts does', async () => {
      expect(await ids('/action_stream?search=bak')).toEqual([f.baker])
      expect(await ids('/action_stream?search=joe&email=JOE.BLOGGS@example.com')).toEqual([DEMO_CONTACT_ID])
      expect(await ids(`/action_stream?owner_id=${SAM}`)).toEqual([f.ford])
      expect(await ids('/action_stream?tag=vip')).toEqual([f.cole])
      expect(await ids('/action_stream?letter=C')).toEqual([f.cole])
      await api.call('PUT', `/contacts/${f.baker}/star`)
      expect(await ids('/action_stream?starred=true')).toEqual([f.baker])
      expect(await ids('/action_stream?starred=false')).toEqual([DEMO_CONTACT_ID, f.ford, f.cole])
      // The demo contact has the demo deal, pending.
      expect(await ids('/action_stream?pending_deal=true')).toEqual([DEMO_CONTACT_ID])
      const company = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
      expect(await ids(`/action_stream?company_id=${company}`)).toEqual([DEMO_CONTACT_ID])
      const customer = '5e31e030849d781e837b6b9e'
      await api.call('PUT', `/contacts/${f.ford}/change_status/${customer}`)
      expect(await ids(`/action_stream?status_id=${customer}`)).toEqual([f.ford])
      await api.call('PUT', `/contacts/${f.cole}?partial=1`, {
        phones: [{ type: 'work', value: '+353 1 555 0100' }],
        urls: [{ type: 'website', value: 'cole.example.com' }],
      })
      expect(await ids('/action_stream?phone=5550100')).toEqual([f.cole])
      expect(await ids('/action_stream?url=COLE.example.com')).toEqual([f.cole])
      // Baker was starred and Cole changed a minute after the rest were made.
      api.clock.advance(60_000)
      await api.call('PUT', `/contacts/${f.cole}?partial=1`, { job_title: 'Buyer' })
      expect(await ids('/action_stream?modified_since=2026-03-01')).toEqual(stream())
      const since = Math.floor(api.clock().getTime() / 1000)
      expect(await ids(`/action_stream?modified_since=${since}`)).toEqual([f.cole])
      expect(await ids(`/action_stream?date_filter=modified_at&since=${since}`)).toEqual([f.cole])
      expect(await ids(`/action_stream?unmodified_since=${since}`)).toEqual([
        DEMO_CONTACT_ID,
        f.baker,
        f.ford,
      ])
      expect(await ids('/action_stream?date_filter=created_at&until=2026-02-28')).toEqual([])
    })

    it('honour the action flags: has_actions=false lists every contact, those without a next action last', async () => {
      expect(await ids('/action_stream?has_actions=true')).toEqual([DEMO_CONTACT_ID, f.baker, f.cole])
      expect(await ids('/action_stream?has_actions_for_me=true&team=false')).toEqual([
        DEMO_CONTACT_ID,
        f.baker,
        f.cole,
      ])
      expect(await ids('/action_stream?waiting=true')).toEqual([f.cole])
      expect(await ids('/action_stream?has_actions=false&per_page=100')).toEqual([
        ...stream(),
        f.able,
        f.dunn,
        f.ellis,
      ])
      const all = await api.call('GET', '/action_stream?has_actions=false&letter=e')
      expect(all.body.data.contacts).toHaveLength(1)
      expect(all.body.data.contacts[0]).toMatchObject({
        contact: { id: f.ellis },
        next_actions: [],
        next_action: {},
        queued_actions: [],
      })
    })

    it('the team stream honours them for the whole account or one user', async () => {
      const team = [DEMO_CONTACT_ID, f.able, f.baker, f.ford, f.cole]
      expect(await ids('/team_stream')).toEqual(team)
      expect(await ids('/team_stream?action_stream=true')).toEqual([DEMO_CONTACT_ID, f.baker, f.ford, f.cole])
      expect(await ids(`/team_stream?user_id=${SAM}`)).toEqual([f.able])
      expect(await ids(`/team_stream?user_id=${SAM}&search=able`)).toEqual([f.able])
      expect(await ids(`/team_stream?user_id=${SAM}&search=baker`)).toEqual([])
      // Waiting: any user's next action in the whole account's stream, the stream user's in theirs.
      expect(await ids('/team_stream?waiting=true')).toEqual([f.cole])
      expect(await ids(`/team_stream?user_id=${SAM}&waiting=true`)).toEqual([])
      expect(await ids('/team_stream?has_actions_for_me=true')).toEqual([DEMO_CONTACT_ID, f.baker, f.cole])
      expect(await ids('/team_stream?letter=a&sort_by=name')).toEqual([f.able])
    })

    it('answer a malformed or conflicting filter with a 400, as GET /contacts does', async () => {
      const before = JSON.stringify([...api.deps.state.contacts.values()])
      for (const path of [
        '/action_stream?letter=ab',
        '/action_stream?has_actions=true&has_actions_for_me=false',
        '/team_stream?lead_source=web&lead_source_id=email_web',
        '/team_stream?custom_field_id=5aaaaaaaaaaaaaaaaaaaaaaa',
        '/action_stream?date_filter=modified_at&modified_since=2026-03-01',
        '/action_stream?since=yesterday',
      ]) {
        const answer = await api.call('GET', path)
        expect(answer.status, path).toBe(400)
        expect(answer.body.error_name, path).toBe('invalid_request_data')
      }
      expect(JSON.stringify([...api.deps.state.contacts.values()])).toBe(before)
    })
  })
})
