import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_CONTACT_ID, startApiHarness } from './api-helpers.js'

// The contact photo and company logo stored in the real S3 emulator and read back through their links;
// companies and undo records kept across a restart; a data directory written before companies upgraded.

const root = mkdtempSync(join(tmpdir(), 'crmkit-api-images-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

describe('images in the S3 emulator, and companies on disk', () => {
  it('serves the photo and the logo sent, byte for byte, and keeps them across a restart', async () => {
    const dataDir = join(root, 'data')
    const first = await startApiHarness({ dataDir })
    const photo = await first.call('PUT', `/contacts/${DEMO_CONTACT_ID}/contact_photo`, {
      image: PNG.toString('base64'),
    })
    expect(photo.status).toBe(200)
    const fetched = await fetch(photo.body.data.contact.photo_url)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(PNG)
    const companyId = photo.body.data.contact.company_id
    const logo = await first.call('PATCH', `/companies/${companyId}/logo`, {
      image: `data:image/png;base64,${PNG.toString('base64')}`,
    })
    expect(Buffer.from(await (await fetch(logo.body.data.company.photo_url)).arrayBuffer())).toEqual(PNG)
    const other = await first.call('POST', '/contacts', { last_name: 'Gone', company_name: 'Gone Ltd' })
    await first.call('DELETE', `/contacts/${other.body.data.contact.id}`)
    await first.close()

    const second = await startApiHarness({ dataDir })
    try {
      const company = await second.call('GET', `/companies/${companyId}`)
      expect(company.body.data.company.name).toBe("Morgan's Forensic Lab")
      expect(Buffer.from(await (await fetch(company.body.data.company.photo_url)).arrayBuffer())).toEqual(PNG)
      const undone = await second.call('DELETE', `/contacts/${other.body.data.contact.id}?undo=1`)
      expect(undone.status).toBe(200)
      expect(undone.body.data.contact.company_name).toBe('Gone Ltd')
    } finally {
      await second.close()
    }
  })

  it('gives the contacts of an older data directory companies, lists and per-user stars', async () => {
    const dataDir = join(root, 'old')
    mkdirSync(join(dataDir, 'onepagecrm'), { recursive: true })
    const user = {
      id: '64b000000000000000000001',
      api_key: 'k',
      first_name: 'A',
      last_name: 'B',
      email: '',
      company_name: '',
    }
    const contact = (id: string, last_name: string, company_name: string, starred: boolean) => ({
      id,
      owner_id: user.id,
      first_name: '',
      last_name,
      job_title: '',
      company_name,
      starred,
      background: '',
      emails: [],
      phones: [],
      urls: [],
      tags: [],
      status_id: '5e31e030849d781e837b6b9d',
      lead_source_id: null,
      created_at: '2026-01-01T00:00:00Z',
      modified_at: '2026-01-01T00:00:00Z',
    })
    writeFileSync(
      join(dataDir, 'onepagecrm', 'state.json'),
      JSON.stringify({
        version: 1,
        users: [user],
        contacts: [
          contact('64b000000000000000000002', 'One', 'Acme', true),
          contact('64b000000000000000000003', 'Two', 'ACME', false),
          contact('64b000000000000000000004', 'Three', '', false),
        ],
      }),
    )
    const api = await startApiHarness({ dataDir })
    try {
      const auth = `Basic ${Buffer.from(`${user.id}:k`).toString('base64')}`
      const listed = await api.call('GET', '/contacts', undefined, auth)
      const contacts = listed.body.data.contacts.map((entry: { contact: object }) => entry.contact)
      expect(contacts).toEqual([
        expect.objectContaining({
          last_name: 'One',
          company_id: '64b000000000000000000002',
          company_name: 'Acme',
          starred: true,
        }),
        expect.objectContaining({
          last_name: 'Three',
          company_name: '',
          starred: false,
          address_list: [],
          custom_fields: [],
        }),
        expect.objectContaining({
          last_name: 'Two',
          company_id: '64b000000000000000000002',
          company_name: 'Acme',
        }),
      ])
    } finally {
      await api.close()
    }
  })
})
