import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ApiHarness,
  DEMO_CONTACT_ID,
  DEMO_NOTE_ID,
  seedOrderFields,
  startApiHarness,
} from './api-helpers.js'

// The inspector's view of OnePageCRM and its S3 emulator, through the admin routes of the real mock: the
// objects of the attachment bucket with the attachment each belongs to, and the records and quota.

interface Listed {
  files: Array<{
    service: string
    id: string
    name: string
    contentType: string
    size: number
    belongsTo?: string
    url: string
    image: boolean
  }>
  total: number
}
interface Records {
  services: Array<{
    service: string
    groups: Array<{ name: string; total: number; rows: Array<Record<string, unknown>> }>
  }>
}

describe('OnePageCRM and S3 in the inspector', () => {
  let harness: ApiHarness
  let admin: string
  beforeEach(async () => {
    harness = await startApiHarness()
    admin = harness.api.replace(/\/api\/v3$/, '/__admin')
  })
  afterEach(() => harness.close())

  it('lists the bucket objects with the attachment each belongs to, and streams them from either port', async () => {
    const plain = new FormData()
    const form = (await harness.call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body
      .data
    const key = `${DEMO_CONTACT_ID}/7/notes.txt`
    for (const [name, value] of seedOrderFields(form.fields, key, 'notes.txt')) plain.append(name, value)
    plain.append('file', new Blob([Buffer.from('hello notes')]), 'notes.txt')
    expect((await fetch(form.url, { method: 'POST', body: plain })).status).toBe(201)
    harness.clock.advance(60_000)
    const orphanKey = `${DEMO_CONTACT_ID}/8/never-attached.bin`
    const orphan = new FormData()
    for (const [name, value] of seedOrderFields(form.fields, orphanKey, 'never-attached.bin'))
      orphan.append(name, value)
    orphan.append('file', new Blob([Buffer.alloc(3)]), 'never-attached.bin')
    expect((await fetch(form.url, { method: 'POST', body: orphan })).status).toBe(201)
    const attached = await harness.call('POST', '/attachments', {
      reference_type: 'note',
      reference_id: DEMO_NOTE_ID,
      key,
    })
    expect(attached.status).toBe(201)

    const contact = harness.mock.api.state.contacts.get(DEMO_CONTACT_ID)
    const name = `${contact?.first_name} ${contact?.last_name}`
    const s3Admin = `${harness.mock.s3.endpoint}/__admin`
    const listed = (await (await fetch(`${s3Admin}/files`)).json()) as Listed
    expect(listed.total).toBe(2)
    const bucket = harness.mock.s3.config.buckets[0]
    expect(listed.files.map((file) => [file.service, file.id, file.name, file.size, file.belongsTo])).toEqual(
      [
        ['s3', `${bucket}/${orphanKey}`, 'never-attached.bin', 3, undefined],
        [
          's3',
          `${bucket}/${key}`,
          'notes.txt',
          11,
          `attachment ${attached.body.data.attachment.id} (note ${DEMO_NOTE_ID}) of ${name}`,
        ],
      ],
    )
    // Stored as binary/octet-stream (the form sends no Content-Type): nothing to preview in a .txt or a .bin.
    expect(listed.files.map((file) => [file.contentType, file.image])).toEqual([
      ['binary/octet-stream', false],
      ['binary/octet-stream', false],
    ])
    const notes = listed.files[1]
    for (const base of [admin, s3Admin]) {
      const answer = await fetch(`${base.replace(/\/__admin$/, '')}${notes?.url}`)
      expect(await answer.text()).toBe('hello notes')
    }
  })

  it('previews an object stored as binary/octet-stream as the image its bytes are, and only then', async () => {
    const form = (await harness.call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body
      .data
    const post = async (filename: string, bytes: Buffer) => {
      const body = new FormData()
      for (const [name, value] of seedOrderFields(form.fields, `${DEMO_CONTACT_ID}/9/${filename}`, filename))
        body.append(name, value)
      body.append('file', new Blob([bytes]), filename)
      expect((await fetch(form.url, { method: 'POST', body })).status).toBe(201)
    }
    await post('real.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))
    await post('fake.png', Buffer.from('<html><script>alert(1)</script></html>'))
    const listed = (await (await fetch(`${admin}/files`)).json()) as Listed
    const byName = Object.fromEntries(listed.files.map((file) => [file.name, file]))
    expect([byName['real.png']?.image, byName['fake.png']?.image]).toEqual([true, true])
    const base = admin.replace(/\/__admin$/, '')
    const real = await fetch(`${base}${byName['real.png']?.url}`)
    expect([real.headers.get('content-type'), real.headers.get('content-disposition')]).toEqual([
      'image/png',
      `inline; filename="real.png"; filename*=UTF-8''real.png`,
    ])
    expect((await real.arrayBuffer()).byteLength).toBe(16)
    // Named like a PNG, but not one: an attachment of its stored type, sandboxed, never shown inline.
    const fake = await fetch(`${base}${byName['fake.png']?.url}`)
    expect(fake.headers.get('content-type')).toBe('binary/octet-stream')
    expect(fake.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(fake.headers.get('content-security-policy')).toBe('sandbox')
    expect(await fake.text()).toBe('<html><script>alert(1)</script></html>')
  })

  it('shows contacts, notes, attachments, the quota and what each contact uses, API keys redacted', async () => {
    const answer = (await (await fetch(`${admin}/records`)).json()) as Records
    expect(answer.services.map((entry) => entry.service)).toEqual(['s3', 'onepagecrm'])
    const groups = Object.fromEntries(answer.services[1]?.groups.map((group) => [group.name, group]) ?? [])
    expect(Object.keys(groups)).toEqual([
      'contacts',
      'notes',
      'deals',
      'attachments',
      'storage',
      'storage-by-contact',
      'users',
    ])
    expect(groups.contacts?.rows.map((row) => row.id)).toContain(DEMO_CONTACT_ID)
    expect(groups.notes?.rows.map((row) => row.id)).toContain(DEMO_NOTE_ID)
    expect(groups.storage?.rows).toEqual([
      {
        quota: 1024 ** 3 * harness.mock.api.state.users.size,
        used: 0,
        storage_left: 1024 ** 3 * harness.mock.api.state.users.size,
        display_quota: expect.any(String),
        users: harness.mock.api.state.users.size,
      },
    ])
    expect(groups.users?.rows.every((row) => row.api_key === '[redacted]')).toBe(true)
    const s3 = answer.services[0]?.groups[0]
    expect(s3?.rows).toEqual([{ bucket: harness.mock.s3.config.buckets[0], objects: 0, bytes: 0 }])
  })
})
