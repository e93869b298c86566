import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

// PUT /contacts/{id}: full and partial updates in every form clients send them, address lists and custom
// field values (https://github.com/OnePageCRM/swagger, updateContact; OnePageCRM's Ruby and Python clients).

const SELECT_ID = '5aad9b039007ba18c9ebad13'
const SEASON_ID = '5aad9b039007ba18c9ebad14'
const EXTERNAL_ID = '5aad9b039007ba18c9ebad15'
const MULTI_ID = '5aad9b039007ba18c9ebad16'
const DIVIDER_ID = '5aad9b039007ba18c9ebad17'

function addCustomFields(api: ApiApp) {
  const fields = api.deps.state.custom_fields
  fields.set(DIVIDER_ID, { id: DIVIDER_ID, name: 'About', type: 'section_divider', position: 0, choices: [] })
  fields.set(SELECT_ID, { id: SELECT_ID, name: 'Size', type: 'select_box', position: 1, choices: ['A', 'B'] })
  fields.set(SEASON_ID, { id: SEASON_ID, name: 'Since', type: 'date', position: 2, choices: [] })
  fields.set(EXTERNAL_ID, { id: EXTERNAL_ID, name: 'Ref', type: 'external_id', position: 3, choices: [] })
  fields.set(MULTI_ID, { id: MULTI_ID, name: 'Likes', type: 'multiple_choice', position: 4, choices: ['x'] })
}

describe('PUT /contacts/{id}', () => {
  let api: ApiApp
  let id: string
  beforeEach(async () => {
    api = setupApi()
    const created = await api.call('POST', '/contacts', {
      first_name: 'Ada',
      last_name: 'Lovelace',
      job_title: 'Engineer',
      tags: ['VIP', 'math'],
      emails: [{ type: 'work', value: 'ada@example.com' }],
      status_id: '5e31e030849d781e837b6ba1',
    })
    id = created.body.data.contact.id
  })

  it('is partial with partial=1, true or True in the query, or partial 1 or true in the body', async () => {
    for (const [query, body] of [
      ['?partial=1', {}],
      ['?partial=true', {}],
      ['?partial=True', {}],
      ['', { partial: 1 }],
      ['', { partial: true }],
      ['', { partial: 'true' }],
    ] as const) {
      const answer = await api.call('PUT', `/contacts/${id}${query}`, {
        ...body,
        background: query || 'body',
      })
      expect(answer.status).toBe(200)
      expect(answer.body.data.contact).toMatchObject({
        first_name: 'Ada',
        job_title: 'Engineer',
        tags: ['VIP', 'math'],
        status: 'Prospect',
        background: query || 'body',
      })
    }
    // Rails-style, the partial flag inside the wrapped fields or beside them.
    const inside = await api.call('PUT', `/contacts/${id}`, { contact: { partial: 1, job_title: 'Boss' } })
    expect(inside.body.data.contact).toMatchObject({ first_name: 'Ada', job_title: 'Boss' })
    const beside = await api.call('PUT', `/contacts/${id}`, { partial: 1, contact: { job_title: 'Chief' } })
    expect(beside.body.data.contact).toMatchObject({ first_name: 'Ada', job_title: 'Chief' })
  })

  it('replaces the whole record without partial: left out is cleared, the status back to lead', async () => {
    const full = await api.call('PUT', `/contacts/${id}?partial=0`, { last_name: 'Byron', partial: false })
    expect(full.status).toBe(200)
    expect(full.body.data.contact).toMatchObject({
      first_name: '',
      last_name: 'Byron',
      job_title: '',
      tags: [],
      emails: [],
      status: 'Lead',
      status_id: '5e31e030849d781e837b6b9d',
    })
  })

  it('replaces lists whole in a partial update', async () => {
    const answer = await api.call('PUT', `/contacts/${id}?partial=1`, { tags: ['new'] })
    expect(answer.body.data.contact.tags).toEqual(['new'])
    expect(answer.body.data.contact.emails).toEqual([{ type: 'work', value: 'ada@example.com' }])
  })

  it('takes partial in the body for notes too', async () => {
    const answer = await api.call('PUT', `/notes/${DEMO_NOTE_ID}`, { partial: 1, date: '2026-02-01' })
    expect(answer.status).toBe(200)
    expect(answer.body.data.note).toMatchObject({ date: '2026-02-01' })
    expect(answer.body.data.note.text).toContain('ABC conference')
  })

  it('keeps up to two typed addresses, upper-casing the country, and refuses what is not a list', async () => {
    const answer = await api.call('PUT', `/contacts/${id}?partial=1`, {
      address_list: [
        { address: 'Unit 5', city: 'Galway', state: 'Galway', zip_code: 'H91', country_code: 'ie' },
        { city: 'Cork', type: 'home' },
      ],
    })
    expect(answer.body.data.contact.address_list).toEqual([
      {
        address: 'Unit 5',
        city: 'Galway',
        state: 'Galway',
        zip_code: 'H91',
        country_code: 'IE',
        type: 'work',
      },
      { address: '', city: 'Cork', state: '', zip_code: '', country_code: '', type: 'home' },
    ])
    const before = api.deps.state.contacts.get(id)
    for (const [address_list, error] of [
      [{ city: 'San Francisco' }, 'address_list is invalid or missing'],
      [[{}, {}, {}], 'address_list can hold at most 2 addresses'],
      [[{ country_code: 'IRL' }], 'address_list: country_code must be an ISO 3166 code of two letters'],
      [[{ type: 'castle' }], 'address_list: type must be one of work, home, billing, delivery, other'],
      [[{ city: 'x'.repeat(256) }], 'address_list: city must be text of at most 255 characters'],
    ] as const) {
      const refused = await api.call('PUT', `/contacts/${id}?partial=1`, { address_list, job_title: 'No' })
      expect(refused.status).toBe(400)
      expect(refused.body.errors).toEqual({ address_list: error })
    }
    expect(api.deps.state.contacts.get(id)).toBe(before)
    const cleared = await api.call('PUT', `/contacts/${id}?partial=1`, { address_list: [] })
    expect(cleared.body.data.contact.address_list).toEqual([])
  })

  it('bounds tags and typed lists', async () => {
    const many = Array.from({ length: 51 }, (_, index) => `t${index}`)
    for (const [body, errors] of [
      [{ tags: many }, { tags: 'tags can hold at most 50 items' }],
      [{ tags: [''] }, { tags: 'tags must be names of 1 to 255 characters' }],
      [
        { emails: [{ type: 'work', value: `${'a'.repeat(250)}@x.com` }] },
        { emails: 'emails: a value is too long (maximum is 255 characters)' },
      ],
    ] as const) {
      const refused = await api.call('PUT', `/contacts/${id}?partial=1`, body)
      expect(refused.status).toBe(400)
      expect(refused.body.errors).toEqual(errors)
    }
    const same = await api.call('PUT', `/contacts/${id}?partial=1`, { tags: ['VIP', 'vip', 'Math'] })
    expect(same.body.data.contact.tags).toEqual(['VIP', 'Math'])
  })

  it('stores custom field values by id (both forms) or name, validated by type, merged on partial', async () => {
    addCustomFields(api)
    const set = await api.call('PUT', `/contacts/${id}?partial=1`, {
      custom_fields: [
        { custom_field: { id: SEASON_ID }, value: '2014-02-06' },
        { id: SELECT_ID, value: 'B' },
        { custom_field: { name: 'Ref' }, value: 'ext-1' },
      ],
    })
    expect(set.status).toBe(200)
    const definition = (fieldId: string) => api.deps.state.custom_fields.get(fieldId)
    expect(set.body.data.contact.custom_fields).toEqual([
      { custom_field: definition(DIVIDER_ID), value: '' },
      { custom_field: definition(SELECT_ID), value: 'B' },
      { custom_field: definition(SEASON_ID), value: '2014-02-06' },
      { custom_field: definition(EXTERNAL_ID), value: 'ext-1' },
    ])
    // A partial update changes the values sent and keeps the others (the Ruby client's custom_fields_spec).
    const merged = await api.call('PUT', `/contacts/${id}`, {
      partial: 1,
      custom_fields: [{ id: SELECT_ID, value: 'A' }],
    })
    expect(merged.body.data.contact.custom_fields.map((item: { value: string }) => item.value)).toEqual([
      '',
      'A',
      '2014-02-06',
      'ext-1',
    ])
    // A full update keeps only what it sends.
    const full = await api.call('PUT', `/contacts/${id}`, {
      last_name: 'Lovelace',
      custom_fields: [{ id: SEASON_ID, value: '2015-01-01' }],
    })
    expect(full.body.data.contact.custom_fields).toEqual([
      { custom_field: definition(DIVIDER_ID), value: '' },
      { custom_field: definition(SEASON_ID), value: '2015-01-01' },
    ])
    const cleared = await api.call('PUT', `/contacts/${id}?partial=1`, {
      custom_fields: [{ id: SEASON_ID, value: '' }],
    })
    expect(cleared.body.data.contact.custom_fields).toEqual([])
  })

  it('refuses a custom field value that does not suit its field, changing nothing', async () => {
    addCustomFields(api)
    await api.call('POST', '/contacts', {
      last_name: 'Other',
      custom_fields: [{ id: EXTERNAL_ID, value: 'taken' }],
    })
    const before = api.deps.state.contacts.get(id)
    for (const [custom_fields, error] of [
      [[{ id: SELECT_ID, value: 'C' }], 'custom_fields[0]: Size must be one of A, B'],
      [[{ id: SEASON_ID, value: '6 Feb' }], 'custom_fields[0]: Since must be a date (YYYY-MM-DD)'],
      [[{ id: DIVIDER_ID, value: 'x' }], 'custom_fields[0]: About is a section divider and holds no value'],
      [
        [{ id: '5aad9b039007ba18c9ebad99', value: 'x' }],
        'custom_fields[0] names no custom field of the account',
      ],
      [[{ value: 'x' }], 'custom_fields[0] names no custom field of the account'],
      [[{ id: EXTERNAL_ID, value: 'taken' }], 'Ref must be unique: taken is taken'],
      [{ id: SELECT_ID }, 'custom_fields must be a list of {custom_field: {id}, value}'],
    ] as const) {
      const refused = await api.call('PUT', `/contacts/${id}?partial=1`, { custom_fields, job_title: 'No' })
      expect(refused.status).toBe(400)
      expect(refused.body.errors).toEqual({ custom_fields: error })
    }
    const multiple = await api.call('PUT', `/contacts/${id}?partial=1`, {
      custom_fields: [{ id: MULTI_ID, value: ['x'] }],
    })
    expect(multiple.status).toBe(501)
    expect(multiple.body.errors).toEqual({
      custom_fields: 'values of multiple_choice fields (Likes) are not emulated by crmkit',
    })
    expect(api.deps.state.contacts.get(id)).toBe(before)
  })

  it('lists contacts by a custom field value', async () => {
    addCustomFields(api)
    await api.call('POST', '/contacts', {
      last_name: 'Right',
      custom_fields: [{ id: SELECT_ID, value: 'B' }],
    })
    await api.call('POST', '/contacts', {
      last_name: 'Wrong',
      custom_fields: [{ id: SELECT_ID, value: 'A' }],
    })
    const listed = await api.call('GET', `/contacts?custom_field_id=${SELECT_ID}&custom_field_value=B`)
    expect(
      listed.body.data.contacts.map((entry: { contact: { last_name: string } }) => entry.contact.last_name),
    ).toEqual(['Right'])
    const alone = await api.call('GET', `/contacts?custom_field_id=${SELECT_ID}`)
    expect(alone.status).toBe(400)
    expect(alone.body.errors).toEqual({
      custom_field_id: 'custom_field_id and custom_field_value go together',
    })
  })
})
