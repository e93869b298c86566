import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, addUser, setupApi, stateSnapshot } from './api-app.js'

// Closing a contact's sales cycle while it has actions (the spec's closeContactSalesCycle: "cannot close
// sales cycle if the user has any active (not complete) actions with the contact"; forceCloseContactSalesCycle:
// "This will first delete any actions assigned to the contact", https://github.com/OnePageCRM/swagger;
// OnePageCRM's Ruby client, spec/actions_spec.rb, "should not close the sales cycle as there is a N/A"), and a
// deleted contact's actions coming back with it. The demo contact has the caller's ASAP action.

const SAM = '5aba31e99007ba0f570c12f8'
const SAM_AUTH = `Basic ${Buffer.from(`${SAM}:sam-key`).toString('base64')}`

const snapshot = (api: ApiApp) => stateSnapshot(api.deps.state)

describe('the sales cycle and actions', () => {
  let api: ApiApp
  const path = (suffix: string, id = DEMO_CONTACT_ID) => `/contacts/${id}/${suffix}`
  const action = async (body: Record<string, unknown>, auth?: string) => {
    const answer = await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, ...body }, auth)
    expect(answer.status).toBe(201)
    return answer.body.data.action.id as string
  }
  beforeEach(() => {
    api = setupApi()
    addUser(api, {
      id: SAM,
      api_key: 'sam-key',
      first_name: 'Sam',
      last_name: 'Smith',
      email: 'sam@example.com',
    })
  })

  it('refuses to close while the caller has an open action on the contact: 409, nothing changed', async () => {
    const before = snapshot(api)
    const refused = await api.call('PUT', path('close_sales_cycle'), { comment: 'close' })
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual({
      status: 409,
      message: 'Precondition failed',
      error_name: 'precondition_failed',
      error_message: 'Cannot close sales cycle for this contact',
      errors: {},
    })
    expect(snapshot(api)).toBe(before)
    const contact = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)
    expect(contact.body.data.contact.sales_closed_for).toEqual([])
    // A queued action is as active as a next action.
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    await action({ text: 'Later', status: 'queued' })
    expect((await api.call('PUT', path('close_sales_cycle'), {})).status).toBe(409)
  })

  it('closes once the caller’s actions are done, whatever other users have open', async () => {
    const sams = await action({ text: 'Sam’s', assignee_id: SAM })
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    const closed = await api.call('PUT', path('close_sales_cycle'), { comment: 'Not now' })
    expect(closed.status).toBe(200)
    expect(closed.body.data.contact).toMatchObject({
      sales_closed_for: [DEFAULT_USER_ID],
      closed_sales: [{ user_id: DEFAULT_USER_ID, closed_at: 1772366400, comment: 'Not now' }],
    })
    expect(closed.body.data.next_actions.map((a: { id: string }) => a.id)).toEqual([sams])
    // Sam, with his action open, cannot close his own cycle.
    const samCloses = await api.call('PUT', path('close_sales_cycle'), {}, SAM_AUTH)
    expect(samCloses.status).toBe(409)
  })

  it('force closes: every open action on the contact deleted (undoable), completed ones kept', async () => {
    const done = await action({ text: 'Done', date: '2026-02-27' })
    await api.call('PUT', `/actions/${done}/mark_as_done`)
    const sams = await action({ text: 'Sam’s', assignee_id: SAM })
    const queued = await action({ text: 'Queued', status: 'queued' })
    const forced = await api.call('PUT', path('force_close_sales_cycle'), { comment: 'Lost' })
    expect(forced.status).toBe(200)
    expect(forced.body.data).toMatchObject({
      contact: { sales_closed_for: [DEFAULT_USER_ID] },
      next_actions: [],
      next_action: {},
      queued_actions: [],
    })
    const left = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/actions`)
    expect(left.body.data.actions.map((entry: { action: { id: string } }) => entry.action.id)).toEqual([done])
    for (const id of [DEMO_ACTION_ID, sams, queued]) {
      expect((await api.call('GET', `/actions/${id}`)).status, id).toBe(404)
    }
    // Deleted as DELETE /actions/{id} deletes: undo=true restores one.
    const restored = await api.call('DELETE', `/actions/${queued}?undo=true`)
    expect(restored.status).toBe(200)
    expect((await api.call('GET', `/actions/${queued}`)).body.data.action).toMatchObject({
      status: 'queued',
      position: 1,
    })
    // A force close with nothing left to delete just closes.
    await api.call('PUT', `/actions/${queued}/mark_as_done`)
    const again = await api.call('PUT', path('force_close_sales_cycle'), {}, SAM_AUTH)
    expect(again.body.data.contact.sales_closed_for).toEqual([DEFAULT_USER_ID, SAM])
  })

  it('a refused force close deletes nothing', async () => {
    const before = snapshot(api)
    const long = await api.call('PUT', path('force_close_sales_cycle'), { comment: 'x'.repeat(141) })
    expect(long.status).toBe(400)
    expect(long.body.errors).toEqual({ comment: 'comment is too long (maximum is 140 characters)' })
    const unknown = await api.call('PUT', path('force_close_sales_cycle', '5aaaaaaaaaaaaaaaaaaaaaaa'), {})
    expect(unknown.status).toBe(404)
    const unemulated = await api.call('PUT', `${path('force_close_sales_cycle')}?partial=1`, {})
    expect(unemulated.status).toBe(501)
    expect(snapshot(api)).toBe(before)
  })

  it('brings a deleted contact’s actions back with it on undo, deleted ones and notifications too', async () => {
    const sams = await action({ text: 'For Sam', assignee_id: SAM })
    const removed = await action({ text: 'Removed', status: 'waiting' })
    await api.call('DELETE', `/actions/${removed}`)
    const notices = async () =>
      (await api.call('GET', '/notifications', undefined, SAM_AUTH)).body.data.total_count
    expect(await notices()).toBe(1)
    const before = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/actions`)

    expect((await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}`)).status).toBe(200)
    expect((await api.call('GET', `/actions/${sams}`)).status).toBe(404)
    expect((await api.call('GET', `/actions?per_page=100`)).body.data.actions).toEqual([])
    expect((await api.call('DELETE', `/actions/${removed}?undo=true`)).status).toBe(404)
    expect(await notices()).toBe(0)

    const undone = await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}?undo=1`)
    expect(undone.status).toBe(200)
    expect(undone.body.data.next_action).toMatchObject({ id: DEMO_ACTION_ID })
    expect((await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/actions`)).body.data).toEqual(
      before.body.data,
    )
    expect(await notices()).toBe(1)
    const restored = await api.call('DELETE', `/actions/${removed}?undo=true`)
    expect(restored.status).toBe(200)
    expect(restored.body.data).toEqual({})
    expect((await api.call('GET', '/action_stream')).body.data.contacts[0].contact.id).toBe(DEMO_CONTACT_ID)
  })
})
