import { test } from '@crmkit/mocks/vitest'
import { expect } from 'vitest'

// `test` from @crmkit/mocks/vitest gives this file mocks of its own, started once for the file.
test('a file with mocks of its own starts from the demo data and can reset them', async ({ mocks }) => {
  const { api, credentials, demo } = mocks.sharpspring
  const call = async (method, params) => {
    const response = await fetch(
      `${api}/v1/?accountID=${credentials.accountId}&secretKey=${credentials.secretKey}`,
      { method: 'POST', body: JSON.stringify({ method, params, id: method }) },
    )
    return response.json()
  }
  await call('updateLeads', { objects: [{ id: demo.leadId, firstName: 'Changed' }] })
  expect((await call('getLead', { id: demo.leadId })).result.lead[0].firstName).toBe('Changed')
  await mocks.reset()
  expect((await call('getLead', { id: demo.leadId })).result.lead[0].firstName).toBe('Ada')
})
