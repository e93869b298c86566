import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_API_KEY, DEFAULT_USER_ID } from '../src/api/domain/seed.js'
import { type ApiApp, AUTH, addUser, setupApi } from './api-app.js'

const MATE_ID = '5aba31e99007ba0f570c1300'
const basic = (id: string, key: string) => `Basic ${Buffer.from(`${id}:${key}`).toString('base64')}`

describe('users', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
    addUser(api, {
      id: MATE_ID,
      api_key: 'mate-key',
      first_name: 'Sam',
      last_name: 'Roe',
      email: 'sam@example.com',
      company_name: 'Big Company Inc.',
    })
  })

  it('lists the whole team unpaged, the caller’s own BCC address only', async () => {
    const listed = await api.call('GET', '/users')
    expect(listed.status).toBe(200)
    expect(listed.body.data).toEqual([
      {
        user: {
          id: DEFAULT_USER_ID,
          first_name: 'Jane',
          last_name: 'Doe',
          email: 'jane.doe@example.com',
          company_name: 'Big Company Inc.',
          photo_url: '',
          account_rights: ['admin'],
          bcc_email: `${DEFAULT_USER_ID}@users.onepagecrm.com`,
        },
      },
      {
        user: {
          id: MATE_ID,
          first_name: 'Sam',
          last_name: 'Roe',
          email: 'sam@example.com',
          company_name: 'Big Company Inc.',
          photo_url: '',
          account_rights: ['admin'],
        },
      },
    ])
    expect((await api.call('GET', `/users/${MATE_ID}`)).body.data.user).not.toHaveProperty('bcc_email')
    expect((await api.call('GET', `/users/${DEFAULT_USER_ID}`)).body.data.user.bcc_email).toContain('@users.')
    expect((await api.call('GET', '/users/5aa0aaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
  })

  it('updates names (partial keeps the rest) and regenerates the caller’s BCC address', async () => {
    const partial = await api.call('PUT', `/users/${DEFAULT_USER_ID}?partial=true`, { first_name: 'Janet' })
    expect(partial.body.data.user).toMatchObject({ first_name: 'Janet', last_name: 'Doe' })
    const bcc = await api.call('PUT', `/users/${DEFAULT_USER_ID}?partial=true`, { bcc_email: 'true' })
    const address = bcc.body.data.user.bcc_email
    expect(address).toMatch(/^[0-9a-f]{24}@users\.onepagecrm\.com$/)
    expect(address).not.toBe(`${DEFAULT_USER_ID}@users.onepagecrm.com`)
    expect((await api.call('GET', '/users')).body.data[0].user.bcc_email).toBe(address)
    // An admin updates a teammate; a full update clears what it leaves out.
    const mate = await api.call('PUT', `/users/${MATE_ID}`, { first_name: 'Samuel' })
    expect(mate.body.data.user).toMatchObject({ first_name: 'Samuel', last_name: '', company_name: '' })
  })

  it('refuses another user’s BCC address and names too long, changing nothing', async () => {
    const before = api.deps.state.users.get(MATE_ID)
    const other = await api.call('PUT', `/users/${MATE_ID}?partial=true`, {
      bcc_email: true,
      first_name: 'X',
    })
    expect(other.status).toBe(403)
    expect(other.body).toEqual({
      status: 403,
      message: 'Forbidden',
      error_name: 'forbidden',
      error_message: 'You can only update bcc_email for yourself.',
      errors: {},
    })
    const long = await api.call('PUT', `/users/${MATE_ID}`, {
      first_name: 'x'.repeat(26),
      bcc_email: 'maybe',
    })
    expect(long.body.errors).toEqual({
      first_name: 'first_name is too long (maximum is 25 characters)',
      bcc_email: 'bcc_email is invalid or missing',
    })
    expect(api.deps.state.users.get(MATE_ID)).toEqual(before)
  })

  it('change_auth_key answers 201 with a new base64 key; the old one stops working', async () => {
    const changed = await api.call('POST', '/change_auth_key')
    expect(changed.status).toBe(201)
    expect(changed.body.message).toBe('Created')
    const key = changed.body.data.auth_key
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(key).not.toBe(DEFAULT_API_KEY)
    expect(api.saves()).toBe(1)
    expect((await api.call('GET', '/bootstrap', undefined, AUTH)).status).toBe(401)
    const fresh = await api.call('GET', '/bootstrap', undefined, basic(DEFAULT_USER_ID, key))
    expect(fresh.body.data.auth_key).toBe(key)
  })
})
