import { beforeEach, describe, expect, it } from 'vitest'
import { type ApiApp, addUser, setupApi, stateSnapshot } from '../../test/api-app.js'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from './domain/seed.js'

// Actions through the app (the spec's Actions operations, https://github.com/OnePageCRM/swagger). The
// clock starts at 2026-03-01T12:00:00Z: "today" is 2026-03-01. The demo contact has one ASAP action.

const OTHER_USER_ID = '5aba31e99007ba0f570c12f8'
const OTHER_AUTH = `Basic ${Buffer.from(`${OTHER_USER_ID}:other-key`).toString('base64')}`

function withSecondUser(api: ApiApp): void {
  addUser(api, {
    id: OTHER_USER_ID,
    api_key: 'other-key',
    first_name: 'Sam',
    last_name: 'Smith',
    email: 'sam@example.com',
    company_name: 'Big Company Inc.',
  })
}

const snapshot = (api: ApiApp) => stateSnapshot(api.deps.state)

async function create(api: ApiApp, body: Record<string, unknown>) {
  const answer = await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, ...body })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body.data.action
}

const precondition = (error_message: string) => ({
  status: 409,
  message: 'Precondition failed',
  error_name: 'precondition_failed',
  error_message,
  errors: {},
})

describe('OnePageCRM actions', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('seeds the demo contact with an ASAP action', async () => {
    const demo = await api.call('GET', `/actions/${DEMO_ACTION_ID}`)
    expect(demo.status).toBe(200)
    expect(demo.body.data.action).toEqual({
      id: DEMO_ACTION_ID,
      assignee_id: DEFAULT_USER_ID,
      contact_id: DEMO_CONTACT_ID,
      text: 'Send Joe the XYZ licence quote',
      status: 'asap',
      done: false,
      externally_controlled: false,
      created_at: '2026-03-01T12:00:00Z',
      modified_at: '2026-03-01T12:00:00Z',
    })
  })

  it('creates an action: status date for today by default, the caller its assignee', async () => {
    const answer = await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, text: 'Call Joe' })
    expect(answer.status).toBe(201)
    expect(answer.body.message).toBe('Created')
    const action = answer.body.data.action
    expect(action).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      assignee_id: DEFAULT_USER_ID,
      contact_id: DEMO_CONTACT_ID,
      text: 'Call Joe',
      status: 'date',
      date: '2026-03-01',
      done: false,
      externally_controlled: false,
      created_at: '2026-03-01T12:00:00Z',
      modified_at: '2026-03-01T12:00:00Z',
    })
    expect((await api.call('GET', `/actions/${action.id}`)).body.data.action).toEqual(action)
    // The Rails-style wrapped body, and the contact's own route.
    const wrapped = await api.call('POST', `/contacts/${DEMO_CONTACT_ID}/actions`, {
      action: { text: 'Wrapped', status: 'waiting' },
    })
    expect(wrapped.status).toBe(201)
    expect(wrapped.body.data.action).toMatchObject({ contact_id: DEMO_CONTACT_ID, status: 'waiting' })
    expect(wrapped.body.data.action).not.toHaveProperty('date')
  })

  it('keeps date, exact_time and position to the statuses they belong to', async () => {
    const timed = await create(api, { text: 'Demo', status: 'date_time', exact_time: 1772470800 })
    expect(timed).toMatchObject({ status: 'date_time', exact_time: 1772470800, date: '2026-03-02' })
    const dated = await create(api, { text: 'Later', status: 'queued_with_date', date: '2026-04-01' })
    expect(dated).toMatchObject({ status: 'queued_with_date', date: '2026-04-01', position: 1 })
    const queued = await create(api, { text: 'Some day', status: 'queued' })
    expect(queued).toMatchObject({ status: 'queued', position: 2 })
    expect(queued).not.toHaveProperty('date')

    const before = snapshot(api)
    const wrong = await api.call('POST', '/actions', {
      contact_id: DEMO_CONTACT_ID,
      text: 'x'.repeat(141),
      status: 'asap',
      date: '2026-03-02',
      exact_time: 1772470800,
      position: 1,
      assignee_id: '5aaaaaaaaaaaaaaaaaaaaaaa',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toEqual({
      status: 400,
      message: 'Invalid request data',
      error_name: 'invalid_request_data',
      error_message: 'A validation error has occurred',
      errors: {
        text: 'text is too long (maximum is 140 characters)',
        date: 'date is only for an action of status date, date_time or queued_with_date',
        exact_time: 'exact_time is only for an action of status date_time',
        position: 'position is only for an action of status queued or queued_with_date',
        assignee_id: 'assignee_id is invalid or missing',
      },
    })
    const missing = await api.call('POST', '/actions', { status: 'date_time', date: 'tomorrow' })
    expect(missing.body.errors).toEqual({
      contact_id: 'contact_id is invalid or missing',
      text: 'text is invalid or missing',
      date: 'date is invalid or missing',
      exact_time: 'exact_time is invalid or missing',
    })
    const never = await api.call('POST', '/actions', {
      contact_id: DEMO_CONTACT_ID,
      text: 'x',
      status: 'date_time',
      exact_time: 1e20,
    })
    expect(never.body.errors).toEqual({ exact_time: 'exact_time is invalid or missing' })
    const badStatus = await api.call('POST', '/actions', {
      contact_id: DEMO_CONTACT_ID,
      text: 'x',
      status: 'later',
    })
    expect(badStatus.body.errors).toEqual({ status: 'status is invalid or missing' })
    const unknownContact = await api.call('POST', '/actions', {
      contact_id: '5aaaaaaaaaaaaaaaaaaaaaaa',
      text: 'x',
    })
    expect(unknownContact.status).toBe(404)
    const unknownPath = await api.call('POST', '/contacts/5aaaaaaaaaaaaaaaaaaaaaaa/actions', { text: 'x' })
    expect(unknownPath.status).toBe(404)
    // Completion has its own operation; a body cannot set it.
    const done = await api.call('POST', '/actions', {
      contact_id: DEMO_CONTACT_ID,
      text: 'x',
      status: 'done',
    })
    expect(done.status).toBe(501)
    expect(done.body).toMatchObject({
      error_name: 'not_emulated',
      errors: {
        status:
          'status done is not emulated by crmkit: complete an action with PUT /actions/{action_id}/mark_as_done',
      },
    })
    // An unknown company, as an unknown contact, is a 404.
    expect((await api.call('GET', '/actions?company_id=5aaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
    expect(snapshot(api)).toBe(before)
  })

  it('demotes the ASAP action a second one replaces to a dated action for today', async () => {
    await create(api, { text: 'Not urgent', status: 'waiting' })
    expect((await api.call('GET', `/actions/${DEMO_ACTION_ID}`)).body.data.action.status).toBe('asap')
    api.clock.advance(60_000)
    const second = await create(api, { text: 'Urgent', status: 'asap' })
    expect(second.status).toBe('asap')
    expect((await api.call('GET', `/actions/${DEMO_ACTION_ID}`)).body.data.action).toMatchObject({
      status: 'date',
      date: '2026-03-01',
      modified_at: '2026-03-01T12:01:00Z',
    })
    // Another user's ASAP action on the contact stands beside the caller's.
    withSecondUser(api)
    const theirs = await create(api, { text: 'Theirs', status: 'asap', assignee_id: OTHER_USER_ID })
    expect((await api.call('GET', `/actions/${second.id}`)).body.data.action.status).toBe('asap')
    // Making an existing action a second ASAP one is the documented 409, and changes nothing.
    const before = snapshot(api)
    const conflict = await api.call('PUT', `/actions/${DEMO_ACTION_ID}?partial=true`, { status: 'asap' })
    expect(conflict.status).toBe(409)
    expect(conflict.body).toEqual(
      precondition(
        `The contact ${DEMO_CONTACT_ID} already has an ASAP action (${second.id}) for the user ${DEFAULT_USER_ID}.`,
      ),
    )
    const reassigned = await api.call('PUT', `/actions/${second.id}?partial=1`, {
      assignee_id: OTHER_USER_ID,
    })
    expect(reassigned.status).toBe(409)
    expect(reassigned.body.error_message).toContain(theirs.id)
    expect(snapshot(api)).toBe(before)
  })

  it('updates in full or in part; contact_id cannot change; done completes', async () => {
    const action = await create(api, { text: 'Call', status: 'date', date: '2026-03-05' })
    api.clock.advance(60_000)
    const partial = await api.call('PUT', `/actions/${action.id}?partial=true`, { status: 'waiting' })
    expect(partial.status).toBe(200)
    expect(partial.body.data.action).toEqual({
      ...action,
      status: 'waiting',
      date: undefined,
      modified_at: '2026-03-01T12:01:00Z',
    })
    expect(partial.body.data.action).not.toHaveProperty('date')
    const full = await api.call('PUT', `/actions/${action.id}`, {
      text: 'Email',
      contact_id: DEMO_CONTACT_ID,
    })
    expect(full.body.data.action).toMatchObject({ text: 'Email', status: 'date', date: '2026-03-01' })
    const before = snapshot(api)
    const textless = await api.call('PUT', `/actions/${action.id}`, { status: 'asap' })
    expect(textless.body.errors).toEqual({ text: 'text is invalid or missing' })
    const moved = await api.call('PUT', `/actions/${action.id}?partial=1`, {
      contact_id: '5aaaaaaaaaaaaaaaaaaaaaaa',
    })
    expect(moved.status).toBe(400)
    expect(moved.body.errors).toEqual({ contact_id: 'contact_id cannot be changed' })
    expect((await api.call('PUT', `/actions/${action.id}?done=maybe`, { text: 'x' })).body.errors).toEqual({
      done: 'done is invalid or missing',
    })
    expect((await api.call('PUT', '/actions/5aaaaaaaaaaaaaaaaaaaaaaa', { text: 'x' })).status).toBe(404)
    expect(snapshot(api)).toBe(before)

    const done = await api.call('PUT', `/actions/${action.id}?partial=1&done=true`, { text: 'Emailed' })
    expect(done.body.data.action).toMatchObject({
      text: 'Emailed',
      status: 'done',
      done: true,
      done_at: '2026-03-01',
    })
    const reopened = await api.call('PUT', `/actions/${action.id}?partial=1&done=false`, {})
    expect(reopened.body.data.action).toMatchObject({ status: 'date', done: false })
    expect(reopened.body.data.action).not.toHaveProperty('done_at')
  })

  it('deletes an action, and restores it with undo=true', async () => {
    const queued = await create(api, { text: 'First', status: 'queued' })
    const second = await create(api, { text: 'Second', status: 'queued' })
    expect((await api.call('DELETE', `/actions/${queued.id}`)).body).toMatchObject({ status: 0, data: {} })
    expect((await api.call('GET', `/actions/${queued.id}`)).status).toBe(404)
    // Its queue closed up, and reopens for it on undo.
    expect((await api.call('GET', `/actions/${second.id}`)).body.data.action.position).toBe(1)
    const before = snapshot(api)
    expect((await api.call('DELETE', `/actions/${second.id}?undo=true`)).body).toEqual(
      precondition(`The action ${second.id} is not deleted; there is nothing to undo.`),
    )
    expect((await api.call('DELETE', '/actions/5aaaaaaaaaaaaaaaaaaaaaaa?undo=1')).status).toBe(404)
    expect((await api.call('DELETE', `/actions/${queued.id}?undo=perhaps`)).status).toBe(400)
    expect(snapshot(api)).toBe(before)
    expect((await api.call('DELETE', `/actions/${queued.id}?undo=true`)).status).toBe(200)
    expect((await api.call('GET', `/actions/${queued.id}`)).body.data.action).toMatchObject({ position: 1 })
    expect((await api.call('GET', `/actions/${second.id}`)).body.data.action.position).toBe(2)
    expect((await api.call('DELETE', `/actions/${queued.id}?undo=true`)).status).toBe(409)
  })

  it('numbers each queue from 1: a position moves the rest down, a leaving action closes up', async () => {
    const [a, b] = [
      await create(api, { text: 'A', status: 'queued' }),
      await create(api, { text: 'B', status: 'queued' }),
    ]
    const first = await create(api, {
      text: 'C',
      status: 'queued_with_date',
      position: 1,
      date: '2026-03-10',
    })
    expect(first.position).toBe(1)
    const positions = async () =>
      Object.fromEntries(
        (await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data.queued_actions.map(
          (action: { text: string; position: number }) => [action.text, action.position],
        ),
      )
    expect(await positions()).toEqual({ C: 1, A: 2, B: 3 })
    await api.call('PUT', `/actions/${b.id}?partial=1`, { position: 1 })
    expect(await positions()).toEqual({ B: 1, C: 2, A: 3 })
    await api.call('PUT', `/actions/${b.id}/mark_as_done`)
    expect(await positions()).toEqual({ C: 1, A: 2 })
    await api.call('PUT', `/actions/${b.id}/undo_completion`)
    expect(await positions()).toEqual({ C: 1, A: 2, B: 3 })
    // A position past the end is the end.
    await api.call('PUT', `/actions/${a.id}?partial=1`, { position: 99 })
    expect(await positions()).toEqual({ C: 1, B: 2, A: 3 })
  })

  it('lists in Action Stream order, filtered and paged', async () => {
    const dated = await create(api, { text: 'Tomorrow', date: '2026-03-02' })
    const overdue = await create(api, { text: 'Overdue', date: '2026-02-20' })
    const timed = await create(api, { text: 'Timed', status: 'date_time', exact_time: 1772370000 })
    const waiting = await create(api, { text: 'Waiting', status: 'waiting' })
    const queued = await create(api, { text: 'Queued', status: 'queued' })
    api.clock.advance(86_400_000)
    const done = await create(api, { text: 'Done', date: '2026-03-02' })
    await api.call('PUT', `/actions/${done.id}/mark_as_done`)
    const texts = async (query: string) => {
      const answer = await api.call('GET', `/actions${query}`)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return answer.body.data.actions.map((entry: { action: { text: string } }) => entry.action.text)
    }
    expect(await texts('?per_page=100')).toEqual([
      'Send Joe the XYZ licence quote',
      'Overdue',
      'Timed',
      'Tomorrow',
      'Waiting',
      'Queued',
      'Done',
    ])
    expect((await api.call('GET', '/actions?per_page=2&page=2')).body.data).toMatchObject({
      total_count: 7,
      page: 2,
      per_page: 2,
      max_page: 4,
      actions: [{ action: { id: timed.id } }, { action: { id: dated.id } }],
    })
    expect(await texts('?done=true')).toEqual(['Done'])
    expect(await texts('?done=false&status=queued')).toEqual(['Queued'])
    expect(await texts('?status=done')).toEqual(['Done'])
    expect(
      await texts(`?contact_id=${DEMO_CONTACT_ID}&assignee_id=${DEFAULT_USER_ID}&status=waiting`),
    ).toEqual(['Waiting'])
    expect(await texts(`?assignee_id=${OTHER_USER_ID}`)).toEqual([])
    expect(await texts('?date_filter=date&since=2026-02-21&until=2026-03-01')).toEqual(['Timed'])
    expect(await texts('?date_filter=date&until=1772323200')).toEqual(['Overdue', 'Timed'])
    expect(await texts('?since=2026-03-02')).toEqual(['Done'])
    expect(await texts('?date_filter=created_at&until=2026-03-01')).toHaveLength(6)
    expect(await texts('?modified_since=2026-03-02')).toEqual(['Done'])
    expect(await texts('?unmodified_since=2026-03-02')).toHaveLength(6)
    // Ties (all but one were created in the same second) keep the Action Stream order, reversed with it.
    expect(await texts('?sort_by=created_at&order=desc')).toEqual([
      'Done',
      'Queued',
      'Waiting',
      'Tomorrow',
      'Timed',
      'Overdue',
      'Send Joe the XYZ licence quote',
    ])
    expect(await texts('?order=desc&status=date')).toEqual(['Tomorrow', 'Overdue'])
    const own = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/actions?status=queued`)
    expect(own.body.data.actions).toEqual([{ action: queued }])
    expect([waiting.status, queued.status, overdue.date]).toEqual(['waiting', 'queued', '2026-02-20'])

    const bad = await api.call(
      'GET',
      '/actions?done=maybe&status=soon&date_filter=date&modified_since=x&since=yesterday&sort_by=text&order=up',
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual({
      done: 'done is invalid or missing',
      status: 'status is invalid or missing',
      date_filter: 'date_filter cannot be used with modified_since or unmodified_since',
      since: 'since must be a date (YYYY-MM-DD) or a UNIX timestamp',
      modified_since: 'modified_since must be a date (YYYY-MM-DD) or a UNIX timestamp',
      sort_by: 'sort_by is invalid or missing',
      order: 'order is invalid or missing',
    })
    expect((await api.call('GET', '/actions?date_filter=date')).body.errors).toEqual({
      date_filter: 'date_filter is only to be used with since and/or until',
    })
    const closeDate = await api.call('GET', '/actions?date_filter=close_date&since=2026-03-01')
    expect(closeDate.status).toBe(501)
    expect(closeDate.body.errors).toEqual({
      date_filter: 'date_filter=close_date is not emulated by crmkit (actions have no close date)',
    })
    expect((await api.call('GET', '/actions?contact_id=5aaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
    expect((await api.call('GET', '/contacts/5aaaaaaaaaaaaaaaaaaaaaaa/actions')).status).toBe(404)
  })

  it('marks done and undoes it; a reopened second ASAP action is the 409', async () => {
    api.clock.advance(60_000)
    const done = await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    expect(done.status).toBe(200)
    expect(done.body.data.action).toMatchObject({
      status: 'done',
      done: true,
      done_at: '2026-03-01',
      modified_at: '2026-03-01T12:01:00Z',
    })
    // Marking it again changes nothing.
    api.clock.advance(60_000)
    expect((await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)).body.data.action).toEqual(
      done.body.data.action,
    )
    const other = await create(api, { text: 'New ASAP', status: 'asap' })
    const before = snapshot(api)
    const conflict = await api.call('PUT', `/actions/${DEMO_ACTION_ID}/undo_completion`)
    expect(conflict.status).toBe(409)
    expect(conflict.body.error_message).toContain(other.id)
    expect(snapshot(api)).toBe(before)
    await api.call('DELETE', `/actions/${other.id}`)
    const reopened = await api.call('PUT', `/actions/${DEMO_ACTION_ID}/undo_completion`)
    expect(reopened.body.data.action).toMatchObject({ status: 'asap', done: false })
    expect(reopened.body.data.action).not.toHaveProperty('done_at')
    expect((await api.call('PUT', '/actions/5aaaaaaaaaaaaaaaaaaaaaaa/mark_as_done')).status).toBe(404)
    expect((await api.call('PUT', '/actions/5aaaaaaaaaaaaaaaaaaaaaaa/undo_completion')).status).toBe(404)
  })

  it('unassigns to the caller; unlink and revert_promotion answer the action unchanged', async () => {
    withSecondUser(api)
    const theirs = await create(api, { text: 'Theirs', assignee_id: OTHER_USER_ID, status: 'queued' })
    const unassigned = await api.call('PUT', `/actions/${theirs.id}/unassign`)
    expect(unassigned.status).toBe(200)
    expect(unassigned.body.data.action).toMatchObject({ assignee_id: DEFAULT_USER_ID, position: 1 })
    const unchanged = unassigned.body.data.action
    api.clock.advance(60_000)
    expect((await api.call('PUT', `/actions/${theirs.id}/unassign`)).body.data.action).toEqual(unchanged)
    expect((await api.call('PUT', `/actions/${theirs.id}/unlink`)).body.data.action).toEqual(unchanged)
    expect((await api.call('PUT', `/actions/${theirs.id}/revert_promotion`)).body.data.action).toEqual(
      unchanged,
    )
    // Their ASAP action cannot join the caller's demo ASAP action.
    const asap = await create(api, { text: 'Their ASAP', assignee_id: OTHER_USER_ID, status: 'asap' })
    expect((await api.call('PUT', `/actions/${asap.id}/unassign`)).status).toBe(409)
    for (const move of ['unassign', 'unlink', 'revert_promotion', 'promote', 'swap']) {
      expect((await api.call('PUT', `/actions/5aaaaaaaaaaaaaaaaaaaaaaa/${move}`)).status, move).toBe(404)
    }
  })

  it('promotes a queued action when the caller has no next action on the contact', async () => {
    const queued = await create(api, { text: 'Queued', status: 'queued' })
    const before = snapshot(api)
    expect((await api.call('PUT', `/actions/${queued.id}/promote`)).body).toEqual(
      precondition(
        `The contact ${DEMO_CONTACT_ID} already has a next action (${DEMO_ACTION_ID}) for the user ${DEFAULT_USER_ID}; swap the actions instead.`,
      ),
    )
    expect((await api.call('PUT', `/actions/${DEMO_ACTION_ID}/promote`)).body).toEqual(
      precondition(`The action ${DEMO_ACTION_ID} is not a queued action.`),
    )
    expect(snapshot(api)).toBe(before)
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    const promoted = await api.call('PUT', `/actions/${queued.id}/promote`)
    expect(promoted.status).toBe(200)
    expect(promoted.body.data.action).toMatchObject({ status: 'date', date: '2026-03-01', done: false })
    expect(promoted.body.data.action).not.toHaveProperty('position')
  })

  it('swaps a dated queued action due before the next action with it', async () => {
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    const next = await create(api, { text: 'Next', status: 'date_time', exact_time: 1773000000 })
    const early = await create(api, { text: 'Early', status: 'queued_with_date', date: '2026-03-05' })
    const late = await create(api, { text: 'Late', status: 'queued_with_date', date: '2026-04-01' })
    const entry = (await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data
    expect(entry.next_action.id).toBe(next.id)
    expect(entry.next_action_conflicts).toEqual([early])

    const before = snapshot(api)
    expect((await api.call('PUT', `/actions/${late.id}/swap`)).body).toEqual(
      precondition(
        "The queued action's date (2026-04-01) is not before the next action's date (2026-03-08).",
      ),
    )
    expect((await api.call('PUT', `/actions/${next.id}/swap`)).body).toEqual(
      precondition(`The action ${next.id} is not a queued action with a date (queued_with_date).`),
    )
    expect(snapshot(api)).toBe(before)

    api.clock.advance(60_000)
    const swapped = await api.call('PUT', `/actions/${early.id}/swap`)
    expect(swapped.status).toBe(200)
    expect(swapped.body.data.action).toMatchObject({ id: early.id, status: 'date', date: '2026-03-05' })
    expect(swapped.body.data.action).not.toHaveProperty('position')
    expect((await api.call('GET', `/actions/${next.id}`)).body.data.action).toMatchObject({
      status: 'queued_with_date',
      date: '2026-03-08',
      position: 1,
    })
    expect((await api.call('GET', `/actions/${late.id}`)).body.data.action.position).toBe(2)
    const after = (await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data
    expect(after.next_action.id).toBe(early.id)
    expect(after.next_action_conflicts).toEqual([])
  })

  it('refuses to swap another user’s action or one without a next action to swap with', async () => {
    withSecondUser(api)
    const theirs = await create(api, {
      text: 'Theirs',
      status: 'queued_with_date',
      date: '2026-03-02',
      assignee_id: OTHER_USER_ID,
    })
    expect((await api.call('PUT', `/actions/${theirs.id}/swap`)).body.error_message).toBe(
      `The action ${theirs.id} is assigned to another user; only your own actions swap.`,
    )
    const mine = await create(api, { text: 'Mine', status: 'queued_with_date', date: '2026-03-02' })
    // The caller's only next action is ASAP.
    expect((await api.call('PUT', `/actions/${mine.id}/swap`)).body.error_message).toBe(
      `The contact ${DEMO_CONTACT_ID} has no next action of status date, date_time or waiting for the user ${DEFAULT_USER_ID}.`,
    )
    // A waiting next action has no date: any dated queued action comes before it.
    await create(api, { text: 'Waiting', status: 'waiting' })
    expect((await api.call('PUT', `/actions/${mine.id}/swap`)).status).toBe(200)
  })

  it('shows a contact’s actions: every next action, the caller’s first, the queue', async () => {
    withSecondUser(api)
    const theirs = await create(api, {
      text: 'Theirs',
      status: 'date',
      date: '2026-02-01',
      assignee_id: OTHER_USER_ID,
    })
    const queued = await create(api, { text: 'Queued', status: 'queued' })
    await create(api, { text: 'Done', status: 'waiting' }).then((done) =>
      api.call('PUT', `/actions/${done.id}/mark_as_done`),
    )
    const demo = (await api.call('GET', `/actions/${DEMO_ACTION_ID}`)).body.data.action
    const entry = (await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`)).body.data
    expect(entry.next_actions).toEqual([demo, theirs])
    expect(entry.next_action).toEqual(demo)
    expect(entry.queued_actions).toEqual([queued])
    expect(entry.next_action_conflicts).toEqual([])
    // The other user sees their own next action first.
    const seen = await api.call('GET', `/contacts/${DEMO_CONTACT_ID}`, undefined, OTHER_AUTH)
    expect(seen.body.data.next_action).toEqual(theirs)
    // The demo contact is the demo user's: the other user lists it with the whole team's.
    const listed = (await api.call('GET', '/contacts?team=true', undefined, OTHER_AUTH)).body.data.contacts[0]
    expect(listed.next_action).toEqual(theirs)
  })

  it('deletes a contact’s actions, deleted ones too, with the contact', async () => {
    const contact = (await api.call('POST', '/contacts', { last_name: 'Gone' })).body.data.contact
    const kept = await api.call('POST', `/contacts/${contact.id}/actions`, { text: 'Kept' })
    const deleted = await api.call('POST', `/contacts/${contact.id}/actions`, { text: 'Deleted' })
    await api.call('DELETE', `/actions/${deleted.body.data.action.id}`)
    expect((await api.call('DELETE', `/contacts/${contact.id}`)).status).toBe(200)
    expect((await api.call('GET', `/actions/${kept.body.data.action.id}`)).status).toBe(404)
    expect((await api.call('DELETE', `/actions/${deleted.body.data.action.id}?undo=true`)).status).toBe(404)
    expect([...api.deps.state.actions.values()].map((action) => action.id)).toEqual([DEMO_ACTION_ID])
    expect(api.deps.state.deleted_actions.size).toBe(0)
  })
})
