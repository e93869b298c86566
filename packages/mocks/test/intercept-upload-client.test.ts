import { createOnePageCrmClient, createSharpSpringClient } from '@crmkit/upload-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InterceptedVendors, interceptVendors } from '../src/index.js'
import { BUCKET_URL } from './intercept-helpers.js'

// crmkit's own upload client, configured with the vendors' real base URLs (its defaults), reaches the
// mocks in process through undici's global dispatcher.

let mocks: InterceptedVendors
beforeAll(async () => {
  mocks = await interceptVendors()
})
afterAll(() => mocks.restore())

describe('@crmkit/upload-client against the intercepted vendors', () => {
  it("OnePageCRM's three steps, at https://app.onepagecrm.com/api/v3 and the real bucket URL", async () => {
    const opc = mocks.onepagecrm
    if (opc === undefined) throw new Error('not running')
    const client = createOnePageCrmClient({
      userId: opc.credentials.userId,
      apiKey: opc.credentials.apiKey,
      baseUrl: 'https://app.onepagecrm.com/api/v3',
      retry: false,
    })
    const { attachment, upload } = await client.uploadAttachment({
      contactId: opc.demo.contactId,
      file: { source: Buffer.from('from the upload client'), name: 'client.txt' },
      attachTo: { type: 'note', id: opc.demo.noteId },
    })
    expect(upload.bucket).toBe('onepagecrm-up-eu-central-1')
    expect(upload.location.startsWith(BUCKET_URL)).toBe(true)
    expect(attachment.url.startsWith(BUCKET_URL)).toBe(true)
    expect(await (await fetch(attachment.url)).text()).toBe('from the upload client')
  })

  it('SharpSpring uploadFiles and a JSON-RPC call at https://api.sharpspring.com/pubapi', async () => {
    const ss = mocks.sharpspring
    if (ss === undefined) throw new Error('not running')
    const client = createSharpSpringClient({
      accountId: ss.credentials.accountId,
      secretKey: ss.credentials.secretKey,
      retry: false,
    })
    const [result] = await client.uploadFiles({
      objectType: 'lead',
      fieldSystemName: ss.demo.fileFields.lead,
      files: [{ objectId: ss.demo.leadId, file: { source: Buffer.from('lead file'), name: 'lead.txt' } }],
    })
    expect(result).toMatchObject({ success: true, fileName: 'lead.txt' })
    const leads = (await client.call('getLeads', { where: {} })) as { lead: unknown[] }
    expect(leads.lead.length).toBeGreaterThan(0)
    expect(mocks.requests({ service: 'sharpspring' }).map((entry) => entry.headers?.host)).toEqual([
      'api.sharpspring.com',
      'api.sharpspring.com',
    ])
  })
})
