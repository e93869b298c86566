// Application code as it ships: the vendors' real addresses built in, no setting to point it elsewhere.
import { request } from 'node:https'

const SHARPSPRING = 'https://api.sharpspring.com/pubapi/v1/'
const ONEPAGECRM = 'https://app.onepagecrm.com/api/v3'

/** SharpSpring's leads, with fetch. */
export async function sharpSpringLeads({ accountId, secretKey }) {
  const answer = await fetch(`${SHARPSPRING}?accountID=${accountId}&secretKey=${secretKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 'leads' }),
  })
  return (await answer.json()).result.lead
}

/** OnePageCRM's three-step attachment upload: s3_form, the POST to S3 the form names, POST /attachments. */
export async function attachToNote({ userId, apiKey }, { contactId, noteId, name, text }) {
  const authorization = `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`
  const form = (
    await (
      await fetch(`${ONEPAGECRM}/attachments/s3_form.json?contact_id=${contactId}`, {
        headers: { authorization },
      })
    ).json()
  ).data
  const key = form.fields['x-ignore-pattern']
    .replace('__timestamp__', String(Date.now()))
    .replace('${filename}', name)
  const body = new FormData()
  for (const [field, value] of Object.entries(form.fields))
    body.append(field, field === 'key' ? key : String(value))
  body.append('filename', name)
  body.append('file', new Blob([text], { type: 'text/plain' }), name)
  const s3 = await fetch(form.url, { method: 'POST', body })
  if (s3.status !== 201) throw new Error(`S3 refused the upload: ${s3.status} ${await s3.text()}`)
  const attached = await fetch(`${ONEPAGECRM}/attachments`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({
      reference_type: 'note',
      reference_id: noteId,
      contact_id: contactId,
      key,
      name,
      size: text.length,
    }),
  })
  return { formUrl: form.url, attachment: (await attached.json()).data.attachment }
}

/** The same contacts call with node:https, as axios or got would make it. */
export function contactCount({ userId, apiKey }) {
  return new Promise((resolve, reject) => {
    request(`${ONEPAGECRM}/contacts.json`, { auth: `${userId}:${apiKey}` }, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve(JSON.parse(text).data.total_count))
    })
      .on('error', reject)
      .end()
  })
}
