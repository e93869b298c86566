import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMocks, startMocks } from '../start-mocks.js'
import { createStateRegistry } from './state-registry.js'
import { createStatesEndpoint } from './states-endpoint.js'
import { BUILT_IN_STATES } from './vocabulary.js'

let mocks: RunningMocks
beforeAll(async () => {
  mocks = await startMocks({ services: ['sharpspring'] })
})
afterAll(() => mocks.close())

const registry = () =>
  createStateRegistry(BUILT_IN_STATES, 1, [
    {
      path: 'broken.mjs',
      module: {
        states: {
          'a broken state': () => {
            throw new Error('it broke')
          },
        },
      },
    },
  ])

/** getLead of the lead, as the verifier's request would make it. */
async function leads(id: number): Promise<number> {
  const { url, credentials } = mocks.sharpspring as { url: string; credentials: Record<string, string> }
  const response = await fetch(
    `${url}/pubapi/v1.2/?accountID=${credentials.accountId}&secretKey=${credentials.secretKey}`,
    { method: 'POST', body: JSON.stringify({ method: 'getLead', params: { id }, id: '1' }) },
  )
  return ((await response.json()) as { result: { lead: unknown[] } }).result.lead.length
}

describe('the state endpoint of a verify run', () => {
  it('closes an interaction the verifier gave up after a failed setup: captured once, the mocks reset', async () => {
    const endpoint = createStatesEndpoint({
      registry: registry(),
      mocks,
      provider: 'sharpspring',
      consumer: 'c',
    })
    const setup = (state: string, params = {}) => endpoint.handle({ state, params, action: 'setup' })
    // The first interaction: a lead, then a state that fails, retried by the verifier, then given up.
    expect((await setup('a lead {id} exists', { id: 411000055 })).status).toBe(200)
    expect((await setup('a broken state')).status).toBe(500)
    expect((await setup('a broken state')).status).toBe(500)
    // The next interaction, without states: its setup closes the first, whose lead must not leak into it.
    expect((await setup('')).status).toBe(200)
    expect(await leads(411000055)).toBe(0)
    await endpoint.handle({ state: '', params: {}, action: 'teardown' })
    expect(endpoint.captured.map((group) => [group.given, group.entries.length])).toEqual([
      [
        [
          { name: 'a lead {id} exists', params: { id: 411000055 } },
          { name: 'a broken state', params: {} },
        ],
        0,
      ],
      [[], 1],
    ])
    expect(endpoint.failures).toHaveLength(2)
  })
})
