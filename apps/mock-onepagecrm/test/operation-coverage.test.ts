import { describe, expect, it } from 'vitest'
import { DOCUMENTED_OPERATIONS } from '../src/api/http/documented-operations.js'
import { setupApi } from './api-app.js'

// Every operation of the vendor's OpenAPI document answers: emulated, or a 501 in the vendor's envelope
// naming it as not emulated by crmkit — never the 404 of a path the API does not know.

const SOME_ID = '5aa0aaaaaaaaaaaaaaaaaaaa'

describe('the documented operations', () => {
  it('are each emulated or refused as not emulated', async () => {
    const api = setupApi()
    const emulated: string[] = []
    const refused: string[] = []
    const [caller] = api.deps.state.users.values()
    for (const operation of DOCUMENTED_OPERATIONS) {
      const path = operation.path.replaceAll(/\{\w+\}/g, SOME_ID)
      const body = ['POST', 'PUT', 'PATCH'].includes(operation.method) ? {} : undefined
      const answer = await api.call(operation.method, path, body)
      // `POST /change_auth_key` changes the caller's key: the next calls keep the one they send.
      if (caller !== undefined) api.deps.state.users.set(caller.id, caller)
      expect(answer.body.error_message ?? '', operation.id).not.toMatch(/^No route matches/)
      if (answer.status === 501 && Object.keys(answer.body.errors ?? {}).length === 0) {
        expect(answer.body, operation.id).toEqual({
          status: 501,
          message: 'Not implemented',
          error_name: 'not_emulated',
          error_message: `${operation.method} ${operation.path} is documented by OnePageCRM but not emulated by crmkit.`,
          errors: {},
        })
        refused.push(operation.id)
      } else emulated.push(operation.id)
    }
    console.warn(
      `OpenAPI operations: ${emulated.length} emulated, ${refused.length} refused as not emulated, ${DOCUMENTED_OPERATIONS.length} in all`,
    )
    expect(emulated.length + refused.length).toBe(DOCUMENTED_OPERATIONS.length)
  })

  it('match the most specific path: a static segment before a parameter', async () => {
    const api = setupApi()
    for (const [method, path, operation] of [
      ['DELETE', '/contacts/delete', 'DELETE /contacts/delete'],
      ['GET', '/contacts/cascade', 'GET /contacts/cascade'],
      ['GET', '/attachments/s3_form', 'GET /attachments/s3_form'],
    ] as const) {
      const answer = await api.call(method, path)
      expect(answer.body.error_message ?? '', path).not.toMatch(/^Couldn't find contact/)
      if (answer.status === 501) expect(answer.body.error_message).toContain(operation)
    }
  })

  it('refuse a documented parameter or field they do not honour, and change nothing', async () => {
    const api = setupApi()
    const before = api.deps.state.contacts.size
    const filtered = await api.call('GET', `/contacts?filter_id=${SOME_ID}`)
    expect(filtered.status).toBe(501)
    expect(filtered.body).toMatchObject({
      error_name: 'not_emulated',
      error_message: 'GET /contacts: filter_id is documented by OnePageCRM but not emulated by crmkit.',
      errors: { filter_id: 'filter_id is not emulated by crmkit' },
    })
    const linked = await api.call('POST', '/attachments', { key: 'k', link_type: 'dropbox' })
    expect(linked.status).toBe(501)
    expect(linked.body.errors).toEqual({ link_type: 'link_type is not emulated by crmkit' })
    // An empty value is what the mock stores anyway: SDKs that send every field still get through.
    const created = await api.call('POST', '/contacts', { last_name: 'Empty', address_list: [] })
    expect(created.status).toBe(201)
    expect(api.deps.state.contacts.size).toBe(before + 1)
    // A parameter the document does not list is ignored, as the vendor's Rails app does.
    expect((await api.call('GET', '/contacts?utm=1')).status).toBe(200)
  })
})
