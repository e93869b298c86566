import { onepagecrm } from '@crmkit/schemas'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_LEAD_SOURCES,
  DEFAULT_PIPELINE,
  DEFAULT_PIPELINE_ID,
} from '../src/api/domain/account-defaults.js'
import { DEFAULT_API_KEY, DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_DEAL_ID } from '../src/api/domain/seed.js'
import { type ApiApp, addUser, setupApi } from './api-app.js'

const MATE_ID = '5aba31e99007ba0f570c1300'

describe('GET /bootstrap', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
    addUser(api, {
      id: MATE_ID,
      api_key: 'mate-key',
      first_name: 'Sam',
      last_name: 'Roe',
      email: 'sam@example.com',
      company_name: 'Big Company Inc.',
    })
  })

  it('gives the caller, the team, settings consistent with deals, fields, call results and titles', async () => {
    const season = (
      await api.call('POST', '/custom_fields', { name: 'Season', type: 'select_box', choices: ['Summer'] })
    ).body.data.custom_field
    await api.call('POST', '/deal_fields', { name: 'Units', type: 'number' })
    const action = (await api.call('POST', '/predefined_actions', { text: 'Call [firstname]', days: 2 })).body
      .data.predefined_action
    const answer = await api.call('GET', '/bootstrap')
    expect(answer.status).toBe(200)
    const data = onepagecrm.successEnvelope(onepagecrm.bootstrapData).parse(answer.body).data
    expect(data).toMatchObject({
      user_id: DEFAULT_USER_ID,
      auth_key: DEFAULT_API_KEY,
      account_type: 'pro',
      user: { user: { id: DEFAULT_USER_ID, bcc_email: `${DEFAULT_USER_ID}@users.onepagecrm.com` } },
      team: [{ user: { id: MATE_ID, first_name: 'Sam' } }],
      cost_setup: { cost_enabled: true, commission_base: 'amount' },
      custom_fields: [{ custom_field: { id: season.id, name: 'Season', reminder_days: null } }],
      company_fields: [],
      deal_fields: [{ deal_field: { name: 'Units', type: 'number' } }],
      filters: [],
      call_results: {
        interested: 'Interested',
        not_interested: 'Not interested',
        left_message: 'Left message',
        no_answer: 'No answer',
        other: 'Other',
      },
      call_results_order: ['interested', 'not_interested', 'left_message', 'no_answer', 'other'],
      predefined_actions: [{ id: action.id, text: 'Call [firstname]', days: 2 }],
      contact_titles: ['Mr', 'Mrs', 'Ms'],
    })
    expect(data.team[0]?.user).not.toHaveProperty('bcc_email')
    // The deal stages are the default pipeline's, the one a deal gets.
    expect(data.settings).toMatchObject({
      time_zone: 'UTC',
      currency: 'EUR',
      deal_stages: DEFAULT_PIPELINE.stages,
      pipelines: [{ pipeline: { id: DEFAULT_PIPELINE_ID, default: true } }],
    })
    expect(api.deps.state.deal.get(DEMO_DEAL_ID)?.pipeline_id).toBe(DEFAULT_PIPELINE_ID)
  })

  it('gives beside data the lead sources, statuses, tags, contacts per letter and the team stream', async () => {
    await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, {
      tags: ['VIP', 'beta'],
      starred: true,
    })
    const zed = (await api.call('POST', '/contacts', { last_name: 'Zed', tags: ['vip2'], owner_id: MATE_ID }))
      .body.data.contact.id
    await api.call('POST', '/contacts', { company_name: '3M', owner_id: MATE_ID })
    // The demo contact has Jane's ASAP action; Zed gets Sam's waiting one and Jane's dated one.
    for (const [assignee_id, status, date] of [
      [MATE_ID, 'waiting', undefined],
      [DEFAULT_USER_ID, 'date', '2026-03-02'],
    ] as const) {
      const action = await api.call('POST', '/actions', {
        contact_id: zed,
        assignee_id,
        status,
        date,
        text: 'Chase',
      })
      expect(action.status).toBe(201)
    }
    const body = (await api.call('GET', '/bootstrap')).body
    expect(body.lead_sources.map((source: { id: string }) => source.id)).toEqual(
      DEFAULT_LEAD_SOURCES.map((s) => s.id),
    )
    expect(body.lead_sources[0]).toMatchObject({ counts: 0, total_count: 0, team_counts: expect.any(Array) })
    // Jane's Action Stream holds the contacts she has next actions on, Zed among them though Sam owns him.
    expect(body.statuses[0].status).toMatchObject({
      status: 'lead',
      counts: 1,
      total_count: 3,
      action_stream_count: 2,
      team_counts: [
        { user_id: DEFAULT_USER_ID, counts: 1 },
        { user_id: MATE_ID, counts: 2 },
      ],
    })
    expect(body.tags).toEqual({
      tags: [
        { name: 'beta', counts: 1, total_count: 1, action_stream_count: 1 },
        { name: 'VIP', counts: 1, total_count: 1, action_stream_count: 1 },
        { name: 'vip2', counts: 0, total_count: 1, action_stream_count: 1 },
      ],
      system_tags: [
        { name: 'starred', counts: 1, total_count: 1 },
        { name: 'pendings', counts: 1, total_count: 1 },
        { name: 'waiting', counts: 0, total_count: 1 },
      ],
    })
    const letters = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([key, count]) => count > 0 && key !== 'user_id'))
    expect(Object.keys(body.contacts_count.all)).toHaveLength(28)
    expect(letters(body.contacts_count.all)).toEqual({ '1': 1, b: 1, z: 1, total_count: 3 })
    expect(body.contacts_count.users.map(letters)).toEqual([
      { b: 1, total_count: 1 },
      { '1': 1, z: 1, total_count: 2 },
    ])
    expect(body.contacts_count.users[1].user_id).toBe(MATE_ID)
    expect(body.team_stream).toEqual({
      all: 2,
      users: [
        { user_id: DEFAULT_USER_ID, counts: 2 },
        { user_id: MATE_ID, counts: 1 },
      ],
    })
    // The same as the streams list.
    expect((await api.call('GET', '/team_stream')).body.data.total_count).toBe(2)
    expect((await api.call('GET', `/team_stream?user_id=${MATE_ID}`)).body.data.total_count).toBe(1)
  })
})

describe('reference data', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('lists the countries OnePageCRM supports, by code', async () => {
    const countries = (await api.call('GET', '/countries')).body.data.countries
    expect(countries).toHaveLength(250)
    expect(countries[0]).toEqual({ country: { name: 'Andorra', code: 'AD', phone_prefix: '+376' } })
    expect(
      countries.find((entry: { country: { code: string } }) => entry.country.code === 'IE').country,
    ).toEqual({
      name: 'Ireland',
      code: 'IE',
      phone_prefix: '+353',
    })
    const codes = countries.map((entry: { country: { code: string } }) => entry.country.code)
    expect(codes).toEqual([...codes].sort())
  })

  it('counts the call results of the caller, the account and each user', async () => {
    await api.call('POST', '/calls', { contact_id: DEMO_CONTACT_ID, call_result: 'no_answer' })
    await api.call('POST', '/calls', { contact_id: DEMO_CONTACT_ID, call_result: 'no_answer' })
    const results = (await api.call('GET', '/call_results')).body.data
    expect(results.map((entry: { call_result: { result: string } }) => entry.call_result.result)).toEqual([
      'interested',
      'not_interested',
      'left_message',
      'no_answer',
      'other',
    ])
    expect(results[3]).toEqual({
      call_result: {
        result: 'no_answer',
        text: 'No answer',
        counts: 2,
        total_counts: 2,
        team_counts: [{ user_id: DEFAULT_USER_ID, counts: 2 }],
      },
    })
  })

  it('lists and gives the account’s pipeline', async () => {
    const listed = await api.call('GET', '/pipelines')
    expect(listed.body.data).toEqual({
      pipelines: [
        {
          pipeline: {
            id: DEFAULT_PIPELINE_ID,
            name: 'Default pipeline',
            type: 'sales',
            default: true,
            won_column_enabled: false,
            won_column_name: '',
            stages: DEFAULT_PIPELINE.stages,
          },
        },
      ],
      total_count: 1,
      page: 1,
      per_page: 10,
      max_page: 1,
    })
    expect((await api.call('GET', `/pipelines/${DEFAULT_PIPELINE_ID}`)).body.data.pipeline.id).toBe(
      DEFAULT_PIPELINE_ID,
    )
    expect((await api.call('GET', '/pipelines/5aa0aaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
  })
})
