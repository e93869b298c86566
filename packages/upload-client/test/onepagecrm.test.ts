import { type RunningOnePageCrmMock, startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createOnePageCrmClient,
  OnePageCrmApiError,
  OnePageCrmThrottledError,
  PolicyViolationError,
  type ProgressEvent,
  type RetryEvent,
  S3Error,
} from '../src/index.js'
import { armFault, filesUnder, journal, patternStream, scratchDir, sha256, sha256OfUrl } from './helpers.js'

// The mock's demo records (apps/mock-onepagecrm, `demoSeed`).
const CONTACT = '5ae06ef9d55673108fe8877f'
const NOTE = '5afc1b69d556730b580596cb'
const noWait = async () => {}

describe('OnePageCRM client against the mock', () => {
  let mock: RunningOnePageCrmMock
  const scratch = scratchDir()
  const admin = () => mock.info.api.replace(/\/api\/v3$/, '')
  const client = (extra: Record<string, unknown> = {}) =>
    createOnePageCrmClient({ ...mock.info.auth, baseUrl: mock.info.api, sleep: noWait, ...extra })

  /** The SHA-256 of the `key` field of each S3 POST the mock read (an armed fault answers before reading). */
  const keysPosted = async () =>
    (await journal(admin(), '?service=s3&method=POST')).flatMap(
      (entry) => entry.parts?.filter((part) => part.name === 'key').map((part) => part.sha256) ?? [],
    )
  /** A random source that counts its draws: one per upload, however many POSTs carry it. */
  const countedRandom = (digits: number) => {
    const draws: number[] = []
    const randomInt = (max: number) => {
      draws.push(max)
      return digits
    }
    return { draws, randomInt }
  }

  beforeAll(async () => {
    mock = await startOnePageCrmMock()
  })
  beforeEach(async () => {
    await fetch(`${admin()}/__admin/reset`, { method: 'POST' })
  })
  afterAll(async () => {
    await mock.close()
    scratch.remove()
  })

  it('does the three steps of the tutorial and the file arrives intact, with progress adding up', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 3)
    const path = scratch.file('contract.pdf', bytes)
    const events: ProgressEvent[] = []
    const { attachment, upload } = await client().uploadAttachment(
      { contactId: CONTACT, file: path, attachTo: { type: 'note', id: NOTE } },
      { onProgress: (event) => events.push(event) },
    )
    expect(upload.key).toMatch(new RegExp(`^${CONTACT}/\\d+/contract\\.pdf$`))
    expect(attachment).toMatchObject({
      filename: 'contract.pdf',
      size: bytes.length,
      storage_provider: 'amazon',
    })
    expect(events.at(-1)).toMatchObject({
      loaded: bytes.length,
      total: bytes.length,
      fileName: 'contract.pdf',
    })
    expect(await sha256OfUrl(attachment.url)).toMatchObject({ status: 200, sha256: sha256(bytes) })
    // The S3 form as sent: the tutorial's field order, file last.
    const [post] = await journal(admin(), '?service=s3&method=POST')
    expect(post?.parts?.map((part) => part.name)).toEqual([
      'acl',
      'success_action_status',
      'policy',
      'x-amz-credential',
      'x-amz-algorithm',
      'x-amz-date',
      'x-amz-signature',
      'key',
      'filename',
      'file',
    ])
  })

  it('gives two concurrent uploads of one name to one contact, in one frozen second, keys of their own', async () => {
    // Issue 14, item 11: with `<contact>/<unix seconds>/<name>` both got one key; the second S3 POST replaced
    // the first file's bytes, its POST /attachments was refused, and the first attachment served them.
    // The worst case: one frozen second, and the same random digits drawn for both.
    const second = new Date(Math.floor(Date.now() / 1000) * 1000)
    const shared = client({ clock: () => second, randomInt: () => 0 })
    const first = Buffer.from('minutes of the first meeting\n')
    const other = Buffer.from('minutes of another meeting, a different file\n')
    const upload = (bytes: Buffer) =>
      shared.uploadAttachment({
        contactId: CONTACT,
        file: { source: bytes, name: 'minutes.txt' },
        attachTo: { type: 'note', id: NOTE },
      })
    const [a, b] = await Promise.all([upload(first), upload(other)])
    expect([a.upload.key, b.upload.key].sort()).toEqual([
      `${CONTACT}/${second.getTime()}000000/minutes.txt`,
      `${CONTACT}/${second.getTime()}000001/minutes.txt`,
    ])
    // Read back once both are done: each attachment serves the bytes its own upload sent.
    expect(await sha256OfUrl(a.attachment.url)).toMatchObject({ status: 200, sha256: sha256(first) })
    expect(await sha256OfUrl(b.attachment.url)).toMatchObject({ status: 200, sha256: sha256(other) })
    // Two S3 POSTs, each to its own key: neither replaced the other's object.
    expect((await keysPosted()).sort()).toEqual([sha256(a.upload.key), sha256(b.upload.key)].sort())
  })

  it('keeps two clients apart in one millisecond by the random digits of the key', async () => {
    // Two processes: each its own client, the same clock to the millisecond, different random digits.
    const at = new Date()
    const bytes = [Buffer.from('from the first process'), Buffer.from('from the second process!')]
    const results = await Promise.all(
      [271_828, 314_159].map((digits, i) =>
        client({ clock: () => at, randomInt: () => digits }).uploadAttachment({
          contactId: CONTACT,
          file: { source: bytes[i] as Buffer, name: 'same.txt' },
          attachTo: { type: 'note', id: NOTE },
        }),
      ),
    )
    expect(results.map((result) => result.upload.key)).toEqual([
      `${CONTACT}/${at.getTime()}271828/same.txt`,
      `${CONTACT}/${at.getTime()}314159/same.txt`,
    ])
    for (const [i, { attachment }] of results.entries()) {
      expect(await sha256OfUrl(attachment.url)).toMatchObject({ sha256: sha256(bytes[i] as Buffer) })
    }
  })

  it('runs each step on its own, and attaches through the nested route', async () => {
    const form = await client().getUploadForm({ contactId: CONTACT })
    expect(form.fields['x-ignore-pattern']).toBe(`${CONTACT}/__timestamp__/\${filename}`)
    const upload = await client().uploadToS3({
      form,
      file: { source: Buffer.from('hello'), name: 'hello.txt' },
    })
    expect(upload).toMatchObject({ name: 'hello.txt', size: 5, bucket: mock.info.s3.bucket })
    const attachment = await client().createAttachment({
      contactId: CONTACT,
      key: upload.key,
      name: upload.name,
      size: upload.size,
      attachTo: { type: 'note', id: NOTE },
      route: 'nested',
    })
    expect(attachment.filename).toBe('hello.txt')
    expect((await journal(admin(), '?service=onepagecrm&method=POST')).map((entry) => entry.path)).toEqual([
      `/api/v3/notes/${NOTE}/attachments`,
    ])
  })

  it('checks the policy first: a file over 10 MB is a PolicyViolationError and S3 sees nothing', async () => {
    const size = 10 * 1024 * 1024 + 1
    const error = await client()
      .uploadAttachment({
        contactId: CONTACT,
        file: { source: () => patternStream(size), name: 'huge.bin', size },
        attachTo: { type: 'note', id: NOTE },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PolicyViolationError)
    expect(error).toMatchObject({
      s3Code: 'EntityTooLarge',
      details: { ProposedSize: String(size) },
      size,
      allowedSize: { min: 0, max: 10 * 1024 * 1024 },
      attempts: 0,
    })
    // The message says nothing was sent and gives the sizes; it names no POST, as none was made.
    expect((error as Error).message).toBe(
      'huge.bin was not sent: it is 10 MiB (10485761 bytes); the upload form allows 0 bytes to 10 MiB (10485760 bytes) [EntityTooLarge]',
    )
    expect(await journal(admin(), '?service=s3')).toEqual([])
  })

  it('leaves the policy to S3 with checkPolicy: false: S3 answers EntityTooLarge and keeps nothing', async () => {
    const size = 10 * 1024 * 1024 + 1
    const form = await client().getUploadForm({ contactId: CONTACT })
    const error = await client()
      .uploadToS3({
        form,
        file: { source: () => patternStream(size), name: 'huge.bin', size },
        checkPolicy: false,
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(S3Error)
    expect(error).toMatchObject({
      status: 400,
      s3Code: 'EntityTooLarge',
      details: { ProposedSize: String(size), MaxSizeAllowed: String(10 * 1024 * 1024) },
    })
    expect((error as Error).message).toMatch(
      /^S3 400 EntityTooLarge: Your proposed upload exceeds the maximum allowed size; ProposedSize 10 MiB \(10485761 bytes\), MaxSizeAllowed 10 MiB \(10485760 bytes\): POST http/,
    )
    expect(await journal(admin(), '?service=s3')).toMatchObject([{ status: 400 }])
  })

  it('refuses an expired form before sending, and uploadAttachment fetches a fresh one once', async () => {
    const later = () => new Date(Date.now() + 2 * 3600 * 1000)
    const form = await client().getUploadForm({ contactId: CONTACT })
    const expired = await client({ clock: later })
      .uploadToS3({ form, file: { source: Buffer.from('x'), name: 'x.txt' } })
      .catch((e: unknown) => e)
    expect(expired).toMatchObject({
      code: 'CRMKIT_POLICY_VIOLATION',
      s3Message: 'Invalid according to Policy: Policy expired.',
    })
    // A client clock two hours ahead finds every form expired: one refresh, then the error.
    const error = await client({ clock: later })
      .uploadAttachment({
        contactId: CONTACT,
        file: { source: Buffer.from('x'), name: 'x.txt' },
        attachTo: { type: 'note', id: NOTE },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PolicyViolationError)
    expect(
      (await journal(admin(), '?service=onepagecrm')).filter((entry) => entry.path.includes('s3_form')),
    ).toHaveLength(3)
    expect(await journal(admin(), '?service=s3')).toEqual([])
  })

  it('fetches a fresh form when S3 says the policy expired, and the upload then succeeds', async () => {
    await armFault(admin(), { fault: 'policy-expired', service: 's3' })
    const random = countedRandom(7)
    const { attachment, upload } = await client({ randomInt: random.randomInt }).uploadAttachment({
      contactId: CONTACT,
      file: { source: Buffer.from('skewed clock'), name: 'skew.txt' },
      attachTo: { type: 'note', id: NOTE },
    })
    expect(attachment.size).toBe(12)
    expect(
      (await journal(admin(), '?service=onepagecrm')).filter((entry) => entry.path.includes('s3_form')),
    ).toHaveLength(2)
    // The fresh form carries the same upload to the key it was given once.
    expect(random.draws).toHaveLength(1)
    expect(upload.key).toMatch(new RegExp(`^${CONTACT}/\\d{13}000007/skew\\.txt$`))
    expect(await keysPosted()).toEqual([sha256(upload.key)])
  })

  it('retries S3 SlowDown (honouring Retry-After) and a reset mid-file, the file intact', async () => {
    await armFault(admin(), { fault: 'slow-down', retryAfter: 1 })
    await armFault(admin(), { fault: 'reset', service: 's3', afterBytes: 256 * 1024 })
    const waits: number[] = []
    const bytes = Buffer.alloc(2 * 1024 * 1024, 9)
    const random = countedRandom(123_456)
    const { attachment, upload } = await client({
      sleep: async (ms: number) => void waits.push(ms),
      randomInt: random.randomInt,
    }).uploadAttachment({
      contactId: CONTACT,
      file: scratch.file('retried.bin', bytes),
      attachTo: { type: 'note', id: NOTE },
    })
    expect(waits[0]).toBeGreaterThanOrEqual(1000)
    expect(waits).toHaveLength(2)
    // Three POSTs, one key: each retry sends the upload's own key again, never a new one.
    expect(await journal(admin(), '?service=s3&method=POST')).toHaveLength(3)
    expect(random.draws).toHaveLength(1)
    expect(upload.key).toMatch(new RegExp(`^${CONTACT}/\\d{13}123456/retried\\.bin$`))
    expect(await keysPosted()).toEqual([sha256(upload.key)])
    expect(await sha256OfUrl(attachment.url)).toMatchObject({ sha256: sha256(bytes), size: bytes.length })
  })

  it('gives S3Error with S3 code and details when retries are off', async () => {
    await armFault(admin(), { fault: 'slow-down' })
    const error = await client({ retry: false })
      .uploadAttachment({
        contactId: CONTACT,
        file: { source: Buffer.from('x'), name: 'x.txt' },
        attachTo: { type: 'note', id: NOTE },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(S3Error)
    expect(error).toMatchObject({ status: 503, s3Code: 'SlowDown', attempts: 1 })
  })

  it('retries the plain-text 403 throttle, even on POST /attachments, and raises it when retries run out', async () => {
    await armFault(admin(), {
      fault: 'throttle',
      method: 'POST',
      path: '/api/v3/attachments',
      times: 1,
      retryAfter: 20,
    })
    const retries: RetryEvent[] = []
    const { attachment } = await client().uploadAttachment(
      {
        contactId: CONTACT,
        file: { source: Buffer.from('throttled once'), name: 't.txt' },
        attachTo: { type: 'note', id: NOTE },
      },
      { onRetry: (event) => retries.push(event) },
    )
    expect(attachment.filename).toBe('t.txt')
    expect(retries).toEqual([
      {
        attempt: 1,
        maxAttempts: 4,
        delay: 20_000,
        retryAfter: 20_000,
        reason: 'OnePageCRM throttled: 403',
        error: expect.objectContaining({ code: 'CRMKIT_ONEPAGECRM_THROTTLED' }),
      },
    ])
    await armFault(admin(), { fault: 'throttle', path: '/api/v3/attachments/s3_form', times: 5 })
    const error = await client({ retry: { retries: 2 } })
      .getUploadForm({ contactId: CONTACT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OnePageCrmThrottledError)
    expect(error).toMatchObject({ attempts: 3, body: '403 Forbidden (Rate Limit Exceeded)\n' })
  })

  it('does not resend POST /attachments after the connection dropped mid-request', async () => {
    const form = await client().getUploadForm({ contactId: CONTACT })
    const upload = await client().uploadToS3({
      form,
      file: { source: Buffer.from('once'), name: 'once.txt' },
    })
    await armFault(admin(), { fault: 'reset', method: 'POST', path: '/api/v3/attachments', afterBytes: 10 })
    const error = await client()
      .createAttachment({ contactId: CONTACT, ...upload, attachTo: { type: 'note', id: NOTE } })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CRMKIT_NETWORK', attempts: 1, notSent: false })
  })

  it('decodes OnePageCRM errors: 404 for an unknown contact, 400 naming the field', async () => {
    const missing = await client()
      .getUploadForm({ contactId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(OnePageCrmApiError)
    expect(missing).toMatchObject({ status: 404, errorName: 'resource_not_found' })
    const form = await client().getUploadForm({ contactId: CONTACT })
    const upload = await client().uploadToS3({
      form,
      file: { source: Buffer.from('12345'), name: 'five.txt' },
    })
    const invalid = await client()
      .createAttachment({
        contactId: CONTACT,
        key: upload.key,
        name: upload.name,
        size: 4,
        attachTo: { type: 'note', id: NOTE },
      })
      .catch((e: unknown) => e)
    expect(invalid).toMatchObject({
      status: 400,
      errorName: 'invalid_request_data',
      errors: { size: expect.any(String) },
    })
    const unauthorised = await client({ apiKey: 'not-the-key' })
      .getUploadForm({ contactId: CONTACT })
      .catch((e: unknown) => e)
    expect(unauthorised).toMatchObject({ status: 401, errorName: 'authorization_data_not_found' })
    expect(String((unauthorised as Error).message)).not.toContain('not-the-key')
  })

  it('stops at an abort mid-upload: no object, no temporary file, no attachment', async () => {
    const controller = new AbortController()
    const size = 9 * 1024 * 1024
    const error = await client()
      .uploadAttachment(
        {
          contactId: CONTACT,
          file: { source: () => patternStream(size, 16 * 1024), name: 'cut.bin', size },
          attachTo: { type: 'note', id: NOTE },
        },
        {
          signal: controller.signal,
          onProgress: (event) => {
            if (event.loaded > 2 * 1024 * 1024) controller.abort()
          },
        },
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CRMKIT_ABORTED' })
    await expect.poll(() => filesUnder(mock.s3.storageDir), { timeout: 5000 }).toEqual([])
    expect(await journal(admin(), '?service=onepagecrm&method=POST')).toEqual([])
  })
})
