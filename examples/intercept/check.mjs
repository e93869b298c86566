// The application code in crm.mjs, unchanged, against crmkit's mocks: interceptVendors() answers the
// vendors' real addresses in this process, without a port.
import assert from 'node:assert/strict'
import { interceptVendors } from '@crmkit/mocks'
import { attachToNote, contactCount, sharpSpringLeads } from './crm.mjs'

const mocks = await interceptVendors()
try {
  const leads = await sharpSpringLeads(mocks.sharpspring.credentials)
  assert.ok(leads.some((lead) => Number(lead.id) === mocks.sharpspring.demo.leadId))

  const { contactId, noteId } = mocks.onepagecrm.demo
  const { formUrl, attachment } = await attachToNote(mocks.onepagecrm.credentials, {
    contactId,
    noteId,
    name: 'minutes.txt',
    text: 'minutes of the meeting',
  })
  assert.equal(formUrl, 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/')
  assert.equal(await (await fetch(attachment.url)).text(), 'minutes of the meeting')

  assert.ok((await contactCount(mocks.onepagecrm.credentials)) > 0)

  // What the code sent, as the mocks saw it.
  assert.deepEqual(
    mocks.requests().map((entry) => entry.service),
    ['sharpspring', 'onepagecrm', 's3', 'onepagecrm', 's3', 'onepagecrm'],
  )
  // Any other host is refused, naming it.
  await assert.rejects(fetch('https://example.com/'), (error) => error.cause?.code === 'ECRMKIT_UNMATCHED')
} finally {
  await mocks.restore()
}
console.log('intercept: 1 passed, 0 failed')
