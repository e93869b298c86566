import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_LEAD_SOURCES, DEFAULT_STATUSES, LEAD_STATUS_ID } from '../src/api/domain/account-defaults.js'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

const PROSPECT_ID = '5e31e030849d781e837b6ba1'

describe('statuses', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('lists the built-in ones in order, wrapped, with their contact counts', async () => {
    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, { status_id: PROSPECT_ID })
    const listed = await api.call('GET', '/statuses')
    expect(listed.status).toBe(200)
    expect(listed.body.data.map((entry: { status: { status: string } }) => entry.status.status)).toEqual([
      'lead',
      'prospect',
      'customer',
      'inactive',
      'general',
    ])
    expect(listed.body.data[1]).toEqual({
      status: {
        id: PROSPECT_ID,
        status: 'prospect',
        text: 'Prospect',
        description: '',
        color: 'cc0000',
        counts: 1,
        total_count: 1,
        action_stream_count: 1,
        team_counts: [{ user_id: DEFAULT_USER_ID, counts: 1 }],
      },
    })
    expect(listed.body.data[0].status).toMatchObject({ counts: 0, total_count: 0, action_stream_count: 0 })
  })

  it('creates a custom status with the next custom kind, gets, updates and deletes it', async () => {
    const created = await api.call('POST', '/statuses', {
      text: 'Partner',
      color: '009900',
      description: 'Resells us',
    })
    expect(created.status).toBe(201)
    expect(created.body.message).toBe('Created')
    const status = created.body.data.status
    expect(status).toMatchObject({
      status: 'custom1',
      text: 'Partner',
      color: '009900',
      description: 'Resells us',
    })
    expect(
      (await api.call('POST', '/statuses', { text: 'Other', color: '666666' })).body.data.status.status,
    ).toBe('custom2')
    expect((await api.call('GET', `/statuses/${status.id}`)).body.data.status.text).toBe('Partner')

    const partial = await api.call('PUT', `/statuses/${status.id}?partial=true`, { text: 'Reseller' })
    expect(partial.body.data.status).toMatchObject({
      text: 'Reseller',
      color: '009900',
      description: 'Resells us',
    })
    // Without partial, text and color are required and the description is cleared.
    const missing = await api.call('PUT', `/statuses/${status.id}`, { text: 'Reseller' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual({ color: 'color is invalid or missing' })
    const full = await api.call('PUT', `/statuses/${status.id}`, { text: 'Reseller', color: 'ff00ff' })
    expect(full.body.data.status).toMatchObject({ status: 'custom1', color: 'ff00ff', description: '' })

    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, { status_id: status.id })
    const deleted = await api.call('DELETE', `/statuses/${status.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body.data).toEqual({})
    expect((await api.call('GET', `/statuses/${status.id}`)).status).toBe(404)
    // Its contacts become leads (the spec's deleteStatus).
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.status_id).toBe(LEAD_STATUS_ID)
  })

  it('refuses what the spec forbids, changing nothing', async () => {
    const before = [...api.deps.state.statuses.values()]
    const invalid = await api.call('POST', '/statuses', {
      text: 'x'.repeat(21),
      color: 'abcdef',
      description: 'y'.repeat(34),
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toEqual({
      status: 400,
      message: 'Invalid request data',
      error_name: 'invalid_request_data',
      error_message: 'A validation error has occurred',
      errors: {
        text: 'text is too long (maximum is 20 characters)',
        color: 'color is invalid or missing',
        description: 'description is too long (maximum is 33 characters)',
      },
    })
    const lead = await api.call('DELETE', `/statuses/${LEAD_STATUS_ID}`)
    expect(lead.status).toBe(409)
    expect(lead.body).toMatchObject({
      error_name: 'precondition_failed',
      errors: { id: 'The lead status cannot be deleted.' },
    })
    expect(
      (await api.call('PUT', '/statuses/5aa0aaaaaaaaaaaaaaaaaaaa', { text: 'A', color: '000000' })).status,
    ).toBe(404)
    expect((await api.call('GET', `/statuses/${PROSPECT_ID}?fields=all`)).status).toBe(501)
    expect([...api.deps.state.statuses.values()]).toEqual(before)
    expect(api.saves()).toBe(0)
  })

  it('ignores the read-only fields of a status sent back as read', async () => {
    const read = (await api.call('GET', `/statuses/${PROSPECT_ID}`)).body.data.status
    const updated = await api.call('PUT', `/statuses/${PROSPECT_ID}`, {
      ...read,
      text: 'Hot',
      status: 'lead',
      counts: 9,
    })
    expect(updated.status).toBe(200)
    expect(updated.body.data.status).toMatchObject({
      id: PROSPECT_ID,
      status: 'prospect',
      text: 'Hot',
      counts: 0,
    })
  })

  it('keeps at most 50 statuses (an account limit, 403)', async () => {
    for (let i = DEFAULT_STATUSES.length; i < 50; i++) {
      expect((await api.call('POST', '/statuses', { text: `S${i}`, color: '000000' })).status).toBe(201)
    }
    const over = await api.call('POST', '/statuses', { text: 'One more', color: '000000' })
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ error_name: 'account_limit_reached' })
    expect(api.deps.state.statuses.size).toBe(50)
  })
})

describe('lead sources', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('lists them bare, alphabetically with Other last, with their contact counts', async () => {
    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, { lead_source_id: 'referral' })
    const listed = await api.call('GET', '/lead_sources')
    expect(listed.body.data.map((source: { id: string }) => source.id)).toEqual(
      DEFAULT_LEAD_SOURCES.map((source) => source.id),
    )
    expect(listed.body.data.find((source: { id: string }) => source.id === 'referral')).toEqual({
      id: 'referral',
      text: 'Referral',
      counts: 1,
      total_count: 1,
      action_stream_count: 1,
      team_counts: [{ user_id: DEFAULT_USER_ID, counts: 1 }],
    })
  })

  it('creates one with an ObjectId, re-sorted alphabetically; updates, gets and deletes it', async () => {
    const created = await api.call('POST', '/lead_sources', { text: 'Conference' })
    expect(created.status).toBe(201)
    const source = created.body.data
    expect(source).toMatchObject({ text: 'Conference', counts: 0 })
    expect(source.id).toMatch(/^[0-9a-f]{24}$/)
    const ids = (await api.call('GET', '/lead_sources')).body.data.map((entry: { id: string }) => entry.id)
    expect(ids.slice(0, 3)).toEqual(['advertisement', source.id, 'email_web'])

    const missing = await api.call('PUT', `/lead_sources/${source.id}`, {})
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual({ text: 'text is invalid or missing' })
    expect((await api.call('PUT', `/lead_sources/${source.id}?partial=true`, {})).body.data.text).toBe(
      'Conference',
    )
    expect((await api.call('PUT', `/lead_sources/${source.id}`, { text: 'Trade fair' })).body.data.text).toBe(
      'Trade fair',
    )
    expect((await api.call('GET', `/lead_sources/${source.id}`)).body.data.text).toBe('Trade fair')

    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, { lead_source_id: source.id })
    expect((await api.call('DELETE', `/lead_sources/${source.id}`)).status).toBe(200)
    // Contacts referencing it have their lead source cleared (the spec's deleteLeadSource).
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.lead_source_id).toBeNull()
    expect((await api.call('GET', `/lead_sources/${source.id}`)).status).toBe(404)
  })

  it('refuses a text over 40 characters and deleting the last one, changing nothing', async () => {
    const long = await api.call('POST', '/lead_sources', { text: 'x'.repeat(41) })
    expect(long.status).toBe(400)
    expect(long.body.errors).toEqual({ text: 'text is too long (maximum is 40 characters)' })
    for (const source of DEFAULT_LEAD_SOURCES.slice(1)) {
      expect((await api.call('DELETE', `/lead_sources/${source.id}`)).status).toBe(200)
    }
    const last = await api.call('DELETE', '/lead_sources/advertisement')
    expect(last.status).toBe(409)
    expect([...api.deps.state.lead_sources.keys()]).toEqual(['advertisement'])
  })
})
