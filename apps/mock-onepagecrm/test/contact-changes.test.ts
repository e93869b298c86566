import { beforeEach, describe, expect, it } from 'vitest'
import { createApiConfig } from '../src/api/domain/api-config.js'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, addUser, setupApi } from './api-app.js'

// The contact shortcuts and the contact photo (https://github.com/OnePageCRM/swagger).

const OTHER_USER = '5aba31e99007ba0f570c1300'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

describe('contact shortcuts', () => {
  let api: ApiApp
  const path = (suffix: string) => `/contacts/${DEMO_CONTACT_ID}/${suffix}`
  beforeEach(() => {
    api = setupApi()
    addUser(api, { id: OTHER_USER, api_key: 'other-key', first_name: 'Bob', last_name: 'Other' })
  })

  it('stars and unstars per user', async () => {
    const starred = await api.call('PUT', path('star'))
    expect(starred.status).toBe(200)
    expect(starred.body.data.contact.starred).toBe(true)
    const other = await api.call(
      'GET',
      `/contacts/${DEMO_CONTACT_ID}`,
      undefined,
      `Basic ${Buffer.from(`${OTHER_USER}:other-key`).toString('base64')}`,
    )
    expect(other.body.data.contact.starred).toBe(false)
    expect((await api.call('PUT', path('unstar'))).body.data.contact.starred).toBe(false)
    expect((await api.call('PUT', '/contacts/5aa0aaaaaaaaaaaaaaaaaaaa/star')).status).toBe(404)
  })

  it('changes status and owner, 404 for an unknown one', async () => {
    const status = await api.call('PUT', path('change_status/5e31e030849d781e837b6b9e'))
    expect(status.body.data.contact).toMatchObject({
      status: 'Customer',
      status_id: '5e31e030849d781e837b6b9e',
    })
    expect((await api.call('PUT', path('change_status/5aa0aaaaaaaaaaaaaaaaaaaa'))).status).toBe(404)
    const owner = await api.call('PUT', path(`change_owner/${OTHER_USER}`))
    expect(owner.body.data.contact.owner_id).toBe(OTHER_USER)
    const unknown = await api.call('PUT', path('change_owner/5aa0aaaaaaaaaaaaaaaaaaaa'))
    expect(unknown.status).toBe(404)
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.owner_id).toBe(OTHER_USER)
  })

  it('assigns a tag in the account’s spelling and unassigns it case-insensitively', async () => {
    await api.call('POST', '/contacts', { last_name: 'Tagged', tags: ['VIP Client'] })
    const assigned = await api.call('PUT', path('assign_tag/vip%20client'))
    expect(assigned.body.data.contact.tags).toEqual(['VIP Client'])
    const again = await api.call('PUT', path('assign_tag/VIP%20CLIENT'))
    expect(again.body.data.contact.tags).toEqual(['VIP Client'])
    const fresh = await api.call('PUT', path('assign_tag/New'))
    expect(fresh.body.data.contact.tags).toEqual(['VIP Client', 'New'])
    const removed = await api.call('PUT', path('unassign_tag/vip%20client'))
    expect(removed.body.data.contact.tags).toEqual(['New'])
    const long = await api.call('PUT', path(`assign_tag/${'x'.repeat(256)}`))
    expect(long.status).toBe(400)
  })

  it('closes, force closes and reopens the caller’s sales cycle', async () => {
    // The demo contact's ASAP action is the caller's: done, it no longer keeps the cycle open.
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}/mark_as_done`)
    const closed = await api.call('PUT', path('close_sales_cycle'), { comment: 'Not interested' })
    expect(closed.status).toBe(200)
    expect(closed.body.data.contact).toMatchObject({
      sales_closed_for: [DEFAULT_USER_ID],
      closed_sales: [{ user_id: DEFAULT_USER_ID, closed_at: 1772366400, comment: 'Not interested' }],
    })
    const forced = await api.call('PUT', path('force_close_sales_cycle'), {})
    expect(forced.body.data.contact.closed_sales).toEqual([
      { user_id: DEFAULT_USER_ID, closed_at: 1772366400, comment: '' },
    ])
    const long = await api.call('PUT', path('close_sales_cycle'), { comment: 'x'.repeat(141) })
    expect(long.status).toBe(400)
    expect(long.body.errors).toEqual({ comment: 'comment is too long (maximum is 140 characters)' })
    const reopened = await api.call('PUT', path('reopen_sales_cycle'))
    expect(reopened.body.data.contact).toMatchObject({ sales_closed_for: [], closed_sales: [] })
  })

  it('takes a PNG or JPEG photo, served through photo_url, replacing the previous one', async () => {
    const added = await api.call('POST', path('contact_photo'), { image: PNG.toString('base64') })
    expect(added.status).toBe(201)
    expect(Object.keys(added.body.data)).toEqual(['contact'])
    const first = added.body.data.contact.photo_url
    expect(first).toMatch(
      new RegExp(
        `^http://s3\\.test/onepagecrm-up-eu-central-1/${DEMO_CONTACT_ID}/\\d+/[0-9a-f]{24}-contact_photo\\.png\\?expires=`,
      ),
    )
    expect(api.objects.get(decodeURI(new URL(first).pathname.split('/').slice(2).join('/')))).toBe(PNG.length)
    // Ruby's Base64.encode64 breaks lines; a data URI is read too.
    const lines = JPEG.toString('base64').replace(/(.{8})/g, '$1\n')
    const updated = await api.call('PUT', path('contact_photo'), { image: `data:image/jpeg;base64,${lines}` })
    expect(updated.status).toBe(200)
    expect(updated.body.data.contact.photo_url).toMatch(/contact_photo\.jpg/)
    expect([...api.deps.state.attachments.values()].filter((a) => a.reference_type === 'photo')).toHaveLength(
      1,
    )
    const deleted = await api.call('DELETE', path('contact_photo'))
    expect(deleted.body.data.contact.photo_url).toBe('')
  })

  it('refuses what is not a PNG or JPEG, and a photo past the storage left, storing nothing', async () => {
    for (const image of [undefined, '', 'not base64!', Buffer.from('GIF89a').toString('base64')]) {
      const refused = await api.call('PUT', path('contact_photo'), { image })
      expect(refused.status).toBe(400)
      expect(Object.keys(refused.body.errors)).toEqual(['image'])
    }
    const tight = setupApi({ config: createApiConfig({ quotaPerUserBytes: 10 }) })
    const full = await tight.call('PUT', path('contact_photo'), { image: PNG.toString('base64') })
    expect(full.status).toBe(403)
    expect(full.body.error_name).toBe('storage_limit_reached')
    expect(tight.objects.size + api.objects.size).toBe(0)
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.photo_attachment_id).toBeUndefined()
  })
})
