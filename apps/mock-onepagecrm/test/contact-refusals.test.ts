import { describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { setupApi, stateSnapshot } from './api-app.js'

// Every new contact and company operation refused, once each: the answer is an error and nothing changed —
// no record, no object in the bucket, nothing saved.

const UNKNOWN = '5aa0aaaaaaaaaaaaaaaaaaaa'
const snapshot = stateSnapshot

describe('refused contact and company operations', () => {
  it('change nothing', async () => {
    const api = setupApi()
    const company = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
    const contact = (suffix: string) => `/contacts/${DEMO_CONTACT_ID}${suffix}`
    const refusals: Array<[string, string, unknown, number]> = [
      ['POST', '/contacts', { first_name: 'X', tags: 'not a list' }, 400],
      ['POST', '/contacts', { last_name: 'X', status_id: UNKNOWN }, 400],
      ['POST', '/contacts', { last_name: 'X', owner_id: UNKNOWN }, 400],
      ['PUT', contact('?partial=1'), { company_id: UNKNOWN }, 404],
      ['PUT', contact(''), { first_name: 'No last name' }, 400],
      ['PUT', contact('?partial=1'), { custom_fields: [{ id: UNKNOWN, value: 'x' }] }, 400],
      ['GET', '/contacts?sort_by=age', undefined, 400],
      ['GET', contact('?fields=first_name'), undefined, 501],
      ['DELETE', `/contacts/${UNKNOWN}`, undefined, 404],
      ['DELETE', contact('?undo=1'), undefined, 404],
      ['DELETE', `/contacts/delete?ids=${DEMO_CONTACT_ID},${UNKNOWN}`, undefined, 404],
      ['GET', `/contacts/cascade/${UNKNOWN}`, undefined, 404],
      ['PUT', `/contacts/${UNKNOWN}/star`, undefined, 404],
      ['PUT', contact(`/change_status/${UNKNOWN}`), undefined, 404],
      ['PUT', contact(`/change_owner/${UNKNOWN}`), undefined, 404],
      ['PUT', contact(`/assign_tag/${'t'.repeat(256)}`), undefined, 400],
      ['PUT', `/contacts/${UNKNOWN}/unassign_tag/x`, undefined, 404],
      ['PUT', contact('/close_sales_cycle'), { comment: 'c'.repeat(141) }, 400],
      ['PUT', `/contacts/${UNKNOWN}/reopen_sales_cycle`, undefined, 404],
      ['PUT', contact('/split'), { company_name: "Morgan's Forensic Lab" }, 400],
      ['PUT', contact('/contact_photo'), { image: 'R0lGODlhAQABAAAAACw=' }, 400],
      ['POST', `/contacts/${UNKNOWN}/contact_photo`, { image: 'iVBORw0KGgo=' }, 404],
      ['DELETE', `/contacts/${UNKNOWN}/contact_photo`, undefined, 404],
      ['GET', '/companies?letter=ab', undefined, 400],
      ['GET', `/companies/${UNKNOWN}`, undefined, 404],
      ['PUT', `/companies/${company}`, { name: '' }, 400],
      ['PUT', `/companies/${company}?partial=1`, { address: 'Galway' }, 400],
      ['POST', `/companies/${company}/synced_status`, { status_id: UNKNOWN }, 400],
      ['DELETE', `/companies/${UNKNOWN}/synced_status`, undefined, 404],
      ['PATCH', `/companies/${company}/logo`, { image: 'PHN2Zy8+' }, 415],
      ['DELETE', `/companies/${UNKNOWN}/logo`, undefined, 404],
      ['POST', `/companies/${company}/linked_contacts`, { contact_id: DEMO_CONTACT_ID }, 400],
      ['POST', `/companies/${company}/linked_contacts`, { contact_id: UNKNOWN }, 404],
      ['DELETE', `/companies/${company}/linked_contacts/${DEFAULT_USER_ID}`, undefined, 404],
      ['GET', `/companies/${company}/linked_contacts?sort_by=age`, undefined, 400],
      ['GET', `/companies/${UNKNOWN}/notes`, undefined, 404],
      ['GET', `/companies/${company}/deals?status=won`, undefined, 501],
      ['GET', `/companies/${UNKNOWN}/pinned_attachments`, undefined, 404],
    ]
    const before = snapshot(api.deps.state)
    const saves = api.saves()
    for (const [method, path, body, status] of refusals) {
      const answer = await api.call(method, path, body)
      expect(answer.status, `${method} ${path}`).toBe(status)
      expect(snapshot(api.deps.state), `${method} ${path}`).toBe(before)
    }
    expect(api.saves()).toBe(saves)
    expect(api.objects.size).toBe(0)
  })
})
