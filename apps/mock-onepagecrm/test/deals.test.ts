import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_ID } from '../src/api/domain/account-defaults.js'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_DEAL_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

describe('deals', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  const create = (body: Record<string, unknown>) =>
    api.call('POST', '/deals', { contact_id: DEMO_CONTACT_ID, name: 'Solar panels', ...body })

  it('render the spec’s read-only sums, the pipeline and the contact’s and owner’s names', async () => {
    const created = await create({ amount: 100.5, cost: 40.2, months: 3 })
    expect(created.status).toBe(201)
    expect(created.body.data.deal).toMatchObject({
      pipeline_id: DEFAULT_PIPELINE_ID,
      stage: 10,
      amount: 100.5,
      months: 3,
      cost: 40.2,
      margin: 60.3,
      total_amount: 301.5,
      total_cost: 120.6,
      commission_type: 'none',
      commission: 0,
      commission_percentage: 0,
      deal_fields: [],
      has_deal_items: false,
      deal_items: [],
      contact_info: { contact_name: 'Joe Bloggs', company: "Morgan's Forensic Lab" },
      owner: { id: DEFAULT_USER_ID, name: 'Jane Doe', email: 'jane.doe@example.com' },
      linked_contacts: [],
    })
    const plain = (await api.call('GET', `/deals/${DEMO_DEAL_ID}`)).body.data.deal
    expect(plain).toMatchObject({ months: 1, cost: 0, margin: 1200, total_amount: 1200, total_cost: 0 })
  })

  it('take a stage of their pipeline only, and one of the account’s pipelines', async () => {
    const before = api.deps.state.deal.size
    const stage = await create({ stage: 60 })
    expect(stage.status).toBe(400)
    expect(stage.body.errors).toEqual({
      stage: "stage must be one of the pipeline's stages (10, 25, 50, 75, 90)",
    })
    const pipeline = await create({ pipeline_id: '5aa0aaaaaaaaaaaaaaaaaaaa' })
    expect(pipeline.body.errors).toEqual({ pipeline_id: 'pipeline_id is invalid or missing' })
    expect((await create({ stage: 75, pipeline_id: DEFAULT_PIPELINE_ID })).body.data.deal.stage).toBe(75)
    expect((await create({ months: 0 })).body.errors).toEqual({ months: 'months is invalid or missing' })
    expect(api.deps.state.deal.size).toBe(before + 1)
  })

  it('truncate a name past 60 characters and refuse a text past 7168', async () => {
    expect((await create({ name: 'n'.repeat(70) })).body.data.deal.name).toBe('n'.repeat(60))
    const long = await create({ text: 't'.repeat(7169) })
    expect(long.status).toBe(400)
    expect(long.body.errors).toEqual({ text: 'text is too long (maximum is 7168 characters)' })
  })

  it('stay with their contact', async () => {
    const other = (await api.call('POST', '/contacts', { last_name: 'Other' })).body.data.contact.id
    const moved = await api.call('PUT', `/deals/${DEMO_DEAL_ID}?partial=true`, { contact_id: other })
    expect(moved.status).toBe(400)
    expect(moved.body.errors).toEqual({
      contact_id: 'contact_id cannot be changed: a deal stays with its contact',
    })
    const same = await api.call('PUT', `/deals/${DEMO_DEAL_ID}?partial=true`, {
      contact_id: DEMO_CONTACT_ID,
      cost: 5,
    })
    expect(same.body.data.deal).toMatchObject({ contact_id: DEMO_CONTACT_ID, cost: 5, margin: 1195 })
  })

  it('refuse the fields crmkit does not emulate, creating nothing', async () => {
    const before = api.deps.state.deal.size
    for (const [field, value] of [
      ['commission_type', 'percentage'],
      ['commission', 10],
      ['sales_pipeline_id', DEFAULT_PIPELINE_ID],
      ['has_deal_items', true],
      ['deal_items', [{ name: 'x', description: '', cost: 1, price: 2, qty: 1 }]],
    ] as const) {
      const refused = await create({ [field]: value })
      expect(refused.status, field).toBe(501)
      expect(refused.body.errors).toEqual({ [field]: `${field} is not emulated by crmkit` })
    }
    expect(api.deps.state.deal.size).toBe(before)
  })
})

describe('deal field values', () => {
  let api: ApiApp
  let size: string
  let units: string
  let ref: string
  beforeEach(async () => {
    api = setupApi()
    const field = async (body: Record<string, unknown>) =>
      (await api.call('POST', '/deal_fields', body)).body.data.deal_field.id as string
    size = await field({ name: 'Deal size', type: 'select_box', choices: ['Small', 'Medium', 'Large'] })
    units = await field({ name: 'Units', type: 'number' })
    ref = await field({ name: 'ERP id', type: 'external_id' })
  })

  const create = (deal_fields: unknown) =>
    api.call('POST', '/deals', { contact_id: DEMO_CONTACT_ID, name: 'Panels', deal_fields })

  it('are read in the spec’s form and the Java SDK’s flat form, and render with their field', async () => {
    const created = await create([
      { deal_field: { id: size }, value: 'Large' },
      { id: units, value: 12 },
    ])
    expect(created.status).toBe(201)
    expect(created.body.data.deal.deal_fields).toEqual([
      {
        deal_field: {
          id: size,
          name: 'Deal size',
          type: 'select_box',
          position: 0,
          choices: ['Small', 'Medium', 'Large'],
        },
        value: 'Large',
      },
      { deal_field: { id: units, name: 'Units', type: 'number', position: 1, choices: [] }, value: '12' },
    ])
  })

  it('are checked against their field, refusing without creating', async () => {
    const before = api.deps.state.deal.size
    const choice = await create([{ deal_field: { id: size }, value: 'Huge' }])
    expect(choice.status).toBe(400)
    expect(choice.body.errors).toEqual({
      deal_fields: 'deal_fields[0]: Deal size must be one of Small, Medium, Large',
    })
    expect((await create([{ deal_field: { id: units }, value: 'many' }])).body.errors).toEqual({
      deal_fields: 'deal_fields[0]: Units must be a number',
    })
    expect((await create([{ deal_field: { id: '5aa0aaaaaaaaaaaaaaaaaaaa' }, value: 'x' }])).status).toBe(400)
    expect((await create('Large')).body.errors).toEqual({
      deal_fields: 'deal_fields must be a list of {deal_field: {id}, value}',
    })
    expect((await create([{ deal_field: { id: ref }, value: 'ERP-1' }])).status).toBe(201)
    const taken = await create([{ deal_field: { id: ref }, value: 'ERP-1' }])
    expect(taken.body.errors).toEqual({ deal_fields: 'ERP id must be unique: ERP-1 is taken' })
    const multiple = (
      await api.call('POST', '/deal_fields', { name: 'Extras', type: 'multiple_choice', choices: ['a', 'b'] })
    ).body.data.deal_field.id
    const refused = await create([{ deal_field: { id: multiple }, value: 'a' }])
    expect(refused.status).toBe(501)
    expect(refused.body).toMatchObject({
      error_name: 'not_emulated',
      error_message: 'deal_field values: deal_fields is documented by OnePageCRM but not emulated by crmkit.',
      errors: { deal_fields: 'values of multiple_choice fields (Extras) are not emulated by crmkit' },
    })
    expect(api.deps.state.deal.size).toBe(before + 1)
  })

  it('are kept by a partial update, cleared by a full one, and follow their field', async () => {
    const deal = (await create([{ deal_field: { id: size }, value: 'Medium' }])).body.data.deal
    const partial = await api.call('PUT', `/deals/${deal.id}?partial=true`, { amount: 5 })
    expect(partial.body.data.deal.deal_fields.map((entry: { value: string }) => entry.value)).toEqual([
      'Medium',
    ])
    // New choices carry values along by index (the developer portal, Custom Fields).
    await api.call('PUT', `/deal_fields/${size}?partial=true`, { choices: ['S', 'M'] })
    expect(api.deps.state.deal.get(deal.id)?.deal_fields).toEqual([{ id: size, value: 'M' }])
    await api.call('PUT', `/deal_fields/${size}?partial=true`, { choices: ['Only'] })
    expect(api.deps.state.deal.get(deal.id)?.deal_fields).toEqual([])

    await api.call('PUT', `/deals/${deal.id}?partial=true`, { deal_fields: [{ id: units, value: '3' }] })
    expect((await api.call('DELETE', `/deal_fields/${units}`)).status).toBe(200)
    expect(api.deps.state.deal.get(deal.id)?.deal_fields).toEqual([])
    await api.call('PUT', `/deals/${deal.id}?partial=true`, { deal_fields: [{ id: ref, value: 'R' }] })
    const full = await api.call('PUT', `/deals/${deal.id}`, { name: 'Panels' })
    expect(full.body.data.deal.deal_fields).toEqual([])
  })
})

describe('deal lists', () => {
  let api: ApiApp
  let contact: string
  beforeEach(async () => {
    api = setupApi()
    contact = (
      await api.call('POST', '/contacts', { first_name: 'Ann', last_name: 'Zeta', company_name: 'Acme' })
    ).body.data.contact.id
    const deal = async (body: Record<string, unknown>) => {
      api.clock.advance(60_000)
      return (await api.call('POST', '/deals', { contact_id: contact, ...body })).body.data.deal.id as string
    }
    await deal({ name: 'Alpha', status: 'won', date: '2026-01-10', close_date: '2026-02-01' })
    await deal({ name: 'Beta', stage: 50, date: '2026-02-10', expected_close_date: '2026-05-01' })
    await deal({ name: 'Gamma', status: 'lost', date: '2026-03-01' })
  })

  const names = async (query: string, path = '/deals') => {
    const answer = await api.call('GET', `${path}?${query}`)
    expect(answer.status, query).toBe(200)
    return answer.body.data.deals.map((entry: { deal: { name: string } }) => entry.deal.name)
  }

  it('filter by status, stage, name, search, owner, pipeline and contact', async () => {
    expect(await names('status=pending')).toEqual(['Beta', 'XYZ licence'])
    expect(await names('status=closed')).toEqual(['Gamma', 'Alpha'])
    expect(await names('stage=50')).toEqual(['Beta'])
    expect(await names('name=ALP')).toEqual(['Alpha'])
    expect(await names('search=acme')).toEqual(['Gamma', 'Beta', 'Alpha'])
    expect(await names('search=bloggs')).toEqual(['XYZ licence'])
    expect(await names(`owner_id=${DEFAULT_USER_ID}&pipeline_id=${DEFAULT_PIPELINE_ID}&per_page=2`)).toEqual([
      'Gamma',
      'Beta',
    ])
    expect(await names('status=won', `/contacts/${contact}/deals`)).toEqual(['Alpha'])
    expect(await names(`contact_id=${DEMO_CONTACT_ID}`)).toEqual(['XYZ licence'])
  })

  it('filter by time and sort', async () => {
    expect(await names('date_filter=date&since=2026-02-01&until=2026-02-28')).toEqual(['Beta'])
    expect(await names('date_filter=close_date&until=2026-02-01')).toEqual(['Alpha'])
    // Without date_filter, since and until bound the modification time (the developer portal).
    expect(await names(`since=${Date.parse('2026-03-01T12:02:00Z') / 1000}`)).toEqual(['Gamma', 'Beta'])
    expect(await names('modified_since=2026-03-02')).toEqual([])
    // Gamma's date is the demo deal's (today): a tie keeps the older first.
    expect(await names('unmodified_since=2026-03-02&sort_by=date&order=asc')).toEqual([
      'Alpha',
      'Beta',
      'XYZ licence',
      'Gamma',
    ])
    expect(await names('sort_by=expected_close_date&order=desc&status=pending')).toEqual([
      'XYZ licence',
      'Beta',
    ])
  })

  it('refuse a malformed filter with a 400 and an unemulated one with a 501', async () => {
    for (const [query, field] of [
      ['status=open', 'status'],
      ['stage=ten', 'stage'],
      ['since=yesterday', 'since'],
      ['date_filter=birthday', 'date_filter'],
      ['date_filter=date&modified_since=2026-01-01', 'date_filter'],
      ['sort_by=name', 'sort_by'],
      ['sort_by=date&order=up', 'order'],
    ]) {
      const answer = await api.call('GET', `/deals?${query}`)
      expect(answer.status, query).toBe(400)
      expect(Object.keys(answer.body.errors), query).toEqual([field])
    }
    for (const query of ['include_history=true', 'tag=vip', 'fields=contacts(all)', 'sales_pipeline_id=x']) {
      expect((await api.call('GET', `/deals?${query}`)).status, query).toBe(501)
    }
    expect((await api.call('GET', `/deals/${DEMO_DEAL_ID}?include_history=true`)).status).toBe(501)
  })
})
