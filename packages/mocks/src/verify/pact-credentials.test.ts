import { describe, expect, it } from 'vitest'
import { pactCredentials } from './pact-credentials.js'
import { readPact } from './pact-source.js'

const pact = (interactions: unknown[]) =>
  readPact('p.json', '/p.json', { consumer: { name: 'c' }, provider: { name: 'p' }, interactions })

describe('pactCredentials', () => {
  it("reads SharpSpring's query credentials, as spec 2 (a string) and spec 3/4 (arrays) write them", () => {
    expect(pactCredentials(pact([{ request: { path: '/', query: 'accountID=a1&secretKey=s1' } }]))).toEqual({
      sharpspring: { accountId: 'a1', secretKey: 's1' },
    })
    expect(
      pactCredentials(pact([{ request: { path: '/', query: { accountID: ['a2'], secretKey: ['s2'] } } }])),
    ).toEqual({ sharpspring: { accountId: 'a2', secretKey: 's2' } })
  })

  it("reads OnePageCRM's HTTP Basic user and API key, whatever the header's case", () => {
    const basic = `Basic ${Buffer.from('5aba31e99007ba0f570c12f7:key:with=colon').toString('base64')}`
    expect(pactCredentials(pact([{ request: { path: '/', headers: { authorization: [basic] } } }]))).toEqual({
      onepagecrm: { userId: '5aba31e99007ba0f570c12f7', apiKey: 'key:with=colon' },
    })
    expect(pactCredentials(pact([{ request: { path: '/' } }]))).toEqual({})
  })
})

describe('readPact', () => {
  it('reads V2 providerState and V3 providerStates, and refuses what is not a pact', () => {
    const read = pact([
      { description: 'a', providerState: 'a lead 1 exists', request: { method: 'get', path: '/x' } },
      { description: 'b', providerStates: [{ name: 's', params: { id: 1 } }], request: { path: '/y' } },
    ])
    expect(read.interactions).toEqual([
      { description: 'a', states: [{ name: 'a lead 1 exists', params: {} }], method: 'GET', path: '/x' },
      { description: 'b', states: [{ name: 's', params: { id: 1 } }], method: 'GET', path: '/y' },
    ])
    expect(() => readPact('x.json', '/x.json', { interactions: [] })).toThrow(
      /names its consumer and provider/,
    )
  })
})
