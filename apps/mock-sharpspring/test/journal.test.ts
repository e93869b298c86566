import { createMockHost, type JournalEntry, type MockHost } from '@crmkit/mock-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from '../src/domain/config.js'
import { createSharpSpringService } from '../src/service.js'

const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`

describe('the journal of SharpSpring calls', () => {
  let host: MockHost
  let url: string
  beforeAll(async () => {
    host = createMockHost()
    const service = await createSharpSpringService({}, host.runtime)
    url = (await host.serve(service)).url
  })
  afterAll(() => host.close())

  const call = (body: unknown, query = AUTH) =>
    fetch(`${url}/pubapi/v1/?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const requests = async (filter = '') =>
    (
      (await (await fetch(`${url}/__admin/requests${filter}`)).json()) as {
        requests: JournalEntry[]
      }
    ).requests

  it('names the method and id, keeps the body, and the error code and message of a refusal', async () => {
    await host.reset()
    await call({ method: 'getLeads', params: { where: {} }, id: 'call-1' })
    await call({ method: 'getLeads', params: { where: {}, colour: 'red' }, id: 'call-2' })
    await call({ method: 'getLeads', params: { where: {} }, id: 'call-3' }, 'accountID=x&secretKey=guess')
    await call({ method: 'deleteLeads', params: { objects: [{ id: '999999999' }] }, id: 4 })
    const all = await requests()
    expect(all.map((entry) => [entry.rpc, entry.error?.code])).toEqual([
      [{ method: 'getLeads', id: 'call-1' }, undefined],
      [{ method: 'getLeads', id: 'call-2' }, '205'],
      [{ method: 'getLeads', id: 'call-3' }, '105'],
      [{ method: 'deleteLeads', id: 4 }, expect.any(String)],
    ])
    expect(all[1]?.error?.message).toBe('Invalid parameters.')
    expect(all[2]?.error?.message).toBe('User authentication failed.')
    expect(all[3]?.error?.message).toMatch(/\(1 of 1 deletes failed\)$/)
    expect(JSON.parse(all[0]?.body?.json ?? '')).toEqual({
      method: 'getLeads',
      params: { where: {} },
      id: 'call-1',
    })
    expect(all[0]?.headers?.['content-type']).toBe('application/json')
    expect(all[2]?.path).toBe('/pubapi/v1/?accountID=x&secretKey=[redacted]')
    expect(JSON.stringify(all)).not.toContain(DEFAULT_SECRET_KEY)
    expect((await requests('?rpcMethod=getLeads&code=205')).map((entry) => entry.rpc?.id)).toEqual(['call-2'])
  })

  it('records the error of an injected fault with the fault that answered', async () => {
    await host.reset()
    const armed = await fetch(`${url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'daily-limit', path: '/pubapi/v1/', times: 1 }),
    })
    expect(armed.status).toBe(201)
    expect(
      ((await (await call({ method: 'getLeads', params: {}, id: 1 })).json()) as { error: { code: number } })
        .error.code,
    ).toBe(106)
    const [entry] = await requests('?fault=true')
    expect(entry).toMatchObject({ fault: 'daily-limit', error: { code: '106' } })
  })
})
