import { startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { expect, it } from 'vitest'
import { createOnePageCrmClient, createSharpSpringClient } from '../src/index.js'

it('smoke', async () => {
  const ss = await startSharpSpringMock()
  const client = createSharpSpringClient({ ...ss.info.auth, baseUrl: ss.info.api })
  const out = await client.uploadFiles({
    objectType: 'lead',
    fieldSystemName: ss.demo.fileFields.lead,
    files: [{ objectId: ss.demo.leadId, file: { source: Buffer.from('hello'), name: 'a.txt' } }],
  })
  console.log(out)
  console.log(await client.call('getLeads', { where: {} }))
  await ss.close()
  const op = await startOnePageCrmMock()
  const c2 = createOnePageCrmClient({ ...op.info.auth, baseUrl: op.info.api })
  const r = await c2.uploadAttachment({
    contactId: '5ae06ef9d55673108fe8877f',
    file: { source: Buffer.from('hello'), name: 'a.txt' },
    attachTo: { type: 'note', id: '5afc1b69d556730b580596cb' },
  })
  console.log(r)
  expect(r.attachment.size).toBe(5)
  await op.close()
})
