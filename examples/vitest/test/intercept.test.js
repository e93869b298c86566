// interceptVendors() in a test file: code with SharpSpring's real URL built in reaches the mock, and any
// other host is refused. `npm test` also runs this file in vitest's vmThreads pool, whose test files get the
// worker's own fetch.
import { interceptVendors } from '@crmkit/mocks'
import { afterAll, beforeAll, expect, test } from 'vitest'

let mocks
beforeAll(async () => {
  mocks = await interceptVendors()
})
afterAll(() => mocks.restore())

test("fetch to SharpSpring's real URL reaches the mock", async () => {
  const { accountId, secretKey } = mocks.sharpspring.credentials
  const query = new URLSearchParams({ accountID: accountId, secretKey })
  const response = await fetch(`https://api.sharpspring.com/pubapi/v1.2/?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'getLead', params: { id: mocks.sharpspring.demo.leadId }, id: 'a' }),
  })
  const answer = await response.json()
  expect(answer.result.lead[0].id).toBe(String(mocks.sharpspring.demo.leadId))
  expect(mocks.requests({ service: 'sharpspring' }).at(-1).rpc.method).toBe('getLead')
})

test('another host is refused, never reached', async () => {
  const error = await fetch('https://example.com/').catch((caught) => caught)
  expect(error.cause.code).toBe('ECRMKIT_UNMATCHED')
})
