import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID, DEMO_CONTACT_ID } from '../src/api/domain/seed.js'
import { type ApiApp, setupApi } from './api-app.js'

describe('relationship types', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  it('are symmetrical with one variant, directional with two; renamed, never reshaped', async () => {
    const created = await api.call('POST', '/relationship_types', { variants: [{ name: 'Partner' }] })
    expect(created.status).toBe(201)
    const partner = created.body.data.relationship_types[0].relationship_type
    expect(partner).toEqual({
      id: partner.id,
      symmetrical: true,
      relationship_variants: [{ id: partner.relationship_variants[0].id, name: 'Partner' }],
      created_at: '2026-03-01T12:00:00Z',
      modified_at: '2026-03-01T12:00:00Z',
    })
    api.clock.advance(60_000)
    const manager = (
      await api.call('POST', '/relationship_types', {
        variants: [{ name: 'Manager' }, { name: 'Reports to' }],
      })
    ).body.data.relationship_types[0].relationship_type
    expect(manager.symmetrical).toBe(false)

    const [boss, report] = manager.relationship_variants
    const renamed = await api.call('PUT', `/relationship_types/${manager.id}`, {
      variants: [
        { id: report.id, name: 'Works for' },
        { id: boss.id, name: 'Boss' },
      ],
    })
    expect(renamed.body.data.relationship_type.relationship_variants).toEqual([
      { id: boss.id, name: 'Boss' },
      { id: report.id, name: 'Works for' },
    ])
    const added = await api.call('PUT', `/relationship_types/${manager.id}`, {
      variants: [{ id: boss.id, name: 'Boss' }],
    })
    expect(added.status).toBe(400)
    expect(added.body.errors).toEqual({
      variants: 'variants must name each existing variant id once: variants cannot be added or removed',
    })

    const listed = await api.call('GET', '/relationship_types?symmetrical=false')
    expect(listed.body.data).toMatchObject({ total_count: 1, page: 1, per_page: 10, max_page: 1 })
    expect(listed.body.data.relationship_types[0].relationship_type.id).toBe(manager.id)
    const searched = await api.call('GET', '/relationship_types?search=partn&sort_by=created_at&order=desc')
    expect(
      searched.body.data.relationship_types.map(
        (entry: { relationship_type: { id: string } }) => entry.relationship_type.id,
      ),
    ).toEqual([partner.id])
    expect(
      (await api.call('GET', '/relationship_types?date_filter=created_at&since=2026-03-02')).body.data
        .total_count,
    ).toBe(0)
    expect((await api.call('GET', `/relationship_types/${partner.id}`)).body.data.relationship_type.id).toBe(
      partner.id,
    )
  })

  it('refuse bad variants and more than 50 types, changing nothing', async () => {
    for (const variants of [
      [],
      [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      [{ name: 'x'.repeat(36) }],
      [{ name: 'Same' }, { name: 'Same' }],
      'Partner',
    ]) {
      const answer = await api.call('POST', '/relationship_types', { variants })
      expect(answer.status, JSON.stringify(variants)).toBe(400)
      expect(Object.keys(answer.body.errors)).toEqual(['variants'])
    }
    for (let i = 0; i < 50; i++)
      await api.call('POST', '/relationship_types', { variants: [{ name: `T${i}` }] })
    const over = await api.call('POST', '/relationship_types', { variants: [{ name: 'One more' }] })
    expect(over.status).toBe(403)
    expect(api.deps.state.relationship_types.size).toBe(50)
  })
})

describe('contact relationships', () => {
  let api: ApiApp
  let other: string
  let third: string
  let partner: { id: string; variant: string }
  let manager: { id: string; boss: string; report: string }
  beforeEach(async () => {
    api = setupApi()
    other = (
      await api.call('POST', '/contacts', { first_name: 'Jane', last_name: 'Doe', company_name: 'Acme Inc' })
    ).body.data.contact.id
    third = (await api.call('POST', '/contacts', { last_name: 'Third' })).body.data.contact.id
    const type = async (names: string[]) =>
      (await api.call('POST', '/relationship_types', { variants: names.map((name) => ({ name })) })).body.data
        .relationship_types[0].relationship_type
    const p = await type(['Partner'])
    partner = { id: p.id, variant: p.relationship_variants[0].id }
    const m = await type(['Manager', 'Reports to'])
    manager = { id: m.id, boss: m.relationship_variants[0].id, report: m.relationship_variants[1].id }
  })

  const relate = (contactId: string, body: Record<string, unknown>) =>
    api.call('POST', `/contacts/${contactId}/relationships`, body)
  const partners = (a: string, b: string) => ({
    relationship_type_id: partner.id,
    related_contacts: [
      { contact_id: a, variant_id: partner.variant },
      { contact_id: b, variant_id: partner.variant },
    ],
  })

  it('link two contacts in one document, seen from both ends', async () => {
    const created = await relate(DEMO_CONTACT_ID, partners(DEMO_CONTACT_ID, other))
    expect(created.status).toBe(201)
    const relationship = created.body.data.relationship
    expect(relationship).toEqual({
      id: relationship.id,
      relationship_type_id: partner.id,
      related_contacts: [
        {
          variant_id: partner.variant,
          variant_name: 'Partner',
          contact_id: DEMO_CONTACT_ID,
          first_name: 'Joe',
          last_name: 'Bloggs',
          photo_url: '',
          company_name: "Morgan's Forensic Lab",
          owner_id: DEFAULT_USER_ID,
        },
        {
          variant_id: partner.variant,
          variant_name: 'Partner',
          contact_id: other,
          first_name: 'Jane',
          last_name: 'Doe',
          photo_url: '',
          company_name: 'Acme Inc',
          owner_id: DEFAULT_USER_ID,
        },
      ],
      created_at: '2026-03-01T12:00:00Z',
      modified_at: '2026-03-01T12:00:00Z',
    })
    for (const contact of [DEMO_CONTACT_ID, other]) {
      const listed = await api.call('GET', `/contacts/${contact}/relationships`)
      expect(listed.body.data).toMatchObject({ total_count: 1, page: 1, per_page: 10, max_page: 1 })
      expect((await api.call('GET', `/contacts/${contact}/relationships/${relationship.id}`)).status).toBe(
        200,
      )
    }
    expect((await api.call('GET', `/contacts/${third}/relationships`)).body.data.relationships).toEqual([])
    const outsider = await api.call('GET', `/contacts/${third}/relationships/${relationship.id}`)
    expect(outsider.status).toBe(400)
  })

  it('refuse what Relationship and Related_contact forbid, creating nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...partners(other, third) }, 'related_contacts'],
      [{ ...partners(DEMO_CONTACT_ID, DEMO_CONTACT_ID) }, 'related_contacts'],
      [{ ...partners(DEMO_CONTACT_ID, '5aa0aaaaaaaaaaaaaaaaaaaa') }, 'related_contacts'],
      [{ ...partners(DEMO_CONTACT_ID, other), relationship_type_id: manager.id }, 'related_contacts'],
      [
        {
          relationship_type_id: manager.id,
          related_contacts: [
            { contact_id: DEMO_CONTACT_ID, variant_id: manager.boss },
            { contact_id: other, variant_id: manager.boss },
          ],
        },
        'related_contacts',
      ],
      [{ related_contacts: partners(DEMO_CONTACT_ID, other).related_contacts }, 'relationship_type_id'],
      [
        { relationship_type_id: partner.id, related_contacts: [{ contact_id: DEMO_CONTACT_ID }] },
        'related_contacts',
      ],
    ]
    for (const [body, field] of cases) {
      const answer = await relate(DEMO_CONTACT_ID, body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(answer.body.errors)).toEqual([field])
    }
    expect(
      (await relate('5aa0aaaaaaaaaaaaaaaaaaaa', partners('5aa0aaaaaaaaaaaaaaaaaaaa', other))).status,
    ).toBe(404)
    expect(api.deps.state.relationships.size).toBe(0)
    // At most one relationship between two contacts.
    expect((await relate(DEMO_CONTACT_ID, partners(DEMO_CONTACT_ID, other))).status).toBe(201)
    const twice = await relate(other, partners(other, DEMO_CONTACT_ID))
    expect(twice.status).toBe(409)
    expect(api.deps.state.relationships.size).toBe(1)
  })

  it('are replaced outright, filtered, deleted and brought back with undo', async () => {
    const id = (await relate(DEMO_CONTACT_ID, partners(DEMO_CONTACT_ID, other))).body.data.relationship.id
    await relate(DEMO_CONTACT_ID, {
      relationship_type_id: manager.id,
      related_contacts: [
        { contact_id: DEMO_CONTACT_ID, variant_id: manager.boss },
        { contact_id: third, variant_id: manager.report },
      ],
    })
    const names = async (query: string) =>
      (
        await api.call('GET', `/contacts/${DEMO_CONTACT_ID}/relationships?${query}`)
      ).body.data.relationships.map(
        (entry: { relationship: { relationship_type_id: string } }) =>
          entry.relationship.relationship_type_id,
      )
    expect(await names(`relationship_type_id=${manager.id}`)).toEqual([manager.id])
    expect(await names(`contact_id_filter=${other}`)).toEqual([partner.id])
    expect(await names(`variant_id_filter=${manager.report}`)).toEqual([manager.id])
    expect(await names('search=jane')).toEqual([partner.id])
    expect(await names('search=reports')).toEqual([manager.id])
    expect(await names('symmetrical=true')).toEqual([partner.id])
    expect(await names('sort_by=created_at&order=desc')).toEqual([manager.id, partner.id])

    // The path contact must stay a party.
    const swapped = await api.call(
      'PUT',
      `/contacts/${DEMO_CONTACT_ID}/relationships/${id}`,
      partners(other, third),
    )
    expect(swapped.status).toBe(400)
    api.clock.advance(1000)
    const replaced = await api.call('PUT', `/contacts/${other}/relationships/${id}`, {
      relationship_type_id: manager.id,
      related_contacts: [
        { contact_id: other, variant_id: manager.report },
        { contact_id: DEMO_CONTACT_ID, variant_id: manager.boss },
      ],
    })
    expect(replaced.body.data.relationship).toMatchObject({
      relationship_type_id: manager.id,
      modified_at: '2026-03-01T12:00:01Z',
    })
    expect((await api.call('PUT', `/contacts/${other}/relationships/${id}?partial=true`, {})).status).toBe(
      501,
    )

    expect((await api.call('DELETE', `/contacts/${other}/relationships/${id}`)).status).toBe(200)
    expect((await api.call('GET', `/contacts/${other}/relationships/${id}`)).status).toBe(404)
    expect((await api.call('DELETE', `/contacts/${other}/relationships/${id}`)).status).toBe(404)
    expect((await api.call('DELETE', `/contacts/${other}/relationships/${id}?undo=true`)).status).toBe(200)
    expect((await api.call('GET', `/contacts/${other}/relationships/${id}`)).status).toBe(200)
  })

  it('go with their type and with a deleted contact', async () => {
    await relate(DEMO_CONTACT_ID, partners(DEMO_CONTACT_ID, other))
    const second = (await relate(third, partners(third, other))).body.data.relationship.id
    await api.call('DELETE', `/contacts/${third}/relationships/${second}`)
    await api.call('DELETE', `/contacts/${DEMO_CONTACT_ID}`)
    expect([...api.deps.state.relationships.values()].map((r) => r.id)).toEqual([second])
    expect((await api.call('DELETE', `/relationship_types/${partner.id}`)).status).toBe(200)
    expect(api.deps.state.relationships.size).toBe(0)
  })
})
