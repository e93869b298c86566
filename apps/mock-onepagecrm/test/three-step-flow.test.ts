import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { onepagecrm } from '@crmkit/schemas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiHarness, DEMO_CONTACT_ID, DEMO_NOTE_ID, startApiHarness } from './api-helpers.js'

const run = promisify(execFile)

// Step 1's answer in OnePageCRM's upload tutorial, verbatim: the shape ours must have.
// https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/
const SEED_STEP_1 = {
  status: 0,
  message: 'OK',
  timestamp: 1697212380,
  data: {
    quota: 214748364800,
    storage_left: 214692599468,
    display_quota: '200 GB',
    url: 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/',
    fields: {
      acl: 'private',
      success_action_status: 201,
      policy: '...',
      'x-amz-credential': '...',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-date': '20231013T155300Z',
      'x-amz-signature': '...',
      key: '',
      'x-ignore-pattern': '<CONTACT_ID>/__timestamp__/${filename}',
    },
  },
}

/** The shape of a JSON value: keys in order, and the type of each leaf. */
const shape = (value: unknown): unknown =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).map(([key, inner]) => [key, shape(inner)])
    : typeof value

describe("the upload tutorial's three steps, literally", () => {
  let harness: ApiHarness
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-three-steps-'))
  beforeAll(async () => {
    harness = await startApiHarness()
  })
  afterAll(async () => {
    await harness.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('gets a form, uploads with the tutorial’s curl command, attaches it to a note, reads it', async () => {
    // Step 1: GET /attachments/s3_form?contact_id=<CONTACT_ID>
    const step1 = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    expect(step1.status).toBe(200)
    expect(shape(step1.body)).toEqual(shape(SEED_STEP_1))
    onepagecrm.successEnvelope(onepagecrm.s3FormData).parse(step1.body)
    const { url, fields } = step1.body.data
    expect(url).toBe(`${harness.mock.s3.endpoint}/onepagecrm-up-eu-central-1/`)
    expect(fields['x-ignore-pattern']).toBe(`${DEMO_CONTACT_ID}/__timestamp__/\${filename}`)

    // Step 2: the tutorial's curl command with its fields in its order, the real curl binary, a file on disk.
    const filename = 'quarterly report.pdf'
    const content = randomBytes(300_000)
    const path = join(dir, filename)
    writeFileSync(path, content)
    const key = `${DEMO_CONTACT_ID}/1697212380/${filename}`
    const { stdout } = await run('curl', [
      '--silent',
      '--write-out',
      '\n%{http_code}',
      '--location',
      url,
      '--form',
      `acl="${fields.acl}"`,
      '--form',
      `success_action_status="${fields.success_action_status}"`,
      '--form',
      `policy="${fields.policy}"`,
      '--form',
      `x-amz-credential="${fields['x-amz-credential']}"`,
      '--form',
      'x-amz-algorithm="AWS4-HMAC-SHA256"',
      '--form',
      `x-amz-date="${fields['x-amz-date']}"`,
      '--form',
      `x-amz-signature="${fields['x-amz-signature']}"`,
      '--form',
      `key="${key}"`,
      '--form',
      `filename="${filename}"`,
      '--form',
      `file=@"${path}"`,
    ])
    const [xml, status] = stdout.split(/\n(?=\d{3}$)/)
    expect(status).toBe('201')
    expect(xml).toContain(`<Key>${key}</Key>`)

    // Step 3: POST /attachments with the tutorial's body.
    const step3 = await harness.call('POST', '/attachments', {
      reference_id: DEMO_NOTE_ID,
      reference_type: 'note',
      contact_id: DEMO_CONTACT_ID,
      name: filename,
      key,
      size: content.length,
    })
    expect(step3.status).toBe(201)
    onepagecrm.successEnvelope(onepagecrm.createAttachmentData).parse(step3.body)
    expect(step3.body).toMatchObject({
      status: 0,
      message: 'Created',
      data: { attachment: { filename, size: content.length, storage_provider: 'amazon', pinned: false } },
    })

    // The file reads back, byte for byte, through the attachment's link; the note lists it.
    const download = await fetch(step3.body.data.attachment.url)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true)
    const note = await harness.call('GET', `/notes/${DEMO_NOTE_ID}`)
    onepagecrm.successEnvelope(onepagecrm.pageEntry('note', onepagecrm.note)).parse(note.body)
    expect(note.body.data.note.attachments).toEqual([step3.body.data.attachment])
    const after = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    expect(after.body.data.storage_left).toBe(step1.body.data.storage_left - content.length)
  })
})
