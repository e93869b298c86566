import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseSeed } from '../src/api/domain/seed-document.js'
import {
  basicAuth,
  curlUpload,
  DEMO_CONTACT_ID,
  DEMO_NOTE_ID,
  startApiHarness,
  writeSizedFile,
} from './api-helpers.js'

const root = mkdtempSync(join(tmpdir(), 'crmkit-api-persist-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('OnePageCRM state with --data-dir', () => {
  it('keeps contacts, notes, attachments and objects across a restart; a crash leftover is ignored', async () => {
    const dataDir = join(root, 'data')
    const first = await startApiHarness({ dataDir })
    const contact = await first.call('POST', '/contacts', { last_name: 'Kept' })
    const contactId = contact.body.data.contact.id
    const note = await first.call('POST', `/contacts/${contactId}/notes`, { text: 'kept note' })
    const form = (await first.call('GET', `/attachments/s3_form?contact_id=${contactId}`)).body.data
    const path = join(root, 'kept.txt')
    writeSizedFile(path, 4321)
    const key = `${contactId}/1/kept.txt`
    expect((await curlUpload(form.url, form.fields, key, path)).status).toBe(201)
    const attached = await first.call('POST', `/notes/${note.body.data.note.id}/attachments`, {
      key,
      size: 4321,
    })
    expect(attached.status).toBe(201)
    await first.close()
    // What a crash between writing and renaming a snapshot leaves behind.
    writeFileSync(join(dataDir, 'onepagecrm', 'state.json.999.0.tmp'), '{"version":1,"contacts":[')

    const second = await startApiHarness({ dataDir })
    try {
      const notes = await second.call('GET', `/contacts/${contactId}/notes`)
      expect(notes.body.data.notes).toHaveLength(1)
      const [{ note: kept }] = notes.body.data.notes
      expect(kept).toMatchObject({ text: 'kept note', attachments: [{ filename: 'kept.txt', size: 4321 }] })
      const download = await fetch(kept.attachments[0].url)
      expect((await download.arrayBuffer()).byteLength).toBe(4321)
      expect((await second.call('GET', `/notes/${DEMO_NOTE_ID}`)).status).toBe(200)
      expect(readdirSync(join(dataDir, 'onepagecrm'))).toEqual(['state.json'])
    } finally {
      await second.close()
    }
  })
})

describe('--seed', () => {
  it('starts with the seed’s users, contacts and notes instead of the demo', async () => {
    const path = join(root, 'seed.json')
    writeFileSync(
      path,
      JSON.stringify({
        users: [
          { id: '64b000000000000000000001', api_key: 'seed-key', first_name: 'Sam', last_name: 'Seed' },
        ],
        contacts: [{ id: '64b000000000000000000002', company_name: 'Seeded Ltd' }],
        notes: [{ contact_id: '64b000000000000000000002', text: 'from the seed' }],
      }),
    )
    const parsed = parseSeed(JSON.parse(readFileSync(path, 'utf8')))
    if (!parsed.ok) throw new Error(parsed.error)
    const harness = await startApiHarness({ seed: parsed.seed })
    try {
      expect(harness.mock.info.auth).toEqual({ userId: '64b000000000000000000001', apiKey: 'seed-key' })
      const auth = basicAuth('64b000000000000000000001', 'seed-key')
      const notes = await harness.call('GET', '/contacts/64b000000000000000000002/notes', undefined, auth)
      expect(notes.body.data.notes[0].note).toMatchObject({ text: 'from the seed', author: 'Sam S.' })
      expect((await harness.call('GET', `/contacts/${DEMO_CONTACT_ID}`, undefined, auth)).status).toBe(404)
    } finally {
      await harness.close()
    }
  })

  it('refuses a contact without a last or company name, with the API’s own message', async () => {
    await expect(
      startApiHarness({
        seed: {
          users: [
            {
              id: '64b000000000000000000001',
              api_key: 'k',
              first_name: '',
              last_name: '',
              email: '',
              company_name: '',
            },
          ],
          contacts: [{ first_name: 'X' }],
          deals: [],
          notes: [],
        },
      }),
    ).rejects.toThrow(
      'contacts[0]: company: Either last name or company name are required to create a Contact.',
    )
  })
})
