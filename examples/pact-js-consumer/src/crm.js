// A small CRM integration as a shop might write it: the lead behind an order (SharpSpring's JSON-RPC
// API) and the contact behind an account (the OnePageCRM API v3), over fetch.

/** SharpSpring's getLead: the lead, undefined when none has that id, an Error for the API's errors. */
export async function getLead({ baseUrl, accountId, secretKey }, id) {
  const query = new URLSearchParams({ accountID: accountId, secretKey })
  const response = await fetch(`${baseUrl}/pubapi/v1.2/?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: 'getLead', params: { id }, id: `lead-${id}` }),
  })
  const answer = await response.json()
  if (answer.error !== null && !Array.isArray(answer.error))
    throw new Error(`SharpSpring error ${answer.error.code}: ${answer.error.message}`)
  return answer.result.lead[0]
}

/** OnePageCRM's GET /contacts/{id}.json with HTTP Basic (user id, API key); its 403 when it throttles, any other error status. */
export async function getContact({ baseUrl, userId, apiKey }, id) {
  const response = await fetch(`${baseUrl}/api/v3/contacts/${id}.json`, {
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`,
    },
  })
  if (response.status === 403) throw new Error(`OnePageCRM refused: ${await response.text()}`)
  if (!response.ok) throw new Error(`OnePageCRM answered ${response.status}`)
  const answer = await response.json()
  return answer.data.contact
}
