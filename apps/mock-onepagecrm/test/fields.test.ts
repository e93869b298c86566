import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

describe('custom, company and deal fields', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('are created, read, listed by position, updated and deleted, each kind on its own', async () => {
    const season = await api.call('POST', '/custom_fields', {
      name: 'Favorite season',
      type: 'select_box',
      choices: ['Spring', 'Summer'],
    })
    expect(season.status).toBe(201)
    const field = season.body.data.custom_field
    expect(field).toEqual({
      id: field.id,
      name: 'Favorite season',
      type: 'select_box',
      position: 0,
      choices: ['Spring', 'Summer'],
      reminder_days: null,
    })
    api.clock.advance(1000)
    const birthday = (
      await api.call('POST', '/custom_fields', { name: 'Birthday', type: 'anniversary', position: 0 })
    ).body.data.custom_field
    expect(birthday).toMatchObject({ position: 0, choices: [] })

    const listed = await api.call('GET', '/custom_fields')
    expect(listed.body.data).toMatchObject({ total_count: 2, page: 1, per_page: 10, max_page: 1 })
    expect(
      listed.body.data.custom_fields.map(
        (entry: { custom_field: { name: string } }) => entry.custom_field.name,
      ),
    ).toEqual(['Favorite season', 'Birthday'])
    const newest = await api.call('GET', '/custom_fields?sort_by=created_at&order=desc&per_page=1')
    expect(newest.body.data).toMatchObject({ total_count: 2, per_page: 1, max_page: 2 })
    expect(newest.body.data.custom_fields[0].custom_field.name).toBe('Birthday')

    // Each kind keeps its own; anniversaries are contacts' only.
    expect((await api.call('GET', '/deal_fields')).body.data.deal_fields).toEqual([])
    const anniversary = await api.call('POST', '/company_fields', { name: 'Founded', type: 'anniversary' })
    expect(anniversary.body.errors).toEqual({ type: 'type is invalid or missing' })
    const company = await api.call('POST', '/company_fields', { name: 'Size', type: 'number' })
    expect(company.body.data.company_field).toEqual({
      id: company.body.data.company_field.id,
      name: 'Size',
      type: 'number',
      position: 0,
      choices: [],
    })

    const renamed = await api.call('PUT', `/custom_fields/${field.id}?partial=true`, { name: 'Season' })
    expect(renamed.body.data.custom_field).toMatchObject({ name: 'Season', choices: ['Spring', 'Summer'] })
    expect((await api.call('GET', `/custom_fields/${field.id}`)).body.data.custom_field.name).toBe('Season')
    expect((await api.call('DELETE', `/custom_fields/${field.id}`)).status).toBe(200)
    expect((await api.call('GET', `/custom_fields/${field.id}`)).status).toBe(404)
    expect((await api.call('GET', `/company_fields/${company.body.data.company_field.id}`)).status).toBe(200)
  })

  it('refuse what their schema does not allow, changing nothing', async () => {
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ type: 'number' }, { name: 'name is invalid or missing' }],
      [{ name: 'n'.repeat(61), type: 'number' }, { name: 'name is too long (maximum is 60 characters)' }],
      [{ name: 'Kind', type: 'colour' }, { type: 'type is invalid or missing' }],
      [{ name: 'Kind', type: 'select_box' }, { choices: 'a select_box field needs choices' }],
      [
        { name: 'Kind', type: 'number', choices: ['a'] },
        { choices: 'choices belong to select_box and multiple_choice fields only' },
      ],
      [
        { name: 'Kind', type: 'select_box', choices: Array.from({ length: 61 }, (_, i) => `c${i}`) },
        { choices: 'choices are too many (maximum is 60)' },
      ],
      [{ name: 'Kind', type: 'select_box', choices: ['a', 'a'] }, { choices: 'choices must differ' }],
      [{ name: 'Kind', type: 'number', position: -1 }, { position: 'position is invalid or missing' }],
    ]
    for (const [body, errors] of cases) {
      const answer = await api.call('POST', '/deal_fields', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors).toEqual(errors)
    }
    const units = (await api.call('POST', '/deal_fields', { name: 'Units', type: 'number' })).body.data
      .deal_field
    const retype = await api.call('PUT', `/deal_fields/${units.id}`, {
      name: 'Units',
      type: 'single_line_text',
    })
    expect(retype.body.errors).toEqual({ type: 'type cannot be changed (it is number)' })
    expect((await api.call('GET', '/deal_fields?sort_by=name')).status).toBe(400)
    expect([...api.deps.state.deal_fields.values()]).toEqual(
      [units].map((field) => expect.objectContaining(field)),
    )
    expect(api.deps.state.custom_fields.size + api.deps.state.company_fields.size).toBe(0)
  })

  it('carry contacts’ and companies’ values along with new choices, and take them away when deleted', async () => {
    const season = (
      await api.call('POST', '/custom_fields', {
        name: 'Season',
        type: 'select_box',
        choices: ['Spring', 'Summer'],
      })
    ).body.data.custom_field.id
    const size = (
      await api.call('POST', '/company_fields', { name: 'Size', type: 'select_box', choices: ['S', 'L'] })
    ).body.data.company_field.id
    const updated = await api.call('PUT', `/contacts/${DEMO_CONTACT_ID}?partial=true`, {
      custom_fields: [{ custom_field: { id: season }, value: 'Summer' }],
    })
    expect(updated.status).toBe(200)
    const companyId = api.deps.state.contacts.get(DEMO_CONTACT_ID)?.company_id as string
    const company = await api.call('PUT', `/companies/${companyId}?partial=true`, {
      company_fields: [{ company_field: { id: size }, value: 'L' }],
    })
    expect(company.status).toBe(200)

    await api.call('PUT', `/custom_fields/${season}?partial=true`, { choices: ['Printemps', 'Été'] })
    await api.call('PUT', `/company_fields/${size}?partial=true`, { choices: ['Small', 'Large'] })
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.custom_fields).toEqual([
      { id: season, value: 'Été' },
    ])
    expect(api.deps.state.companies.get(companyId)?.company_fields).toEqual([{ id: size, value: 'Large' }])

    await api.call('DELETE', `/custom_fields/${season}`)
    await api.call('DELETE', `/company_fields/${size}`)
    expect(api.deps.state.contacts.get(DEMO_CONTACT_ID)?.custom_fields).toEqual([])
    expect(api.deps.state.companies.get(companyId)?.company_fields).toEqual([])
  })
})
