import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ApiHarness,
  basicAuth,
  curlUpload,
  DEFAULT_API_KEY,
  DEFAULT_USER_ID,
  DEMO_CONTACT_ID,
  DEMO_NOTE_ID,
  startApiHarness,
  writeSizedFile,
} from './api-helpers.js'
import { parseErrorXml } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'crmkit-upload-failures-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BUCKET = 'onepagecrm-up-eu-central-1'
const keyFor = (name: string, contact = DEMO_CONTACT_ID) => `${contact}/1697212380/${name}`

function file(name: string, size: number): string {
  const path = join(dir, name)
  writeSizedFile(path, size)
  return path
}

const invalidRequest = (errors: Record<string, string>) => ({
  status: 400,
  message: 'Invalid request data',
  error_name: 'invalid_request_data',
  error_message: 'A validation error has occurred',
  errors,
})

describe('the failures a user meets in the upload flow', () => {
  let harness: ApiHarness
  beforeEach(async () => {
    harness = await startApiHarness({ api: { quotaPerUserBytes: 64 * 1024 * 1024 } })
  })
  afterEach(() => harness.close())

  const form = async (contactId = DEMO_CONTACT_ID) => {
    const answer = await harness.call('GET', `/attachments/s3_form?contact_id=${contactId}`)
    expect(answer.status).toBe(200)
    return answer.body.data as { url: string; storage_left: number; fields: Record<string, string | number> }
  }
  /** Nothing stored under `key`, nothing half-written, nothing charged. */
  const expectNothingKept = async (key: string, storageLeft: number) => {
    expect(await harness.mock.s3.store.head(BUCKET, key)).toBeUndefined()
    expect(readdirSync(join(harness.mock.s3.storageDir, 'tmp'))).toEqual([])
    expect((await form()).storage_left).toBe(storageLeft)
    expect(harness.mock.api.state.attachments.size).toBe(0)
  }
  const attach = (body: Record<string, unknown>) =>
    harness.call('POST', '/attachments', {
      reference_id: DEMO_NOTE_ID,
      reference_type: 'note',
      contact_id: DEMO_CONTACT_ID,
      ...body,
    })

  it('a file over 10 MB: S3 answers EntityTooLarge with the sizes', async () => {
    const { url, fields, storage_left } = await form()
    const answer = await curlUpload(url, fields, keyFor('big.bin'), file('big.bin', 10 * 1024 * 1024 + 1))
    expect(answer.status).toBe(400)
    const error = parseErrorXml(answer.body)
    expect(error.code).toBe('EntityTooLarge')
    expect(error.message).toBe('Your proposed upload exceeds the maximum allowed size')
    expect(error.details).toEqual([
      ['ProposedSize', '10485761'],
      ['MaxSizeAllowed', '10485760'],
    ])
    await expectNothingKept(keyFor('big.bin'), storage_left)
  })

  it("a key outside the contact's prefix: S3's policy-condition failure", async () => {
    const { url, fields, storage_left } = await form()
    const outside = keyFor('x.txt', '5aba31ea9007ba0f570c92d4')
    const answer = await curlUpload(url, fields, outside, file('x.txt', 10))
    expect(answer.status).toBe(403)
    const error = parseErrorXml(answer.body)
    expect(error.code).toBe('AccessDenied')
    expect(error.message).toBe(
      `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${DEMO_CONTACT_ID}/"]`,
    )
    await expectNothingKept(outside, storage_left)
  })

  it('an expired form: S3 answers Policy expired', async () => {
    const { url, fields, storage_left } = await form()
    harness.clock.advance(3600 * 1000 + 1000)
    const answer = await curlUpload(url, fields, keyFor('late.txt'), file('late.txt', 10))
    expect(answer.status).toBe(403)
    expect(parseErrorXml(answer.body)).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    })
    await expectNothingKept(keyFor('late.txt'), storage_left)
  })

  it('attaching a key that was never uploaded', async () => {
    const { storage_left } = await form()
    const answer = await attach({ key: keyFor('ghost.txt'), name: 'ghost.txt', size: 3 })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual(invalidRequest({ key: 'no file has been uploaded with this key' }))
    await expectNothingKept(keyFor('ghost.txt'), storage_left)
  })

  it('a size or a name that disagrees with the upload', async () => {
    const { url, fields, storage_left } = await form()
    expect((await curlUpload(url, fields, keyFor('real.txt'), file('real.txt', 1234))).status).toBe(201)
    const wrongSize = await attach({ key: keyFor('real.txt'), name: 'real.txt', size: 1000 })
    expect(wrongSize.status).toBe(400)
    expect(wrongSize.body).toEqual(
      invalidRequest({ size: "size must be the uploaded file's size (1234 bytes)" }),
    )
    const wrongName = await attach({ key: keyFor('real.txt'), name: 'other.txt', size: 1234 })
    expect(wrongName.status).toBe(400)
    expect(wrongName.body).toEqual(
      invalidRequest({ name: 'name must be the filename at the end of key (real.txt)' }),
    )
    expect((await form()).storage_left).toBe(storage_left)
    expect(harness.mock.api.state.attachments.size).toBe(0)
  })

  it('a reference that belongs to another contact', async () => {
    const other = await harness.call('POST', '/contacts', { last_name: 'Other' })
    const note = await harness.call('POST', `/contacts/${other.body.data.contact.id}/notes`, {
      text: 'theirs',
    })
    const { url, fields, storage_left } = await form()
    expect((await curlUpload(url, fields, keyFor('mine.txt'), file('mine.txt', 5))).status).toBe(201)
    const answer = await attach({
      reference_id: note.body.data.note.id,
      key: keyFor('mine.txt'),
      name: 'mine.txt',
      size: 5,
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual(invalidRequest({ reference_id: 'this note belongs to another contact' }))
    expect((await form()).storage_left).toBe(storage_left)
    expect(harness.mock.api.state.attachments.size).toBe(0)
  })

  it('no, malformed or wrong credentials: the documented 401', async () => {
    const expected = {
      status: 401,
      message: 'Authorization data not found',
      error_name: 'authorization_data_not_found',
      error_message: 'Cannot find suitable authorization data or data provided is not complete.',
      errors: {},
    }
    for (const auth of [
      null,
      'Bearer abc',
      'Basic !!!',
      `Basic ${Buffer.from(DEFAULT_USER_ID).toString('base64')}`,
      basicAuth(DEFAULT_USER_ID, 'wrong-key'),
      basicAuth('5aba31e99007ba0f570c12f8', DEFAULT_API_KEY),
    ]) {
      const answer = await harness.call(
        'GET',
        `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`,
        undefined,
        auth,
      )
      expect(answer.status, String(auth)).toBe(401)
      expect(answer.body).toEqual(expected)
    }
  })
})

describe('a full quota', () => {
  let harness: ApiHarness
  beforeEach(async () => {
    harness = await startApiHarness({ api: { quotaPerUserBytes: 1000 } })
  })
  afterEach(() => harness.close())

  it('caps the form at the storage left, refuses an attachment that does not fit, and then any new form', async () => {
    const first = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    const { url, fields } = first.body.data
    expect(first.body.data).toMatchObject({ quota: 1000, storage_left: 1000, display_quota: '0MB' })
    for (const [name, size] of [
      ['a.bin', 800],
      ['b.bin', 700],
      ['c.bin', 200],
    ] as const) {
      expect((await curlUpload(url, fields, keyFor(name), file(name, size))).status).toBe(201)
    }
    const attach = (name: string, size: number) =>
      harness.call('POST', '/attachments', {
        reference_id: DEMO_NOTE_ID,
        reference_type: 'note',
        contact_id: DEMO_CONTACT_ID,
        name,
        key: keyFor(name),
        size,
      })
    expect((await attach('a.bin', 800)).status).toBe(201)
    // 700 bytes do not fit in the 200 left: 403, nothing recorded or charged.
    const refused = await attach('b.bin', 700)
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({
      status: 403,
      message: 'Forbidden',
      error_name: 'storage_limit_reached',
      error_message: 'The file needs 700 bytes and your account has 200 bytes of storage left.',
      errors: {},
    })
    expect(harness.mock.api.state.attachments.size).toBe(1)
    // A new form allows at most the 200 bytes left, so S3 itself refuses a bigger file.
    const capped = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    expect(capped.body.data.storage_left).toBe(200)
    const tooBig = await curlUpload(
      capped.body.data.url,
      capped.body.data.fields,
      keyFor('d.bin'),
      file('d.bin', 201),
    )
    expect(parseErrorXml(tooBig.body).details).toEqual([
      ['ProposedSize', '201'],
      ['MaxSizeAllowed', '200'],
    ])
    expect((await attach('c.bin', 200)).status).toBe(201)
    const full = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    expect(full.status).toBe(403)
    expect(full.body).toMatchObject({ status: 403, error_name: 'storage_limit_reached' })
    // Deleting an attachment gives its storage back.
    const [attachment] = harness.mock.api.state.attachments.values()
    expect((await harness.call('DELETE', `/attachments/${attachment?.id}`)).status).toBe(200)
    const again = await harness.call('GET', `/attachments/s3_form?contact_id=${DEMO_CONTACT_ID}`)
    expect(again.body.data.storage_left).toBe(attachment?.size)
  })
})
