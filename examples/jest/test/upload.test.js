const { mocks } = require('@crmkit/mocks/jest')

const { sharpspring, onepagecrm, s3 } = mocks()

// Plain fetch and FormData, as an integration without crmkit's client would send them.
test('SharpSpring /uploadFiles stores a file in a lead’s File Upload field', async () => {
  const { api, credentials, demo } = sharpspring
  const body = new FormData()
  body.append('id', '1')
  body.append('objectType', 'lead')
  body.append('fieldSystemName', demo.fileFields.lead)
  body.append('files[0]', new Blob(['%PDF-1.4 demo']), 'report.pdf')
  body.append('report.pdf', String(demo.leadId))
  const query = `accountID=${credentials.accountId}&secretKey=${credentials.secretKey}`
  const answer = await (await fetch(`${api}/v1/uploadFiles?${query}`, { method: 'POST', body })).json()
  expect(answer.error).toEqual([])
  expect(answer.result.uploads[0]).toMatchObject({ success: true, id: demo.leadId, fileName: 'report.pdf' })
})

test('OnePageCRM: s3_form, the POST to S3, then POST /attachments', async () => {
  const { api, credentials, demo } = onepagecrm
  const auth = `Basic ${Buffer.from(`${credentials.userId}:${credentials.apiKey}`).toString('base64')}`
  const form = await (
    await fetch(`${api}/attachments/s3_form.json?contact_id=${demo.contactId}`, {
      headers: { Authorization: auth },
    })
  ).json()
  expect(form.data.url).toBe(`${s3.url}/${s3.bucket}/`)
  const key = `${demo.contactId}/${Date.now()}/notes.txt`
  const upload = new FormData()
  for (const [name, value] of Object.entries(form.data.fields))
    upload.append(name, name === 'key' ? key : value)
  upload.append('filename', 'notes.txt')
  upload.append('file', new Blob(['meeting notes']), 'notes.txt')
  expect((await fetch(form.data.url, { method: 'POST', body: upload })).status).toBe(201)
  const attached = await fetch(`${api}/attachments`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      reference_type: 'note',
      reference_id: demo.noteId,
      contact_id: demo.contactId,
      key,
      name: 'notes.txt',
      size: 13,
    }),
  })
  expect(attached.status).toBe(201)
})
