import { type RunningSharpSpringMock, startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createSharpSpringClient,
  InvalidOptionsError,
  isCrmkitError,
  type ProgressEvent,
  SharpSpringApiError,
  type SharpSpringPartialFailureError,
} from '../src/index.js'
import {
  armFault,
  filesUnder,
  journal,
  PNG_1X1,
  patternStream,
  scratchDir,
  sha256,
  sha256OfUrl,
} from './helpers.js'

const noWait = async () => {}

describe('SharpSpring client against the mock', () => {
  let mock: RunningSharpSpringMock
  const scratch = scratchDir()
  const admin = () => mock.info.api.replace(/\/pubapi$/, '')
  const client = (extra: Record<string, unknown> = {}) =>
    createSharpSpringClient({ ...mock.info.auth, baseUrl: mock.info.api, sleep: noWait, ...extra })

  beforeAll(async () => {
    mock = await startSharpSpringMock({ config: { maxFileBytes: 64 * 1024 * 1024 } })
  })
  beforeEach(async () => {
    await fetch(`${admin()}/__admin/reset`, { method: 'POST' })
  })
  afterAll(async () => {
    await mock.close()
    scratch.remove()
  })

  it('uploads two files to two leads in one call, like the article’s example, both intact', async () => {
    const second = (
      await client().call<{ creates: Array<{ id: number }> }>('createLeads', {
        objects: [{ emailAddress: 'grace@example.com', firstName: 'Grace' }],
      })
    ).creates[0]?.id as number
    const first = scratch.file('file1.png', PNG_1X1)
    const secondBytes = Buffer.from('second file, from memory')
    const uploads = await client().uploadFiles({
      objectType: 'lead',
      fieldSystemName: mock.demo.fileFields.lead,
      files: [
        { objectId: mock.demo.leadId, file: first },
        { objectId: String(second), file: { source: secondBytes, name: 'file2.txt' } },
      ],
    })
    expect(uploads.map(({ success, id, fileName }) => ({ success, id, fileName }))).toEqual([
      { success: true, id: mock.demo.leadId, fileName: 'file1.png' },
      { success: true, id: second, fileName: 'file2.txt' },
    ])
    expect((await sha256OfUrl(uploads[0]?.url as string)).sha256).toBe(sha256(PNG_1X1))
    expect((await sha256OfUrl(uploads[1]?.url as string)).sha256).toBe(sha256(secondBytes))
    // The body as the mock saw it: the Uploading Files article's part order, the id part named like the file.
    const [entry] = await journal(admin(), '?path=/pubapi/v1.2/uploadFiles')
    expect(entry?.path).toContain('secretKey=[redacted]')
    expect(entry?.parts?.map((part) => part.name)).toEqual([
      'id',
      'objectType',
      'fieldSystemName',
      'files[0]',
      'file1.png',
      'files[1]',
      'file2.txt',
    ])
  })

  it('streams a 40 MiB stream with progress events adding up to its size', async () => {
    const size = 40 * 1024 * 1024
    const events: ProgressEvent[] = []
    const [upload] = await client().uploadFiles(
      {
        objectType: 'lead',
        fieldSystemName: mock.demo.fileFields.lead,
        files: [
          { objectId: mock.demo.leadId, file: { source: () => patternStream(size), name: 'big.bin', size } },
        ],
      },
      { onProgress: (event) => events.push(event) },
    )
    const last = events.at(-1)
    expect(last).toEqual({ fileName: 'big.bin', fileIndex: 0, loaded: size, total: size, attempt: 1 })
    expect(
      events.every((event, i) => i === 0 || event.loaded >= (events[i - 1] as ProgressEvent).loaded),
    ).toBe(true)
    const stored = await sha256OfUrl(upload?.url as string)
    expect(stored.size).toBe(size)
  })

  it('uploads a product image and the product then shows it', async () => {
    const image = await client().uploadProductImage({
      productId: mock.demo.productId,
      image: { source: new Blob([PNG_1X1], { type: 'image/png' }), name: 'rye.png' },
    })
    expect(image).toEqual({
      success: true,
      error: null,
      id: mock.demo.productId,
      imageURL: expect.any(String),
    })
    const products = await client().call<{ product: Array<{ imageURL: string }> }>('getProduct', {
      id: mock.demo.productId,
    })
    expect(products.product[0]?.imageURL).toBe(image.imageURL)
  })

  it('decodes an API-level error into SharpSpringApiError without the secret in its message', async () => {
    const wrong = client({ secretKey: 'WRONG-SECRET-123' })
    const error = await wrong.call('getLeads', { where: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SharpSpringApiError)
    expect(error).toMatchObject({
      code: 'CRMKIT_SHARPSPRING_API',
      apiCode: 105,
      apiMessage: 'User authentication failed.',
    })
    expect(String((error as Error).message)).not.toContain('WRONG-SECRET-123')
    expect((error as SharpSpringApiError).request?.url).toContain('secretKey=[redacted]')
  })

  it("says in the message what the answer's data says: the field that does not exist", async () => {
    const error = await client()
      .uploadFiles({
        objectType: 'lead',
        fieldSystemName: 'no_such_field',
        files: [{ objectId: mock.demo.leadId, file: { source: Buffer.from('a'), name: 'a.txt' } }],
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      apiCode: 205,
      apiMessage: 'Invalid parameters.',
      data: { fieldSystemName: 'no_such_field', reason: 'no such field' },
    })
    expect((error as Error).message).toMatch(
      /^SharpSpring uploadFiles failed: 205 Invalid parameters: fieldSystemName 'no_such_field': no such field: POST http:.*secretKey=\[redacted\]$/,
    )
    const image = await client()
      .uploadProductImage({
        productId: mock.demo.productId,
        image: { source: Buffer.from('text'), name: 'x.png' },
      })
      .catch((e: unknown) => e)
    expect((image as Error).message).toContain(
      'failed: 205 Invalid parameters: productImage: not an image: PNG, JPEG, GIF or WebP expected: POST',
    )
  })

  it('throws SharpSpringPartialFailureError with every item when one file of two fails', async () => {
    const error = await client()
      .uploadFiles({
        objectType: 'lead',
        fieldSystemName: mock.demo.fileFields.lead,
        files: [
          { objectId: mock.demo.leadId, file: { source: Buffer.from('a'), name: 'a.txt' } },
          { objectId: 999999999, file: { source: Buffer.from('b'), name: 'b.txt' } },
        ],
      })
      .catch((e: unknown) => e)
    expect(isCrmkitError(error, 'CRMKIT_SHARPSPRING_PARTIAL')).toBe(true)
    const partial = error as SharpSpringPartialFailureError
    expect(partial).toBeInstanceOf(SharpSpringApiError)
    expect(partial.apiCode).toBe(404)
    expect(partial.message).toMatch(
      /^SharpSpring uploadFiles: 1 of 2 objects failed: #2 404 Not found: lead: 999999999: POST /,
    )
    expect(partial.results).toEqual([
      expect.objectContaining({ success: true, fileName: 'a.txt' }),
      expect.objectContaining({ success: false, fileName: 'b.txt' }),
    ])
  })

  it('returns a partly failed call with allowPartial', async () => {
    const result = await client().call<{ creates: Array<{ success: boolean }> }>(
      'createLeads',
      { objects: [{ emailAddress: 'ada@example.com' }, { emailAddress: 'new@example.com' }] },
      { allowPartial: true },
    )
    expect(result.creates.map((item) => item.success)).toEqual([false, true])
  })

  it('retries 107 (too many calls a second) and succeeds', async () => {
    await armFault(admin(), { fault: 'per-second-limit', path: '/pubapi/v1.2/uploadFiles', times: 2 })
    const retries: number[] = []
    const [upload] = await client({
      onRetry: (event: { attempt: number }) => retries.push(event.attempt),
    }).uploadFiles({
      objectType: 'lead',
      fieldSystemName: mock.demo.fileFields.lead,
      files: [{ objectId: mock.demo.leadId, file: { source: Buffer.from('after 107'), name: 'late.txt' } }],
    })
    expect(retries).toEqual([1, 2])
    expect((await sha256OfUrl(upload?.url as string)).sha256).toBe(sha256('after 107'))
  })

  it('retries a connection dropped mid-file, re-reading the file from its start', async () => {
    const size = 3 * 1024 * 1024
    await armFault(admin(), { fault: 'reset', path: '/pubapi/v1.2/uploadFiles', afterBytes: 1024 * 1024 })
    const attempts = new Set<number>()
    const path = scratch.file('reset.bin', Buffer.alloc(size, 7))
    const [upload] = await client().uploadFiles(
      {
        objectType: 'lead',
        fieldSystemName: mock.demo.fileFields.lead,
        files: [{ objectId: mock.demo.leadId, file: path }],
      },
      { onProgress: (event) => attempts.add(event.attempt) },
    )
    expect([...attempts]).toEqual([1, 2])
    expect(await sha256OfUrl(upload?.url as string)).toMatchObject({
      size,
      sha256: sha256(Buffer.alloc(size, 7)),
    })
  })

  it('does not retry a one-shot stream once it was read, and says why', async () => {
    await armFault(admin(), { fault: 'reset', path: '/pubapi/v1.2/uploadFiles', afterBytes: 200_000 })
    const size = 1024 * 1024
    const error = await client()
      .uploadFiles({
        objectType: 'lead',
        fieldSystemName: mock.demo.fileFields.lead,
        files: [
          { objectId: mock.demo.leadId, file: { source: patternStream(size), name: 'once.bin', size } },
        ],
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CRMKIT_NETWORK', attempts: 1 })
  })

  it('stops at an abort mid-upload and the mock keeps nothing', async () => {
    const controller = new AbortController()
    const size = 48 * 1024 * 1024
    const error = await client()
      .uploadFiles(
        {
          objectType: 'lead',
          fieldSystemName: mock.demo.fileFields.lead,
          files: [
            {
              objectId: mock.demo.leadId,
              file: { source: () => patternStream(size), name: 'cut.bin', size },
            },
          ],
        },
        {
          signal: controller.signal,
          onProgress: (event) => {
            if (event.loaded > 8 * 1024 * 1024) controller.abort(new Error('user cancelled'))
          },
        },
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CRMKIT_ABORTED' })
    // The mock drops the part file once it sees the connection go.
    await expect.poll(() => filesUnder(mock.storageDir), { timeout: 5000 }).toEqual([])
    const leads = await client().call<{ lead: Array<Record<string, string>> }>('getLead', {
      id: mock.demo.leadId,
    })
    expect(leads.lead[0]?.[mock.demo.fileFields.lead]).toBe('')
  })

  it('refuses bad input before sending anything', async () => {
    const upload = (files: Array<{ objectId: number | string; file: { source: Buffer; name: string } }>) =>
      client().uploadFiles({ objectType: 'lead', fieldSystemName: mock.demo.fileFields.lead, files })
    await expect(
      upload([
        { objectId: 1, file: { source: Buffer.from('a'), name: 'same.txt' } },
        { objectId: 2, file: { source: Buffer.from('b'), name: 'same.txt' } },
      ]),
    ).rejects.toThrow(/filenames must be unique/)
    await expect(
      upload([{ objectId: 'abc', file: { source: Buffer.from('a'), name: 'a.txt' } }]),
    ).rejects.toBeInstanceOf(InvalidOptionsError)
    expect(() => createSharpSpringClient({ accountId: 'a', secretKey: '' })).toThrow(/secretKey: is required/)
    expect(await journal(admin())).toEqual([])
  })
})
