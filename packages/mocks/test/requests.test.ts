import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningService, type SharpSpringInfo, startSharpSpring } from '../src/index.js'

// The journal read from a test: what the code under test sent, and why it was refused.

let ss: RunningService<SharpSpringInfo>
beforeAll(async () => {
  ss = await startSharpSpring()
})
afterAll(() => ss.close())

const call = (body: unknown, secretKey = ss.credentials.secretKey) =>
  fetch(`${ss.api}/v1/?accountID=${ss.credentials.accountId}&secretKey=${secretKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('mocks.requests()', () => {
  it('filters the journal as GET /__admin/requests does, and refuses a filter it cannot read', async () => {
    await ss.reset()
    await call({ method: 'getLeads', params: { where: {} }, id: 1 })
    await call({ method: 'getLeads', params: { where: {} }, id: 2 }, 'wrong')
    const since = ss.clock.now()
    expect(ss.requests().map((entry) => entry.rpc)).toEqual([
      { method: 'getLeads', id: 1 },
      { method: 'getLeads', id: 2 },
    ])
    const [refused] = ss.requests({ refused: false, code: '105' })
    expect(refused?.error).toEqual({ code: '105', message: 'User authentication failed.' })
    expect(refused?.path).not.toContain('wrong')
    expect(ss.requests({ rpcMethod: 'getLeads', limit: 1 }).map((entry) => entry.rpc?.id)).toEqual([2])
    expect(ss.requests({ since: new Date(since.getTime() + 60_000) })).toEqual([])
    expect(() => ss.requests({ status: 'teapot' })).toThrow(RangeError)
    expect(() => ss.requests({ colour: 'red' } as never)).toThrow(/No journal filter "colour"/)
  })
})
