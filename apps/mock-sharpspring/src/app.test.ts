import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createFaultInjector,
  createManualClock,
  createSeededRandom,
  cryptoRandomBytes,
} from '@crmkit/mock-kit'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSharpSpringApp } from './app.js'
import { createSharpSpringConfig, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from './domain/config.js'
import { type DemoIds, seedDemo } from './domain/demo.js'
import { createIdFactory } from './domain/ids.js'
import { createState } from './domain/state.js'
import { SHARPSPRING_FAULT_ANSWERS } from './http/fault-answers.js'
import { createFileStore } from './storage/file-store.js'

const T0 = new Date('2026-03-01T12:00:00Z')
const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`

async function setup(overrides: Parameters<typeof createSharpSpringConfig>[0] = {}) {
  const clock = createManualClock(T0)
  const newId = createIdFactory(createSeededRandom(5))
  const state = createState(newId)
  const config = createSharpSpringConfig(overrides)
  const demo = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
  const files = await createFileStore(
    mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-app-')),
    cryptoRandomBytes,
  )
  const app = createSharpSpringApp({ config, state, newId, clock, files })
  const call = async (body: unknown, path = `/pubapi/v1/?${AUTH}`) => {
    const response = await app.request(path, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    })
    // biome-ignore lint/suspicious/noExplicitAny: envelopes are checked field by field.
    return { status: response.status, body: (await response.json()) as any }
  }
  return { app, state, clock, demo, call }
}

describe('faults in front of every route', () => {
  it('spring on the RPC endpoint, an upload, a file and a path no route takes, else Hono answers 404', async () => {
    const faults = createFaultInjector()
    const state = createState(createIdFactory(createSeededRandom(5)))
    const files = await createFileStore(
      mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-faults-')),
      cryptoRandomBytes,
    )
    const app = createSharpSpringApp({
      config: createSharpSpringConfig({}),
      state,
      newId: createIdFactory(createSeededRandom(6)),
      files,
      faults,
    })
    const offered = { sharpspring: Object.keys(SHARPSPRING_FAULT_ANSWERS) }
    expect((await app.request('/nowhere')).status).toBe(404)
    expect(await (await app.request('/nowhere')).text()).toBe('404 Not Found')
    for (const [method, path] of [
      ['POST', `/pubapi/v1/?${AUTH}`],
      ['POST', `/pubapi/v1/uploadFiles?${AUTH}`],
      ['GET', '/files/abc/name.txt'],
      ['GET', '/nowhere'],
    ] as const) {
      expect(faults.add({ fault: 'server-error', path: path.split('?')[0], times: 1 }, offered).ok).toBe(true)
      const answer = await app.request(path, { method, body: method === 'POST' ? '{}' : undefined })
      expect([
        path,
        answer.status,
        ((await answer.json()) as { error: { code: number } }).error.code,
      ]).toEqual([path, 500, 999])
    }
  })
})

describe('call limits', () => {
  it('are off by default, and with limits on answer 107 past 10 calls a second', async () => {
    const body = { method: 'getFields', params: { where: {} }, id: 'x' }
    const off = await setup()
    for (let i = 0; i < 12; i++) expect((await off.call(body)).body.error).toBeNull()
    const on = await setup({ limits: true })
    const codes = []
    for (let i = 0; i < 11; i++) codes.push((await on.call(body)).body.error?.code ?? null)
    expect(codes.slice(0, 10).every((code) => code === null)).toBe(true)
    expect(codes[10]).toBe(107)
    on.clock.advance(1000)
    expect((await on.call(body)).body.error).toBeNull()
  })
})

describe('time zones', () => {
  // T0 is 2026-03-01 12:00:00 UTC: 07:00:00 in New York (EST), 13:00:00 in Paris.
  it('gives v1 date-times in the account zone and v1.2 in UTC, for timestamps and date ranges alike', async () => {
    const api = await setup()
    const created = await api.call({
      method: 'createLeads',
      params: { objects: [{ emailAddress: 'tz@example.com' }] },
      id: 1,
    })
    const id = created.body.result.creates[0].id
    const read = async (version: string) =>
      (await api.call({ method: 'getLead', params: { id }, id: 1 }, `/pubapi/${version}/?${AUTH}`)).body
        .result.lead[0]
    expect(await read('v1')).toMatchObject({
      createTimestamp: '2026-03-01 07:00:00',
      updateTimestamp: '2026-03-01 07:00:00',
    })
    expect(await read('v1.2')).toMatchObject({ createTimestamp: '2026-03-01 12:00:00' })
    const range = async (version: string, startDate: string, endDate: string) =>
      (
        await api.call(
          { method: 'getLeadsDateRange', params: { startDate, endDate, timestamp: 'create' }, id: 1 },
          `/pubapi/${version}/?${AUTH}`,
        )
      ).body.result.lead.map((lead: { id: string }) => lead.id)
    // The same words name different instants in the two versions.
    expect(await range('v1', '2026-03-01 07:00:00', '2026-03-01 07:00:00')).toContain(String(id))
    expect(await range('v1.2', '2026-03-01 07:00:00', '2026-03-01 07:00:00')).toEqual([])
    expect(await range('v1.2', '2026-03-01 12:00:00', '2026-03-01 12:00:00')).toContain(String(id))
    // A bare end date means the end of that day in the call's zone.
    expect(await range('v1', '2026-02-28', '2026-02-28')).toEqual([])
    expect(await range('v1', '2026-03-01', '2026-03-01')).toContain(String(id))
    const invalid = await api.call({
      method: 'getLeadsDateRange',
      params: { startDate: '2026-02-30 00:00:00', endDate: '2026-03-01 00:00:00' },
      id: 1,
    })
    expect(invalid.body.error).toMatchObject({ code: 205, message: 'Invalid parameters.' })
  })

  it('takes the account zone from the config', async () => {
    const api = await setup({ timeZone: 'Europe/Paris' })
    const lead = await api.call({ method: 'getLead', params: { id: api.demo.leadId }, id: 1 })
    // The demo was made at T0 by this test's clock.
    expect(lead.body.result.lead[0].createTimestamp).toBe('2026-03-01 13:00:00')
  })
})

describe('never a silent yes', () => {
  it('refuses a parameter a method does not take, naming it as not emulated, and changes nothing', async () => {
    const api = await setup()
    const leads = api.state.objects.lead.size
    const answer = await api.call({
      method: 'createLeads',
      params: { objects: [{ emailAddress: 'x@example.com' }], upsert: true },
      id: 'p',
    })
    expect(answer.body).toEqual({
      result: null,
      error: {
        code: 205,
        message: 'Invalid parameters.',
        data: { notEmulated: ['upsert'], reason: 'upsert is not emulated by crmkit', emulated: ['objects'] },
      },
      id: 'p',
    })
    expect(api.state.objects.lead.size).toBe(leads)
  })

  it('answers 204 to a method SharpSpring documents but the mock does not emulate, naming it so', async () => {
    const api = await setup()
    expect((await api.call({ method: 'createEmail', params: { objects: [] }, id: 'e' })).body).toEqual({
      result: null,
      error: {
        code: 204,
        message: 'Invalid method signature.',
        data: {
          method: 'createEmail',
          notEmulated: ['createEmail'],
          reason: 'createEmail is not emulated by crmkit',
        },
      },
      id: 'e',
    })
    expect((await api.call({ method: 'getEverything', params: {}, id: 'e' })).body.error.data).toEqual({
      method: 'getEverything',
    })
  })

  it('gets leads by a list of ids, in its order, ignoring keys that are not lists; other where keys are refused', async () => {
    const api = await setup()
    const created = await api.call({
      method: 'createLeads',
      params: { objects: [{ emailAddress: 'b@example.com' }, { emailAddress: 'c@example.com', active: 0 }] },
      id: 1,
    })
    const [b, c] = created.body.result.creates.map((item: { id: number }) => String(item.id))
    const ids = async (where: unknown) =>
      (await api.call({ method: 'getLeads', params: { where }, id: 1 })).body.result.lead.map(
        (lead: { id: string }) => lead.id,
      )
    // c is inactive: listed when asked for by id.
    expect(await ids({ id: [c, api.demo.leadId, b, '1'] })).toEqual([c, String(api.demo.leadId), b])
    expect(await ids({ id: [b], emailAddress: 'nobody@example.com' })).toEqual([b])
    expect(await ids({ id: b, emailAddress: 'nobody@example.com' })).toEqual([])
    expect(await ids({ emailAddress: 'B@EXAMPLE.COM' })).toEqual([b])
    const refused = async (where: unknown) =>
      (await api.call({ method: 'getLeads', params: { where }, id: 1 })).body.error
    expect(await refused({ city: 'Gainesville', leadStatus: 'open' })).toEqual({
      code: 205,
      message: 'Invalid parameters.',
      data: {
        notEmulated: ['where.city', 'where.leadStatus'],
        reason: 'where.city, where.leadStatus are not emulated by crmkit',
        emulated: ['id', 'emailAddress'],
      },
    })
    expect((await refused({ emailAddress: ['b@example.com'] })).data).toEqual({
      where: 'emailAddress',
      reason: 'a single value, not a list',
    })
    expect((await refused({ id: [] })).code).toBe(205)
    expect((await refused({ id: { nested: 1 } })).code).toBe(205)
  })

  it('gives getLeadsDateRange only the fields asked for, and needs a where for getDealStages', async () => {
    const api = await setup()
    const range = await api.call({
      method: 'getLeadsDateRange',
      params: {
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        timestamp: 'update',
        fields: ['emailAddress'],
      },
      id: 1,
    })
    expect(range.body.result.lead).toEqual([{ id: String(api.demo.leadId), emailAddress: 'ada@example.com' }])
    expect((await api.call({ method: 'getDealStages', params: {}, id: 1 })).body.error).toMatchObject({
      code: 206,
      data: { missing: ['where'] },
    })
  })

  it('creates fields only from the keys SharpSpring’s sample sends, and changes only a label and flags', async () => {
    const api = await setup()
    const fields = api.state.fields.size
    const create = async (object: Record<string, unknown>) =>
      (await api.call({ method: 'createFields', params: { objects: [object] }, id: 1 })).body.result
        .creates[0]
    const base = { relationship: 'lead', label: 'Size', dataType: 'picklist' }
    expect((await create({ ...base, options: [{ label: 'S', value: 's' }] })).error).toMatchObject({
      code: 205,
      data: { notEmulated: ['options'], reason: 'options is not emulated by crmkit' },
    })
    expect((await create({ ...base, source: 'salesforce' })).error.code).toBe(205)
    expect((await create({ ...base, isCustom: '0' })).error.code).toBe(205)
    expect(api.state.fields.size).toBe(fields)
    const made = await create({ ...base, source: 'sharpspring', isCustom: '1', dataLength: '20' })
    expect(made).toMatchObject({ success: true })
    const field = [...api.state.fields.values()].find((f) => f.label === 'Size')
    const update = async (object: Record<string, unknown>) =>
      (await api.call({ method: 'updateFields', params: { objects: [object] }, id: 1 })).body.result
        .updates[0]
    expect((await update({ ...field, dataType: 'text' })).error).toMatchObject({
      code: 205,
      data: { notEmulated: ['dataType'] },
    })
    expect(await update({ ...field, label: 'Shirt size' })).toEqual({ success: true, error: null })
    expect(api.state.fields.get(field?.systemName ?? '')).toMatchObject({
      label: 'Shirt size',
      dataType: 'picklist',
    })
  })
})

describe('SharpSpring JSON-RPC', () => {
  let api: Awaited<ReturnType<typeof setup>>
  let demo: DemoIds
  beforeEach(async () => {
    api = await setup()
    demo = api.demo
  })

  it('answers reads with error null and writes with error [], echoing id, on v1 and v1.2, with or without the slash', async () => {
    const read = await api.call({ method: 'getLead', params: { id: demo.leadId }, id: 'req-1' })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ error: null, id: 'req-1' })
    expect(read.body.result.lead[0]).toMatchObject({
      id: String(demo.leadId),
      emailAddress: 'ada@example.com',
      leadStatus: 'unqualified',
      active: '1',
    })
    expect(read.body.result.lead[0][demo.fileFields.lead]).toBe('')
    const write = await api.call(
      { method: 'createLeads', params: { objects: [{ emailAddress: 'b@example.com' }] }, id: '' },
      `/pubapi/v1.2?${AUTH}`,
    )
    expect(write.body).toMatchObject({ error: [], id: '' })
    expect(write.body.result.creates).toEqual([{ success: true, error: null, id: expect.any(Number) }])
  })

  it('refuses credentials, bodies and methods with the documented codes, over HTTP 200', async () => {
    const codes = async (body: unknown, query: string) =>
      (await api.call(body, `/pubapi/v1/${query}`)).body.error.code
    const body = { method: 'getFields', params: { where: {} }, id: 'x' }
    expect(await codes(body, '')).toBe(103)
    expect(await codes(body, `?accountID=${DEFAULT_ACCOUNT_ID}`)).toBe(104)
    expect(await codes(body, `?accountID=${DEFAULT_ACCOUNT_ID}&secretKey=wrong`)).toBe(105)
    expect(await codes('{not json', `?${AUTH}`)).toBe(101)
    expect(await codes({ method: 'getFields', params: {} }, `?${AUTH}`)).toBe(102)
    expect(await codes({ params: {}, id: 1 }, `?${AUTH}`)).toBe(201)
    expect(await codes({ method: 'getEverything', params: {}, id: 1 }, `?${AUTH}`)).toBe(204)
    expect(await codes({ method: 'getFields', id: 1 }, `?${AUTH}`)).toBe(202)
    expect(await codes({ method: 'createLeads', params: {}, id: 1 }, `?${AUTH}`)).toBe(207)
    expect(await codes({ method: 'createLeads', params: { objects: [1] }, id: 1 }, `?${AUTH}`)).toBe(208)
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ emailAddress: `${i}@x.test` }))
    expect(await codes({ method: 'createLeads', params: { objects: tooMany }, id: 1 }, `?${AUTH}`)).toBe(209)
    const denied = await api.call(body, '/pubapi/v1/?accountID=a&secretKey=b')
    expect(denied.body).toEqual({
      result: null,
      error: { code: 105, message: 'User authentication failed.', data: [] },
      id: 'x',
    })
    const version = await api.call(body, `/pubapi/v2/?${AUTH}`)
    expect(version.status).toBe(404)
    expect(version.body.error.code).toBe(204)
  })

  it('copies the failed items’ errors into the top-level array: 301 duplicate email, 302 no-op update', async () => {
    const created = await api.call({
      method: 'createLeads',
      params: {
        objects: [
          { emailAddress: 'new@example.com' },
          { emailAddress: 'ADA@example.com' },
          { firstName: 'no email' },
        ],
      },
      id: 1,
    })
    const [ok, duplicate, missing] = created.body.result.creates
    expect(ok).toMatchObject({ success: true, error: null })
    expect(duplicate).toEqual({
      success: false,
      error: { code: 301, message: 'Entry already exists', data: [] },
    })
    expect(missing).toMatchObject({ success: false, error: { code: 205 } })
    expect(created.body.error).toEqual([duplicate.error, missing.error])
    const noop = await api.call({
      method: 'updateLeads',
      params: { objects: [{ id: demo.leadId, firstName: 'Ada' }] },
      id: 2,
    })
    expect(noop.body.result.updates).toEqual([
      { success: false, error: { code: 302, message: 'No table rows affected', data: [] } },
    ])
    const unknown = { objects: [{ id: 1, firstName: 'X' }] }
    expect(
      (await api.call({ method: 'updateLeads', params: unknown, id: 3 })).body.result.updates[0],
    ).toEqual({ success: true, error: null })
    expect(
      (await api.call({ method: 'updateLeadsV2', params: unknown, id: 4 })).body.result.updates[0].error.code,
    ).toBe(404)
  })

  it('gets leads by where, limit, offset and fields; inactive leads only by id or email', async () => {
    await api.call({ method: 'updateLeads', params: { objects: [{ id: demo.leadId, active: 0 }] }, id: 1 })
    expect((await api.call({ method: 'getLeads', params: { where: {} }, id: 1 })).body.result.lead).toEqual(
      [],
    )
    const byEmail = await api.call({
      method: 'getLeads',
      params: { where: { emailAddress: 'ada@example.com' }, fields: ['firstName'] },
      id: 1,
    })
    expect(byEmail.body.result.lead).toEqual([{ id: String(demo.leadId), firstName: 'Ada' }])
    expect((await api.call({ method: 'getLeads', params: {}, id: 1 })).body.error.code).toBe(206)
    expect(
      (await api.call({ method: 'getLeads', params: { where: { city: 'x' } }, id: 1 })).body.error.code,
    ).toBe(205)
    expect((await api.call({ method: 'getLead', params: { id: 42 }, id: 1 })).body.result).toEqual({
      lead: [],
    })
  })

  it('creates, renames and deletes custom fields; standard fields cannot be deleted (211)', async () => {
    const created = await api.call({
      method: 'createFields',
      params: { objects: [{ relationship: 'lead', label: 'Favorite Color', dataType: 'text' }] },
      id: 1,
    })
    expect(created.body.error).toEqual([])
    const fields = await api.call({
      method: 'getFields',
      params: { where: { label: 'Favorite Color' } },
      id: 1,
    })
    const [field] = fields.body.result.field
    expect(field).toMatchObject({
      relationship: 'lead',
      source: 'sharpspring',
      isCustom: '1',
      dataType: 'text',
    })
    expect(field.systemName).toMatch(/^Favorite_Color_[0-9a-f]{13}$/)
    const standard = await api.call({
      method: 'deleteFields',
      params: { objects: [{ systemName: 'emailAddress' }] },
      id: 1,
    })
    expect(standard.body.result.deletes[0].error).toEqual({
      code: 211,
      message: 'Only custom fields can be deleted.',
      data: [],
    })
    expect(
      (
        await api.call({
          method: 'deleteFields',
          params: { objects: [{ systemName: field.systemName }] },
          id: 1,
        })
      ).body.error,
    ).toEqual([])
  })

  it('needs a deal stage for opportunities, and serves accounts and products with the same pattern', async () => {
    const stages = await api.call({ method: 'getDealStages', params: { where: {} }, id: 1 })
    expect(stages.body.result.dealStage).toHaveLength(6)
    const bad = await api.call({
      method: 'createOpportunities',
      params: { objects: [{ opportunityName: 'X', ownerID: 1, dealStageID: 1, closeDate: '2026-01-01' }] },
      id: 1,
    })
    expect(bad.body.result.creates[0].error.code).toBe(205)
    const product = await api.call({
      method: 'getProducts',
      params: { where: { id: demo.productId } },
      id: 1,
    })
    expect(product.body.result.product[0]).toMatchObject({
      productName: 'Widget',
      price: '99',
      imageURL: null,
    })
    const account = await api.call({ method: 'getAccount', params: { id: demo.accountId }, id: 1 })
    expect(account.body.result.account[0]).toMatchObject({ accountName: 'Acme Ltd' })
    const deleted = await api.call({
      method: 'deleteAccounts',
      params: { objects: [{ id: demo.accountId }, { id: 7 }] },
      id: 1,
    })
    expect(deleted.body.result.deletes.map((item: { success: boolean }) => item.success)).toEqual([
      true,
      false,
    ])
  })
})
